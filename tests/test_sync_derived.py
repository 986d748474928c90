"""`commonplan sync-derived`: a proposal added on the default branch by hand gets the issue
form and CODEOWNERS brought in step by one bot pull request, against the fake GitHub."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import yaml
from click.testing import Result

from commonplan.github.derived import BRANCH_PREFIX, TITLE
from commonplan.repository import in_step_files

from .conftest import ROOT
from .fakegithub import FakeGitHub
from .githubloop import REPO, cli, github

__all__ = ["github"]  # the fixture
FORM = ".github/ISSUE_TEMPLATE/feedback.yml"
OWNERS = ".github/CODEOWNERS"


def on_github(fake: FakeGitHub, root: Path) -> None:
    """The default branch holds what ``root`` holds: its data and the generated files."""
    files = {
        p.relative_to(root).as_posix(): p.read_text(encoding="utf-8")
        for folder in ("proposals", "teams", "feedback", ".github")
        for p in sorted((root / folder).rglob("*"))
        if p.is_file()
    }
    fake.set_branch("main", files, "A push")


def sync(root: Path, url: str) -> Result:
    return cli("sync-derived", "--root", str(root), "--repo", REPO, "--api-url", url)


def add_by_hand(root: Path, proposal_id: str) -> None:
    (root / "proposals" / f"{proposal_id}.md").write_text(
        f"---\ntitle: {proposal_id} by hand\nowner: council-adult-care\nstatus: draft\n"
        "summary: Typed into GitHub's editor.\n---\n## What\n\nText.\n",
        encoding="utf-8",
    )


def test_in_step_data_needs_no_pull_request(
    github: tuple[FakeGitHub, str], demo_copy: Path
) -> None:
    fake, url = github
    on_github(fake, demo_copy)
    done = sync(demo_copy, url)
    assert done.exit_code == 0, done.output
    assert "nothing to do" in done.output
    assert fake.writes() == []


def test_a_proposal_added_by_hand_gets_one_pull_request_that_brings_both_files_in_step(
    github: tuple[FakeGitHub, str], demo_copy: Path
) -> None:
    fake, url = github
    add_by_hand(demo_copy, "by-hand")
    on_github(fake, demo_copy)
    done = sync(demo_copy, url)
    assert done.exit_code == 0, done.output
    [pull] = fake.open_pulls()
    number = next(n for n, p in fake.pulls.items() if p is pull)
    assert pull["title"] == TITLE
    assert pull["head"].startswith(BRANCH_PREFIX)
    # Both languages' feedback forms list the plans.
    welsh = FORM.replace(".yml", ".cy.yml")
    assert f"Opened pull request #{number} for {OWNERS}, {welsh}, {FORM}" in done.output
    wanted = in_step_files(demo_copy)
    changed = fake.merge(number)
    assert sorted(changed) == [OWNERS, welsh, FORM]
    assert {rel: fake.files("main")[rel] for rel in wanted} == wanted
    assert "by-hand" in fake.files("main")[FORM]
    assert "/proposals/by-hand.md @" in fake.files("main")[OWNERS]


def test_a_later_push_updates_the_open_pull_request_instead_of_opening_another(
    github: tuple[FakeGitHub, str], demo_copy: Path
) -> None:
    fake, url = github
    add_by_hand(demo_copy, "first-by-hand")
    on_github(fake, demo_copy)
    assert sync(demo_copy, url).exit_code == 0
    add_by_hand(demo_copy, "second-by-hand")
    on_github(fake, demo_copy)
    again = sync(demo_copy, url)
    assert again.exit_code == 0, again.output
    [pull] = fake.open_pulls()
    number = next(n for n, p in fake.pulls.items() if p is pull)
    assert f"Brought up to date pull request #{number}" in again.output
    form = fake.files(pull["head"])[FORM]
    assert "first-by-hand" in form and "second-by-hand" in form
    before = len(fake.writes())
    assert sync(demo_copy, url).exit_code == 0  # nothing new: nothing written
    assert fake.writes()[before:] == []


def test_data_with_errors_is_refused_with_nothing_done(
    github: tuple[FakeGitHub, str], demo_copy: Path
) -> None:
    fake, url = github
    (demo_copy / "proposals" / "broken.md").write_text("---\ntitle: [\n---\n", encoding="utf-8")
    on_github(fake, demo_copy)
    refused = sync(demo_copy, url)
    assert refused.exit_code == 1
    assert "proposals/broken.md" in refused.output
    assert "before making the issue forms and CODEOWNERS" in refused.output
    assert fake.log == []  # GitHub was never asked


def test_the_workflow_runs_it_on_a_push_that_changes_plans_or_teams(
    github: tuple[FakeGitHub, str], demo_copy: Path
) -> None:
    """The workflow's own step, run as the runner would (its env, a shell, the checkout)."""
    fake, url = github
    workflow = yaml.safe_load((ROOT / ".github/workflows/derived.yml").read_text())
    paths = workflow[True]["push"]["paths"]  # YAML 1.1 reads the key `on` as true
    assert {"proposals/**", "teams/**"} <= set(paths)
    [step] = [s for s in workflow["jobs"]["in-step"]["steps"] if "sync-derived" in s.get("run", "")]
    add_by_hand(demo_copy, "by-hand")
    on_github(fake, demo_copy)
    tools = str(Path(sys.executable).parent)
    env = {
        **os.environ,
        "PATH": f"{tools}:{os.environ['PATH']}",
        "GITHUB_TOKEN": "test-token",
        "REPOSITORY": REPO,
        "BASE": "main",
        "API_URL": url,
    }
    done = subprocess.run(
        step["run"], shell=True, cwd=demo_copy, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert [p["title"] for p in fake.open_pulls()] == [TITLE]
