"""
Security headers that depend on where a request goes.

The public site gets the strict Content-Security-Policy from settings (no inline script
without a nonce). Wagtail's admin relies on inline scripts and styles of its own, so it gets
a separate, relaxed policy that still denies plugins, foreign frames and foreign forms.
django-csp 4 has no per-path policies of its own; its documented extension point is
`get_policy_parts` (https://django-csp.readthedocs.io/en/latest/migration-guide.html).

django-csp builds the policy string from the settings on every response; for a page-cache hit
that was a quarter of the work (docs/performance.md). The public policy differs between
responses only in its nonce, so it is built once per process (and per settings object, which
tests override) with a placeholder, and the nonce is put in.
"""

import secrets

from csp.constants import HEADER, HEADER_REPORT_ONLY, NONE, SELF, UNSAFE_INLINE
from csp.middleware import CheckableLazyObject, CSPMiddleware
from csp.utils import build_policy
from django.conf import settings

from . import paths

ADMIN_CONTENT_SECURITY_POLICY = {
    "default-src": [SELF],
    "script-src": [SELF, UNSAFE_INLINE],
    "style-src": [SELF, UNSAFE_INLINE],
    "img-src": [SELF, "data:", "blob:"],
    "font-src": [SELF, "data:"],
    "connect-src": [SELF],
    "frame-src": [SELF, *settings.VIDEO_PLAYER_ORIGINS],
    "object-src": [NONE],
    "base-uri": [SELF],
    "form-action": [SELF],
    "frame-ancestors": [SELF],
}


# Never a real nonce: those are base64 of random bytes (no "-").
NONCE_PLACEHOLDER = f"nonce-placeholder-{secrets.token_hex(8)}"
# Per-response changes django-csp's decorators make; a response with one gets django-csp's own path.
PER_RESPONSE_POLICY = ("_csp_config", "_csp_update", "_csp_replace", "_csp_config_ro", "_csp_update_ro")
PER_RESPONSE_POLICY += ("_csp_replace_ro", "_csp_exempt", "_csp_exempt_ro")
POLICY_SETTINGS = {False: "CONTENT_SECURITY_POLICY", True: "CONTENT_SECURITY_POLICY_REPORT_ONLY"}
_public_policies = {}


def public_policy(report_only, nonce):
    """The header value of the settings' policy with `nonce` (or none), built once per settings object."""
    setting = getattr(settings, POLICY_SETTINGS[report_only], None)
    key = (report_only, nonce is None)
    kept = _public_policies.get(key)
    if kept is None or kept[0] is not setting:
        placeholder = None if nonce is None else NONCE_PLACEHOLDER
        kept = _public_policies[key] = (setting, build_policy(nonce=placeholder, report_only=report_only))
    return kept[1] if nonce is None else kept[1].replace(NONCE_PLACEHOLDER, nonce)


class SitePolicyCSPMiddleware(CSPMiddleware):
    """django-csp's middleware, with the admin's own policy under /admin/."""

    def process_response(self, request, response):
        if request.path_info.startswith(paths.ADMIN):
            if HEADER in response:
                # Wagtail renders a preview by sending a fake request for the page's public URL
                # through the whole middleware stack, which gives it the public policy (framing
                # denied). The preview is served under /admin/, so the admin's policy applies.
                del response[HEADER]
            return super().process_response(request, response)
        if settings.DEBUG or any(hasattr(response, name) for name in PER_RESPONSE_POLICY):
            return super().process_response(request, response)
        # What django-csp's process_response does for a public response, with the policy built once.
        nonce = getattr(request, "_csp_nonce", None)
        for header, report_only in ((HEADER, False), (HEADER_REPORT_ONLY, True)):
            excluded = (getattr(settings, POLICY_SETTINGS[report_only], None) or {}).get("EXCLUDE_URL_PREFIXES") or ()
            policy = public_policy(report_only, nonce)
            if policy and header not in response and not request.path_info.startswith(tuple(excluded)):
                response[header] = policy
        if nonce is None:
            # As django-csp: a nonce asked for after the header is written would not be in it.
            request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and request.path_info.startswith(paths.ADMIN):
            parts.config = ADMIN_CONTENT_SECURITY_POLICY
            # A nonce next to 'unsafe-inline' would switch 'unsafe-inline' off.
            parts.nonce = None
        return parts
