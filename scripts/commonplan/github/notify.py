"""`commonplan notify`: "you said, we did" back on the issue each piece of feedback came from.

For every feedback file on the base branch that came from a GitHub issue and has a response,
the issue gets one comment with the response and a link to it on the site, the label
`answered`, and is closed when the response is final. A marker keyed by the response keeps
reruns from saying it twice.

An answer is told only when it was brought by a member of the answering team: the commits
that changed the file are read from GitHub, newest first, back to the one that gave the
response its present words; that commit's pull request (or, pushed directly, the commit)
has an author, and that login must be on the team's `github:` list. A forged answer that
reached the branch anyway is refused, said in the run's log, and makes the run fail.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from commonplan.corpus import Corpus
from commonplan.github import notices
from commonplan.github.labels import ANSWERED_LABEL, FEEDBACK_LABEL, RECORDED_LABEL
from commonplan.github.remote import Remote, RemoteError
from commonplan.github.summary import Summary
from commonplan.load.parse import mapping_of
from commonplan.model import Feedback


def issue_number(ref: str | None, repo: str) -> int | None:
    """The issue number when ``ref`` is an issue of ``repo`` (any host: github.com, GHES)."""
    if not ref:
        return None
    pattern = rf"/{re.escape(repo)}/issues/(\d+)/?\Z"
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


def _response(text: str | None) -> Any:
    return mapping_of(text or "").get("response")


def answer_brought_by(remote: Remote, item: Feedback, branch: str) -> str | None:
    """The login whose change gave the answer its present words (None: nobody's known)."""
    current: Any = None
    bringing = None
    for sha in remote.commits_touching(item.path, branch):
        response = _response(remote.file_text(item.path, sha))
        if bringing is None:
            current = response
        if response is None or response != current:
            break
        bringing = sha
    return remote.change_author(bringing) if bringing is not None else None


def forged(remote: Remote, corpus: Corpus, item: Feedback, branch: str) -> str | None:
    """Why the answer must not be told (None: a member of its team brought it)."""
    assert item.response is not None
    team = corpus.teams.get(item.response.by)
    members = {handle.casefold() for handle in team.github} if team else set()
    who = answer_brought_by(remote, item, branch)
    if who is not None and who.casefold() in members:
        return None
    return (
        f"the answer in {item.path} is given as team '{item.response.by}''s, and"
        f" {f'{who!r}' if who else 'nobody known'} brought it, who is not in that team's"
        " `github:` list"
    )


def notify_one(
    remote: Remote, corpus: Corpus, number: int, item: Feedback, branch: str = "main"
) -> str:
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
        reason = forged(remote, corpus, item, branch)
        if reason is not None:
            return f"refused: {reason}"
        owner = corpus.teams.get(item.response.by if item.response else "")
        remote.comment(number, notices.answered(item, owner, corpus))
    if ANSWERED_LABEL not in issue.labels:
        remote.add_label(number, ANSWERED_LABEL)
    final = item.response is not None and item.response.final
    if final and issue.open:
        remote.close_issue(number)
    return "skipped" if told and not (final and issue.open) else "answered"


def notify(remote: Remote, corpus: Corpus, repo: str, say: Callable[[str], None]) -> Summary:
    summary = Summary(kinds=("answered", "skipped", "refused", "failed"))
    found = answerable(corpus, repo)
    try:
        branch = remote.repository().default_branch if found else "main"
    except RemoteError as exc:
        summary.failed.append(f"reading the default branch: {exc}")
        return summary
    for number, item in found:
        name = f"issue #{number} ({item.id})"
        try:
            outcome = notify_one(remote, corpus, number, item, branch)
        except RemoteError as exc:
            summary.failed.append(f"{name}: {exc}")
            say(f"{name}: failed: {exc}")
            continue
        if outcome.startswith("refused"):
            summary.refused.append(f"{name}: {outcome.removeprefix('refused: ')}")
        else:
            (summary.answered if outcome == "answered" else summary.skipped).append(name)
        say(f"{name}: {outcome}")
    return summary
