"""A fake GitHub REST server for the tests: stateful, on 127.0.0.1, spoken to over real HTTP.

It keeps issues, labels, comments, branches (as commits holding snapshots of files),
contents, pull requests and review comments, and the settings `setup-github` makes sure of
(the repository's labels, Pages, Actions' workflow permissions, branch protection, secrets'
names; `admin = False` makes them answer 403 as GitHub does to a token without admin
rights), and answers with JSON shaped as GitHub's REST
API documents it, every URL pointing back at itself. `prefix` serves it under a path, as
GitHub Enterprise Server does (`/api/v3`).

As GitHub documents: lists are paginated (`per_page`, default 30 and at most 100, `page`,
and a `link` header with rel="prev"/"next"/"last"/"first" when there is more than one
page); every answer carries the primary rate limit's `x-ratelimit-*` headers, and once the
limit is used up (`exhaust_rate_limit`) requests are refused with 403 until it resets.

Faults can be queued per route, consumed one per matching request (or forever): a status
with headers, a body of raw bytes, a dropped connection, and with `after` the request is
carried out first and only its answer is lost. `secondary_rate_limit` makes the fault
GitHub sends for its secondary rate limits.
"""

from __future__ import annotations

import base64
import hashlib
import itertools
import json
import re
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote, urlencode, urlsplit

CREATED = "2026-11-20T10:00:00Z"
BOT = "commonplan-bot"  # the token's own account
PER_PAGE = 30  # GitHub's default page size for lists
MAX_PER_PAGE = 100  # and the most `per_page` may ask for
RATE_LIMIT = 5000  # requests an hour for a personal access token
RATE_WINDOW = 3600
DOCS = "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api"
SECONDARY_MESSAGE = (
    "You have exceeded a secondary rate limit. Please wait a few minutes before you try"
    " again. If you reach out to GitHub Support for help, please include the request ID"
    " 0000:1111:2222:3333:44444444."
)


@dataclass
class Fault:
    """How to answer a request instead of the usual way; every field is applied."""

    status: int = 500
    headers: dict[str, str] = field(default_factory=dict)  # these win over the fake's own
    drop: bool = False  # close the connection without answering
    after: bool = False  # carry the request out first, then fail (the answer is lost)
    body: bytes | None = None  # answer with these bytes instead of JSON
    rate_headers: bool = True  # send the x-ratelimit-* headers as GitHub does on most answers


def secondary_rate_limit(
    status: int = 403, retry_after: int | None = None, rate_headers: bool = False
) -> Fault:
    """GitHub's answer when a secondary rate limit is exceeded: 403 or 429 with its message,
    perhaps a `retry-after`, often none of the x-ratelimit-* headers."""
    headers = {"Content-Type": "application/json; charset=utf-8"}
    if retry_after is not None:
        headers["retry-after"] = str(retry_after)
    body = {
        "message": SECONDARY_MESSAGE,
        "documentation_url": f"{DOCS}#about-secondary-rate-limits",
    }
    return Fault(status, headers, body=json.dumps(body).encode(), rate_headers=rate_headers)


@dataclass
class RateWindow:
    """The primary rate limit: ``limit`` requests until ``reset`` (epoch seconds)."""

    limit: int = RATE_LIMIT
    used: int = 0
    reset: int = 0
    refuse_with: int = 403  # GitHub documents 403 or 429


@dataclass
class Rule:
    method: str
    pattern: re.Pattern[str]
    fault: Fault
    times: int | None  # None: forever


@dataclass
class Paged:
    """A route's whole list: `handle` answers with the page the query asks for."""

    items: list[Any]


def _sha(*parts: object) -> str:
    return hashlib.sha1(repr(parts).encode()).hexdigest()


def _positive(value: str | None, default: int) -> int:
    """A page number or size from the query; GitHub uses its default for anything else."""
    try:
        number = int(value) if value is not None else default
    except ValueError:
        return default
    return number if number >= 1 else default


def _json(data: Any) -> bytes:
    return json.dumps(data).encode("utf-8")


def _json_bytes(payload: bytes) -> bool:
    try:
        json.loads(payload)
    except ValueError:
        return False
    return True


def _newest_first(items: dict[int, Any], query: dict[str, str]) -> list[tuple[int, Any]]:
    """By creation (numbers grow with it): descending unless `direction=asc`."""
    return sorted(items.items(), reverse=query.get("direction", "desc") != "asc")


class FakeGitHub:
    """State and routes; `serve()` starts it and yields the API base URL."""

    def __init__(
        self,
        repo: str = "hollowmere-together/strategy",
        prefix: str = "",
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.repo = repo
        self.prefix = prefix.rstrip("/")
        self.host = ""
        self.lock = threading.RLock()
        self.ids = itertools.count(1000)
        self.numbers = itertools.count(1)
        self.issues: dict[int, dict[str, Any]] = {}  # issue and pull request numbers share
        self.comments: dict[int, list[dict[str, Any]]] = {}
        self.pulls: dict[int, dict[str, Any]] = {}
        self.review_comments: dict[int, list[dict[str, Any]]] = {}
        self.snapshots: dict[str, dict[str, str]] = {}  # commit sha → files
        self.parents: dict[str, str | None] = {}  # commit sha → the commit before it
        self.messages: dict[str, str] = {}  # commit sha → its message
        self.refs: dict[str, str] = {}  # branch → commit sha
        self.commit_authors: dict[str, str | None] = {}  # commit sha → its author's login
        self.commit_pulls: dict[str, int] = {}  # merge commit sha → the pull request merged
        self.rules: list[Rule] = []
        self.log: list[tuple[str, str]] = []  # (method, path) of every request carried out
        self.clock = clock
        self.rate = RateWindow()
        self.set_branch("main", {})
        # The repository's settings (setup-github): as a new repository has them.
        self.private = False
        self.default_branch = "main"
        self.repo_labels: dict[str, dict[str, str]] = {}  # lower-cased name → label
        self.pages: dict[str, Any] | None = None  # None: Pages is not set up
        self.workflow_permissions: dict[str, Any] = {
            "default_workflow_permissions": "read",
            "can_approve_pull_request_reviews": False,
        }
        self.protections: dict[str, dict[str, Any]] = {}  # branch → what PUT was sent
        self.secrets: list[str] = []
        self.admin = True  # False: the token lacks admin rights on the repository

    # --- setting the scene ----------------------------------------------------------------

    def set_branch(
        self, branch: str, files: dict[str, str], message: str = "", author: str | None = None
    ) -> str:
        """A new commit on ``branch`` (made if need be) holding exactly ``files``, pushed
        by ``author`` (a login, or None: nobody GitHub knows)."""
        sha = _sha(branch, sorted(files.items()), next(self.ids))
        self.snapshots[sha] = dict(files)
        self.parents[sha] = self.refs.get(branch)
        self.messages[sha] = message
        self.commit_authors[sha] = author
        self.refs[branch] = sha
        return sha

    def user(self, login: str) -> dict[str, Any]:
        return {
            "login": login,
            "id": abs(hash(login)) % 10_000_000,
            "type": "User",
            "url": f"{self.api}/users/{login}",
            "html_url": f"{self.host}/{login}",
        }

    def add_issue(
        self,
        body: str,
        author: str = "a-resident",
        title: str = "Feedback",
        labels: tuple[str, ...] = ("feedback",),
    ) -> int:
        """An issue as a form makes it: the feedback form's label unless told otherwise."""
        with self.lock:
            return self._new_issue(title, body, author, list(labels), pull=False)

    def edit_issue(self, number: int, body: str) -> None:
        with self.lock:
            self.issues[number]["body"] = body

    def add_pull(
        self,
        head: str,
        files: dict[str, str],
        author: str = "hbc-adultcare",
        fork: str | None = None,
    ) -> int:
        """A pull request from a branch holding ``files`` (as a person would open); with
        ``fork`` (an owner), from that owner's fork, whose branch names are its own."""
        with self.lock:
            key = f"forks/{fork}/{head}" if fork else head
            self.set_branch(key, files)
            number = self._new_pull(head, "main", f"Change {head}", "", author)
            self.pulls[number]["head_key"] = key
            self.pulls[number]["head_repo"] = (
                f"{fork}/{self.repo.split('/')[1]}" if fork else self.repo
            )
            return number

    def add_review_comment(self, pull: int, path: str, line: int, body: str, author: str) -> int:
        with self.lock:
            comment_id = next(self.ids)
            self.review_comments.setdefault(pull, []).append(
                {"id": comment_id, "path": path, "line": line, "body": body, "user": author}
            )
            return comment_id

    def fail(self, method: str, path_pattern: str, fault: Fault, times: int | None = 1) -> None:
        """Answer the next ``times`` matching requests (None: all of them) with ``fault``."""
        with self.lock:
            self.rules.append(Rule(method, re.compile(path_pattern), fault, times))

    def exhaust_rate_limit(self, reset_in: float = RATE_WINDOW, status: int = 403) -> None:
        """Use up the primary rate limit: requests are refused until ``reset_in`` seconds
        from now (on ``clock``), then a new window starts."""
        with self.lock:
            self.rate.used = self.rate.limit
            self.rate.reset = int(self.clock() + reset_in)
            self.rate.refuse_with = status

    def land(self, files: dict[str, str], author: str, title: str = "A change") -> int:
        """A pull request by ``author`` that changes ``files``, merged into main."""
        with self.lock:
            head = f"change-{next(self.ids)}"
            self.set_branch(head, {**self.files("main"), **files}, title, author)
            number = self._new_pull(head, "main", title, "", author)
        self.merge(number)
        return number

    def merge(self, number: int) -> dict[str, str]:
        """Merge a pull request into main; returns the files it added or changed."""
        with self.lock:
            pull = self.pulls[number]
            head_files = self.snapshots[self.refs[pull.get("head_key", pull["head"])]]
            base_files = self.snapshots[self.refs["main"]]
            changed = {p: t for p, t in head_files.items() if base_files.get(p) != t}
            merged = self.set_branch("main", {**base_files, **changed}, f"Merge #{number}")
            self.commit_pulls[merged] = number
            pull["state"] = "closed"
            self.issues[number]["state"] = "closed"
            return changed

    # --- reading the state in tests -------------------------------------------------------

    def labels(self, number: int) -> list[str]:
        return list(self.issues[number]["labels"])

    def comment_bodies(self, number: int) -> list[str]:
        return [c["body"] for c in self.comments[number]]

    def open_pulls(self) -> list[dict[str, Any]]:
        return [p for p in self.pulls.values() if p["state"] == "open"]

    def files(self, branch: str) -> dict[str, str]:
        return self.snapshots[self.refs[branch]]

    def add_label(self, name: str, color: str = "ededed", description: str = "") -> None:
        self.repo_labels[name.lower()] = {"name": name, "color": color, "description": description}

    def writes(self) -> list[tuple[str, str]]:
        return [(m, p) for m, p in self.log if m != "GET"]

    def commits_since(self, branch: str, base: str = "main") -> list[str]:
        """Messages of the commits on ``branch`` that ``base`` does not have, newest first."""
        on_base: set[str] = set()
        sha: str | None = self.refs[base]
        while sha is not None:
            on_base.add(sha)
            sha = self.parents[sha]
        messages = []
        sha = self.refs[branch]
        while sha is not None and sha not in on_base:
            messages.append(self.messages[sha])
            sha = self.parents[sha]
        return messages

    # --- JSON as GitHub shapes it ---------------------------------------------------------

    @property
    def api(self) -> str:
        return f"{self.host}{self.prefix}"

    @property
    def repo_api(self) -> str:
        return f"{self.api}/repos/{self.repo}"

    def issue_json(self, number: int) -> dict[str, Any]:
        issue = self.issues[number]
        data = {
            "id": number + 500_000,
            "node_id": f"I_{number}",
            "number": number,
            "title": issue["title"],
            "body": issue["body"],
            "user": self.user(issue["user"]),
            "labels": [
                {
                    "id": abs(hash(n)) % 100_000,
                    "name": n,
                    "color": "ededed",
                    "url": f"{self.repo_api}/labels/{n}",
                }
                for n in issue["labels"]
            ],
            "state": issue["state"],
            "locked": False,
            "comments": len(self.comments.get(number, [])),
            "created_at": CREATED,
            "updated_at": CREATED,
            "closed_at": None,
            "url": f"{self.repo_api}/issues/{number}",
            "repository_url": self.repo_api,
            "labels_url": f"{self.repo_api}/issues/{number}/labels{{/name}}",
            "comments_url": f"{self.repo_api}/issues/{number}/comments",
            "events_url": f"{self.repo_api}/issues/{number}/events",
            "html_url": f"{self.host}/{self.repo}/issues/{number}",
        }
        if issue["pull"]:
            data["pull_request"] = {
                "url": f"{self.repo_api}/pulls/{number}",
                "html_url": f"{self.host}/{self.repo}/pull/{number}",
            }
        else:
            data["pull_request"] = None
        return data

    def comment_json(self, number: int, comment: dict[str, Any]) -> dict[str, Any]:
        return {
            "id": comment["id"],
            "node_id": f"IC_{comment['id']}",
            "body": comment["body"],
            "user": self.user(comment["user"]),
            "created_at": CREATED,
            "updated_at": CREATED,
            "url": f"{self.repo_api}/issues/comments/{comment['id']}",
            "html_url": f"{self.host}/{self.repo}/issues/{number}#issuecomment-{comment['id']}",
            "issue_url": f"{self.repo_api}/issues/{number}",
        }

    def pull_json(self, number: int) -> dict[str, Any]:
        pull = self.pulls[number]
        head_sha = self.refs.get(pull.get("head_key", pull["head"]), "0" * 40)
        head_repo = pull.get("head_repo", self.repo)
        return {
            "id": number + 700_000,
            "node_id": f"PR_{number}",
            "number": number,
            "state": pull["state"],
            "title": pull["title"],
            "body": pull["body"],
            "user": self.user(pull["user"]),
            "head": {
                "ref": pull["head"],
                "sha": head_sha,
                "label": f"{head_repo.split('/')[0]}:{pull['head']}",
                "repo": self.repo_json(head_repo),
            },
            "base": {
                "ref": pull["base"],
                "sha": self.refs[pull["base"]],
                "label": "x:main",
                "repo": self.repo_json(self.repo),
            },
            "merged": False,
            "draft": False,
            "created_at": CREATED,
            "updated_at": CREATED,
            "url": f"{self.repo_api}/pulls/{number}",
            "html_url": f"{self.host}/{self.repo}/pull/{number}",
            "issue_url": f"{self.repo_api}/issues/{number}",
            "comments_url": f"{self.repo_api}/issues/{number}/comments",
            "review_comments_url": f"{self.repo_api}/pulls/{number}/comments",
        }

    def repo_json(self, full_name: str) -> dict[str, Any]:
        owner, name = full_name.split("/")
        return {
            "id": abs(hash(full_name)) % 100_000,
            "name": name,
            "full_name": full_name,
            "owner": self.user(owner),
            "url": f"{self.api}/repos/{full_name}",
            "html_url": f"{self.host}/{full_name}",
        }

    def review_comment_json(self, number: int, comment: dict[str, Any]) -> dict[str, Any]:
        data = {
            "id": comment["id"],
            "node_id": f"PRRC_{comment['id']}",
            "pull_request_review_id": comment["id"] + 1,
            "path": comment["path"],
            "line": comment.get("line"),
            "original_line": comment.get("line"),
            "side": "RIGHT",
            "position": 1,
            "diff_hunk": "@@ -1 +1 @@",
            "commit_id": self.refs.get(self.pulls[number].get("head_key", ""), ""),
            "original_commit_id": self.refs.get(self.pulls[number].get("head_key", ""), ""),
            "body": comment["body"],
            "user": self.user(comment["user"]),
            "created_at": CREATED,
            "updated_at": CREATED,
            "url": f"{self.repo_api}/pulls/comments/{comment['id']}",
            "html_url": f"{self.host}/{self.repo}/pull/{number}#discussion_r{comment['id']}",
            "pull_request_url": f"{self.repo_api}/pulls/{number}",
        }
        if "in_reply_to_id" in comment:
            data["in_reply_to_id"] = comment["in_reply_to_id"]
        return data

    def content_json(self, path: str, text: str, ref: str) -> dict[str, Any]:
        raw = text.encode("utf-8")
        return {
            "type": "file",
            "encoding": "base64",
            "size": len(raw),
            "name": path.rsplit("/", 1)[-1],
            "path": path,
            "content": base64.b64encode(raw).decode("ascii"),
            "sha": _sha("blob", text),
            "url": f"{self.repo_api}/contents/{path}?ref={ref}",
            "git_url": f"{self.repo_api}/git/blobs/{_sha('blob', text)}",
            "html_url": f"{self.host}/{self.repo}/blob/{ref}/{path}",
            "download_url": f"{self.host}/raw/{self.repo}/{ref}/{path}",
        }

    def _new_issue(
        self, title: str, body: str, author: str, labels: list[str], *, pull: bool
    ) -> int:
        """An issue, or the issue side of a pull request (they share GitHub's numbers)."""
        number = next(self.numbers)
        self.issues[number] = {
            "number": number,
            "title": title,
            "body": body,
            "user": author,
            "labels": labels,
            "state": "open",
            "pull": pull,
        }
        self.comments[number] = []
        return number

    def _new_pull(self, head: str, base: str, title: str, body: str, author: str) -> int:
        number = self._new_issue(title, body, author, [], pull=True)
        self.pulls[number] = {
            "head": head,
            "base": base,
            "title": title,
            "body": body,
            "user": author,
            "state": "open",
        }
        return number

    # --- routes ---------------------------------------------------------------------------

    def handle(
        self, method: str, path: str, query: dict[str, str], body: Any
    ) -> tuple[int, Any, dict[str, str]]:
        """Carry a request out: (status, JSON data, extra headers such as `link`)."""
        if method == "GET" and path == "/user":
            return 200, self.user(BOT), {}
        repo = f"/repos/{self.repo}"
        if not path.startswith(repo):
            return 404, {"message": "Not Found"}, {}
        route = path[len(repo) :]
        for pattern, handler in self.routes(method):
            match = re.fullmatch(pattern, route)
            if match:
                with self.lock:
                    status, data = handler(query, body, *[unquote(g) for g in match.groups()])
                    if isinstance(data, Paged):
                        return self.page(status, data.items, path, query)
                    return status, data, {}
        return 404, {"message": "Not Found"}, {}

    def page(
        self, status: int, items: list[Any], path: str, query: dict[str, str]
    ) -> tuple[int, Any, dict[str, str]]:
        """One page of a list, and its `link` header, as GitHub paginates: `per_page`
        (default 30, at most 100) and `page` (from 1), the header left out when everything
        fits on one page."""
        per_page = _positive(query.get("per_page"), PER_PAGE)
        per_page = min(per_page, MAX_PER_PAGE)
        number = _positive(query.get("page"), 1)
        last = max(1, -(-len(items) // per_page))
        shown = items[(number - 1) * per_page : number * per_page]
        if last == 1:
            return status, shown, {}

        def url(page: int) -> str:
            return f"{self.api}{path}?{urlencode({**query, 'page': str(page)})}"

        links = []
        if number > 1:
            links.append(f'<{url(min(number - 1, last))}>; rel="prev"')
        if number < last:
            links += [f'<{url(number + 1)}>; rel="next"', f'<{url(last)}>; rel="last"']
        if number > 1:
            links.append(f'<{url(1)}>; rel="first"')
        return status, shown, {"link": ", ".join(links)}

    def routes(self, method: str) -> list[tuple[str, Callable[..., tuple[int, Any]]]]:
        table: dict[str, list[tuple[str, Callable[..., tuple[int, Any]]]]] = {
            "GET": [
                (r"", self.get_repo),
                (r"/labels", self.list_labels),
                (r"/labels/([^/]+)", self.get_label),
                (r"/pages", self.admin_only(self.get_pages)),
                (r"/actions/permissions/workflow", self.admin_only(self.get_workflow)),
                (r"/branches/([^/]+)/protection", self.admin_only(self.get_protection)),
                (r"/actions/secrets", self.admin_only(self.list_secrets)),
                (r"/issues", self.list_issues),
                (r"/issues/(\d+)", self.get_issue),
                (r"/issues/(\d+)/comments", self.list_comments),
                (r"/git/ref/heads/(.+)", self.get_ref),
                (r"/contents/(.+)", self.get_contents),
                (r"/commits", self.list_commits),
                (r"/commits/([0-9a-f]{40})", self.get_commit),
                (r"/commits/([0-9a-f]{40})/pulls", self.commit_pulls_route),
                (r"/pulls", self.list_pulls),
                (r"/pulls/(\d+)", self.get_pull),
                (r"/pulls/(\d+)/comments", self.list_review_comments),
                (r"/pulls/comments/(\d+)", self.get_review_comment),
            ],
            "POST": [
                (r"/labels", self.create_label),
                (r"/pages", self.admin_only(self.create_pages)),
                (r"/issues/(\d+)/comments", self.create_comment),
                (r"/issues/(\d+)/labels", self.add_labels),
                (r"/git/refs", self.create_ref),
                (r"/pulls", self.create_pull),
                (r"/pulls/(\d+)/comments/(\d+)/replies", self.reply),
            ],
            "PATCH": [
                (r"/issues/(\d+)", self.edit_issue_route),
                (r"/labels/([^/]+)", self.edit_label),
            ],
            "PUT": [
                (r"/contents/(.+)", self.put_contents),
                (r"/pages", self.admin_only(self.update_pages)),
                (r"/actions/permissions/workflow", self.admin_only(self.put_workflow)),
                (r"/branches/([^/]+)/protection", self.admin_only(self.put_protection)),
            ],
            "DELETE": [(r"/issues/(\d+)/labels/(.+)", self.remove_label)],
        }
        return table.get(method, [])

    # --- the repository's settings --------------------------------------------------------

    def admin_only(self, handler: Callable[..., tuple[int, Any]]) -> Callable[..., tuple[int, Any]]:
        """A settings route: GitHub refuses it to a token without admin rights."""

        def guarded(*args: Any) -> tuple[int, Any]:
            if not self.admin:
                return 403, {
                    "message": "Must have admin rights to Repository.",
                    "documentation_url": "https://docs.github.com/rest",
                }
            return handler(*args)

        return guarded

    def get_repo(self, _q: dict[str, str], _b: Any) -> tuple[int, Any]:
        return 200, {
            **self.repo_json(self.repo),
            "private": self.private,
            "visibility": "private" if self.private else "public",
            "default_branch": self.default_branch,
            "permissions": {"admin": self.admin, "push": True, "pull": True},
        }

    def label_json(self, label: dict[str, str]) -> dict[str, Any]:
        return {
            "id": abs(hash(label["name"])) % 100_000,
            "node_id": f"LA_{label['name']}",
            "url": f"{self.repo_api}/labels/{label['name']}",
            "name": label["name"],
            "color": label["color"],
            "default": False,
            "description": label["description"] or None,
        }

    def list_labels(self, _q: dict[str, str], _b: Any) -> tuple[int, Any]:
        return 200, Paged([self.label_json(label) for label in self.repo_labels.values()])

    def get_label(self, _q: dict[str, str], _b: Any, name: str) -> tuple[int, Any]:
        label = self.repo_labels.get(name.lower())
        if label is None:
            return 404, {"message": "Not Found"}
        return 200, self.label_json(label)

    def create_label(self, _q: dict[str, str], body: Any) -> tuple[int, Any]:
        name = body.get("name")
        color = str(body.get("color", "ededed")).removeprefix("#")
        if not name or not re.fullmatch(r"[0-9a-fA-F]{6}", color):
            return 422, {"message": "Validation Failed", "errors": [{"resource": "Label"}]}
        if name.lower() in self.repo_labels:
            return 422, {
                "message": "Validation Failed",
                "errors": [{"resource": "Label", "code": "already_exists", "field": "name"}],
            }
        self.add_label(name, color, body.get("description") or "")
        return 201, self.label_json(self.repo_labels[name.lower()])

    def edit_label(self, _q: dict[str, str], body: Any, name: str) -> tuple[int, Any]:
        label = self.repo_labels.pop(name.lower(), None)
        if label is None:
            return 404, {"message": "Not Found"}
        label = {
            "name": body.get("new_name") or label["name"],
            "color": str(body.get("color") or label["color"]).removeprefix("#"),
            "description": body.get("description", label["description"]) or "",
        }
        self.repo_labels[label["name"].lower()] = label
        return 200, self.label_json(label)

    def pages_json(self) -> dict[str, Any]:
        assert self.pages is not None
        owner, name = self.repo.split("/")
        return {
            "url": f"{self.repo_api}/pages",
            "status": None,
            "cname": None,
            "custom_404": False,
            "html_url": f"https://{owner}.github.io/{name}/",
            "build_type": self.pages["build_type"],
            "source": self.pages.get("source"),
            "public": True,
            "https_enforced": True,
        }

    def get_pages(self, _q: dict[str, str], _b: Any) -> tuple[int, Any]:
        if self.pages is None:
            return 404, {"message": "Not Found"}
        return 200, self.pages_json()

    def create_pages(self, _q: dict[str, str], body: Any) -> tuple[int, Any]:
        if self.pages is not None:
            return 409, {"message": "GitHub Pages is already enabled."}
        build_type = body.get("build_type", "legacy")
        if build_type not in ("legacy", "workflow") or (
            build_type == "legacy" and not body.get("source")
        ):
            return 422, {"message": "Validation Failed"}
        self.pages = {"build_type": build_type, "source": body.get("source")}
        return 201, self.pages_json()

    def update_pages(self, _q: dict[str, str], body: Any) -> tuple[int, Any]:
        if self.pages is None:
            return 404, {"message": "Not Found"}
        if "build_type" in body:
            if body["build_type"] not in ("legacy", "workflow"):
                return 422, {"message": "Validation Failed"}
            self.pages["build_type"] = body["build_type"]
        return 204, None

    def get_workflow(self, _q: dict[str, str], _b: Any) -> tuple[int, Any]:
        return 200, dict(self.workflow_permissions)

    def put_workflow(self, _q: dict[str, str], body: Any) -> tuple[int, Any]:
        if body.get("default_workflow_permissions", "read") not in ("read", "write"):
            return 422, {"message": "Validation Failed"}
        for key in ("default_workflow_permissions", "can_approve_pull_request_reviews"):
            if key in body:
                self.workflow_permissions[key] = body[key]
        return 204, None

    def get_protection(self, _q: dict[str, str], _b: Any, branch: str) -> tuple[int, Any]:
        if branch not in self.refs:
            return 404, {"message": "Branch not found"}
        sent = self.protections.get(branch)
        if sent is None:
            return 404, {"message": "Branch not protected"}
        url = f"{self.repo_api}/branches/{branch}/protection"
        data: dict[str, Any] = {
            "url": url,
            "enforce_admins": {"url": f"{url}/enforce_admins", "enabled": sent["enforce_admins"]},
        }
        if sent["required_status_checks"] is not None:
            data["required_status_checks"] = {
                "url": f"{url}/required_status_checks",
                **sent["required_status_checks"],
            }
        reviews = sent["required_pull_request_reviews"]
        if reviews is not None:
            data["required_pull_request_reviews"] = {
                "url": f"{url}/required_pull_request_reviews",
                "dismiss_stale_reviews": bool(reviews.get("dismiss_stale_reviews")),
                "require_code_owner_reviews": bool(reviews.get("require_code_owner_reviews")),
                "required_approving_review_count": reviews.get(
                    "required_approving_review_count", 1
                ),
            }
        if sent["restrictions"] is not None:
            data["restrictions"] = {
                "url": f"{url}/restrictions",
                "users": [self.user(u) for u in sent["restrictions"].get("users", [])],
                "teams": [{"slug": t} for t in sent["restrictions"].get("teams", [])],
                "apps": [{"slug": a} for a in sent["restrictions"].get("apps", [])],
            }
        return 200, data

    def put_protection(self, _q: dict[str, str], body: Any, branch: str) -> tuple[int, Any]:
        """GitHub requires all four keys (null where a rule is off)."""
        if branch not in self.refs:
            return 404, {"message": "Branch not found"}
        required = (
            "required_status_checks",
            "enforce_admins",
            "required_pull_request_reviews",
            "restrictions",
        )
        missing = [key for key in required if key not in body]
        if missing:
            return 422, {"message": f"Invalid request. {missing[0]} is missing."}
        self.protections[branch] = {key: body[key] for key in required}
        return self.get_protection({}, None, branch)

    def list_secrets(self, _q: dict[str, str], _b: Any) -> tuple[int, Any]:
        secrets = [{"name": n, "created_at": CREATED, "updated_at": CREATED} for n in self.secrets]
        return 200, {"total_count": len(secrets), "secrets": secrets}

    def _issue_or_404(self, number: str) -> int | None:
        return int(number) if int(number) in self.issues else None

    def list_issues(self, query: dict[str, str], _: Any) -> tuple[int, Any]:
        """Issues and pull requests alike, newest first unless `direction=asc`."""
        state = query.get("state", "open")
        wanted = {x for x in query.get("labels", "").split(",") if x}
        found = [
            self.issue_json(n)
            for n, issue in _newest_first(self.issues, query)
            if (state == "all" or issue["state"] == state) and wanted <= set(issue["labels"])
        ]
        return 200, Paged(found)

    def get_issue(self, _q: dict[str, str], _b: Any, number: str) -> tuple[int, Any]:
        if self._issue_or_404(number) is None:
            return 404, {"message": "Not Found"}
        return 200, self.issue_json(int(number))

    def edit_issue_route(self, _q: dict[str, str], body: Any, number: str) -> tuple[int, Any]:
        if self._issue_or_404(number) is None:
            return 404, {"message": "Not Found"}
        if "state" in body:
            self.issues[int(number)]["state"] = body["state"]
        return 200, self.issue_json(int(number))

    def list_comments(self, _q: dict[str, str], _b: Any, number: str) -> tuple[int, Any]:
        if self._issue_or_404(number) is None:
            return 404, {"message": "Not Found"}
        comments = self.comments[int(number)]  # oldest first, as GitHub lists them
        return 200, Paged([self.comment_json(int(number), c) for c in comments])

    def create_comment(self, _q: dict[str, str], body: Any, number: str) -> tuple[int, Any]:
        if self._issue_or_404(number) is None:
            return 404, {"message": "Not Found"}
        comment = {"id": next(self.ids), "body": body["body"], "user": BOT}
        self.comments[int(number)].append(comment)
        return 201, self.comment_json(int(number), comment)

    def add_labels(self, _q: dict[str, str], body: Any, number: str) -> tuple[int, Any]:
        if self._issue_or_404(number) is None:
            return 404, {"message": "Not Found"}
        labels = self.issues[int(number)]["labels"]
        for name in body["labels"] if isinstance(body, dict) else body:
            if name not in labels:
                labels.append(name)
        return 200, self.issue_json(int(number))["labels"]

    def remove_label(self, _q: dict[str, str], _b: Any, number: str, name: str) -> tuple[int, Any]:
        labels = self.issues[int(number)]["labels"] if self._issue_or_404(number) else []
        if name not in labels:
            return 404, {"message": "Label does not exist"}
        labels.remove(name)
        return 200, self.issue_json(int(number))["labels"]

    def ref_json(self, branch: str) -> dict[str, Any]:
        sha = self.refs[branch]
        return {
            "ref": f"refs/heads/{branch}",
            "node_id": f"REF_{branch}",
            "url": f"{self.repo_api}/git/refs/heads/{branch}",
            "object": {"sha": sha, "type": "commit", "url": f"{self.repo_api}/git/commits/{sha}"},
        }

    def get_ref(self, _q: dict[str, str], _b: Any, branch: str) -> tuple[int, Any]:
        if branch not in self.refs:
            return 404, {"message": "Not Found"}
        return 200, self.ref_json(branch)

    def create_ref(self, _q: dict[str, str], body: Any) -> tuple[int, Any]:
        branch = body["ref"].removeprefix("refs/heads/")
        if branch in self.refs:
            return 422, {"message": "Reference already exists"}
        if body["sha"] not in self.snapshots:
            return 422, {"message": "Object does not exist"}
        self.refs[branch] = body["sha"]
        return 201, self.ref_json(branch)

    def commit_json(self, sha: str) -> dict[str, Any]:
        author = self.commit_authors.get(sha)
        parent = self.parents.get(sha)
        return {
            "sha": sha,
            "node_id": f"C_{sha[:12]}",
            "url": f"{self.repo_api}/commits/{sha}",
            "html_url": f"{self.host}/{self.repo}/commit/{sha}",
            "commit": {
                "message": self.messages.get(sha, ""),
                "author": {"name": author or "Someone", "email": "x@127.0.0.1", "date": CREATED},
                "committer": {"name": "GitHub", "email": "x@127.0.0.1", "date": CREATED},
            },
            "author": self.user(author) if author else None,  # null: no GitHub account
            "committer": None,
            "parents": [{"sha": parent}] if parent else [],
        }

    def list_commits(self, query: dict[str, str], _b: Any) -> tuple[int, Any]:
        """Newest first from `sha` (a branch or commit), only those changing `path`."""
        start = query.get("sha", self.default_branch)
        sha: str | None = self.refs.get(start, start if start in self.snapshots else None)
        if sha is None:
            return 404, {"message": "Not Found"}
        path = query.get("path")
        found = []
        while sha is not None:
            parent = self.parents.get(sha)
            before = self.snapshots[parent].get(path or "") if parent else None
            if path is None or self.snapshots[sha].get(path) != before:
                found.append(sha)
            sha = parent
        return 200, Paged([self.commit_json(c) for c in found])

    def get_commit(self, _q: dict[str, str], _b: Any, sha: str) -> tuple[int, Any]:
        if sha not in self.snapshots:
            return 422, {"message": f"No commit found for SHA: {sha}"}
        return 200, self.commit_json(sha)

    def commit_pulls_route(self, _q: dict[str, str], _b: Any, sha: str) -> tuple[int, Any]:
        """The pull requests a commit belongs to (GitHub lists the merged one)."""
        number = self.commit_pulls.get(sha)
        return 200, [self.pull_json(number)] if number is not None else []

    def _snapshot(self, ref: str) -> dict[str, str] | None:
        if ref in self.refs:
            return self.snapshots[self.refs[ref]]
        return self.snapshots.get(ref)

    def get_contents(self, query: dict[str, str], _b: Any, path: str) -> tuple[int, Any]:
        ref = query.get("ref", "main")
        files = self._snapshot(ref)
        if files is None or path not in files:
            return 404, {"message": "Not Found"}
        return 200, self.content_json(path, files[path], ref)

    def put_contents(self, _q: dict[str, str], body: Any, path: str) -> tuple[int, Any]:
        branch = body.get("branch", "main")
        files = self._snapshot(branch)
        if files is None or branch not in self.refs:
            return 404, {"message": "Branch not found"}
        if path in files and body.get("sha") != _sha("blob", files[path]):
            return 409, {"message": f"{path} does not match"}
        if path not in files and body.get("sha"):
            return 422, {"message": "sha given for a new file"}
        text = base64.b64decode(body["content"]).decode("utf-8")
        sha = self.set_branch(branch, {**files, path: text}, body["message"])
        status = 200 if path in files else 201
        return status, {
            "content": self.content_json(path, text, branch),
            "commit": {
                "sha": sha,
                "node_id": f"C_{sha}",
                "message": body["message"],
                "url": f"{self.repo_api}/git/commits/{sha}",
                "html_url": f"{self.host}/{self.repo}/commit/{sha}",
            },
        }

    def list_pulls(self, query: dict[str, str], _b: Any) -> tuple[int, Any]:
        """Newest first unless `direction=asc`, as GitHub sorts them by default."""
        state = query.get("state", "open")
        return 200, Paged(
            [
                self.pull_json(n)
                for n, p in _newest_first(self.pulls, query)
                if state == "all" or p["state"] == state
            ]
        )

    def get_pull(self, _q: dict[str, str], _b: Any, number: str) -> tuple[int, Any]:
        if int(number) not in self.pulls:
            return 404, {"message": "Not Found"}
        return 200, self.pull_json(int(number))

    def create_pull(self, _q: dict[str, str], body: Any) -> tuple[int, Any]:
        head, base = body["head"], body["base"]
        if head not in self.refs or base not in self.refs:
            return 422, {"message": "Validation Failed", "errors": [{"field": "head"}]}
        if any(p.get("head_key") == head and p["state"] == "open" for p in self.pulls.values()):
            return 422, {"message": f"A pull request already exists for {head}."}
        number = self._new_pull(head, base, body["title"], body.get("body") or "", BOT)
        self.pulls[number]["head_key"] = head
        return 201, self.pull_json(number)

    def list_review_comments(self, _q: dict[str, str], _b: Any, number: str) -> tuple[int, Any]:
        if int(number) not in self.pulls:
            return 404, {"message": "Not Found"}
        comments = self.review_comments.get(int(number), [])  # by ascending id
        return 200, Paged([self.review_comment_json(int(number), c) for c in comments])

    def get_review_comment(self, _q: dict[str, str], _b: Any, comment_id: str) -> tuple[int, Any]:
        for number, comments in self.review_comments.items():
            for comment in comments:
                if comment["id"] == int(comment_id):
                    return 200, self.review_comment_json(number, comment)
        return 404, {"message": "Not Found"}

    def reply(self, _q: dict[str, str], body: Any, number: str, comment_id: str) -> tuple[int, Any]:
        comments = self.review_comments.get(int(number), [])
        parent = next((c for c in comments if c["id"] == int(comment_id)), None)
        if parent is None:
            return 404, {"message": "Not Found"}
        reply = {
            "id": next(self.ids),
            "path": parent["path"],
            "line": parent["line"],
            "body": body["body"],
            "user": BOT,
            "in_reply_to_id": parent["id"],
        }
        comments.append(reply)
        return 201, self.review_comment_json(int(number), reply)

    # --- faults ---------------------------------------------------------------------------

    def take_fault(self, method: str, path: str) -> Fault | None:
        with self.lock:
            for rule in self.rules:
                if rule.method == method and rule.pattern.search(path):
                    if rule.times is not None:
                        rule.times -= 1
                        if rule.times == 0:
                            self.rules.remove(rule)
                    return rule.fault
        return None

    # --- the primary rate limit ---------------------------------------------------------

    def count_request(self) -> bool:
        """Count a request against the primary rate limit; False when it is used up."""
        with self.lock:
            now = self.clock()
            if now >= self.rate.reset:  # a new window
                self.rate.used = 0
                self.rate.reset = int(now) + RATE_WINDOW
            if self.rate.used >= self.rate.limit:
                return False
            self.rate.used += 1
            return True

    def rate_headers(self) -> dict[str, str]:
        """The headers GitHub sends with each answer about the primary rate limit."""
        with self.lock:
            return {
                "x-ratelimit-limit": str(self.rate.limit),
                "x-ratelimit-remaining": str(self.rate.limit - self.rate.used),
                "x-ratelimit-used": str(self.rate.used),
                "x-ratelimit-reset": str(self.rate.reset),
                "x-ratelimit-resource": "core",
            }

    def rate_limited(self) -> tuple[int, dict[str, Any]]:
        user_id = self.user(BOT)["id"]
        return self.rate.refuse_with, {
            "message": f"API rate limit exceeded for user ID {user_id}.",
            "documentation_url": f"{DOCS}#about-primary-rate-limits",
        }

    # --- serving --------------------------------------------------------------------------

    def answer(
        self, method: str, target: str, raw: bytes
    ) -> tuple[int, bytes, dict[str, str]] | None:
        """What to send for a request (None: drop the connection without an answer)."""
        url = urlsplit(target)
        path = url.path
        fault = self.take_fault(method, path)
        if fault is not None and not fault.after:
            if not fault.drop:
                self.count_request()  # it reached GitHub, which answered with the fault
            return self.faulty(fault)
        if not self.count_request():
            status, data = self.rate_limited()
            return status, _json(data), self.rate_headers()
        if path.startswith(self.prefix + "/"):
            query = {k: v[-1] for k, v in parse_qs(url.query).items()}
            body = json.loads(raw) if raw else {}
            status, data, headers = self.handle(method, path[len(self.prefix) :], query, body)
            with self.lock:
                self.log.append((method, path))
        else:
            status, data, headers = 404, {"message": "Not Found"}, {}
        if fault is not None:  # carried out; now the answer is lost
            return self.faulty(fault)
        payload = b"" if status == 204 else _json(data)  # "No Content", as GitHub sends it
        return status, payload, {**self.rate_headers(), **headers}

    def faulty(self, fault: Fault) -> tuple[int, bytes, dict[str, str]] | None:
        if fault.drop:
            return None
        payload = _json({"message": "injected fault"}) if fault.body is None else fault.body
        headers = self.rate_headers() if fault.rate_headers else {}
        if fault.body is not None and not _json_bytes(fault.body):
            headers["content-type"] = "text/html; charset=utf-8"  # a proxy's error page
        for key, value in fault.headers.items():
            headers[key.lower()] = value
        return fault.status, payload, headers

    @contextmanager
    def serve(self) -> Iterator[str]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            wbufsize = -1  # one write per answer: no waiting on delayed acknowledgements

            def log_message(self, format: str, *args: Any) -> None:
                pass  # keep test output clean

            def _answer(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                answer = fake.answer(self.command, self.path, raw)
                if answer is None:
                    self.close_connection = True
                    self.connection.close()
                    return
                status, payload, headers = answer
                headers = {k.lower(): v for k, v in headers.items()}
                self.send_response(status)
                content_type = headers.pop("content-type", "application/json; charset=utf-8")
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(payload)))
                for key, value in headers.items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(payload)

            do_GET = do_POST = do_PATCH = do_PUT = do_DELETE = _answer

        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        server.daemon_threads = True
        self.host = f"http://127.0.0.1:{server.server_address[1]}"
        thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
        thread.start()
        try:
            yield self.api
        finally:
            server.shutdown()
            server.server_close()
