from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContactConfig(AppConfig):
    name = "contact"
    verbose_name = _("Contact")

    def ready(self):
        from ambassadors.models import AmbassadorPage

        # Every story page shows whether its ambassador takes new conversations
        # (contact_tags.story_contact): fetched with the story, not in a query of its own.
        AmbassadorPage.serve_with_related("availability")
