"""Provenance from git and change discipline, on real repositories built in tmp_path."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from commonplan.history import git as history_module
from commonplan.history.diff import given_on_earlier_text, section_text, word_diff
from commonplan.history.git import read_history
from commonplan.repository import check_repository

from .helpers import commit_all, git

PROPOSAL = Path("proposals/carers-breaks.md")


def set_front_matter(root: Path, **replacements: str) -> None:
    path = root / PROPOSAL
    text = path.read_text(encoding="utf-8")
    for pattern, replacement in replacements.items():
        text = re.sub(pattern.replace("__", " "), replacement, text, count=1, flags=re.M)
    path.write_text(text, encoding="utf-8")


def replace_text(root: Path, old: str, new: str) -> None:
    path = root / PROPOSAL
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def repo(demo_copy: Path) -> Path:
    """The demo as a git repository whose carers-breaks proposal went through 3 versions."""
    current = (demo_copy / PROPOSAL).read_text(encoding="utf-8")
    front, body = current.split("\n---\n", 1)
    first_front = re.sub(r"revisions:\n(?:[ -].*\n)*?(?=actions:)", "", front + "\n")
    first_body = body.replace("one evening a week and Saturday mornings", "weekday mornings only")
    git(demo_copy, "init", "-q", "-b", "main")
    (demo_copy / PROPOSAL).write_text(first_front + "---\n" + first_body, encoding="utf-8")
    commit_all(demo_copy, "version 1", "2026-07-06")
    (demo_copy / PROPOSAL).write_text(current, encoding="utf-8")
    commit_all(demo_copy, "version 3", "2026-10-30")
    return demo_copy


def test_versions_are_grouped_by_the_revision_they_carry(repo: Path) -> None:
    history = read_history(repo)
    assert history.available
    versions = history.versions("carers-breaks")
    assert [(v.version, v.day.isoformat()) for v in versions] == [
        (1, "2026-07-06"),
        (3, "2026-10-30"),
    ]
    runs = word_diff(versions[0].body, versions[1].body)
    removed = [text for op, text in runs if op == "-"]
    added = [text for op, text in runs if op == "+"]
    assert removed == ["weekday", " only"]
    assert added == ["one evening a week and Saturday"]
    assert "".join(text for op, text in runs if op != "+") == versions[0].body
    assert "".join(text for op, text in runs if op != "-") == versions[1].body


def test_feedback_given_on_an_earlier_version_of_its_section_is_marked(repo: Path) -> None:
    corpus = check_repository(repo).corpus
    history = read_history(repo)
    proposal = corpus.proposals["carers-breaks"]
    changed = corpus.feedback["carers-breaks-0002"]  # what-we-propose, 2026-07-14
    unchanged = corpus.feedback["carers-breaks-0001"]  # why-this-matters
    assert changed.section == "what-we-propose"
    assert given_on_earlier_text(history, proposal, changed)
    assert not given_on_earlier_text(history, proposal, unchanged)


def test_history_is_read_by_a_fixed_number_of_git_processes(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for index in range(5):
        body = (repo / PROPOSAL).read_text(encoding="utf-8") + f"\nMore text {index}.\n"
        (repo / PROPOSAL).write_text(body, encoding="utf-8")
        (repo / "proposals" / f"copy-{index}.md").write_text(body, encoding="utf-8")
        commit_all(repo, f"edit {index}", f"2026-11-0{index + 1}")
    calls: list[list[str]] = []
    real_run = subprocess.run

    def counting_run(args: list[str], **kwargs: object) -> object:
        calls.append(args)
        return real_run(args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(history_module.subprocess, "run", counting_run)
    history = read_history(repo)
    assert len(history.snapshots["carers-breaks"]) == 7
    assert len(history.snapshots["copy-4"]) == 1
    assert len(calls) == 3  # rev-parse, log, cat-file: not one per file or commit


def test_no_git_means_history_unavailable(demo_copy: Path) -> None:
    history = read_history(demo_copy)
    assert not history.available
    assert "no git history" in history.reason


def test_shallow_clone_means_history_unavailable(repo: Path, tmp_path: Path) -> None:
    clone = tmp_path / "shallow"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{repo}", str(clone)],
        check=True,
        capture_output=True,
    )
    history = read_history(clone)
    assert not history.available
    assert "shallow" in history.reason
    assert check_repository(clone).diagnostics.ok


def test_section_text_stops_at_the_next_heading() -> None:
    body = "## One\n\nfirst\n\n### Deeper\n\nnested\n\n## Two\n\nsecond\n"
    assert section_text(body, "one") == "first\n\n### Deeper\n\nnested"
    assert section_text(body, "two") == "second"
    assert section_text(body, "three") is None


# --- validate --base -------------------------------------------------------------------------


def codes(repo: Path, base: str = "main") -> list[tuple[str, str, int]]:
    diagnostics = check_repository(repo, base=base).diagnostics
    return [
        (d.code, d.severity.value, d.line)
        for d in diagnostics
        if d.code.startswith(("revision", "base"))
    ]


def test_unchanged_proposals_pass_against_base(repo: Path) -> None:
    assert codes(repo) == []


def test_body_change_without_revision_warns(repo: Path) -> None:
    replace_text(repo, "Millbrook library", "Millbrook Library and Arts Centre")
    assert [c[:2] for c in codes(repo)] == [("revision-missing", "warning")]


def test_draft_may_change_freely(repo: Path) -> None:
    path = repo / "proposals" / "young-carers-school.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nA new idea.\n", encoding="utf-8")
    assert codes(repo) == []


def test_new_revision_answering_no_feedback_warns(repo: Path) -> None:
    replace_text(repo, "Millbrook library", "Millbrook Library and Arts Centre")
    replace_text(
        repo,
        "actions:\n",
        "  - version: 4\n    date: 2026-11-25\n    summary: Renamed the library.\nactions:\n",
    )
    assert [c[:2] for c in codes(repo)] == [("revision-unexplained", "warning")]


def test_rewriting_a_published_revision_is_an_error(repo: Path) -> None:
    replace_text(repo, "Added evening and Saturday sessions", "Added evening sessions")
    found = codes(repo)
    assert [c[:2] for c in found] == [("revision-rewritten", "error")]
    assert found[0][2] == 12  # the revision entry's line


def test_revision_number_going_backwards_is_an_error(repo: Path) -> None:
    """Versions 2 and 3 are published; a new version 1 is numbered below them. (A second
    version 2 is a duplicate of the file itself: tests/acceptance/test_rules.py.)"""
    git(repo, "checkout", "-q", "-b", "change")
    replace_text(
        repo,
        "actions:\n",
        "  - version: 1\n    date: 2026-08-01\n    summary: Again.\n"
        "    responds_to: [carers-breaks-0001]\nactions:\n",
    )
    assert codes(repo) == [("revision-backwards", "error", 24)]  # the new version's line


def test_unknown_base_is_a_clear_error(repo: Path) -> None:
    found = codes(repo, base="no-such-branch")
    assert found == [("base-missing", "error", 1)]


def test_a_strategy_in_a_sub_folder_of_the_repository_has_its_history(
    demo_copy: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    outer = tmp_path_factory.mktemp("outer")
    inner = outer / "strategy"
    inner.mkdir()
    for folder in ("teams", "proposals", "feedback"):
        (demo_copy / folder).rename(inner / folder)
    git(outer, "init", "-q", "-b", "main")
    commit_all(outer, "first", "2026-07-06")
    replace_text(inner, "Millbrook library", "Millbrook Library")
    commit_all(outer, "second", "2026-08-01")
    history = read_history(inner)
    assert history.available
    assert len(history.snapshots["carers-breaks"]) == 2
