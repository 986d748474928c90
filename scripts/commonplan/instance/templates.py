"""The files every strategy repository gets from the platform, rendered for one instance.

They live in the package (`commonplan/templates/instance/`): files ending in `.j2` are
Jinja2 templates (the library mkdocs itself uses) filled with the instance's name,
repository, e-mail, groups and examples; every other file is copied as it is (the theme
overrides are Jinja2 templates of mkdocs-material's own, so they are never rendered here).
The folder `github/` becomes `.github/` and `gitignore` `.gitignore` (a package keeps no
hidden files).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from importlib.resources import files
from importlib.resources.abc import Traversable
from typing import Any

from jinja2 import Environment, StrictUndefined

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


def instance_files(context: Mapping[str, Any]) -> dict[str, str]:
    """Repository-relative path → text, for every platform file of one instance."""
    environment = _environment()
    rendered = {}
    for rel, entry in _walk(files("commonplan").joinpath("templates", "instance")):
        text = entry.read_text(encoding="utf-8")
        if rel.endswith(TEMPLATE_SUFFIX):
            rel = rel.removesuffix(TEMPLATE_SUFFIX)
            text = environment.from_string(text).render(context)
        rendered[rel] = text
    return rendered
