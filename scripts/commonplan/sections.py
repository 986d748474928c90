"""A proposal body's headings and their anchors, as the site will render them.

Anchors use Python-Markdown's own ``slugify`` and ``unique`` (what mkdocs' table of contents
uses), so that the section a piece of feedback names is the anchor on the published page.
"""

from __future__ import annotations

import re

from markdown.extensions.toc import slugify, unique

from .model import Section

ATX_HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$")
FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
INLINE_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
INLINE_MARKS = re.compile(r"[*_`]")


def heading_text(raw: str) -> str:
    """A heading's visible text: links keep their words, emphasis marks go."""
    return INLINE_MARKS.sub("", INLINE_LINK.sub(r"\1", raw)).strip()


def anchor_of(title: str) -> str:
    anchor: str = slugify(title, "-")
    return anchor


def find_sections(body: str, body_line: int) -> tuple[Section, ...]:
    """Every ATX heading outside fenced code, with its anchor and 1-based file line."""
    sections: list[Section] = []
    used: set[str] = set()
    fence: str | None = None
    for index, line in enumerate(body.split("\n")):
        fence_match = FENCE.match(line)
        if fence_match:
            marker = fence_match.group(1)
            if fence is None:
                fence = marker
            elif marker[0] == fence[0] and len(marker) >= len(fence):
                fence = None
            continue
        if fence is not None:
            continue
        heading = ATX_HEADING.match(line)
        if heading:
            title = heading_text(heading.group(2))
            anchor = unique(anchor_of(title), used)
            sections.append(Section(anchor, title, len(heading.group(1)), body_line + index))
    return tuple(sections)
