"""Benchmark: the site at city scale, one build per corpus, with what a reader's browser has
to fetch.

Builds the generated corpora of issue 14 with the real `mkdocs build` (the plugin
included) and reports, for each: validate time, build time and peak memory, the number of
HTML pages, the site's size, the largest page, the most links in a pager, the search index
(raw and gzip), and the bytes a browser fetches to open one proposal page and search: the
page, its stylesheets and scripts, and the search index the theme loads (gzip, as a host
serves them). The two largest corpora take long (about 6 minutes and over 20) and are
optional: `--city`.

Usage: python benchmarks/scale.py [--city] [--only P/F]
"""

from __future__ import annotations

import argparse
import gzip
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup

sys.path.insert(0, str(Path(__file__).parent))
from generate import as_a_strategy, generate

BIN = Path(sys.executable).parent
CORPORA = [(1_000, 20_000), (3_000, 33_000)]
CITY = [(9_000, 100_000), (30_000, 235_000)]  # Barcelona-sized, Madrid-sized
SEARCH_INDEX = "search/search_index.json"


@dataclass(frozen=True)
class Built:
    validate_s: float
    build_s: float
    peak_mb: float
    out: Path


def run(command: list[str]) -> tuple[float, float]:
    """Seconds and peak resident memory (MB) of one fresh process tree."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1795651200"}
    start = time.perf_counter()
    child = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    assert child.stdout is not None
    said = child.stdout.read()
    _, status, usage = os.wait4(child.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{' '.join(command)} failed:\n{said.decode(errors='replace')[-3000:]}")
    return time.perf_counter() - start, usage.ru_maxrss / 1024


def build(proposals: int, feedback: int) -> Built:
    work = Path(__file__).parent / ".work" / f"scale-{proposals}"
    shutil.rmtree(work, ignore_errors=True)
    generate(work, feedback=feedback, proposals=proposals, teams=30)
    as_a_strategy(work)
    validate_s, _ = run([str(BIN / "commonplan"), "validate", str(work)])
    out = work / "out"
    build_s, peak = run(
        [str(BIN / "mkdocs"), "build", "-q", "-f", str(work / "mkdocs.yml"), "-d", str(out)]
    )
    return Built(validate_s, build_s, peak, out)


def gzipped(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=6))


def fetched_to_search(out: Path) -> int:
    """Bytes (gzip) a browser fetches to open a proposal page and run a search."""
    page = next((out / "proposals").glob("*/index.html"))
    html = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    assets = [str(tag["href"]) for tag in html.select("link[rel=stylesheet][href]")]
    assets += [str(tag["src"]) for tag in html.select("script[src]")]
    files = [page, *(page.parent / a.split("?")[0] for a in assets if "://" not in a)]
    index = out / SEARCH_INDEX
    files += [index] if index.is_file() else []
    return sum(gzipped(f.resolve()) for f in files if f.resolve().is_file())


def report(proposals: int, feedback: int, built: Built) -> str:
    pages = list(built.out.rglob("*.html"))
    largest = max(pages, key=lambda p: p.stat().st_size)
    size = sum(p.stat().st_size for p in built.out.rglob("*") if p.is_file())
    index = built.out / SEARCH_INDEX
    pager_links = max(
        (
            len(nav.find_all("a"))
            for p in pages
            if "cp-pager" in (text := p.read_text(encoding="utf-8"))
            for nav in BeautifulSoup(text, "html.parser").select("nav.cp-pager")
        ),
        default=0,
    )
    search = (
        f"{index.stat().st_size / 1e6:.1f} MB ({gzipped(index) / 1e6:.1f})"
        if index.is_file()
        else "none"
    )
    return (
        f"| {proposals:,} / {feedback:,} | {built.validate_s:.1f} s | {built.build_s:.0f} s"
        f" | {built.peak_mb:,.0f} MB | {len(pages):,} | {size / 1e6:,.0f} MB"
        f" | {largest.stat().st_size / 1000:.0f} KB ({largest.relative_to(built.out).parent})"
        f" | {pager_links} | {search} | {fetched_to_search(built.out) / 1e6:.1f} MB |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--city", action="store_true", help="Also the two largest corpora.")
    parser.add_argument("--only", metavar="P/F", help="One corpus: proposals/feedback.")
    args = parser.parse_args()
    if args.only:
        proposals, feedback = (int(n) for n in args.only.split("/"))
        corpora = [(proposals, feedback)]
    else:
        corpora = CORPORA + (CITY if args.city else [])
    print(
        "| proposals / feedback | validate | build | build peak | HTML pages | site"
        " | largest page | most pager links | search index (gzip) | page + search fetched |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    for proposals, feedback in corpora:
        print(report(proposals, feedback, build(proposals, feedback)), flush=True)


if __name__ == "__main__":
    main()
