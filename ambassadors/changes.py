"""
What changed, for reviewers: how the revision under review differs from the live version,
field by field and block by block, with the words that changed and who changed them. The
workflow emails use it (plain text and HTML), and so may any review screen:

    summary = summarise_revision(revision)
    for item in summary.items:  # label, kind (added/removed/moved/changed), segments, authors

It compares what a reader sees (core/reader_text.py), never the stored form: the admin's
editor stores an untouched answer again with new markup, and that is no change. Blocks are
matched by their ids, so a block that only moved is "moved", not "changed". Each change is
credited to whoever saved a revision that changed it, walking the revisions since the live
version one step at a time.

Rendered by templates/ambassadors/includes/change_summary.txt and .html.
"""

import difflib
from dataclasses import dataclass, field, replace

from django.db import models
from django.utils import formats, timezone
from django.utils.encoding import force_str
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.blocks import StreamValue
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PageLogEntry, Revision

from core.reader_text import plain_text, reader_parts, reader_title, rich_text_as_text
from core.word_diff import DELETE, INSERT, Segment, in_context, word_diff

ADDED, REMOVED, MOVED, CHANGED = "added", "removed", "moved", "changed"
KIND_LABELS = {
    ADDED: gettext_lazy("toegevoegd"),
    REMOVED: gettext_lazy("verwijderd"),
    MOVED: gettext_lazy("verplaatst"),
    CHANGED: gettext_lazy("gewijzigd"),
}
# The Page fields an editor changes; the rest (tree, locking, revisions) is bookkeeping.
PAGE_CONTENT_FIELDS = ["title", "slug", "seo_title", "search_description", "go_live_at", "expire_at"]


@dataclass
class ChangeItem:
    """One changed field or block: what it is, how it changed, the words, and by whom."""

    label: str
    kind: str  # ADDED, REMOVED, MOVED or CHANGED
    segments: list  # core.word_diff.Segment: the changed words whole, a few words of context
    authors: list = field(default_factory=list)  # users, in the order they changed it
    detail: str = ""  # for a move: from where to where
    key: tuple = ()
    author_names: list = field(default_factory=list)  # set by ChangeSummary.named_for

    @property
    def kind_label(self):
        return str(KIND_LABELS[self.kind])


@dataclass
class ChangeSummary:
    items: list
    new_page: bool = False  # never published: there is nothing to compare with

    def named_for(self, viewer):
        """The summary with the authors' names as `viewer` may read them (ambassadors read "Klaver CT" for staff)."""
        from .admin_privacy import STAFF_NAME, is_ambassador

        hide_others = viewer is not None and is_ambassador(viewer)

        def name(user):
            if hide_others and user.pk != viewer.pk:
                return str(STAFF_NAME)
            return user.get_full_name() or user.get_username()

        items = [
            replace(item, author_names=list(dict.fromkeys(name(user) for user in item.authors))) for item in self.items
        ]
        return replace(self, items=items)

    def as_lines(self):
        """Plain-text lines, as the email's template writes them."""
        from django.template.loader import render_to_string

        text = render_to_string("ambassadors/includes/change_summary.txt", {"summary": self.named_for(None)})
        return [line.strip() for line in text.splitlines() if line.strip()]


# What a reader sees of one version of a page.


@dataclass
class _Block:
    id: str
    position: int  # 1-based
    name: str  # "Vraag en antwoord „Hoe werken jullie …?”"
    parts: list  # (label, text)

    def text(self):
        return "\n".join(f"{label}: {text}" if label else text for label, text in self.parts if text)


def _content_fields(model):
    page_field_names = {f.name for f in Page._meta.get_fields()}
    fields = [model._meta.get_field(name) for name in PAGE_CONTENT_FIELDS]
    for model_field in model._meta.get_fields():
        if model_field.name in page_field_names or not getattr(model_field, "concrete", False):
            continue
        if model_field.auto_created:
            continue
        fields.append(model_field)
    return fields


def _field_key(obj, model_field):
    """What decides whether a field changed (a related object's id; else the text a reader sees)."""
    if isinstance(model_field, models.ForeignKey):
        return getattr(obj, model_field.attname)
    return _field_text(obj, model_field)


def _field_text(obj, model_field):
    if isinstance(model_field, models.ForeignKey):
        related = getattr(obj, model_field.name, None)
        return plain_text(force_str(related)) if related is not None else ""
    value = getattr(obj, model_field.name)
    if model_field.choices:
        return force_str(getattr(obj, f"get_{model_field.name}_display")() or "")
    if isinstance(model_field, RichTextField):
        return rich_text_as_text(value or "")
    if isinstance(model_field, models.DateTimeField):
        return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT") if value else ""
    if isinstance(model_field, models.BooleanField):
        return _("Ja") if value else _("Nee")
    return plain_text(value)


def _blocks(stream):
    if not isinstance(stream, StreamValue):
        return []
    found = []
    for index, child in enumerate(stream):
        title = reader_title(child.block, child.value)
        name = capfirst(force_str(child.block.label)) + (f" „{title}”" if title else "")
        parts = reader_parts(child.block, child.value)
        found.append(_Block(child.id or f"#{index}", index + 1, name, parts))
    return found


@dataclass
class _Version:
    obj: object
    fields: dict  # name: (model field, key)
    streams: dict  # name: list of _Block


def _version(obj):
    fields, streams = {}, {}
    for model_field in _content_fields(type(obj)):
        if isinstance(model_field, StreamField):
            streams[model_field.name] = _blocks(getattr(obj, model_field.name))
        else:
            fields[model_field.name] = (model_field, _field_key(obj, model_field))
    return _Version(obj, fields, streams)


# Comparing two versions.


def _moved(old_blocks, new_blocks):
    """Ids of the blocks that changed place among the blocks both versions have."""
    new_ids = {block.id for block in new_blocks}
    old_ids = {block.id for block in old_blocks}
    old_order = [block.id for block in old_blocks if block.id in new_ids]
    new_order = [block.id for block in new_blocks if block.id in old_ids]
    matcher = difflib.SequenceMatcher(None, old_order, new_order, autojunk=False)
    stayed = {
        block_id for tag, i1, i2, _j1, _j2 in matcher.get_opcodes() if tag == "equal" for block_id in old_order[i1:i2]
    }
    return set(new_order) - stayed


def _compare(old, new):
    """The ChangeItems (without authors) that turn version `old` into version `new`."""
    items = []
    for name, (model_field, new_key) in new.fields.items():
        old_key = old.fields[name][1]
        if old_key == new_key:
            continue
        old_text, new_text = _field_text(old.obj, model_field), _field_text(new.obj, model_field)
        segments = in_context(word_diff(old_text, new_text))
        if segments:
            items.append(
                ChangeItem(capfirst(force_str(model_field.verbose_name)), CHANGED, segments, key=("field", name))
            )
    for name, new_blocks in new.streams.items():
        field_label = capfirst(force_str(type(new.obj)._meta.get_field(name).verbose_name))
        old_blocks = old.streams[name]
        old_by_id = {block.id: block for block in old_blocks}
        new_ids = {block.id for block in new_blocks}
        moved = _moved(old_blocks, new_blocks)

        def label(block, part="", field_label=field_label):
            text = _("%(field)s, blok %(number)s: %(block)s") % {
                "field": field_label,
                "number": block.position,
                "block": block.name,
            }
            return f"{text} › {part}" if part else text

        for block in new_blocks:
            previous = old_by_id.get(block.id)
            if previous is None:
                segments = [Segment(INSERT, block.text())] if block.text() else []
                items.append(ChangeItem(label(block), ADDED, segments, key=("touched", name, block.id)))
                continue
            if block.id in moved:
                detail = _("van plaats %(old)s naar %(new)s") % {"old": previous.position, "new": block.position}
                items.append(ChangeItem(label(block), MOVED, [], detail=detail, key=("moved", name, block.id)))
            old_parts = dict(previous.parts)
            for part_label, text in block.parts:
                segments = in_context(word_diff(old_parts.get(part_label, ""), text))
                if segments:
                    key = ("part", name, block.id, part_label)
                    items.append(ChangeItem(label(block, part_label), CHANGED, segments, key=key))
        for block in old_blocks:
            if block.id not in new_ids:
                segments = [Segment(DELETE, block.text())] if block.text() else []
                items.append(ChangeItem(label(block), REMOVED, segments, key=("removed", name, block.id)))
    return items


def _step_keys(old, new):
    """What one revision changed, as item keys: a changed part also counts as touching its block."""
    keys = set()
    for item in _compare(old, new):
        keys.add(item.key)
        if item.key[0] == "part":
            keys.add(("touched", *item.key[1:3]))
    return keys


def summarise(live, draft, steps=()):
    """
    How `draft` differs from `live` (two instances of one model; `live` None when never
    published). `steps` are (user, version object) in the order saved since `live`: each
    item is credited to the users of the steps that changed it.
    """
    if live is None:
        return ChangeSummary(items=[], new_page=True)
    old = _version(live)
    items = _compare(old, _version(draft))
    if steps:
        previous = old
        credited = []
        for user, obj in steps:
            current = _version(obj)
            if user is not None:
                credited.append((user, _step_keys(previous, current)))
            previous = current
        for item in items:
            authors = {}
            for user, keys in credited:
                if item.key in keys:
                    authors.setdefault(user.pk, user)
            item.authors = list(authors.values())
    return ChangeSummary(items=items)


# From a revision.


def previously_published_revision(page, revision):
    """The revision that was published before `revision`, from the page's history."""
    entry = (
        PageLogEntry.objects.filter(page=page, action="wagtail.publish", revision__isnull=False)
        .exclude(revision=revision)
        .filter(timestamp__lte=revision.created_at)
        .order_by("-timestamp", "-id")
        .select_related("revision")
        .first()
    )
    return entry.revision if entry else None


def _base_revision(page, revision):
    """The revision to compare with: the live one, or the one before if `revision` was just published."""
    if not page.live:
        return None, None
    live_revision = page.live_revision
    if live_revision is not None and live_revision.pk == revision.pk:
        live_revision = previously_published_revision(page, revision)
        return live_revision, live_revision.as_object() if live_revision else None
    return live_revision, live_revision.as_object() if live_revision else page.specific


def _revisions_between(page, base, revision):
    """The revisions after `base` up to and including `revision`, oldest first, with their users."""
    revisions = Revision.objects.for_instance(page).select_related("user")
    after_base = models.Q(created_at__gt=base.created_at) | models.Q(created_at=base.created_at, id__gt=base.pk)
    up_to = models.Q(created_at__lt=revision.created_at) | models.Q(created_at=revision.created_at, id__lte=revision.pk)
    return list(revisions.filter(after_base, up_to).order_by("created_at", "id"))


def summarise_revision(revision):
    """How `revision` differs from the live version of its page, with who changed what."""
    page = revision.content_object.specific
    base, live = _base_revision(page, revision)
    if live is None:
        return summarise(None, None)
    revisions = _revisions_between(page, base, revision) if base is not None else []
    steps = [(step.user, step.as_object()) for step in revisions]
    # The last step is the revision itself: build it once.
    draft = steps[-1][1] if revisions and revisions[-1].pk == revision.pk else revision.as_object()
    return summarise(live, draft, steps)


def describe_revision_changes(revision):
    """The summary as plain-text lines (kept for callers that want lines)."""
    return summarise_revision(revision).as_lines()
