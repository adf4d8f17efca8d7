"""
What search engines and social networks read about a page: its description and image.

Used by the meta tags in templates/includes/meta.html (see core/templatetags/seo_tags.py)
and by the schema.org data of ambassadors/structured_data.py.
"""

from django.utils.text import Truncator
from wagtail.fields import RichTextField
from wagtail.images.models import Filter
from wagtail.models import Site
from wagtail.rich_text import get_text_for_indexing

DESCRIPTION_LENGTH = 160
# Open Graph and Twitter cards show a 1.91:1 picture; JPEG, because not every network reads WebP.
SOCIAL_IMAGE_SPEC = "fill-1200x630|format-jpeg|jpegquality-80"
# Built once: a Filter parses its spec (binding each operation's arguments) the first time it is
# used, and a page asks for up to three social images (meta tags, structured data).
SOCIAL_IMAGE_FILTER = Filter(SOCIAL_IMAGE_SPEC)


def page_description(page):
    """
    The page's search description, else the first text that introduces it (the page type's
    `summary_fields`, core.pages.SitePage), shortened.
    """
    text = page.search_description
    if not text:
        for name in getattr(page, "summary_fields", ()):
            value = getattr(page, name, None)
            if value:
                text = plain_text(page, name, value)
                break
    return Truncator(" ".join((text or "").split())).chars(DESCRIPTION_LENGTH)


def plain_text(page, name, value):
    """
    The text of a field as a reader sees it. Only rich text loses its markup (and entities):
    in a plain text field, "<" is something the editor typed, not the start of a tag.
    """
    if isinstance(page._meta.get_field(name), RichTextField):
        return get_text_for_indexing(str(value))
    return str(value)


def page_image(page):
    """The image that represents the page (the first of its type's `image_fields` set), or None."""
    for name in getattr(page, "image_fields", ()):
        image = getattr(page, name, None)
        if image is not None:
            return image
    return None


def absolute_url(url, request):
    """
    `url` on the site's own host name (as editors set it under Settings > Sites, like the
    canonical URLs Wagtail builds), whatever host the request came in on.
    """
    if url.startswith(("http://", "https://")):
        return url
    site = Site.find_for_request(request)
    base = site.root_url if site is not None else request.build_absolute_uri("/").rstrip("/")
    return base + url


def social_image(image, request):
    """The absolute URL and size of the social-media rendition of `image`."""
    # get_renditions, unlike get_rendition, uses prefetched renditions without writing them
    # back to the cache.
    rendition = image.get_renditions(SOCIAL_IMAGE_FILTER)[SOCIAL_IMAGE_SPEC]
    return {"url": absolute_url(rendition.url, request), "width": rendition.width, "height": rendition.height}
