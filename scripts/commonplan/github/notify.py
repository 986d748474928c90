"""`commonplan notify`: "you said, we did" back on the issue each piece of feedback came from.

For every feedback file on the base branch that came from a GitHub issue and has a response,
the issue gets one comment with the response and a link to it on the site, the label
`answered`, and is closed when the response is final. A marker keyed by the response keeps
reruns from saying it twice.

Feedback taken down (hidden by the moderators, or withdrawn by its giver) gets instead one
comment saying so and why, never its words nor its answer, and its issue is closed. A
marker keyed by what was done, and when, keeps reruns from saying it twice.

An answer is told only when it was brought by a member of the answering team: the commits
that changed the file are read from GitHub, newest first, back to the one that gave the
response its present words; that commit's pull request (or, pushed directly, the commit)
has an author, and that login must be on the team's `github:` list. A hide is told only
when a member of the moderating team brought it, found the same way. A forged answer or
hide that reached the branch anyway is refused, said in the run's log, and makes the run
fail. A withdrawal needs no such check: the proposal's owners approve every change to its
feedback (CODEOWNERS).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, Literal

from commonplan.corpus import Corpus
from commonplan.feedback import Feedback, Moderation, Response
from commonplan.github import notices
from commonplan.github.labels import ANSWERED_LABEL, FEEDBACK_LABEL, RECORDED_LABEL
from commonplan.github.remote import Issue, Remote, RemoteError
from commonplan.github.summary import Summary, logged
from commonplan.language import Said, say
from commonplan.load.parse import mapping_of

Brought = Literal["response", "moderation"]  # the part of a feedback file a team brings
# What the run's log is told, in the language of the person who ran it.
Progress = Callable[[str | Said], None]


def issue_number(ref: str | None, repo: str) -> int | None:
    """The issue number when ``ref`` is an issue of ``repo`` (any host: github.com, GHES)."""
    if not ref:
        return None
    pattern = rf"/{re.escape(repo)}/issues/(\d+)/?\Z"
    match = re.search(pattern, ref, re.IGNORECASE)
    return int(match.group(1)) if match else None


def answerable(corpus: Corpus, repo: str) -> list[tuple[int, Feedback]]:
    """(issue number, feedback) for each feedback with something to tell (an answer, or that
    it was taken down) that `ingest` recorded from an issue of ``repo``: its id is
    `<proposal>-issue-<N>` for that very issue. A file that merely points at some issue
    never makes the bot speak on it or close it."""
    found = []
    for item in sorted(corpus.feedback.values(), key=lambda f: f.id):
        number = issue_number(item.source.ref, repo)
        if (
            item.source.kind == "github-issue"
            and (item.response is not None or item.taken_down)
            and number
            and item.id == f"{item.proposal}-issue-{number}"
        ):
            found.append((number, item))
    return found


def _part(text: str | None, key: Brought) -> Any:
    return mapping_of(text or "").get(key)


def brought_by(remote: Remote, item: Feedback, branch: str, key: Brought) -> str | None:
    """The login whose change gave the file's ``key`` (the answer, or the hide) its present
    words (None: nobody's known)."""
    current: Any = None
    bringing = None
    for sha in remote.commits_touching(item.path, branch):
        part = _part(remote.file_text(item.path, sha), key)
        if bringing is None:
            current = part
        if part is None or part != current:
            break
        bringing = sha
    return remote.change_author(bringing) if bringing is not None else None


def forged(
    remote: Remote, corpus: Corpus, item: Feedback, branch: str, key: Brought = "response"
) -> Said | None:
    """Why the answer (or the hide) must not be told (None: a member of its team brought it)."""
    given: Response | Moderation | None = item.response if key == "response" else item.moderation
    assert given is not None
    team = corpus.teams.get(given.by)
    members = {handle.casefold() for handle in team.github} if team else set()
    who = brought_by(remote, item, branch, key)
    if who is not None and who.casefold() in members:
        return None
    if key == "response" and who:
        # Translators: {file} is a feedback file's path, {team} a team's id, {who} a GitHub
        # login in quotes.
        return say(
            "the answer in {file} is given as team '{team}''s, and {who} brought it, who is"
            " not in that team's `github:` list",
            file=item.path,
            team=given.by,
            who=repr(who),
        )
    if key == "response":
        return say(
            "the answer in {file} is given as team '{team}''s, and nobody known brought it,"
            " who is not in that team's `github:` list",
            file=item.path,
            team=given.by,
        )
    if who:
        return say(
            "the hide in {file} is given as team '{team}''s, and {who} brought it, who is not"
            " in that team's `github:` list",
            file=item.path,
            team=given.by,
            who=repr(who),
        )
    return say(
        "the hide in {file} is given as team '{team}''s, and nobody known brought it, who is"
        " not in that team's `github:` list",
        file=item.path,
        team=given.by,
    )


def _ours(remote: Remote, number: int) -> tuple[Issue, list[str]] | None:
    """The issue and the bodies of our own comments on it (None: not ours to speak on)."""
    issue = remote.issue(number)
    if issue is None:
        return None  # deleted or moved: nobody left to tell
    if not {FEEDBACK_LABEL, RECORDED_LABEL} <= set(issue.labels):
        return None  # not feedback that ingest recorded: not ours to answer or close
    me = remote.login()  # only our own comments' markers count: anyone can write one
    return issue, [c.body for c in remote.comments(number) if c.author == me]


# What notify did with one issue, in a word ("answered", "skipped", "taken-down (hidden)",
# "taken-down (withdrawn)", "refused"), and why it refused (None unless refused).
Outcome = tuple[str, Said | None]


def tell_taken_down(
    remote: Remote, corpus: Corpus, number: int, item: Feedback, branch: str = "main"
) -> Outcome:
    """Say once that it was taken down and why, and close the issue (never reopened); in
    place of its answer, which is not told. Closed first, so that a run killed between the
    two leaves the comment to the next run and a rerun after the comment does nothing."""
    ours = _ours(remote, number)
    if ours is None:
        return "skipped", None
    issue, bodies = ours
    if notices.has_marker(bodies, notices.taken_down_marker(item)):
        return "skipped", None
    kind = "withdrawn" if item.withdrawn is not None else "hidden"
    if kind == "hidden":
        reason = forged(remote, corpus, item, branch, "moderation")
        if reason is not None:
            return "refused", reason
    if issue.open:
        remote.close_issue(number)
    remote.comment(number, notices.taken_down(item, corpus))
    return f"taken-down ({kind})", None


def notify_one(
    remote: Remote, corpus: Corpus, number: int, item: Feedback, branch: str = "main"
) -> Outcome:
    """Say it, label it, close it when final; what was done, in a word. Feedback taken down
    is told that instead (`tell_taken_down`), and never its answer."""
    if item.taken_down:
        return tell_taken_down(remote, corpus, number, item, branch)
    ours = _ours(remote, number)
    if ours is None:
        return "skipped", None
    issue, bodies = ours
    told = notices.has_marker(bodies, notices.answered_marker(item))
    if not told:
        reason = forged(remote, corpus, item, branch)
        if reason is not None:
            return "refused", reason
        owner = corpus.teams.get(item.response.by if item.response else "")
        remote.comment(number, notices.answered(item, owner, corpus))
    if ANSWERED_LABEL not in issue.labels:
        remote.add_label(number, ANSWERED_LABEL)
    final = item.response is not None and item.response.final
    if final and issue.open:
        remote.close_issue(number)
    return ("skipped" if told and not (final and issue.open) else "answered"), None


def notify(remote: Remote, corpus: Corpus, repo: str, progress: Progress) -> Summary:
    summary = Summary(kinds=("taken-down", "answered", "skipped", "refused", "failed"))
    found = answerable(corpus, repo)
    try:
        branch = remote.repository().default_branch if found else "main"
    except RemoteError as exc:
        summary.fail(say("reading the default branch: {error}", error=exc.said))
        return summary
    for number, item in found:
        # Translators: {feedback} is a feedback's id.
        name = say("issue #{number} ({feedback})", number=number, feedback=item.id)
        try:
            outcome, reason = notify_one(remote, corpus, number, item, branch)
        except RemoteError as exc:
            summary.fail(say("{name}: {error}", name=name, error=exc.said))
            progress(say("{name}: failed: {error}", name=name, error=exc.said))
            continue
        if reason is not None:
            summary.refuse(say("{name}: {error}", name=name, error=reason))
            progress(say("{name}: refused: {reason}", name=name, reason=reason))
            continue
        if outcome.startswith("taken-down"):
            summary.taken_down.append(str(name))
        else:
            (summary.answered if outcome == "answered" else summary.skipped).append(str(name))
        progress(logged(name, outcome))
    return summary
