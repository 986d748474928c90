"""GitHub's answers, as PyGithub gives them, turned into the loop's plain data (`remote.py`).

Duck-typed on PyGithub's objects, so that only `client.py` imports PyGithub.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from commonplan.github.remote import Issue, PullRequest, ReviewComment


def _day(value: datetime | None) -> date:
    """The day GitHub says something was written; GitHub always says, so an answer
    without it is not GitHub's (and `_call` reports it as unreadable)."""
    if value is None:
        raise ValueError("no created_at")
    return value.date()


def issue_of(raw: Any) -> Issue:
    return Issue(
        number=raw.number,
        title=raw.title or "",
        body=raw.body or "",
        author=raw.user.login if raw.user else "",
        url=raw.html_url,
        created=_day(raw.created_at),
        labels=frozenset(label.name for label in raw.labels),
        open=raw.state == "open",
    )


def pull_of(raw: Any) -> PullRequest:
    head_repo, base_repo = raw.head.repo, raw.base.repo
    # A deleted fork has no head repository left: it is still not ours.
    from_fork = head_repo is None or base_repo is None or head_repo.full_name != base_repo.full_name
    return PullRequest(raw.number, raw.html_url, raw.head.ref, raw.head.sha, from_fork)


def review_comment_of(pull: int, raw: Any) -> ReviewComment:
    return ReviewComment(
        id=raw.id,
        pull=pull,
        path=raw.path,
        line=raw.line if raw.line is not None else raw.original_line,
        body=raw.body or "",
        author=raw.user.login if raw.user else "",
        url=raw.html_url,
        created=_day(raw.created_at),
        in_reply_to=raw.in_reply_to_id,
    )
