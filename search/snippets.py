"""
A short excerpt of a search result around the words searched for.

Wagtail's database backend finds pages but does not return highlighted fragments, so the
snippet is cut here from the page's own text, and the matching words are marked.
"""

import html
import re

from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

SNIPPET_LENGTH = 200

# Choice keys, media and the question (collected through QuestionAnswerValue.question).
SKIPPED_BLOCK_FIELDS = {"recurring_question", "own_question", "video", "poster", "image"}


# Where one block of rich text ends and the next begins ("<h3>…</h3><p>…"), a reader sees a break.
BLOCK_BOUNDARY = re.compile(r"<(?:br|/?(?:p|h[1-6]|li|ul|ol|div|blockquote|figure|figcaption|tr|td|th))\b[^>]*>", re.I)


def plain_text(markup):
    """The text of HTML as a reader sees it: a space between blocks, entities as characters."""
    return html.unescape(strip_tags(BLOCK_BOUNDARY.sub(lambda tag: f" {tag.group(0)}", markup)))


def stream_text(stream_value):
    """The visible text of a StreamField: answers, quotes, results, captions."""
    parts = []

    def collect(value):
        if hasattr(value, "source"):  # RichText
            parts.append(plain_text(value.source))
        elif isinstance(value, str):
            parts.append(value)
        elif hasattr(value, "items"):  # StructValue
            question = getattr(value, "question", None)
            if callable(question):  # a QuestionAnswerBlock: the question as shown
                parts.append(str(question()))
            for key, item in value.items():
                if key not in SKIPPED_BLOCK_FIELDS:
                    collect(item)

    for block in stream_value:
        collect(block.value)
    return " ".join(parts)


def page_text(page):
    """The page's search description, the text fields its type names (core.pages.SitePage), its body."""
    parts = []
    for name in ("search_description", *getattr(page, "search_text_fields", ())):
        value = getattr(page, name, None)
        if value:
            parts.append(plain_text(str(value)))
    body = getattr(page, "body", None)
    if body is not None and hasattr(body, "raw_data"):
        parts.append(stream_text(body))
    return " ".join(" ".join(parts).split())


def make_snippet(page, query):
    """HTML-safe text of about SNIPPET_LENGTH characters, around the first word found, with <mark>s."""
    text = page_text(page)
    words = [re.escape(word) for word in query.split() if len(word) > 1]
    pattern = re.compile("|".join(words), re.IGNORECASE) if words else None
    match = pattern.search(text) if pattern else None
    if match is None:
        return escape(Truncator(text).chars(SNIPPET_LENGTH))
    start = max(0, match.start() - SNIPPET_LENGTH // 3)
    # Start at a word boundary.
    if start > 0:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < match.start() else start
    excerpt = text[start : start + SNIPPET_LENGTH]
    prefix = "… " if start > 0 else ""
    suffix = " …" if start + SNIPPET_LENGTH < len(text) else ""
    marked = pattern.sub(lambda found: f"\0{found.group(0)}\1", excerpt)
    html = escape(marked).replace("\0", "<mark>").replace("\1", "</mark>")
    return mark_safe(prefix + html + suffix)  # noqa: S308 - escaped above
