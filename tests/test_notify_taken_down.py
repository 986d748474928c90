"""`commonplan notify` on feedback taken down: the issue it came from is told once that it
was hidden (by whom, why, when) or withdrawn, and closed; never its words nor its answer.
A hide is told only when a member of the moderating team brought it."""

from __future__ import annotations

from pathlib import Path

import pytest

from commonplan.repository import check_repository

from .fakegithub import BOT, FakeGitHub
from .githubloop import GOOD_TEXT, cli_notify, github
from .test_notify import recorded_and_merged, respond

__all__ = ["github"]

Fake = tuple[FakeGitHub, str]
SITE = "https://hollowmere-together.github.io/strategy"
MODERATOR = "hollowmere-cvs"  # on hollowmere-cvs's github list; that team moderates the demo
ANSWER = "The library will open until eight on Thursdays."
NOTE = "See @warm-spaces-hollowmere and [this](https://evil.example/) <!-- commonplan:x -->"


def take_down(fake: FakeGitHub, root: Path, rel: str, entry: str, author: str) -> None:
    """An edit adding ``entry`` at the end of the file, merged into main by ``author``'s pull
    request and checked out, as `commonplan hide` or `withdraw` would make it."""
    path = root / rel
    path.write_text(path.read_text(encoding="utf-8") + entry, encoding="utf-8")
    assert check_repository(root).diagnostics.errors == []
    fake.land({rel: path.read_text(encoding="utf-8")}, author, "Taken down")


def hide(
    fake: FakeGitHub, root: Path, rel: str, author: str = MODERATOR, note: str | None = NOTE
) -> None:
    entry = (
        "moderation:\n  status: hidden\n  reason: abusive\n  by: hollowmere-cvs\n"
        "  date: 2026-11-25\n"
    )
    if note is not None:
        entry += f"  note: '{note}'\n"
    take_down(fake, root, rel, entry, author)


def withdraw(
    fake: FakeGitHub, root: Path, rel: str, author: str = "warm-spaces-hollowmere"
) -> None:
    take_down(fake, root, rel, "withdrawn:\n  date: 2026-11-24\n", author)


def bot_comments(fake: FakeGitHub, number: int) -> list[str]:
    return [c["body"] for c in fake.comments[number] if c["user"] == BOT]


def assert_no_words_in_any_comment(fake: FakeGitHub, number: int) -> None:
    for body in fake.comment_bodies(number):
        for words in (GOOD_TEXT, "eight on Thursdays", "Carers who work", ANSWER):
            assert words not in body, body


def test_a_hidden_item_is_told_once_with_the_reason_and_its_issue_closed(
    github: Fake, demo_copy: Path
) -> None:
    fake, url = github
    number, rel = recorded_and_merged(fake, url, demo_copy)
    respond(fake, demo_copy, rel, "accepted", ANSWER)  # answered, not yet told
    hide(fake, demo_copy, rel)

    outcome = cli_notify(demo_copy, url)

    assert outcome.exit_code == 0, outcome.output
    assert f"issue #{number} (warm-spaces-issue-{number}): taken-down (hidden)" in outcome.output
    assert "taken-down 1, answered 0, skipped " in outcome.output
    [told] = [c for c in bot_comments(fake, number) if "commonplan:taken-down" in c]
    assert "The moderators (`Hollowmere Council for Voluntary Service`) hid your feedback" in told
    assert "on 2026-11-25" in told
    assert "The reason they gave: `It was abusive`" in told
    assert "`abusive`" not in told  # the label, not the bare id
    assert f"{SITE}/moderation/" in told
    assert "reply here and ask the organisers" in told
    # The note is a moderator's, quoted as text: no live mention, link or marker of ours.
    assert "> `See @warm-spaces-hollowmere and [this](https://evil.example/) <\u200b!--" in told
    assert told.count("<!--") == 1
    # The taken-down notice replaces the answer: it is never told, nor labelled.
    assert not [c for c in fake.comment_bodies(number) if "commonplan:answered" in c]
    assert "answered" not in fake.labels(number)
    assert_no_words_in_any_comment(fake, number)
    assert fake.issues[number]["state"] == "closed"

    writes = len(fake.writes())
    again = cli_notify(demo_copy, url)
    assert again.exit_code == 0, again.output
    assert f"issue #{number} (warm-spaces-issue-{number}): skipped" in again.output
    assert "taken-down 0, answered 0," in again.output
    assert len(fake.writes()) == writes


def test_a_withdrawn_item_is_told_once_in_plain_words_and_its_issue_closed(
    github: Fake, demo_copy: Path
) -> None:
    fake, url = github
    number, rel = recorded_and_merged(fake, url, demo_copy)
    withdraw(fake, demo_copy, rel)

    outcome = cli_notify(demo_copy, url)

    assert outcome.exit_code == 0, outcome.output
    assert "taken-down 1," in outcome.output
    [told] = [c for c in bot_comments(fake, number) if "commonplan:taken-down" in c]
    assert "withdrawn on 2026-11-24, as you asked" in told
    assert "no longer shown on the website" in told
    assert "still kept in this repository's history" in told
    assert "ask the organisers: they can remove them" in told
    assert "moderat" not in told
    assert_no_words_in_any_comment(fake, number)
    assert fake.issues[number]["state"] == "closed"

    writes = len(fake.writes())
    assert cli_notify(demo_copy, url).exit_code == 0
    assert len(fake.writes()) == writes


def test_an_item_answered_then_hidden_is_told_the_hide_and_its_closed_issue_stays_closed(
    github: Fake, demo_copy: Path
) -> None:
    fake, url = github
    number, rel = recorded_and_merged(fake, url, demo_copy)
    respond(fake, demo_copy, rel, "accepted", "Done, from next week.")
    assert cli_notify(demo_copy, url).exit_code == 0
    assert fake.issues[number]["state"] == "closed"
    hide(fake, demo_copy, rel, note=None)

    outcome = cli_notify(demo_copy, url)
    assert cli_notify(demo_copy, url).exit_code == 0

    assert outcome.exit_code == 0, outcome.output
    [told] = [c for c in bot_comments(fake, number) if "commonplan:taken-down" in c]
    assert "Done, from next week." not in told and "They added" not in told
    assert len([c for c in bot_comments(fake, number) if "commonplan:answered" in c]) == 1
    assert fake.issues[number]["state"] == "closed"
    assert not [p for m, p in fake.writes() if m == "PATCH" and f"/issues/{number}" in p][1:]


def test_a_hide_then_a_withdrawal_is_told_each_once(github: Fake, demo_copy: Path) -> None:
    fake, url = github
    number, rel = recorded_and_merged(fake, url, demo_copy)
    hide(fake, demo_copy, rel)
    assert cli_notify(demo_copy, url).exit_code == 0
    withdraw(fake, demo_copy, rel)
    assert cli_notify(demo_copy, url).exit_code == 0
    assert cli_notify(demo_copy, url).exit_code == 0

    told = [c for c in bot_comments(fake, number) if "commonplan:taken-down" in c]
    assert len(told) == 2
    assert "hid your feedback" in told[0] and "withdrawn on 2026-11-24" in told[1]


@pytest.mark.parametrize("author", ["mallory", "warm-spaces-hollowmere"])
def test_a_hide_not_brought_by_a_moderator_is_refused_and_the_issue_untouched(
    github: Fake, demo_copy: Path, author: str
) -> None:
    """Merged anyway (an admin's override): the resident is told nothing, not even the
    answer the file also holds, and the run fails saying why."""
    fake, url = github
    number, rel = recorded_and_merged(fake, url, demo_copy)
    respond(fake, demo_copy, rel, "accepted", ANSWER)
    hide(fake, demo_copy, rel, author=author)
    comments, labels = fake.comment_bodies(number), fake.labels(number)

    outcome = cli_notify(demo_copy, url)

    assert outcome.exit_code == 1
    assert "refused 1" in outcome.output
    assert f"refused: issue #{number} (warm-spaces-issue-{number}): the hide in {rel}" in (
        outcome.output
    )
    assert f"'{author}' brought it, who is not in that team's `github:` list" in outcome.output
    assert fake.comment_bodies(number) == comments
    assert fake.labels(number) == labels
    assert fake.issues[number]["state"] == "open"


def test_a_later_edit_by_someone_else_keeps_the_hide_the_moderators(
    github: Fake, demo_copy: Path
) -> None:
    """The walk back through the commits follows `moderation`, as it follows `response`."""
    fake, url = github
    number, rel = recorded_and_merged(fake, url, demo_copy)
    hide(fake, demo_copy, rel)
    path = demo_copy / rel
    path.write_text(path.read_text().replace("stance: ", "stance:  ", 1))
    fake.set_branch("main", {**fake.files("main"), rel: path.read_text()}, "Tidy", "someone")

    outcome = cli_notify(demo_copy, url)

    assert outcome.exit_code == 0, outcome.output
    assert "taken-down 1," in outcome.output
    assert fake.issues[number]["state"] == "closed"
