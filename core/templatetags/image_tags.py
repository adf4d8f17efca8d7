"""
Wagtail's `image`, `srcset_image` and `picture` tags, with each tag's filters built once.

Wagtail's template nodes build new `Filter` objects on every render, and a Filter parses its
spec (binding every operation's arguments with `inspect`) the first time it is used: about
0.3 ms for each story card's srcset. A compiled template, and so each of its nodes, is reused
for every render (Django's cached template loader), so here a node keeps its Filters. Same
syntax and the same HTML as `wagtailimages_tags`, whose parser does the work.
"""

from django import template
from django.utils.functional import cached_property
from wagtail.images.templatetags import wagtailimages_tags

register = template.Library()


class ImageNode(wagtailimages_tags.ImageNode):
    @cached_property
    def filter(self):
        return super().get_filter()

    def get_filter(self):
        return self.filter


class SrcsetImageNode(wagtailimages_tags.SrcsetImageNode):
    @cached_property
    def filters(self):
        return super().get_filters()

    def get_filters(self):
        return self.filters


class PictureNode(SrcsetImageNode, wagtailimages_tags.PictureNode):
    """Wagtail's PictureNode is a SrcsetImageNode: it keeps its filters the same way."""


NODES = {
    wagtailimages_tags.ImageNode: ImageNode,
    wagtailimages_tags.SrcsetImageNode: SrcsetImageNode,
    wagtailimages_tags.PictureNode: PictureNode,
}


@register.tag("image")
@register.tag("srcset_image")
@register.tag("picture")
def image(parser, token):
    node = wagtailimages_tags.image(parser, token)
    return NODES[type(node)](node.image_expr, node.filter_specs, output_var_name=node.output_var_name, attrs=node.attrs)
