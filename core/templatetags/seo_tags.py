"""Meta tags, Open Graph / Twitter cards and JSON-LD for every page (included from base.html)."""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from core.seo import absolute_url, page_description, page_image, social_image

register = template.Library()

# For pages that have no text of their own to describe them (an overview without introduction).
DEFAULT_DESCRIPTION = _(
    "Schoolleiders vertellen hoe zij ouders bij de school betrekken met de Glans-techniek van Klaver CT."
)

# The same escapes as Django's json_script: the JSON can never close the <script> element.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def json_ld(data):
    """`data` as a schema.org <script type="application/ld+json"> element."""
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(JSON_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))  # noqa: S308


@register.inclusion_tag("includes/meta.html", takes_context=True)
def meta_tags(context):
    """
    Description, canonical URL and social cards. A Wagtail page supplies its own; other
    views (search) pass `meta_title`, `meta_description` and optionally `meta_robots`.
    """
    request = context.get("request")
    page = context.get("page")
    tags = {
        "title": context.get("meta_title", ""),
        "description": context.get("meta_description", ""),
        "robots": context.get("meta_robots", ""),
        "site_name": "Glans-techniek",
        "type": "website",
        "image": None,
        "canonical": absolute_url(request.path, request) if request else "",
        "structured_data": context.get("structured_data"),
    }
    if page is not None and hasattr(page, "get_full_url") and request is not None:
        tags["title"] = page.seo_title or page.title
        tags["description"] = page_description(page) or DEFAULT_DESCRIPTION
        tags["canonical"] = page.get_full_url(request)
        tags["type"] = getattr(page, "open_graph_type", "website")
        image = page_image(page)
        if image is not None:
            tags["image"] = {**social_image(image, request), "alt": page.title}
    return tags
