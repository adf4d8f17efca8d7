"""
The page editor's form as the admin posts it, for any page type, built with Wagtail's
`wagtail.test.utils.form_data` helpers from the page's newest draft (or an unsaved page for
the create view).
"""

from django.db import models
from wagtail import blocks
from wagtail.fields import RichTextField, StreamField
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

# Form fields that are no model field (Wagtail's comment notification switch): left unticked.
FORM_ONLY_FIELDS = {"comment_notifications"}


def block_form_value(block, value):
    """A block's raw (JSON) value as its form widgets post it: rich text as the editor's format."""
    if isinstance(block, blocks.RichTextBlock):
        return rich_text(value or "")
    if isinstance(block, blocks.StructBlock):
        value = value or {}
        return {name: block_form_value(child, value.get(name)) for name, child in block.child_blocks.items()}
    return "" if value is None else value


def stream_form_data(stream_block, raw_blocks):
    """A StreamField's form data from its raw blocks ({"type", "value"[, "id"]})."""
    data = streamfield(
        [(raw["type"], block_form_value(stream_block.child_blocks[raw["type"]], raw["value"])) for raw in raw_blocks]
    )
    for index, raw in enumerate(raw_blocks):
        if raw.get("id"):
            data[str(index)]["id"] = raw["id"]
    return data


def field_form_value(field, value):
    if isinstance(field, StreamField):
        return stream_form_data(field.stream_block, value.raw_data if hasattr(value, "raw_data") else value)
    if isinstance(field, RichTextField):
        return rich_text(value or "")
    if isinstance(field, models.DateTimeField):
        return value.strftime("%Y-%m-%d %H:%M") if value else ""
    return "" if value is None else value


def child_rows(formset_class, children):
    """The rows of an inline panel (featured stories and the like) from the draft's children."""
    names = [name for name in formset_class.form.base_fields if name not in ("ORDER", "DELETE")]
    rows = []
    for child in children:
        row = {"id": child.pk or ""}
        for name in names:
            field = child._meta.get_field(name)
            row[name] = getattr(child, field.attname) if field.is_relation else getattr(child, name)
        rows.append({key: "" if value is None else value for key, value in row.items()})
    return rows


def editor_form_data(page, action=None, body=None, answer=None, **overrides):
    """
    The editor form of `page` as a browser posts it: every field from the page's newest draft
    (or from `page` itself when it is not saved yet), then `overrides` by field name.

    `body` replaces the StreamField with raw blocks (as the factories build them); `answer`
    replaces the first answer of a story; `action` is the button pressed, such as
    "action-submit", "action-publish" or "action-workflow-action".
    """
    draft = page.get_latest_revision_as_object() if page.pk else page
    form_class = type(draft).get_edit_handler().get_form_class()
    data = {}
    for name in form_class.base_fields:
        if name in FORM_ONLY_FIELDS:
            continue
        field = draft._meta.get_field(name)
        value = getattr(draft, field.attname)
        if isinstance(field, models.BooleanField) and not value:
            continue  # an unticked checkbox is not posted
        if isinstance(field, StreamField) and (body is not None or answer is not None):
            value = body if body is not None else with_first_answer(value.raw_data, answer)
        data[name] = field_form_value(field, value)
    for name, formset_class in form_class.formsets.items():
        children = getattr(draft, name).all() if name != "comments" else []
        data[name] = inline_formset(child_rows(formset_class, children), initial=len(children))
    data.update(overrides)
    form = nested_form_data(data)
    if action:
        form[action] = "1"
    return form


def with_first_answer(raw_blocks, answer):
    raw_blocks = [dict(raw) for raw in raw_blocks]
    for raw in raw_blocks:
        if raw["type"] == "question_answer":
            raw["value"] = {**raw["value"], "answer": answer}
            break
    return raw_blocks
