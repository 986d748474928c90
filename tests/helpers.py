"""Helpers shared by test modules (test modules never import each other): git repositories
built in tmp_path, and a repository full of hostile community text with a way to find any of
it that became live markup on a page."""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

from bs4 import BeautifulSoup, Comment


def write_file(root: Path, rel: str, content: str) -> Path:
    """Write a text file under ``root``, creating folders as needed."""
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content, encoding="utf-8")
    return path


# --- git repositories ----------------------------------------------------------------------


def git(root: Path, *args: str, day: str = "2026-11-01") -> str:
    """Run git in ``root`` as a fixed author at noon on ``day``; its output."""
    env = {
        **os.environ,
        "GIT_AUTHOR_DATE": f"{day}T12:00:00Z",
        "GIT_COMMITTER_DATE": f"{day}T12:00:00Z",
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@127.0.0.1",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@127.0.0.1",
    }
    done = subprocess.run(
        ["git", "-C", str(root), *args], capture_output=True, text=True, env=env, check=True
    )
    return done.stdout


def commit_all(root: Path, message: str, day: str) -> None:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message, day=day)


# --- hostile community text ------------------------------------------------------------------

PAYLOADS = [
    '<script>alert("s1")</script>',
    "<img src=x onerror=alert(2)>",
    '"><svg onload=alert(3)>',
    "[click me](javascript:alert(4))",
    "[data link](data:text/html;base64,PHNjcmlwdD5hbGVydCg1KTwvc2NyaXB0Pg==)",
    "<a href='javascript:alert(6)'>a link</a>",
    '{: onclick="alert(7)" }',
    '![picture](https://example.org/x.png "onerror=alert(8)")',
    '<https://example.org/"onmouseover=alert(9)>',
    "<iframe src=https://example.org></iframe>",
    "</title></textarea></style><script>alert(16)</script>",
    "<details open ontoggle=alert(10)>",
    "\u202eevil reversed\u202c and \u2066isolated\u2069",
    "*not emphasis* __nor strong__ `nor code` :material-alert:",
    "javascript:alert(11)",
    "<!-- this comment tries to swallow the rest of the page",
]
DANGEROUS_SCHEMES = ("javascript:", "data:", "vbscript:")
BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"

# Every rendered field that gets the payloads.
FIELDS = [
    "team-name",
    "team-description",
    "team-area",
    "member-name",
    "proposal-title",
    "proposal-summary",
    "revision-summary",
    "action-title",
    "measure-name",
    "measure-unit",
    "body-paragraph",
    "body-heading",
    "feedback-body",
    "response-text",
    "general-feedback-body",
    "diff-removed",
]


def payload(field: str) -> str:
    """One line holding every payload, tagged with the field's name."""
    return f"XSS-{field} " + " ".join(PAYLOADS) + f" END-{field}"


def q(text: str) -> str:
    return json.dumps(text)  # a JSON string is a valid YAML double-quoted scalar


def write_hostile_repository(root: Path) -> None:
    """A team, a proposal and two pieces of feedback whose every text field is hostile."""
    write_file(
        root,
        "teams/hostile-team.yml",
        f"name: {q(payload('team-name'))}\nkind: community-group\ngroups: [citizen]\n"
        f"description: {q(payload('team-description'))}\narea: {q(payload('team-area'))}\n"
        f"members:\n  - name: {q(payload('member-name'))}\n    group: citizen\n"
        "    consent: true\n"
        'contact: https://example.org/"onmouseover="alert(12)\n',
    )
    body = "\n".join(
        [
            "## Plain heading",
            "",
            payload("body-paragraph"),
            "",
            '<script>alert("raw block")</script>',
            "",
            '<div onclick="alert(13)">raw div</div>',
            "",
            "[ref link][evil]",
            "",
            "[evil]: javascript:alert(14)",
            "",
            f"## {payload('body-heading')}",
            "",
            "Closing words.",
        ]
    )
    write_file(
        root,
        "proposals/hostile.md",
        "---\n"
        f"title: {q(payload('proposal-title'))}\nowner: hostile-team\nstatus: consultation\n"
        f"summary: {q(payload('proposal-summary'))}\ninvite: [citizen]\n"
        "consultation: {opens: 2026-11-01, closes: 2026-12-20}\n"
        "revisions:\n  - version: 2\n    date: 2026-11-20\n"
        f"    summary: {q(payload('revision-summary'))}\n    responds_to: [hostile-0001]\n"
        "actions:\n  - id: act\n"
        f"    title: {q(payload('action-title'))}\n    owner: hostile-team\n"
        "    due: 2026-12-31\n    status: done\n    done: 2026-11-20\n"
        "measures:\n  - id: m\n"
        f"    name: {q(payload('measure-name'))}\n    unit: {q(payload('measure-unit'))}\n"
        "    baseline: 1\n    target: 5\n    history: [{date: 2026-11-10, value: 2}]\n"
        f"---\n{body}\n",
    )
    write_file(
        root,
        "feedback/hostile/hostile-0001.yml",
        "proposal: hostile\nsection: plain-heading\nfrom: hostile-team\nstance: concern\n"
        "submitted: 2026-11-05\nsource:\n  kind: github-issue\n  ref: javascript:alert(15)\n"
        f"body: {q(payload('feedback-body'))}\n"
        "response:\n  status: accepted\n  by: hostile-team\n  date: 2026-11-20\n"
        f"  text: {q(payload('response-text'))}\n  revision: 2\n",
    )
    write_file(
        root,
        "feedback/hostile/hostile-0002.yml",
        "proposal: hostile\ngroup: citizen\nstance: idea\nsubmitted: 2026-11-06\n"
        "source:\n  kind: meeting\n  recorded_by: hostile-team\n"
        f"body: {q(payload('general-feedback-body'))}\n",
    )


def commit_an_earlier_version(root: Path) -> None:
    """Make the repository a git repository in which the hostile proposal had an earlier
    version, so that its history page shows a diff of hostile text, both removed and added."""
    path = root / "proposals" / "hostile.md"
    current = path.read_text(encoding="utf-8")
    earlier = re.sub(r"revisions:\n(?:  .*\n)*", "", current).replace(
        payload("body-paragraph"), payload("diff-removed")
    )
    assert earlier != current
    git(root, "init", "-q", "-b", "main")
    path.write_text(earlier, encoding="utf-8")
    commit_all(root, "version 1", "2026-11-01")
    path.write_text(current, encoding="utf-8")
    commit_all(root, "version 2", "2026-11-20")


def live_markup(soup: BeautifulSoup) -> list[str]:
    """Whatever on a page a payload could have made live: event handlers, dangerous links,
    embedded content, scripts, the raw div, a comment that swallows the page."""
    problems = []
    for element in soup.find_all(True):
        for name, value in element.attrs.items():
            if name.lower().startswith("on"):
                problems.append(f"<{element.name} {name}=...>")
            if name.lower() in {"href", "src", "action", "formaction", "xlink:href"}:
                target = "".join(str(value).split()).lower()
                if target.startswith(DANGEROUS_SCHEMES):
                    problems.append(f"<{element.name} {name}={value!r}>")
        if element.name in {"iframe", "object", "embed", "img", "base"}:
            problems.append(f"<{element.name}>")
        if element.name == "script" and "alert(" in element.get_text():
            problems.append("<script> with a payload")
        if element.name == "div" and "raw div" in element.get_text() and element.get("onclick"):
            problems.append("raw div")
    problems += [
        f"comment {c[:30]!r}"
        for c in soup.find_all(string=lambda s: isinstance(s, Comment))
        if "swallow" in c
    ]
    return problems
