"""What the GitHub loop needs from a code host, as plain data.

`client.py` implements `Remote` with PyGithub; everything else (ingest, notify) works with
these types only, so the package runs without PyGithub. The retry policy is in `retry.py`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from commonplan.errors import CommonplanError
from commonplan.language import Said


class RemoteError(CommonplanError):
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


@dataclass(frozen=True)
class Label:
    name: str
    color: str  # six hex digits, no '#'
    description: str


@dataclass(frozen=True)
class RepositoryFacts:
    private: bool
    default_branch: str


class RefusedError(RemoteError):
    """GitHub refused a request for want of rights (403, or 404 where it hides a setting)."""


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
    def repository(self) -> RepositoryFacts: ...
    def commits_touching(self, path: str, branch: str) -> list[str]:
        """The commits on ``branch`` that changed ``path``, newest first (at most 100)."""
        ...

    def change_author(self, sha: str) -> str | None:
        """Who brought a commit: the author of its pull request, or else of the commit."""
        ...


class RepositorySettings(Protocol):
    """The repository's settings `setup-github` reads and makes sure of (admin rights).

    A request the token may not make raises `RefusedError`. ``read_json`` and ``write_json``
    take a path under the repository's REST API (``/pages``) and plain JSON data; reading
    gives None when GitHub answers 404 (a setting not there yet); ``what`` names the request
    in an error, in the words of the person who ran the command."""

    def repository(self) -> RepositoryFacts: ...
    def labels(self) -> list[Label]: ...
    def create_label(self, label: Label) -> None: ...
    def update_label(self, label: Label) -> None: ...
    def read_json(self, what: Said, path: str) -> Any | None: ...
    def write_json(
        self, what: Said, verb: str, path: str, body: dict[str, Any], already: int | None = None
    ) -> None: ...
