"""
How stories and schools are read for display: in a fixed number of queries, however many
there are, and naming a school only while it is public.

Used by the page types (ambassadors/models.py), the overview's filters and the contact form's
choice of ambassador.
"""

from django.db.models import BooleanField, ExpressionWrapper, F, Prefetch, Q
from wagtail.images import get_image_model
from wagtail.images.models import Filter

from core.queries import unrestricted
from core.seo import SOCIAL_IMAGE_SPEC
from core.visibility import is_public, known_restricted_roots

# The renditions of a story card's portrait (templates/includes/story_card.html): one per
# srcset width.
CARD_IMAGE_SPECS = ("fill-400x400", "fill-800x800")
# The columns a story card shows or links with. A list of cards loads only these: a story's
# body, the largest column by far, and the school's texts stay in the database.
PAGE_LINK_FIELDS = ("title", "slug", "url_path", "path", "depth", "live", "content_type", "locale")
# What Wagtail reads of an image to find (or make) its renditions and their alt text: the file,
# its size and focal point (part of a rendition's key), title and description. Not its
# collection, uploader, upload date, file size or hash (0.4 M instructions per query).
IMAGE_RENDITION_FIELDS = (
    *("title", "description", "file", "width", "height"),
    *("focal_point_x", "focal_point_y", "focal_point_width", "focal_point_height"),
)
STORY_CARD_FIELDS = (
    *PAGE_LINK_FIELDS,
    *("role", "quote", "portrait", "school__title", "school__place", "school__live", "school__path"),
    *(f"portrait__{name}" for name in IMAGE_RENDITION_FIELDS),
)
# The renditions of a story page's portrait: the {% picture %} in ambassador_page.html, and
# the social-media image of its meta tags and structured data.
STORY_PORTRAIT_SPECS = (*Filter.expand_spec(["format-{avif,webp}", "fill-{160x160,320x320}"]), SOCIAL_IMAGE_SPEC)


def renditions_prefetch(field, *filter_specs):
    """
    Prefetch the renditions of the image in `field` for `filter_specs` (one query); with
    `field` None, of the images themselves.
    """
    renditions = get_image_model().get_rendition_model().objects.filter(filter_spec__in=filter_specs)
    return Prefetch(f"{field}__renditions" if field else "renditions", queryset=renditions)


def with_image(queryset, field, *filter_specs):
    """
    Join `field` (an image) and prefetch its renditions for `filter_specs`, so a list of
    pages renders its images in a fixed number of queries, however long the list.
    """
    return queryset.select_related(field).prefetch_related(renditions_prefetch(field, *filter_specs))


def public_school_condition():
    """True for a story whose school is live and behind no view restriction (in a query)."""
    return Q(school__live=True) & unrestricted("school__path")


def with_school_visibility(stories):
    """
    `stories` knowing whether their school is public, for `published_school` (no query per
    story). Where the request knows the restricted tree paths (core.visibility), nothing is
    added: `published_school` tests the school's path against them.
    """
    if known_restricted_roots() is not None:
        return stories
    return stories.annotate(
        school_is_public=ExpressionWrapper(public_school_condition(), BooleanField()),
        school_visibility_of=F("school_id"),
    )


def public_or_none(page, name):
    """
    The page in `page`'s relation `name` (a story's school, a school's board) if it is live and
    public, else None. Whether it is public comes from the query that loaded `page`, where that
    annotated it (`with_school_visibility`), else from the request's known restricted paths or
    one query (core.visibility.is_public), remembered on `page`.
    """
    related = getattr(page, name)
    if related is None or not related.live:
        return None
    known = page.__dict__.get(f"{name}_is_public")
    if known is None or page.__dict__.get(f"{name}_visibility_of") != related.pk:
        known = is_public(related)
        page.__dict__.update({f"{name}_is_public": known, f"{name}_visibility_of": related.pk})
    return related if known else None


def card_columns(stories):
    """`stories` with only what their cards show: the card's columns, the school, the portrait."""
    return with_school_visibility(stories.select_related("school", "portrait").only(*STORY_CARD_FIELDS))


def story_cards(stories):
    """`stories` loaded for their cards, with the renditions of their portraits."""
    return with_image(card_columns(stories), "portrait", *CARD_IMAGE_SPECS)
