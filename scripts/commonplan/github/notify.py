"""`commonplan notify`: "you said, we did" back on the issue each piece of feedback came from.

For every feedback file on the base branch that came from a GitHub issue and has a response,
the issue gets one comment with the response and a link to it on the site, the label
`answered`, and is closed when the response is final. A marker keyed by the response keeps
reruns from saying it twice.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from commonplan.corpus import Corpus
from commonplan.github import notices
from commonplan.github.labels import ANSWERED_LABEL, FEEDBACK_LABEL, RECORDED_LABEL
from commonplan.github.remote import Remote, RemoteError
from commonplan.github.summary import Summary
from commonplan.model import Feedback


def issue_number(ref: str | None, repo: str) -> int | None:
    """The issue number when ``ref`` is an issue of ``repo`` (any host: github.com, GHES)."""
    if not ref:
        return None
    pattern = rf"/{re.escape(repo)}/issues/(\d+)/?$"
    match = re.search(pattern, ref, re.IGNORECASE)
    return int(match.group(1)) if match else None


def answerable(corpus: Corpus, repo: str) -> list[tuple[int, Feedback]]:
    """(issue number, feedback) for each answered feedback that `ingest` recorded from an
    issue of ``repo``: its id is `<proposal>-issue-<N>` for that very issue. A file that
    merely points at some issue never makes the bot speak on it or close it."""
    found = []
    for item in sorted(corpus.feedback.values(), key=lambda f: f.id):
        number = issue_number(item.source.ref, repo)
        if (
            item.source.kind == "github-issue"
            and item.response is not None
            and number
            and item.id == f"{item.proposal}-issue-{number}"
        ):
            found.append((number, item))
    return found


def notify_one(remote: Remote, corpus: Corpus, number: int, item: Feedback) -> str:
    """Say it, label it, close it when final; what was done, in a word."""
    issue = remote.issue(number)
    if issue is None:
        return "skipped"  # deleted or moved: nobody left to tell
    if not {FEEDBACK_LABEL, RECORDED_LABEL} <= set(issue.labels):
        return "skipped"  # not feedback that ingest recorded: not ours to answer or close
    me = remote.login()  # only our own comments' markers count: anyone can write one
    bodies = [c.body for c in remote.comments(number) if c.author == me]
    told = notices.has_marker(bodies, notices.answered_marker(item))
    if not told:
        owner = corpus.teams.get(item.response.by if item.response else "")
        remote.comment(number, notices.answered(item, owner, corpus))
    if ANSWERED_LABEL not in issue.labels:
        remote.add_label(number, ANSWERED_LABEL)
    final = item.response is not None and item.response.final
    if final and issue.open:
        remote.close_issue(number)
    return "skipped" if told and not (final and issue.open) else "answered"


def notify(remote: Remote, corpus: Corpus, repo: str, say: Callable[[str], None]) -> Summary:
    summary = Summary(kinds=("answered", "skipped", "failed"))
    for number, item in answerable(corpus, repo):
        name = f"issue #{number} ({item.id})"
        try:
            outcome = notify_one(remote, corpus, number, item)
        except RemoteError as exc:
            summary.failed.append(f"{name}: {exc}")
            say(f"{name}: failed: {exc}")
            continue
        (summary.answered if outcome == "answered" else summary.skipped).append(name)
        say(f"{name}: {outcome}")
    return summary
