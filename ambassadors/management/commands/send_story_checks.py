"""`manage.py send_story_checks`: email "Klopt je verhaal nog?" to ambassadors whose story is due."""

from django.core.management.base import BaseCommand

from ambassadors.yearly_check import send_reminders


class Command(BaseCommand):
    help = "Email each ambassador whose story has reached its review-by date (once per date). Safe to run again."

    def handle(self, *args, **options):
        sent = send_reminders()
        if options["verbosity"]:
            self.stdout.write(f"Story checks sent: {sent}")
