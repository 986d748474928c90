"""A second organisation starts its own strategy from the platform as a package: a wheel
built from this repository, installed in a fresh virtual environment outside it."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import sysconfig
from dataclasses import dataclass
from pathlib import Path

import pytest

from ..conftest import ROOT

# Words of the demo town: none of them may reach another organisation's repository or site.
DEMO_WORDS = re.compile(
    r"hollowmere|upper dale|warm-spaces|carers-breaks|getting-about|dale-community",
    re.IGNORECASE,
)
PACKAGE_SOURCES = ("pyproject.toml", "README.md", "scripts")


@dataclass(frozen=True)
class Installed:
    python: Path
    commonplan: Path

    def run(self, *args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        return subprocess.run(
            [str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, check=False
        )


def _run(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [str(a) for a in args], cwd=cwd, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    """The wheel, in a new virtual environment. Its dependencies come from this one's
    site-packages (a path entry, not an install), so nothing is fetched from a network."""
    work = tmp_path_factory.mktemp("package")
    source, wheels, venv = work / "source", work / "wheels", work / "venv"
    source.mkdir()
    for name in PACKAGE_SOURCES:  # built from a copy: the build leaves nothing in the repo
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, source / name, ignore=shutil.ignore_patterns("*.egg-info"))
        else:
            shutil.copy(ROOT / name, source / name)
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--no-cache-dir"]
    _run(*pip, "wheel", "--quiet", "--no-deps", "--no-build-isolation", "-w", wheels, source)
    [wheel] = wheels.glob("commonplan-*.whl")
    _run(sys.executable, "-m", "venv", venv)
    python = venv / "bin" / "python"
    code = "import sysconfig; print(sysconfig.get_paths()['purelib'])"
    purelib = Path(_run(python, "-c", code).stdout.strip())
    (purelib / "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    _run(python, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", wheel)
    return Installed(python, venv / "bin" / "commonplan")


def test_init_validate_build_and_a_new_proposal(installed: Installed, tmp_path: Path) -> None:
    strategy = tmp_path / "food-and-warmth"
    started = installed.run(
        installed.commonplan,
        *("init", strategy, "--name", "Food and Warmth Partnership"),
        *("--repo", "fwp-kettlebridge/strategy", "--email", "talk@fwp.example.org"),
        *(
            "--group",
            "tenant=Tenants",
            "--group",
            "carer=Carers",
            "--group",
            "volunteer=Volunteers",
        ),
        cwd=tmp_path,
    )
    assert started.returncode == 0, started.stdout + started.stderr
    where = installed.run(
        installed.python, "-c", "import commonplan; print(commonplan.__file__)", cwd=tmp_path
    )
    assert str(ROOT) not in where.stdout  # the wheel's copy, not this repository's

    def check_and_build() -> None:
        checked = installed.run(installed.commonplan, "validate", cwd=strategy)
        assert checked.returncode == 0, checked.stdout
        # Warnings only: the starter words, to be replaced (and the site still builds).
        assert checked.stdout.splitlines()[-1].startswith("0 errors, ")
        built = installed.run(installed.python, "-m", "mkdocs", "build", "--strict", cwd=strategy)
        assert built.returncode == 0, built.stderr
        assert (strategy / "build-site" / "proposals" / "first-plan" / "index.html").is_file()

    check_and_build()
    added = installed.run(
        installed.commonplan,
        *("new", "proposal", "warm-homes", "--title", "Warm homes this winter"),
        *("--owner", "food-and-warmth-partnership", "--invite", "tenant"),
        cwd=strategy,
    )
    assert added.returncode == 0, added.stdout + added.stderr
    # The issue form and CODEOWNERS follow by themselves: publishing never stops for them.
    assert "Updated .github/ISSUE_TEMPLATE/feedback.yml" in added.stdout
    assert "Updated .github/CODEOWNERS" in added.stdout
    check_and_build()
    upgraded = installed.run(installed.commonplan, "upgrade", "--check", cwd=strategy)
    assert upgraded.returncode == 0, upgraded.stdout + upgraded.stderr

    texts = {
        p.relative_to(strategy).as_posix(): p.read_text(encoding="utf-8", errors="replace")
        for p in strategy.rglob("*")
        if p.is_file()
    }
    assert [rel for rel, text in texts.items() if DEMO_WORDS.search(text)] == []
    assert "build-site/" in texts[".gitignore"].splitlines()  # shipped in the wheel too
    requirement = texts["requirements.txt"]
    # With the second engine, so that `engine: zensical` alone switches to it.
    assert re.search(r"^commonplan\[zensical\]==\d+\.\d+\.\d+$", requirement, re.MULTILINE)
    for workflow in (strategy / ".github" / "workflows").glob("*.yml"):
        text = workflow.read_text(encoding="utf-8")
        assert "-r requirements.txt" in text
        assert "requirements/runtime.lock" not in text and "-e ." not in text


def test_a_folder_that_is_not_empty_is_refused(installed: Installed, tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine\n", encoding="utf-8")
    refused = installed.run(
        installed.commonplan,
        *("init", tmp_path, "--name", "X", "--repo", "o/r"),
        cwd=tmp_path,
    )
    assert refused.returncode == 1
    assert "is not empty" in refused.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_missing_options_are_never_asked_for_without_a_terminal(
    installed: Installed, tmp_path: Path
) -> None:
    refused = installed.run(installed.commonplan, "init", tmp_path / "new", cwd=tmp_path)
    assert refused.returncode == 1
    assert "give --name: nothing was written" in refused.stderr
    assert not (tmp_path / "new").exists()
