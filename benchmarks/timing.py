"""Timing a command as a fresh process, the way every benchmark here compares two sides."""

from __future__ import annotations

import subprocess
import sys
import time


def timed(command: list[str], env: dict[str, str] | None = None) -> float:
    """Seconds ``command`` took; a failing command stops the benchmark with its output."""
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False, env=env)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"{' '.join(command)} failed:\n{done.stdout[-3000:]}{done.stderr[-3000:]}")
    return elapsed
