"""`commonplan upgrade`: platform files brought to this version, hand edits left alone."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from commonplan.cli.app import main

WORKFLOW = ".github/workflows/publish.yml"
GUIDE = "site/facilitators.md"


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


@pytest.fixture
def strategy(tmp_path: Path) -> Path:
    root = tmp_path / "strategy"
    started = run("init", str(root), "--name", "Kettlebridge Food", "--repo", "kb/strategy")
    assert started.exit_code == 0, started.output
    return root


def data_files(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for folder in ("teams", "proposals", "feedback")
        for p in sorted((root / folder).rglob("*"))
        if p.is_file()
    } | {"mkdocs.yml": (root / "mkdocs.yml").read_bytes()}


def as_if_an_older_version_wrote(root: Path, rel: str, text: str) -> None:
    """The file as an earlier release wrote it: its digest is the one recorded."""
    (root / rel).write_text(text, encoding="utf-8")
    manifest_path = root / ".commonplan" / "platform-files.json"
    manifest = json.loads(manifest_path.read_text())
    manifest["files"][rel] = hashlib.sha256(text.encode()).hexdigest()
    manifest_path.write_text(json.dumps(manifest))


def test_a_new_strategy_is_up_to_date(strategy: Path) -> None:
    checked = run("upgrade", "--check", "--root", str(strategy))
    assert checked.exit_code == 0, checked.output
    assert "up to date" in checked.output


def test_an_older_platform_file_is_brought_up_and_a_hand_edit_is_left(strategy: Path) -> None:
    current = (strategy / WORKFLOW).read_text()
    as_if_an_older_version_wrote(strategy, WORKFLOW, current.replace("17 5 * * *", "0 6 * * *"))
    (strategy / GUIDE).write_text((strategy / GUIDE).read_text() + "\nOur own note.\n")
    data = data_files(strategy)

    checked = run("upgrade", "--check", "--root", str(strategy))
    assert checked.exit_code == 1
    assert f"Would update {WORKFLOW}" in checked.output
    assert "0 6 * * *" in (strategy / WORKFLOW).read_text()  # --check changed nothing

    done = run("upgrade", "--root", str(strategy))
    assert done.exit_code == 0, done.output
    assert (strategy / WORKFLOW).read_text() == current
    assert f"Left alone {GUIDE}: changed by hand" in done.output
    assert "+Our own note." in done.output
    assert (strategy / GUIDE).read_text().endswith("Our own note.\n")
    assert data_files(strategy) == data

    forced = run("upgrade", "--force", "--root", str(strategy))
    assert forced.exit_code == 0, forced.output
    assert "Our own note." not in (strategy / GUIDE).read_text()
    assert run("upgrade", "--check", "--root", str(strategy)).exit_code == 0


def test_a_platform_file_that_is_gone_comes_back(strategy: Path) -> None:
    (strategy / WORKFLOW).unlink()
    assert run("upgrade", "--check", "--root", str(strategy)).exit_code == 1
    done = run("upgrade", "--root", str(strategy))
    assert f"Added {WORKFLOW}" in done.output
    assert (strategy / WORKFLOW).is_file()


def test_a_folder_that_is_no_strategy_is_refused_in_words(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text("site_name: Notes\n")
    refused = run("upgrade", "--root", str(tmp_path))
    assert refused.exit_code == 1
    assert "names no repository" in refused.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mkdocs.yml"]


def test_the_guides_keep_the_examples_they_were_written_with(strategy: Path) -> None:
    """Renaming the strategy changes no example in the guides (their team id came from the
    first name): the examples are kept with what the platform wrote."""
    config = strategy / "mkdocs.yml"
    config.write_text(
        config.read_text().replace('site_name: "Kettlebridge Food"', 'site_name: "KF Together"')
    )
    checked = run("upgrade", "--check", "--root", str(strategy))
    assert checked.exit_code == 0, checked.output
    assert "kettlebridge-food" in (strategy / GUIDE).read_text()
    # Nor does an upgrade, or the one after it: the examples stay recorded as first written.
    recorded = json.loads((strategy / ".commonplan" / "platform-files.json").read_text())
    for _ in range(2):
        upgraded = run("upgrade", "--root", str(strategy))
        assert upgraded.exit_code == 0, upgraded.output
    assert "kettlebridge-food" in (strategy / GUIDE).read_text()
    assert "kf-together" not in (strategy / GUIDE).read_text()
    after = json.loads((strategy / ".commonplan" / "platform-files.json").read_text())
    assert after["examples"] == recorded["examples"]


def test_a_file_kept_as_your_own_is_never_replaced_or_reported(strategy: Path) -> None:
    (strategy / GUIDE).write_text("# Our own guide\n")
    assert run("upgrade", "--check", "--root", str(strategy)).exit_code == 1

    kept = run("upgrade", "--keep", GUIDE, "--root", str(strategy))
    assert kept.exit_code == 0, kept.output
    assert f"Kept {GUIDE}" in kept.output
    checked = run("upgrade", "--check", "--root", str(strategy))
    assert checked.exit_code == 0, checked.output
    assert "Left alone" not in checked.output
    assert run("upgrade", "--force", "--root", str(strategy)).exit_code == 0
    assert (strategy / GUIDE).read_text() == "# Our own guide\n"


def test_only_a_platform_file_can_be_kept(strategy: Path) -> None:
    before = (strategy / ".commonplan" / "platform-files.json").read_text()
    refused = run("upgrade", "--keep", "teams/x.yml", "--root", str(strategy))
    assert refused.exit_code == 1
    assert "--keep teams/x.yml: not a platform file" in refused.output
    both = run("upgrade", "--keep", GUIDE, "--check", "--root", str(strategy))
    assert both.exit_code == 1
    assert "use one" in both.output
    assert (strategy / ".commonplan" / "platform-files.json").read_text() == before


def test_the_issue_form_and_codeowners_are_made_again_from_the_data(strategy: Path) -> None:
    """A proposal added by hand (or a new version that writes the form differently): the
    upgrade brings the generated files in step, and --check says so first."""
    (strategy / "proposals" / "by-hand.md").write_text(
        "---\ntitle: Written by hand\nowner: kettlebridge-food\nstatus: draft\n"
        "summary: Typed into GitHub's editor.\n---\n## What\n\nText.\n",
        encoding="utf-8",
    )
    form = ".github/ISSUE_TEMPLATE/feedback.yml"
    checked = run("upgrade", "--check", "--root", str(strategy))
    assert checked.exit_code == 1
    assert f"Would update {form}" in checked.output
    assert "Would update .github/CODEOWNERS" in checked.output
    done = run("upgrade", "--root", str(strategy))
    assert done.exit_code == 0, done.output
    assert "by-hand" in (strategy / form).read_text()
    assert run("upgrade", "--check", "--root", str(strategy)).exit_code == 0
