"""
Retry the emails of contact requests that could not be sent when they came in.

Run it from cron, e.g. every five minutes:
    */5 * * * *  cd /srv/glans && .venv/bin/python manage.py send_pending_contact_notifications
Safe to run while another run is busy: each request's emails are sent at most once.
"""

from django.core.management.base import BaseCommand

from contact.notifications import pending_notifications, send_notifications


class Command(BaseCommand):
    help = "Send the secretariat and visitor emails of contact requests that are still pending."

    def add_arguments(self, parser):
        parser.add_argument(
            "--max-attempts",
            type=int,
            default=None,
            help="Skip requests that failed this many times (default: CONTACT_NOTIFICATION_MAX_ATTEMPTS).",
        )

    def handle(self, *args, max_attempts=None, **options):
        requests = sent = failed = busy = 0
        for contact_request in pending_notifications(max_attempts).iterator():
            requests += 1
            result = send_notifications(contact_request)
            if result is None:
                busy += 1
                continue
            sent += result
            if contact_request.last_notification_error:
                failed += 1
                self.stderr.write(f"#{contact_request.pk}: {contact_request.last_notification_error}")
        self.stdout.write(
            f"Pending requests: {requests}; emails sent: {sent}; requests still failing: {failed}; "
            f"skipped (busy elsewhere): {busy}."
        )
