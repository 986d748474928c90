"""`commonplan validate` through its command line: formats, summary and exit codes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from commonplan.cli import main

from ..conftest import ROOT, WriteFile

BROKEN_TEAM = "name: Broken\nkind: club\ngroups: [carer]\n"
FUTURE_FEEDBACK = (ROOT / "feedback/warm-spaces/warm-spaces-0003.yml").read_text(encoding="utf-8")


def _future(text: str) -> str:
    return re.sub(r"submitted: \d{4}-\d{2}-\d{2}", "submitted: 2026-12-01", text)


def test_text_lists_each_problem_then_a_one_line_summary(write: WriteFile, demo_copy: Path) -> None:
    write("teams/broken.yml", BROKEN_TEAM)
    write("teams/also-broken.yml", BROKEN_TEAM.replace("groups: [carer]", "groups: [carers]"))

    outcome = CliRunner().invoke(main, ["validate", str(demo_copy)])

    assert outcome.exit_code == 1
    lines = outcome.stdout.splitlines()
    assert lines == [
        "teams/also-broken.yml:2:7: error [bad-value] 'club' is not a valid kind; use one of:"
        " organisation, action-team, community-group",
        "teams/broken.yml:2:7: error [bad-value] 'club' is not a valid kind; use one of:"
        " organisation, action-team, community-group",
        f"2 errors, 0 warnings in {_count_files(demo_copy)} files checked.",
    ]


def test_warnings_alone_exit_zero(write: WriteFile, demo_copy: Path) -> None:
    write("feedback/warm-spaces/warm-spaces-0003.yml", _future(FUTURE_FEEDBACK))

    outcome = CliRunner().invoke(main, ["validate", str(demo_copy)])

    assert outcome.exit_code == 0, outcome.output
    *problems, summary = outcome.stdout.splitlines()
    assert [line.split(" [")[1].split("]")[0] for line in problems] == ["future-date"]
    assert problems[0].startswith("feedback/warm-spaces/warm-spaces-0003.yml:")
    assert ": warning [future-date] submitted on 2026-12-01, in the future" in problems[0]
    assert summary == f"0 errors, 1 warning in {_count_files(demo_copy)} files checked."


def test_a_clean_repository_says_so_in_one_line() -> None:
    outcome = CliRunner().invoke(main, ["validate", str(ROOT)])
    assert outcome.exit_code == 0
    assert outcome.stdout == f"All good: {_count_files(ROOT)} files checked, no problems.\n"


def test_json_is_a_list_of_located_diagnostics(write: WriteFile, demo_copy: Path) -> None:
    write("teams/broken.yml", BROKEN_TEAM)

    outcome = CliRunner().invoke(main, ["validate", str(demo_copy), "--format", "json"])

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


def test_json_of_a_clean_repository_is_an_empty_list() -> None:
    outcome = CliRunner().invoke(main, ["validate", str(ROOT), "--format", "json"])
    assert (outcome.exit_code, json.loads(outcome.stdout)) == (0, [])


def test_github_annotations_point_at_file_line_and_column(
    write: WriteFile, demo_copy: Path
) -> None:
    write("teams/broken.yml", BROKEN_TEAM)
    write("feedback/warm-spaces/warm-spaces-0003.yml", _future(FUTURE_FEEDBACK))

    outcome = CliRunner().invoke(main, ["validate", str(demo_copy), "--format", "github"])

    assert outcome.exit_code == 1
    annotations = [line for line in outcome.stdout.splitlines() if line.startswith("::")]
    line = _line_of(demo_copy / "feedback/warm-spaces/warm-spaces-0003.yml", "submitted:")
    assert annotations == [
        f"::warning file=feedback/warm-spaces/warm-spaces-0003.yml,line={line},col=12,"
        "title=commonplan future-date::submitted on 2026-12-01, in the future",
        "::error file=teams/broken.yml,line=2,col=7,title=commonplan bad-value::'club' is not a"
        " valid kind; use one of: organisation, action-team, community-group",
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
    demo_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(demo_copy)
    outcome = CliRunner().invoke(main, ["validate"])
    assert outcome.exit_code == 0
    assert outcome.stdout.startswith("All good:")


def _count_files(root: Path) -> int:
    return sum(
        1
        for folder in ("teams", "proposals", "feedback")
        for path in (root / folder).rglob("*")
        if path.is_file()
    )


def _line_of(path: Path, start: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(number for number, text in enumerate(lines, 1) if text.startswith(start))
