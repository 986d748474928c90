"""Checks of the settings against the rest of `mkdocs.yml`, located there: what the
plugin's options are valid alone but wrong beside (a repository named twice, several
languages with no address)."""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

from commonplan.config import Settings, option_position, read_config
from commonplan.language import Said, say
from commonplan.load.positions import Position


def language_problems(root: Path, settings: Settings) -> list[tuple[Position, Said]]:
    """A site in several languages links each page to itself in the others by its full
    address, so it needs mkdocs.yml's `site_url`."""
    if len(settings.languages) < 2 or settings.site_url:
        return []
    return [
        (
            option_position(root, "languages"),
            say(
                "a site in several languages needs `site_url` in mkdocs.yml (the address it is"
                " published at): each page links to itself in the other languages by it"
            ),
        )
    ]


def repository_mismatches(root: Path, settings: Settings) -> list[tuple[Position, Said]]:
    """Where mkdocs.yml names a repository other than the plugin's `repo` (its `repo_url` or
    `repo_name`, written by hand): the site would send people to the wrong one."""
    config = read_config(root) if settings.repo is not None else None
    if settings.repo is None or config is None:
        return []
    raw, source = config
    found = []
    url, name = raw.get("repo_url"), raw.get("repo_name")
    if isinstance(url, str) and not url.rstrip("/").casefold().endswith(
        "/" + settings.repo.casefold()
    ):
        found.append(
            (
                source.position(("repo_url",)),
                # Translators: keep repo_url and `repo`; {url} is the address as written,
                # {repo} the plugin's repository (owner/name).
                say(
                    "repo_url '{url}' is not the repository the plugin names ('{repo}');"
                    " write https://github.com/{repo}, or change the plugin's `repo`",
                    url=url,
                    repo=settings.repo,
                ),
            )
        )
    if isinstance(name, str) and name.casefold() != settings.repo.casefold():
        found.append(
            (
                source.position(("repo_name",)),
                # Translators: keep repo_name; {name} is the name as written, {repo} the
                # plugin's repository (owner/name).
                say(
                    "repo_name '{name}' is not the repository the plugin names ('{repo}')",
                    name=name,
                    repo=settings.repo,
                ),
            )
        )
    return found


def missing_navigation(root: Path, pages: Collection[str]) -> list[tuple[Position, Said]]:
    """Each entry of mkdocs.yml's `nav` that names a page the docs folder does not have
    (``pages``: its paths, generated and hand-written): a navigation link to nowhere, which
    Zensical never reports."""
    config = read_config(root)
    if config is None:
        return []
    raw, source = config
    found = []
    for loc, target in _navigation_targets(raw.get("nav"), ("nav",)):
        if "://" not in target and not target.startswith(("/", "mailto:")) and target not in pages:
            found.append(
                (
                    source.position(loc),
                    # Translators: keep nav; {page} is a page's path in the docs folder.
                    say(
                        "nav names {page}, which is not a page of the site: write the path of"
                        " a page (from the docs folder), or remove the entry",
                        page=target,
                    ),
                )
            )
    return found


def _navigation_targets(
    entry: object, loc: tuple[str | int, ...]
) -> list[tuple[tuple[str | int, ...], str]]:
    """Every page path `nav` names, with where it is: an entry is a path, `title: path`,
    `title: [entries]` or a list of entries."""
    if isinstance(entry, str):
        return [(loc, entry.split("#")[0])]
    if isinstance(entry, list):
        return [
            found for i, item in enumerate(entry) for found in _navigation_targets(item, (*loc, i))
        ]
    if isinstance(entry, dict):
        return [
            found
            for title, item in entry.items()
            for found in _navigation_targets(item, (*loc, str(title)))
        ]
    return []
