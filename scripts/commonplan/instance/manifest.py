"""What the platform wrote into a strategy repository, so an upgrade can tell a file the
organisation changed by hand from one that is simply older."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from commonplan import __version__
from commonplan.errors import CommonplanError
from commonplan.files import write_atomic
from commonplan.instance.templates import instance_files

MANIFEST = ".commonplan/platform-files.json"
# Rendered by `init` once, then the organisation's own.
OWN_FILES = frozenset({"mkdocs.yml", "README.md", "site/index.md"})


def platform_files(context: dict[str, object]) -> dict[str, str]:
    """The platform's files for an instance (its template context), as this version writes
    them: everything `init` renders but the organisation's own files."""
    return {rel: text for rel, text in instance_files(context).items() if rel not in OWN_FILES}


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def write_manifest(root: Path, written: dict[str, str]) -> None:
    """Record what the platform wrote, so a later upgrade can tell a hand edit from it."""
    manifest = {
        "version": __version__,
        "files": {rel: digest(text) for rel, text in sorted(written.items())},
    }
    write_atomic(root / MANIFEST, json.dumps(manifest, indent=2) + "\n")


def read_manifest(root: Path) -> dict[str, str]:
    path = root / MANIFEST
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CommonplanError(
            f"{MANIFEST} cannot be read ({exc}); run `commonplan init`'s"
        ) from exc
    files = data.get("files") if isinstance(data, dict) else None
    return {str(k): str(v) for k, v in files.items()} if isinstance(files, dict) else {}
