"""
What a reader sees of a field or StreamField block, as plain text: the text that change
summaries and the admin's compare view diff.

Stored values are no good for that: the admin's rich text editor stores an untouched answer
again with new `data-block-key` attributes, and a ChoiceBlock stores its key where a reader
sees its label. Here rich text becomes one line per paragraph, heading or list item (items
marked "-" or "1."), a link keeps its target after its text, a choice becomes its label.

A block may answer for itself with `get_reader_parts(value)` (a list of (label, text)), as the
story's question-and-answer block does to show its question rather than its two question
fields.
"""

from html.parser import HTMLParser

from django.utils import formats, timezone
from django.utils.encoding import force_str
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from wagtail import blocks
from wagtail.embeds.blocks import EmbedValue
from wagtail.rich_text import RichText, expand_db_html

LINE_TAGS = {"p", "div", "blockquote", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "li", "br", "hr", "tr"}


class _ReaderTextParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lines, self.current, self.lists, self.link_href, self.link_text = [], [], [], None, []

    def flush(self):
        line = " ".join("".join(self.current).split())
        if line:
            self.lines.append(line)
        self.current = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("ul", "ol"):
            self.flush()
            self.lists.append([tag, 0])
        elif tag in LINE_TAGS:
            self.flush()
            if tag == "li" and self.lists:
                self.lists[-1][1] += 1
                kind, number = self.lists[-1]
                self.current.append(f"{number}. " if kind == "ol" else "- ")
        elif tag == "a":
            self.link_href, self.link_text = (attrs.get("href") or "").strip(), []
        elif tag == "img" and attrs.get("alt"):
            self.current.append(f" [{attrs['alt']}] ")

    def handle_endtag(self, tag):
        if tag in ("ul", "ol"):
            self.flush()
            if self.lists:
                self.lists.pop()
        elif tag in LINE_TAGS:
            self.flush()
        elif tag == "a" and self.link_href is not None:
            # The target is part of what a reader gets: a swapped link is a change.
            if self.link_href and self.link_href != "".join(self.link_text).strip():
                self.current.append(f" ({self.link_href})")
            self.link_href = None

    def handle_data(self, data):
        self.current.append(data)
        if self.link_href is not None:
            self.link_text.append(data)


def rich_text_as_text(html):
    """Rich text (as stored, or as rendered) as a reader sees it, one line per paragraph or item."""
    source = force_str(html.source if isinstance(html, RichText) else html or "")
    parser = _ReaderTextParser()
    parser.feed(expand_db_html(source) if "linktype=" in source or "embedtype=" in source else source)
    parser.close()
    parser.flush()
    return "\n".join(parser.lines)


def plain_text(value):
    """Typed text with its line breaks, each line's spacing evened out; empty lines dropped."""
    lines = (" ".join(line.split()) for line in force_str(value or "").splitlines())
    return "\n".join(line for line in lines if line)


def _choice_label(block, value):
    labels = dict(block.field.flatchoices) if hasattr(block.field, "flatchoices") else {}
    values = value if isinstance(value, (list, tuple)) else [value]
    return ", ".join(force_str(labels.get(item, item)) for item in values if item not in (None, ""))


def reader_text(block, value):
    """The text a reader sees of one block value (a StructBlock's parts as "Label: text" lines)."""
    if value is None:
        return ""
    if hasattr(block, "get_reader_parts") or isinstance(block, blocks.StructBlock):
        return "\n".join(f"{label}: {text}" if label else text for label, text in reader_parts(block, value) if text)
    if isinstance(block, blocks.RichTextBlock):
        return rich_text_as_text(value)
    if isinstance(block, (blocks.ChoiceBlock, blocks.MultipleChoiceBlock)):
        return _choice_label(block, value)
    if isinstance(block, (blocks.StreamBlock, blocks.ListBlock)):
        children = value.bound_blocks if isinstance(block, blocks.ListBlock) else value
        return "\n".join(text for text in (reader_text(child.block, child.value) for child in children) if text)
    if isinstance(value, EmbedValue):
        return value.url
    if isinstance(block, blocks.BooleanBlock):
        return _("Ja") if value else _("Nee")
    if isinstance(block, blocks.DateTimeBlock):
        return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")
    if isinstance(block, (blocks.DateBlock, blocks.TimeBlock)):
        return formats.localize(value)
    return plain_text(value)  # text, numbers, URLs, and chosen pages or images by their title


def reader_parts(block, value):
    """A block value as (label, text) parts: a StructBlock's children by label, else one part."""
    if hasattr(block, "get_reader_parts"):
        return [(force_str(label), text) for label, text in block.get_reader_parts(value)]
    if isinstance(block, blocks.StructBlock):
        return [
            (capfirst(force_str(child.label)), reader_text(child, value.get(name)))
            for name, child in block.child_blocks.items()
        ]
    return [("", reader_text(block, value))]


def reader_title(block, value):
    """What names one block value in a list of changes (the question of an answer), or ""."""
    return force_str(block.get_reader_title(value)) if hasattr(block, "get_reader_title") else ""
