"""The demo repository is valid, and validation never changes a file."""

from __future__ import annotations

import hashlib
from pathlib import Path

from click.testing import CliRunner

from commonplan.cli.app import main
from commonplan.repository import check_repository

from ..conftest import ROOT


def test_demo_is_valid() -> None:
    result = check_repository(ROOT)
    assert [str(d) for d in result.diagnostics.errors] == []
    assert len(result.corpus.teams) >= 8
    assert len(result.corpus.proposals) >= 4
    assert len(result.corpus.feedback) >= 40


def test_validate_command_on_demo_exits_zero() -> None:
    outcome = CliRunner().invoke(main, ["validate", str(ROOT)])
    assert outcome.exit_code == 0, outcome.output
    assert outcome.output.splitlines()[-1].startswith("0 errors,")


def _fingerprint(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_validation_modifies_no_file(demo_copy: Path) -> None:
    (demo_copy / "teams" / "broken.yml").write_text("name: [unclosed\n", encoding="utf-8")
    before = _fingerprint(demo_copy)
    outcome = CliRunner().invoke(main, ["validate", str(demo_copy)])
    assert outcome.exit_code == 1
    assert _fingerprint(demo_copy) == before
