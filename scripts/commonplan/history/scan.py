"""`commonplan history-scan`: where in the whole git history a text still is.

Text deleted from the working tree stays in every commit that held it, and a public
repository's history is permanent until it is rewritten. This lists each commit and path
whose file held the text (every branch and tag, renamed files included), so that a
maintainer knows what a rewrite must reach. Like `read_history`, it reads the history with
two git processes: ``git log --raw`` for every file version each commit wrote, then one
``git cat-file --batch`` for their contents, each read once however many commits share it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from commonplan.history.git import git, read_blobs
from commonplan.load.parse import mapping_of

EMPTY_BLOB = "0" * 40


@dataclass(frozen=True)
class Hit:
    """A commit that wrote a file holding the text, at that path."""

    commit: str
    day: date
    path: str


def file_versions(root: Path) -> list[tuple[str, date, str, str]] | None:
    """(commit, day, path, blob) for every file version any commit on any ref wrote, newest
    commit first; a rename is the file added at its new path. None without git history."""
    log = git(root, "log", "--all", "--raw", "--no-abbrev", "--no-renames", "--format=%x1e%H %cs")
    if log is None:
        return None
    versions = []
    for chunk in log.decode("utf-8", "replace").split("\x1e")[1:]:
        header, _, rest = chunk.partition("\n")
        commit, _, day = header.partition(" ")
        for line in rest.splitlines():
            meta, _, path = line.partition("\t")
            parts = meta.split()
            if len(parts) < 5 or parts[4] == "D" or parts[3] == EMPTY_BLOB:
                continue
            versions.append((commit, date.fromisoformat(day), path, parts[3]))
    return versions


def scan_history(root: Path, holds: Callable[[str], bool]) -> list[Hit] | None:
    """Every commit and path whose file ``holds`` says yes to; None without git history."""
    versions = file_versions(root)
    if versions is None:
        return None
    blobs = read_blobs(root, sorted({blob for *_, blob in versions}))
    found = {blob for blob, text in blobs.items() if holds(text)}
    return [Hit(commit, day, path) for commit, day, path, blob in versions if blob in found]


def texts_of_feedback(root: Path, feedback_id: str) -> list[str]:
    """Every text a feedback file of that id held as its `body`, in any version."""
    versions = file_versions(root) or []
    wanted = sorted({blob for _, _, path, blob in versions if path.endswith(f"/{feedback_id}.yml")})
    texts = []
    for text in read_blobs(root, wanted).values():
        body = mapping_of(text).get("body")
        if isinstance(body, str) and body.strip():
            texts.append(body.strip())
    return texts
