"""
The contact form's limits, kept in Django's cache (core/throttle.py; Redis in production,
shared by every web server, so the limits hold across servers):

- stored requests per client address per window (CONTACT_RATE_LIMIT);
- confirmation emails per recipient address per day (CONTACT_CONFIRMATIONS_PER_ADDRESS), so
  the form cannot be used to mail an arbitrary address over and over.
"""

from django.conf import settings

from core import throttle
from core.client_ip import client_ip

SUBMISSIONS = "contact-submissions"
CONFIRMATIONS = "contact-confirmations"
DAY = 24 * 3600


def is_limited(request):
    """True when this client has used up its submissions for the current window (a read only)."""
    limit, _window = settings.CONTACT_RATE_LIMIT
    return throttle.is_used_up(SUBMISSIONS, client_ip(request), limit)


def take_submission(request):
    """Count one submission; False when it is over the client's allowance (atomic)."""
    limit, window = settings.CONTACT_RATE_LIMIT
    return throttle.take(SUBMISSIONS, client_ip(request), limit, window)


def take_confirmation(email):
    """Count one confirmation to this address; False when today's are used up."""
    return throttle.take(CONFIRMATIONS, email.strip().lower(), settings.CONTACT_CONFIRMATIONS_PER_ADDRESS, DAY)
