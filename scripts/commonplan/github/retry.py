"""When a failed request to GitHub is worth trying again, and how long to wait first.

The waits follow GitHub's documentation ("Rate limits for the REST API"):

- a primary rate limit (403 or 429, `x-ratelimit-remaining: 0`): not before
  `x-ratelimit-reset`;
- a secondary rate limit (403 or 429 whose message says so, often with no `x-ratelimit-*`
  headers at all): `retry-after` seconds when it is there, else until `x-ratelimit-reset`
  when the remaining count is 0, else at least a minute, doubling while it goes on;
- a 429 without either, a 5xx or no answer at all: a doubling wait of our own;
- anything else (a 403 refusal, a 404, a 422...) is final.

A wait GitHub asks for is never shortened, since a retry before it would only fail again
(and GitHub warns that requests made while limited may get an integration banned). When it
would take the run past `max_total_wait`, the request stops at once; and until GitHub's
wait is over every later request of the run stops too, without being sent. The error says
which limit it was and that the next run resumes: ingest and notify read back what was
done, so a rerun finishes the work without doing anything twice.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime

from commonplan.language import Said, say, say_n

PRIMARY = "primary rate limit"
SECONDARY = "secondary rate limit"
RATE_LIMIT = "rate limit"  # a 403 or 429 with `retry-after` that names neither
# Each limit in words, said in the reader's language: "GitHub's {limit}".
LIMIT_WORDS = {
    PRIMARY: say("primary rate limit"),
    SECONDARY: say("secondary rate limit"),
    RATE_LIMIT: say("rate limit"),
}

# How GitHub words a secondary rate limit (older answers called it abuse detection).
SECONDARY_WORDS = (
    "secondary rate limit",
    "abuse detection",
    "please retry your request again later",
    "please wait a few minutes before you try again",
)


def _lower(headers: Mapping[str, object]) -> dict[str, str]:
    return {str(k).lower(): str(v).strip() for k, v in headers.items()}


def rate_limit(status: int | None, headers: Mapping[str, object], message: str = "") -> str | None:
    """Which rate limit a failed answer reports (PRIMARY, SECONDARY, RATE_LIMIT), or None."""
    if status not in (403, 429):
        return None
    lower = _lower(headers)
    said = message.lower()
    if any(words in said for words in SECONDARY_WORDS):
        return SECONDARY
    if lower.get("x-ratelimit-remaining") == "0" or said.startswith("api rate limit exceeded"):
        return PRIMARY
    if "retry-after" in lower or status == 429:
        return RATE_LIMIT
    return None  # a 403 that is not a rate limit: a refusal (no permission)


@dataclass
class RetryPolicy:
    """Attempts and waits for the requests of one run; `sleep` and `now` are injectable so
    tests need not wait.

    ``base_delay`` doubles up to ``max_delay`` for the waits of our own choosing (5xx, lost
    connections, a bare 429); ``secondary_delay`` (at least the minute GitHub asks for)
    doubles for a secondary rate limit that carries no time of its own. Both ``attempts``
    per request and ``max_total_wait`` over the whole run bound them, so a fault that never
    clears ends the run in bounded time.
    """

    attempts: int = 5
    base_delay: float = 2.0
    max_delay: float = 60.0
    max_total_wait: float = 180.0
    secondary_delay: float = 60.0
    sleep: Callable[[float], None] = time.sleep
    now: Callable[[], float] = time.time
    waited: float = field(default=0.0, init=False)  # total over the whole run
    # While GitHub's rate limit is known to hold: what it was and until when (epoch seconds).
    held: tuple[str, float] | None = field(default=None, init=False)

    def delay(
        self, status: int | None, headers: Mapping[str, object], attempt: int, message: str = ""
    ) -> float | None:
        """Seconds to wait before attempt ``attempt + 1``, or None to give up now.

        ``status`` is None when no response came back (connection refused, dropped, timed
        out); ``message`` is GitHub's own message from the answer's body.
        """
        if attempt >= self.attempts:
            return None
        limit = rate_limit(status, headers, message)
        if limit is not None:
            return self._rate_limit_wait(limit, _lower(headers), attempt)
        backoff = min(self.max_delay, self.base_delay * 2.0 ** (attempt - 1))
        if status is None or 500 <= status < 600:
            return backoff
        return None

    def _rate_limit_wait(self, limit: str, lower: dict[str, str], attempt: int) -> float:
        retry_after = self._seconds_from(lower.get("retry-after", ""))
        if retry_after is not None:
            return retry_after
        reset = lower.get("x-ratelimit-reset", "")
        if lower.get("x-ratelimit-remaining") == "0" and reset.isdigit():
            return max(self.base_delay, float(reset) - self.now())
        if limit == RATE_LIMIT:  # a bare 429: nothing says how long
            return min(self.max_delay, self.base_delay * 2.0 ** (attempt - 1))
        # "Otherwise, wait for at least one minute before retrying", longer each time.
        return max(60.0, self.secondary_delay) * 2.0 ** (attempt - 1)

    def _seconds_from(self, retry_after: str) -> float | None:
        """`retry-after` is a number of seconds, or (by HTTP's rules) a date."""
        if not retry_after:
            return None
        if retry_after.isdigit():
            return float(retry_after)
        try:
            when = parsedate_to_datetime(retry_after).timestamp()
        except (TypeError, ValueError, IndexError):
            return None
        return max(0.0, when - self.now())

    def wait(self, seconds: float) -> bool:
        """Sleep unless that would pass the run's total wait; False means give up."""
        if self.waited + seconds > self.max_total_wait:
            return False
        self.sleep(seconds)
        self.waited += seconds
        return True

    def give_up(
        self,
        status: int | None,
        headers: Mapping[str, object],
        attempt: int,
        message: str = "",
    ) -> Said | None:
        """Why a request stops after ``attempt`` tries, said after GitHub's own answer (None
        when that says it all). A rate limit that was not waited out holds every later
        request of the run until GitHub's wait is over."""
        limit = rate_limit(status, headers, message)
        if limit is None:
            return None
        wait = self._rate_limit_wait(limit, _lower(headers), attempt)
        self.held = (limit, self.now() + wait)
        if attempt >= self.attempts:
            # Translators: {limit} is "primary rate limit", "secondary rate limit" or "rate limit".
            return say(
                "GitHub's {limit} did not clear: the next run resumes from here",
                limit=LIMIT_WORDS[limit],
            )
        left = max(0.0, self.max_total_wait - self.waited)
        # Translators: {wait} and {left} are whole numbers of seconds.
        return say(
            "GitHub's {limit} asks for a wait of {wait} s, more than the {left} s this run has"
            " left to wait: stopped, the next run resumes from here",
            limit=LIMIT_WORDS[limit],
            wait=format(wait, ".0f"),
            left=format(left, ".0f"),
        )

    def failure(
        self,
        what: Said,
        problem: Said,
        status: int | None,
        headers: Mapping[str, object],
        attempt: int,
        message: str = "",
    ) -> Said:
        """The error of a request (``what``) that stops after ``attempt`` tries: GitHub's
        answer (``problem``), and why it is not tried again (`give_up`)."""
        failure = (
            say_n(
                "{what}: {problem} after {count} attempt",
                "{what}: {problem} after {count} attempts",
                attempt,
                what=what,
                problem=problem,
            )
            if attempt > 1
            else say("{what}: {problem}", what=what, problem=problem)
        )
        why = self.give_up(status, headers, attempt, message)
        # Translators: {failure} is a failed request, {why} why it was not tried again.
        return failure if why is None else say("{failure}; {why}", failure=failure, why=why)

    def holding(self) -> Said | None:
        """Why no request may be sent now (a rate limit still in force), or None."""
        if self.held is None:
            return None
        limit, until = self.held
        if self.now() >= until:
            self.held = None
            return None
        return say(
            "not sent: GitHub's {limit} is still in force, the next run resumes from here",
            limit=LIMIT_WORDS[limit],
        )
