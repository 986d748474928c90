"""Benchmark: `commonplan import-csv` against `commonplan validate` of what it writes.

Importing a row renders its file and checks it exactly as validation would, so checking
an import should cost a small multiple of validating the files it becomes. This script
copies the demo repository, makes a CSV of N rows (multi-line cells, labels rather than
ids), and times, alternately and several times each:

- import: ``commonplan import-csv --dry-run`` of the N rows (reads, resolves, checks all);
- baseline: ``commonplan validate`` of the same repository after the N files are written.

Both include interpreter start-up. Usage: python benchmarks/import_speed.py [--rows N]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from timing import timed

ROOT = Path(__file__).resolve().parent.parent
SECTIONS = ("Why this matters", "What we propose", "Where the spaces are")
GROUPS = ("Carers", "citizen", "Families and neighbours", "community-group")
STANCES = ("I have an idea", "concern", "support", "question")


def make_csv(path: Path, rows: int) -> None:
    lines = ["proposal;Which part?;I am a;My view;Your feedback;Date"]
    for row in range(rows):
        lines.append(
            f"warm-spaces;{SECTIONS[row % 3]};{GROUPS[row % 4]};{STANCES[row % 4]};"
            f'"Point {row}: a warm room near ward {row % 9} on a Sunday.\nAnd a hot drink.";'
            f"{10 + row % 15}/11/2026"
        )
    path.write_bytes(b"\xef\xbb\xbf" + "\r\n".join(lines).encode("utf-8") + b"\r\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=2_000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()

    work = Path(__file__).parent / ".work" / "import"
    shutil.rmtree(work, ignore_errors=True)
    before, after = work / "before", work / "after"
    for repository in (before, after):
        for folder in ("teams", "proposals", "feedback", ".github"):
            shutil.copytree(ROOT / folder, repository / folder)
        shutil.copy(ROOT / "mkdocs.yml", repository / "mkdocs.yml")
    csv_path = work / "import.csv"
    make_csv(csv_path, args.rows)
    commonplan = str(Path(sys.executable).with_name("commonplan"))
    common = ["--recorded-by", "warm-spaces-team", "--source", "survey", "--root"]
    timed([commonplan, "import-csv", str(csv_path), *common, str(after)])

    # Alternate the two, so that a busy machine slows both alike.
    imports, validations = [], []
    for _ in range(args.rounds):
        imports.append(
            timed([commonplan, "import-csv", str(csv_path), *common, str(before), "--dry-run"])
        )
        validations.append(timed([commonplan, "validate", str(after)]))
    checked, baseline = statistics.median(imports), statistics.median(validations)
    print(f"{args.rows} rows → {args.rows} feedback files")
    print(f"import-csv --dry-run: {checked:.2f} s (median of {args.rounds})")
    print(f"validate, after:      {baseline:.2f} s (median of {args.rounds})")
    print(f"ratio: {checked / baseline:.2f}x")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
