"""`commonplan ingest` against a fake GitHub over real HTTP: issues and review comments in."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from commonplan.cli.app import main
from commonplan.github import notices
from commonplan.repository import check_repository

from .fakegithub import BOT, FakeGitHub
from .githubloop import (
    GOOD_TEXT,
    REPO,
    cli,
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
    result = check_repository(demo_copy)
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


# --- needs-info ----------------------------------------------------------------------------

NEEDS_INFO_CASES = {
    "unknown proposal": (form_body(proposal="warm-spacez"), "'warm-spacez' is not a proposal"),
    "unknown section": (form_body(section="the-buses"), "'the-buses' is not a section"),
    "no stance": (form_body(stance=""), "please answer the question 'What kind of comment"),
    "empty text": (form_body(body=""), "please answer the question 'What would you like to say"),
    "e-mail address": (
        form_body(body="Write to me at jo.bloggs@example.org about it."),
        "contains an e-mail address",
    ),
    "phone number": (
        form_body(body="Ring me on 01632 960 123 any evening."),
        "contains a phone number",
    ),
    "box not ticked": (form_body(consent=False), "please tick the box"),
    "not the form": ("I think the buses are bad.", "could not find the feedback form's questions"),
}


@pytest.mark.parametrize("case", sorted(NEEDS_INFO_CASES))
def test_an_issue_that_cannot_be_recorded_gets_one_plain_comment(
    github: Fake, demo_copy: Path, case: str
) -> None:
    fake, url = github
    body, expected = NEEDS_INFO_CASES[case]
    number = fake.add_issue(body)
    branches = set(fake.refs)

    outcome = cli_ingest(demo_copy, url)

    assert outcome.exit_code == 0, outcome.output
    assert "recorded 0, needs-info 1, skipped 0, failed 0" in outcome.output
    [comment] = fake.comment_bodies(number)
    assert expected in comment
    assert "Please edit this issue" in comment
    assert sorted(fake.labels(number)) == ["feedback", "needs-info"]
    assert set(fake.refs) == branches
    assert fake.pulls == {}

    again = cli_ingest(demo_copy, url)
    assert again.exit_code == 0
    assert len(fake.comment_bodies(number)) == 1


def test_every_problem_is_named_in_one_comment(github: Fake, demo_copy: Path) -> None:
    fake, url = github
    number = fake.add_issue(
        form_body(
            proposal="warm-spacez",
            group="Aliens",
            stance="",
            body="Call 01632 960 123 or jo@example.org",
        )
    )
    assert cli_ingest(demo_copy, url).exit_code == 0
    [comment] = fake.comment_bodies(number)
    problems = [line for line in comment.split("\n") if line.startswith("- ")]
    assert len(problems) == 5, comment
    assert "'warm-spacez' is not a proposal" in comment
    assert "'Aliens' is not one of the answers to 'Who are you speaking as?'" in comment


def test_an_edited_issue_is_tried_again_and_recorded(github: Fake, demo_copy: Path) -> None:
    fake, url = github
    number = fake.add_issue(form_body(body="Ring 01632 960 123"))
    assert cli_ingest(demo_copy, url).exit_code == 0
    fake.edit_issue(number, form_body(body="Ring 01632 960 124"))
    assert cli_ingest(demo_copy, url).exit_code == 0
    assert len(fake.comment_bodies(number)) == 2  # a new text is a new answer
    assert fake.labels(number) == ["feedback", "needs-info"]

    fake.edit_issue(number, form_body())
    outcome = cli_ingest(demo_copy, url)

    assert "recorded 1" in outcome.output
    assert sorted(fake.labels(number)) == ["feedback", "recorded"]
    assert "Thank you: your feedback has been written down" in fake.comment_bodies(number)[-1]
    assert len(fake.open_pulls()) == 1


# --- speaking for a team -------------------------------------------------------------------


@pytest.mark.parametrize("author", ["warm-spaces-hollowmere", "Warm-Spaces-Hollowmere"])
def test_a_listed_member_may_speak_for_their_team(
    github: Fake, demo_copy: Path, author: str
) -> None:
    fake, url = github
    number = fake.add_issue(form_body(from_="warm-spaces-team"), author=author)
    assert cli_ingest(demo_copy, url).exit_code == 0
    rel = f"feedback/warm-spaces/warm-spaces-issue-{number}.yml"
    written = _feedback_file(fake, f"feedback/issue-{number}", rel)
    assert written["from"] == "warm-spaces-team"
    assert "is not on that team's list" not in fake.comment_bodies(number)[0]


@pytest.mark.parametrize(
    ("claimed", "reason"),
    [
        ("council-adult-care", "is not on that team's list (teams/council-adult-care.yml)"),
        ("no-such-team", "there is no team with that short name"),
    ],
)
def test_anyone_else_is_recorded_as_their_group_and_told_why(
    github: Fake, demo_copy: Path, claimed: str, reason: str
) -> None:
    fake, url = github
    number = fake.add_issue(form_body(from_=claimed), author="a-resident")
    assert cli_ingest(demo_copy, url).exit_code == 0
    rel = f"feedback/warm-spaces/warm-spaces-issue-{number}.yml"
    written = _feedback_file(fake, f"feedback/issue-{number}", rel)
    assert "from" not in written
    assert written["group"] == "carer"
    [comment] = fake.comment_bodies(number)
    assert reason in comment


# --- one bad issue never stops the others ---------------------------------------------------


TRICKY_TEXT = "x" * 5 + "\u202e" + "### Which part of it? (optional)"


def test_garbage_issues_do_not_stop_good_ones(github: Fake, demo_copy: Path) -> None:
    fake, url = github
    binary = fake.add_issue("\x00\x01 ### \n" * 500)
    tricky = fake.add_issue(form_body(body=TRICKY_TEXT))
    good = fake.add_issue(form_body())
    outcome = cli_ingest(demo_copy, url)
    assert outcome.exit_code == 0, outcome.output
    # The binary one cannot be read as the form; the one whose text holds a heading's words
    # in the middle of a line (and a bidi control) is recorded with that text as it is.
    assert "recorded 2, needs-info 1, skipped 0, failed 0" in outcome.output
    assert sorted(fake.labels(binary)) == ["feedback", "needs-info"]
    assert sorted(fake.labels(tricky)) == ["feedback", "recorded"]
    assert sorted(fake.labels(good)) == ["feedback", "recorded"]
    rel = f"feedback/warm-spaces/warm-spaces-issue-{tricky}.yml"
    written = _feedback_file(fake, f"feedback/issue-{tricky}", rel)
    assert written["body"] == TRICKY_TEXT + "\n"


def test_pull_requests_and_unlabelled_issues_are_not_feedback(
    github: Fake, demo_copy: Path
) -> None:
    fake, url = github
    number = fake.add_issue(form_body())
    fake.issues[number]["labels"] = []
    fake.add_pull("some-change", fake.files("main"))
    outcome = cli_ingest(demo_copy, url)
    assert "recorded 0, needs-info 0, skipped 0, failed 0" in outcome.output
    assert fake.comment_bodies(number) == []


def test_a_pull_request_labelled_feedback_is_never_taken_for_an_issue(
    github: Fake, demo_copy: Path
) -> None:
    """GitHub lists pull requests among a label's issues; one that reads like the form and
    carries the label is still somebody's change, not feedback."""
    fake, url = github
    pull = fake.add_pull("some-change", fake.files("main"))
    fake.issues[pull]["labels"] = ["feedback"]
    fake.issues[pull]["body"] = form_body()
    branches = set(fake.refs)

    outcome = cli_ingest(demo_copy, url)

    assert outcome.exit_code == 0, outcome.output
    assert "recorded 0, needs-info 0, skipped 0, failed 0" in outcome.output
    assert fake.comment_bodies(pull) == []
    assert fake.labels(pull) == ["feedback"]
    assert set(fake.refs) == branches
    assert list(fake.pulls) == [pull]


# --- markers count only in the bot's own comments ------------------------------------------


def _neighbour_says(fake: FakeGitHub, number: int, body: str) -> None:
    """Somebody else comments on the issue, copying one of the bot's hidden markers."""
    with fake.lock:
        fake.comments[number].append({"id": next(fake.ids), "body": body, "user": "a-neighbour"})


def _bot_comments(fake: FakeGitHub, number: int) -> list[str]:
    return [c["body"] for c in fake.comments[number] if c["user"] == BOT]


def test_a_neighbours_recorded_marker_does_not_stop_an_issue_being_recorded(
    github: Fake, demo_copy: Path
) -> None:
    fake, url = github
    number = fake.add_issue(form_body())
    _neighbour_says(fake, number, f"Already done, ignore this. {notices.RECORDED_MARKER}")

    outcome = cli_ingest(demo_copy, url)

    assert "recorded 1, needs-info 0, skipped 0, failed 0" in outcome.output, outcome.output
    [said] = _bot_comments(fake, number)
    [pull] = fake.open_pulls()
    assert said.startswith(notices.RECORDED_MARKER)
    assert f"{fake.host}/{REPO}/pull/" in said and "waiting in" in said
    assert pull["head"] == f"feedback/issue-{number}"
    assert sorted(fake.labels(number)) == ["feedback", "recorded"]


def test_a_neighbours_needs_info_marker_does_not_stop_the_reply(
    github: Fake, demo_copy: Path
) -> None:
    fake, url = github
    body = form_body(stance="")
    number = fake.add_issue(body)
    _neighbour_says(fake, number, notices.needs_info_marker(body))

    outcome = cli_ingest(demo_copy, url)

    assert "recorded 0, needs-info 1, skipped 0, failed 0" in outcome.output, outcome.output
    [said] = _bot_comments(fake, number)
    assert said.startswith(notices.needs_info_marker(body))
    assert "please answer the question 'What kind of comment" in said
    assert sorted(fake.labels(number)) == ["feedback", "needs-info"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--repo", "not a repo"], "expected OWNER/NAME"),
        (["--repo", "a/b", "--api-url", "ftp://x"], "expected an http:// or https:// address"),
    ],
)
def test_bad_options_are_usage_errors(demo_copy: Path, args: list[str], message: str) -> None:
    outcome = cli("ingest", "--root", str(demo_copy), *args)
    assert outcome.exit_code == 2
    assert message in outcome.output


def test_a_missing_token_is_a_clear_error(demo_copy: Path) -> None:
    outcome = CliRunner().invoke(
        main, ["notify", "--root", str(demo_copy), "--repo", REPO], env={"GITHUB_TOKEN": ""}
    )
    assert outcome.exit_code == 1
    assert "set GITHUB_TOKEN" in outcome.output


def test_a_broken_configuration_stops_ingest_before_anything_is_read(
    github: tuple[FakeGitHub, str], demo_copy: Path
) -> None:
    fake, url = github
    number = fake.add_issue(form_body(), author="a-resident")
    config = demo_copy / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("      groups:\n", "      grups:\n", 1),
        encoding="utf-8",
    )
    outcome = cli_ingest(demo_copy, url)
    assert outcome.exit_code == 1
    assert "mkdocs.yml:" in outcome.output and "fix mkdocs.yml first" in outcome.output
    assert fake.comment_bodies(number) == [] and not fake.pulls
