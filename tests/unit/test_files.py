"""Files are written whole or not at all, readable as any new file would be."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from commonplan.files import write_atomic


def test_a_new_file_gets_the_umask_permissions_not_private_ones(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        write_atomic(tmp_path / "page.md", "# Hello\n")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "page.md").stat().st_mode) == 0o644


def test_an_existing_file_keeps_its_permissions(tmp_path: Path) -> None:
    target = tmp_path / "script.sh"
    target.write_text("old\n", encoding="utf-8")
    target.chmod(0o755)
    write_atomic(target, "new\n")
    assert target.read_text(encoding="utf-8") == "new\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o755


def test_a_failed_write_leaves_the_old_content_and_no_stray_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "data.yml"
    target.write_text("kept: true\n", encoding="utf-8")

    def broken_replace(self: Path, other: Path) -> Path:
        raise OSError("disk full")

    monkeypatch.setattr(Path, "replace", broken_replace)
    with pytest.raises(OSError, match="disk full"):
        write_atomic(target, "lost: true\n")
    assert target.read_text(encoding="utf-8") == "kept: true\n"
    assert [p.name for p in tmp_path.iterdir()] == ["data.yml"]
