"""The demo site in a real headless Chromium (Debian's), driven by Playwright for Python."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Locator, Page, Route

from .browsing import PUBLISHED_AT, browser, local_only, published_from, serious_violations
from .site_fixtures import Built, Served

pytestmark = pytest.mark.browser
__all__ = ["browser"]  # the fixture, used by name


@pytest.fixture
def context(browser: Browser, engine_site: Built) -> Iterator[BrowserContext]:
    made = browser.new_context(viewport={"width": 1280, "height": 900})
    made.route("**/*", local_only)
    made.route(PUBLISHED_AT + "**", published_from(engine_site.out))
    yield made
    made.close()


@pytest.fixture
def page(context: BrowserContext) -> Page:
    return context.new_page()


def test_home_loads_without_console_errors(page: Page, served_site: Served) -> None:
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(served_site.url, wait_until="networkidle")
    assert page.locator("h2", has_text="Open for comment now").is_visible()
    assert errors == []


@pytest.mark.parametrize(
    ("query", "expected"),
    [("eleven weeks", "proposals/carers-breaks/"), ("funeral", "proposals/carers-breaks/")],
)
def test_search_finds_a_proposal_by_words_in_it(
    page: Page, served_site: Served, engine_site: Built, query: str, expected: str
) -> None:
    page.goto(served_site.url, wait_until="networkidle")
    search, results = _open_search(page, engine_site.engine)
    search.press_sequentially(query)
    result = page.locator(f"{results}[href*='{expected}']").first
    result.wait_for(state="attached", timeout=15_000)
    assert expected in (result.get_attribute("href") or "")


def _open_search(page: Page, engine: str) -> tuple[Locator, str]:
    """The search box, opened and ready, and what selects a result, in each engine's UI."""
    if engine == "mkdocs":
        # The theme says "Initializing search" until its worker has loaded the index.
        page.wait_for_function(
            "() => !document.querySelector('.md-search-result__meta')"
            ".textContent.toLowerCase().includes('initializing')",
            timeout=15_000,
        )
        search = page.locator("input[data-md-component=search-query]")
        search.click()
        return search, ".md-search-result__item a"
    # Zensical's search is a dialog of its own, opened by the header's button.
    page.get_by_role("button", name="Search").first.click()
    return page.get_by_role("combobox", name="Search"), "a[role=option]"


def test_axe_finds_nothing_serious_with_the_search_open(
    page: Page, served_site: Served, engine_site: Built
) -> None:
    page.goto(served_site.url, wait_until="networkidle")
    search, results = _open_search(page, engine_site.engine)
    search.press_sequentially("carers")
    page.locator(results).first.wait_for(state="visible", timeout=15_000)
    assert serious_violations(page) == []


def test_have_your_say_opens_the_form_for_that_proposal_and_section(
    context: BrowserContext, page: Page, served_site: Served
) -> None:
    opened: list[str] = []

    def fake_github(route: Route) -> None:
        opened.append(route.request.url)
        route.fulfill(status=200, content_type="text/html", body="<title>form</title>")

    context.route("https://github.com/**", fake_github)
    page.goto(served_site.url + "proposals/warm-spaces/", wait_until="networkidle")
    tools = page.locator("#what-we-propose + p")
    tools.get_by_role("link", name="Comment on this section").click()
    page.wait_for_url("https://github.com/**")
    assert len(opened) == 1
    url = urlsplit(opened[0])
    assert url.path == "/hollowmere-together/strategy/issues/new"
    assert parse_qs(url.query) == {
        "template": ["feedback.yml"],
        "proposal": ["warm-spaces"],
        "section": ["what-we-propose"],
    }


@pytest.mark.parametrize(
    "path",
    [
        "",
        "proposals/carers-breaks/",
        "proposals/carers-breaks/history/",
        "voices/",
        "waiting/",
        "teams/hollowmere-carers-network/",
    ],
)
def test_axe_finds_no_serious_or_critical_violations(
    page: Page, served_site: Served, path: str
) -> None:
    page.goto(served_site.url + path, wait_until="networkidle")
    assert serious_violations(page) == []


def test_content_is_readable_with_javascript_off(browser: Browser, served_site: Served) -> None:
    context = browser.new_context(java_script_enabled=False)
    context.route("**/*", local_only)
    try:
        page = context.new_page()
        page.goto(served_site.url + "proposals/carers-breaks/")
        assert page.get_by_role("heading", name="What people said").is_visible()
        assert page.locator("#carers-breaks-0001 .cp-said").is_visible()
        assert page.get_by_text("eleven weeks").is_visible()
        page.goto(served_site.url + "data/")
        assert page.get_by_role("link", name="feedback.csv").first.is_visible()
    finally:
        context.close()
