"""
Reminders the working day before an appointment, the secretariat's "afgerond?" afterwards and
the visitor's one question (contact/appointment_reminders.py). The worker runs it every hour
(core/schedule.py); each email goes out once however often it runs.
"""

from django.core.management.base import BaseCommand

from contact.appointment_reminders import send_due


class Command(BaseCommand):
    help = "Send the appointment reminders, follow-ups and feedback questions that are due."

    def handle(self, *args, **options):
        sent = send_due()
        if options["verbosity"] > 0:
            self.stdout.write(f"Stored {sent} appointment email(s) in the outbox.")
