"""`commonplan ingest`: feedback issues and review comments on GitHub become feedback files,
and reports to the moderators (the report form) become entries in the reported feedback's.

Each piece of feedback goes through `intake.candidate.check_candidate` (exactly what
`validate` would say) and reaches the repository on its own branch with a pull request, so
owners review it like any change. What was already done is read from GitHub itself
(labels, branches, open pull requests, markers in comments), never from local files: a
rerun, or a run that was killed halfway, picks up where the last one stopped without doing
anything twice.

Each person is answered in the language of the form they wrote with (a review comment: in
the site's default language); the pull requests are written in the site's default language.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial

from commonplan.corpus import Corpus
from commonplan.errors import CommonplanError
from commonplan.github import notices
from commonplan.github.drafts import checked, issue_draft, review_draft
from commonplan.github.form import MAX_BODY_CHARS, form_language
from commonplan.github.labels import (
    FEEDBACK_LABEL,
    NEEDS_INFO_LABEL,
    RECORDED_LABEL,
    REPORT_LABEL,
    REPORTED_LABEL,
)
from commonplan.github.remote import Issue, PullRequest, Remote, RemoteError, ReviewComment
from commonplan.github.report_form import QUESTIONS as REPORT_QUESTIONS
from commonplan.github.report_form import read_report
from commonplan.github.reports import (
    REPORTED_MARKER,
    report_needs_info,
    report_pull_body,
    report_recorded,
)
from commonplan.github.summary import Summary
from commonplan.intake.candidate import Candidate
from commonplan.language import Said, language, say, say_n
from commonplan.organise.moderate import with_report

PROPOSAL_FILE = re.compile(r"proposals/([a-z0-9][a-z0-9-]*)\.md\Z")
# What the run's log is told, in the language of the person who ran it.
Progress = Callable[[str | Said], None]


class Ingest:
    """One run over a repository's open feedback issues and pull request reviews."""

    def __init__(self, remote: Remote, corpus: Corpus, base: str, progress: Progress) -> None:
        self.remote = remote
        self.corpus = corpus
        self.base = base
        self.progress = progress
        self.t = notices.site_language(corpus)  # what the owners and moderators are told in
        self.summary = Summary()
        # Our own pull requests by branch: those from forks may use any branch name,
        # "feedback/issue-7" included, and are never taken for ours.
        self.pulls: dict[str, PullRequest] = {}

    def run(self) -> Summary:
        try:
            open_pulls = self.remote.open_pulls()
            issues = self.remote.open_issues(FEEDBACK_LABEL)
            reports = self.remote.open_issues(REPORT_LABEL)
        except RemoteError as exc:
            self.summary.fail(say("listing issues and pull requests: {error}", error=exc.said))
            return self.summary
        self.pulls = {pull.head: pull for pull in open_pulls if not pull.from_fork}
        for issue in sorted(issues, key=lambda i: i.number):
            if REPORT_LABEL not in issue.labels:  # a report is never read as feedback
                self._guarded(issue_name(issue.number), partial(self.issue, issue))
        for issue in sorted(reports, key=lambda i: i.number):
            self._guarded(report_name(issue.number), partial(self.report, issue))
        for pull in sorted(open_pulls, key=lambda p: p.number):
            self._guarded(
                say("pull request #{number}", number=pull.number), partial(self.reviews, pull)
            )
        return self.summary

    def own_comments(self, number: int) -> list[str]:
        """Our own comments on an issue: only they carry markers that count, since anyone
        could write a marker to stop their neighbour's feedback being recorded."""
        me = self.remote.login()
        return [c.body for c in self.remote.comments(number) if c.author == me]

    def _guarded(self, what: Said, step: Callable[[], None]) -> None:
        """One item's failure is reported and the run goes on with the others."""
        try:
            step()
        except RemoteError as exc:
            self.failed(what, exc)

    def failed(self, name: Said, exc: CommonplanError) -> None:
        # Translators: {name} is an item ("issue #7"), {error} what went wrong.
        self.summary.fail(say("{name}: {error}", name=name, error=exc.said))
        self.progress(say("{name}: failed: {error}", name=name, error=exc.said))

    # --- issues ---------------------------------------------------------------------------

    def unread(self, issue: Issue, name: Said, done_label: str) -> list[str] | None:
        """Our own comments on an issue still to be read; None when it is done with, or
        was answered already and not edited since (the marker holds a digest of the text
        answered): its text is not read again, whatever it holds, until it is edited."""
        if done_label in issue.labels:
            self.summary.skipped.append(str(name))
            return None
        bodies = self.own_comments(issue.number)
        if notices.has_marker(bodies, notices.needs_info_marker(issue.body)):
            still = say("{name}: still needs more information (not edited since)", name=name)
            self.needs_info(issue, still)
            return None
        return bodies

    def done(self, issue: Issue, label: str, name: Said) -> None:
        self.remote.add_label(issue.number, label)
        if NEEDS_INFO_LABEL in issue.labels:
            self.remote.remove_label(issue.number, NEEDS_INFO_LABEL)
        self.summary.recorded.append(str(name))

    def issue(self, issue: Issue) -> None:
        name = issue_name(issue.number)
        bodies = self.unread(issue, name, RECORDED_LABEL)
        if bodies is None:
            return
        draft = issue_draft(self.corpus, issue)
        proposal = str(draft.data.get("proposal") or "unknown")
        candidate, problems = checked(self.corpus, f"{proposal}-issue-{issue.number}", draft)
        if problems:
            self.remote.comment(issue.number, notices.needs_info(problems, issue.body, t=draft.t))
            self.needs_info(issue, needs_more(name, len(problems)))
            return
        # The title names no one: issue titles are free text, and may hold personal data.
        # Translators: the title of a pull request; {proposal} is a proposal's short name.
        named = self.t("Feedback on {proposal} from issue #{number}")
        title = named.format(proposal=proposal, number=issue.number)
        pull = self.deliver_feedback(candidate, f"feedback/issue-{issue.number}", title, issue.url)
        if not notices.has_marker(bodies, notices.RECORDED_MARKER):
            url = pull.url if pull else None
            self.remote.comment(issue.number, notices.recorded(url, draft.claim_note, draft.t))
        self.done(issue, RECORDED_LABEL, name)
        self.progress(recorded_as(name, candidate.rel))

    def needs_info(self, issue: Issue, words: Said) -> None:
        if NEEDS_INFO_LABEL not in issue.labels:
            self.remote.add_label(issue.number, NEEDS_INFO_LABEL)
        self.summary.needs_info.append(str(issue_name(issue.number)))
        self.progress(words)

    def deliver_feedback(
        self, candidate: Candidate, branch: str, title: str, source_url: str
    ) -> PullRequest | None:
        """The feedback's pull request; None when it is already merged into the base branch."""
        merged = self.corpus.feedback.get(candidate.id)
        if merged is not None and merged.source.ref == source_url:
            return None
        body = notices.pull_request_body(source_url, candidate.rel, self.t)
        rel = candidate.rel
        # Translators: a commit's message; {file} is a file's path.
        message = self.t("Add {file}").format(file=rel)
        return self.deliver(rel, candidate.text, message, branch, title, body)

    def deliver(
        self, rel: str, text: str, message: str, branch: str, title: str, body: str
    ) -> PullRequest:
        """Branch, file and pull request, each made only when GitHub does not have it yet."""
        existing = self.pulls.get(branch)
        if existing is not None:
            return existing
        if self.remote.branch_sha(branch) is None:
            base_sha = self.remote.branch_sha(self.base)
            if base_sha is None:
                raise RemoteError(
                    say("the base branch '{branch}' does not exist", branch=self.base)
                )
            self.remote.create_branch(branch, base_sha)
        if self.remote.file_text(rel, branch) != text:
            self.remote.put_file(rel, branch, text, message)
        pull = self.remote.create_pull(title, body, branch, self.base)
        self.pulls[branch] = pull
        return pull

    # --- reports to the moderators --------------------------------------------------------

    def report(self, issue: Issue) -> None:
        name = report_name(issue.number)
        bodies = self.unread(issue, name, REPORTED_LABEL)
        if bodies is None:
            return
        form = read_report(issue.body, self.corpus)
        written = form_language(issue.body[:MAX_BODY_CHARS], self.corpus.settings, REPORT_QUESTIONS)
        t = language(written)  # the reporter is answered in the language they wrote in
        if form.feedback is None or form.reason is None:
            self.remote.comment(issue.number, report_needs_info(form.problems, issue.body, t))
            self.needs_info(issue, needs_more(name, len(form.problems)))
            return
        try:
            edit = with_report(
                self.corpus, form.feedback, reason=form.reason, day=issue.created, ref=issue.url
            )
        except CommonplanError as exc:  # a file laid out by hand that an edit would reformat
            self.failed(name, exc)
            return
        pull = None
        if edit is not None:
            # Translators: the title of a pull request; {feedback} is a feedback's id.
            named = self.t("Report on feedback {feedback} from issue #{number}")
            title = named.format(feedback=form.feedback, number=issue.number)
            body = report_pull_body(self.corpus, issue.url, edit.rel, self.t)
            branch = f"report/issue-{issue.number}"
            # Translators: a commit's message; {file} is a file's path.
            message = self.t("Count a report on {file}").format(file=edit.rel)
            pull = self.deliver(edit.rel, edit.text, message, branch, title, body)
        if not notices.has_marker(bodies, REPORTED_MARKER):
            url = pull.url if pull else None
            said = report_recorded(self.corpus, form.feedback, url, t)
            self.remote.comment(issue.number, said)
        self.done(issue, REPORTED_LABEL, name)
        # Translators: {name} is "report #7", {feedback} a feedback's id.
        reported = say(
            "{name}: recorded as a report on {feedback}", name=name, feedback=form.feedback
        )
        self.progress(reported)

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
            self._guarded(review_name(comment.id), step)

    def review_comment(
        self, comment: ReviewComment, proposal_id: str, head_text: str, replies: list[str]
    ) -> None:
        name = review_name(comment.id)
        if notices.has_marker(replies, notices.RECORDED_MARKER):
            self.summary.skipped.append(str(name))
            return
        if notices.has_marker(replies, notices.needs_info_marker(comment.body)):
            self.summary.needs_info.append(str(name))  # answered, and not edited since
            return
        draft = review_draft(self.corpus, comment, proposal_id, head_text)
        candidate, problems = checked(
            self.corpus, f"{proposal_id}-review-{comment.id}", draft, form=False
        )
        if problems:
            reply = notices.needs_info(problems, comment.body, review=True, t=draft.t)
            self.remote.reply_to_review_comment(comment.pull, comment.id, reply)
            self.summary.needs_info.append(str(name))
            return
        # Translators: the title of a pull request; {proposal} is a proposal's short name,
        # {number} a review comment's number.
        named = self.t("Feedback on {proposal} from review comment {number}")
        title = named.format(proposal=proposal_id, number=comment.id)
        pull = self.deliver_feedback(candidate, f"feedback/review-{comment.id}", title, comment.url)
        reply = notices.recorded(pull.url if pull else None, None, draft.t)
        self.remote.reply_to_review_comment(comment.pull, comment.id, reply)
        self.summary.recorded.append(str(name))
        self.progress(recorded_as(name, candidate.rel))


def issue_name(number: int) -> Said:
    return say("issue #{number}", number=number)


def report_name(number: int) -> Said:
    return say("report #{number}", number=number)


def review_name(number: int) -> Said:
    return say("review comment {number}", number=number)


def needs_more(name: Said, problems: int) -> Said:
    # Translators: {name} is an item ("issue #7").
    return say_n(
        "{name}: needs more information ({count} problem)",
        "{name}: needs more information ({count} problems)",
        problems,
        name=name,
    )


def recorded_as(name: Said, rel: str) -> Said:
    # Translators: {name} is an item ("issue #7"), {file} a feedback file's path.
    return say("{name}: recorded as {file}", name=name, file=rel)


def ingest(remote: Remote, corpus: Corpus, base: str, progress: Progress) -> Summary:
    return Ingest(remote, corpus, base, progress).run()
