"""Rate limits as GitHub documents them: the primary one waited out until its reset, the
secondary one recognised by its message alone and waited out for at least a minute, and a
limit that would outlast the run's wait ends it cleanly for the next run to resume."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from commonplan.github.client import GitHubRemote
from commonplan.github.remote import RemoteError
from commonplan.github.retry import PRIMARY, SECONDARY, RetryPolicy, rate_limit

from .fakegithub import SECONDARY_MESSAGE, FakeGitHub, Fault, secondary_rate_limit
from .githubloop import REPO, form_body, github, run_ingest

__all__ = ["github"]

Fake = tuple[FakeGitHub, str]
START = 1_000_000.0


class Clock:
    """One clock for the fake and the policy: a wait moves it on instead of waiting."""

    def __init__(self) -> None:
        self.time = START
        self.waits: list[float] = []

    def now(self) -> float:
        return self.time

    def sleep(self, seconds: float) -> None:
        self.waits.append(seconds)
        self.time += seconds


@pytest.fixture
def clock(github: Fake) -> Clock:
    clock = Clock()
    github[0].clock = clock.now
    return clock


def remote(url: str, clock: Clock, **policy: Any) -> GitHubRemote:
    retry = RetryPolicy(sleep=clock.sleep, now=clock.now, **policy)
    return GitHubRemote(REPO, "test-token", url, retry)


def assert_recorded_once(fake: FakeGitHub, number: int, proposal: str = "warm-spaces") -> None:
    """One branch with one commit adding the file, one pull request, one comment, the label."""
    branch = f"feedback/issue-{number}"
    rel = f"feedback/{proposal}/{proposal}-issue-{number}.yml"
    pulls = [n for n, p in fake.pulls.items() if p["head"] == branch]
    assert len(pulls) == 1
    assert fake.commits_since(branch) == [f"Add {rel}"]
    [comment] = fake.comment_bodies(number)
    assert f"/pull/{pulls[0]}" in comment
    assert sorted(fake.labels(number)) == ["feedback", "recorded"]


def assert_nothing_written(fake: FakeGitHub, number: int) -> None:
    assert f"feedback/issue-{number}" not in fake.refs
    assert fake.comment_bodies(number) == []
    assert fake.labels(number) == ["feedback"]


# --- the primary rate limit ---------------------------------------------------------------


@pytest.mark.parametrize("status", [403, 429])
def test_an_exhausted_primary_limit_is_waited_out_until_it_resets(
    github: Fake, clock: Clock, demo_copy: Path, status: int
) -> None:
    fake, url = github
    number = fake.add_issue(form_body())
    fake.exhaust_rate_limit(reset_in=40, status=status)

    summary = run_ingest(demo_copy, remote(url, clock))

    assert summary.failed == []
    assert clock.waits == [40.0]  # not one request before the reset
    assert_recorded_once(fake, number)


def test_a_primary_limit_resetting_after_the_run_could_wait_ends_it_cleanly(
    github: Fake, clock: Clock, demo_copy: Path
) -> None:
    fake, url = github
    number = fake.add_issue(form_body())
    fake.exhaust_rate_limit(reset_in=3600)

    summary = run_ingest(demo_copy, remote(url, clock))

    assert clock.waits == []  # retrying before the reset would only be refused again
    [failed] = summary.failed
    assert failed.startswith("listing issues and pull requests: list open pull requests:")
    assert "GitHub answered 403: API rate limit exceeded for user ID" in failed
    assert "GitHub's primary rate limit asks for a wait of 3600 s" in failed
    assert "the next run resumes from here" in failed
    assert_nothing_written(fake, number)

    clock.time += 3600  # an hour later, the next scheduled run
    again = run_ingest(demo_copy, remote(url, clock))
    assert again.failed == []
    assert_recorded_once(fake, number)


# --- secondary rate limits ----------------------------------------------------------------

ROUTES = [("GET", r"/issues$"), ("POST", r"/pulls$"), ("POST", r"/comments$")]


@pytest.mark.parametrize(("method", "route"), ROUTES)
def test_a_secondary_limit_with_only_its_message_is_waited_out_for_a_minute(
    github: Fake, clock: Clock, demo_copy: Path, method: str, route: str
) -> None:
    """403, no retry-after and no x-ratelimit-* headers at all: only the message says it is a
    rate limit and not a refusal."""
    fake, url = github
    number = fake.add_issue(form_body())
    fake.fail(method, route, secondary_rate_limit(403), times=1)

    summary = run_ingest(demo_copy, remote(url, clock))

    assert summary.failed == []
    assert clock.waits == [60.0]
    assert fake.rules == []  # the limit was met, then cleared
    assert_recorded_once(fake, number)


@pytest.mark.parametrize("status", [429, 403])
@pytest.mark.parametrize(("method", "route"), ROUTES)
def test_a_secondary_limit_with_retry_after_waits_exactly_that(
    github: Fake, clock: Clock, demo_copy: Path, status: int, method: str, route: str
) -> None:
    fake, url = github
    number = fake.add_issue(form_body())
    fake.fail(method, route, secondary_rate_limit(status, retry_after=17), times=1)

    summary = run_ingest(demo_copy, remote(url, clock))

    assert summary.failed == []
    assert clock.waits == [17.0]
    assert_recorded_once(fake, number)


def test_a_secondary_limit_with_no_requests_remaining_waits_until_the_reset(
    github: Fake, clock: Clock, demo_copy: Path
) -> None:
    fake, url = github
    number = fake.add_issue(form_body())
    fault = secondary_rate_limit(403)
    fault.headers |= {"x-ratelimit-remaining": "0", "x-ratelimit-reset": str(int(START) + 45)}
    fake.fail("POST", r"/pulls$", fault, times=1)

    summary = run_ingest(demo_copy, remote(url, clock))

    assert summary.failed == []
    assert clock.waits == [45.0]
    assert_recorded_once(fake, number)


def test_a_secondary_limit_that_goes_on_waits_longer_each_time(
    github: Fake, clock: Clock, demo_copy: Path
) -> None:
    fake, url = github
    number = fake.add_issue(form_body())
    fake.fail("POST", r"/pulls$", secondary_rate_limit(403), times=2)

    summary = run_ingest(demo_copy, remote(url, clock, max_total_wait=200.0))

    assert summary.failed == []
    assert clock.waits == [60.0, 120.0]
    assert_recorded_once(fake, number)


def test_a_secondary_limit_that_never_clears_ends_the_run_for_the_next_to_resume(
    github: Fake, clock: Clock, demo_copy: Path
) -> None:
    fake, url = github
    stuck = fake.add_issue(form_body())
    other = fake.add_issue(form_body(proposal="getting-about", section="paying-for-it"))
    fake.fail("POST", rf"/issues/{stuck}/comments$", secondary_rate_limit(403), times=None)

    summary = run_ingest(demo_copy, remote(url, clock))

    # 60 + 120 s fit in the run's 180; the next wait (240 s) does not.
    assert clock.waits == [60.0, 120.0]
    assert summary.recorded == []
    first, second = summary.failed
    assert first.startswith(f"issue #{stuck}: comment on issue #{stuck}: GitHub answered 403:")
    assert "after 3 attempts" in first
    assert "GitHub's secondary rate limit asks for a wait of 240 s" in first
    assert "the next run resumes from here" in first
    # Requests made while limited can get an integration banned: the rest of the run waits.
    assert second.startswith(f"issue #{other}: ")
    assert "not sent: GitHub's secondary rate limit is still in force" in second
    assert_nothing_written(fake, other)
    assert fake.comment_bodies(stuck) == []
    assert fake.labels(stuck) == ["feedback"]

    fake.rules.clear()  # the next scheduled run, the limit gone
    again = run_ingest(demo_copy, remote(url, clock))
    assert again.failed == []
    assert sorted(again.recorded) == [f"issue #{stuck}", f"issue #{other}"]
    assert_recorded_once(fake, stuck)
    assert_recorded_once(fake, other, "getting-about")
    assert len(fake.pulls) == 2


def test_the_hold_ends_when_githubs_wait_is_over(github: Fake, clock: Clock) -> None:
    fake, url = github
    fake.fail("GET", r"/issues$", secondary_rate_limit(429, retry_after=500), times=1)
    github_remote = remote(url, clock)
    with pytest.raises(RemoteError, match="asks for a wait of 500 s"):
        github_remote.open_issues("feedback")
    with pytest.raises(RemoteError, match="not sent"):
        github_remote.open_pulls()
    clock.time += 500
    assert github_remote.open_pulls() == []
    assert clock.waits == []


# --- the policy on its own ----------------------------------------------------------------


def test_a_secondary_limit_is_known_by_its_message_whatever_the_headers() -> None:
    assert rate_limit(403, {}, SECONDARY_MESSAGE) == SECONDARY
    assert rate_limit(429, {}, SECONDARY_MESSAGE) == SECONDARY
    older = "You have triggered an abuse detection mechanism. Please wait a few minutes."
    assert rate_limit(403, {}, older) == SECONDARY
    assert rate_limit(403, {"X-RateLimit-Remaining": "0"}, "") == PRIMARY
    assert rate_limit(403, {}, "API rate limit exceeded for user ID 1.") == PRIMARY
    assert rate_limit(403, {"x-ratelimit-remaining": "12"}, "Resource not accessible") is None
    assert rate_limit(500, {}, SECONDARY_MESSAGE) is None


def test_secondary_waits_start_at_a_minute_and_double() -> None:
    policy = RetryPolicy(attempts=5, base_delay=0.01, max_delay=1.0)
    waits = [policy.delay(403, {}, attempt, SECONDARY_MESSAGE) for attempt in (1, 2, 3, 4)]
    assert waits == [60.0, 120.0, 240.0, 480.0]  # neither base_delay nor max_delay shorten it
    assert policy.delay(403, {}, 5, SECONDARY_MESSAGE) is None  # attempts used up
    assert RetryPolicy(secondary_delay=10.0).delay(403, {}, 1, SECONDARY_MESSAGE) == 60.0


def test_retry_after_may_be_a_date() -> None:
    policy = RetryPolicy(now=lambda: 1_700_000_000.0)
    date = "Tue, 14 Nov 2023 22:14:50 GMT"  # 1_700_000_090
    assert policy.delay(429, {"Retry-After": date}, 1, SECONDARY_MESSAGE) == 90.0


def test_a_refusal_that_is_no_rate_limit_is_still_final(github: Fake, demo_copy: Path) -> None:
    fake, url = github
    number = fake.add_issue(form_body())
    refused = Fault(403, body=b'{"message": "Resource not accessible by integration"}')
    fake.fail("POST", r"/pulls$", refused, times=None)
    clock = Clock()
    summary = run_ingest(demo_copy, remote(url, clock))
    assert clock.waits == []
    [failed] = summary.failed
    assert "GitHub answered 403: Resource not accessible by integration" in failed
    assert "rate limit" not in failed
    assert fake.comment_bodies(number) == []
