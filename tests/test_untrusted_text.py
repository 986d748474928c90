"""Community-written text reaches the site as text: every rendered field gets XSS payloads
and no page may contain live markup made from them."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Comment

from .conftest import WriteFile
from .site_fixtures import Built, build, copy_site_folders
from .test_history import commit_all, git

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


def payload(field: str) -> str:
    """One line holding every payload, tagged with the field's name."""
    return f"XSS-{field} " + " ".join(PAYLOADS) + f" END-{field}"


def q(text: str) -> str:
    return json.dumps(text)  # a JSON string is a valid YAML double-quoted scalar


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


def write_hostile_repository(write: WriteFile) -> None:
    write(
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
    write(
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
    write(
        "feedback/hostile/hostile-0001.yml",
        "proposal: hostile\nsection: plain-heading\nfrom: hostile-team\nstance: concern\n"
        "submitted: 2026-11-05\nsource:\n  kind: github-issue\n  ref: javascript:alert(15)\n"
        f"body: {q(payload('feedback-body'))}\n"
        "response:\n  status: accepted\n  by: hostile-team\n  date: 2026-11-20\n"
        f"  text: {q(payload('response-text'))}\n  revision: 2\n",
    )
    write(
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


@pytest.fixture
def hostile_site(write: WriteFile, demo_copy: Path, tmp_path: Path) -> Built:
    write_hostile_repository(write)
    commit_an_earlier_version(demo_copy)
    copy_site_folders(demo_copy)
    built = build(demo_copy, tmp_path / "out")
    assert built.returncode == 0, built.log
    return built


def _live_markup(soup: BeautifulSoup) -> list[str]:
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


def test_no_payload_becomes_live_markup_on_any_page(hostile_site: Built) -> None:
    pages = sorted(hostile_site.out.rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        html = page.read_text(encoding="utf-8")
        soup = BeautifulSoup(html, "html.parser")
        assert _live_markup(soup) == [], page
        assert not any(ch in html for ch in BIDI), page


def test_every_field_is_shown_as_its_own_text(hostile_site: Built) -> None:
    """Nothing is silently dropped: each field's words, payloads included, read as text."""
    seen = ""
    for path in (
        "proposals/hostile/",
        "proposals/hostile/history/",
        "teams/hostile-team/",
        "actions/",
        "answers/",
        "voices/",
    ):
        seen += hostile_site.html(path).get_text(" ")
    seen = " ".join(seen.split())
    for field in FIELDS:
        assert f"XSS-{field}" in seen, field
        assert f"END-{field}" in seen, field  # the text after the comment payload survived
    # The payloads read as the characters that were written.
    assert '<script>alert("s1")</script>' in seen
    assert "[click me](javascript:alert(4))" in seen
    assert "*not emphasis* __nor strong__ `nor code` :material-alert:" in seen


def test_body_markdown_keeps_safe_links_and_drops_unsafe_ones(hostile_site: Built) -> None:
    page = hostile_site.html("proposals/hostile/")
    draft = page.select(".cp-draft")
    assert draft, "the draft text is on the page"
    text = " ".join(d.get_text(" ") for d in draft)
    assert "raw div" in text and '<script>alert("raw block")</script>' in text
    assert "ref link" in text
    for anchor in (a for d in draft for a in d.find_all("a")):
        assert anchor["href"].startswith(("http://", "https://", "mailto:"))


def test_feed_and_data_stay_well_formed(hostile_site: Built) -> None:
    feed = ET.fromstring((hostile_site.out / "data" / "feed.xml").read_text(encoding="utf-8"))
    summaries = " ".join(e.text or "" for e in feed.iter("{http://www.w3.org/2005/Atom}summary"))
    assert "XSS-revision-summary" in summaries
    assert not any(ch in summaries for ch in BIDI)
    strategy = json.loads((hostile_site.out / "data" / "strategy.json").read_text())
    bodies = [f["body"] for f in strategy["feedback"] if f["id"].startswith("hostile-")]
    assert payload("feedback-body") in bodies  # open data keeps the exact text


def test_history_page_diffs_hostile_text_as_text(hostile_site: Built) -> None:
    page = hostile_site.html("proposals/hostile/history/")
    diff = page.select_one(".cp-diff")
    assert diff is not None, "the diff between the two versions is shown"
    removed = " ".join(d.get_text(" ") for d in diff.find_all("del"))
    added = " ".join(i.get_text(" ") for i in diff.find_all("ins"))
    assert "XSS-diff-removed" in removed and "XSS-body-paragraph" in added
    assert '<script>alert("s1")</script>' in diff.get_text()
    assert _live_markup(page) == []
    summary = page.find(id="version-2").find_next("p")
    assert "XSS-revision-summary" in summary.get_text()
