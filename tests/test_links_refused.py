"""A link (symlink) in the data folders or the site's pages is refused, never followed: a pull
request adding one could otherwise publish a file from outside the repository."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from commonplan.repository import check_repository

from .site_fixtures import build, build_with_zensical, copy_site_folders

SECRET = "OUTSIDE-THE-REPOSITORY-7f3a"


@pytest.fixture
def outside(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Files elsewhere on the machine, like /etc/hostname, that must never be published."""
    folder = tmp_path_factory.mktemp("elsewhere")
    (folder / "hostname").write_text(
        f"name: {SECRET} team\nkind: organisation\ngroups: [carer]\n", encoding="utf-8"
    )
    (folder / "extra.md").write_text(f"# {SECRET} page\n\nWords from elsewhere.\n")
    (folder / "pages").mkdir()
    (folder / "pages" / "more.md").write_text(f"# {SECRET} more\n", encoding="utf-8")
    return folder


def _located(root: Path) -> set[tuple[str, int, int, str]]:
    result = check_repository(root)
    return {(d.path, d.line, d.col, d.code) for d in result.diagnostics.errors}


def _published(out: Path) -> list[Path]:
    """Every output file that holds the text from outside (none when nothing was built)."""
    if not out.exists():
        return []
    return [
        path for path in out.rglob("*") if path.is_file() and SECRET.encode() in path.read_bytes()
    ]


def test_links_in_the_data_folders_are_located_errors(demo_copy: Path, outside: Path) -> None:
    (demo_copy / "teams" / "linked.yml").symlink_to(outside / "hostname")
    (demo_copy / "teams" / ".hidden.yml").symlink_to(outside / "hostname")
    (demo_copy / "teams" / "notes.txt").symlink_to(outside / "hostname")
    (demo_copy / "teams" / "archive").mkdir()
    (demo_copy / "teams" / "archive" / "old.yml").symlink_to(outside / "hostname")
    (demo_copy / "proposals" / "elsewhere.md").symlink_to(outside / "extra.md")
    (demo_copy / "feedback" / "carers-breaks" / "carers-breaks-9999.yml").symlink_to(
        outside / "hostname"
    )
    result = check_repository(demo_copy)
    links = {(d.path, d.line, d.col) for d in result.diagnostics.errors if d.code == "symlink"}
    assert links == {
        ("teams/linked.yml", 1, 1),
        ("teams/.hidden.yml", 1, 1),
        ("teams/notes.txt", 1, 1),
        ("teams/archive/old.yml", 1, 1),
        ("proposals/elsewhere.md", 1, 1),
        ("feedback/carers-breaks/carers-breaks-9999.yml", 1, 1),
    }
    message = next(d.message for d in result.diagnostics if d.path == "teams/linked.yml")
    assert message == (
        f"this is a link to a file elsewhere ({outside / 'hostname'}); commonplan does not"
        " follow links, so nothing from outside the repository is published: replace it with"
        " the file itself"
    )
    assert SECRET not in repr(result.corpus)


def test_a_linked_data_folder_is_refused_and_not_read(demo_copy: Path, outside: Path) -> None:
    elsewhere = outside / "teams"
    shutil.move(demo_copy / "teams", elsewhere)
    shutil.copy(outside / "hostname", elsewhere / "secret.yml")
    (demo_copy / "teams").symlink_to(elsewhere, target_is_directory=True)
    assert ("teams", 1, 1, "symlink") in _located(demo_copy)
    result = check_repository(demo_copy)
    assert result.corpus.teams == {}
    message = next(d.message for d in result.diagnostics if d.code == "symlink")
    assert message.startswith("this is a link to a folder elsewhere (")
    assert message.endswith("replace it with the folder itself")


def test_a_linked_feedback_folder_is_refused(demo_copy: Path, outside: Path) -> None:
    (demo_copy / "feedback" / "linked-folder").symlink_to(outside, target_is_directory=True)
    assert ("feedback/linked-folder", 1, 1, "symlink") in _located(demo_copy)


def test_the_site_is_not_built_with_a_link_in_its_pages_or_data(
    demo_copy: Path, outside: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    copy_site_folders(demo_copy)
    (demo_copy / "site" / "extra.md").symlink_to(outside / "extra.md")
    (demo_copy / "site" / "more").symlink_to(outside / "pages", target_is_directory=True)
    (demo_copy / "teams" / "linked.yml").symlink_to(outside / "hostname")
    out = tmp_path_factory.mktemp("built")
    built = build(demo_copy, out)
    assert built.returncode != 0
    for located in (
        "site/extra.md:1:1: error [symlink]",
        "site/more:1:1: error [symlink]",
        "teams/linked.yml:1:1: error [symlink]",
    ):
        assert located in built.log
    assert _published(out) == []


def test_the_site_is_not_built_with_a_linked_teams_folder(
    demo_copy: Path, outside: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    copy_site_folders(demo_copy)
    elsewhere = outside / "teams"
    shutil.move(demo_copy / "teams", elsewhere)
    shutil.copy(outside / "hostname", elsewhere / "secret.yml")
    (demo_copy / "teams").symlink_to(elsewhere, target_is_directory=True)
    out = tmp_path_factory.mktemp("built")
    built = build(demo_copy, out)
    assert built.returncode != 0
    assert "teams:1:1: error [symlink]" in built.log
    assert _published(out) == []


def test_a_link_in_the_theme_overrides_stops_the_build(
    demo_copy: Path, outside: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    copy_site_folders(demo_copy)
    (demo_copy / "overrides" / "extra.txt").symlink_to(outside / "extra.md")
    built = build(demo_copy, tmp_path_factory.mktemp("built"))
    assert built.returncode != 0
    assert "overrides/extra.txt:1:1: error [symlink]" in built.log
    assert _published(built.out) == []


@pytest.mark.parametrize("linked", ["site/extra.md", "overrides/extra.txt"])
def test_the_zensical_build_stops_at_a_link_in_the_pages_or_the_overrides(
    demo_copy: Path, outside: Path, tmp_path_factory: pytest.TempPathFactory, linked: str
) -> None:
    copy_site_folders(demo_copy)
    (demo_copy / linked).symlink_to(outside / "extra.md")
    built = build_with_zensical(demo_copy, tmp_path_factory.mktemp("built") / "site")
    assert built.returncode != 0
    assert f"{linked}:1:1: error [symlink]" in built.log
    assert not built.out.exists()


def test_render_does_not_read_a_linked_introduction(
    demo_copy: Path, outside: Path, tmp_path: Path
) -> None:
    from click.testing import CliRunner

    from commonplan.cli.app import main

    copy_site_folders(demo_copy)
    (demo_copy / "site" / "index.md").unlink()
    (demo_copy / "site" / "index.md").symlink_to(outside / "extra.md")
    out = tmp_path / "out"
    outcome = CliRunner().invoke(main, ["render", "--root", str(demo_copy), "--out", str(out)])
    assert outcome.exit_code == 1
    assert "is a link to a file elsewhere" in outcome.output
    assert not out.exists() or SECRET not in "".join(p.read_text() for p in out.rglob("*.md"))
