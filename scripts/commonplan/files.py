"""Writing files safely, and the generated files that must stay in step with the data."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from commonplan.diagnostics import Diagnostics, Severity
from commonplan.language import say


def _mode_for(path: Path) -> int:
    """The file's own permissions when it exists, else what the umask gives a new file
    (mkstemp's private 0600 would hide a page from a web server running as another user)."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` so that ``path`` holds either the old content or the new, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(handle, _mode_for(path))
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        Path(temporary).replace(path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


@dataclass(frozen=True)
class Generated:
    """A file made from the data by a command; `validate` reports it when it falls behind."""

    rel: str  # path relative to the repository
    content: str
    command: str  # what regenerates it, e.g. "commonplan schema"
    severity: Severity = Severity.WARNING
    # What on the published site leads to the file, when the site is broken without it.
    linked_from: str | None = None


def check_generated(root: Path, expected: list[Generated], diagnostics: Diagnostics) -> None:
    """Report generated files that exist but differ from what their command would write."""
    for item in expected:
        path = root / item.rel
        if not path.is_file():
            continue
        try:
            current = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            current = None
        if current != item.content:
            diagnostics.add(
                item.rel,
                (1, 1),
                item.severity,
                "out-of-date",
                # Translators: {command} is the command that writes the file again,
                # "commonplan schema".
                say(
                    "this file no longer matches the data; run `{command}` and commit it",
                    command=item.command,
                ),
            )
