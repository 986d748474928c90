"""Benchmark: what reading the git history adds to a full `mkdocs build` (issue 6).

Generates a git repository of 1,000 proposals with 10 commits each (``history_repo.py``;
every fourth commit of a proposal publishes a revision), and the same files copied without
`.git`, which the plugin builds with "history unavailable". Then, alternately, several times
each (five by default), times a fresh `mkdocs build` of each. Both builds render the same
pages (a history page per proposal); with history they also read the log, diff the versions
and mark feedback given on earlier text.

The target is a ratio of medians of at most 1.25.
Usage: python benchmarks/history_speed.py [--proposals N] [--commits N] [--feedback N]
       [--rounds N]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from generate import as_a_strategy
from history_repo import build as build_repository
from timing import timed

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
TARGET = 1.25


def prepare(work: Path, proposals: int, commits: int, feedback: int) -> tuple[Path, Path]:
    """The repository with its history, and the same files without `.git`."""
    shutil.rmtree(work, ignore_errors=True)
    with_history = work / "with-history"
    build_repository(with_history, proposals, commits, feedback)
    as_a_strategy(with_history)
    without = work / "without-history"
    shutil.copytree(with_history, without, ignore=shutil.ignore_patterns(".git"))
    return with_history, without


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--proposals", type=int, default=1_000)
    parser.add_argument("--commits", type=int, default=10)
    parser.add_argument("--feedback", type=int, default=2_000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()

    work = Path(__file__).parent / ".work" / "history"
    with_history, without = prepare(work, args.proposals, args.commits, args.feedback)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1795651200"}
    mkdocs = str(BIN / "mkdocs")

    def command(root: Path) -> list[str]:
        return [mkdocs, "build", "-q", "-f", str(root / "mkdocs.yml"), "-d", str(root / "out")]

    plain, history = [], []
    for round_ in range(args.rounds):
        plain.append(timed(command(without), env))
        history.append(timed(command(with_history), env))
        print(
            f"round {round_ + 1}: without history {plain[-1]:.1f} s,"
            f" with history {history[-1]:.1f} s",
            flush=True,
        )
    diffs = sum(
        "cp-diff" in page.read_text(encoding="utf-8")
        for page in (with_history / "out" / "proposals").glob("*/history/index.html")
    )
    ratio = statistics.median(history) / statistics.median(plain)
    print(f"{args.proposals} proposals × {args.commits} commits, {args.feedback} feedback items")
    print(f"history pages with a diff: {diffs}")
    print(f"without history (median of {args.rounds}): {statistics.median(plain):.1f} s")
    print(f"with history (median of {args.rounds}): {statistics.median(history):.1f} s")
    print(f"ratio: {ratio:.2f}x (target: at most {TARGET}x)")
    sys.exit(0 if ratio <= TARGET and diffs else 1)


if __name__ == "__main__":
    main()
