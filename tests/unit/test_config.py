"""Settings: the plugin's options in mkdocs.yml, with defaults and located, plain errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from commonplan.cli.app import main
from commonplan.config import DEFAULT_GROUPS, Settings, SettingsError, load_settings
from commonplan.repository import check_repository

from ..conftest import ROOT


def _settings(tmp_path: Path, mkdocs_yml: str) -> Settings:
    (tmp_path / "mkdocs.yml").write_text(mkdocs_yml, encoding="utf-8")
    return load_settings(tmp_path)


def _problems(tmp_path: Path, mkdocs_yml: str) -> list[tuple[tuple[int, int], str]]:
    with pytest.raises(SettingsError) as caught:
        _settings(tmp_path, mkdocs_yml)
    return caught.value.problems


def test_defaults_without_mkdocs_yml(tmp_path: Path) -> None:
    settings = load_settings(tmp_path)
    assert settings.groups == DEFAULT_GROUPS
    assert (settings.repo, settings.response_due_days, settings.stale_after_days) == (
        None,
        28,
        120,
    )


@pytest.mark.parametrize(
    "mkdocs_yml",
    [
        "site_name: No plugins\n",
        "site_name: Other plugins\nplugins:\n  - search\n",
        "plugins: [search, commonplan]\n",
        "plugins:\n  - commonplan\n",
        "plugins:\n  - commonplan:\n",
        "plugins:\n  search: {}\n  commonplan: {}\n",
    ],
    ids=["no-plugins", "other-plugins", "bare-name", "bare-name-block", "empty", "mapping"],
)
def test_defaults_when_the_plugin_entry_is_absent_or_empty(tmp_path: Path, mkdocs_yml: str) -> None:
    assert _settings(tmp_path, mkdocs_yml).groups == DEFAULT_GROUPS


def test_the_demo_configuration_is_read() -> None:
    settings = load_settings(ROOT)
    assert settings.repo == "hollowmere-together/strategy"
    assert settings.site_url == "https://hollowmere-together.github.io/strategy/"
    assert "carer" in settings.groups


def test_theme_tags_in_mkdocs_yml_are_no_obstacle(tmp_path: Path) -> None:
    mkdocs_yml = (
        "markdown_extensions:\n"
        "  - pymdownx.emoji:\n"
        "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
        "site_url: !ENV [SITE_URL, 'https://example.org/']\n"
        "plugins:\n  - commonplan:\n      groups: {carer: Carers}\n"
    )
    assert _settings(tmp_path, mkdocs_yml).groups == {"carer": "Carers"}


def test_bad_options_are_located_and_plain(tmp_path: Path) -> None:
    mkdocs_yml = (
        "site_name: x\n"
        "plugins:\n"
        "  - search\n"
        "  - commonplan:\n"
        "      repo: not a repo\n"
        "      colour: red\n"
        "      respons_due_days: 3\n"
        "      stale_after_days: 0\n"
        "      groups: [carer]\n"
    )
    assert sorted(_problems(tmp_path, mkdocs_yml)) == [
        (
            (5, 13),
            "plugin 'commonplan': 'not a repo' is not a GitHub repository; write it as owner/name",
        ),
        ((6, 7), "plugin 'commonplan': unknown field 'colour'"),
        (
            (7, 7),
            "plugin 'commonplan': unknown field 'respons_due_days' (did you mean"
            " 'response_due_days'?)",
        ),
        ((8, 25), "plugin 'commonplan': 'stale_after_days' must be at least 1"),
        (
            (9, 15),
            "plugin 'commonplan': 'groups' should be a set of `field: value` lines, not a list",
        ),
    ]


@pytest.mark.parametrize(
    ("mkdocs_yml", "position", "words"),
    [
        ("site_name: [x\n", (1, 12), "not closed"),
        ("- a\n- b\n", (1, 1), "`key: value`"),
        ("site_name: x\n\tplugins: []\n", (2, 1), "tab"),
    ],
    ids=["syntax", "not-a-mapping", "tab"],
)
def test_unreadable_mkdocs_yml_is_one_located_problem(
    tmp_path: Path, mkdocs_yml: str, position: tuple[int, int], words: str
) -> None:
    ((found_position, message),) = _problems(tmp_path, mkdocs_yml)
    assert found_position == position
    assert words in message
    assert "\n" not in message


def test_validate_reports_bad_options_as_diagnostics(demo_copy: Path) -> None:
    config = demo_copy / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("      repo:", "      rpo:"), encoding="utf-8"
    )
    line = next(n for n, text in enumerate(config.read_text().splitlines(), 1) if "rpo:" in text)
    diagnostics = check_repository(demo_copy).diagnostics
    assert [(d.path, d.line, d.col, d.code) for d in diagnostics.errors] == [
        ("mkdocs.yml", line, 7, "config")
    ]
    assert "did you mean 'repo'?" in diagnostics.errors[0].message


def test_schema_command_refuses_bad_options_without_a_traceback(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text("plugins:\n  - commonplan:\n      groups: 3\n")
    outcome = CliRunner().invoke(
        main, ["schema", "--root", str(tmp_path), "--out", str(tmp_path / "x")]
    )
    assert outcome.exit_code == 1
    assert outcome.stderr.startswith("Error: mkdocs.yml:3:15: plugin 'commonplan': 'groups'")
    assert not (tmp_path / "x").exists()


def test_mkdocs_itself_reports_bad_options_in_the_same_words() -> None:
    from commonplan.site.plugin import CommonplanPlugin

    errors, warnings = CommonplanPlugin().load_config({"respons_due_days": 3, "groups": []})
    assert [(where, str(error)) for where, error in errors] == [
        ("groups", "'groups' should be a set of `field: value` lines, not a list"),
        (
            "respons_due_days",
            "unknown field 'respons_due_days' (did you mean 'response_due_days'?)",
        ),
    ]
    assert warnings == []


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "::1"])
def test_mail_without_tls_is_allowed_for_a_server_on_this_machine(host: str) -> None:
    from commonplan.config import ImapSettings

    assert ImapSettings(host=host, user="feedback", tls=False).tls is False


def test_mail_without_tls_is_refused_for_a_server_elsewhere() -> None:
    from pydantic import ValidationError

    from commonplan.config import ImapSettings

    with pytest.raises(ValidationError, match="only allowed for a server on this machine"):
        ImapSettings(host="mail.example.org", user="feedback", tls=False)


@pytest.mark.parametrize(
    ("key", "old", "new"),
    [
        (
            "repo_url",
            "https://github.com/hollowmere-together/strategy",
            "https://github.com/demo/x",
        ),
        ("repo_name", "repo_name: hollowmere-together/strategy", "repo_name: demo/x"),
    ],
)
def test_a_repository_named_twice_must_agree(demo_copy: Path, key: str, old: str, new: str) -> None:
    config = demo_copy / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert old in text
    config.write_text(text.replace(old, new, 1), encoding="utf-8")
    lines = config.read_text().splitlines()
    line = next(n for n, text in enumerate(lines, 1) if text.startswith(key))
    found = [d for d in check_repository(demo_copy).diagnostics if d.code == "repo-mismatch"]
    assert [(d.path, d.line, d.severity.value) for d in found] == [("mkdocs.yml", line, "error")]
    assert "hollowmere-together/strategy" in found[0].message


@pytest.mark.parametrize("group_id", ["Carer Group", "carer\n", "-carer", "carers'"])
def test_a_group_id_that_is_not_an_id_is_refused_at_the_key(tmp_path: Path, group_id: str) -> None:
    key = '"' + group_id.replace("\n", "\\n") + '"'
    problems = _problems(
        tmp_path, f"plugins:\n  - commonplan:\n      groups:\n        {key}: Carers\n"
    )
    assert problems == [
        (
            (4, 9),
            f"plugin 'commonplan': '{group_id}' is not a valid id for 'groups': use lowercase"
            " letters, digits and '-', starting with a letter or digit",
        )
    ]
