"""Email backends for tests of mail failure."""

import smtplib

from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend


class FailingEmailBackend(BaseEmailBackend):
    """A mail server that is down: every send raises, as Django's SMTP backend would."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPConnectError(421, "Service not available")


class ReentrantEmailBackend(LocmemBackend):
    """
    Runs `during_send` (once) in the middle of sending, to interleave a second process
    deterministically, then delivers to django.core.mail.outbox.
    """

    during_send = None

    def send_messages(self, email_messages):
        callback, ReentrantEmailBackend.during_send = ReentrantEmailBackend.during_send, None
        if callback:
            callback()
        return super().send_messages(email_messages)
