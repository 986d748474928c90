"""The checks of a proposal's translation and of languages said in Welsh (issue 12): their
English `message` as it always was, their Welsh with `Diagnostic.text`, and language names
said in the reader's language ("Welsh", "Cymraeg")."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from commonplan.cli.app import main
from commonplan.diagnostics import Diagnostic
from commonplan.language import language
from commonplan.repository import check_repository

TRANSLATION = "proposals/warm-spaces.cy.md"
WELSH = language("cy")


def found(root: Path, code: str, path: str) -> Diagnostic:
    [diagnostic] = [
        d for d in check_repository(root).diagnostics if d.code == code and d.path == path
    ]
    return diagnostic


def test_a_missing_heading_in_welsh_and_in_english_as_before(demo_copy: Path) -> None:
    path = demo_copy / TRANSLATION
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("## Beth sydd ei angen")], encoding="utf-8")
    problem = found(demo_copy, "translation-headings", TRANSLATION)
    assert problem.message == (
        "the original's heading 4, '## What we need from you' (line 70 of"
        " proposals/warm-spaces.md), has no heading here: the Welsh text needs each of the"
        " original's headings, in the same order"
    )
    assert problem.text(WELSH) == (
        "does dim pennawd yma ar gyfer pennawd 4 y gwreiddiol, '## What we need from you'"
        " (llinell 70 o proposals/warm-spaces.md): mae angen pob un o benawdau'r gwreiddiol ar"
        " y testun Cymraeg, yn yr un drefn"
    )


def test_an_unknown_action_in_welsh_with_its_did_you_mean(demo_copy: Path) -> None:
    path = demo_copy / TRANSLATION
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  weekly-rota:", "  weekly-rotas:"), encoding="utf-8")
    problem = found(demo_copy, "unknown-id", TRANSLATION)
    assert problem.message == (
        "proposals/warm-spaces.md has no action 'weekly-rotas' (did you mean 'weekly-rota'?)"
    )
    assert problem.text(WELSH).startswith(
        "does gan proposals/warm-spaces.md ddim cam gweithredu 'weekly-rotas' ("
    )


def test_a_missing_translation_and_an_answer_in_one_language_name_languages_in_welsh(
    demo_copy: Path,
) -> None:
    missing = found(demo_copy, "translation-missing", "proposals/carers-breaks.md")
    assert missing.message == (
        "there is no Welsh translation of this proposal (proposals/carers-breaks.cy.md), so the"
        " Welsh site shows it as it is written here"
    )
    assert missing.text(WELSH).startswith(
        "does dim cyfieithiad Cymraeg o'r cynnig hwn (proposals/carers-breaks.cy.md)"
    )
    answer = found(demo_copy, "answer-language", "feedback/carers-breaks/carers-breaks-0016.yml")
    assert answer.message == (
        "this feedback was written in Welsh and its answer is only in English: add it in Welsh"
        " too, as response.translations.cy"
    )
    assert answer.text(WELSH).startswith(
        "Cymraeg yw iaith yr adborth hwn, a Saesneg yn unig yw iaith ei ymateb"
    )


def test_validate_in_welsh_at_the_command_line(demo_copy: Path) -> None:
    outcome = CliRunner().invoke(main, ["--language", "cy", "validate", str(demo_copy)])
    assert outcome.exit_code == 0, outcome.output
    assert (
        "proposals/carers-breaks.md:2:8: warning [translation-missing] does dim cyfieithiad"
        " Cymraeg o'r cynnig hwn" in outcome.output
    )
