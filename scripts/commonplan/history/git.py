"""Provenance from git: each proposal's published versions, read from the repository.

The whole history is read with two git processes for the whole build, never one per file:
``git log --raw`` lists every commit that touched `proposals/` with the blob of each file,
then one ``git cat-file --batch`` streams all those blobs, and in the same stream each
translation's original as it is in the tree of the translation's last commit (what the
translator saw, whatever the commits' dates). With no git, or a shallow clone, history is
reported unavailable and everything else still works.
"""

from __future__ import annotations

import re
import subprocess
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from commonplan.language import mark
from commonplan.load.discover import TRANSLATION
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
    # (commit, stem) → that file's text in that commit's tree, for those read: each
    # translation's original as of the translation's last commit (absent: not there then).
    in_tree: dict[tuple[str, str], str] = field(default_factory=dict)

    @classmethod
    def of(
        cls,
        changes: list[Change],
        blobs: dict[str, str],
        in_tree: dict[tuple[str, str], str] | None = None,
    ) -> History:
        """The history of ``changes`` (oldest first), with a snapshot for each whose blob
        was read, and the files read from commits' trees (``in_tree``)."""
        snapshots: dict[str, list[Snapshot]] = defaultdict(list)
        for change in changes:
            if change.blob in blobs:
                snapshots[change.stem].append(
                    Snapshot(change.commit, change.day, blobs[change.blob])
                )
        return cls(True, snapshots=dict(snapshots), in_tree=dict(in_tree or {}))

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
    # Each translation's original in its last commit's tree, in the same `cat-file`.
    last = {change.stem: change for change in changes if TRANSLATION.match(change.stem)}
    originals = {(change.commit, stem.partition(".")[0]) for stem, change in last.items()}
    blobs, in_tree = read_texts(root, sorted({change.blob for change in changes}), originals)
    return History.of(changes, blobs, in_tree)


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
    return read_texts(root, blob_ids)[0]


def read_texts(
    root: Path, blob_ids: list[str], in_tree: Iterable[tuple[str, str]] = ()
) -> tuple[dict[str, str], dict[tuple[str, str], str]]:
    """Blob id → text for ``blob_ids``, and (commit, stem) → the text of
    `proposals/<stem>.md` in that commit's tree for ``in_tree`` (left out when the file is
    not there), all through one `git cat-file --batch`."""
    files = sorted(set(in_tree))
    # "<commit>:./<path>": the path from ``root``, which may be a sub-folder of the repository.
    names = [*blob_ids, *(f"{commit}:./proposals/{stem}.md" for commit, stem in files)]
    texts = _cat_files(root, names)
    blobs = {blob: text for blob, text in zip(blob_ids, texts, strict=False) if text is not None}
    found = zip(files, texts[len(blob_ids) :], strict=False)
    return blobs, {file: text for file, text in found if text is not None}


def _cat_files(root: Path, names: list[str]) -> list[str | None]:
    """The text of each object ``names`` names (a blob id, "<commit>:<path>"), in order,
    through one `git cat-file --batch`; None for one that is not there or not a blob (all
    None when git fails)."""
    if not names:
        return []
    # --buffer: large writes instead of a flush per object.
    request = "\n".join(names).encode() + b"\n"
    output = git(root, "cat-file", "--batch", "--buffer", stdin=request)
    if output is None:
        return [None] * len(names)
    texts: list[str | None] = []
    position = 0
    while position < len(output) and len(texts) < len(names):
        header_end = output.index(b"\n", position)
        header = output[position:header_end].split()
        position = header_end + 1
        # "<id> <type> <size>", then the object; else "<name> missing" (or "ambiguous").
        if len(header) != 3 or not header[2].isdigit():
            texts.append(None)
            continue
        size = int(header[2])
        text = output[position : position + size].decode("utf-8", "replace")
        texts.append(text if header[1] == b"blob" else None)
        position += size + 1
    return texts + [None] * (len(names) - len(texts))


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
