"""`commonplan schema`: JSON Schemas that editors use to check files while people type."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from jsonschema import Draft202012Validator

from commonplan.cli.app import main
from commonplan.load.parse import load_yaml
from commonplan.repository import check_repository

from ..conftest import ROOT

KINDS = ("team", "proposal", "proposal-translation", "feedback")
SCHEMA_LINE = "# yaml-language-server: $schema="


def _write(out: Path) -> dict[str, dict[str, object]]:
    outcome = CliRunner().invoke(main, ["schema", "--root", str(ROOT), "--out", str(out)])
    assert outcome.exit_code == 0, outcome.output
    return {
        kind: json.loads((out / f"{kind}.schema.json").read_text(encoding="utf-8"))
        for kind in KINDS
    }


def _data(path: Path) -> object:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".md":
        text = text.split("\n---\n", 1)[0].removeprefix("---\n")
    return load_yaml(text)


def _files(kind: str) -> list[Path]:
    if kind == "team":
        return sorted((ROOT / "teams").glob("*.yml"))
    if kind == "proposal":  # a translation (`<id>.<language>.md`) is not a proposal
        return sorted(p for p in (ROOT / "proposals").glob("*.md") if "." not in p.stem)
    if kind == "proposal-translation":
        return sorted(p for p in (ROOT / "proposals").glob("*.md") if "." in p.stem)
    return sorted((ROOT / "feedback").glob("*/*.yml"))


def test_writes_a_valid_json_schema_for_each_kind(tmp_path: Path) -> None:
    schemas = _write(tmp_path / "out")
    for kind, schema in schemas.items():
        Draft202012Validator.check_schema(schema)
        assert schema["$id"] == f"{kind}.schema.json"
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(
        f"{kind}.schema.json" for kind in KINDS
    )


def test_the_committed_schemas_are_what_the_command_writes(tmp_path: Path) -> None:
    _write(tmp_path)
    for kind in KINDS:
        name = f"{kind}.schema.json"
        assert (ROOT / "schemas" / name).read_text() == (tmp_path / name).read_text(), name


@pytest.mark.parametrize("kind", KINDS)
def test_every_demo_file_passes_its_schema(kind: str, tmp_path: Path) -> None:
    validator = Draft202012Validator(_write(tmp_path)[kind])
    files = _files(kind)
    assert files
    for path in files:
        errors = [error.message for error in validator.iter_errors(_data(path))]
        assert errors == [], path.name


GOOD_FEEDBACK = ROOT / "feedback/carers-breaks/carers-breaks-0002.yml"


@pytest.mark.parametrize(
    ("change", "remove"),
    [
        ({"stance": "grumble"}, None),  # not one of the stances
        ({"group": "carers"}, None),  # not a configured stakeholder group
        ({"bodyy": "typo"}, None),  # unknown field
        ({}, "body"),  # a required field missing
    ],
    ids=["stance", "group", "unknown-field", "required-field"],
)
def test_the_schema_catches_what_editors_should_flag(
    tmp_path: Path, change: dict[str, str], remove: str | None
) -> None:
    feedback = Draft202012Validator(_write(tmp_path)["feedback"])
    good = _data(GOOD_FEEDBACK)
    assert isinstance(good, dict)
    assert list(feedback.iter_errors(good)) == []
    bad = {key: value for key, value in {**good, **change}.items() if key != remove}
    assert list(feedback.iter_errors(bad)), bad


@pytest.mark.parametrize("kind", ["team", "feedback"])
def test_every_data_file_names_its_schema_for_editors(kind: str) -> None:
    files = _files(kind)
    assert files
    for path in files:
        first = path.read_text(encoding="utf-8").split("\n", 1)[0]
        assert first.startswith(SCHEMA_LINE), path.name
        target = (path.parent / first.removeprefix(SCHEMA_LINE)).resolve()
        assert target == (ROOT / "schemas" / f"{kind}.schema.json").resolve(), path.name


def test_a_stale_schema_file_is_reported_by_validate(demo_copy: Path) -> None:
    _write(demo_copy / "schemas")
    assert not [d for d in check_repository(demo_copy).diagnostics if d.code == "out-of-date"]
    stale = demo_copy / "schemas" / "team.schema.json"
    stale.write_text(stale.read_text().replace('"carer"', '"carers"', 1))
    assert '"carers"' in stale.read_text()

    out_of_date = [
        (d.path, d.line, d.col, str(d.severity))
        for d in check_repository(demo_copy).diagnostics
        if d.code == "out-of-date"
    ]

    assert out_of_date == [("schemas/team.schema.json", 1, 1, "warning")]


def test_schema_into_a_file_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "taken").write_text("x")
    outcome = CliRunner().invoke(main, ["schema", "--out", str(tmp_path / "taken")])
    assert outcome.exit_code == 2
    assert (tmp_path / "taken").read_text() == "x"
