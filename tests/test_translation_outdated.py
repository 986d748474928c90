"""A translation older than its original in git may be out of date: `validate` warns
(`translation-outdated`, naming what changed and since which commit) and the Welsh page
says so, with a link to the English page. Each test on a real repository in tmp_path; each
"says nothing" is checked against the same repository once the original's words change, so
that no assertion would pass without the feature."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from commonplan.diagnostics import Diagnostic
from commonplan.history import git as history_module
from commonplan.history import translations as history_translations
from commonplan.history.git import read_history
from commonplan.language import language
from commonplan.repository import check_repository

from .helpers import commit_all, git
from .site_fixtures import build, copy_demo, words

ORIGINAL = "proposals/warm-spaces.md"
TRANSLATION = "proposals/warm-spaces.cy.md"
SECTION = "What we need from you"
WELSH_SECTION = "Beth sydd ei angen arnon ni gennych chi"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """The bilingual demo in git: everything, the translations included, committed on
    2026-11-01."""
    root = copy_demo(tmp_path / "repo")
    git(root, "init", "-q", "-b", "main")
    commit_all(root, "the strategy, in English and Welsh", "2026-11-01")
    return root


def first_commit(root: Path) -> str:
    return git(root, "rev-list", "--max-parents=0", "HEAD").strip()


def edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def change_the_section(root: Path) -> None:
    edit(root, ORIGINAL, "Tell us where the gaps are.", "Tell us where the gaps are, please.")


def outdated(root: Path) -> list[Diagnostic]:
    result = check_repository(root)
    assert result.diagnostics.ok, result.diagnostics.errors
    return [d for d in result.diagnostics.warnings if d.code == "translation-outdated"]


def line_of(root: Path, rel: str, text: str) -> int:
    lines = (root / rel).read_text(encoding="utf-8").split("\n")
    return next(number for number, line in enumerate(lines, start=1) if line == text)


def test_a_changed_section_is_warned_at_its_heading_naming_it_and_since_when(repo: Path) -> None:
    change_the_section(repo)
    commit_all(repo, "the original's last section says please", "2026-11-05")
    [warning] = outdated(repo)
    assert warning.path == TRANSLATION
    assert warning.line == line_of(repo, TRANSLATION, f"## {WELSH_SECTION}")
    assert warning.severity == "warning"
    assert warning.message == (
        "this translation may be out of date: proposals/warm-spaces.md has changed since the"
        f" translation was last committed (2026-11-01, commit {first_commit(repo)[:12]}), in"
        f" the section '{SECTION}'; bring it up to date and commit it"
    )
    welsh = warning.text(language("cy"))
    assert welsh.startswith("efallai fod y cyfieithiad hwn wedi dyddio: ")
    assert f"yn yr adran '{SECTION}'" in welsh


def test_uncommitted_changes_to_the_original_count_and_every_kind_of_words_is_named(
    repo: Path,
) -> None:
    edit(repo, ORIGINAL, "  Twelve warm spaces", "  Fourteen warm spaces")
    edit(
        repo,
        ORIGINAL,
        "title: Energy and benefits advice at a warm space once a week",
        "title: Energy and benefits advice at every warm space once a week",
    )
    edit(repo, ORIGINAL, "unit: visits", "unit: visits a week")
    [warning] = outdated(repo)  # nothing committed since the translation
    assert warning.line == 1  # no section changed
    assert "in the summary, the action 'Energy and benefits advice at every warm space" in (
        warning.message
    )
    assert "and the measure 'Visits to warm spaces each week';" in warning.message
    assert "section" not in warning.message
    assert "yn y crynodeb, y cam gweithredu" in warning.text(language("cy"))


def test_a_status_a_date_or_a_paragraph_wrapped_again_says_nothing(repo: Path) -> None:
    edit(repo, ORIGINAL, "    status: planned", "    status: in-progress")
    edit(repo, ORIGINAL, "due: 2026-12-12", "due: 2026-12-19")
    edit(
        repo,
        ORIGINAL,
        "      - {date: 2026-11-23, value: 231}",
        "      - {date: 2026-11-23, value: 240}",
    )
    edit(repo, ORIGINAL, "Tell us\nif you would", "Tell us if\nyou would")
    commit_all(repo, "statuses, dates and a wrapped line", "2026-11-05")
    assert outdated(repo) == []
    change_the_section(repo)
    [warning] = outdated(repo)
    assert f"'{SECTION}'" in warning.message


def test_a_translation_changed_since_is_not_out_of_date(repo: Path) -> None:
    change_the_section(repo)
    commit_all(repo, "the original's last section says please", "2026-11-05")
    [_] = outdated(repo)
    edit(
        repo,
        TRANSLATION,
        "Dywedwch wrthon ni ble mae'r bylchau",
        "Dywedwch wrthon ni, os gwelwch yn dda, ble mae'r bylchau",
    )
    assert outdated(repo) == []  # being brought up to date: uncommitted changes of its own
    commit_all(repo, "the Welsh says please too", "2026-11-06")
    assert outdated(repo) == []
    edit(repo, ORIGINAL, "Which days, which streets", "Which days and which streets")
    [warning] = outdated(repo)
    assert "(2026-11-06, commit" in warning.message


def test_a_change_on_main_dated_before_a_translators_branch_commit_was_not_seen(
    repo: Path,
) -> None:
    # The translator branches off before the original changes, and commits (a Welsh word)
    # days after the change was committed on main; merging brings the change in unseen.
    git(repo, "checkout", "-q", "-b", "welsh")
    edit(repo, TRANSLATION, "Dywedwch wrthon ni ble", "Dywedwch wrthym ble")
    commit_all(repo, "a Welsh word", "2026-11-10")
    translated = git(repo, "rev-parse", "HEAD").strip()
    git(repo, "checkout", "-q", "main")
    change_the_section(repo)
    commit_all(repo, "the original's last section says please", "2026-11-05")
    git(repo, "merge", "-q", "--no-edit", "welsh", day="2026-11-11")
    [warning] = outdated(repo)
    assert warning.line == line_of(repo, TRANSLATION, f"## {WELSH_SECTION}")
    assert f"(2026-11-10, commit {translated[:12]}), in the section '{SECTION}';" in (
        warning.message
    )
    # The site, from the history it reads, says the same.
    result = check_repository(repo)
    translation = result.corpus.translations["warm-spaces"]["cy"]
    found = history_translations.outdated(read_history(repo), translation)
    assert found is not None and found.commit == translated
    assert [(c.kind, c.name) for c in found.changed] == [("section", SECTION)]
    # Brought up to date on a branch off main (dated before the original's change, merged
    # after): the translator saw the change, and nothing is said.
    git(repo, "checkout", "-q", "-b", "welsh-again")
    edit(repo, TRANSLATION, "Dywedwch wrthym ble", "Dywedwch wrthym, os gwelwch yn dda, ble")
    commit_all(repo, "the Welsh says please too", "2026-11-04")
    git(repo, "checkout", "-q", "main")
    git(repo, "merge", "-q", "--ff-only", "welsh-again", day="2026-11-12")
    assert outdated(repo) == []
    assert history_translations.outdated(read_history(repo), translation) is None


def test_a_section_added_in_the_middle_is_the_only_one_named(repo: Path) -> None:
    translation = check_repository(repo).corpus.translations["warm-spaces"]["cy"]
    edit(
        repo,
        ORIGINAL,
        "## Where the spaces are",
        "## Who runs them\n\nVolunteers from each ward, with a rota.\n\n## Where the spaces are",
    )
    commit_all(repo, "the original has a new section", "2026-11-05")
    result = check_repository(repo)
    # The translation now lacks a heading: an error, and validate checks no more of it.
    assert {d.code for d in result.diagnostics.errors} == {"translation-headings"}
    original = result.corpus.proposals["warm-spaces"]
    new = (history_translations.Changed("new-section", "Who runs them", 2),)
    for history, now in [
        (history_translations.translations_history(repo, [translation]), original),
        (read_history(repo), None),  # the site's: the original as last committed
    ]:
        found = history_translations.outdated(history, translation, now)
        assert found is not None and found.changed == new
        assert found.first_section == 2


def test_without_git_history_nothing_is_out_of_date(repo: Path, tmp_path: Path) -> None:
    change_the_section(repo)
    commit_all(repo, "the original's last section says please", "2026-11-05")
    [_] = outdated(repo)
    clone = tmp_path / "shallow"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{repo}", str(clone)],
        check=True,
        capture_output=True,
    )
    assert outdated(clone) == []
    shutil.rmtree(repo / ".git")
    assert outdated(repo) == []


@pytest.mark.parametrize("most_paths", [64, 1])  # the files named to git log, or its folder
def test_the_history_is_read_with_three_git_processes_and_only_for_translations(
    repo: Path, monkeypatch: pytest.MonkeyPatch, most_paths: int
) -> None:
    monkeypatch.setattr(history_translations, "MOST_PATHS", most_paths)
    for number in range(4):
        for rel in (ORIGINAL, "proposals/young-carers-school.md"):
            path = repo / rel
            path.write_text(path.read_text(encoding="utf-8") + f"\nMore text {number}.\n")
        commit_all(repo, f"edit {number}", f"2026-11-0{number + 2}")
    calls: list[list[str]] = []
    real_run = subprocess.run

    def counting_run(args: list[str], **kwargs: object) -> object:
        calls.append(args)
        return real_run(args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(history_module.subprocess, "run", counting_run)
    assert {d.path for d in outdated(repo)} == {TRANSLATION, "proposals/young-carers-school.cy.md"}
    assert [args[3] for args in calls] == ["rev-parse", "log", "cat-file"]
    named = calls[1][calls[1].index("--") + 1 :]
    assert named == (["proposals/"] if most_paths == 1 else sorted(named))
    assert len(named) == (1 if most_paths == 1 else 4)
    # Without translations, validate runs no git at all.
    for translation in (repo / "proposals").glob("*.cy.md"):
        translation.unlink()
    calls.clear()
    check_repository(repo)
    assert calls == []


def notices(page: BeautifulSoup) -> list[Tag]:
    return [
        box
        for box in page.select("div.admonition.warning")
        if words(box.select_one(".admonition-title")) == "Efallai fod y cyfieithiad hwn wedi dyddio"
    ]


def test_the_welsh_page_says_it_may_be_out_of_date_with_a_link_to_the_english(
    repo: Path, tmp_path: Path
) -> None:
    # Words Markdown would read (an icon, an entity) in the heading the notice links to.
    edit(repo, TRANSLATION, f"## {WELSH_SECTION}", f"## {WELSH_SECTION} :material-alert: &amp; <3")
    commit_all(repo, "a Welsh heading with markup in it", "2026-11-03")
    change_the_section(repo)
    commit_all(repo, "the original's last section says please", "2026-11-05")
    built = build(repo, tmp_path / "site")
    assert built.returncode == 0, built.log
    page = built.html("cy/proposals/warm-spaces/")
    [notice] = notices(page)
    said = words(notice)
    assert (
        "Mae'r testun Saesneg wedi newid ers i'r cyfieithiad hwn gael ei ddiweddaru ddiwethaf,"
        " ar 3 Tachwedd 2026:" in said
    )
    [item] = notice.select("li")
    heading = page.find(id="what-we-need-from-you")
    assert heading is not None and heading.name == "h3"
    assert words(heading) == f"{WELSH_SECTION} :material-alert: &amp; <3"
    assert words(item) == f"yr adran “{words(heading)}”"  # as written: no icon, no entity
    assert notice.find("svg") is None
    section_link = item.find("a")
    assert section_link is not None and section_link["href"] == "#what-we-need-from-you"
    english = notice.find("a", hreflang="en")
    assert english is not None
    assert (
        english["href"] == "https://hollowmere-together.github.io/strategy/proposals/warm-spaces/"
    )
    assert words(english) == "Darllen y dudalen hon yn Saesneg"
    assert (built.out / "proposals" / "warm-spaces" / "index.html").is_file()
    # The English page is the original's; the other Welsh translation is up to date.
    assert notices(built.html("cy/proposals/young-carers-school/")) == []
    assert "may be out of date" not in built.html("proposals/warm-spaces/").get_text()
