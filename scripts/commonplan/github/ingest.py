"""`commonplan ingest`: feedback issues and review comments on GitHub become feedback files.

Each piece of feedback goes through `intake.check_candidate` (exactly what `validate` would
say) and reaches the repository on its own branch with a pull request, so owners review it
like any change. What was already done is read from GitHub itself (labels, branches, open
pull requests, markers in comments), never from local files: a rerun, or a run that was
killed halfway, picks up where the last one stopped without doing anything twice.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from commonplan.corpus import Corpus
from commonplan.diagnostics import Diagnostics
from commonplan.github import notices
from commonplan.github.form import CONSENT, FEEDBACK_LABEL, QUESTIONS, STANCE_CHOICES
from commonplan.github.form_reader import choice, read_issue_form
from commonplan.github.remote import Issue, PullRequest, Remote, RemoteError, ReviewComment
from commonplan.intake.candidate import Candidate, check_candidate
from commonplan.load.read import split_front_matter
from commonplan.load.sections import find_sections
from commonplan.model import STANCES, Team

RECORDED_LABEL = "recorded"
NEEDS_INFO_LABEL = "needs-info"
PROPOSAL_FILE = re.compile(r"^proposals/([a-z0-9][a-z0-9-]*)\.md$")
# "Stance: concern" / "Group: carer" lines let a reviewer say what a form would ask.
REVIEW_FIELD = re.compile(r"^[ \t]*(stance|group)[ \t]*:[ \t]*(.+?)[ \t]*$", re.IGNORECASE)


@dataclass
class Summary:
    """What one run did; `failed` holds what still failed after the retries."""

    recorded: list[str] = field(default_factory=list)
    needs_info: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    answered: list[str] = field(default_factory=list)
    kinds: tuple[str, ...] = ("recorded", "needs-info", "skipped", "failed")

    @property
    def ok(self) -> bool:
        return not self.failed

    def count(self, kind: str) -> int:
        items: list[str] = getattr(self, kind.replace("-", "_"))
        return len(items)

    def text(self) -> str:
        lines = [", ".join(f"{kind} {self.count(kind)}" for kind in self.kinds)]
        lines += [f"failed: {item}" for item in self.failed]
        return "\n".join(lines)


@dataclass
class Draft:
    """Feedback fields read from GitHub, with what stops them being recorded."""

    data: dict[str, Any]
    problems: list[str]
    claim_note: str | None = None


def teams_of(corpus: Corpus, handle: str) -> list[Team]:
    """Teams that list this GitHub handle (handles are case-insensitive)."""
    wanted = handle.casefold()
    return [
        team
        for _, team in sorted(corpus.teams.items())
        if any(h.casefold() == wanted for h in team.github)
    ]


def issue_draft(corpus: Corpus, issue: Issue) -> Draft:
    """The feedback an issue asks for; `from` only when its author may speak for that team."""
    form = read_issue_form(issue.body, corpus.settings)
    if not form.recognised:
        return Draft(
            {},
            [
                "we could not find the feedback form's questions in this issue. Please open a"
                " new issue with the 'Have your say' form, or put back the headings it had."
            ],
        )
    data: dict[str, Any] = dict(form.fields)
    problems = [f"please answer the question '{label}'." for label in form.missing]
    problems += form.unknown
    if not form.consent:
        problems.append(f"please tick the box under '{CONSENT.label}'.")
    claim_note = None
    claimed = data.pop("from", None)
    if claimed is not None:
        team = corpus.teams.get(claimed)
        if team is not None and claimed in {t.id for t in teams_of(corpus, issue.author)}:
            data["from"] = claimed
        else:
            claim_note = notices.claim_refused(claimed, team, issue.author)
    data["submitted"] = issue.created.isoformat()
    data["source"] = {"kind": "github-issue", "ref": issue.url}
    return Draft(data, problems, claim_note)


def section_at(path: str, text: str, line: int | None) -> str | None:
    """The anchor of the heading above ``line`` of a proposal file (None: no heading above)."""
    split = split_front_matter(path, text, Diagnostics()) if line is not None else None
    if split is None or line is None:
        return None
    _, body, body_line = split
    above = [s for s in find_sections(body, body_line) if s.line <= line]
    return above[-1].anchor if above else None


def _leading_fields(body: str) -> tuple[dict[str, str], str]:
    """`Group:` and `Stance:` lines at the top of a review comment, and the text after them."""
    lines = body.replace("\r\n", "\n").split("\n")
    said: dict[str, str] = {}
    while lines:
        match = REVIEW_FIELD.match(lines[0])
        if match and match.group(1).lower() not in said:
            said[match.group(1).lower()] = match.group(2)
        elif lines[0].strip():
            break
        lines.pop(0)
    return said, "\n".join(lines).strip()


def review_draft(corpus: Corpus, comment: ReviewComment, proposal_id: str, head_text: str) -> Draft:
    """Feedback from a review comment on a line of a proposal."""
    said, text = _leading_fields(comment.body)
    data: dict[str, Any] = {"proposal": proposal_id, "body": text}
    section = section_at(comment.path, head_text, comment.line)
    proposal = corpus.proposals.get(proposal_id)
    # A heading the pull request adds is not on the published proposal yet: then the
    # comment is on the proposal as a whole.
    if proposal is not None and section in {s.anchor for s in proposal.sections}:
        data["section"] = section
    problems = []
    teams = teams_of(corpus, comment.author)
    if teams:
        data["from"] = teams[0].id
    groups = corpus.settings.groups
    if "group" in said:
        group = choice(said["group"], groups)
        if group is None:
            problems.append(f"'Group: {said['group']}' must be one of: {', '.join(groups)}.")
        data["group"] = group
    elif not teams:
        problems.append(
            f"please add a line 'Group: ...' saying who you speak as, one of: {', '.join(groups)}."
        )
    # A comment on a line of a draft is most often a suggestion.
    stance = choice(said.get("stance", "idea"), STANCE_CHOICES)
    if stance is None:
        problems.append(f"'Stance: {said['stance']}' must be one of: {', '.join(STANCES)}.")
    data["stance"] = stance
    data["submitted"] = comment.created.isoformat()
    data["source"] = {"kind": "review-comment", "ref": comment.url}
    return Draft(data, problems)


def _in_form_words(problem: str) -> str:
    """'body' contains ... → your answer to 'What would you like to say?' contains ..."""
    for question in QUESTIONS:
        prefix = f"'{question.id}' "
        if problem.startswith(prefix):
            return f"your answer to '{question.label}' {problem.removeprefix(prefix)}"
    return problem


def checked(
    corpus: Corpus, feedback_id: str, draft: Draft, *, form: bool = True
) -> tuple[Candidate, list[str]]:
    """The candidate and every problem with it, the form's own ones first.

    When the form already lacks an answer, the rest is checked with a stand-in for it, so
    one reply can name every problem (a stand-in is never written: there are problems).
    """
    candidate = check_candidate(corpus, feedback_id, draft.data)
    if not draft.problems:
        return candidate, [_in_form_words(p) if form else p for p in candidate.problems()]
    probe = dict(draft.data)
    probe.setdefault("stance", "idea")
    probe.setdefault("body", "(left empty)")
    if "from" not in probe:
        probe.setdefault("group", next(iter(corpus.settings.groups), "citizen"))
    problems = list(draft.problems)
    for problem in check_candidate(corpus, feedback_id, probe).problems():
        if not problem.startswith("required field"):  # already asked for, in plain words
            problems.append(_in_form_words(problem) if form else problem)
    return candidate, problems


class Ingest:
    """One run over a repository's open feedback issues and pull request reviews."""

    def __init__(
        self, remote: Remote, corpus: Corpus, base: str, say: Callable[[str], None]
    ) -> None:
        self.remote = remote
        self.corpus = corpus
        self.base = base
        self.say = say
        self.summary = Summary()
        # Our own pull requests by branch: those from forks may use any branch name,
        # "feedback/issue-7" included, and are never taken for ours.
        self.pulls: dict[str, PullRequest] = {}

    def run(self) -> Summary:
        try:
            open_pulls = self.remote.open_pulls()
            issues = self.remote.open_issues(FEEDBACK_LABEL)
        except RemoteError as exc:
            self.summary.failed.append(f"listing issues and pull requests: {exc}")
            return self.summary
        self.pulls = {pull.head: pull for pull in open_pulls if not pull.from_fork}
        for issue in sorted(issues, key=lambda i: i.number):
            self._guarded(f"issue #{issue.number}", partial(self.issue, issue))
        for pull in sorted(open_pulls, key=lambda p: p.number):
            self._guarded(f"pull request #{pull.number}", partial(self.reviews, pull))
        return self.summary

    def own_comments(self, number: int) -> list[str]:
        """Our own comments on an issue: only they carry markers that count, since anyone
        could write a marker to stop their neighbour's feedback being recorded."""
        me = self.remote.login()
        return [c.body for c in self.remote.comments(number) if c.author == me]

    def _guarded(self, what: str, step: Callable[[], None]) -> None:
        """One item's failure is reported and the run goes on with the others."""
        try:
            step()
        except RemoteError as exc:
            self.summary.failed.append(f"{what}: {exc}")
            self.say(f"{what}: failed: {exc}")

    # --- issues ---------------------------------------------------------------------------

    def issue(self, issue: Issue) -> None:
        name = f"issue #{issue.number}"
        if RECORDED_LABEL in issue.labels:
            self.summary.skipped.append(name)
            return
        draft = issue_draft(self.corpus, issue)
        proposal = str(draft.data.get("proposal") or "unknown")
        candidate, problems = checked(self.corpus, f"{proposal}-issue-{issue.number}", draft)
        bodies = self.own_comments(issue.number)
        if problems:
            if not notices.has_marker(bodies, notices.needs_info_marker(issue.body)):
                self.remote.comment(issue.number, notices.needs_info(problems, issue.body))
            if NEEDS_INFO_LABEL not in issue.labels:
                self.remote.add_label(issue.number, NEEDS_INFO_LABEL)
            self.summary.needs_info.append(name)
            self.say(f"{name}: needs more information ({len(problems)} problems)")
            return
        # The title names no one: issue titles are free text, and may hold personal data.
        title = f"Feedback on {proposal} from issue #{issue.number}"
        pull = self.deliver(candidate, f"feedback/issue-{issue.number}", title, issue.url)
        if not notices.has_marker(bodies, notices.RECORDED_MARKER):
            url = pull.url if pull else None
            self.remote.comment(issue.number, notices.recorded(url, draft.claim_note))
        self.remote.add_label(issue.number, RECORDED_LABEL)
        if NEEDS_INFO_LABEL in issue.labels:
            self.remote.remove_label(issue.number, NEEDS_INFO_LABEL)
        self.summary.recorded.append(name)
        self.say(f"{name}: recorded as {candidate.rel}")

    def deliver(
        self, candidate: Candidate, branch: str, title: str, source_url: str
    ) -> PullRequest | None:
        """Branch, file and pull request, each made only when GitHub does not have it yet.

        None when the feedback is already merged into the base branch.
        """
        merged = self.corpus.feedback.get(candidate.id)
        if merged is not None and merged.source.ref == source_url:
            return None
        existing = self.pulls.get(branch)
        if existing is not None:
            return existing
        if self.remote.branch_sha(branch) is None:
            base_sha = self.remote.branch_sha(self.base)
            if base_sha is None:
                raise RemoteError(f"the base branch '{self.base}' does not exist")
            self.remote.create_branch(branch, base_sha)
        if self.remote.file_text(candidate.rel, branch) != candidate.text:
            self.remote.put_file(candidate.rel, branch, candidate.text, f"Add {candidate.rel}")
        body = notices.pull_request_body(source_url, candidate.rel)
        pull = self.remote.create_pull(title, body, branch, self.base)
        self.pulls[branch] = pull
        return pull

    # --- review comments ------------------------------------------------------------------

    def reviews(self, pull: PullRequest) -> None:
        comments = self.remote.review_comments(pull.number)
        replies: dict[int, list[str]] = {}
        me = self.remote.login()
        for comment in comments:
            # Only our own replies carry markers that count: anyone can write a marker.
            if comment.in_reply_to is not None and comment.author == me:
                replies.setdefault(comment.in_reply_to, []).append(comment.body)
        heads: dict[str, str | None] = {}
        for comment in comments:
            match = PROPOSAL_FILE.match(comment.path)
            if comment.in_reply_to is not None or match is None:
                continue
            if comment.path not in heads:
                heads[comment.path] = self.remote.file_text(comment.path, pull.head_sha)
            step = partial(
                self.review_comment,
                comment,
                match.group(1),
                heads[comment.path] or "",
                replies.get(comment.id, []),
            )
            self._guarded(f"review comment {comment.id}", step)

    def review_comment(
        self, comment: ReviewComment, proposal_id: str, head_text: str, replies: list[str]
    ) -> None:
        name = f"review comment {comment.id}"
        if notices.has_marker(replies, notices.RECORDED_MARKER):
            self.summary.skipped.append(name)
            return
        draft = review_draft(self.corpus, comment, proposal_id, head_text)
        candidate, problems = checked(
            self.corpus, f"{proposal_id}-review-{comment.id}", draft, form=False
        )
        if problems:
            marker = notices.needs_info_marker(comment.body)
            if not notices.has_marker(replies, marker):
                reply = notices.needs_info(problems, comment.body, review=True)
                self.remote.reply_to_review_comment(comment.pull, comment.id, reply)
            self.summary.needs_info.append(name)
            return
        title = f"Feedback on {proposal_id} from review comment {comment.id}"
        pull = self.deliver(candidate, f"feedback/review-{comment.id}", title, comment.url)
        reply = notices.recorded(pull.url if pull else None, None)
        self.remote.reply_to_review_comment(comment.pull, comment.id, reply)
        self.summary.recorded.append(name)
        self.say(f"{name}: recorded as {candidate.rel}")


def ingest(remote: Remote, corpus: Corpus, base: str, say: Callable[[str], None]) -> Summary:
    return Ingest(remote, corpus, base, say).run()
