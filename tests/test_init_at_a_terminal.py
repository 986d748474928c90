"""`commonplan init` at a terminal asks for what was left out (and only there: without one
it refuses, tested in tests/acceptance/test_start_a_strategy.py)."""

from __future__ import annotations

import os
import select
import subprocess
import sys
from pathlib import Path

from commonplan.config import load_settings

COMMONPLAN = Path(sys.executable).parent / "commonplan"


def at_a_terminal(args: list[str], answers: str, cwd: Path) -> tuple[int, str]:
    """Run a command with a pseudo-terminal as its standard input and output, typing
    ``answers``; its exit code and everything it showed."""
    controller, terminal = os.openpty()
    process = subprocess.Popen(
        args, stdin=terminal, stdout=terminal, stderr=terminal, cwd=cwd, close_fds=True
    )
    os.close(terminal)
    os.write(controller, answers.encode())
    shown = b""
    while True:
        ready, _, _ = select.select([controller], [], [], 60)
        if not ready:
            process.kill()
            break
        try:
            chunk = os.read(controller, 4096)
        except OSError:  # the command ended and closed the terminal
            break
        if not chunk:
            break
        shown += chunk
    os.close(controller)
    return process.wait(timeout=60), shown.decode(errors="replace")


def test_the_name_repository_and_email_are_asked_for(tmp_path: Path) -> None:
    code, shown = at_a_terminal(
        [str(COMMONPLAN), "init", "ours"],
        "Kettlebridge Food\nkfw/strategy\ntalk@kfw.example.org\n",
        tmp_path,
    )
    assert code == 0, shown
    assert "The strategy's name" in shown
    assert "Its GitHub repository (OWNER/NAME)" in shown
    assert "An e-mail address for feedback (Enter for none)" in shown
    settings = load_settings(tmp_path / "ours")
    assert (settings.site_name, settings.repo, settings.email) == (
        "Kettlebridge Food",
        "kfw/strategy",
        "talk@kfw.example.org",
    )


def test_enter_leaves_the_email_out(tmp_path: Path) -> None:
    code, shown = at_a_terminal(
        [str(COMMONPLAN), "init", "ours", "--name", "Kettlebridge Food", "--repo", "kfw/s"],
        "\n",
        tmp_path,
    )
    assert code == 0, shown
    assert "The strategy's name" not in shown  # given: not asked
    assert load_settings(tmp_path / "ours").email is None
