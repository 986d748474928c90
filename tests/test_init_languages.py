"""A strategy in more than one language from its first command: `commonplan init
--languages` writes the languages line, the issue forms and the guides in each language,
the first language's at the site's root."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from commonplan.cli.app import main
from commonplan.repository import check_repository

from .site_fixtures import build

FENCE = re.compile(r"^```(\w*)\n(.*?)^```", re.MULTILINE | re.DOTALL)
NEEDS_MORE = {"import-csv", "ingest-mail"}  # a spreadsheet, a mailbox: see test_offline_docs


def start(root: Path, languages: str) -> Path:
    started = CliRunner().invoke(
        main,
        [
            *("init", str(root), "--name", "Tref Werdd", "--repo", "tref/strategaeth"),
            *("--email", "siarad@tref.example.org", "--languages", languages),
        ],
    )
    assert started.exit_code == 0, started.output
    return root


def test_a_welsh_first_strategy_has_its_welsh_guides_at_the_root(tmp_path: Path) -> None:
    root = start(tmp_path / "ours", "cy,en")
    config = (root / "mkdocs.yml").read_text()
    assert "      languages: [cy, en]\n" in config
    assert "  language: cy\n" in config
    assert (root / "site/facilitators.md").read_text().startswith("# Canllaw i hwyluswyr")
    assert (root / "site/facilitators.en.md").read_text().startswith("# A guide for")
    assert not (root / "site/facilitators.cy.md").exists()
    assert (root / ".github/ISSUE_TEMPLATE/feedback.en.yml").is_file()
    take_part = (root / "site/take-part/index.md").read_text()
    assert "Rwy'n: " in take_part and "gofalwyr" in take_part  # the groups in Welsh
    assert check_repository(root).diagnostics.ok

    built = build(root, tmp_path / "out")
    assert built.returncode == 0, built.log
    welsh, english = built.html("facilitators/"), built.html("en/facilitators/")
    assert welsh.html is not None and welsh.html.get("lang") == "cy"
    assert english.html is not None and english.html.get("lang") == "en"
    assert "Canllaw i hwyluswyr" in welsh.h1.get_text()
    assert "A guide for facilitators" in english.h1.get_text()
    # The Welsh spreadsheet template is published beside the guide that links to it.
    assert (built.out / "take-part/feedback-template.cy.csv").read_text().startswith("cynnig,")


def test_an_english_first_strategy_has_its_welsh_guides_beside_the_english(
    tmp_path: Path,
) -> None:
    root = start(tmp_path / "ours", "en,cy")
    assert (root / "site/organisers.md").read_text().startswith("# A guide for")
    assert (root / "site/organisers.cy.md").read_text().startswith("# Canllaw i drefnwyr")
    assert (root / "site/index.cy.md").is_file()  # its own home page, in Welsh too
    assert not (root / "site/organisers.en.md").exists()


def test_one_language_writes_no_other(tmp_path: Path) -> None:
    root = start(tmp_path / "ours", "en")
    assert "languages:" not in (root / "mkdocs.yml").read_text()
    assert not list((root / "site").rglob("*.cy.*"))


@pytest.mark.parametrize("languages", ["en,xx", "cy,cy", ""])
def test_a_language_without_words_or_named_twice_is_refused(tmp_path: Path, languages: str) -> None:
    result = CliRunner().invoke(
        main,
        ["init", str(tmp_path / "ours"), "--name", "T", "--repo", "o/r", "--languages", languages],
    )
    assert result.exit_code == 1
    assert "--languages" in result.output
    assert not (tmp_path / "ours").exists()


def test_every_command_of_the_welsh_guides_runs_in_the_new_repository(tmp_path: Path) -> None:
    root = start(tmp_path / "ours", "en,cy")
    quoted = []
    for guide in ("site/facilitators.cy.md", "site/organisers.cy.md"):
        for language, block in FENCE.findall((root / guide).read_text(encoding="utf-8")):
            quoted += [
                shlex.split(line)[1:]
                for line in block.splitlines()
                if language == "sh" and line.startswith("commonplan ")
            ]
    assert {args[0] for args in quoted} >= {"new", "respond", "revise", "action"}
    for args in quoted:
        if args[0] in NEEDS_MORE:
            continue
        outcome = CliRunner().invoke(main, [*args, "--root", str(root)])
        assert outcome.exit_code == 0, (args, outcome.output)
    assert check_repository(root).diagnostics.ok


@pytest.mark.parametrize("languages", ["cy,en", "en,cy"])
def test_upgrade_after_init_in_several_languages_has_nothing_to_do(
    tmp_path: Path, languages: str
) -> None:
    root = start(tmp_path / "ours", languages)
    checked = CliRunner().invoke(main, ["upgrade", "--check", "--root", str(root)])
    assert checked.exit_code == 0, checked.output
    english = "site/take-part/index.en.md" if languages == "cy,en" else "site/take-part/index.md"
    assert "I am a: Public sector bodies" in (root / english).read_text()
    manifest = root / ".commonplan/platform-files.json"
    assert "site/index.en.md" not in manifest.read_text()
    # An upgrade keeps the examples recorded as init wrote them, the label as written.
    written = json.loads(manifest.read_text())["examples"]
    assert written["example_group_label"] == "Public sector bodies"
    upgraded = CliRunner().invoke(main, ["upgrade", "--root", str(root)])
    assert upgraded.exit_code == 0, upgraded.output
    assert json.loads(manifest.read_text())["examples"] == written


def test_the_guides_name_the_strategys_own_labels_in_each_language(tmp_path: Path) -> None:
    root = start(tmp_path / "ours", "en,cy")
    config = root / "mkdocs.yml"
    text = config.read_text()
    assert "        public-sector: " in text
    config.write_text(
        re.sub(
            r"(?m)^        public-sector: .*$",
            "        public-sector: {en: Councils and the NHS, cy: Cynghorau a'r GIG}",
            text,
        )
    )
    upgraded = CliRunner().invoke(main, ["upgrade", "--root", str(root)])
    assert upgraded.exit_code == 0, upgraded.output
    welsh = (root / "site/take-part/index.cy.md").read_text()
    english = (root / "site/take-part/index.md").read_text()
    assert "Rwy'n: Cynghorau a'r GIG" in welsh and "Councils and the NHS" not in welsh
    assert "I am a: Councils and the NHS" in english
