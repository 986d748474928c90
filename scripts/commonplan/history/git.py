"""Provenance from git: each proposal's published versions and what changed between them.

The whole history is read with two git processes for the whole build, never one per file:
``git log --raw`` lists every commit that touched `proposals/` with the blob of each file,
then one ``git cat-file --batch`` streams all those blobs. With no git, or a shallow clone,
history is reported unavailable and everything else still works.
"""

from __future__ import annotations

import difflib
import re
import subprocess
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

from commonplan.corpus import Corpus
from commonplan.load.read import FRONT_MATTER_END
from commonplan.load.sections import find_sections
from commonplan.model import Feedback, Proposal

VERSION_LINE = re.compile(r"^\s*-?\s*version:\s*(\d+)\s*$", re.MULTILINE)
WORD = re.compile(r"\s+|[\w'’-]+|[^\w\s]")


@dataclass(frozen=True)
class Snapshot:
    """A proposal file as one commit left it."""

    commit: str
    day: date
    text: str

    @property
    def front_matter(self) -> str:
        lines = self.text.split("\n")
        end = next((i for i in range(1, len(lines)) if FRONT_MATTER_END.match(lines[i])), 0)
        return "\n".join(lines[1:end])

    @property
    def body(self) -> str:
        lines = self.text.split("\n")
        end = next((i for i in range(1, len(lines)) if FRONT_MATTER_END.match(lines[i])), -1)
        return "\n".join(lines[end + 1 :])

    @property
    def version(self) -> int:
        """The highest revision number its front matter lists (1 before any revision)."""
        return max((int(v) for v in VERSION_LINE.findall(self.front_matter)), default=1)


@dataclass
class History:
    """Every proposal's snapshots, oldest first; ``available`` False says why not."""

    available: bool
    reason: str = ""
    snapshots: dict[str, list[Snapshot]] = field(default_factory=dict)

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
    inside = git(root, "rev-parse", "--is-inside-work-tree", "--is-shallow-repository")
    if inside is None:
        return History(False, "this copy of the strategy has no git history")
    if inside.split()[-1:] == [b"true"]:
        return History(False, "this copy was cloned without its full history (a shallow clone)")
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
        "proposals/",
    )
    if log is None:
        return History(False, "the git history could not be read")
    changes: list[tuple[str, date, str, str]] = []  # commit, day, proposal id, blob
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
            changes.append((commit, date.fromisoformat(committed), path[10:-3], parts[3]))
    blobs = read_blobs(root, sorted({blob for *_, blob in changes}))
    snapshots: dict[str, list[Snapshot]] = defaultdict(list)
    for commit, day, proposal_id, blob in changes:
        if blob in blobs:
            snapshots[proposal_id].append(Snapshot(commit, day, blobs[blob]))
    return History(True, snapshots=dict(snapshots))


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


# --- What changed --------------------------------------------------------------------------


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """A readable word-level diff: runs of ("=", text), ("-", removed), ("+", added).

    Lines first, then words only inside the lines that changed: a word-level match over a
    whole proposal (every space a token) took ~30 ms per pair of versions, ~60 s for a
    thousand proposals' histories; this takes well under a millisecond.
    """
    old_lines, new_lines = old.splitlines(keepends=True), new.splitlines(keepends=True)
    runs: list[tuple[str, str]] = []
    lines = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in lines.get_opcodes():
        if tag == "equal":
            _append(runs, "=", "".join(old_lines[i1:i2]))
            continue
        before = WORD.findall("".join(old_lines[i1:i2]))
        after = WORD.findall("".join(new_lines[j1:j2]))
        words = difflib.SequenceMatcher(None, before, after, autojunk=False)
        for kind, b1, b2, a1, a2 in words.get_opcodes():
            if kind == "equal":
                _append(runs, "=", "".join(before[b1:b2]))
                continue
            _append(runs, "-", "".join(before[b1:b2]))
            _append(runs, "+", "".join(after[a1:a2]))
    return runs


def _append(runs: list[tuple[str, str]], kind: str, text: str) -> None:
    """Add a run, joined to the last one when it is of the same kind."""
    if not text:
        return
    if runs and runs[-1][0] == kind:
        runs[-1] = (kind, runs[-1][1] + text)
    else:
        runs.append((kind, text))


def section_text(body: str, anchor: str) -> str | None:
    """The text under the heading ``anchor`` up to the next heading of the same or a higher
    level; None when the body has no such section."""
    return _sections_of(body).get(anchor)


@lru_cache(maxsize=1024)
def _sections_of(body: str) -> dict[str, str]:
    # Cached: every piece of feedback on a proposal compares against the same few texts.
    sections = find_sections(body, 1)
    lines = body.split("\n")
    texts: dict[str, str] = {}
    for index, section in enumerate(sections):
        end = next(
            (s.line - 1 for s in sections[index + 1 :] if s.level <= section.level), len(lines)
        )
        texts.setdefault(section.anchor, "\n".join(lines[section.line : end]).strip())
    return texts


def given_on_earlier_text(history: History, proposal: Proposal, item: Feedback) -> bool:
    """True when the section this feedback is about has changed since it was given."""
    if not history.available or item.section is None:
        return False
    then = history.text_on(proposal.id, item.submitted)
    if then is None:
        return False
    return section_text(then.body, item.section) != section_text(proposal.body, item.section)


def answered_in(corpus: Corpus, feedback_id: str) -> list[tuple[Proposal, int]]:
    """The revisions (proposal, version) that name this feedback in `responds_to`."""
    return [
        (proposal, revision.version)
        for proposal in corpus.proposals.values()
        for revision in proposal.revisions
        if feedback_id in revision.responds_to
    ]
