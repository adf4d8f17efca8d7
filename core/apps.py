from django.apps import AppConfig


class CoreConfig(AppConfig):
    """
    The bottom layer: what is site-wide and belongs to no content domain.

    `core` imports no other app of the project; the content apps (home, ambassadors,
    contact, search) build on it, and the project package (website) sits on top.
    """

    name = "core"
    verbose_name = "Core"

    def ready(self):
        from . import invalidation

        invalidation.connect()
