"""
docs/ambassadeurs.md as HTML for the admin's "Handleiding" page: the small part of Markdown the
guide uses (headings, paragraphs, lists, **bold**, *italic*, `code`). Every text is escaped
first, so the file cannot put markup of its own on the page.
"""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

INLINE = [
    (re.compile(r"\*\*(.+?)\*\*"), r"<strong>\1</strong>"),
    (re.compile(r"\*(.+?)\*"), r"<em>\1</em>"),
    (re.compile(r"`(.+?)`"), r"<code>\1</code>"),
]
LIST_ITEM = re.compile(r"^(?:[-*]|\d+\.)\s+(.*)")


def inline(text):
    html = escape(text)
    for pattern, replacement in INLINE:
        html = pattern.sub(replacement, html)
    return html


def blocks(markdown):
    """The guide's blocks: runs of lines separated by blank lines."""
    block = []
    for line in markdown.splitlines():
        if line.strip():
            block.append(line)
        elif block:
            yield block
            block = []
    if block:
        yield block


def render_block(lines):
    heading = re.match(r"^(#{1,4})\s+(.*)", lines[0])
    if heading and len(lines) == 1:
        level = len(heading.group(1)) + 1  # the admin page has its own h1
        return f"<h{level}>{inline(heading.group(2))}</h{level}>"
    if LIST_ITEM.match(lines[0]):
        tag = "ol" if lines[0][0].isdigit() else "ul"
        items = []
        for line in lines:
            match = LIST_ITEM.match(line)
            if match:
                items.append(match.group(1))
            elif items:
                items[-1] += " " + line.strip()
        return f"<{tag}>" + "".join(f"<li>{inline(item)}</li>" for item in items) + f"</{tag}>"
    return "<p>" + inline(" ".join(line.strip() for line in lines)) + "</p>"


def render_guide(markdown):
    return mark_safe("\n".join(render_block(block) for block in blocks(markdown)))  # noqa: S308 (escaped above)
