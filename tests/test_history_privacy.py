"""Text removed from a proposal is not published again by its history page: every earlier
version the page shows is checked for personal data, and a version can be kept off the
page with its reason shown instead."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from commonplan.cli.app import main
from commonplan.repository import check_repository

from .helpers import commit_all, git
from .site_fixtures import build, copy_site_folders

PLAN = "proposals/young-carers-school.md"
LEAK = "Ring Jane Smith on 07700 900123 for a place."
WITHHELD = "history_withheld:\n  - version: 1\n    reason: It held a phone number.\n"
REVISION = (
    "revisions:\n  - version: 2\n    date: 2026-11-20\n    summary: Took a phone number out.\n"
)


def with_front_matter(text: str, extra: str) -> str:
    """``extra`` lines added at the end of the front matter."""
    head, _, rest = text.partition("\n---\n")
    return f"{head}\n{extra.rstrip()}\n---\n{rest}"


def leak_on_main(root: Path) -> str:
    """A git repository whose `main` holds the plan with a phone number in it; the plan's
    text without it, as version 2 would have it."""
    path = root / PLAN
    current = path.read_text(encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    path.write_text(current.replace("## Why this matters\n", f"## Why this matters\n\n{LEAK}\n"))
    commit_all(root, "version 1", "2026-11-01")
    return with_front_matter(current, REVISION)


@pytest.fixture
def leaked(demo_copy: Path) -> Path:
    """Version 1 of a plan held a phone number; version 2 took it out."""
    (demo_copy / PLAN).write_text(leak_on_main(demo_copy))
    commit_all(demo_copy, "version 2", "2026-11-20")
    copy_site_folders(demo_copy)
    return demo_copy


def test_the_build_refuses_an_earlier_version_holding_personal_data(
    leaked: Path, tmp_path: Path
) -> None:
    built = build(leaked, tmp_path / "out")
    assert built.returncode != 0
    assert f"{PLAN}:" in built.log and "[history-personal-data]" in built.log
    assert "version 1 of this proposal" in built.log and "a phone number" in built.log
    assert "07700" not in built.log  # the finding is named, never repeated
    assert not (tmp_path / "out" / "proposals").exists()


def test_a_withheld_version_is_not_shown_and_its_reason_is(leaked: Path, tmp_path: Path) -> None:
    path = leaked / PLAN
    path.write_text(with_front_matter(path.read_text(), WITHHELD))
    built = build(leaked, tmp_path / "out")
    assert built.returncode == 0, built.log
    history = built.html("proposals/young-carers-school/history/")
    assert "The text of version 1 is not shown here: It held a phone number." in history.get_text()
    assert "900123" not in "".join(p.read_text() for p in (tmp_path / "out").rglob("*.html"))


def test_a_pull_request_that_takes_personal_data_out_is_told_to_withhold_the_version(
    demo_copy: Path,
) -> None:
    path = demo_copy / PLAN
    version_2 = leak_on_main(demo_copy)
    path.write_text(version_2)
    found = check_repository(demo_copy, base="main").diagnostics
    assert [d.code for d in found.errors] == ["history-personal-data"]
    path.write_text(with_front_matter(version_2, WITHHELD))
    assert check_repository(demo_copy, base="main").diagnostics.ok


def test_only_an_earlier_version_can_be_withheld(demo_copy: Path) -> None:
    path = demo_copy / PLAN
    path.write_text(
        with_front_matter(path.read_text(), WITHHELD.replace("version: 1", "version: 3"))
    )
    outcome = CliRunner().invoke(main, ["validate", str(demo_copy)])
    assert outcome.exit_code == 1
    assert "[bad-value] version 3 is not an earlier version (this is version 1)" in outcome.output
