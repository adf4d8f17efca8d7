"""
"What changed", in plain words, for workflow emails: the fields and StreamField blocks of a
revision that differ from the live version of the page.

Wagtail's compare view (wagtail.admin.compare) renders HTML diffs for the admin; an email
needs a short plain-text list, so this walks the model's fields and the blocks (matched by
their ids) itself.
"""

from django.db import models
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext as _
from wagtail.blocks import StreamValue
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.rich_text import get_text_for_indexing

# The Page fields an editor changes; the rest (tree, locking, revisions) is bookkeeping.
PAGE_CONTENT_FIELDS = ["title", "slug", "seo_title", "search_description", "go_live_at", "expire_at"]
EXCERPT_CHARS = 140


def _content_fields(model):
    page_field_names = {field.name for field in Page._meta.get_fields()}
    fields = [model._meta.get_field(name) for name in PAGE_CONTENT_FIELDS]
    for field in model._meta.get_fields():
        if field.name in page_field_names or not getattr(field, "concrete", False) or field.auto_created:
            continue
        fields.append(field)
    return fields


def _plain(value):
    """An excerpt of plain text: what an editor typed stays as typed ("<b>" included)."""
    text = " ".join(str(value or "").split())
    return Truncator(text).chars(EXCERPT_CHARS) if text else _("(leeg)")


def _field_value(obj, field):
    if isinstance(field, models.ForeignKey):
        return getattr(obj, field.attname)
    return getattr(obj, field.name)


def _display(obj, field):
    if isinstance(field, models.ForeignKey):
        return _plain(getattr(obj, field.name, None))
    if field.choices:
        return _plain(getattr(obj, f"get_{field.name}_display")())
    if isinstance(field, RichTextField):
        return _plain(get_text_for_indexing(getattr(obj, field.name) or ""))
    return _plain(getattr(obj, field.name))


def _block_text(block):
    """A block's text, whatever its type, for an excerpt (rich text comes without markup)."""
    value = block.block.get_searchable_content(block.value)
    return _plain(" ".join(str(part) for part in value))


def _stream_changes(label, old, new):
    old_blocks = {block.id: (index, block) for index, block in enumerate(old or [])}
    new_blocks = {block.id: (index, block) for index, block in enumerate(new or [])}
    lines = []
    for block_id, (index, block) in new_blocks.items():
        block_label = capfirst(str(block.block.label))
        if block_id not in old_blocks:
            lines.append(
                _("%(field)s: blok %(number)s (%(block)s) toegevoegd: “%(text)s”")
                % {"field": label, "number": index + 1, "block": block_label, "text": _block_text(block)}
            )
            continue
        old_index, old_block = old_blocks[block_id]
        if block.block.get_prep_value(block.value) != old_block.block.get_prep_value(old_block.value):
            lines.append(
                _("%(field)s: blok %(number)s (%(block)s) gewijzigd, nu: “%(text)s”")
                % {"field": label, "number": index + 1, "block": block_label, "text": _block_text(block)}
            )
        elif index != old_index:
            lines.append(
                _("%(field)s: blok %(number)s (%(block)s) verplaatst")
                % {"field": label, "number": index + 1, "block": block_label}
            )
    for block_id, (index, block) in old_blocks.items():
        if block_id not in new_blocks:
            lines.append(
                _("%(field)s: blok %(number)s (%(block)s) verwijderd")
                % {"field": label, "number": index + 1, "block": capfirst(str(block.block.label))}
            )
    return lines


def describe_changes(live, draft):
    """
    Plain-language lines saying how `draft` differs from `live` (two instances of the same
    page model). `live` is None for a page that was never published.
    """
    if live is None:
        return [_("Nieuwe pagina: nog niet eerder gepubliceerd.")]
    lines = []
    for field in _content_fields(type(draft)):
        label = capfirst(str(field.verbose_name))
        if isinstance(field, StreamField):
            old, new = getattr(live, field.name), getattr(draft, field.name)
            if isinstance(old, StreamValue) and isinstance(new, StreamValue):
                lines.extend(_stream_changes(label, old, new))
            continue
        if _field_value(live, field) != _field_value(draft, field):
            lines.append(
                _("%(field)s gewijzigd: was “%(old)s”, wordt “%(new)s”")
                % {"field": label, "old": _display(live, field), "new": _display(draft, field)}
            )
    return lines or [_("Geen verschillen met de gepubliceerde versie.")]


def describe_revision_changes(revision):
    """How a revision differs from the live version of its page."""
    page = revision.content_object
    draft = revision.as_object()
    live = None
    if page.live:
        live_revision = page.live_revision
        if live_revision is not None and live_revision.pk == revision.pk:
            # Just published: compare with what was live before it.
            live_revision = previously_published_revision(page, revision)
            live = live_revision.as_object() if live_revision else None
        else:
            live = live_revision.as_object() if live_revision else page.specific
    return describe_changes(live, draft)


def previously_published_revision(page, revision):
    """The revision that was published before `revision`, from the page's history."""
    from wagtail.models import PageLogEntry

    entry = (
        PageLogEntry.objects.filter(page=page, action="wagtail.publish", revision__isnull=False)
        .exclude(revision=revision)
        .filter(timestamp__lte=revision.created_at)
        .order_by("-timestamp", "-id")
        .select_related("revision")
        .first()
    )
    return entry.revision if entry else None
