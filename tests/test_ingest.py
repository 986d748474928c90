"""`commonplan ingest` against a fake GitHub over real HTTP: issues and review comments in."""

from __future__ import annotations

from pathlib import Path

import yaml

from commonplan.validate import validate_repository

from .fakegithub import FakeGitHub
from .githubloop import (
    GOOD_TEXT,
    REPO,
    cli_ingest,
    form_body,
    github,
)

__all__ = ["github"]  # the fixture, used by name

Fake = tuple[FakeGitHub, str]


def _feedback_file(fake: FakeGitHub, branch: str, rel: str) -> dict[str, object]:
    loaded: dict[str, object] = yaml.safe_load(fake.files(branch)[rel])
    return loaded


def test_a_good_issue_becomes_a_pull_request_a_comment_and_a_label(
    github: Fake, demo_copy: Path
) -> None:
    fake, url = github
    number = fake.add_issue(form_body(), author="a-resident", title="Late opening")

    outcome = cli_ingest(demo_copy, url)

    assert outcome.exit_code == 0, outcome.output
    assert "recorded 1, needs-info 0, skipped 0, failed 0" in outcome.output
    rel = f"feedback/warm-spaces/warm-spaces-issue-{number}.yml"
    [pull] = fake.open_pulls()
    assert pull["head"] == f"feedback/issue-{number}"
    assert pull["base"] == "main"
    assert list(fake.files(pull["head"])) == [*fake.files("main"), rel]
    written = _feedback_file(fake, pull["head"], rel)
    assert written["proposal"] == "warm-spaces"
    assert written["section"] == "what-we-propose"
    assert written["group"] == "carer"
    assert written["stance"] == "idea"
    assert "from" not in written
    assert str(written["submitted"]) == "2026-11-20"
    assert written["source"] == {
        "kind": "github-issue",
        "ref": f"{fake.host}/{REPO}/issues/{number}",
    }
    assert written["body"] == GOOD_TEXT + "\n"
    [comment] = fake.comment_bodies(number)
    [pull_number] = list(fake.pulls)
    assert f"{fake.host}/{REPO}/pull/{pull_number}" in comment
    assert "waiting in" in comment
    assert sorted(fake.labels(number)) == ["feedback", "recorded"]
    assert not (demo_copy / rel).exists()  # nothing written locally: it arrives by merge


def test_the_written_file_passes_validate_once_merged(github: Fake, demo_copy: Path) -> None:
    fake, url = github
    number = fake.add_issue(form_body())
    assert cli_ingest(demo_copy, url).exit_code == 0
    [pull] = fake.open_pulls()
    rel = f"feedback/warm-spaces/warm-spaces-issue-{number}.yml"
    (demo_copy / rel).write_text(fake.files(pull["head"])[rel], encoding="utf-8")
    result = validate_repository(demo_copy)
    assert result.diagnostics.errors == []
    assert f"warm-spaces-issue-{number}" in result.corpus.feedback


def test_running_twice_changes_nothing_the_second_time(github: Fake, demo_copy: Path) -> None:
    fake, url = github
    fake.add_issue(form_body())
    fake.add_issue(form_body(stance="_No response_"))
    first = cli_ingest(demo_copy, url)
    assert "recorded 1, needs-info 1, skipped 0, failed 0" in first.output
    writes = len(fake.writes())

    second = cli_ingest(demo_copy, url)

    assert second.exit_code == 0, second.output
    assert "recorded 0, needs-info 1, skipped 1, failed 0" in second.output
    assert len(fake.writes()) == writes
