from django.apps import AppConfig


class AmbassadorsConfig(AppConfig):
    name = "ambassadors"
    verbose_name = "Ambassadeurs"

    def ready(self):
        from . import review_deadlines, signal_handlers
        from .notifications import connect_workflow_notifications

        signal_handlers.connect()
        review_deadlines.connect()  # each workflow step gets its due date when it starts
        # Must run before wagtail.admin's ready() (app order in INSTALLED_APPS): see notifications.py.
        connect_workflow_notifications()
