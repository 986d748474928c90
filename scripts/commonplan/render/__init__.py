"""Rendering: the validated corpus → ``{page path: content}``, pure and engine-neutral.

Markdown pages for mkdocs-material (or any generator that reads the same Markdown), plus
the open-data files. Nothing here reads files, writes files or knows about mkdocs.
"""

from __future__ import annotations

from datetime import date

from ..corpus import Corpus
from . import actions, answers, data, home, printpack, proposals, teams
from .common import Site

FAMILIES = (home, proposals, printpack, teams, answers, actions, data)


def render_site(corpus: Corpus, today: date, intro: str = "") -> dict[str, str]:
    """Every generated page and data file, keyed by its path in the docs folder."""
    site = Site(corpus, today, intro)
    pages: dict[str, str] = {}
    for family in FAMILIES:
        pages.update(family.render(site))
    return pages
