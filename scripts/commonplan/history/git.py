"""Provenance from git: each proposal's published versions, read from the repository.

The whole history is read with two git processes for the whole build, never one per file:
``git log --raw`` lists every commit that touched `proposals/` with the blob of each file,
then one ``git cat-file --batch`` streams all those blobs. With no git, or a shallow clone,
history is reported unavailable and everything else still works.
"""

from __future__ import annotations

import re
import subprocess
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from commonplan.language import mark
from commonplan.load.front_matter import body_of, fields_of

VERSION_LINE = re.compile(r"^\s*-?\s*version:\s*(\d+)\s*$", re.MULTILINE)


@dataclass(frozen=True)
class Snapshot:
    """A proposal file as one commit left it."""

    commit: str
    day: date
    text: str

    @property
    def front_matter(self) -> str:
        return fields_of(self.text)

    @property
    def body(self) -> str:
        return body_of(self.text)

    @property
    def version(self) -> int:
        """The highest revision number its front matter lists (1 before any revision)."""
        return max((int(v) for v in VERSION_LINE.findall(self.front_matter)), default=1)


@dataclass(frozen=True)
class Change:
    """One file of `proposals/` as one commit changed it: its stem and blob."""

    commit: str
    day: date
    stem: str  # "warm-spaces", or "warm-spaces.cy" for a translation
    blob: str


@dataclass
class History:
    """Every proposal's snapshots, oldest first; ``available`` False says why not."""

    available: bool
    reason: str = ""
    snapshots: dict[str, list[Snapshot]] = field(default_factory=dict)
    # Each commit listed → its place in the log, oldest first: which of two files' snapshots
    # came first (the same commit: the same place).
    positions: dict[str, int] = field(default_factory=dict)

    @classmethod
    def of(cls, changes: list[Change], blobs: dict[str, str]) -> History:
        """The history of ``changes`` (oldest first), with a snapshot for each whose blob
        was read."""
        snapshots: dict[str, list[Snapshot]] = defaultdict(list)
        positions: dict[str, int] = {}
        for change in changes:
            positions.setdefault(change.commit, len(positions))
            if change.blob in blobs:
                snapshots[change.stem].append(
                    Snapshot(change.commit, change.day, blobs[change.blob])
                )
        return cls(True, snapshots=dict(snapshots), positions=positions)

    def versions(self, proposal_id: str) -> list[Snapshot]:
        """The last snapshot of each version, in version order."""
        latest: dict[int, Snapshot] = {}
        for snapshot in self.snapshots.get(proposal_id, []):
            latest[snapshot.version] = snapshot
        return [latest[v] for v in sorted(latest)]

    def text_on(self, proposal_id: str, day: date) -> Snapshot | None:
        """The proposal as it stood at the end of ``day``."""
        before = [s for s in self.snapshots.get(proposal_id, []) if s.day <= day]
        return before[-1] if before else None


def git(root: Path, *args: str, stdin: bytes | None = None) -> bytes | None:
    try:
        done = subprocess.run(
            ["git", "-C", str(root), *args],
            input=stdin,
            capture_output=True,
            check=False,
            timeout=600,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


def read_history(root: Path) -> History:
    """Read every proposal's history from the repository at ``root``."""
    unavailable = history_unavailable(root)
    if unavailable is not None:
        return History(False, unavailable)
    changes = read_changes(root)
    if changes is None:
        return History(False, mark("history unavailable", "the git history could not be read"))
    return History.of(changes, read_blobs(root, sorted({change.blob for change in changes})))


def history_unavailable(root: Path) -> str | None:
    """Why ``root`` has no history to read (not a repository, a shallow clone); None when
    it has one."""
    inside = git(root, "rev-parse", "--is-inside-work-tree", "--is-shallow-repository")
    if inside is None:
        return mark("history unavailable", "this copy of the strategy has no git history")
    if inside.split()[-1:] == [b"true"]:
        return mark(
            "history unavailable",
            "this copy was cloned without its full history (a shallow clone)",
        )
    return None


def read_changes(root: Path, paths: Sequence[str] = ("proposals/",)) -> list[Change] | None:
    """Every change to the files of `proposals/` (or of ``paths`` in it), oldest first,
    from one `git log`; None when it cannot be read."""
    log = git(
        root,
        "log",
        "--reverse",
        # Without it, git follows only one parent of a merge whose result equals it, and
        # versions published on a merged branch would vanish from the history.
        "--full-history",
        # Paths relative to the strategy's folder, which may be a sub-folder of the repository.
        "--relative",
        "--no-renames",
        "--raw",
        "--no-abbrev",
        "--format=%x1e%H %cs",
        "--",
        *paths,
    )
    if log is None:
        return None
    changes: list[Change] = []
    for chunk in log.decode("utf-8", "replace").split("\x1e")[1:]:
        header, _, rest = chunk.partition("\n")
        commit, _, committed = header.partition(" ")
        for line in rest.splitlines():
            meta, _, path = line.partition("\t")
            parts = meta.split()
            if len(parts) < 5 or parts[4] == "D" or not path.startswith("proposals/"):
                continue
            if path.count("/") != 1 or not path.endswith(".md"):
                continue
            changes.append(Change(commit, date.fromisoformat(committed), path[10:-3], parts[3]))
    return changes


def read_blobs(root: Path, blob_ids: list[str]) -> dict[str, str]:
    """Blob id → text, for many blobs through one `git cat-file --batch`."""
    if not blob_ids:
        return {}
    # --buffer: large writes instead of a flush per object.
    request = "\n".join(blob_ids).encode() + b"\n"
    output = git(root, "cat-file", "--batch", "--buffer", stdin=request)
    if output is None:
        return {}
    blobs: dict[str, str] = {}
    position = 0
    while position < len(output):
        header_end = output.index(b"\n", position)
        header = output[position:header_end].split()
        position = header_end + 1
        if len(header) < 3 or header[1] != b"blob":
            continue  # "<id> missing"
        size = int(header[2])
        blobs[header[0].decode()] = output[position : position + size].decode("utf-8", "replace")
        position += size + 1
    return blobs


def files_on(root: Path, ref: str, folder: str) -> dict[str, str] | None:
    """Path → text of every file under ``folder`` (e.g. "teams/") as it is on ``ref``; None
    when git or the ref is not there."""
    listing = git(root, "ls-tree", "-r", ref, "--", folder)
    if listing is None:
        return None
    entries: dict[str, str] = {}
    for line in listing.decode("utf-8", "replace").splitlines():
        meta, _, path = line.partition("\t")
        parts = meta.split()
        if len(parts) == 3 and parts[1] == "blob":
            entries[path] = parts[2]
    blobs = read_blobs(root, sorted(set(entries.values())))
    return {path: blobs[blob] for path, blob in entries.items() if blob in blobs}
