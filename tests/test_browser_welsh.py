"""The bilingual demo (English and Welsh) in a real headless Chromium: axe on the Welsh
pages, search in Welsh, and the language switcher leading to the same page."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from .browsing import PUBLISHED_AT, browser, local_only, published_from, serious_violations
from .site_fixtures import Built, Served, build, copy_demo, serving
from .test_languages import bilingual
from .test_translations import FEEDBACK, IN_WELSH, TRANSLATION, WELSH

pytestmark = pytest.mark.browser
__all__ = ["browser"]  # the fixture, used by name


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    root = copy_demo(tmp_path_factory.mktemp("bilingual"))
    bilingual(root)
    (root / TRANSLATION).write_text(WELSH)
    (root / FEEDBACK).write_text(IN_WELSH)
    done = build(root, tmp_path_factory.mktemp("out"))
    assert done.returncode == 0, done.log
    return done


@pytest.fixture(scope="module")
def served(built: Built) -> Iterator[Served]:
    with serving(built.out) as running:
        yield running


@pytest.fixture
def page(browser: Browser, built: Built) -> Iterator[Page]:
    context: BrowserContext = browser.new_context(viewport={"width": 1280, "height": 900})
    context.route("**/*", local_only)

    context.route(PUBLISHED_AT + "**", published_from(built.out))
    yield context.new_page()
    context.close()


@pytest.mark.parametrize(
    "path",
    [
        "",
        "proposals/warm-spaces/",
        "proposals/carers-breaks/",
        "voices/",
        "waiting/",
        "moderation/",
    ],
)
def test_axe_finds_no_serious_or_critical_violations_on_the_welsh_pages(
    page: Page, served: Served, path: str
) -> None:
    page.goto(served.url + "cy/" + path, wait_until="networkidle")
    assert page.locator("html").get_attribute("lang") == "cy"
    assert serious_violations(page) == []


def test_search_in_welsh_finds_a_proposal_by_a_word_of_its_welsh_text(
    page: Page, served: Served
) -> None:
    page.goto(served.url + "cy/", wait_until="networkidle")
    search = page.locator("input[data-md-component=search-query]")
    search.click()
    search.press_sequentially("bylchau")  # in the Welsh text of warm-spaces only
    result = page.locator(".md-search-result__item a[href*='proposals/warm-spaces/']").first
    result.wait_for(state="attached", timeout=15_000)
    # The Welsh build's own index: its results are the Welsh pages.
    assert (result.get_attribute("href") or "").startswith(served.url + "cy/") or not (
        result.get_attribute("href") or ""
    ).startswith("http")


def test_the_switcher_leads_to_the_same_page_in_the_other_language(
    page: Page, served: Served
) -> None:
    page.goto(served.url + "cy/proposals/warm-spaces/", wait_until="networkidle")
    assert "Mannau cynnes" in page.locator("h1").inner_text()
    page.locator(".md-header__option .md-select").hover()
    page.locator("a.md-select__link[hreflang=en]").click()
    page.wait_for_load_state("networkidle")
    # The theme's script finds the page in the other language's sitemap and goes there.
    assert page.url.rstrip("/") == PUBLISHED_AT + "proposals/warm-spaces"
    assert "Warm, welcoming spaces" in page.locator("h1").inner_text()
    assert page.locator("html").get_attribute("lang") == "en"
