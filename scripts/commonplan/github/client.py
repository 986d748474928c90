"""The one module that talks to GitHub (through PyGithub): `Remote` for a real repository.

Every request goes through `_call`, which applies the `RetryPolicy` (`retry.py`) and turns
PyGithub's objects into plain data while still inside the retry, so a lazily loaded
attribute (or the next page of a list) cannot make an unguarded request later. PyGithub's
own retrying is turned off: this policy is the one that runs, and the one the tests check.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from itertools import islice
from typing import Any, TypeVar

import requests
from github import Auth, BadAttributeException, Github, GithubException, UnknownObjectException

from commonplan.github.plain import issue_of, pull_of, review_comment_of
from commonplan.github.remote import (
    Comment,
    Issue,
    Label,
    PullRequest,
    RefusedError,
    RemoteError,
    RepositoryFacts,
    ReviewComment,
)
from commonplan.github.retry import RetryPolicy, rate_limit
from commonplan.language import Said, say, verbatim

T = TypeVar("T")
DEFAULT_API_URL = "https://api.github.com"
TIMEOUT_SECONDS = 30
SHOWN = 200  # the characters of GitHub's own message an error quotes
NOT_JSON = "an answer that is not JSON: "


def _said(exc: GithubException) -> tuple[str, str | Said]:
    """GitHub's own message in a failed answer (the policy reads rate limits from it), and
    as an error quotes it (its first characters; GitHub's words as they are)."""
    data = exc.data
    if isinstance(data, dict):
        if isinstance(data.get("message"), str):
            message = str(data["message"])
            return message, verbatim(message[:SHOWN])
        if isinstance(data.get("data"), str):  # PyGithub's wrapping of a body that is not JSON
            body = str(data["data"])
            # Translators: {body} is the start of what GitHub answered, as it is.
            shown = say("an answer that is not JSON: {body}", body=body[: SHOWN - len(NOT_JSON)])
            return NOT_JSON + body, shown
    message = str(exc.message or data or "")
    return message, verbatim(message[:SHOWN])


ACTIONS_BOT = "github-actions[bot]"


class GitHubRemote:
    """A repository on GitHub or GitHub Enterprise Server (``api_url``)."""

    def __init__(
        self,
        repo: str,
        token: str,
        api_url: str = DEFAULT_API_URL,
        policy: RetryPolicy | None = None,
    ) -> None:
        self.policy = policy or RetryPolicy()
        self._github = Github(
            base_url=api_url.rstrip("/"),
            auth=Auth.Token(token),
            timeout=TIMEOUT_SECONDS,
            retry=None,
            seconds_between_requests=0,
            seconds_between_writes=0,
            lazy=True,  # no request until one is needed, and then inside `_call`
        )
        self._repo = self._github.get_repo(repo)
        self._path = f"/repos/{repo}"
        self._login: str | None = None

    def login(self) -> str:
        """Who this token writes as: only that account's hidden markers count."""
        if self._login is None:

            def request() -> str:
                try:
                    return str(self._github.get_user().login)
                except GithubException as exc:
                    # A workflow's own token may not read /user; it writes as this bot.
                    if exc.status == 403:
                        return ACTIONS_BOT
                    raise

            self._login = self._call(say("find who the token belongs to"), request)
        return self._login

    def _call(
        self, what: Said, request: Callable[[], T], done: Callable[[], T | None] | None = None
    ) -> T:
        """Run ``request`` under the retry policy.

        ``done`` guards a write that is not idempotent (a comment): a request that failed on
        the way back may still have been carried out, so before trying again `done` looks
        for its effect and returns it, or None when it is not there. ``what`` names the
        request in an error ("read issue #7").
        """
        attempt = 0
        while True:
            held = self.policy.holding()
            if held is not None:
                # Translators: {what} is a request ("read issue #7"), {problem} what went wrong.
                raise RemoteError(say("{what}: {problem}", what=what, problem=held))
            attempt += 1
            try:
                if attempt > 1 and done is not None:
                    found = done()
                    if found is not None:
                        return found
                return request()
            except GithubException as exc:
                status: int | None = exc.status
                headers = dict(exc.headers or {})
                said, shown = _said(exc)
                # Translators: {status} is an HTTP status (403), {said} GitHub's own words.
                problem = say("GitHub answered {status}: {said}", status=exc.status, said=shown)
                error: Exception = exc
            except requests.RequestException as exc:
                status, headers, said, error = None, {}, "", exc
                # Translators: {error} is the name of a Python exception (ConnectionError).
                problem = say("no answer from GitHub ({error})", error=type(exc).__name__)
            except (BadAttributeException, ValueError, KeyError, TypeError) as exc:
                # An answer that is not the JSON GitHub documents: retrying will not help.
                unreadable = say(
                    "{what}: GitHub's answer could not be read ({error})", what=what, error=str(exc)
                )
                raise RemoteError(unreadable) from exc
            delay = self.policy.delay(status, headers, attempt, said)
            if delay is None or not self.policy.wait(delay):
                failure = self.policy.failure(what, problem, status, headers, attempt, said)
                refused = status == 403 and rate_limit(status, headers, said) is None
                kind = RefusedError if refused else RemoteError
                raise kind(failure) from error

    # --- issues ---------------------------------------------------------------------------

    def open_issues(self, label: str) -> list[Issue]:
        def request() -> list[Issue]:
            found = self._repo.get_issues(state="open", labels=[label])
            return [issue_of(raw) for raw in found if raw.pull_request is None]

        return self._call(say("list open issues labelled '{label}'", label=label), request)

    def issue(self, number: int) -> Issue | None:
        def request() -> Issue | None:
            try:
                return issue_of(self._repo.get_issue(number))
            except UnknownObjectException:
                return None

        return self._call(say("read issue #{number}", number=number), request)

    def comments(self, number: int) -> list[Comment]:
        def request() -> list[Comment]:
            raw = self._repo.get_issue(number).get_comments()
            return [Comment(c.id, c.body or "", c.user.login if c.user else "") for c in raw]

        return self._call(say("read comments of issue #{number}", number=number), request)

    def comment(self, number: int, body: str) -> None:
        def request() -> bool:
            self._repo.get_issue(number).create_comment(body)
            return True

        def done() -> bool | None:
            comments = self._repo.get_issue(number).get_comments()
            return True if any(c.body == body for c in comments) else None

        self._call(say("comment on issue #{number}", number=number), request, done)

    def add_label(self, number: int, label: str) -> None:
        self._call(
            say("label issue #{number} '{label}'", number=number, label=label),
            lambda: self._repo.get_issue(number).add_to_labels(label),
        )

    def remove_label(self, number: int, label: str) -> None:
        def request() -> None:
            with suppress(UnknownObjectException):  # already gone: what we wanted
                self._repo.get_issue(number).remove_from_labels(label)

        self._call(
            say("remove label '{label}' from issue #{number}", label=label, number=number), request
        )

    def close_issue(self, number: int) -> None:
        self._call(
            say("close issue #{number}", number=number),
            lambda: self._repo.get_issue(number).edit(state="closed"),
        )

    # --- branches, files, pull requests ---------------------------------------------------

    def branch_sha(self, branch: str) -> str | None:
        def request() -> str | None:
            try:
                sha: str = self._repo.get_git_ref(f"heads/{branch}").object.sha
            except UnknownObjectException:
                return None
            return sha

        return self._call(say("read branch '{branch}'", branch=branch), request)

    def create_branch(self, branch: str, sha: str) -> None:
        def request() -> None:
            try:
                self._repo.create_git_ref(ref=f"refs/heads/{branch}", sha=sha)
            except GithubException as exc:
                # 422 "Reference already exists": an earlier attempt made it.
                if exc.status != 422:
                    raise

        self._call(say("create branch '{branch}'", branch=branch), request)

    def file_text(self, path: str, ref: str) -> str | None:
        def request() -> str | None:
            try:
                found = self._repo.get_contents(path, ref=ref)
            except UnknownObjectException:
                return None
            if isinstance(found, list):
                return None  # a folder
            text: str = found.decoded_content.decode("utf-8", errors="replace")
            return text

        return self._call(say("read {path} at '{ref}'", path=path, ref=ref), request)

    def put_file(self, path: str, branch: str, text: str, message: str) -> None:
        def request() -> None:
            try:
                current = self._repo.get_contents(path, ref=branch)
            except UnknownObjectException:
                self._repo.create_file(path, message, text, branch=branch)
                return
            if isinstance(current, list):
                raise RemoteError(say("{path} is a folder on '{branch}'", path=path, branch=branch))
            if current.decoded_content == text.encode("utf-8"):
                return  # an earlier attempt wrote it
            self._repo.update_file(path, message, text, current.sha, branch=branch)

        self._call(say("write {path} on '{branch}'", path=path, branch=branch), request)

    def open_pulls(self) -> list[PullRequest]:
        return self._call(
            say("list open pull requests"),
            lambda: [pull_of(raw) for raw in self._repo.get_pulls(state="open")],
        )

    def create_pull(self, title: str, body: str, head: str, base: str) -> PullRequest:
        def request() -> PullRequest:
            try:
                return pull_of(self._repo.create_pull(base=base, head=head, title=title, body=body))
            except GithubException as exc:
                if exc.status != 422:
                    raise
            # 422 "A pull request already exists": an earlier attempt made it.
            for raw in self._repo.get_pulls(state="open"):
                pull = pull_of(raw)
                if pull.head == head and not pull.from_fork:
                    return pull
            raise RemoteError(
                say("GitHub refused a pull request from '{head}' to '{base}'", head=head, base=base)
            )

        return self._call(say("open a pull request from '{head}'", head=head), request)

    def commits_touching(self, path: str, branch: str) -> list[str]:
        def request() -> list[str]:
            return [c.sha for c in islice(self._repo.get_commits(sha=branch, path=path), 100)]

        return self._call(say("list the commits that changed {path}", path=path), request)

    def change_author(self, sha: str) -> str | None:
        def request() -> str | None:
            commit = self._repo.get_commit(sha)
            for pull in commit.get_pulls():
                login: str = pull.user.login
                return login
            return commit.author.login if commit.author is not None else None

        return self._call(say("read who brought commit {sha}", sha=sha[:12]), request)

    def review_comments(self, pull: int) -> list[ReviewComment]:
        return self._call(
            say("read review comments of pull request #{pull}", pull=pull),
            lambda: [
                review_comment_of(pull, raw)
                for raw in self._repo.get_pull(pull).get_review_comments()
            ],
        )

    def reply_to_review_comment(self, pull: int, comment_id: int, body: str) -> None:
        def request() -> bool:
            self._repo.get_pull(pull).create_review_comment_reply(comment_id, body)
            return True

        def done() -> bool | None:
            comments = self._repo.get_pull(pull).get_review_comments()
            found = any(c.in_reply_to_id == comment_id and c.body == body for c in comments)
            return True if found else None

        self._call(say("reply to review comment {comment}", comment=comment_id), request, done)

    # --- the repository's settings (setup-github) -----------------------------------------

    def _json(self, verb: str, path: str, body: dict[str, Any] | None = None) -> Any:
        """A request PyGithub has no method for, through its requester (inside `_call`)."""
        _headers, data = self._github.requester.requestJsonAndCheck(
            verb, f"{self._path}{path}", input=body
        )
        return data

    def repository(self) -> RepositoryFacts:
        def request() -> RepositoryFacts:
            data = self._json("GET", "")
            return RepositoryFacts(bool(data["private"]), str(data["default_branch"]))

        return self._call(say("read the repository"), request)

    def labels(self) -> list[Label]:
        return self._call(
            say("list the labels"),
            lambda: [
                Label(raw.name, raw.color or "", raw.description or "")
                for raw in self._repo.get_labels()
            ],
        )

    def create_label(self, label: Label) -> None:
        def request() -> None:
            try:
                self._repo.create_label(label.name, label.color, label.description)
            except GithubException as exc:
                # 422 "already_exists": an earlier attempt made it.
                if exc.status != 422:
                    raise

        self._call(say("create the label '{label}'", label=label.name), request)

    def update_label(self, label: Label) -> None:
        self._call(
            say("update the label '{label}'", label=label.name),
            lambda: self._repo.get_label(label.name).edit(
                label.name, label.color, label.description
            ),
        )

    def read_json(self, what: Said, path: str) -> Any | None:
        """GET a path of the repository's REST API that PyGithub has no method for: its
        JSON, or None when GitHub answers 404 (a setting that is not there yet)."""

        def request() -> Any | None:
            try:
                return self._json("GET", path)
            except GithubException as exc:
                if exc.status == 404:
                    return None
                raise

        return self._call(what, request)

    def write_json(
        self, what: Said, verb: str, path: str, body: dict[str, Any], already: int | None = None
    ) -> None:
        """PUT, POST or PATCH a path of the repository's REST API; ``already`` is the status
        GitHub answers when an earlier attempt did it."""

        def request() -> None:
            try:
                self._json(verb, path, body)
            except GithubException as exc:
                if exc.status != already:
                    raise

        self._call(what, request)
