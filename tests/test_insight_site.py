"""Insight on the built site, read as a person reads it: history pages with diffs and two-way
links, voices heard and missing, common ground and division, answers on time, stale
measures; and the build without history (no git, a shallow clone)."""

from __future__ import annotations

import re
import statistics
import subprocess
from datetime import date
from pathlib import Path
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup, Tag
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

from commonplan import repository
from commonplan.history.diff import given_on_earlier_text, word_diff
from commonplan.history.git import History, read_history
from commonplan.repository import check_repository
from commonplan.site.render import listening, render_site

from .conftest import ROOT
from .helpers import commit_all, git
from .site_fixtures import Built, build, copy_site_folders, under_heading, words

TODAY = date(2026, 11, 26)
corpus = check_repository(ROOT, today=TODAY).corpus
HISTORY = "proposals/carers-breaks/history/"
PROPOSAL = "proposals/carers-breaks/"


def resolve(page: str, href: str) -> tuple[str, str]:
    """A link on ``page`` as (page path, fragment)."""
    target = urljoin("http://site/" + page, href).removeprefix("http://site/")
    path, _, fragment = target.partition("#")
    return path, fragment


def block_text(blocks: list[Tag]) -> str:
    return " ".join(words(b) for b in blocks)


# --- the history page ------------------------------------------------------------------------


def test_demo_history_page_lists_every_version_newest_first(demo_site: Built) -> None:
    page = demo_site.html(HISTORY)
    versions = [words(h) for h in page.select("article h2")]
    assert versions == ["Version 3, 30 October 2026", "Version 2, 24 August 2026", "Version 1"]
    proposal = corpus.proposals["carers-breaks"]
    for revision in proposal.revisions:
        text = block_text(under_heading(page, words(page.find(id=f"version-{revision.version}"))))
        assert " ".join(revision.summary.split()) in text


def test_history_page_shows_a_word_diff_between_consecutive_versions(demo_site: Built) -> None:
    page = demo_site.html(HISTORY)
    changes = under_heading(page, "What changed from version 2")
    diff = next(b for b in changes if "cp-diff" in (b.get("class") or []))
    removed = [words(d) for d in diff.find_all("del")]
    added = [words(i) for i in diff.find_all("ins")]
    # Version 3 moved the Upper Dale hub from the health centre to the village hall.
    assert "− removed: health" in removed and "+ added: village" in added
    assert "− removed: centre" in removed and "+ added: hall" in added
    # Each change says what it is in words (read by screen readers) and shows a sign.
    for mark in diff.find_all(["del", "ins"]):
        assert mark.select_one(".cp-diff-sign") is not None
    from_one = under_heading(page, "What changed from version 1")
    diff_one = next(b for b in from_one if "cp-diff" in (b.get("class") or []))
    assert any("Saturday" in words(i) for i in diff_one.find_all("ins"))
    assert page.find(string=re.compile("History unavailable")) is None


def test_history_links_to_the_feedback_each_version_answered_and_back(demo_site: Built) -> None:
    history = demo_site.html(HISTORY)
    proposal = corpus.proposals["carers-breaks"]
    for revision in proposal.revisions:
        heading = words(history.find(id=f"version-{revision.version}"))
        links = [
            a
            for b in under_heading(history, heading)
            for a in b.find_all("a")
            if words(a) == "See the feedback and its answer"
        ]
        targets = [resolve(HISTORY, a["href"]) for a in links]
        assert [fragment for _, fragment in targets] == revision.responds_to
        for path, fragment in targets:
            shown = demo_site.html(path).find(id=fragment)
            assert shown is not None, (path, fragment)
            back = [
                a
                for a in shown.find_all("a")
                if words(a) == f"answered in version {revision.version} — see what changed"
            ]
            assert len(back) == 1, fragment
            assert resolve(path, back[0]["href"]) == (HISTORY, f"version-{revision.version}")
    proposal_page = demo_site.html(PROPOSAL)
    facts = proposal_page.select_one(".cp-facts")
    assert facts is not None
    link = next(a for a in facts.find_all("a") if words(a) == "how it changed")
    assert resolve(PROPOSAL, link["href"])[0] == HISTORY


def test_feedback_on_a_section_changed_since_is_marked(demo_site: Built) -> None:
    page = demo_site.html(PROPOSAL)
    history = read_history(ROOT)
    proposal = corpus.proposals["carers-breaks"]
    marked = {
        item.id
        for item in corpus.feedback_on("carers-breaks")
        if page.find(id=item.id).find(string=re.compile("Given on an earlier version"))
    }
    expected = {
        item.id
        for item in corpus.feedback_on("carers-breaks")
        if given_on_earlier_text(history, proposal, item)
    }
    assert marked == expected
    # Asked for weekday mornings to change before version 2 changed them.
    assert "carers-breaks-0002" in marked
    # The first feedback on why it matters came when that section was already as it is.
    assert "carers-breaks-0001" not in marked


# --- common ground and division --------------------------------------------------------------


def stances_rows(built: Built, page: str) -> dict[str, tuple[str, str]]:
    soup = built.html(page)
    rows = [tr for b in under_heading(soup, "Where groups stand") for tr in b.select("tbody tr")]
    return {
        words(tr.find_all("td")[0]): (words(tr.find_all("td")[1]), words(tr.find_all("td")[2]))
        for tr in rows
    }


def test_proposal_pages_say_where_groups_stand_per_section(demo_site: Built) -> None:
    warm = stances_rows(demo_site, "proposals/warm-spaces/")
    titles = {s.anchor: s.title for s in corpus.proposals["warm-spaces"].sections}
    groups, overall = warm[titles["what-we-need-from-you"]]
    assert overall == "Common ground"
    assert len(re.findall(r": \d+ support", groups)) >= 3
    assert "concern" not in groups and "objection" not in groups
    carers = stances_rows(demo_site, PROPOSAL)
    groups, overall = carers["What we propose"]
    assert overall == "Divided"
    assert "Community and self-help groups: 1 support" in groups
    assert "Carers: 3 concern, 2 objection" in groups
    # The draft says it too, under the section's own heading.
    draft = demo_site.html(PROPOSAL).find(id="what-we-propose")
    tools = draft.find_next_sibling(class_="cp-section-tools")
    assert tools is not None and "Divided" in words(tools)


def test_home_summarises_common_ground_and_division(demo_site: Built) -> None:
    home = demo_site.html("")
    blocks = under_heading(home, "Common ground and division")
    text = block_text(blocks)
    assert "Common ground 1 section" in text and "Divided" in text
    links = {words(a): resolve("", a["href"]) for b in blocks for a in b.find_all("a")}
    warm, carers = (corpus.proposals[p].title for p in ("warm-spaces", "carers-breaks"))
    assert links[warm] == ("proposals/warm-spaces/", "where-groups-stand")
    assert links[carers] == (PROPOSAL, "where-groups-stand")


# --- voices heard ----------------------------------------------------------------------------


def test_voices_table_on_a_proposal_counts_feedback_teams_and_last_heard(
    demo_site: Built,
) -> None:
    page = demo_site.html(PROPOSAL)
    rows = {
        words(tr.find_all("td")[0]): [words(td) for td in tr.find_all("td")[1:]]
        for b in under_heading(page, "Who was heard")
        for tr in b.select("tbody tr")
    }
    items = [f for f in corpus.feedback_on("carers-breaks") if "carer" in corpus.groups_of(f)]
    teams = {t for f in items for t in (f.from_, f.source.recorded_by) if t}
    last = max(f.submitted for f in items)
    assert rows["Carers"] == [
        "Invited",
        str(len(items)),
        str(len(teams)),
        f"{last.day} {last:%B %Y}",
    ]
    invited = corpus.proposals["carers-breaks"].invite
    assert list(rows)[: len(invited)] == [corpus.group_label(g) for g in invited]


def test_voices_page_has_a_number_for_every_group_and_proposal(demo_site: Built) -> None:
    page = demo_site.html("voices/")
    table = next(
        t
        for b in under_heading(page, "Feedback by group and proposal")
        for t in ([b] if b.name == "table" else b.find_all("table"))
    )
    header = [words(th) for th in table.select("thead th")]
    groups = list(corpus.settings.groups)
    assert header == ["Proposal", *[corpus.group_label(g) for g in groups], "Invited, not heard"]
    rows = {
        words(tr.find("td")): [words(td) for td in tr.find_all("td")]
        for tr in table.select("tbody tr")
    }
    assert set(rows) == {p.title for p in corpus.proposals.values()}
    for proposal in corpus.proposals.values():
        cells = rows[proposal.title]
        for column, group in enumerate(groups, start=1):
            count = sum(1 for f in corpus.feedback_on(proposal.id) if group in corpus.groups_of(f))
            expected = str(count) if count or group not in proposal.invite else "0 (not heard)"
            assert cells[column] == expected, (proposal.id, group)
    assert rows[corpus.proposals["getting-about"].title][-1] == "Families and neighbours"


def test_missing_voices_are_called_out_before_the_consultation_closes(demo_site: Built) -> None:
    for path in ("", "voices/"):
        page = demo_site.html(path)
        warning = next(
            a
            for a in page.select(".admonition.warning")
            if "Voices missing before consultations close" in words(a)
        )
        title = corpus.proposals["getting-about"].title
        expected = f"Families and neighbours not heard yet on {title} : closes in 10 days"
        assert expected in words(warning)


# --- answers on time -------------------------------------------------------------------------


def test_waiting_page_lists_unanswered_feedback_per_owner_oldest_first(demo_site: Built) -> None:
    page = demo_site.html("waiting/")
    due = corpus.settings.response_due_days
    late = [
        f
        for f in corpus.feedback.values()
        if f.response is None and (TODAY - f.submitted).days > due
    ]
    assert late
    owners = {corpus.proposals[f.proposal].owner for f in late}
    for owner in owners:
        heading = words(page.find(id=owner))
        assert heading == corpus.teams[owner].name
        items = [li for b in under_heading(page, heading) for li in b.find_all("li")]
        mine = sorted(
            (f for f in late if corpus.proposals[f.proposal].owner == owner),
            key=lambda f: (f.submitted, f.id),
        )
        days = [int(re.match(r"(\d+) days? waiting", words(li)).group(1)) for li in items]
        assert days == [(TODAY - f.submitted).days for f in mine]
        assert days == sorted(days, reverse=True)


def test_team_page_shows_the_median_days_to_answer(demo_site: Built) -> None:
    page = demo_site.html("teams/council-adult-care/")
    text = block_text(under_heading(page, "Answers on time"))
    answered = [
        (f.response.date - f.submitted).days
        for f in corpus.feedback.values()
        if f.response is not None and f.response.by == "council-adult-care"
    ]
    assert f"Median days to answer: {statistics.median(answered):g} days" in text
    link = next(a for b in under_heading(page, "Answers on time") for a in b.find_all("a"))
    assert "waiting longer than 28 days" in words(link)
    assert resolve("teams/council-adult-care/", link["href"]) == ("waiting/", "council-adult-care")


# --- without history, and stale measures -----------------------------------------------------


@pytest.fixture(scope="module")
def no_git_site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The demo copied without `.git`, measures counted stale after 20 days."""
    root = tmp_path_factory.mktemp("no-git")
    for folder in ("teams", "proposals", "feedback"):
        subprocess.run(["cp", "-r", str(ROOT / folder), str(root / folder)], check=True)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("  - commonplan:\n", "  - commonplan:\n      stale_after_days: 20\n")
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    copy_site_folders(root)
    built = build(root, root / "out")
    assert built.returncode == 0, built.log
    return built


def test_without_git_the_history_page_says_so_and_keeps_the_versions(no_git_site: Built) -> None:
    assert "WARNING" not in no_git_site.log
    page = no_git_site.html(HISTORY)
    note = next(a for a in page.select(".admonition") if "History unavailable" in words(a))
    assert "no git history" in words(note)
    assert [words(h) for h in page.select("article h2")][:2] == [
        "Version 3, 30 October 2026",
        "Version 2, 24 August 2026",
    ]
    assert page.select(".cp-diff") == []
    assert no_git_site.html(PROPOSAL).find(string=re.compile("Given on an earlier")) is None


def test_stale_measures_are_marked_in_words(no_git_site: Built) -> None:
    page = no_git_site.html(PROPOSAL)
    measure = corpus.proposals["carers-breaks"].measures[0]
    assert measure.latest is not None and (TODAY - measure.latest.date).days > 20
    text = block_text(under_heading(page, measure.name))
    assert "Out of date No new reading in the last 20 days." in text


def test_measures_read_within_the_default_120_days_are_not_marked(demo_site: Built) -> None:
    page = demo_site.html(PROPOSAL)
    assert page.select(".cp-measure-stale") == []
    assert no_stale_words(page)


def no_stale_words(page: BeautifulSoup) -> bool:
    return page.find(string=re.compile("Out of date")) is None


def test_a_shallow_clone_builds_and_says_history_is_unavailable(
    demo_copy: Path, tmp_path: Path
) -> None:
    git(demo_copy, "init", "-q", "-b", "main")
    commit_all(demo_copy, "first", "2026-07-06")
    (demo_copy / "proposals" / "warm-spaces.md").write_text(
        (demo_copy / "proposals" / "warm-spaces.md").read_text(encoding="utf-8") + "\nMore.\n",
        encoding="utf-8",
    )
    commit_all(demo_copy, "second", "2026-08-24")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{demo_copy}", str(clone))
    copy_site_folders(clone)
    built = build(clone, tmp_path / "out")
    assert built.returncode == 0, built.log
    note = next(
        a for a in built.html(HISTORY).select(".admonition") if "History unavailable" in words(a)
    )
    assert "shallow clone" in words(note)


def test_versions_published_on_a_merged_branch_are_in_the_history(demo_copy: Path) -> None:
    proposal = demo_copy / "proposals" / "carers-breaks.md"
    text = proposal.read_text(encoding="utf-8")
    git(demo_copy, "init", "-q", "-b", "main")
    proposal.write_text(text.replace("Saturday mornings", "weekday mornings"), encoding="utf-8")
    commit_all(demo_copy, "version 1", "2026-07-06")
    git(demo_copy, "checkout", "-q", "-b", "revise")
    proposal.write_text(text, encoding="utf-8")
    commit_all(demo_copy, "version 3 on a branch", "2026-08-24")
    git(demo_copy, "checkout", "-q", "main")
    proposal.write_text(text, encoding="utf-8")
    commit_all(demo_copy, "the same text applied on main", "2026-09-01")
    git(demo_copy, "merge", "-q", "--no-ff", "-m", "merge", "revise", day="2026-09-02")
    days = [s.day for s in read_history(demo_copy).snapshots["carers-breaks"]]
    assert date(2026, 8, 24) in days


def test_word_diff_keeps_unchanged_lines_whole_and_marks_words_in_changed_ones() -> None:
    old = "# Title\n\nFirst paragraph stays.\n\nSessions on weekday mornings.\n\nLast one.\n"
    new = "# Title\n\nFirst paragraph stays.\n\nSessions on Saturday mornings too.\n\nLast one.\n"
    runs = word_diff(old, new)
    assert runs[0] == ("=", "# Title\n\nFirst paragraph stays.\n\nSessions on ")
    assert ("-", "weekday") in runs and ("+", "Saturday") in runs
    assert ("+", " too") in runs
    assert runs[-1] == ("=", ".\n\nLast one.\n")
    assert "".join(text for kind, text in runs if kind != "+") == old
    assert "".join(text for kind, text in runs if kind != "-") == new


def test_the_plugin_reads_the_history_once_per_build(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    calls: list[Path] = []
    real = repository.read_history

    def counted(root: Path) -> History:
        calls.append(root)
        return real(root)

    monkeypatch.setattr(repository, "read_history", counted)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / "out"))
    mkdocs_build(config)
    assert calls == [ROOT]
    page = tmp_path / "out" / "proposals" / "carers-breaks" / "history" / "index.html"
    assert "cp-diff" in page.read_text(encoding="utf-8")


def test_a_long_voices_table_continues_on_further_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(listening, "VOICES_ROWS", 2)
    pages = render_site(corpus, "")
    voices = [p for p in pages if p == "voices.md" or p.startswith("voices/page-")]
    assert len(voices) == -(-len(corpus.proposals) // 2)
    for proposal in corpus.proposals.values():
        target = f"proposals/{proposal.id}.md)"
        shown_on = [p for p in voices if target in pages[p]]
        assert len(shown_on) == 1, proposal.id
    assert f"Page 1 of {len(voices)}: **1**" in pages["voices.md"]
    assert "voices/page-2.md" in pages["voices.md"]
