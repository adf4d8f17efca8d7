"""
Security headers that depend on where a request goes.

The public site gets the strict Content-Security-Policy from settings (no inline script
without a nonce). Wagtail's admin relies on inline scripts and styles of its own, so it gets
a separate, relaxed policy that still denies plugins, foreign frames and foreign forms.
django-csp 4 has no per-path policies of its own; its documented extension point is
`get_policy_parts` (https://django-csp.readthedocs.io/en/latest/migration-guide.html).
"""

from csp.constants import HEADER, NONE, SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware
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


class SitePolicyCSPMiddleware(CSPMiddleware):
    """django-csp's middleware, with the admin's own policy under /admin/."""

    def process_response(self, request, response):
        if request.path_info.startswith(paths.ADMIN) and HEADER in response:
            # Wagtail renders a preview by sending a fake request for the page's public URL
            # through the whole middleware stack, which gives it the public policy (framing
            # denied). The preview is served under /admin/, so the admin's policy applies.
            del response[HEADER]
        return super().process_response(request, response)

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and request.path_info.startswith(paths.ADMIN):
            parts.config = ADMIN_CONTENT_SECURITY_POLICY
            # A nonce next to 'unsafe-inline' would switch 'unsafe-inline' off.
            parts.nonce = None
        return parts
