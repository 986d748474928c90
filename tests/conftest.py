"""Shared fixtures: the demo repository, and a way to build small repositories in tmp_path."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

# The site-building fixtures live in their own module.
pytest_plugins = ["tests.site_fixtures"]

ROOT = Path(__file__).resolve().parent.parent
DATA_FOLDERS = ("teams", "proposals", "feedback")


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pin "today" to 2026-11-26 so that windows and "days left" never drift."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795651200")


@pytest.fixture
def demo_copy(tmp_path: Path) -> Path:
    """A copy of the demo repository's data and configuration, safe to change."""
    for folder in DATA_FOLDERS:
        shutil.copytree(ROOT / folder, tmp_path / folder)
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    return tmp_path


WriteFile = Callable[[str, str | bytes], Path]


@pytest.fixture
def write(demo_copy: Path) -> WriteFile:
    """Write a file (text or bytes) into the demo copy, creating folders as needed."""

    def _write(rel: str, content: str | bytes) -> Path:
        path = demo_copy / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return _write
