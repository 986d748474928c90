"""Fixtures for the site tests: build a repository with the real `mkdocs build --strict`,
then read its pages as a person would (find the heading, then what is under it)."""

from __future__ import annotations

import contextlib
import functools
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from commonplan.errors import CommonplanError
from commonplan.repository import write_in_step

from .helpers import commit_an_earlier_version, write_hostile_repository

ROOT = Path(__file__).resolve().parent.parent
EPOCH = "1795651200"  # 2026-11-26, as in conftest.fixed_today
MKDOCS = str(Path(sys.executable).with_name("mkdocs"))
COMMONPLAN = str(Path(sys.executable).with_name("commonplan"))
ENGINES = ("mkdocs", "zensical")
SITE_FOLDERS = ("site", "overrides")


@dataclass
class Built:
    root: Path  # the repository that was built
    out: Path  # the built site
    returncode: int
    log: str
    engine: str = "mkdocs"

    def html(self, page: str) -> BeautifulSoup:
        """A built page by its URL path, e.g. "" (home) or "proposals/carers-breaks/"."""
        path = self.out / page / "index.html" if not page.endswith(".html") else self.out / page
        return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def build(root: Path, out: Path) -> Built:
    """``mkdocs build --strict``, after bringing the issue form and CODEOWNERS in step with
    data a test wrote by hand, as the publish workflow does before it builds."""
    if root.resolve() != ROOT:  # this repository's own files are tested as committed
        with contextlib.suppress(CommonplanError):  # data with errors: the build says so
            write_in_step(root)
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run(
        [MKDOCS, "build", "--strict", "-f", str(root / "mkdocs.yml"), "-d", str(out)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    return Built(root, out, done.returncode, done.stdout + done.stderr)


def build_with_zensical(root: Path, out: Path) -> Built:
    """`commonplan build --engine zensical`, as `make site-zensical` runs it, on the same
    day as ``build``."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    done = subprocess.run(
        [COMMONPLAN, "build", "--engine", "zensical", "--root", str(root), "--out", str(out)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    return Built(root, out, done.returncode, done.stdout + done.stderr, engine="zensical")


DATA_FOLDERS = ("teams", "proposals", "feedback", ".github")


def copy_demo(root: Path) -> Path:
    """A copy of the demo's data, its configuration and what a build needs, at ``root``
    (for fixtures wider than one test, which cannot use the function-scoped `demo_copy`)."""
    for folder in DATA_FOLDERS:
        shutil.copytree(ROOT / folder, root / folder)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    copy_site_folders(root)
    return root


def copy_site_folders(root: Path) -> None:
    """What a build needs besides the data: the hand-written pages and theme overrides."""
    for folder in SITE_FOLDERS:
        shutil.copytree(ROOT / folder, root / folder, dirs_exist_ok=True)


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The demo strategy, built once for the whole session."""
    built = build(ROOT, tmp_path_factory.mktemp("demo-site"))
    assert built.returncode == 0, built.log
    return built


@pytest.fixture(scope="session")
def zensical_site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The demo strategy built by Zensical, once for the whole session."""
    built = build_with_zensical(ROOT, tmp_path_factory.mktemp("zensical-site") / "site")
    assert built.returncode == 0, built.log
    return built


@pytest.fixture(scope="session", params=ENGINES)
def engine_site(request: pytest.FixtureRequest) -> Built:
    """The demo built by each engine in turn: a test using it runs on both builds."""
    built: Built = request.getfixturevalue(
        "demo_site" if request.param == "mkdocs" else "zensical_site"
    )
    return built


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The demo with a repository's worth of hostile text added (tests/helpers.py), in git
    with an earlier version of the hostile proposal, built once for the whole session."""
    root = copy_demo(tmp_path_factory.mktemp("hostile"))
    write_hostile_repository(root)
    commit_an_earlier_version(root)
    built = build(root, tmp_path_factory.mktemp("hostile-site"))
    assert built.returncode == 0, built.log
    return built


def under_heading(soup: BeautifulSoup | Tag, text: str) -> list[Tag]:
    """The elements after the heading whose words are ``text``, up to the next heading of
    the same or a higher level."""
    heading = next((h for h in soup.find_all(["h1", "h2", "h3", "h4"]) if words(h) == text), None)
    assert heading is not None, f"no heading {text!r}"
    level = int(heading.name[1])
    found: list[Tag] = []
    for sibling in heading.find_next_siblings():
        if sibling.name in {f"h{n}" for n in range(1, level + 1)}:
            break
        found.append(sibling)
    return found


def words(tag: Tag) -> str:
    """A tag's text as a reader sees it (permalink signs left out)."""
    text = " ".join(
        s
        for s in tag.find_all(string=True)
        if not (s.parent and "headerlink" in (s.parent.get("class") or []))
    )
    return " ".join(text.split())


@dataclass
class Served:
    url: str


@pytest.fixture(scope="session")
def served_demo(demo_site: Built) -> Iterator[Served]:
    """The built demo over HTTP on 127.0.0.1, from a thread in this process."""
    with serving(demo_site.out) as served:
        yield served


@pytest.fixture(scope="session")
def served_site(engine_site: Built) -> Iterator[Served]:
    """The demo built by each engine in turn, over HTTP on 127.0.0.1."""
    with serving(engine_site.out) as served:
        yield served


@contextlib.contextmanager
def serving(folder: Path) -> Iterator[Served]:
    """A built site over HTTP on 127.0.0.1, from a thread in this process."""

    class QuietHandler(SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

    handler = functools.partial(QuietHandler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Served(f"http://127.0.0.1:{server.server_address[1]}/")
    finally:
        server.shutdown()
        server.server_close()
