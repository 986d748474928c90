"""Long lists stay light: a generated repository with many open proposals and long
feedback lists, built for real."""

from __future__ import annotations

import re
import sys

import pytest

from .conftest import ROOT
from .site_fixtures import Built, build, under_heading, words

sys.path.insert(0, str(ROOT / "benchmarks"))
from generate import as_a_strategy, generate

PROPOSALS, FEEDBACK = 12, 720  # 60 pieces of feedback on each proposal


@pytest.fixture(scope="module")
def large_site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    root = tmp_path_factory.mktemp("large")
    generate(root, feedback=FEEDBACK, proposals=PROPOSALS, teams=6)
    as_a_strategy(root)
    built = build(root, tmp_path_factory.mktemp("large-out"))
    assert built.returncode == 0, built.log
    assert "WARNING" not in built.log
    return built


def test_home_shows_the_soonest_closing_and_links_to_the_rest(large_site: Built) -> None:
    block = under_heading(large_site.html(""), "Open for comment now")
    cards = [li for b in block for li in b.select(".grid.cards li")]
    assert 0 < len(cards) < PROPOSALS
    more = " ".join(words(b) for b in block)
    assert f"And {PROPOSALS - len(cards)} more proposals open for comment" in more


def test_long_feedback_lists_continue_on_further_pages(large_site: Built) -> None:
    first = large_site.html("proposals/proposal-0000/")
    second = large_site.html("proposals/proposal-0000/feedback-2/")
    shown = [b["id"] for page in (first, second) for b in page.select(".cp-exchange")]
    expected = sorted(
        p.stem for p in (large_site.root / "feedback" / "proposal-0000").glob("*.yml")
    )
    assert sorted(shown) == expected  # every item once, none lost between pages
    pager = first.select_one("nav.cp-pager")
    assert pager is not None
    assert any(a["href"].rstrip("/").endswith("feedback-2") for a in pager.find_all("a"))


def test_no_page_is_heavier_than_500_kb(large_site: Built) -> None:
    sizes = {p: p.stat().st_size for p in large_site.out.rglob("*.html")}
    heaviest = max(sizes, key=lambda p: sizes[p])
    assert sizes[heaviest] < 500_000, heaviest


def test_section_counts_link_to_the_page_that_shows_them(large_site: Built) -> None:
    page = large_site.html("proposals/proposal-0000/")
    tools = page.find(id="what-we-propose").find_next_sibling("p")
    link = next(a for a in tools.find_all("a") if re.search(r"\d+ comments", words(a)))
    assert link["href"].endswith("#said-what-we-propose")


def test_links_to_feedback_reach_the_page_that_shows_it(large_site: Built) -> None:
    home = large_site.html("")
    links = [
        a["href"]
        for b in under_heading(home, "You said, we did: the latest answers")
        for a in b.find_all("a")
        if "#proposal-" in a["href"]
    ]
    assert links
    for href in links:
        path, anchor = href.split("#")
        assert large_site.html(path).find(id=anchor) is not None, href
