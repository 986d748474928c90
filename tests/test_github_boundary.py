"""The package runs without PyGithub, and untrusted text stays text on its way through."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from .fakegithub import FakeGitHub
from .githubloop import cli_ingest, form_body, github

__all__ = ["github"]

PACKAGE = Path(__file__).resolve().parent.parent / "scripts" / "commonplan"
WORKFLOWS = PACKAGE.parent.parent / ".github" / "workflows"


def test_the_package_works_without_pygithub(demo_copy: Path) -> None:
    """Block PyGithub, import every other module, and validate and generate files."""
    script = f"""
import sys, importlib, pkgutil
sys.modules["github"] = None  # any import of PyGithub now fails
import commonplan
for module in pkgutil.walk_packages(commonplan.__path__, "commonplan."):
    if module.name != "commonplan.github.client":
        importlib.import_module(module.name)
from commonplan.cli.app import main
sys.argv = ["commonplan", "forms", "--root", {str(demo_copy)!r}]
main()
"""
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert "wrote .github/ISSUE_TEMPLATE/feedback.yml" in done.stdout


def _run_marker(marker: Path) -> str:
    """Shell text that creates ``marker`` if any step hands it to a shell."""
    return f"$(touch {marker}) `touch {marker}`"


def test_hostile_text_is_recorded_exactly_as_written(
    github: tuple[FakeGitHub, str], demo_copy: Path, tmp_path: Path
) -> None:
    fake, url = github
    marker = tmp_path / "pwned"
    hostile = (
        f"Try ${{{{ github.token }}}} and {_run_marker(marker)} <script>alert(1)</script> 'x'\""
    )
    number = fake.add_issue(form_body(body=hostile), title=f"{_run_marker(marker)} ${{{{ x }}}}")

    assert cli_ingest(demo_copy, url).exit_code == 0

    rel = f"feedback/warm-spaces/warm-spaces-issue-{number}.yml"
    stored = fake.files(f"feedback/issue-{number}")[rel]
    assert yaml.safe_load(stored)["body"] == hostile + "\n"
    [pull] = fake.open_pulls()
    assert pull["title"] == f"Feedback on warm-spaces from issue #{number}"  # no issue title
    assert not marker.exists()
    # The check above can fail: the same words, read by a shell, do create the marker.
    control = tmp_path / "control"
    subprocess.run(["sh", "-c", f"echo {_run_marker(control)}"], capture_output=True, check=True)
    assert control.exists()


def test_no_workflow_puts_event_text_into_a_run_line() -> None:
    for path in WORKFLOWS.glob("*.yml"):
        workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
        for job in workflow["jobs"].values():
            for step in job["steps"]:
                assert "${{" not in step.get("run", ""), f"{path.name}: {step.get('name')}"
                if "uses" in step:
                    ref = step["uses"].split("@")[1]
                    assert re.fullmatch(r"[0-9a-f]{40}", ref), f"{path.name}: {step['uses']}"
        triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
        assert "pull_request_target" not in triggers and "workflow_run" not in triggers


@pytest.mark.parametrize("name", ["forms", "codeowners", "ingest", "notify"])
def test_the_github_guide_documents_the_github_commands_and_their_options(name: str) -> None:
    from commonplan.cli.app import main

    readme = (PACKAGE.parent.parent / "docs" / "github.md").read_text(encoding="utf-8")
    assert f"commonplan {name}" in readme
    flags = [
        flag
        for option in main.commands[name].params
        for flag in option.opts
        if flag.startswith("--") and flag not in ("--root", "--help")
    ]
    assert [flag for flag in flags if flag not in readme] == []


def test_tests_cannot_reach_beyond_this_machine() -> None:
    with (
        socket.socket(socket.AF_INET, socket.SOCK_STREAM) as raw,
        pytest.raises(ConnectionRefusedError, match=r"may not connect to 192\.0\.2\.1"),
    ):
        raw.connect(("192.0.2.1", 443))
    with pytest.raises(socket.gaierror, match=r"may not look up api\.github\.com"):
        socket.getaddrinfo("api.github.com", 443)
