"""
The admin's compare view ("Vergelijken" on revisions and workflow history) for the site's
blocks: it diffs what a reader sees (core/reader_text.py), word by word, instead of
Wagtail's default of the stored values (a ChoiceBlock's key) and rich text with its
paragraphs run together.

Blocks take it by mixing in `ReaderComparedBlock`; how Wagtail finds it is in
core/wagtail_internals.py. StreamFields are compared with `ReaderStreamFieldComparison`
(registered in core/apps.py through Wagtail's `register_comparison_class`), so a StreamField
the editor only stored again is no change there either.
"""

from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import mark_safe

from . import wagtail_internals
from .reader_text import reader_parts
from .word_diff import DELETE, EQUAL, INSERT, Segment, word_diff

# The classes Wagtail's compare view styles (wagtail.admin.compare.TextDiff).
CSS_CLASSES = {DELETE: "deletion", INSERT: "addition"}


def segments_html(segments):
    """Segments as HTML: changes in Wagtail's deletion/addition spans, line breaks as <br>."""
    html = []
    for segment in segments:
        text = escape(segment.text).replace("\n", "<br>")
        html.append(f'<span class="{CSS_CLASSES[segment.kind]}">{text}</span>' if segment.changed else text)
    return mark_safe(" ".join(html))  # noqa: S308  (every text above is escaped)


def parts_html(rows):
    """(label, segments) rows: a definition list, or the bare text for a block of one unlabelled part."""
    rows = [(label, segments) for label, segments in rows if segments]
    if len(rows) == 1 and not rows[0][0]:
        return segments_html(rows[0][1])
    return format_html(
        "<dl>\n{}\n</dl>",
        format_html_join(
            "\n", "    <dt>{}</dt>\n    <dd>{}</dd>", ((label, segments_html(diff)) for label, diff in rows)
        ),
    )


class ReaderTextComparison(wagtail_internals.BlockComparison):
    def parts(self, value):
        return reader_parts(self.block, value) if value is not None else []

    def has_changed(self):
        return self.parts(self.val_a) != self.parts(self.val_b)

    def htmlvalue(self, val):
        return parts_html([(label, [Segment(EQUAL, text)] if text else []) for label, text in self.parts(val)])

    def htmldiff(self):
        old, new = dict(self.parts(self.val_a)), self.parts(self.val_b)
        labels = [label for label, _text in new] + [label for label in old if label not in dict(new)]
        new = dict(new)
        return parts_html([(label, word_diff(old.get(label, ""), new.get(label, ""))) for label in labels])


class ReaderComparedBlock(wagtail_internals.ComparedBlock):
    """A block the compare view shows as a reader sees it."""

    comparison_class = ReaderTextComparison


class ReaderStreamFieldComparison(wagtail_internals.StreamFieldComparison):
    """A StreamField has changed when a block was added, removed, moved, or reads differently."""

    def has_changed(self):
        if not super().has_changed():
            return False
        if not (self.has_block_ids(self.val_a) and self.has_block_ids(self.val_b)):
            return True
        if [child.id for child in self.val_a] != [child.id for child in self.val_b]:
            return True
        blocks = wagtail_internals.StreamBlockComparison(self.field.stream_block, True, True, self.val_a, self.val_b)
        return any(comparison.has_changed() for comparison in blocks.get_block_comparisons())
