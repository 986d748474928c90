"""The pager of a long list: first, previous, the pages nearby, next and last, never a link
to every page (at city size a list runs to a thousand pages)."""

from __future__ import annotations

import re

from commonplan.language import ENGLISH, language
from commonplan.site.render.common import pager

LINK = re.compile(r"\[([^\]]+)\]\(([^)]+)\)")


def pages(count: int) -> list[str]:
    return ["answers/index.md"] + [f"answers/page-{n}.md" for n in range(2, count + 1)]


def links(count: int, current: int) -> dict[str, str]:
    return dict(LINK.findall(pager(ENGLISH, pages(count)[current - 1], pages(count), current)))


def test_a_thousand_pages_give_a_handful_of_links() -> None:
    found = links(1000, 500)
    assert found == {
        "First": "index.md",
        "Previous": "page-499.md",
        "498": "page-498.md",
        "499": "page-499.md",
        "501": "page-501.md",
        "502": "page-502.md",
        "Next": "page-501.md",
        "Last": "page-1000.md",
    }
    text = pager(ENGLISH, "answers/page-500.md", pages(1000), 500)
    assert "Page 500 of 1000:" in text
    assert "**500**" in text
    assert text.count("…") == 2


def test_the_first_and_last_pages_lead_only_onwards_and_back() -> None:
    assert links(10, 1) == {
        "2": "page-2.md",
        "3": "page-3.md",
        "Next": "page-2.md",
        "Last": "page-10.md",
    }
    assert links(10, 10) == {
        "First": "index.md",
        "Previous": "page-9.md",
        "8": "page-8.md",
        "9": "page-9.md",
    }


def test_a_short_list_has_no_gaps_and_one_page_no_pager() -> None:
    text = pager(ENGLISH, "answers/index.md", pages(3), 2)
    assert "…" not in text
    assert set(LINK.findall(text)) >= {("1", "index.md"), ("3", "page-3.md")}
    assert pager(ENGLISH, "answers/index.md", pages(1), 1) == ""


def test_the_pager_speaks_the_pages_language() -> None:
    text = pager(language("cy"), "answers/page-5.md", pages(9), 5)
    assert "Tudalen 5 o 9:" in text
    assert {"Cyntaf", "Blaenorol", "Nesaf", "Olaf"} <= dict(LINK.findall(text)).keys()
