"""What the GitHub loop needs from a code host, as plain data, and the retry policy.

`github.py` implements `Remote` with PyGithub; everything else (ingest, notify, tests of
the policy) works with these types only, so the package runs without PyGithub.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol


class RemoteError(Exception):
    """A request failed for good: not retried, or still failing after the retries."""


@dataclass(frozen=True)
class Issue:
    number: int
    title: str
    body: str
    author: str
    url: str  # the issue's web page
    created: date
    labels: frozenset[str]
    open: bool


@dataclass(frozen=True)
class Comment:
    id: int
    body: str
    author: str


@dataclass(frozen=True)
class PullRequest:
    number: int
    url: str
    head: str  # branch name, in the head repository
    head_sha: str
    # From another repository (a fork): its branch names are its owner's, never ours.
    from_fork: bool = False


@dataclass(frozen=True)
class ReviewComment:
    id: int
    pull: int
    path: str
    line: int | None  # line of the file in the pull request's head version
    body: str
    author: str
    url: str
    created: date
    in_reply_to: int | None


class Remote(Protocol):
    """The repository on the code host: the few operations ingest and notify use."""

    def login(self) -> str: ...
    def open_issues(self, label: str) -> list[Issue]: ...
    def issue(self, number: int) -> Issue | None: ...
    def comments(self, number: int) -> list[Comment]: ...
    def comment(self, number: int, body: str) -> None: ...
    def add_label(self, number: int, label: str) -> None: ...
    def remove_label(self, number: int, label: str) -> None: ...
    def close_issue(self, number: int) -> None: ...
    def branch_sha(self, branch: str) -> str | None: ...
    def create_branch(self, branch: str, sha: str) -> None: ...
    def file_text(self, path: str, ref: str) -> str | None: ...
    def put_file(self, path: str, branch: str, text: str, message: str) -> None: ...
    def open_pulls(self) -> list[PullRequest]: ...
    def create_pull(self, title: str, body: str, head: str, base: str) -> PullRequest: ...
    def review_comments(self, pull: int) -> list[ReviewComment]: ...
    def reply_to_review_comment(self, pull: int, comment_id: int, body: str) -> None: ...


@dataclass
class RetryPolicy:
    """When a failed request is worth trying again, and how long to wait first.

    Rate limits (403 with Retry-After or an exhausted x-ratelimit-remaining, 429), server
    errors (5xx) and lost connections are retried with doubling waits; everything else is
    final. Attempts and the total wait are both bounded, so a fault that never clears ends
    the run in bounded time. `sleep` and `now` are injectable so tests need not wait.
    """

    attempts: int = 5
    base_delay: float = 2.0
    max_delay: float = 60.0
    max_total_wait: float = 180.0
    sleep: Callable[[float], None] = time.sleep
    now: Callable[[], float] = time.time
    waited: float = field(default=0.0, init=False)  # total over the whole run

    def delay(self, status: int | None, headers: Mapping[str, str], attempt: int) -> float | None:
        """Seconds to wait before attempt ``attempt + 1``, or None to give up now.

        ``status`` is None when no response came back (connection refused, dropped, timed out).
        """
        if attempt >= self.attempts:
            return None
        lower = {k.lower(): str(v) for k, v in headers.items()}
        backoff = min(self.max_delay, self.base_delay * 2.0 ** (attempt - 1))
        if status in (403, 429):
            retry_after = lower.get("retry-after", "").strip()
            if retry_after.isdigit():
                return min(self.max_delay, float(retry_after))
            if lower.get("x-ratelimit-remaining", "").strip() == "0":
                reset = lower.get("x-ratelimit-reset", "").strip()
                until_reset = float(reset) - self.now() if reset.isdigit() else backoff
                return min(self.max_delay, max(self.base_delay, until_reset))
            # A 403 without rate-limit headers is a refusal (no permission): final.
            return backoff if status == 429 else None
        if status is None or 500 <= status < 600:
            return backoff
        return None

    def wait(self, seconds: float) -> bool:
        """Sleep unless that would pass the run's total wait; False means give up."""
        if self.waited + seconds > self.max_total_wait:
            return False
        self.sleep(seconds)
        self.waited += seconds
        return True
