"""A proposal body's headings and their anchors, as the site will render them.

Anchors use Python-Markdown's own ``slugify`` and ``unique`` (what mkdocs' table of contents
uses), so that the section a piece of feedback names is the anchor on the published page;
only where the page uses that anchor for a part of its own does the heading get another id
(``page_anchors``).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator, Sequence

from markdown.extensions.toc import slugify, unique

from commonplan.model import Section

# Python-Markdown's own rules, which differ from CommonMark: a '#' heading starts at the
# very beginning of the line and needs no space after the hashes; a heading underlined
# with '=' or '-' (setext) is only one when its text is the first line of a block.
# Patterns here run on text anyone may write: none of them can backtrack over a long run
# (trailing '#'s and spaces are stripped in Python), so a megabyte-long heading of '#', '['
# or spaces is read in linear time.
ATX_HEADING = re.compile(r"^(#{1,6})(.*)$")
SETEXT_UNDERLINE = re.compile(r"^(=+|-+)[ ]*$")
FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
INLINE_LINK = re.compile(r"!?\[([^\[\]]*)\]\([^()]*\)")
INLINE_MARKS = re.compile(r"[*_`]")
HTML_TAG = re.compile(r"<[^<>]+>")
ESCAPE = re.compile(r"\\(.)")
# Added to a section's anchor to make the id of its heading on a page that uses the anchor.
PAGE_SUFFIX = "-section"


def heading_text(raw: str) -> str:
    """A heading's visible text: links keep their words; emphasis marks and tags go."""
    text = HTML_TAG.sub("", INLINE_LINK.sub(r"\1", raw))
    return ESCAPE.sub(r"\1", INLINE_MARKS.sub("", text)).strip()


def anchor_of(title: str) -> str:
    anchor: str = slugify(title, "-")
    return anchor


def _split_attributes(raw: str) -> tuple[str, str | None]:
    """A heading's text without attr_list's `{ #anchor .class }` at its end, and the anchor
    it sets (written by hand), if any."""
    stripped = raw.rstrip(" \t")
    opening = stripped.rfind("{")
    if not stripped.endswith("}") or opening == -1:
        return raw, None
    inside = stripped[opening + 1 : -1].removeprefix(":")
    ids = [word[1:] for word in inside.split() if word.startswith("#")]
    return stripped[:opening].rstrip(" \t"), (ids[-1] if ids else None)


def _headings(body: str) -> Iterator[tuple[int, str, int]]:
    """(0-based line, raw text, level) of each heading outside fenced code."""
    lines = body.split("\n")
    fence: str | None = None
    block_start = True  # the line starts a block (after a blank line or a heading)
    for index, line in enumerate(lines):
        fence_match = FENCE.match(line)
        if fence_match:
            marker = fence_match.group(1)
            if fence is None:
                fence = marker
            elif marker[0] == fence[0] and len(marker) >= len(fence):
                fence = None
            block_start = False
            continue
        if fence is not None:
            continue
        heading = ATX_HEADING.match(line)
        following = lines[index + 1] if index + 1 < len(lines) else ""
        if heading:
            # Python-Markdown drops closing '#'s: "## Title ##" is "Title".
            yield index, heading.group(2).rstrip(" \t").rstrip("#"), len(heading.group(1))
            block_start = True
        elif block_start and line.strip() and SETEXT_UNDERLINE.match(following):
            yield index, line, 1 if following.startswith("=") else 2
            block_start = False
        else:
            block_start = not line.strip()


def find_sections(body: str, body_line: int) -> tuple[Section, ...]:
    """Every heading outside fenced code, with its anchor and 1-based file line.

    Like Markdown's table of contents, anchors written by hand are reserved first, so a
    generated anchor never takes one of them.
    """
    found = [(index, *_split_attributes(raw), level) for index, raw, level in _headings(body)]
    used: set[str] = {anchor for _, _, anchor, _ in found if anchor}
    # Suffixes known taken, so that a thousand repeated titles are not each checked
    # against every earlier one (Python-Markdown's own table of contents does the same).
    counters: dict[str, int] = {}
    sections = []
    for index, raw, anchor, level in found:
        title = heading_text(raw)
        made = anchor or unique(anchor_of(title), used, counters)
        sections.append(Section(made, title, level, body_line + index))
    return tuple(sections)


def page_anchors(anchors: Sequence[str], taken: Collection[str]) -> dict[str, str]:
    """Each section anchor → the id of its heading on a page whose own parts use ``taken``.

    A heading's id is its anchor, unless the page uses that anchor itself (a heading the
    site writes, a piece of feedback shown there …): then `-section` is added (and `_1`,
    `_2` … as for a repeated title, should that be used too), so that every link lands
    where it should. Feedback still names the section by its anchor, and its heading text
    still finds it: only the heading's id on the page differs.
    """
    ids = {anchor: anchor for anchor in anchors if anchor not in taken}
    used = {*taken, *ids.values()}
    counters: dict[str, int] = {}
    for anchor in anchors:
        if anchor not in ids:
            ids[anchor] = unique(anchor + PAGE_SUFFIX, used, counters)
    return ids
