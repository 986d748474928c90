"""Generate a git repository whose proposals each went through many commits.

Every proposal gets ``commits`` commits (round-robin across proposals, one day apart per
round); every fourth commit of a proposal publishes a new revision that answers one of its
feedback items, the others edit its text. The working tree ends at the last commit, so the
repository validates. Commits are written with one `git fast-import`, not one process each.

Usage: python benchmarks/history_repo.py OUT_DIR [--proposals N] [--commits N] [--feedback N]
"""

from __future__ import annotations

import argparse
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

from generate import generate

START = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


def proposal_text(base: str, proposal_id: str, step: int, answered: list[str]) -> str:
    """The proposal after ``step`` edits: revisions listed, one sentence more per edit."""
    front, body = base.split("\n---\n", 1)
    revisions = "".join(
        f"  - version: {n + 2}\n    date: 2026-02-{n + 1:02d}\n"
        f"    summary: Changed after feedback, round {n + 1}.\n"
        f"    responds_to: [{feedback_id}]\n"
        for n, feedback_id in enumerate(answered)
    )
    if revisions:
        front += "\nrevisions:\n" + revisions.rstrip("\n")
    extra = "".join(f"\nEdit {n} to {proposal_id}: one more sentence.\n" for n in range(step))
    return f"{front}\n---\n{body}{extra}"


def build(root: Path, proposals: int, commits: int, feedback: int) -> None:
    generate(root, feedback=feedback, proposals=proposals, teams=30)
    subprocess.run(["git", "init", "-q", "-b", "main", str(root)], check=True)
    paths = sorted((root / "proposals").glob("*.md"))
    bases = {p.stem: p.read_text(encoding="utf-8") for p in paths}
    feedback_of = {
        pid: sorted(f.stem for f in (root / "feedback" / pid).glob("*.yml")) for pid in bases
    }
    stream: list[bytes] = []
    mark = 0

    def commit(when: datetime, message: str, files: dict[str, str]) -> None:
        nonlocal mark
        mark += 1
        stamp = f"{int(when.timestamp())} +0000"
        data = message.encode()
        stream.append(f"commit refs/heads/main\nmark :{mark}\n".encode())
        stream.append(f"author Bench <bench@127.0.0.1> {stamp}\n".encode())
        stream.append(f"committer Bench <bench@127.0.0.1> {stamp}\n".encode())
        stream.append(f"data {len(data)}\n".encode() + data + b"\n")
        if mark > 1:
            stream.append(f"from :{mark - 1}\n".encode())
        for rel, text in files.items():
            blob = text.encode()
            stream.append(f"M 100644 inline {rel}\ndata {len(blob)}\n".encode() + blob + b"\n")

    everything = {
        p.relative_to(root).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".git" not in p.parts and p.parent.name != "proposals"
    }
    commit(START, "Teams and feedback", everything)
    answered: dict[str, list[str]] = {pid: [] for pid in bases}
    for step in range(commits):
        when = START + timedelta(days=step + 1)
        for pid, base in bases.items():
            if step % 4 == 3 and len(answered[pid]) < len(feedback_of[pid]):
                answered[pid].append(feedback_of[pid][len(answered[pid])])
            text = proposal_text(base, pid, step, answered[pid])
            commit(when, f"{pid}: step {step}", {f"proposals/{pid}.md": text})
            if step == commits - 1:
                (root / "proposals" / f"{pid}.md").write_text(text, encoding="utf-8")
    subprocess.run(
        ["git", "-C", str(root), "fast-import", "--quiet"], input=b"".join(stream), check=True
    )
    subprocess.run(["git", "-C", str(root), "reset", "-q", "--mixed", "main"], check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--proposals", type=int, default=1_000)
    parser.add_argument("--commits", type=int, default=10)
    parser.add_argument("--feedback", type=int, default=2_000)
    args = parser.parse_args()
    build(args.out, args.proposals, args.commits, args.feedback)


if __name__ == "__main__":
    main()
