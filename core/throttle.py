"""
Throttles: counters per client (or per e-mail address) in the shared cache.

`take` counts one use and says whether it was within the allowance, in one atomic step
(`cache.add` + `cache.incr`, atomic in Redis and in the local-memory cache), so concurrent
requests cannot all slip under the limit between a read and a write.

ThrottleMiddleware applies THROTTLED_VIEWS (URL name -> (uses, seconds)) to POSTs of those
views, per client address (core/client_ip.py): Wagtail's page-password form and the admin's
password-reset form. A throttled request gets a Dutch 429 page. For the views in
THROTTLE_COUNT_FAILURES_ONLY a POST that succeeds (answered with a redirect: the right
password) gives its use back, so a school's staff behind one address are not locked out by
each other's correct passwords; the use is still taken first, atomically, so guesses sent at
once cannot slip past the limit.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .client_ip import client_ip


def _key(scope, identity):
    # Hashed, so the cache holds no addresses in the clear.
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{scope}:{identity}".encode()).hexdigest()
    return f"throttle:{scope}:{digest[:32]}"


def take(scope, identity, limit, window):
    """Count one use of `scope` by `identity`; False once more than `limit` in `window` seconds."""
    key = _key(scope, identity)
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=window)
        count = 1
    return count <= limit


def give_back(scope, identity):
    """Return one use of `scope` taken by `identity` (never below zero)."""
    key = _key(scope, identity)
    try:
        if cache.decr(key) < 0:
            cache.set(key, 0)
    except ValueError:  # the window expired in the meantime: nothing to give back
        pass


def is_used_up(scope, identity, limit):
    """True when `identity` has no uses of `scope` left (a read only; `take` decides)."""
    return (cache.get(_key(scope, identity)) or 0) >= limit


def wait_message(window):
    minutes = max(1, round(window / 60))
    return ngettext(
        "Probeer het over %(minutes)d minuut opnieuw.",
        "Probeer het over %(minutes)d minuten opnieuw.",
        minutes,
    ) % {"minutes": minutes}


def too_many_requests(request, window):
    """The Dutch 429 page."""
    context = {
        "message": _("Dit formulier is vanaf jouw adres te vaak kort achter elkaar verstuurd."),
        "wait_message": wait_message(window),
    }
    response = TemplateResponse(request, "429.html", context, status=429)
    response["Retry-After"] = str(window)
    response["Cache-Control"] = "no-store"
    return response


class ThrottleMiddleware:
    """Limits POSTs to the views named in THROTTLED_VIEWS, per client address."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        taken = getattr(request, "throttle_use", None)
        if taken is not None and 300 <= response.status_code < 400:
            give_back(*taken)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method != "POST" or request.resolver_match is None:
            return None
        url_name = request.resolver_match.url_name
        allowance = settings.THROTTLED_VIEWS.get(url_name)
        if allowance is None:
            return None
        limit, window = allowance
        scope, identity = f"view:{url_name}", client_ip(request)
        if not take(scope, identity, limit, window):
            return too_many_requests(request, window)
        if url_name in settings.THROTTLE_COUNT_FAILURES_ONLY:
            request.throttle_use = (scope, identity)
        return None
