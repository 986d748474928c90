"""Nothing lost, nothing doubled: runs killed after each step, faults, and faults that stay."""

from __future__ import annotations

from pathlib import Path

import pytest

from commonplan.github.retry import RetryPolicy

from .fakegithub import FakeGitHub, Fault
from .githubloop import (
    KillAfter,
    Killed,
    Sleeps,
    cli_ingest,
    form_body,
    github,
    remote_for,
    run_ingest,
)

__all__ = ["github"]

Fake = tuple[FakeGitHub, str]


def _assert_recorded_once(fake: FakeGitHub, number: int) -> None:
    """GitHub holds one branch with one commit adding the file, one pull request from it, one
    comment linking to that pull request and the label: nothing missing, nothing twice."""
    branch = f"feedback/issue-{number}"
    rel = f"feedback/warm-spaces/warm-spaces-issue-{number}.yml"
    [pull] = fake.pulls
    assert fake.pulls[pull]["head"] == branch
    assert fake.pulls[pull]["state"] == "open"
    assert fake.commits_since(branch) == [f"Add {rel}"]
    main, head = fake.files("main"), fake.files(branch)
    assert sorted(p for p in head.keys() | main.keys() if head.get(p) != main.get(p)) == [rel]
    comments = fake.comment_bodies(number)
    assert len(comments) == 1
    assert f"/pull/{pull}" in comments[0]
    assert sorted(fake.labels(number)) == ["feedback", "recorded"]


@pytest.mark.parametrize(
    "step", ["create_branch", "put_file", "create_pull", "comment", "add_label"]
)
def test_a_run_killed_after_each_step_is_finished_by_the_next(
    github: Fake, demo_copy: Path, step: str
) -> None:
    fake, url = github
    number = fake.add_issue(form_body())
    with pytest.raises(Killed):
        run_ingest(demo_copy, KillAfter(remote_for(url), step))

    summary = run_ingest(demo_copy, remote_for(url))

    assert summary.failed == []
    # Killed right after the label was set, the issue is recorded already: the rerun skips it.
    if step == "add_label":
        assert (summary.recorded, summary.skipped) == ([], [f"issue #{number}"])
    else:
        assert (summary.recorded, summary.skipped) == ([f"issue #{number}"], [])
    _assert_recorded_once(fake, number)
    writes = len(fake.writes())
    assert run_ingest(demo_copy, remote_for(url)).skipped == [f"issue #{number}"]
    assert len(fake.writes()) == writes


def test_a_run_killed_after_a_needs_info_comment_adds_only_the_label(
    github: Fake, demo_copy: Path
) -> None:
    fake, url = github
    number = fake.add_issue(form_body(stance=""))
    with pytest.raises(Killed):
        run_ingest(demo_copy, KillAfter(remote_for(url), "comment"))
    assert fake.labels(number) == ["feedback"]
    run_ingest(demo_copy, remote_for(url))
    assert len(fake.comment_bodies(number)) == 1
    assert fake.labels(number) == ["feedback", "needs-info"]


FAULTS = {
    "403 with Retry-After": (Fault(403, {"Retry-After": "7"}), [7.0]),
    "403 rate limit exhausted": (
        Fault(403, {"x-ratelimit-remaining": "0", "x-ratelimit-reset": "1000030"}),
        [30.0],
    ),
    "429 with Retry-After": (Fault(429, {"Retry-After": "3"}), [3.0]),
    "429 without headers": (Fault(429), [2.0]),
    "500": (Fault(500), [2.0]),
    "502": (Fault(502), [2.0]),
    "503": (Fault(503), [2.0]),
    "dropped connection": (Fault(drop=True), [2.0]),
}


@pytest.mark.parametrize("name", sorted(FAULTS))
@pytest.mark.parametrize(
    ("method", "route"),
    [("GET", r"/issues$"), ("POST", r"/git/refs$"), ("PUT", r"/contents/"), ("POST", r"/pulls$")],
)
def test_each_fault_is_retried_after_the_right_wait(
    github: Fake, demo_copy: Path, name: str, method: str, route: str
) -> None:
    fake, url = github
    fault, waits = FAULTS[name]
    number = fake.add_issue(form_body())
    fake.fail(method, route, fault, times=1)
    sleeps = Sleeps()

    summary = run_ingest(demo_copy, remote_for(url, sleeps))

    assert summary.failed == []
    assert sleeps.waits == waits
    _assert_recorded_once(fake, number)


def test_waits_double_and_stop_at_the_attempt_limit(github: Fake, demo_copy: Path) -> None:
    fake, url = github
    fake.add_issue(form_body())
    fake.fail("POST", r"/pulls$", Fault(502), times=None)
    sleeps = Sleeps()
    summary = run_ingest(demo_copy, remote_for(url, sleeps, attempts=4))
    assert sleeps.waits == [2.0, 4.0, 8.0]
    assert len(summary.failed) == 1
    assert "after 4 attempts" in summary.failed[0]


def test_the_total_wait_is_bounded_over_the_whole_run(github: Fake, demo_copy: Path) -> None:
    fake, url = github
    for _ in range(3):
        fake.add_issue(form_body())
    fake.fail("POST", r"/pulls$", Fault(429, {"Retry-After": "50"}), times=None)
    sleeps = Sleeps()
    summary = run_ingest(demo_copy, remote_for(url, sleeps, max_total_wait=120.0))
    assert sum(sleeps.waits) <= 120.0
    assert len(summary.failed) == 3


def test_a_refusal_is_not_retried(github: Fake, demo_copy: Path) -> None:
    fake, url = github
    fake.add_issue(form_body())
    fake.fail("POST", r"/pulls$", Fault(403), times=None)
    sleeps = Sleeps()
    summary = run_ingest(demo_copy, remote_for(url, sleeps))
    assert sleeps.waits == []
    assert "GitHub answered 403" in summary.failed[0]


def test_a_fault_that_never_clears_fails_in_bounded_time_and_writes_nothing_twice(
    github: Fake, demo_copy: Path
) -> None:
    fake, url = github
    stuck = fake.add_issue(form_body())
    other = fake.add_issue(form_body(proposal="getting-about", section="paying-for-it"))
    fake.fail("POST", rf"/issues/{stuck}/comments$", Fault(503), times=None)

    outcome = cli_ingest(demo_copy, url, "--attempts", "3", "--retry-delay", "0.01")

    assert outcome.exit_code == 1
    assert "recorded 1, needs-info 0, skipped 0, failed 1" in outcome.output
    assert f"failed: issue #{stuck}: comment on issue #{stuck}" in outcome.output
    assert "after 3 attempts" in outcome.output
    assert sorted(fake.labels(other)) == ["feedback", "recorded"]
    assert fake.labels(stuck) == ["feedback"]

    fake.rules.clear()
    again = cli_ingest(demo_copy, url)
    assert again.exit_code == 0, again.output
    assert "recorded 1, needs-info 0, skipped 1, failed 0" in again.output
    assert len(fake.pulls) == 2
    assert len(fake.comment_bodies(stuck)) == 1


def test_the_policy_gives_up_when_the_total_wait_would_pass_its_bound() -> None:
    sleeps = Sleeps()
    policy = RetryPolicy(max_total_wait=10.0, sleep=sleeps)
    assert policy.wait(6.0)
    assert not policy.wait(6.0)
    assert sleeps.waits == [6.0]


def test_our_own_waits_are_capped_but_githubs_are_never_shortened() -> None:
    """A retry before GitHub's `retry-after` would only be refused again: the wait it asks
    for is kept whole, and `wait` then says whether the run can afford it."""
    policy = RetryPolicy(max_delay=60.0)
    assert policy.delay(429, {"Retry-After": "3600"}, 1) == 3600.0
    assert not policy.wait(3600.0)
    assert RetryPolicy(attempts=10, max_delay=60.0).delay(502, {}, 8) == 60.0
    assert policy.delay(404, {}, 1) is None
    assert policy.delay(500, {}, 5) is None  # attempts used up


LOST = [
    # (method, route): each write of recording an issue, its answer lost on the way back
    ("POST", r"/git/refs$"),
    ("PUT", r"/contents/"),
    ("POST", r"/pulls$"),
    ("POST", r"/comments$"),
    ("POST", r"/labels$"),
]


@pytest.mark.parametrize(("method", "route"), LOST)
@pytest.mark.parametrize(
    "fault",
    [Fault(502, after=True), Fault(drop=True, after=True)],
    ids=["502 after", "dropped after"],
)
def test_a_write_whose_answer_is_lost_is_not_made_twice(
    github: Fake, demo_copy: Path, method: str, route: str, fault: Fault
) -> None:
    """GitHub carried the request out, but the answer never arrived: the retry must see that
    it was done (one branch, one commit, one pull request, one comment) and not do it again."""
    fake, url = github
    number = fake.add_issue(form_body())
    fake.fail(method, route, fault, times=1)
    sleeps = Sleeps()
    summary = run_ingest(demo_copy, remote_for(url, sleeps))
    assert summary.failed == []
    assert summary.recorded == [f"issue #{number}"]
    assert sleeps.waits == [2.0]
    assert fake.rules == []  # the fault was met
    _assert_recorded_once(fake, number)


def _made(fake: FakeGitHub, number: int, route: str) -> bool:
    """Whether the write a lost answer was for is on GitHub."""
    branch = f"feedback/issue-{number}"
    return {
        r"/git/refs$": lambda: branch in fake.refs,
        r"/contents/": lambda: branch in fake.refs and len(fake.commits_since(branch)) == 1,
        r"/pulls$": lambda: [p["head"] for p in fake.open_pulls()] == [branch],
        r"/comments$": lambda: len(fake.comment_bodies(number)) == 1,
        r"/labels$": lambda: "recorded" in fake.labels(number),
    }[route]()


@pytest.mark.parametrize(("method", "route"), LOST)
@pytest.mark.parametrize(
    "fault",
    [Fault(502, after=True), Fault(drop=True, after=True)],
    ids=["502 after", "dropped after"],
)
def test_a_lost_answer_is_a_request_carried_out(
    github: Fake, demo_copy: Path, method: str, route: str, fault: Fault
) -> None:
    """The fake really carries the request out before losing its answer: a run that gives up
    at once (one attempt) has made the write all the same, and the next run, finding it
    there, finishes the rest without making it twice."""
    fake, url = github
    number = fake.add_issue(form_body())
    fake.fail(method, route, fault, times=1)
    first = run_ingest(demo_copy, remote_for(url, attempts=1))
    assert len(first.failed) == 1
    assert _made(fake, number, route)
    again = run_ingest(demo_copy, remote_for(url))
    assert again.failed == []
    _assert_recorded_once(fake, number)


@pytest.mark.parametrize("attempts", [5, 1], ids=["retried in the run", "left to the next"])
def test_a_lost_answer_to_a_review_reply_is_not_replied_twice(
    github: Fake, demo_copy: Path, attempts: int
) -> None:
    fake, url = github
    pull = fake.add_pull("change", fake.files("main"))
    comment = fake.add_review_comment(
        pull, "proposals/warm-spaces.md", 50, "Group: carer\nYes", "u"
    )
    fake.fail("POST", r"/replies$", Fault(502, after=True), times=1)

    def replies() -> list[str]:
        thread = fake.review_comments[pull]
        return [c["body"] for c in thread if c.get("in_reply_to_id") == comment]

    sleeps = Sleeps()
    first = run_ingest(demo_copy, remote_for(url, sleeps, attempts=attempts))
    assert len(replies()) == 1  # made, though its answer was lost
    if attempts == 1:
        assert len(first.failed) == 1
        assert run_ingest(demo_copy, remote_for(url)).skipped == [f"review comment {comment}"]
    else:
        assert first.failed == []
        assert sleeps.waits == [2.0]
    assert len(replies()) == 1
    branch = f"feedback/review-{comment}"
    assert fake.commits_since(branch) == [
        f"Add feedback/warm-spaces/warm-spaces-review-{comment}.yml"
    ]
    assert [p["head"] for p in fake.open_pulls()] == ["change", branch]


def _nothing_written(fake: FakeGitHub, number: int) -> None:
    assert fake.pulls == {}
    assert sorted(fake.refs) == ["main"]
    assert fake.comment_bodies(number) == []
    assert fake.labels(number) == ["feedback"]


@pytest.mark.parametrize(
    ("body", "said"),
    [
        (b"<html><body>proxy error</body></html>", ""),
        (b'[{"number": 1, "title": "Feedb', "Unterminated string"),  # the parser's own words
    ],
    ids=["an HTML page", "JSON cut short"],
)
def test_an_answer_that_is_not_json_fails_cleanly(
    github: Fake, demo_copy: Path, body: bytes, said: str
) -> None:
    fake, url = github
    number = fake.add_issue(form_body())
    fake.fail("GET", r"/issues$", Fault(200, body=body), times=None)
    outcome = cli_ingest(demo_copy, url)
    assert outcome.exit_code == 1
    assert "list open issues labelled 'feedback': GitHub's answer could not be read" in (
        outcome.output
    )
    assert said in outcome.output
    assert isinstance(outcome.exception, SystemExit)
    _nothing_written(fake, number)

    fake.rules.clear()
    assert cli_ingest(demo_copy, url).exit_code == 0
    _assert_recorded_once(fake, number)


BAD_GATEWAY = b"<html><head><title>502 Bad Gateway</title></head></html>"


def test_a_proxys_error_page_is_retried_like_the_error_it_carries(
    github: Fake, demo_copy: Path
) -> None:
    fake, url = github
    number = fake.add_issue(form_body())
    fake.fail("POST", r"/pulls$", Fault(502, body=BAD_GATEWAY), times=2)
    sleeps = Sleeps()
    summary = run_ingest(demo_copy, remote_for(url, sleeps))
    assert summary.failed == []
    assert sleeps.waits == [2.0, 4.0]
    _assert_recorded_once(fake, number)


def test_an_error_page_that_stays_is_quoted_in_the_failure(github: Fake, demo_copy: Path) -> None:
    fake, url = github
    number = fake.add_issue(form_body())
    fake.fail("POST", r"/pulls$", Fault(502, body=BAD_GATEWAY), times=None)
    summary = run_ingest(demo_copy, remote_for(url, attempts=2))
    [failed] = summary.failed
    assert f"issue #{number}: open a pull request from 'feedback/issue-{number}'" in failed
    assert "GitHub answered 502: an answer that is not JSON: <html><head><title>502" in failed
    assert fake.pulls == {}
