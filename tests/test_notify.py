"""`commonplan notify` and the whole loop, also against a server under GitHub Enterprise's
`/api/v3` path that the code was never written against."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from commonplan.github import notices
from commonplan.github.notify import issue_number
from commonplan.repository import check_repository

from .fakegithub import BOT, FakeGitHub
from .githubloop import REPO, cli_ingest, cli_notify, form_body, github, merge_into, seed

__all__ = ["github"]

Fake = tuple[FakeGitHub, str]
SITE = "https://hollowmere-together.github.io/strategy"


OWNER = "warm-spaces-hollowmere"  # on warm-spaces-team's github list


def respond(
    fake: FakeGitHub, root: Path, rel: str, status: str, text: str, author: str = OWNER
) -> None:
    """The owner answers by editing the merged file in a pull request of their own, merged
    into main (and checked out, as the notify job checks it out)."""
    path = root / rel
    original = path.read_text(encoding="utf-8").split("response:")[0]
    path.write_text(
        original + f"response:\n  status: {status}\n  by: warm-spaces-team\n  date: 2026-11-25\n"
        f"  text: {text}\n",
        encoding="utf-8",
    )
    fake.land({rel: path.read_text(encoding="utf-8")}, author, "An answer")


def recorded_and_merged(fake: FakeGitHub, url: str, root: Path) -> tuple[int, str]:
    number = fake.add_issue(form_body(), author="a-resident")
    assert cli_ingest(root, url).exit_code == 0
    [pull] = [n for n, p in fake.pulls.items() if p["state"] == "open"]
    [rel] = merge_into(fake, pull, root)
    return number, rel


def test_a_final_response_is_told_once_labelled_and_closed(github: Fake, demo_copy: Path) -> None:
    fake, url = github
    number, rel = recorded_and_merged(fake, url, demo_copy)
    respond(fake, demo_copy, rel, "accepted", "The library will open until eight on Thursdays.")

    outcome = cli_notify(demo_copy, url)

    assert outcome.exit_code == 0, outcome.output
    assert "answered 1, skipped " in outcome.output and "failed 0" in outcome.output
    comment = fake.comment_bodies(number)[-1]
    assert "Warm Spaces" in comment and "accepted it" in comment
    assert "> `The library will open until eight on Thursdays.`" in comment
    assert f"{SITE}/proposals/warm-spaces/#warm-spaces-issue-{number}" in comment
    assert "answered" in fake.labels(number)
    assert fake.issues[number]["state"] == "closed"

    writes = len(fake.writes())
    again = cli_notify(demo_copy, url)
    assert "answered 0, skipped " in again.output and "failed 0" in again.output
    assert len(fake.writes()) == writes


def test_a_response_under_review_keeps_the_issue_open_until_it_is_final(
    github: Fake, demo_copy: Path
) -> None:
    fake, url = github
    number, rel = recorded_and_merged(fake, url, demo_copy)
    respond(fake, demo_copy, rel, "under-review", "We are asking the library.")
    assert cli_notify(demo_copy, url).exit_code == 0
    assert fake.issues[number]["state"] == "open"
    assert "is looking at it" in fake.comment_bodies(number)[-1]

    respond(fake, demo_copy, rel, "partly", "Thursdays yes, Tuesdays not yet.")
    assert cli_notify(demo_copy, url).exit_code == 0
    assert cli_notify(demo_copy, url).exit_code == 0

    told = [c for c in fake.comment_bodies(number) if "commonplan:answered" in c]
    assert len(told) == 2
    assert "partly accepted it" in told[-1]
    assert fake.issues[number]["state"] == "closed"
    assert fake.labels(number).count("answered") == 1


def test_feedback_without_a_response_or_from_elsewhere_is_left_alone(
    github: Fake, demo_copy: Path
) -> None:
    fake, url = github
    number, _ = recorded_and_merged(fake, url, demo_copy)
    comments = len(fake.comment_bodies(number))
    outcome = cli_notify(demo_copy, url)
    assert outcome.exit_code == 0, outcome.output
    # The demo's own answered issues (numbers the fake never had) are skipped, not failed.
    assert "answered 0" in outcome.output and "failed 0" in outcome.output
    assert len(fake.comment_bodies(number)) == comments


def test_issue_numbers_come_only_from_this_repositorys_issues() -> None:
    assert issue_number("https://github.com/hollowmere-together/strategy/issues/12", REPO) == 12
    assert issue_number("https://ghe.example.org/Hollowmere-Together/Strategy/issues/3", REPO) == 3
    assert issue_number("https://github.com/someone/else/issues/12", REPO) is None
    assert issue_number("https://github.com/hollowmere-together/strategy/pull/12", REPO) is None
    assert issue_number(None, REPO) is None


@pytest.fixture
def enterprise(demo_copy: Path) -> Iterator[tuple[FakeGitHub, str]]:
    fake = FakeGitHub(REPO, prefix="/api/v3")
    with fake.serve() as url:
        seed(fake, demo_copy)
        yield fake, url


def test_the_whole_loop_against_an_enterprise_server(enterprise: Fake, demo_copy: Path) -> None:
    fake, url = enterprise
    assert url.endswith("/api/v3")
    number, rel = recorded_and_merged(fake, url, demo_copy)
    assert all(path.startswith("/api/v3/") for _, path in fake.log)
    before = len(fake.writes())
    assert "recorded 0, needs-info 0, skipped 1, failed 0" in cli_ingest(demo_copy, url).output
    assert len(fake.writes()) == before
    respond(fake, demo_copy, rel, "not-adopted", "The library cannot open later this winter.")

    first = cli_notify(demo_copy, url)
    writes = len(fake.writes())
    second = cli_notify(demo_copy, url)

    assert first.exit_code == 0 and second.exit_code == 0, first.output + second.output
    assert "decided not to adopt it" in fake.comment_bodies(number)[-1]
    assert fake.issues[number]["state"] == "closed"
    assert len(fake.writes()) == writes


def test_a_file_pointing_at_an_issue_it_was_not_recorded_from_changes_nothing(
    github: Fake, demo_copy: Path
) -> None:
    """Feedback files are open to everyone (no code owner): one that claims an unrelated
    issue, or a feedback issue ingest never recorded, must not make the bot speak or close."""
    fake, url = github
    unrelated = fake.add_issue("Please fix the bins on Wharf Lane.", author="a-resident")
    fake.issues[unrelated]["labels"] = []
    unrecorded = fake.add_issue(form_body(), author="a-resident")  # labelled feedback only
    for number, name in (
        (unrelated, "warm-spaces-9001"),
        (unrecorded, f"warm-spaces-issue-{unrecorded}"),
    ):
        (demo_copy / "feedback" / "warm-spaces" / f"{name}.yml").write_text(
            "proposal: warm-spaces\ngroup: citizen\nstance: idea\nsubmitted: 2026-11-20\n"
            f"source: {{kind: github-issue, ref: 'https://github.com/{REPO}/issues/{number}'}}\n"
            "body: Keep the library open later.\n"
            "response: {status: accepted, by: warm-spaces-team, date: 2026-11-25, text: Done.}\n",
            encoding="utf-8",
        )
    outcome = cli_notify(demo_copy, url)
    assert outcome.exit_code == 0, outcome.output
    assert "answered 0," in outcome.output
    for number in (unrelated, unrecorded):
        assert fake.issues[number]["state"] == "open"
        assert not [c for c in fake.comment_bodies(number) if "commonplan:answered" in c]
        assert "answered" not in fake.labels(number)


@pytest.mark.parametrize(
    "name",
    [
        "warm-spaces-9001",  # an ordinary id
        "warm-spaces-issue-{other}",  # another issue's number
        "warm-spaces-issue-0{number}",  # the same number, written otherwise
        "warm-spaces-issue-{number}0",
        "getting-about-issue-{number}",  # another proposal's prefix
    ],
)
def test_a_recorded_issue_whose_file_has_another_id_is_not_answered(
    github: Fake, demo_copy: Path, name: str
) -> None:
    """The issue was recorded and its file merged, but the answered file's id is not
    `<proposal>-issue-<N>` for that issue: its `ref` alone never makes the bot speak."""
    fake, url = github
    number, rel = recorded_and_merged(fake, url, demo_copy)
    renamed = (demo_copy / rel).with_name(name.format(number=number, other=number + 1) + ".yml")
    (demo_copy / rel).rename(renamed)
    respond(fake, demo_copy, renamed.relative_to(demo_copy).as_posix(), "accepted", "Done.")
    assert check_repository(demo_copy).diagnostics.errors == []
    comments = fake.comment_bodies(number)
    assert sorted(fake.labels(number)) == ["feedback", "recorded"]

    outcome = cli_notify(demo_copy, url)

    assert outcome.exit_code == 0, outcome.output
    assert "answered 0," in outcome.output
    assert fake.comment_bodies(number) == comments
    assert sorted(fake.labels(number)) == ["feedback", "recorded"]
    assert fake.issues[number]["state"] == "open"


def test_a_neighbours_copy_of_the_answered_marker_does_not_stop_the_answer(
    github: Fake, demo_copy: Path
) -> None:
    fake, url = github
    number, rel = recorded_and_merged(fake, url, demo_copy)
    respond(fake, demo_copy, rel, "accepted", "The library will open until eight on Thursdays.")
    item = check_repository(demo_copy).corpus.feedback[f"warm-spaces-issue-{number}"]
    marker = notices.answered_marker(item)
    with fake.lock:
        fake.comments[number].append(
            {"id": next(fake.ids), "body": f"They told me already. {marker}", "user": "a-neighbour"}
        )

    outcome = cli_notify(demo_copy, url)

    assert outcome.exit_code == 0, outcome.output
    assert "answered 1," in outcome.output
    told = [c["body"] for c in fake.comments[number] if c["user"] == BOT and marker in c["body"]]
    assert len(told) == 1
    assert "> `The library will open until eight on Thursdays.`" in told[0]
    assert sorted(fake.labels(number)) == ["answered", "feedback", "recorded"]
    assert fake.issues[number]["state"] == "closed"


@pytest.mark.parametrize("removed", ["feedback", "recorded"])
def test_an_issue_no_longer_labelled_as_recorded_feedback_is_not_answered(
    github: Fake, demo_copy: Path, removed: str
) -> None:
    """A maintainer took a label off (it was not feedback after all, or not recorded): the
    bot no longer speaks on the issue, labels it or closes it."""
    fake, url = github
    number, rel = recorded_and_merged(fake, url, demo_copy)
    respond(fake, demo_copy, rel, "accepted", "Done.")
    fake.issues[number]["labels"].remove(removed)
    labels, comments = fake.labels(number), fake.comment_bodies(number)

    outcome = cli_notify(demo_copy, url)

    assert outcome.exit_code == 0, outcome.output
    assert f"issue #{number} (warm-spaces-issue-{number}): skipped" in outcome.output
    assert fake.comment_bodies(number) == comments
    assert fake.labels(number) == labels
    assert fake.issues[number]["state"] == "open"


def test_a_forged_answer_that_reached_main_is_refused_and_said(
    github: Fake, demo_copy: Path
) -> None:
    """A pull request by someone outside the answering team got merged anyway (no
    --author check, an admin's override): the resident is told nothing, and the run fails
    saying why."""
    fake, url = github
    number, rel = recorded_and_merged(fake, url, demo_copy)
    comments = len(fake.comment_bodies(number))
    respond(fake, demo_copy, rel, "not-adopted", "Cancelled, see https://evil.example/", "mallory")

    outcome = cli_notify(demo_copy, url)

    assert outcome.exit_code == 1
    assert "refused 1" in outcome.output
    assert f"refused: issue #{number}" in outcome.output
    assert "'mallory' brought it, who is not in that team's `github:` list" in outcome.output
    assert len(fake.comment_bodies(number)) == comments
    assert "answered" not in fake.labels(number)
    assert fake.issues[number]["state"] == "open"


def test_an_answer_pushed_straight_to_main_counts_its_commit_author(
    github: Fake, demo_copy: Path
) -> None:
    fake, url = github
    number, rel = recorded_and_merged(fake, url, demo_copy)
    path = demo_copy / rel
    path.write_text(
        path.read_text()
        + "response:\n  status: accepted\n  by: warm-spaces-team\n  date: 2026-11-25\n"
        "  text: Done.\n"
    )
    fake.set_branch("main", {**fake.files("main"), rel: path.read_text()}, "Answer", OWNER)
    # A later edit by someone else that leaves the answer's words as they are: the answer
    # was still brought by its team.
    path.write_text(path.read_text().replace("stance: ", "stance:  ", 1))
    fake.set_branch("main", {**fake.files("main"), rel: path.read_text()}, "Tidy", "someone")
    outcome = cli_notify(demo_copy, url)
    assert outcome.exit_code == 0, outcome.output
    assert "answered 1" in outcome.output
    assert "Done." in fake.comment_bodies(number)[-1]
