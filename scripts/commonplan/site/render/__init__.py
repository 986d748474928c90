"""Rendering: the validated corpus → ``{page path: content}``, pure and engine-neutral.

Markdown pages for mkdocs-material (or any generator that reads the same Markdown), plus
the open-data files. Nothing here reads files, writes files or knows about mkdocs.
"""

from __future__ import annotations

import json

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
from commonplan.urls import file_edit_url, proposal_page, team_page

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
    return _with_edit_links(corpus, pages)


def _with_edit_links(corpus: Corpus, pages: dict[str, str]) -> dict[str, str]:
    """Each page says in its front matter (`edit_url`) which file of the repository it is
    edited in, a proposal's or a team's, or that there is none: an engine building these
    pages from a folder would otherwise link each one to a file of that folder, which is
    not where anyone edits it."""
    sources = {proposal_page(p.id): p.path for p in corpus.proposals.values()}
    sources |= {team_page(t.id): t.path for t in corpus.teams.values()}
    linked: dict[str, str] = {}
    for path, content in pages.items():
        if not path.endswith(".md"):
            linked[path] = content
            continue
        source = sources.get(path)
        url = file_edit_url(corpus.settings, source) if source else None
        linked[path] = with_edit_url(content, url)
    return linked


def with_edit_url(page: str, url: str | None) -> str:
    """``page`` with `edit_url` in its front matter: the address it is edited at, or "" for
    nowhere."""
    line = f"edit_url: {json.dumps(url or '')}\n"  # a JSON string is a YAML string
    front_matter = page.split("\n---", 1)[0] if page.startswith("---\n") else ""
    if "\nedit_url:" in front_matter:
        return page  # the page says where it is edited itself
    if front_matter:
        return "---\n" + line + page[4:]
    return "---\n" + line + "---\n\n" + page
