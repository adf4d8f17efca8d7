"""
Remove handled contact requests (afgerond / afgewezen / geannuleerd) once the retention
period has passed, with their appointments and history (they cascade).

The period is CONTACT_REQUEST_RETENTION_DAYS (default 365), counted from when the request
was handled. Requests still open (nieuw / voorgesteld / ingepland) are never removed. Run it daily:
    30 3 * * *  cd /srv/glans && .venv/bin/python manage.py purge_contact_requests
"""

from collections import Counter
from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models.functions import Coalesce
from django.utils import timezone

from contact.models import ContactRequest, ContactStatus


class Command(BaseCommand):
    help = "Delete handled contact requests older than the retention period, reporting what was removed."

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than",
            type=int,
            default=None,
            metavar="DAYS",
            help="Days since handling (default: CONTACT_REQUEST_RETENTION_DAYS).",
        )
        parser.add_argument("--dry-run", action="store_true", help="Report what would be removed; remove nothing.")

    def handle(self, *args, older_than=None, dry_run=False, **options):
        days = older_than if older_than is not None else settings.CONTACT_REQUEST_RETENTION_DAYS
        if days < 0:
            raise CommandError("--older-than must be zero or more days.")
        cutoff = timezone.now() - timedelta(days=days)
        expired = (
            ContactRequest.objects.filter(status__in=ContactStatus.handled())
            .annotate(handled_at=Coalesce("status_changed_at", "created_at"))
            .filter(handled_at__lt=cutoff)
            .order_by("created_at")
        )
        with transaction.atomic():
            rows = list(expired.select_for_update().values_list("pk", "created_at", "status"))
            by_status = Counter(status for _pk, _created, status in rows)
            if options["verbosity"] > 1:
                for pk, created_at, status in rows:
                    self.stdout.write(f"  #{pk} received {timezone.localtime(created_at):%Y-%m-%d} ({status})")
            if not dry_run:
                ContactRequest.objects.filter(pk__in=[pk for pk, _created, _status in rows]).delete()
        details = ", ".join(f"{status}: {count}" for status, count in sorted(by_status.items())) or "none"
        verb = "Would remove" if dry_run else "Removed"
        self.stdout.write(
            f"{verb} {len(rows)} handled contact request(s) handled before {timezone.localtime(cutoff):%Y-%m-%d} "
            f"({days} days) — {details}."
        )
