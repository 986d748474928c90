"""Rendering: the validated corpus → ``{page path: content}``, pure and engine-neutral.

Markdown pages for mkdocs-material (or any generator that reads the same Markdown), plus
the open-data files. Nothing here reads files, writes files or knows about mkdocs.
"""

from __future__ import annotations

from commonplan.corpus import Corpus
from commonplan.history.git import History
from commonplan.language import ENGLISH, Language
from commonplan.site.render import (
    actions,
    answers,
    data,
    home,
    listening,
    moderation,
    printpack,
    proposal_index,
    proposals,
    revisions,
    teams,
)
from commonplan.site.render.common import Site
from commonplan.site.render.taken_down import published
from commonplan.translated import in_language

FAMILIES = (
    home,
    proposals,
    proposal_index,
    revisions,
    printpack,
    listening,
    teams,
    answers,
    actions,
    moderation,
    data,
)


def render_site(
    corpus: Corpus,
    intro: str = "",
    history: History | None = None,
    language: Language = ENGLISH,
) -> dict[str, str]:
    """Every generated page and data file in one language, keyed by its path in the docs
    folder. Without a ``history`` (read once per build by the caller), history pages say it
    is unavailable."""
    corpus = in_language(corpus, language.code)
    corpus = published(corpus, language)  # hidden and withdrawn words reach no page or file
    site = (
        Site(corpus, intro, t=language)
        if history is None
        else Site(corpus, intro, t=language, history=history)
    )
    pages: dict[str, str] = {}
    for family in FAMILIES:
        pages.update(family.render(site))
    return pages
