"""
The client's IP address, the one rule for everything that counts per client (the admin
login lock-out through django-axes, the contact form's rate limit).

Each trusted reverse proxy appends the address it saw to X-Forwarded-For. With N trusted
proxies (TRUSTED_PROXY_COUNT) the N-th entry from the right is the address the outermost of
them saw: the visitor. Everything left of it came from the visitor and may be forged.
With 0 proxies, REMOTE_ADDR. When the header is short or the entry is not an IP address
(a misconfigured proxy, a request that bypassed the outer proxy), REMOTE_ADDR again: that is
the innermost proxy, so such requests share one bucket instead of choosing their own.
"""

import ipaddress

from django.conf import settings


def _parse(value):
    """An IP address from one X-Forwarded-For entry (ports and IPv6 brackets allowed), or None."""
    value = value.strip()
    if value.startswith("[") and "]" in value:  # [2001:db8::1]:443
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:  # 203.0.113.5:443
        value = value.split(":")[0]
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None


def client_ip(request):
    """The visitor's address as the outermost trusted proxy saw it (see the module docstring)."""
    remote_addr = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return remote_addr
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    if len(forwarded) < proxies:
        return remote_addr
    return _parse(forwarded[-proxies]) or remote_addr
