"""`commonplan render --out`: a complete docs folder (generated and hand-written pages, in one
of the site's languages) that another engine builds into the same site, edit links included."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from click.testing import CliRunner

from commonplan.cli.app import main

from .conftest import ROOT
from .site_fixtures import MKDOCS, Built, copy_site_folders

# The plugin's entry in mkdocs.yml and its indented options, and the folders mkdocs serve
# watches: a build of the rendered folder needs neither.
PLUGIN_ENTRY = re.compile(r"^  - commonplan:\n(?:    .*\n)*", re.MULTILINE)
WATCH = re.compile(r"^watch:\n(?:  - .*\n)*", re.MULTILINE)
EDIT = "https://github.com/hollowmere-together/strategy/edit/main/"


def render(*args: str) -> tuple[int, str]:
    outcome = CliRunner().invoke(main, ["render", *args])
    return outcome.exit_code, outcome.output


def build_rendered(root: Path, rendered: Path, out: Path) -> Built:
    """mkdocs-material building the rendered folder with the plugin not configured."""
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    plain = WATCH.sub("", PLUGIN_ENTRY.sub("", config))
    plain = plain.replace("docs_dir: site", f"docs_dir: {rendered}")
    plain_config = root / "mkdocs-plain.yml"
    plain_config.write_text(plain, encoding="utf-8")
    done = subprocess.run(
        [MKDOCS, "build", "--strict", "-f", str(plain_config), "-d", str(out)],
        env={"NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1795651200", "PATH": ""},
        capture_output=True,
        text=True,
        check=False,
    )
    return Built(root, out, done.returncode, done.stdout + done.stderr)


def edit_link(built: Built, page: str) -> str | None:
    found = built.html(page).select_one('a[rel="edit"]')
    return None if found is None else str(found["href"])


def test_the_rendered_folder_builds_with_edit_links_to_the_files_people_edit(
    demo_copy: Path, tmp_path: Path
) -> None:
    copy_site_folders(demo_copy)
    rendered = tmp_path / "rendered"
    code, output = render("--root", str(demo_copy), "--out", str(rendered))
    assert code == 0, output
    built = build_rendered(demo_copy, rendered, tmp_path / "out")
    assert built.returncode == 0, built.log
    assert "WARNING" not in built.log
    # A generated page is edited in its data file, or nowhere; a hand-written one in docs_dir.
    assert edit_link(built, "proposals/warm-spaces/") == EDIT + "proposals/warm-spaces.md"
    assert edit_link(built, "teams/hollowmere-cvs/") == EDIT + "teams/hollowmere-cvs.yml"
    assert edit_link(built, "voices/") is None
    assert edit_link(built, "") is None
    assert edit_link(built, "organisers/") == EDIT + "site/organisers.md"
    assert edit_link(built, "take-part/") == EDIT + "site/take-part/index.md"


def test_the_plugins_build_has_the_same_edit_links(demo_site: Built) -> None:
    assert edit_link(demo_site, "proposals/warm-spaces/") == EDIT + "proposals/warm-spaces.md"
    assert edit_link(demo_site, "teams/hollowmere-cvs/") == EDIT + "teams/hollowmere-cvs.yml"
    assert edit_link(demo_site, "voices/") is None
    assert edit_link(demo_site, "organisers/") == EDIT + "site/organisers.md"


def test_welsh_is_rendered_with_the_welsh_guides_in_the_english_ones_place(
    tmp_path: Path,
) -> None:
    code, output = render("--root", str(ROOT), "--out", str(tmp_path), "--site-language", "cy")
    assert code == 0, output
    guide = (ROOT / "site" / "take-part" / "index.cy.md").read_text(encoding="utf-8")
    shown = (tmp_path / "take-part" / "index.md").read_text(encoding="utf-8")
    # As written, and edited in its own file, not in the English guide's.
    assert shown == f'---\nedit_url: "{EDIT}site/take-part/index.cy.md"\n---\n\n{guide}'
    assert not list(tmp_path.rglob("*.cy.md"))
    # Files that are not pages are in every language's folder under their own names.
    assert (tmp_path / "take-part" / "feedback-template.cy.csv").is_file()
    assert "# Lleisiau a glywyd" in (tmp_path / "voices.md").read_text(encoding="utf-8")
    home = (tmp_path / "index.md").read_text(encoding="utf-8")
    welsh_intro = (ROOT / "site" / "index.cy.md").read_text(encoding="utf-8").strip()
    assert welsh_intro.splitlines()[0] in home


def test_a_hand_written_page_in_a_generated_pages_place_is_refused(
    demo_copy: Path, tmp_path: Path
) -> None:
    copy_site_folders(demo_copy)
    (demo_copy / "site" / "voices.md").write_text("# Mine\n", encoding="utf-8")
    code, output = render("--root", str(demo_copy), "--out", str(tmp_path / "out"))
    assert code == 1
    assert "voices.md in site would hide generated pages" in output
    assert "Traceback" not in output
    assert not (tmp_path / "out").exists()


def test_the_pages_are_never_written_over_the_hand_written_ones(demo_copy: Path) -> None:
    copy_site_folders(demo_copy)
    before = {p: p.read_bytes() for p in (demo_copy / "site").rglob("*") if p.is_file()}
    for out in ("site", "site/generated"):
        code, output = render("--root", str(demo_copy), "--out", str(demo_copy / out))
        assert code == 1
        assert "cannot be written into site, the folder of hand-written pages" in output
    after = {p: p.read_bytes() for p in (demo_copy / "site").rglob("*") if p.is_file()}
    assert after == before


def test_a_language_the_site_is_not_in_is_refused(tmp_path: Path) -> None:
    code, output = render(
        "--root", str(ROOT), "--out", str(tmp_path / "out"), "--site-language", "fr"
    )
    assert code == 1
    assert "fr is not one of the site's languages (en, cy)" in output
    assert not (tmp_path / "out").exists()
