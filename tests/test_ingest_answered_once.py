"""An issue or review comment that cannot be recorded is answered once, and its text is not
read again until it is edited; a text longer than GitHub's own limit is answered as too long
without being read at all."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from commonplan.github import drafts
from commonplan.github.form import MAX_BODY_CHARS

from .fakegithub import FakeGitHub
from .githubloop import form_body, github, remote_for, run_ingest

__all__ = ["github"]

Fake = tuple[FakeGitHub, str]
PROPOSAL = "proposals/warm-spaces.md"


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """How many times the issue form reader and the review comment reader ran."""
    counted: Counter[str] = Counter()

    def counting(name: str, read: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            counted[name] += 1
            return read(*args, **kwargs)

        return wrapper

    monkeypatch.setattr(drafts, "read_issue_form", counting("issue", drafts.read_issue_form))
    monkeypatch.setattr(drafts, "_leading_fields", counting("review", drafts._leading_fields))
    return counted


def test_a_needs_info_issue_is_not_read_again_until_it_is_edited(
    github: Fake, demo_copy: Path, reads: Counter[str]
) -> None:
    fake, url = github
    number = fake.add_issue(form_body(stance=""))

    first = run_ingest(demo_copy, remote_for(url))
    assert first.needs_info == [f"issue #{number}"] and reads["issue"] == 1
    second = run_ingest(demo_copy, remote_for(url))
    third = run_ingest(demo_copy, remote_for(url))

    assert second.needs_info == third.needs_info == [f"issue #{number}"]
    assert reads["issue"] == 1  # answered, and not edited since: not read again
    assert len(fake.comment_bodies(number)) == 1
    assert fake.labels(number) == ["feedback", "needs-info"]

    fake.edit_issue(number, form_body(stance="concern"))
    edited = run_ingest(demo_copy, remote_for(url))
    assert reads["issue"] == 2
    assert edited.recorded == [f"issue #{number}"]


def test_a_lost_label_is_put_back_without_reading_the_issue(
    github: Fake, demo_copy: Path, reads: Counter[str]
) -> None:
    fake, url = github
    number = fake.add_issue(form_body(group=""))
    run_ingest(demo_copy, remote_for(url))
    fake.issues[number]["labels"] = ["feedback"]  # someone took the label off

    run_ingest(demo_copy, remote_for(url))

    assert reads["issue"] == 1
    assert fake.labels(number) == ["feedback", "needs-info"]
    assert len(fake.comment_bodies(number)) == 1


def test_an_issue_longer_than_github_allows_is_answered_without_being_read(
    github: Fake, demo_copy: Path, reads: Counter[str]
) -> None:
    fake, url = github
    body = form_body(body="A warm room, please. " + " " * MAX_BODY_CHARS + "x")
    number = fake.add_issue(body)

    summary = run_ingest(demo_copy, remote_for(url))

    assert summary.needs_info == [f"issue #{number}"]
    assert reads["issue"] == 0
    [comment] = fake.comment_bodies(number)
    assert f"this issue is {len(body):,} characters long, and we read at most 65,536" in comment
    assert "A warm room" not in comment  # nothing of it is echoed
    assert fake.labels(number) == ["feedback", "needs-info"]
    assert fake.pulls == {}
    run_ingest(demo_copy, remote_for(url))
    assert len(fake.comment_bodies(number)) == 1


def test_a_needs_info_review_comment_is_not_read_again_until_it_is_edited(
    github: Fake, demo_copy: Path, reads: Counter[str]
) -> None:
    fake, url = github
    pull = fake.add_pull("revise-warm-spaces", fake.files("main"), author="warm-spaces-hollowmere")
    comment = fake.add_review_comment(pull, PROPOSAL, 50, "Stance: angry\nNo.", "a-resident")
    long = fake.add_review_comment(pull, PROPOSAL, 50, "Group: carer\n" + "y" * 70_000, "b")

    run_ingest(demo_copy, remote_for(url))
    again = run_ingest(demo_copy, remote_for(url))

    assert sorted(again.needs_info) == [f"review comment {comment}", f"review comment {long}"]
    assert reads["review"] == 1  # the long one is never read; the other once
    replies = {c["in_reply_to_id"]: c["body"] for c in fake.review_comments[pull][2:]}
    assert len(fake.review_comments[pull]) == 4
    assert "your comment is 70,013 characters long" in replies[long]
    assert "'Stance: angry' must be one of" in replies[comment]

    fake.review_comments[pull][0]["body"] = "Group: carer\nStance: concern\nNo."
    edited = run_ingest(demo_copy, remote_for(url))
    assert reads["review"] == 2
    assert edited.recorded == [f"review comment {comment}"]
