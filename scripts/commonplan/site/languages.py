"""A site in several languages, engine-neutral: the default language at the site's root,
each other under `<code>/`, built one language at a time; which hand-written file is shown
in which language, and where the same page is in each of the others.

A hand-written page may have a translation beside it, `<name>.<code>.md` (`index.cy.md`
beside `index.md`): the Welsh build shows it in the English page's place; a page without
one is shown as written.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from commonplan.language import language, mark, translation_of

# What mkdocs (and Zensical) read as a page rather than a file to copy.
PAGE_SUFFIXES = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")

# The navigation titles `commonplan init` writes in mkdocs.yml, so that each language's
# build can give them in its own words; any other title is shown as the organisation wrote it.
NAVIGATION_TITLES = (
    mark("navigation", "Home"),
    mark("navigation", "Proposals"),
    mark("navigation", "Teams"),
    mark("navigation", "You said, we did"),
    mark("navigation", "Voices heard"),
    mark("navigation", "Waiting for an answer"),
    mark("navigation", "Actions"),
    mark("navigation", "Moderation log"),
    mark("navigation", "Open data"),
)


def hand_written_in(rels: Iterable[str], languages: list[str], building: str) -> dict[str, str]:
    """Which hand-written file is shown at each path of ``building``'s build, as
    {path shown: path written}: `page.<code>.md` in place of `page.md` in that language's
    build, no other language's translation of a page anywhere. Every other file (a
    spreadsheet template in Welsh) is in every build, under its own name."""
    shown: dict[str, str] = {}
    translations: dict[str, str] = {}
    for rel in rels:
        translated = translation_of(rel, languages) if rel.endswith(PAGE_SUFFIXES) else None
        if translated is None:
            shown[rel] = rel
        elif translated[1] == building and building != languages[0]:
            translations[translated[0]] = rel
    return shown | translations


@dataclass(frozen=True)
class Alternate:
    """One language of the site, in the form the themes' `extra.alternate` takes: the
    language's code and name, and its full address (hreflang wants one, and the other
    languages' builds sit beside this one, not inside it)."""

    lang: str
    name: str
    link: str


def alternates(languages: list[str], site_url: str) -> list[Alternate]:
    """Each language's address on the site whose default language is at ``site_url``; the
    templates add a page's own path to it."""
    return [
        Alternate(code, language(code).name, address_in(code, languages, site_url))
        for code in languages
    ]


def address_in(code: str, languages: list[str], site_url: str) -> str:
    """Where the site is in ``code``: the default language at ``site_url``, each other
    under `<code>/` there."""
    base = site_url.rstrip("/") + "/"
    return base if code == languages[0] else f"{base}{code}/"
