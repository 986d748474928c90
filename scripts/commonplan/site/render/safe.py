"""Untrusted text made safe for a page: one module, so every field goes through the same door.

Everything a member of the public wrote is treated as plain text. ``text`` turns it into
characters that neither Markdown nor HTML can read as markup: the HTML specials and every
character Markdown or its extensions give a meaning to become numeric character references,
which both read as the literal character. Links survive only as links we write ourselves,
and only for the schemes in ``SAFE_SCHEMES``.

A proposal's body is Markdown by design (its owner writes headings, lists and links), so
``markdown_html`` renders it with a Markdown that has raw HTML turned off and drops images
and any link whose scheme is not safe.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from urllib.parse import urlsplit
from xml.etree.ElementTree import Element

import markdown
from markdown.treeprocessors import Treeprocessor

from commonplan.characters import BIDI

SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
BIDI_CONTROLS = re.compile(f"[{BIDI}]")
# HTML specials, then everything Python-Markdown, attr_list, tables and the extensions a
# strategy might enable could read as syntax wherever it stands.
SPECIAL = '&<>"\\`*_{}[]#|~^=$%@'
# Characters that are syntax only in one place: a colon opening an emoji shortcode
# (`:name:`), a full stop after a number (`1.` opens a list at a line's start), a dash or
# plus at the start (a list item, a rule). Elsewhere they stay themselves, as do the
# apostrophe, brackets and `!` (a link or an image needs `[`): the page's source, its
# search index and its headings read as written.
IN_PLACE = re.compile(r":(?=[+\-\w])|(?<=\d)\.|^[-+]")
# One pass of str.translate: each special becomes a numeric reference, bidi controls go.
_ENCODE = {ord(ch): f"&#{ord(ch)};" for ch in SPECIAL} | dict.fromkeys(map(ord, BIDI))
URL = re.compile(r"\b(?:https?://|mailto:)[^\s<>\"'`]+", re.IGNORECASE)
TRAILING_PUNCTUATION = ".,;:!?)]}'\""


def _encode(value: str) -> str:
    encoded = value.translate(_ENCODE)
    return IN_PLACE.sub(_reference, encoded) if IN_PLACE.search(encoded) else encoded


def _reference(found: re.Match[str]) -> str:
    return f"&#{ord(found.group(0))};"


def text(value: str) -> str:
    """One line of untrusted text, safe in Markdown, in HTML and in an attribute value."""
    return _encode(" ".join(value.split()))


def text_with_spacing(value: str) -> str:
    """Untrusted text for HTML with its spaces and line breaks kept (e.g. pieces of a diff,
    which must join up exactly): the same encoding as ``text``, each newline a ``<br>``."""
    return "<br>\n".join(_encode(line) for line in value.split("\n"))


def is_safe_url(url: str) -> bool:
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return False
    return scheme in SAFE_SCHEMES


def link(url: str, label: str | None = None) -> str:
    """An HTML link to ``url`` when its scheme is safe; otherwise just the words."""
    shown = text(label if label is not None else url)
    if not is_safe_url(url):
        return shown
    return f'<a href="{text(url.strip())}" rel="nofollow ugc">{shown}</a>'


def _linkified(words: str) -> str:
    if ":" not in words:  # no scheme, no link: the common case
        return _encode(words)
    parts: list[str] = []
    position = 0
    for match in URL.finditer(words):
        url = match.group(0).rstrip(TRAILING_PUNCTUATION)
        parts.append(_encode(words[position : match.start()]))
        parts.append(link(url))
        position = match.start() + len(url)
    parts.append(_encode(words[position:]))
    return "".join(parts)


@lru_cache(maxsize=1 << 16)  # each text is shown on its proposal's page and in the answers
def paragraphs(value: str) -> str:
    """Multi-line untrusted text as HTML paragraphs; http, https and mailto links kept."""
    blocks = re.split(r"\n\s*\n", BIDI_CONTROLS.sub("", value).strip())
    rendered = []
    for block in blocks:
        words = " ".join(line.strip() for line in block.splitlines() if line.strip())
        if words:
            rendered.append(f"<p>{_linkified(words)}</p>")
    return "\n".join(rendered)


# --- Markdown written by a proposal's owner -----------------------------------------------


class _SafeLinks(Treeprocessor):
    """Drops images and unsafe links; keeps their words."""

    def run(self, root: Element) -> None:
        for parent in root.iter():
            for child in list(parent):
                if child.tag == "img":
                    _replace_with_text(parent, child, child.get("alt", ""))
                elif child.tag == "a":
                    href = child.get("href", "")
                    if not is_safe_url(href):
                        child.tag = "span"
                        child.attrib.clear()
                    else:
                        child.set("rel", "nofollow ugc")


def _replace_with_text(parent: Element, child: Element, words: str) -> None:
    index = list(parent).index(child)
    tail = words + (child.tail or "")
    parent.remove(child)
    if index == 0:
        parent.text = (parent.text or "") + tail
    else:
        previous = parent[index - 1]
        previous.tail = (previous.tail or "") + tail


@cache
def _safe_markdown() -> markdown.Markdown:
    md = markdown.Markdown(extensions=["tables", "sane_lists", "fenced_code"])
    # Raw HTML is not passed through: it is shown as the text it is.
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    md.treeprocessors.register(_SafeLinks(md), "commonplan_safe_links", 1)
    return md


def markdown_html(source: str) -> str:
    """Markdown from an owner as HTML: no raw HTML, no images, only safe links."""
    md = _safe_markdown()
    md.reset()
    html: str = md.convert(BIDI_CONTROLS.sub("", source))
    return html
