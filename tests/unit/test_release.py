"""The version is written in one place and shown everywhere from it."""

from __future__ import annotations

import tomllib
from importlib.metadata import version
from pathlib import Path

from click.testing import CliRunner

import commonplan
from commonplan.cli.app import main

ROOT = Path(__file__).resolve().parents[2]


def test_the_command_and_the_installed_package_show_the_packages_version() -> None:
    assert version("commonplan") == commonplan.__version__
    outcome = CliRunner().invoke(main, ["--version"])
    assert outcome.exit_code == 0
    assert commonplan.__version__ in outcome.output


def test_pyproject_reads_the_version_and_does_not_write_its_own() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in pyproject["project"]
    assert pyproject["project"]["dynamic"] == ["version"]
    dynamic = pyproject["tool"]["setuptools"]["dynamic"]["version"]
    assert dynamic == {"attr": "commonplan.__version__"}


def test_the_changelog_has_an_entry_for_the_version() -> None:
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert f"\n## {commonplan.__version__}\n" in changelog
