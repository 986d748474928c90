"""Benchmark: the same generated strategy built by both engines, side by side.

- Material for MkDocs: `mkdocs build` with the commonplan plugin (what `make site` runs);
- Zensical: `commonplan build --engine zensical` (validate, render each language, build
  each with Zensical; what `make site-zensical` runs), its cache cleared before each
  round so both are cold builds.

Generates 300 proposals and 6,000 feedback items by default, then times each build
alternately, several rounds (three by default), and reports the median wall time, the CPU
time (user and system, the build's processes and their children) and the peak memory of
the largest process. No target: the figures are for choosing an engine knowingly.
Usage: python benchmarks/engines.py [--proposals N] [--feedback N] [--rounds N]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from generate import as_a_strategy, generate

BIN = Path(sys.executable).parent


@dataclass(frozen=True)
class Run:
    wall: float
    cpu: float
    peak_mb: float


def measured(command: list[str], env: dict[str, str]) -> Run:
    """One fresh process tree: wall time, CPU time and peak resident memory (wait4 gives
    the child's own and its descendants')."""
    start = time.perf_counter()
    child = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    assert child.stdout is not None
    said = child.stdout.read()
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        sys.exit(f"{' '.join(command)} failed:\n{said.decode(errors='replace')[-3000:]}")
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--proposals", type=int, default=300)
    parser.add_argument("--feedback", type=int, default=6_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    work = Path(__file__).parent / ".work" / "engines"
    shutil.rmtree(work, ignore_errors=True)
    generate(work, feedback=args.feedback, proposals=args.proposals, teams=30)
    as_a_strategy(work)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1795651200"}
    mkdocs = [str(BIN / "mkdocs"), "build", "-q", "-f", str(work / "mkdocs.yml")]
    mkdocs += ["-d", str(work / "out-mkdocs")]
    zensical = [str(BIN / "commonplan"), "build", "--engine", "zensical", "--root", str(work)]
    zensical += ["--out", str(work / "out-zensical")]

    material: list[Run] = []
    successor: list[Run] = []
    for round_ in range(args.rounds):
        material.append(measured(mkdocs, env))
        shutil.rmtree(work / ".cache", ignore_errors=True)  # a cold build, as on a runner
        successor.append(measured(zensical, env))
        print(
            f"round {round_ + 1}: Material for MkDocs {material[-1].wall:.1f} s,"
            f" Zensical {successor[-1].wall:.1f} s",
            flush=True,
        )
    pages = len(list((work / "out-mkdocs").rglob("*.html")))
    print(f"{args.proposals} proposals, {args.feedback} feedback items, {pages} HTML pages")
    for name, runs in (("Material for MkDocs", material), ("Zensical", successor)):
        wall = statistics.median(r.wall for r in runs)
        cpu = statistics.median(r.cpu for r in runs)
        peak = max(r.peak_mb for r in runs)
        print(
            f"{name} (median of {args.rounds}): wall {wall:.1f} s, CPU {cpu:.1f} s,"
            f" peak memory {peak:.0f} MB"
        )
    wall_ratio = statistics.median(r.wall for r in successor) / statistics.median(
        r.wall for r in material
    )
    print(f"Zensical / Material for MkDocs, wall time: {wall_ratio:.2f}x")


if __name__ == "__main__":
    main()
