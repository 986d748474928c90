"""Words said later: a diagnostic or an error made in English, said in the reader's language,
and the language a command speaks, read from its option or the environment."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from commonplan.cli.app import main
from commonplan.diagnostics import Diagnostics
from commonplan.language import language, language_of_environment, said_list, say, say_n
from commonplan.report import as_json, as_text

from ..conftest import ROOT

WELSH = language("cy")


def test_said_words_are_english_until_said_in_another_language() -> None:
    said = say("{errors}, {warnings} in {files} checked.", errors="1", warnings="2", files="3")
    assert str(said) == "1, 2 in 3 checked."
    assert said.in_language(WELSH) == "1, 2 mewn 3 a wiriwyd."


def test_nested_words_and_counts_are_said_in_the_same_language() -> None:
    files = say_n("{count} file", "{count} files", 2)
    said = say("All good: {files} checked, no problems.", files=files)
    assert str(said) == "All good: 2 files checked, no problems."
    assert said.in_language(WELSH) == "Popeth yn iawn: gwiriwyd 2 ffeil, dim problemau."
    assert said_list(["a", "b", "c"]).in_language(WELSH) == "a, b neu c"
    assert str(said_list(["a", "b"], "and")) == "a and b"


def test_what_people_wrote_is_never_read_as_a_template() -> None:
    said = say("{first} or {last}", first="{0} {last.__class__}", last="}{")
    assert str(said) == "{0} {last.__class__} or }{"


def test_a_diagnostic_keeps_its_english_message_and_is_reported_in_the_readers_language() -> None:
    diagnostics = Diagnostics(files_checked=3)
    diagnostics.warning("a.yml", (1, 2), "x", say("{first} or {last}", first="p", last="q"))
    assert [d.message for d in diagnostics] == ["p or q"]
    assert as_text(diagnostics, WELSH).splitlines() == [
        "a.yml:1:2: warning [x] p neu q",
        "0 gwall, 1 rhybudd mewn 3 ffeil a wiriwyd.",
    ]
    assert '"message": "p neu q"' in as_json(diagnostics, WELSH)


@pytest.mark.parametrize(
    ("environment", "code"),
    [
        ({"LANG": "cy_GB.UTF-8"}, "cy"),
        ({"LANGUAGE": "fr:cy:en", "LANG": "en_GB.UTF-8"}, "cy"),
        ({"LC_ALL": "en_GB.UTF-8", "LANG": "cy_GB.UTF-8"}, "en"),
        ({"LC_MESSAGES": "cy_GB@euro"}, "cy"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({"LANG": "POSIX"}, "en"),
        ({"LANG": "fr_FR.UTF-8"}, "en"),
        ({}, "en"),
    ],
)
def test_a_command_speaks_the_first_language_of_the_environment_it_has_words_for(
    environment: dict[str, str], code: str
) -> None:
    assert language_of_environment(environment) == code


def _validate(*options: str, env: dict[str, str]) -> str:
    quiet = {"LANGUAGE": "", "LC_ALL": "", "LC_MESSAGES": "", "LANG": "C.UTF-8", **env}
    result = CliRunner().invoke(main, [*options, "validate", str(ROOT)], env=quiet)
    return result.output.splitlines()[-1]


def test_validate_reports_in_the_language_asked_for_or_the_systems() -> None:
    assert _validate(env={}).endswith(" files checked.")
    assert "a wiriwyd." in _validate("--language", "cy", env={})
    assert "a wiriwyd." in _validate(env={"LANG": "cy_GB.UTF-8"})
    assert "a wiriwyd." in _validate(env={"COMMONPLAN_LANGUAGE": "cy"})
    assert "checked." in _validate("--language", "en", env={"LANG": "cy_GB.UTF-8"})


def test_an_unknown_language_is_refused_with_the_choices(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["--language", "xx", "validate", str(tmp_path)])
    assert result.exit_code == 2
    assert "'xx' is not one of 'en', 'cy'" in result.output


def test_a_bad_date_option_is_refused_in_the_language_asked_for() -> None:
    result = CliRunner().invoke(
        main, ["--language", "cy", "withdraw", "x", "--date", "nonsense", "--root", str(ROOT)]
    )
    assert result.exit_code == 2
    assert "nid yw 'nonsense' yn ddyddiad" in result.output


def test_generated_files_are_refused_in_the_language_asked_for(demo_copy: Path) -> None:
    broken = demo_copy / "teams" / "broken.yml"
    broken.write_text("name: [unclosed\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["--language", "cy", "forms", "--root", str(demo_copy)])
    assert result.exit_code == 1
    assert "cywirwch y gwallau uchod cyn gwneud y ffurflenni materion" in result.output
    assert "fix the errors above" not in result.output
