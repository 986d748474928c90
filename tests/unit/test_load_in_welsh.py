"""The loader's, the settings' and the intake's messages to organisers, said in Welsh: each
keeps its English `message` (what every other test reads) and is said in the reader's
language where it is reported."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from commonplan.cli.app import main
from commonplan.config import SettingsError, load_settings
from commonplan.corpus import Corpus
from commonplan.diagnostics import Diagnostic, Diagnostics
from commonplan.intake.mail_message import read_message
from commonplan.intake.spreadsheet import read_table
from commonplan.intake.spreadsheet_import import plan_import
from commonplan.language import language
from commonplan.load.read import build_record, parse_document
from commonplan.repository import check_repository, open_repository

CY = language("cy")
RECORDER = "hollowmere-carers-network"


def _read(rel: str, text: str) -> list[Diagnostic]:
    """Every problem found reading one feedback file's text into its model."""
    diagnostics = Diagnostics()
    document = parse_document(rel, "feedback", Path(rel).stem, text, diagnostics)
    if document is not None:
        build_record(document, diagnostics)
    return list(diagnostics)


FEEDBACK = (
    "proposal: warm-spaces\n"
    "group: carer\n"
    "stance: support\n"
    "submitted: 2026-11-02\n"
    "source: {kind: meeting, recorded_by: hollowmere-carers-network}\n"
    "body: Warm and welcoming.\n"
)


def test_a_yaml_syntax_error_is_said_in_welsh() -> None:
    [problem] = _read("feedback/warm-spaces/x.yml", "proposal: warm-spaces\nstance: [support\n")
    assert problem.code == "yaml-syntax"
    assert problem.message == (
        "a list in '[…]' opened here is not closed with ']', or its items are not separated by ','"
    )
    assert problem.text(CY) == (
        "nid yw'r rhestr mewn '[…]' a agorwyd yma wedi'i chau â ']', neu nid yw ei heitemau"
        " wedi'u gwahanu â ','"
    )
    # The parser's own words are quoted as they are, inside the platform's Welsh.
    [other] = _read("feedback/warm-spaces/y.yml", "proposal: warm-spaces\n  stance: x\n")
    assert other.message.startswith(("unexpected ':'", "YAML syntax error: "))
    assert other.text(CY).startswith(("':' annisgwyl", "gwall cystrawen YAML: "))


def test_a_mapping_left_open_keeps_its_braces_in_both_languages() -> None:
    [problem] = _read("feedback/warm-spaces/x.yml", "proposal: warm-spaces\nsource: {kind: x\n")
    assert problem.message == (
        "a '{…}' opened here is not closed with '}', or its entries are not separated by ','"
    )
    assert problem.text(CY).startswith("nid yw'r '{…}' a agorwyd yma wedi'i gau â '}'")


def test_an_unknown_field_is_said_in_welsh_with_its_hint() -> None:
    problems = {p.code: p for p in _read("feedback/warm-spaces/x.yml", FEEDBACK + "colour: red\n")}
    assert problems["unknown-field"].message == "unknown field 'colour'"
    assert problems["unknown-field"].text(CY) == "maes anhysbys 'colour'"
    misspelt = FEEDBACK.replace("stance:", "stanse:")
    [unknown] = _read("feedback/warm-spaces/x.yml", misspelt)
    assert unknown.message == "unknown field 'stanse' (did you mean 'stance'?)"
    assert unknown.text(CY) == "maes anhysbys 'stanse' (oeddech chi'n golygu 'stance'?)"


def test_a_bad_date_is_said_in_welsh() -> None:
    impossible = FEEDBACK.replace("2026-11-02", "2026-02-30")
    [problem] = _read("feedback/warm-spaces/x.yml", impossible)
    assert (problem.code, problem.message) == (
        "bad-date",
        "submitted: 2026-02-30 is not a real date",
    )
    assert problem.text(CY) == "submitted: nid yw 2026-02-30 yn ddyddiad go iawn"
    [written] = _read("feedback/warm-spaces/x.yml", FEEDBACK.replace("2026-11-02", "'next week'"))
    assert written.message == (
        "submitted: 'next week' is not a date; write it as YYYY-MM-DD, for example 2026-11-02"
    )
    assert written.text(CY) == (
        "submitted: nid yw 'next week' yn ddyddiad; ysgrifennwch ef fel YYYY-MM-DD, er enghraifft"
        " 2026-11-02"
    )


def test_a_wrong_kind_of_value_names_both_kinds_in_welsh() -> None:
    [problem] = _read("feedback/warm-spaces/x.yml", FEEDBACK.replace("group: carer", "group: [a]"))
    assert problem.message == "'group' should be text, not a list"
    assert problem.text(CY) == "'group': disgwylir testun, nid rhestr"


def test_a_file_that_cannot_be_data_is_said_in_welsh() -> None:
    [problem] = _read("feedback/warm-spaces/x.yml", "- just\n- a list\n")
    assert problem.message == "expected `field: value` lines at the top level of the file"
    assert problem.text(CY) == "disgwylid llinellau `field: value` ar lefel uchaf y ffeil"


def _mkdocs(root: Path, options: str) -> None:
    (root / "mkdocs.yml").write_text(
        f"site_name: x\nplugins:\n  - commonplan:\n{options}", encoding="utf-8"
    )


def test_a_broken_mkdocs_option_is_said_in_welsh(tmp_path: Path) -> None:
    _mkdocs(tmp_path, "      stale_after_days: 0\n      languages: [en, xx]\n")
    with pytest.raises(SettingsError) as caught:
        load_settings(tmp_path)
    english = dict(caught.value.problems)
    welsh = {position: said.in_language(CY) for position, said in caught.value.said_problems}
    assert english[(4, 25)] == "plugin 'commonplan': 'stale_after_days' must be at least 1"
    assert welsh[(4, 25)] == "ategyn 'commonplan': rhaid i 'stale_after_days' fod o leiaf 1"
    [(languages, message)] = [(p, m) for p, m in english.items() if p != (4, 25)]
    assert message == (
        "plugin 'commonplan': 'languages': Value error, 'xx' is not a language the platform"
        " writes in (it is no language code CLDR knows); it writes in: cy, en"
    )
    assert welsh[languages] == (
        "ategyn 'commonplan': 'languages': Gwall gwerth, nid yw 'xx' yn iaith y mae'r platfform"
        " yn ysgrifennu ynddi (nid yw'n god iaith y mae CLDR yn ei adnabod); mae'n ysgrifennu"
        " yn: cy, en"
    )
    # The error itself, as a command shows it, in English and in Welsh.
    assert str(caught.value).startswith("mkdocs.yml:4:25: plugin 'commonplan': ")
    assert caught.value.message_in(CY).startswith("mkdocs.yml:4:25: ategyn 'commonplan': ")


def test_a_command_says_a_broken_mkdocs_option_in_welsh(tmp_path: Path) -> None:
    _mkdocs(tmp_path, "      imap: {host: mail.example.org, user: u, tls: false}\n")
    arguments = ["schema", "--out", str(tmp_path / "schemas"), "--root", str(tmp_path)]
    english = CliRunner().invoke(main, arguments)
    assert english.exit_code == 1
    assert (
        "tls: false is only allowed for a server on this machine (127.0.0.1 or localhost), not"
        " 'mail.example.org'" in english.output
    )
    welsh = CliRunner().invoke(main, ["--language", "cy", *arguments])
    assert welsh.exit_code == 1
    assert (
        "ategyn 'commonplan': 'imap': Gwall gwerth, dim ond ar gyfer gweinydd ar y peiriant hwn"
        " (127.0.0.1 neu localhost) y caniateir tls: false, nid 'mail.example.org'" in welsh.output
    )


def test_a_site_in_two_languages_without_its_address_is_said_in_welsh(demo_copy: Path) -> None:
    config = demo_copy / "mkdocs.yml"
    text = re.sub(r"(?m)^site_url:.*\n", "", config.read_text())
    config.write_text(re.sub(r"(?m)^      languages: .*$", "      languages: [en, cy]", text))
    [problem] = [p for p in check_repository(demo_copy).diagnostics.errors if p.code == "config"]
    assert "needs `site_url`" in problem.message
    assert problem.text(CY).startswith(
        "mae angen `site_url` yn mkdocs.yml ar wefan mewn sawl iaith"
    )


# --- the intake ---------------------------------------------------------------------------


def _corpus(root: Path) -> Corpus:
    return open_repository(root).corpus


def test_a_spreadsheet_row_problem_is_said_in_welsh(demo_copy: Path) -> None:
    table = read_table(
        b"proposal,group,stance,feedback,date\n"
        b"warm-spaces,Grandparents,support,Warm and welcoming.,2026-11-20\n"
        b"warm-spaces,carer,support,Warm and welcoming.,next week\n"
    )
    plan = plan_import(_corpus(demo_copy), table, source_kind="meeting", recorded_by=RECORDER)
    by_row = {problem.row: problem for problem in plan.problems}
    assert str(by_row[3]) == (
        "row 3, column 'date': 'next week' is not a date; write it as 2026-11-02 or 02/11/2026"
    )
    assert by_row[3].in_language(CY) == (
        "rhes 3, colofn 'date': nid yw 'next week' yn ddyddiad; ysgrifennwch ef fel 2026-11-02"
        " neu 02/11/2026"
    )
    assert str(by_row[2]).startswith("row 2, column 'group': ")
    assert by_row[2].in_language(CY).startswith("rhes 2, colofn 'group': ")


def test_a_spreadsheet_header_problem_is_said_in_welsh() -> None:
    problem, no_feedback = read_table(b"proposal,colour\nwarm-spaces,red\n").problems
    assert no_feedback.in_language(CY).startswith("dim colofn adborth: ")
    assert str(problem).startswith("column 'colour': this header names no feedback field")
    assert problem.in_language(CY).startswith(
        "colofn 'colour': nid yw'r pennawd hwn yn enwi unrhyw faes adborth"
    )
    assert str(read_table(b"").problems[0]) == "the file is empty: the first row must be headers"
    assert read_table(b"").problems[0].in_language(CY) == (
        "mae'r ffeil yn wag: rhaid i'r rhes gyntaf fod yn benawdau"
    )


def test_import_csv_speaks_welsh(demo_copy: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "meeting.csv"
    sheet.write_text(
        "proposal,group,stance,feedback,Your name\n"
        "warm-spaces,carer,maybe,Warm and welcoming.,Mary\n",
        encoding="utf-8",
    )
    arguments = [
        "import-csv",
        str(sheet),
        "--recorded-by",
        RECORDER,
        "--source",
        "meeting",
        "--root",
        str(demo_copy),
    ]
    english = CliRunner().invoke(main, arguments)
    assert english.exit_code == 1
    assert "Left out personal data: column(s) 'Your name' were not read or written." in (
        english.output
    )
    assert "nothing was written: 1 problem to fix in meeting.csv" in english.output
    welsh = CliRunner().invoke(main, ["--language", "cy", *arguments])
    assert welsh.exit_code == 1
    assert "Gadawyd data personol allan: ni chafodd y golofn neu'r colofnau 'Your name'" in (
        welsh.output
    )
    assert "meeting.csv: rhes 2, colofn 'stance': " in welsh.output
    assert "ni ysgrifennwyd dim: 1 problem i'w datrys yn meeting.csv" in welsh.output

    sheet.write_text(
        "proposal,group,stance,feedback\nwarm-spaces,carer,support,Warm and welcoming.\n",
        encoding="utf-8",
    )
    dry = CliRunner().invoke(main, ["--language", "cy", *arguments, "--dry-run"])
    assert dry.exit_code == 0, dry.output
    assert "Byddai'n ysgrifennu feedback/warm-spaces/" in dry.output
    assert (
        "Byddai'n ysgrifennu 1 ffeil adborth newydd; rhesi heb ddyddiad, wedi'u dyddio heddiw: 1."
        in dry.output
    )


def test_a_flagged_e_mail_is_said_in_welsh(demo_copy: Path) -> None:
    raw = b"Subject: Hello\r\nMessage-ID: <1@example.org>\r\n\r\nI like it.\r\n"
    reading = read_message(raw, _corpus(demo_copy))
    assert reading.problem == "the subject names no proposal (by its title or its id)"
    assert not isinstance(reading.said, str)
    assert reading.said.in_language(CY) == (
        "nid yw'r pwnc yn enwi unrhyw gynnig (yn ôl ei deitl na'i ddynodydd)"
    )
