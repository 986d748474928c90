"""A new strategy's guides speak of it, not of the demo: every command they quote runs,
as written, in the repository `init` made (another organisation's groups and teams)."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from commonplan.cli.app import main
from commonplan.repository import check_repository

FENCE = re.compile(r"^```(\w*)\n(.*?)^```", re.MULTILINE | re.DOTALL)
# The facilitators record feedback first; the organisers then answer it.
GUIDES = ("site/facilitators.md", "site/organisers.md")
# Commands that need something the repository cannot give on its own (a spreadsheet, a
# mailbox): they are checked to parse in tests/test_offline_docs.py for the demo's pages.
NEEDS_MORE = {"import-csv", "ingest-mail"}


@pytest.fixture
def strategy(tmp_path: Path) -> Path:
    root = tmp_path / "ours"
    started = CliRunner().invoke(
        main,
        [
            *("init", str(root), "--name", "Kettlebridge Food and Warmth"),
            *("--repo", "kfw/strategy", "--email", "talk@kfw.example.org"),
            *("--group", "tenant=Tenants", "--group", "volunteer=Volunteers"),
        ],
    )
    assert started.exit_code == 0, started.output
    return root


def commands(root: Path) -> list[list[str]]:
    found = []
    for guide in GUIDES:
        for language, block in FENCE.findall((root / guide).read_text(encoding="utf-8")):
            found += [
                shlex.split(line)[1:]
                for line in block.splitlines()
                if language == "sh" and line.startswith("commonplan ")
            ]
    return found


def test_every_command_of_the_guides_runs_in_the_new_repository(strategy: Path) -> None:
    quoted = commands(strategy)
    assert {args[0] for args in quoted} >= {"new", "respond", "revise", "action"}
    for args in quoted:
        if args[0] in NEEDS_MORE:
            continue
        outcome = CliRunner().invoke(main, [*args, "--root", str(strategy)])
        assert outcome.exit_code == 0, (args, outcome.output)
    assert check_repository(strategy).diagnostics.ok


def test_the_guides_name_its_groups_and_teams(strategy: Path) -> None:
    text = "\n".join((strategy / page).read_text() for page in (*GUIDES, "site/take-part/index.md"))
    assert "--group tenant" in text or "--invite tenant" in text
    assert "kettlebridge-food-and-warmth" in text
    assert "talk@kfw.example.org" in text
    assert not re.search(r"carer|citizen|hollowmere", text, re.IGNORECASE)


def test_the_starter_words_are_warned_of_until_replaced(strategy: Path) -> None:
    found = check_repository(strategy).diagnostics
    placeholders = sorted(d.path for d in found.warnings if d.code == "placeholder")
    assert placeholders == [
        "proposals/first-plan.md",
        "proposals/first-plan.md",
        "proposals/first-plan.md",
        "teams/kettlebridge-food-and-warmth.yml",
    ]
    assert found.ok  # warnings only: the site still builds and publishes
    plan = strategy / "proposals" / "first-plan.md"
    text = plan.read_text(encoding="utf-8")
    for words in (
        "One or two plain sentences: what changes, and for whom.",
        "Say why this is needed, in plain words, and who told you.",
        "Each heading becomes a section people can comment on.",
    ):
        text = text.replace(words, "Our own words.")
    plan.write_text(text, encoding="utf-8")
    team = strategy / "teams" / "kettlebridge-food-and-warmth.yml"
    team.write_text(
        team.read_text().replace("What the team is and does, and where it meets.", "We cook."),
        encoding="utf-8",
    )
    assert not [d for d in check_repository(strategy).diagnostics if d.code == "placeholder"]


def test_a_proposal_added_by_hand_does_not_stop_publishing(strategy: Path) -> None:
    """The publish workflow's own commands, in order, on a repository whose issue form and
    CODEOWNERS fell behind (a proposal written in GitHub's editor)."""
    import os
    import subprocess
    import sys

    import yaml

    (strategy / "proposals" / "by-hand.md").write_text(
        "---\ntitle: Written by hand\nowner: kettlebridge-food-and-warmth\nstatus: draft\n"
        "summary: A plan typed into GitHub's editor.\n---\n## What\n\nText.\n",
        encoding="utf-8",
    )
    stale = [d.code for d in check_repository(strategy).diagnostics.errors]
    assert stale == ["out-of-date", "out-of-date"]
    workflow = yaml.safe_load((strategy / ".github/workflows/publish.yml").read_text())
    steps = [s["run"] for s in workflow["jobs"]["build"]["steps"] if "run" in s]
    commands = [line for step in steps for line in step.splitlines() if line.strip()]
    tools = str(Path(sys.executable).parent)
    env = {**os.environ, "PATH": f"{tools}:{os.environ['PATH']}", "NO_MKDOCS_2_WARNING": "1"}
    for command in commands:
        if command.startswith("python -m pip"):
            continue  # installing is the runner's; the tools are installed here
        done = subprocess.run(
            command, shell=True, cwd=strategy, env=env, capture_output=True, text=True
        )
        assert done.returncode == 0, (command, done.stdout, done.stderr)
    assert (strategy / "build-site" / "proposals" / "by-hand" / "index.html").is_file()


def test_what_the_build_makes_is_never_committed(strategy: Path) -> None:
    ignored = (strategy / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert {"build-site/", ".venv/"} <= set(ignored)
