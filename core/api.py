"""
A related-page field for the public API (Wagtail API v2) that shows only what is public.

Wagtail's pages endpoint lists live, public pages only, but a relation such as a story's
school is serialised whatever the state of the page it points to: `?fields=school(*)` would
give the title and place of a draft or password-protected school. This field gives null
instead, unless the related page is live and public.
https://docs.wagtail.org/en/stable/advanced_topics/api/v2/configuration.html
"""

from rest_framework.fields import Field

from .visibility import is_public


class PublicPageField(Field):
    """The related page, nested as Wagtail nests it, or null when it is not public."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def get_attribute(self, instance):
        page = super().get_attribute(instance)
        # None is written as null without calling to_representation.
        return page if page is not None and is_public(page) else None

    def to_representation(self, page):
        # The view builds a serializer for the nested fields asked for (`school(title,place)`),
        # as it does for Wagtail's own related fields.
        serializer_class = self.parent.child_serializer_classes[self.field_name]
        return serializer_class(context=self.context).to_representation(page)
