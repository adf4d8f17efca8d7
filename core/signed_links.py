"""
Signed, expiring links in emails: "open this page, as this person, about this thing in this state".

Used wherever an email asks a person to decide something (a review step, the yearly story
check, an appointment proposal). The rules every use keeps:

- A link only *opens* a page. GET never decides anything, because mail scanners and link
  previews follow links; the decision is a POST with CSRF from the page the link opened.
- The token is signed with SECRET_KEY (Django's `signing`, salted per purpose, so a token for
  one purpose is worthless for another), carries its own creation time and expires after
  `max_age`.
- It is bound to one user and to the state it was made for (`bound`, e.g. the task state and
  the revision). The view compares that with the current state: a link for a step that has
  moved on, or for an older revision, says so instead of acting.
- It is also bound to the user's password hash and active flag, so a password change or a
  deactivated account ends every link sent before. It outlives a login (the people these emails
  go to often log in first, and a review link asks for a login itself); a link that stands in
  for a login, as a password reset does, passes `ends_on_login=True` so its first use ends it.

The payload is only signed, not encrypted: put ids in it, never personal data.
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core import signing
from django.utils.crypto import salted_hmac


class LinkError(Exception):
    """The link cannot be used; `reason` is "expired", "invalid" or "user"."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class SignedLink:
    user: object
    bound: dict


def _user_fingerprint(user, with_login):
    """Changes when the user's password changes or (`with_login`) they log in again after a reset."""
    login = ""
    if with_login and user.last_login is not None:
        login = user.last_login.replace(microsecond=0, tzinfo=None).isoformat()
    return salted_hmac("core.signed_links.user", f"{user.pk}:{user.password}:{login}:{user.is_active}").hexdigest()[:16]


class LinkSigner:
    """Makes and reads the tokens of one purpose ("review", "story-check", "appointment", …)."""

    def __init__(self, purpose, max_age, ends_on_login=False):
        self.salt = f"core.signed_links.{purpose}"
        self.max_age = max_age  # seconds, or a timedelta
        self.ends_on_login = ends_on_login

    def make(self, user, **bound):
        payload = {"u": user.pk, "f": _user_fingerprint(user, self.ends_on_login), "b": bound}
        return signing.dumps(payload, salt=self.salt, compress=True)

    def read(self, token):
        """The user and the bound values of a valid token; raises LinkError otherwise."""
        try:
            payload = signing.loads(str(token), salt=self.salt, max_age=self.max_age)
        except signing.SignatureExpired:
            raise LinkError("expired") from None
        except (signing.BadSignature, ValueError, TypeError):
            raise LinkError("invalid") from None
        if not isinstance(payload, dict) or not isinstance(payload.get("b"), dict):
            raise LinkError("invalid")
        user = get_user_model().objects.filter(pk=payload.get("u"), is_active=True).first()
        if user is None or payload.get("f") != _user_fingerprint(user, self.ends_on_login):
            raise LinkError("user")
        return SignedLink(user=user, bound=payload["b"])
