"""`mkdocs serve` rebuilds the site when a data file changes."""

from __future__ import annotations

import os
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from commonplan.config import load_settings

from .site_fixtures import EPOCH, MKDOCS, copy_site_folders

# How long to wait for the server to come up or to rebuild before giving up: a bound on a
# hang, not a speed requirement.
PATIENCE = 90.0


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def _wait_for(condition: Callable[[], bool]) -> bool:
    deadline = time.monotonic() + PATIENCE
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.3)
    return False


@pytest.fixture
def served_copy(demo_copy: Path) -> Iterator[str]:
    copy_site_folders(demo_copy)
    port = _free_port()
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen(
        [MKDOCS, "serve", "-f", str(demo_copy / "mkdocs.yml"), "-a", f"127.0.0.1:{port}"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    # `mkdocs serve` mounts the site at the path of `site_url`.
    site_url = load_settings(demo_copy).site_url or "/"
    try:
        yield f"http://127.0.0.1:{port}{urlsplit(site_url).path}"
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_serve_rebuilds_when_a_proposal_changes(demo_copy: Path, served_copy: str) -> None:
    page = served_copy + "proposals/warm-spaces/"
    assert _wait_for(lambda: "Warm, welcoming spaces" in (_get(page) or ""))
    proposal = demo_copy / "proposals" / "warm-spaces.md"
    text = proposal.read_text(encoding="utf-8")
    # The summary, not the title: a new title also changes the issue form, which
    # `commonplan forms` must then bring in step before the site builds again.
    proposal.write_text(
        text.replace("Twelve warm spaces across", "Thirteen warm spaces across", 1),
        encoding="utf-8",
    )
    assert _wait_for(lambda: "Thirteen warm spaces across" in (_get(page) or ""))


def test_serve_rebuilds_when_feedback_arrives(demo_copy: Path, served_copy: str) -> None:
    page = served_copy + "proposals/warm-spaces/"
    assert _wait_for(lambda: "warm-spaces-0001" in (_get(page) or ""))
    (demo_copy / "feedback" / "warm-spaces" / "warm-spaces-0090.yml").write_text(
        "proposal: warm-spaces\ngroup: citizen\nstance: idea\nsubmitted: 2026-11-25\n"
        "source:\n  kind: paper\n  recorded_by: warm-spaces-team\n"
        "body: A late idea about soup on Sundays.\n",
        encoding="utf-8",
    )
    assert _wait_for(lambda: "soup on Sundays" in (_get(page) or ""))
