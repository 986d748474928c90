"""The fake GitHub behaves as GitHub documents (pagination, rate-limit headers) and applies
every fault it offers; and ingest, through PyGithub, reads lists longer than one page."""

from __future__ import annotations

import http.client
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from .fakegithub import (
    MAX_PER_PAGE,
    PER_PAGE,
    RATE_LIMIT,
    SECONDARY_MESSAGE,
    FakeGitHub,
    Fault,
    secondary_rate_limit,
)
from .githubloop import KillAfter, Killed, form_body, github, remote_for, run_ingest

__all__ = ["github"]

Fake = tuple[FakeGitHub, str]
REPO = "hollowmere-together/strategy"
ISSUES = f"/repos/{REPO}/issues"
API = f"/repos/{REPO}"
NOW = 1_000_000.0


@pytest.fixture
def fake() -> Iterator[FakeGitHub]:
    fake = FakeGitHub(REPO, clock=lambda: NOW)
    with fake.serve():
        yield fake


class Answer:
    def __init__(self, status: int, headers: dict[str, str], body: bytes) -> None:
        self.status, self.headers, self.body = status, headers, body

    def json(self) -> Any:
        return json.loads(self.body)


def call(fake: FakeGitHub, method: str, target: str, data: Any = None) -> Answer:
    """One request over HTTP, on a connection of its own."""
    port = urlsplit(fake.host).port
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        payload = json.dumps(data).encode() if data is not None else None
        connection.request(method, fake.prefix + target, body=payload)
        response = connection.getresponse()
        headers = {k.lower(): v for k, v in response.getheaders()}
        return Answer(response.status, headers, response.read())
    finally:
        connection.close()


def links(answer: Answer) -> dict[str, str]:
    found = {}
    for part in answer.headers.get("link", "").split(", ") if "link" in answer.headers else []:
        url, rel = part.split("; ")
        found[rel.removeprefix('rel="').removesuffix('"')] = url.strip("<>")
    return found


def page_of(url: str) -> int:
    return int(parse_qs(urlsplit(url).query)["page"][0])


# --- pagination ---------------------------------------------------------------------------


def test_a_list_comes_in_pages_of_thirty_with_links_as_github_sends_them(
    fake: FakeGitHub,
) -> None:
    numbers = [fake.add_issue("x") for _ in range(35)]

    first = call(fake, "GET", f"{ISSUES}?state=open&labels=feedback")
    assert first.status == 200
    assert [i["number"] for i in first.json()] == numbers[::-1][:PER_PAGE]  # newest first
    assert links(first).keys() == {"next", "last"}  # no prev or first on the first page
    assert page_of(links(first)["next"]) == 2
    assert page_of(links(first)["last"]) == 2
    next_url = links(first)["next"]
    assert next_url.startswith(f"{fake.api}{ISSUES}?")  # back at the fake, query kept
    assert parse_qs(urlsplit(next_url).query)["labels"] == ["feedback"]
    assert first.headers["link"].index('rel="next"') < first.headers["link"].index('rel="last"')

    second = call(fake, "GET", urlsplit(next_url).path + "?" + urlsplit(next_url).query)
    assert [i["number"] for i in second.json()] == numbers[::-1][PER_PAGE:]
    assert links(second).keys() == {"prev", "first"}
    assert page_of(links(second)["prev"]) == 1

    ascending = call(fake, "GET", f"{ISSUES}?direction=asc&per_page=10&page=2")
    assert [i["number"] for i in ascending.json()] == numbers[10:20]
    assert {rel: page_of(u) for rel, u in links(ascending).items()} == {
        "prev": 1,
        "next": 3,
        "last": 4,
        "first": 1,
    }


def test_per_page_is_at_most_a_hundred_and_one_page_has_no_link(fake: FakeGitHub) -> None:
    for _ in range(MAX_PER_PAGE + 5):
        fake.add_issue("x")
    assert len(call(fake, "GET", f"{ISSUES}?per_page=500").json()) == MAX_PER_PAGE
    assert len(call(fake, "GET", f"{ISSUES}?per_page=0").json()) == PER_PAGE
    beyond = call(fake, "GET", f"{ISSUES}?per_page=100&page=3")
    assert beyond.json() == []
    single = call(fake, "GET", f"/repos/{REPO}/issues/1/comments")
    assert single.json() == []
    assert "link" not in single.headers  # everything fits on one page


def test_comments_pulls_and_review_comments_are_paged_too(fake: FakeGitHub) -> None:
    issue = fake.add_issue("x")
    for n in range(31):
        call(fake, "POST", f"/repos/{REPO}/issues/{issue}/comments", {"body": f"c{n}"})
    pulls = [fake.add_pull(f"b{n}", {}) for n in range(31)]
    for n in range(31):
        fake.add_review_comment(pulls[0], "proposals/x.md", 1, f"r{n}", "u")
    for target in (
        f"/repos/{REPO}/issues/{issue}/comments",
        f"/repos/{REPO}/pulls",
        f"/repos/{REPO}/pulls/{pulls[0]}/comments",
    ):
        answer = call(fake, "GET", target)
        assert len(answer.json()) == PER_PAGE, target
        assert page_of(links(answer)["last"]) == 2, target
    comments = call(fake, "GET", f"/repos/{REPO}/issues/{issue}/comments?page=2").json()
    assert [c["body"] for c in comments] == ["c30"]  # oldest first, as GitHub lists them


# --- rate-limit headers -------------------------------------------------------------------


def test_every_answer_carries_the_primary_rate_limit(fake: FakeGitHub) -> None:
    first = call(fake, "GET", f"{ISSUES}")
    second = call(fake, "GET", f"/repos/{REPO}/issues/999")  # a 404 counts as well
    assert second.status == 404
    for answer, used in ((first, 1), (second, 2)):
        assert answer.headers["x-ratelimit-limit"] == str(RATE_LIMIT)
        assert answer.headers["x-ratelimit-remaining"] == str(RATE_LIMIT - used)
        assert answer.headers["x-ratelimit-used"] == str(used)
        assert answer.headers["x-ratelimit-reset"] == str(int(NOW) + 3600)  # epoch seconds
        assert answer.headers["x-ratelimit-resource"] == "core"


def test_an_exhausted_limit_refuses_until_it_resets(fake: FakeGitHub) -> None:
    now = [NOW]
    fake.clock = lambda: now[0]
    number = fake.add_issue("x")
    fake.exhaust_rate_limit(reset_in=60)

    refused = call(fake, "POST", f"/repos/{REPO}/issues/{number}/comments", {"body": "hi"})
    assert refused.status == 403
    assert refused.json()["message"].startswith("API rate limit exceeded for user ID ")
    assert "rate-limits-for-the-rest-api" in refused.json()["documentation_url"]
    assert refused.headers["x-ratelimit-remaining"] == "0"
    assert refused.headers["x-ratelimit-used"] == str(RATE_LIMIT)
    assert refused.headers["x-ratelimit-reset"] == str(int(NOW) + 60)
    assert fake.comment_bodies(number) == []  # not carried out

    now[0] += 60
    allowed = call(fake, "POST", f"/repos/{REPO}/issues/{number}/comments", {"body": "hi"})
    assert allowed.status == 201
    assert allowed.headers["x-ratelimit-remaining"] == str(RATE_LIMIT - 1)
    assert fake.comment_bodies(number) == ["hi"]


def test_the_primary_limit_may_be_refused_with_429(fake: FakeGitHub) -> None:
    fake.exhaust_rate_limit(status=429)
    assert call(fake, "GET", ISSUES).status == 429


# --- faults -------------------------------------------------------------------------------


def test_a_fault_is_answered_instead_and_the_request_is_not_carried_out(
    fake: FakeGitHub,
) -> None:
    number = fake.add_issue("x")
    fake.fail("POST", r"/comments$", Fault(502, {"x-extra": "1"}))
    answer = call(fake, "POST", f"/repos/{REPO}/issues/{number}/comments", {"body": "hi"})
    assert answer.status == 502
    assert answer.headers["x-extra"] == "1"
    assert "x-ratelimit-remaining" in answer.headers
    assert fake.comment_bodies(number) == []
    assert fake.rules == []  # used up: the next request is answered as usual
    assert (
        call(fake, "POST", f"/repos/{REPO}/issues/{number}/comments", {"body": "hi"}).status == 201
    )


def test_after_carries_the_request_out_then_loses_the_answer(fake: FakeGitHub) -> None:
    number = fake.add_issue("x")
    fake.fail("POST", r"/comments$", Fault(502, after=True))
    answer = call(fake, "POST", f"/repos/{REPO}/issues/{number}/comments", {"body": "hi"})
    assert answer.status == 502
    assert b"hi" not in answer.body  # the answer GitHub made is lost
    assert fake.comment_bodies(number) == ["hi"]


@pytest.mark.parametrize("after", [False, True])
def test_a_dropped_connection_after_or_before_carrying_the_request_out(
    fake: FakeGitHub, after: bool
) -> None:
    number = fake.add_issue("x")
    fake.fail("POST", r"/comments$", Fault(drop=True, after=after))
    with pytest.raises(http.client.RemoteDisconnected):
        call(fake, "POST", f"/repos/{REPO}/issues/{number}/comments", {"body": "hi"})
    assert fake.comment_bodies(number) == (["hi"] if after else [])


def test_after_applies_to_every_write(fake: FakeGitHub) -> None:
    number = fake.add_issue("x")
    sha = fake.refs["main"]
    fake.fail("POST", r"/git/refs$", Fault(500, after=True))
    fake.fail("POST", r"/labels$", Fault(503, after=True))
    assert (
        call(fake, "POST", f"/repos/{REPO}/git/refs", {"ref": "refs/heads/b", "sha": sha}).status
        == 500
    )
    assert (
        call(fake, "POST", f"/repos/{REPO}/issues/{number}/labels", {"labels": ["x"]}).status == 503
    )
    assert fake.refs["b"] == sha
    assert fake.labels(number) == ["feedback", "x"]


def test_body_is_sent_as_it_is(fake: FakeGitHub) -> None:
    page = b"<html><body>proxy error</body></html>"
    fake.fail("GET", r"/issues$", Fault(200, body=page))
    answer = call(fake, "GET", ISSUES)
    assert answer.status == 200
    assert answer.body == page
    assert answer.headers["content-type"].startswith("text/html")
    fake.fail("GET", r"/issues$", Fault(502, body=b'{"message": "Server Error"}', after=True))
    answer = call(fake, "GET", ISSUES)
    assert (answer.status, answer.json()) == (502, {"message": "Server Error"})
    assert answer.headers["content-type"].startswith("application/json")


def test_a_secondary_limit_is_its_message_and_perhaps_retry_after(fake: FakeGitHub) -> None:
    fake.fail("GET", r"/issues$", secondary_rate_limit(403))
    bare = call(fake, "GET", ISSUES)
    assert bare.status == 403
    assert bare.json()["message"] == SECONDARY_MESSAGE
    assert bare.json()["message"].startswith("You have exceeded a secondary rate limit")
    assert not [h for h in bare.headers if h.startswith("x-ratelimit") or h == "retry-after"]

    fake.fail("GET", r"/issues$", secondary_rate_limit(429, retry_after=30))
    timed = call(fake, "GET", ISSUES)
    assert (timed.status, timed.headers["retry-after"]) == (429, "30")


# --- ingest reads every page --------------------------------------------------------------


def test_more_issues_than_one_page_are_all_recorded(github: Fake, demo_copy: Path) -> None:
    fake, url = github
    numbers = [fake.add_issue(form_body()) for _ in range(PER_PAGE + 5)]

    summary = run_ingest(demo_copy, remote_for(url))

    assert summary.failed == []
    assert sorted(summary.recorded) == sorted(f"issue #{n}" for n in numbers)
    for number in numbers:
        assert sorted(fake.labels(number)) == ["feedback", "recorded"]
        assert len(fake.comment_bodies(number)) == 1
    assert sorted(p["head"] for p in fake.open_pulls()) == sorted(
        f"feedback/issue-{n}" for n in numbers
    )

    writes = len(fake.writes())
    again = run_ingest(demo_copy, remote_for(url))
    assert len(again.skipped) == len(numbers)
    assert len(fake.writes()) == writes


def test_a_marker_on_a_later_page_of_comments_is_found(github: Fake, demo_copy: Path) -> None:
    """Forty neighbours commented before the run that was killed right after saying
    "recorded": the rerun must read to the last page to see it said it already."""
    fake, url = github
    number = fake.add_issue(form_body())
    for n in range(40):
        fake.comments[number].append({"id": 90_000 + n, "body": f"+1 ({n})", "user": "someone"})
    with pytest.raises(Killed):
        run_ingest(demo_copy, KillAfter(remote_for(url), "comment"))

    run_ingest(demo_copy, remote_for(url))

    ours = [c["body"] for c in fake.comments[number] if c["user"] == "commonplan-bot"]
    assert len(ours) == 1
    assert sorted(fake.labels(number)) == ["feedback", "recorded"]


def test_review_comments_beyond_the_first_page_and_pull_requests_beyond_it_are_read(
    github: Fake, demo_copy: Path
) -> None:
    fake, url = github
    busy = fake.add_pull("busy", fake.files("main"))
    comments = [
        fake.add_review_comment(busy, "proposals/warm-spaces.md", 50, f"Point {n}", "u")
        for n in range(PER_PAGE + 5)
    ]
    for n in range(PER_PAGE + 1):  # so many pull requests that `busy` is on the last page
        pull = fake.add_pull(f"other-{n}", fake.files("main"))
        comments.append(fake.add_review_comment(pull, "proposals/warm-spaces.md", 50, "Hm", "u"))

    summary = run_ingest(demo_copy, remote_for(url))

    assert len(summary.needs_info) == len(comments)  # none gives a group
    replies = {
        c["in_reply_to_id"]
        for thread in fake.review_comments.values()
        for c in thread
        if "in_reply_to_id" in c
    }
    assert replies == set(comments)
    count = sum(len(thread) for thread in fake.review_comments.values())
    run_ingest(demo_copy, remote_for(url))
    assert sum(len(thread) for thread in fake.review_comments.values()) == count
