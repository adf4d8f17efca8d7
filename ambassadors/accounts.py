"""
Which accounts may be linked to a story as its ambassador: a fresh account, or the one
already linked to it. Never a staff account, never the ambassador of another story.

Asked by the invitation (ambassadors/invitations.py) and by the story editor's form
(ambassadors/forms.py), so every route that links an account applies the same rule.
"""

from django.utils.translation import gettext as _

from .access import STORY_GROUP_PREFIX
from .workflow import AMBASSADORS_GROUP


def is_staff_account(user):
    """Staff: admin flags, direct permissions, or any group other than the ambassadors' own."""
    if user.is_staff or user.is_superuser or user.user_permissions.exists():
        return True
    other_groups = user.groups.exclude(name=AMBASSADORS_GROUP).exclude(name__startswith=f"{STORY_GROUP_PREFIX} ")
    return other_groups.exists()


def other_story_of(page, user):
    """The other story `user` is linked to, on the page itself or in its newest draft."""
    stories = type(page)._default_manager
    others = stories.exclude(pk=page.pk) if page.pk else stories.all()
    in_draft = others.filter(latest_revision__content__ambassador_account=user.pk)
    linked = others.filter(ambassador_account=user) | in_draft
    return linked.order_by("pk").first()


def account_link_problem(page, user):
    """Why `user` may not become the ambassador of `page`, in Dutch, or None if they may."""
    if user is None:
        return None
    if is_staff_account(user):
        return _(
            "%(email)s is een account van een medewerker en kan niet aan een verhaal worden gekoppeld. "
            "Gebruik het e-mailadres van de ambassadeur zelf."
        ) % {"email": user.email or user.get_username()}
    other = other_story_of(page, user)
    if other is not None:
        return _(
            "Het account van %(email)s hoort al bij het verhaal „%(title)s”. Eén account hoort bij één "
            "verhaal: koppel het daar eerst los, of gebruik een ander e-mailadres."
        ) % {"email": user.email or user.get_username(), "title": other.title}
    return None
