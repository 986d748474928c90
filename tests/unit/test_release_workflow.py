"""The release workflow: the tag must be the package's version, and PyPI gets the very files
the GitHub release has, only by trusted publishing and only once the repository says so."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import Any

import yaml

from commonplan import __version__

ROOT = Path(__file__).resolve().parents[2]
WORKFLOW: dict[Any, Any] = yaml.safe_load((ROOT / ".github/workflows/release.yml").read_text())


def step(job: str, name: str) -> dict[str, Any]:
    return next(s for s in WORKFLOW["jobs"][job]["steps"] if s.get("name") == name)


def run_tag_check(tag: str) -> subprocess.CompletedProcess[str]:
    script = step("release", "The tag is the package's version")["run"]
    return subprocess.run(
        ["bash", "-c", script],
        cwd=ROOT,
        env={"TAG": tag, "PATH": os.environ["PATH"]},
        capture_output=True,
        text=True,
    )


def test_the_tag_must_be_the_packages_version() -> None:
    assert run_tag_check(f"v{__version__}").returncode == 0
    wrong = run_tag_check("v0.0.0-not-this")
    assert wrong.returncode == 1
    assert f"is not v{__version__}" in wrong.stdout


def test_pypi_gets_the_release_files_by_trusted_publishing_only_when_switched_on() -> None:
    pypi = WORKFLOW["jobs"]["pypi"]
    assert pypi["needs"] == "release"
    assert pypi["if"] == "vars.PYPI_PUBLISH == 'true'"
    assert pypi["permissions"] == {"id-token": "write"}  # no password, no other rights
    assert pypi["environment"]["name"] == "pypi"
    uses = [s["uses"].split("@")[0] for s in pypi["steps"]]
    assert uses == ["actions/download-artifact", "pypa/gh-action-pypi-publish"]
    assert not any("with" in s and "password" in s["with"] for s in pypi["steps"])
    uploaded = next(
        s for s in WORKFLOW["jobs"]["release"]["steps"] if "upload-artifact" in s.get("uses", "")
    )
    assert uploaded["with"]["name"] == pypi["steps"][0]["with"]["name"]
