"""Untrusted text through `safe.text`, rendered by Markdown with the extensions the site
enables: the reader sees exactly the words, with no markup made of them, while characters
that are syntax in no place stay literal in the page's source (what search indexes read)."""

from __future__ import annotations

import html
import re

import markdown
import pytest
from material.extensions.emoji import to_svg, twemoji

from commonplan.site.render.safe import text

EXTENSIONS = {
    "extensions": [
        "admonition",
        "attr_list",
        "md_in_html",
        "tables",
        "toc",
        "pymdownx.details",
        "pymdownx.superfences",
        "pymdownx.tabbed",
        "pymdownx.emoji",
    ],
    "extension_configs": {"pymdownx.emoji": {"emoji_index": twemoji, "emoji_generator": to_svg}},
}
WORDS = [
    "- not a list",
    "+ nor this",
    "1. nor a numbered one",
    "---",
    "# not a heading",
    "Getting about: 10:30 :smile: :material-alert: nor icons",
    "Carers' breaks (closer to home)! ![not an image](x)",
    "well-being, v1.2 and C#",
    "| not | a table |",
]


def rendered(markdown_text: str) -> str:
    return markdown.markdown(markdown_text, **EXTENSIONS)  # type: ignore[arg-type]


@pytest.mark.parametrize("words", WORDS)
def test_the_words_are_shown_as_written(words: str) -> None:
    for where in ("{}", "# {}", "Said: {}", "{}\n{}"):
        page = rendered(where.format(text(words), text(words)))
        assert not re.search(r"<(li|hr|svg|img|table|code|em|strong|a)\b", page), page
        shown = html.unescape(re.sub(r"<[^>]+>", "", page))
        assert words in shown, page


def test_characters_that_are_syntax_nowhere_stay_literal() -> None:
    assert text("Carers' breaks (closer to home)!") == "Carers' breaks (closer to home)!"
    assert text("Getting about without a car: appointments") == (
        "Getting about without a car: appointments"
    )
    assert text("well-being") == "well-being"
    assert text(":smile:") == "&#58;smile:"
    assert text("1. first") == "1&#46; first"
    assert text("- item") == "&#45; item"
