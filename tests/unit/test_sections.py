"""Section anchors are the ids mkdocs gives the headings, so feedback links land on them."""

from __future__ import annotations

import markdown
from bs4 import BeautifulSoup
from mkdocs.config import load_config

from commonplan.load.sections import find_sections

from ..conftest import ROOT

BODY = """\
## Why this matters

Text.

## Why this matters

The same title twice gets a second, numbered anchor.

## Carers' breaks: what's next?

### `code` & *emphasis* and [a link](https://example.org)

### Café opening hours — 10am–2pm

## 2026/27 budget (£40,000)

Setext heading
==============

Another one
-----------

## Closed heading ##

```markdown
## Not a heading: inside fenced code
```

~~~~
# Nor this
~~~~

    ## Nor this: indented code

#hashtag is not a heading

## Emoji 🎉 party

## A heading with __strong__ and _em_ words

## Our own anchor

A generated anchor gives way to one written by hand further down.

## Named anchor { #our-own-anchor }

## Escaped \\# hash

## HTML <b>bold</b> in a heading

###### Six levels down
"""


def _rendered_headings(body: str) -> list[tuple[str, str, int]]:
    """(id, text, level) of each heading, as mkdocs renders the page with this site's config."""
    config = load_config(config_file=str(ROOT / "mkdocs.yml"))
    md = markdown.Markdown(
        extensions=config.markdown_extensions, extension_configs=config.mdx_configs
    )
    soup = BeautifulSoup(md.convert(body), "html.parser")
    headings = soup.find_all(["h1", "h2", "h3", "h4", "h5", "h6"])
    for heading in headings:
        for permalink in heading.select("a.headerlink"):
            permalink.decompose()
    return [(str(h["id"]), h.get_text().strip(), int(h.name[1])) for h in headings]


def test_anchors_are_the_ids_mkdocs_renders() -> None:
    rendered = _rendered_headings(BODY)
    found = find_sections(BODY, 1)
    assert [s.anchor for s in found] == [anchor for anchor, _, _ in rendered]


def test_titles_and_levels_are_what_readers_see() -> None:
    rendered = _rendered_headings(BODY)
    found = find_sections(BODY, 1)
    assert [(s.title, s.level) for s in found] == [(text, level) for _, text, level in rendered]


def test_lines_count_from_the_start_of_the_file() -> None:
    found = find_sections("intro\n\n## First\n\ntext\n\nSecond\n------\n", body_line=8)
    assert [(s.anchor, s.line) for s in found] == [("first", 10), ("second", 14)]


def test_every_demo_proposal_anchor_is_rendered_the_same() -> None:
    for path in sorted((ROOT / "proposals").glob("*.md")):
        body = path.read_text(encoding="utf-8").split("\n---\n", 1)[1]
        rendered = [anchor for anchor, _, _ in _rendered_headings(body)]
        assert [s.anchor for s in find_sections(body, 1)] == rendered, path.name
