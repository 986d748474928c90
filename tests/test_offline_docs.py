"""The facilitator and organiser pages stay true: every command they quote exists with those
options, every mailbox option and template column is explained, and the pages build."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import click
import pytest
from bs4 import BeautifulSoup, Tag
from click.testing import CliRunner

from commonplan.cli.app import main
from commonplan.config import ImapSettings
from commonplan.repository import check_repository
from commonplan.vocabulary import HEADERS

from .conftest import ROOT

PAGES = ("site/facilitators.md", "site/organisers.md", "site/take-part/index.md")
FENCE = re.compile(r"^```(\w*)\n(.*?)^```", re.MULTILINE | re.DOTALL)


def quoted_commands() -> list[tuple[str, list[str]]]:
    commands = []
    for page in PAGES:
        text = (ROOT / page).read_text(encoding="utf-8")
        for language, block in FENCE.findall(text):
            for line in block.splitlines():
                if language == "sh" and line.startswith("commonplan "):
                    commands.append((page, shlex.split(line)[1:]))
    return commands


def test_the_pages_quote_commands() -> None:
    quoted = {args[0] for _, args in quoted_commands()}
    assert {"import-csv", "ingest-mail", "new", "respond", "revise"} <= quoted


@pytest.mark.parametrize(("page", "args"), quoted_commands(), ids=lambda v: str(v)[:60])
def test_each_quoted_command_parses(
    page: str, args: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Parsing checks every option, choice and required value, without running anything."""
    monkeypatch.chdir(tmp_path)
    for word in args:
        if word.endswith(".csv"):
            (tmp_path / word).write_text("feedback\n")
    command: click.Command = main
    words = list(args)
    context = click.Context(main, info_name="commonplan")
    while isinstance(command, click.Group):
        name = words.pop(0)
        found = command.get_command(context, name)
        assert found is not None, f"{page}: no command '{name}'"
        command = found
    try:
        command.make_context(command.name or "", words)
    except click.ClickException as exc:
        pytest.fail(f"{page}: `commonplan {' '.join(args)}`: {exc.format_message()}")


def test_the_organisers_commands_work_as_written(demo_copy: Path) -> None:
    """In the order the page gives them: a later one may use what an earlier one made."""
    commands = [args for page, args in quoted_commands() if page.endswith("organisers.md")]
    assert {args[0] for args in commands} == {"new", "respond", "revise", "action"}
    for args in commands:
        outcome = CliRunner().invoke(main, [*args, "--root", str(demo_copy)])
        assert outcome.exit_code == 0, (args, outcome.output)
    assert check_repository(demo_copy).diagnostics.ok


def test_every_mailbox_option_is_explained() -> None:
    text = (ROOT / "site/organisers.md").read_text(encoding="utf-8")
    for name in ImapSettings.model_fields:
        assert f"| `{name}` |" in text, name


def test_every_template_column_is_explained() -> None:
    text = (ROOT / "site/take-part/index.md").read_text(encoding="utf-8")
    header = (ROOT / "site/take-part/feedback-template.csv").read_text().strip().split(",")
    assert header == list(HEADERS)
    for column in HEADERS:
        assert f"| `{column}` |" in text, column


def _section(soup: BeautifulSoup, heading: str) -> list[Tag]:
    """The elements under a heading, up to the next heading of the same level."""
    title = soup.find(lambda tag: tag.name == "h2" and tag.get_text(strip=True).startswith(heading))
    assert isinstance(title, Tag), heading
    content = []
    for sibling in title.find_next_siblings():
        if sibling.name == "h2":
            break
        content.append(sibling)
    return content


def test_the_pages_build_and_link_the_template(tmp_path: Path) -> None:
    out = tmp_path / "built"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "-q",
            "-f",
            str(ROOT / "mkdocs.yml"),
            "-d",
            str(out),
        ],
        check=True,
        env=env,
        cwd=ROOT,
    )
    facilitators = BeautifulSoup((out / "facilitators/index.html").read_text(), "html.parser")
    under = _section(facilitators, "Import the spreadsheet")
    code = " ".join(tag.get_text() for tag in under if tag.find("code") or tag.name == "pre")
    assert "commonplan import-csv" in code
    assert "--dry-run" in code

    take_part = BeautifulSoup((out / "take-part/index.html").read_text(), "html.parser")
    links = [a["href"] for a in take_part.select("article a[href]")]
    template = next(href for href in links if str(href).endswith("feedback-template.csv"))
    target = (out / "take-part" / str(template)).resolve()
    assert target.read_text().startswith("proposal,section,group,stance,feedback,team,date")
