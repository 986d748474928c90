"""Helpers for the GitHub loop tests: a fake GitHub seeded with the demo, issue bodies as
GitHub renders issue forms, a client that is "killed" after a chosen step, and runs."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from commonplan.cli.app import main
from commonplan.github.client import GitHubRemote
from commonplan.github.form import (
    BODY,
    CONSENT,
    CONSENT_CHOICE,
    FROM,
    GROUP,
    PROPOSAL,
    SECTION,
    STANCE,
)
from commonplan.github.ingest import ingest
from commonplan.github.remote import Remote
from commonplan.github.retry import RetryPolicy
from commonplan.github.summary import Summary
from commonplan.repository import check_repository

from .fakegithub import FakeGitHub

REPO = "hollowmere-together/strategy"
GOOD_TEXT = "Could the library stay open until eight on Thursdays? Carers who work need it."


def form_body(
    proposal: str = "warm-spaces",
    section: str = "what-we-propose",
    group: str = "Carers",
    stance: str = "I have an idea",
    body: str = GOOD_TEXT,
    from_: str = "",
    consent: bool = True,
) -> str:
    """An issue body exactly as GitHub writes a submitted issue form."""

    def answer(text: str) -> str:
        return text if text else "_No response_"

    box = "X" if consent else " "
    parts = [
        (PROPOSAL.label, answer(proposal)),
        (SECTION.label, answer(section)),
        (GROUP.label, answer(group)),
        (STANCE.label, answer(stance)),
        (BODY.label, answer(body)),
        (FROM.label, answer(from_)),
        (CONSENT.label, f"- [{box}] {CONSENT_CHOICE}"),
    ]
    return "\n\n".join(f"### {label}\n\n{text}" for label, text in parts)


def seed(fake: FakeGitHub, root: Path) -> None:
    """The base branch holds the repository's data, as on GitHub."""
    files = {
        p.relative_to(root).as_posix(): p.read_text(encoding="utf-8")
        for folder in ("proposals", "teams", "feedback")
        for p in sorted((root / folder).rglob("*"))
        if p.is_file()
    }
    fake.set_branch("main", files)


@pytest.fixture
def github(demo_copy: Path) -> Iterator[tuple[FakeGitHub, str]]:
    fake = FakeGitHub(REPO)
    with fake.serve() as url:
        seed(fake, demo_copy)
        yield fake, url


class Killed(BaseException):
    """The process was killed: nothing in the package catches it."""


class KillAfter:
    """A `Remote` whose run is killed right after the ``nth`` call of ``method`` succeeds."""

    def __init__(self, remote: Remote, method: str, nth: int = 1) -> None:
        self.remote, self.method, self.nth, self.calls = remote, method, nth, 0

    def __getattr__(self, name: str) -> Any:
        attribute = getattr(self.remote, name)
        if name != self.method:
            return attribute

        def killed_after(*args: Any, **kwargs: Any) -> Any:
            result = attribute(*args, **kwargs)
            self.calls += 1
            if self.calls >= self.nth:
                raise Killed(name)
            return result

        return killed_after


class Sleeps:
    """Records the waits instead of waiting."""

    def __init__(self) -> None:
        self.waits: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)


def remote_for(url: str, sleeps: Sleeps | None = None, **policy: Any) -> GitHubRemote:
    retry = RetryPolicy(sleep=sleeps or Sleeps(), now=lambda: 1_000_000.0, **policy)
    return GitHubRemote(REPO, "test-token", url, retry)


def run_ingest(root: Path, remote: Remote | GitHubRemote) -> Summary:
    corpus = check_repository(root).corpus
    return ingest(remote, corpus, "main", lambda _: None)


def cli(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), env={"GITHUB_TOKEN": "test-token"})


def cli_ingest(root: Path, url: str, *extra: str) -> Result:
    return cli("ingest", "--root", str(root), "--repo", REPO, "--api-url", url, *extra)


def cli_notify(root: Path, url: str, *extra: str) -> Result:
    return cli("notify", "--root", str(root), "--repo", REPO, "--api-url", url, *extra)


def merge_into(fake: FakeGitHub, number: int, root: Path) -> list[str]:
    """Merge a pull request on the fake and check the result out into ``root``."""
    changed = fake.merge(number)
    for rel, text in changed.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return sorted(changed)
