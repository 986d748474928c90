"""docs/format.md stays true: every field, option and diagnostic code is documented there,
and nothing is documented that the code does not have (after datasette's tests/test_docs.py).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from pydantic import BaseModel

from commonplan.config import Settings
from commonplan.load.explain import _models_in
from commonplan.load.read import KINDS

from ..conftest import ROOT

FORMAT = ROOT / "docs" / "format.md"
PACKAGE = ROOT / "scripts" / "commonplan"
SECTIONS = {
    "team": "## Team file",
    "proposal": "## Proposal file",
    "feedback": "## Feedback file",
    "settings": "## Site options",
}
MODELS: dict[str, type[BaseModel]] = {**KINDS, "settings": Settings}
CODE_SHAPE = re.compile(r"^[a-z]+(?:-[a-z]+)*$")
# Where the code is among the arguments of the calls that make a diagnostic.
CODE_ARGUMENT = {"error": 2, "warning": 2, "add": 3, "Problem": 2}


def _section(heading: str) -> str:
    text = FORMAT.read_text(encoding="utf-8")
    start = text.index(heading + "\n") if heading + "\n" in text else text.index(heading + " ")
    end = text.find("\n## ", start + len(heading))
    return text[start : end if end != -1 else len(text)]


def _first_cells(markdown: str) -> set[str]:
    """The `name` in the first cell of every table row."""
    return set(re.findall(r"^\| `([^`]+)` \|", markdown, flags=re.MULTILINE))


def _field_paths(model: type[BaseModel], prefix: str = "") -> Iterator[str]:
    """`members[].team`, `consultation.opens` …: every field as people write it."""
    for name, info in model.model_fields.items():
        if info.exclude:
            continue
        path = prefix + (info.alias or name)
        yield path
        in_list = "list[" in str(info.annotation)
        for sub in dict.fromkeys(_models_in(info.annotation)):
            yield from _field_paths(sub, path + ("[]." if in_list else "."))


def _codes_in_source() -> dict[str, set[str]]:
    """Every diagnostic code the package can emit → its severities ('' when not known)."""
    codes: dict[str, set[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            candidates: list[tuple[ast.expr, str]] = []
            if isinstance(node, ast.Call):
                func = node.func
                name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                index = CODE_ARGUMENT.get(name)
                if index is not None and len(node.args) > index:
                    severity = {"error": "error", "warning": "warning", "Problem": "error"}
                    candidates.append((node.args[index], severity.get(name, "")))
            elif isinstance(node, ast.FunctionDef) and node.name == "explain_yaml_error":
                # It returns (code, message, position) for what becomes an error.
                candidates.extend(
                    (ret.value.elts[0], "error")
                    for ret in ast.walk(node)
                    if isinstance(ret, ast.Return)
                    and isinstance(ret.value, ast.Tuple)
                    and ret.value.elts
                )
            for candidate, severity in candidates:
                if (
                    isinstance(candidate, ast.Constant)
                    and isinstance(candidate.value, str)
                    and CODE_SHAPE.match(candidate.value)
                ):
                    codes.setdefault(candidate.value, set()).add(severity)
    return codes


@pytest.mark.parametrize("kind", list(SECTIONS))
def test_every_field_is_documented_and_nothing_else(kind: str) -> None:
    documented = _first_cells(_section(SECTIONS[kind]))
    fields = set(_field_paths(MODELS[kind]))
    assert {"undocumented": fields - documented, "no such field": documented - fields} == {
        "undocumented": set(),
        "no such field": set(),
    }


def test_every_diagnostic_code_is_documented_and_nothing_else() -> None:
    documented = _first_cells(_section("### Diagnostic codes"))
    emitted = _codes_in_source()
    assert len(emitted) > 40  # the scan found the codes, not nothing
    assert {
        "undocumented": set(emitted) - documented,
        "no such code": documented - set(emitted),
    } == {"undocumented": set(), "no such code": set()}


def test_the_codes_table_gives_the_right_severity() -> None:
    rows = re.findall(r"^\| `([^`]+)` \| ([^|]+) \|", _section("### Diagnostic codes"), re.M)
    documented = {code: set(re.findall(r"error|warning", cell)) for code, cell in rows}
    assert all(documented.values())
    wrong = {
        code: (documented.get(code), severities)
        for code, severities in _codes_in_source().items()
        if not severities - {""} <= documented.get(code, set())
    }
    assert wrong == {}


@pytest.mark.parametrize(
    "table", ["PROPOSAL_STATUS", "ACTION_STATUS", "STANCE", "SOURCE", "RESPONSE_STATUS"]
)
def test_the_allowed_values_are_the_models_choices(table: str) -> None:
    """Each 'one of …' in the tables lists exactly the values the model accepts."""
    from commonplan import vocabulary

    values = getattr(vocabulary, table).ids()
    assert values
    text = FORMAT.read_text(encoding="utf-8")
    assert any(
        set(re.findall(r"`([a-z-]+)`", line)) >= set(values) for line in text.splitlines()
    ), values


def test_the_readme_links_the_format() -> None:
    assert "docs/format.md" in (ROOT / "README.md").read_text(encoding="utf-8")
    assert Path(FORMAT).is_file()


def test_the_validate_usage_quoted_in_the_docs_matches_the_command() -> None:
    import click

    from commonplan.cli.app import main

    assert isinstance(main, click.Group)
    option = next(p for p in main.commands["validate"].params if p.name == "output_format")
    assert isinstance(option.type, click.Choice)
    assert set(option.type.choices) == {"text", "github", "json"}
    assert "commonplan validate [PATH] [--format text|github|json]" in FORMAT.read_text()
