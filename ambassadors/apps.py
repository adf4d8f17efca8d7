from django.apps import AppConfig


class AmbassadorsConfig(AppConfig):
    name = "ambassadors"
    verbose_name = "Ambassadeurs"

    def ready(self):
        from . import signal_handlers
        from .notifications import connect_workflow_notifications

        signal_handlers.connect()
        # Must run before wagtail.admin's ready() (app order in INSTALLED_APPS): see notifications.py.
        connect_workflow_notifications()
