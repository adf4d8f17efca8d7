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
        from wagtail.admin.compare import register_comparison_class
        from wagtail.fields import StreamField

        from . import invalidation
        from .block_comparison import ReaderStreamFieldComparison

        invalidation.connect()
        # The admin's compare view: a StreamField changed only if a reader would see it.
        register_comparison_class(StreamField, comparison_class=ReaderStreamFieldComparison)
