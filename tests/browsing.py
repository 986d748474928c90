"""What the browser tests share: Debian's Chromium driven by Playwright, kept on this
machine, and axe-core's accessibility check."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, Route, sync_playwright

from .conftest import ROOT

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
AXE = ROOT / "tools" / "browser" / "node_modules" / "axe-core" / "axe.min.js"
SERIOUS = {"serious", "critical"}


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def local_only(route: Route) -> None:
    """Requests leave the machine never: anything not on 127.0.0.1 is refused."""
    if urlsplit(route.request.url).hostname == "127.0.0.1":
        route.continue_()
    else:
        route.abort()


# Where the demo says it is published (`site_url`): its pages link each other's languages
# by that address, and the theme fetches the sitemap there.
PUBLISHED_AT = "https://hollowmere-together.github.io/strategy/"


def published_from(folder: Path) -> Callable[[Route], None]:
    """A route handler that answers the published address from a build on disk."""

    def answer(route: Route) -> None:
        path = urlsplit(route.request.url).path.removeprefix(urlsplit(PUBLISHED_AT).path)
        target = folder / path
        if target.is_dir():
            target = target / "index.html"
        if target.is_file():
            route.fulfill(path=str(target))
        else:
            route.fulfill(status=404, body="")

    return answer


def serious_violations(page: Page) -> list[dict[str, object]]:
    """What axe-core finds on the loaded page at impact serious or critical."""
    page.add_script_tag(path=str(AXE))
    violations: list[dict[str, object]] = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        ".map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(' '))}))"
    )
    return [v for v in violations if v["impact"] in SERIOUS]
