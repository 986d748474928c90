"""`commonplan validate` through its command line: formats, summary and exit codes.

These run on a small repository (the demo's teams and configuration) so that the exact
output can be written down; the demo's proposals carry warnings of their own.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from commonplan.cli.app import main
from commonplan.repository import write_in_step

from ..conftest import ROOT

BROKEN_TEAM = "name: Broken\nkind: club\ngroups: [carer]\n"
STRAY = "teams/notes.txt"  # not a team file: a warning, never an error


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "teams", tmp_path / "teams")
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    write_in_step(tmp_path)  # the issue form the site links to
    return tmp_path


def _teams(root: Path) -> int:
    return len(list((root / "teams").glob("*.yml")))


def test_text_lists_each_problem_then_a_one_line_summary(repo: Path) -> None:
    (repo / "teams/broken.yml").write_text(BROKEN_TEAM)
    (repo / "teams/also-broken.yml").write_text(BROKEN_TEAM)

    outcome = CliRunner().invoke(main, ["validate", str(repo)])

    assert outcome.exit_code == 1
    lines = outcome.stdout.splitlines()
    assert lines == [
        "teams/also-broken.yml:2:7: error [bad-value] 'club' is not a valid kind; use one of:"
        " organisation, action-team, community-group",
        "teams/broken.yml:2:7: error [bad-value] 'club' is not a valid kind; use one of:"
        " organisation, action-team, community-group",
        f"2 errors, 0 warnings in {_teams(repo)} files checked.",
    ]


def test_warnings_alone_exit_zero(repo: Path) -> None:
    (repo / STRAY).write_text("to do")

    outcome = CliRunner().invoke(main, ["validate", str(repo)])

    assert outcome.exit_code == 0, outcome.output
    *problems, summary = outcome.stdout.splitlines()
    assert problems == [
        "teams/notes.txt:1:1: warning [not-data] not a team file (those end in '.yml'),"
        " so it is not read"
    ]
    assert summary == f"0 errors, 1 warning in {_teams(repo)} files checked."


def test_a_clean_repository_says_so_in_one_line(repo: Path) -> None:
    outcome = CliRunner().invoke(main, ["validate", str(repo)])
    assert outcome.exit_code == 0
    assert outcome.stdout == f"All good: {_teams(repo)} files checked, no problems.\n"


def test_json_is_a_list_of_located_diagnostics(repo: Path) -> None:
    (repo / "teams/broken.yml").write_text(BROKEN_TEAM)

    outcome = CliRunner().invoke(main, ["validate", str(repo), "--format", "json"])

    assert outcome.exit_code == 1
    assert json.loads(outcome.stdout) == [
        {
            "path": "teams/broken.yml",
            "line": 2,
            "col": 7,
            "severity": "error",
            "code": "bad-value",
            "message": "'club' is not a valid kind; use one of: organisation, action-team,"
            " community-group",
        }
    ]


def test_json_of_a_clean_repository_is_an_empty_list(repo: Path) -> None:
    outcome = CliRunner().invoke(main, ["validate", str(repo), "--format", "json"])
    assert (outcome.exit_code, json.loads(outcome.stdout)) == (0, [])


def test_github_annotations_point_at_file_line_and_column(repo: Path) -> None:
    (repo / "teams/broken.yml").write_text(BROKEN_TEAM)
    (repo / STRAY).write_text("to do")

    outcome = CliRunner().invoke(main, ["validate", str(repo), "--format", "github"])

    assert outcome.exit_code == 1
    annotations = [line for line in outcome.stdout.splitlines() if line.startswith("::")]
    assert annotations == [
        "::error file=teams/broken.yml,line=2,col=7,title=commonplan bad-value::'club' is not a"
        " valid kind; use one of: organisation, action-team, community-group",
        "::warning file=teams/notes.txt,line=1,col=1,title=commonplan not-data::not a team file"
        " (those end in '.yml'), so it is not read",
    ]


@pytest.mark.parametrize(
    "arguments",
    [
        ["validate", "--format", "xml"],
        ["validate", "--no-such-option"],
        ["validate", "/no/such/folder"],
        ["validate", "one", "two"],
        ["no-such-command"],
        ["schema", "--out"],
    ],
    ids=["bad-format", "bad-option", "missing-folder", "two-paths", "bad-command", "no-value"],
)
def test_usage_errors_exit_two_with_a_message(arguments: list[str]) -> None:
    outcome = CliRunner().invoke(main, arguments)
    assert outcome.exit_code == 2, outcome.output
    assert "Error:" in outcome.stderr
    assert "Traceback" not in outcome.output


def test_validate_a_file_not_a_folder_is_a_usage_error() -> None:
    outcome = CliRunner().invoke(main, ["validate", str(ROOT / "mkdocs.yml")])
    assert outcome.exit_code == 2
    assert "is a file" in outcome.stderr


def test_validate_defaults_to_the_current_folder(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo)
    outcome = CliRunner().invoke(main, ["validate"])
    assert outcome.exit_code == 0
    assert outcome.stdout.startswith("All good:")


def test_a_folder_without_data_is_not_all_good(tmp_path: Path) -> None:
    outcome = CliRunner().invoke(main, ["validate", str(tmp_path)])
    assert outcome.exit_code == 0
    assert outcome.stdout.splitlines() == [
        ".:1:1: warning [no-data] there is no teams/, proposals/ or feedback/ folder here:"
        " is this the strategy's repository?",
        "0 errors, 1 warning in 0 files checked.",
    ]
