"""The files every strategy repository gets from the platform, rendered for one instance.

They live in the package (`commonplan/templates/instance/`): files ending in `.j2` are
Jinja2 templates (the library mkdocs itself uses) filled with the instance's name,
repository, e-mail, groups and examples; every other file is copied as it is (the theme
overrides are Jinja2 templates of mkdocs-material's own, so they are never rendered here).
The folder `github/` becomes `.github/` and `gitignore` `.gitignore` (a package keeps no
hidden files).

A file named `<name>.<code>.<ext>` is the platform's text in that language (`facilitators.cy.
md.j2` is the Welsh facilitators' guide), written only for a strategy in that language and
filled with that language's words. A guide is at `<name>.md` in the strategy's first
language and at `<name>.<code>.md` in each other, as the site reads hand-written pages;
other files (a spreadsheet template) keep their names.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from importlib.resources import files
from importlib.resources.abc import Traversable
from typing import Any

from jinja2 import Environment, StrictUndefined

from commonplan.language import SOURCE_LANGUAGE, spoken_languages, translation_of

TEMPLATE_SUFFIX = ".j2"
RENAMED = {"github": ".github", "gitignore": ".gitignore"}


def _yaml_scalar(value: object) -> str:
    """A text as a YAML value that reads back as exactly that text (JSON is YAML)."""
    return json.dumps(str(value), ensure_ascii=False)


def _environment() -> Environment:
    # Markdown and YAML, not HTML: YAML values go through the `yaml` filter instead.
    environment = Environment(
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        autoescape=False,  # noqa: S701
    )
    environment.filters["yaml"] = _yaml_scalar
    return environment


def _walk(folder: Traversable, prefix: str = "") -> Iterator[tuple[str, Traversable]]:
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        name = RENAMED.get(entry.name, entry.name) if not prefix else entry.name
        rel = f"{prefix}{name}"
        if entry.is_dir():
            yield from _walk(entry, rel + "/")
        elif not entry.name.startswith(".") and entry.name != "__pycache__":
            yield rel, entry


def _versions(names: list[str]) -> dict[str, dict[str, str]]:
    """Each file (its path in the source language) → its template in each language."""
    spoken = spoken_languages()
    versions: dict[str, dict[str, str]] = {}
    for name in names:
        original, code = translation_of(name.removesuffix(TEMPLATE_SUFFIX), spoken) or (
            name.removesuffix(TEMPLATE_SUFFIX),
            SOURCE_LANGUAGE,
        )
        versions.setdefault(original, {})[code] = name
    return versions


def _targets(
    original: str, by_language: dict[str, str], languages: list[str]
) -> list[tuple[str, str, str]]:
    """(path, language whose words fill it, template) for one file's versions."""
    default = languages[0]
    if not original.endswith(".md"):  # linked by its own name from the page in its language
        return [
            (
                original if code == SOURCE_LANGUAGE else name.removesuffix(TEMPLATE_SUFFIX),
                code if code in languages else default,
                name,
            )
            for code, name in by_language.items()
            if code in languages or code == SOURCE_LANGUAGE
        ]
    # The first language's text at the page's own path (English stands in when the platform
    # has none in it), every other language's beside it.
    first = default if default in by_language else SOURCE_LANGUAGE
    stem, _, extension = original.rpartition(".")
    return [(original, default, by_language[first])] + [
        (f"{stem}.{code}.{extension}", code, name)
        for code, name in by_language.items()
        if code in languages and code != first
    ]


def instance_files(contexts: Mapping[str, Mapping[str, Any]]) -> dict[str, str]:
    """Repository-relative path → text, for every platform file of one instance: its
    languages (the first is the default) each with the words its templates are filled with."""
    languages = list(contexts)
    environment = _environment()
    templates = dict(_walk(files("commonplan").joinpath("templates", "instance")))
    rendered = {}
    for original, by_language in _versions(list(templates)).items():
        for path, code, name in _targets(original, by_language, languages):
            text = templates[name].read_text(encoding="utf-8")
            if name.endswith(TEMPLATE_SUFFIX):
                text = environment.from_string(text).render(contexts[code])
            rendered[path] = text
    return rendered
