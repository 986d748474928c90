"""The consultation pack printed by a real headless Chromium (Debian's) to PDF, and read back
with poppler's tools: A4 sheets, no navigation, the form whole on a sheet of its own."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from .browsing import browser, local_only, serious_violations
from .conftest import WriteFile
from .site_fixtures import Served, build, copy_site_folders, serving

pytestmark = pytest.mark.browser
__all__ = ["browser"]  # the fixture, used by name

PACK = "proposals/warm-spaces/print/"
A4_POINTS = (595.28, 841.89)  # 210 × 297 mm
TOLERANCE = 3.0  # points, about 1 mm: browsers round the sheet to hundredths of an inch
# Words only the site's header, navigation, search and footer show.
NAVIGATION_WORDS = ("Hollowmere Together", "You said, we did", "Open data", "Made with")
HIDDEN_ON_PAPER = (".md-header", ".md-sidebar--primary", ".md-footer", ".md-search")


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.route("**/*", local_only)
    yield context.new_page()
    context.close()


@pytest.fixture
def printed(page: Page, served_site: Served, tmp_path: Path) -> Path:
    page.goto(served_site.url + PACK, wait_until="networkidle")
    pdf = tmp_path / "pack.pdf"
    pdf.write_bytes(page.pdf(format="A4"))
    return pdf


def sheets(pdf: Path) -> list[str]:
    """The text of each printed sheet (pdftotext ends every page with a form feed)."""
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return [" ".join(sheet.split()) for sheet in text.split("\f") if sheet.strip()]


def sheet_sizes(pdf: Path) -> list[tuple[float, float]]:
    info = subprocess.run(
        ["pdfinfo", "-f", "1", "-l", "1000", str(pdf)], capture_output=True, text=True, check=True
    ).stdout
    found = re.findall(r"^Page\s+\d+\s+size:\s+([\d.]+) x ([\d.]+) pts", info, re.MULTILINE)
    return [(float(width), float(height)) for width, height in found]


def is_a4(size: tuple[float, float]) -> bool:
    return all(abs(side - a4) < TOLERANCE for side, a4 in zip(size, A4_POINTS, strict=True))


def test_every_sheet_is_a4(printed: Path) -> None:
    sizes = sheet_sizes(printed)
    assert len(sizes) == len(sheets(printed)) >= 2
    assert all(is_a4(size) for size in sizes)


def test_the_page_asks_for_a4_itself(page: Page, served_site: Served, tmp_path: Path) -> None:
    """With no paper size given, Chromium prints on Letter unless the page's CSS says A4."""
    page.goto(served_site.url + PACK, wait_until="networkidle")
    pdf = tmp_path / "own-size.pdf"
    pdf.write_bytes(page.pdf(prefer_css_page_size=True))
    assert all(is_a4(size) for size in sheet_sizes(pdf))


def test_navigation_is_on_screen_but_not_on_paper(
    page: Page, served_site: Served, printed: Path
) -> None:
    page.goto(served_site.url + PACK, wait_until="networkidle")
    on_screen = page.locator("body").inner_text()
    paper = " ".join(sheets(printed))
    for shown_only_on_screen in (*NAVIGATION_WORDS, "Back to the plan's page"):
        assert shown_only_on_screen in on_screen
        assert shown_only_on_screen not in paper
    assert "Your feedback" in paper and "Warm, welcoming spaces" in paper


def test_print_media_hides_header_sidebars_footer_and_search(
    page: Page, served_site: Served
) -> None:
    page.goto(served_site.url + PACK, wait_until="networkidle")

    def displays() -> list[str]:
        return [
            page.eval_on_selector(selector, "e => getComputedStyle(e).display")
            for selector in HIDDEN_ON_PAPER
        ]

    assert "none" not in displays()[:3]  # the header, sidebar and footer show on screen
    page.emulate_media(media="print")
    assert displays() == ["none"] * len(HIDDEN_ON_PAPER)
    # Boxes to write in and to tick have real borders, and no sheet splits one.
    boxes = page.eval_on_selector_all(
        ".cp-box",
        "els => els.map(e => [getComputedStyle(e).breakInside,"
        " parseFloat(getComputedStyle(e).borderTopWidth)])",
    )
    tick_boxes = page.eval_on_selector_all(
        ".cp-ticks li",
        "els => els.map(e => [getComputedStyle(e).breakInside,"
        " parseFloat(getComputedStyle(e, '::before').borderTopWidth)])",
    )
    assert len(boxes) == 4 and len(tick_boxes) >= 10
    assert all(split == "avoid" and border >= 1 for split, border in boxes + tick_boxes)


def test_the_form_is_whole_on_a_sheet_of_its_own(printed: Path) -> None:
    printed_sheets = sheets(printed)
    with_form = [sheet for sheet in printed_sheets if "Your feedback" in sheet]
    assert len(with_form) == 1
    form = with_form[0]
    assert "How to give your feedback" not in form
    assert form.startswith("Your feedback")
    positions = [form.find(f"{heading} ") for heading in ("Proposal", "Section", "Group")]
    positions += [form.find(f"{heading} ") for heading in ("Stance", "Feedback", "Team", "Date")]
    assert -1 not in positions and positions == sorted(positions)


def test_axe_finds_no_serious_or_critical_violations_on_the_pack(
    page: Page, served_site: Served
) -> None:
    page.goto(served_site.url + PACK, wait_until="networkidle")
    assert serious_violations(page) == []


LONG_PLANS = (14, 22, 40)  # parts to tick: the sheet ends at a different place in each


def test_a_long_form_runs_over_sheets_without_splitting_a_field(
    page: Page, write: WriteFile, demo_copy: Path, tmp_path: Path
) -> None:
    """Many parts to tick push the form onto more sheets: each field, its question and its
    choices stay together on one."""
    for count in LONG_PLANS:
        body = "".join(f"## {part}\n\nWords.\n\n" for part in _parts(count))
        write(
            f"proposals/long-{count}.md",
            f"---\ntitle: A plan in {count} parts\nowner: warm-spaces-team\nstatus: draft\n"
            f"summary: A long plan.\n---\n{body}",
        )
    copy_site_folders(demo_copy)
    built = build(demo_copy, tmp_path / "out")
    assert built.returncode == 0, built.log
    with serving(built.out) as served:
        for count in LONG_PLANS:
            page.goto(served.url + f"proposals/long-{count}/print/", wait_until="networkidle")
            pdf = tmp_path / f"long-{count}.pdf"
            pdf.write_bytes(page.pdf(format="A4"))
            assert all(is_a4(size) for size in sheet_sizes(pdf))
            _assert_fields_whole(sheets(pdf), _parts(count))


def _parts(count: int) -> list[str]:
    return [f"Part {n} of the long plan" for n in range(1, count + 1)]


def _assert_fields_whole(printed: list[str], parts: list[str]) -> None:
    field_texts = {
        "Section": ["Which part of the plan is it about?", *parts],
        "Group": ["Who is speaking?", "Public sector bodies", "Families and neighbours"],
        "Stance": ["What is your view?", "I support this", "From experience"],
        "Feedback": ["What you want to say, in your own words."],
        "Date": ["The day you write this"],
    }
    form_sheets = [n for n, sheet in enumerate(printed) if "Your feedback" in sheet]
    assert len(form_sheets) == 1
    form = printed[form_sheets[0] :]  # the sheets before list the parts too
    on = {
        field: {n for n, sheet in enumerate(form) for text in texts if text in sheet}
        for field, texts in field_texts.items()
    }
    # Each field on exactly one sheet; together they need more than one.
    assert all(len(found) == 1 for found in on.values()), (len(parts), on)
    assert len(set().union(*on.values())) > 1
