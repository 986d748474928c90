"""Benchmark: `commonplan validate` against PyYAML's C parser alone, side by side.

Generates 10,000 feedback files (about 600 bytes each, with their proposals and teams),
then times, alternately and several times each:

- baseline: a Python process that reads every file and parses it with ``yaml.CSafeLoader``;
- commonplan: ``commonplan validate`` on the same repository (parsing, models, every check).

Both include interpreter start-up. The target (issue 2) is a ratio of at most 2.0.
Usage: python benchmarks/validate_speed.py [--feedback N] [--rounds N]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from generate import generate
from timing import timed

BASELINE = """
import sys, pathlib, yaml
root = pathlib.Path(sys.argv[1])
for path in sorted(root.rglob("*")):
    if path.suffix in (".yml", ".md") and path.is_file():
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".md":
            text = text.split("\\n---\\n", 1)[0].removeprefix("---\\n")
        yaml.load(text, Loader=yaml.CSafeLoader)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--feedback", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()

    work = Path(__file__).parent / ".work" / "validate"
    shutil.rmtree(work, ignore_errors=True)
    generate(work, feedback=args.feedback, proposals=20, teams=30)
    files = sum(1 for p in work.rglob("*") if p.is_file())
    size = statistics.mean(p.stat().st_size for p in (work / "feedback").rglob("*.yml"))
    commonplan = str(Path(sys.executable).with_name("commonplan"))

    baseline, ours = [], []
    timed([commonplan, "validate", str(work)])  # warm the file cache once
    for _ in range(args.rounds):
        baseline.append(timed([sys.executable, "-c", BASELINE, str(work)]))
        ours.append(timed([commonplan, "validate", str(work)]))
    base, mine = statistics.median(baseline), statistics.median(ours)
    print(f"{files} files ({args.feedback} feedback, mean {size:.0f} bytes)")
    print(f"PyYAML CSafeLoader parse only: {base:.2f} s (median of {args.rounds})")
    print(f"commonplan validate:           {mine:.2f} s (median of {args.rounds})")
    print(f"ratio: {mine / base:.2f}x (target: at most 2.0x)")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
