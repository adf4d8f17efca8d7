"""`manage.py invite_ambassador --email ... --name ... --page <slug>`: see ambassadors/invitations.py."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email

from ambassadors.invitations import REVIEW_CANCELLED_ON_RELINK, invite_ambassador
from ambassadors.models import AmbassadorPage


class Command(BaseCommand):
    help = "Invite an ambassador to edit their story: create or reuse the account, link it, email a password link."

    def add_arguments(self, parser):
        parser.add_argument("--email", required=True)
        parser.add_argument("--name", required=True)
        parser.add_argument("--page", required=True, help="Slug of the ambassador's story, e.g. anje-bechtel.")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Replace the story's current ambassador by this account (the old account loses access).",
        )

    def handle(self, *args, email, name, page, replace=False, **options):
        try:
            validate_email(email)
        except ValidationError as error:
            raise CommandError(f"Not a valid email address: {email}") from error
        story = AmbassadorPage.objects.filter(slug=page).first()
        if story is None:
            raise CommandError(f"No ambassador story with slug {page!r}.")
        try:
            invitation = invite_ambassador(story, email, name, replace=replace)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        if invitation.review_cancelled:
            self.stderr.write(str(REVIEW_CANCELLED_ON_RELINK))
        action = "Created" if invitation.created else "Reused"
        username = invitation.user.get_username()
        if not invitation.email_sent:
            raise CommandError(
                f"{action} account {username}, linked to {story.title}, but the invitation email could not be "
                "sent (see the log). Run this command again when the mail server is back."
            )
        self.stdout.write(self.style.SUCCESS(f"{action} account {username}, linked to {story.title}; invitation sent."))
