"""What the platform wrote into a strategy repository, so an upgrade can tell a file the
organisation changed by hand from one that is simply older."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from commonplan import __version__
from commonplan.errors import CommonplanError
from commonplan.files import write_atomic
from commonplan.instance.templates import instance_files
from commonplan.language import SOURCE_LANGUAGE, say, spoken_languages, translation_of

MANIFEST = ".commonplan/platform-files.json"
# Rendered by `init` once, then the organisation's own.
OWN_FILES = frozenset({"mkdocs.yml", "README.md", "site/index.md"})


def is_own(rel: str) -> bool:
    """One of the organisation's own files (its home page in any language, too)."""
    original, _ = translation_of(rel, [SOURCE_LANGUAGE, *spoken_languages()]) or (rel, None)
    return original in OWN_FILES


def platform_files(contexts: Mapping[str, Mapping[str, Any]]) -> dict[str, str]:
    """The platform's files for an instance (its template words in each of its languages),
    as this version writes them: everything `init` renders but the organisation's own files."""
    return {rel: text for rel, text in instance_files(contexts).items() if not is_own(rel)}


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# The examples the guides were written with: kept, so an upgrade writes the same ones even
# after the plan or team they name has changed.
EXAMPLES = (
    "example_team",
    "example_moderator",
    "example_proposal",
    "example_feedback",
    "example_group",
    "example_group_label",
)


@dataclass(frozen=True)
class Manifest:
    files: dict[str, str] = field(default_factory=dict)  # path → digest of what was written
    examples: dict[str, str] = field(default_factory=dict)
    kept: frozenset[str] = frozenset()  # platform files the organisation made its own


def write_manifest(
    root: Path,
    written: dict[str, str],
    context: dict[str, Any],
    kept: frozenset[str] = frozenset(),
) -> None:
    """Record what the platform wrote, so a later upgrade can tell a hand edit from it."""
    manifest = {
        "version": __version__,
        "examples": {key: str(context[key]) for key in EXAMPLES},
        "files": {rel: digest(text) for rel, text in sorted(written.items())},
        "kept": sorted(kept),
    }
    write_atomic(root / MANIFEST, json.dumps(manifest, indent=2) + "\n")


def read_manifest(root: Path) -> Manifest:
    """What the platform recorded; empty when it recorded nothing."""
    path = root / MANIFEST
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Manifest()
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        # Translators: {file} is the manifest's path, {error} the reason (in English).
        unreadable = say(
            "{file} cannot be read ({error}): delete it, and every platform file is taken"
            " as changed by hand",
            file=MANIFEST,
            error=str(exc),
        )
        raise CommonplanError(unreadable) from exc
    if not isinstance(data, dict):
        return Manifest()
    files, examples, kept = data.get("files"), data.get("examples"), data.get("kept")
    return Manifest(
        {str(k): str(v) for k, v in files.items()} if isinstance(files, dict) else {},
        {str(k): str(v) for k, v in examples.items() if k in EXAMPLES}
        if isinstance(examples, dict)
        else {},
        frozenset(str(rel) for rel in kept) if isinstance(kept, list) else frozenset(),
    )
