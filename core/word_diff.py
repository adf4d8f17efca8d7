"""
Word diffs of reader text (core/reader_text.py): which words were deleted and inserted.

Whole words only (a token is a run of non-space characters, or a line break), so a change
is never shown cut in half. `in_context` keeps a few words either side of each change and
elides the rest with "…", for an email; the admin's compare view shows the whole text.
"""

import difflib
import re
from dataclasses import dataclass

EQUAL, DELETE, INSERT = "equal", "delete", "insert"
CONTEXT_WORDS = 6
ELLIPSIS = "…"
LINE_BREAK = "\n"
# How a line break reads inside one line of a plain-text email.
INLINE_BREAK = " ¶ "

_TOKEN = re.compile(r"\n|[^\s]+")


@dataclass(frozen=True)
class Segment:
    kind: str  # EQUAL, DELETE or INSERT
    text: str

    @property
    def inline(self):
        """The text on one line: line breaks shown as "¶"."""
        return self.text.replace(LINE_BREAK, INLINE_BREAK).strip()

    @property
    def changed(self):
        return self.kind != EQUAL


def tokens(text):
    return _TOKEN.findall(text or "")


def join(words):
    text = ""
    for word in words:
        if word == LINE_BREAK or text.endswith(LINE_BREAK) or not text:
            text += word
        else:
            text += " " + word
    return text


def word_diff(old, new):
    """The whole of `new` against `old`, as segments; equal texts give one EQUAL segment (or none)."""
    old_words, new_words = tokens(old), tokens(new)
    matcher = difflib.SequenceMatcher(None, old_words, new_words, autojunk=False)
    segments = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            segments.append((EQUAL, old_words[i1:i2]))
            continue
        if i2 > i1:
            segments.append((DELETE, old_words[i1:i2]))
        if j2 > j1:
            segments.append((INSERT, new_words[j1:j2]))
    return [Segment(kind, join(words)) for kind, words in segments if words]


def _trimmed(words, keep_start, keep_end, context):
    """Equal words between changes: `context` words next to each change, "…" for the rest."""
    if keep_start and keep_end:
        if len(words) <= 2 * context + 1:
            return words
        return [*words[:context], ELLIPSIS, *words[-context:]]
    if keep_start:
        return words if len(words) <= context else [*words[:context], ELLIPSIS]
    if keep_end:
        return words if len(words) <= context else [ELLIPSIS, *words[-context:]]
    return []


def in_context(segments, context=CONTEXT_WORDS):
    """The changed segments whole, with `context` words of equal text either side."""
    if not any(segment.changed for segment in segments):
        return []
    result = []
    for index, segment in enumerate(segments):
        if segment.changed:
            result.append(segment)
            continue
        keep_start = index > 0 and segments[index - 1].changed
        keep_end = index + 1 < len(segments) and segments[index + 1].changed
        words = _trimmed(tokens(segment.text), keep_start, keep_end, context)
        # A line break next to a change shows where it is; at an edge of the excerpt it says nothing.
        while words and words[0] == LINE_BREAK and not keep_start:
            words = words[1:]
        while words and words[-1] == LINE_BREAK and not keep_end:
            words = words[:-1]
        words = [word for i, word in enumerate(words) if not (word == LINE_BREAK and ELLIPSIS in words[i - 1 : i + 2])]
        if words:
            result.append(Segment(EQUAL, join(words)))
    return result
