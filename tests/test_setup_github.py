"""`commonplan setup-github`: through the CLI, against the fake GitHub over real HTTP."""

from __future__ import annotations

from pathlib import Path

from commonplan.github.labels import (
    ANSWERED_LABEL,
    FEEDBACK_LABEL,
    NEEDS_INFO_LABEL,
    RECORDED_LABEL,
    REPORT_LABEL,
    REPORTED_LABEL,
)
from commonplan.github.setup import LABELS

from .fakegithub import FakeGitHub
from .githubloop import REPO, cli, github

__all__ = ["github"]  # the fixture


def setup(root: Path, url: str, *extra: str) -> tuple[int, str]:
    result = cli("setup-github", "--root", str(root), "--repo", REPO, "--api-url", url, *extra)
    return result.exit_code, result.output


def test_a_fresh_repository_gets_everything(
    github: tuple[FakeGitHub, str], demo_copy: Path
) -> None:
    fake, url = github
    code, output = setup(demo_copy, url)
    assert code == 0, output
    names = {label["name"] for label in fake.repo_labels.values()}
    assert names == {
        FEEDBACK_LABEL,
        RECORDED_LABEL,
        NEEDS_INFO_LABEL,
        ANSWERED_LABEL,
        REPORT_LABEL,
        REPORTED_LABEL,
    }
    for label in fake.repo_labels.values():
        assert (label["color"], label["description"]) == LABELS[label["name"]]
    assert fake.pages is not None and fake.pages["build_type"] == "workflow"
    assert fake.workflow_permissions == {
        "default_workflow_permissions": "read",
        "can_approve_pull_request_reviews": True,
    }
    protection = fake.protections["main"]
    assert protection["required_pull_request_reviews"]["require_code_owner_reviews"] is True
    assert protection["required_status_checks"] is None
    assert protection["enforce_admins"] is False
    assert protection["restrictions"] is None
    assert "Everything is now in place" in output


def test_a_second_run_writes_nothing(github: tuple[FakeGitHub, str], demo_copy: Path) -> None:
    fake, url = github
    assert setup(demo_copy, url)[0] == 0
    before = len(fake.writes())
    code, output = setup(demo_copy, url)
    assert (code, fake.writes()[before:]) == (0, [])
    assert f"Everything is in place on {REPO}." in output
    assert setup(demo_copy, url, "--check")[0] == 0


def test_check_on_a_fresh_repository_writes_nothing_and_fails(
    github: tuple[FakeGitHub, str], demo_copy: Path
) -> None:
    fake, url = github
    code, output = setup(demo_copy, url, "--check")
    assert code == 1
    assert fake.writes() == []
    assert f"label '{FEEDBACK_LABEL}'" in output
    assert "Source: GitHub Actions" in output
    assert "Allow GitHub Actions to create and approve pull requests" in output
    assert "Require review from Code Owners" in output


def test_only_what_is_missing_is_set(github: tuple[FakeGitHub, str], demo_copy: Path) -> None:
    fake, url = github
    fake.add_label("Feedback", "c2e0c6", "Our own words")  # GitHub's names ignore case
    fake.add_label(RECORDED_LABEL)  # made by hand, no description
    fake.pages = {"build_type": "legacy", "source": {"branch": "gh-pages", "path": "/"}}
    fake.protections["main"] = {
        "required_status_checks": {"strict": True, "contexts": ["validate"]},
        "enforce_admins": True,
        "required_pull_request_reviews": {"required_approving_review_count": 2},
        "restrictions": None,
    }
    code, output = setup(demo_copy, url)
    assert code == 0, output
    assert fake.repo_labels["feedback"] == {
        "name": "Feedback",
        "color": "c2e0c6",
        "description": "Our own words",
    }
    assert fake.repo_labels[RECORDED_LABEL]["description"] == LABELS[RECORDED_LABEL][1]
    assert fake.pages["build_type"] == "workflow"
    protection = fake.protections["main"]
    assert protection["required_status_checks"] == {"strict": True, "contexts": ["validate"]}
    assert protection["enforce_admins"] is True
    reviews = protection["required_pull_request_reviews"]
    assert reviews["require_code_owner_reviews"] is True
    assert reviews["required_approving_review_count"] == 2
    assert setup(demo_copy, url)[0] == 0


def test_a_token_without_admin_rights_changes_nothing(
    github: tuple[FakeGitHub, str], demo_copy: Path
) -> None:
    fake, url = github
    fake.admin = False
    code, output = setup(demo_copy, url)
    assert code == 1
    assert fake.writes() == []
    assert fake.repo_labels == {}
    assert "The token may not read these settings" in output
    assert "GitHub Pages" in output
    assert "workflow permissions of GitHub Actions" in output
    assert "protection of branch 'main'" in output
    assert "Must have admin rights to Repository." in output
    assert "Nothing was changed" in output
    assert "admin rights" in output


def test_a_private_repository_is_reported_with_the_setting(
    github: tuple[FakeGitHub, str], demo_copy: Path
) -> None:
    fake, url = github
    fake.private = True
    code, output = setup(demo_copy, url)
    assert code == 1
    assert "the repository is private" in output
    assert "Settings → General → Danger Zone → Change visibility" in output
    assert fake.pages is not None  # what can be set is set
    assert setup(demo_copy, url, "--check")[0] == 1


def test_the_mail_password_secret_is_to_do_by_hand(
    github: tuple[FakeGitHub, str], demo_copy: Path
) -> None:
    fake, url = github
    mkdocs = demo_copy / "mkdocs.yml"
    text = mkdocs.read_text(encoding="utf-8")
    assert "- commonplan:\n" in text
    mkdocs.write_text(
        text.replace(
            "- commonplan:\n",
            "- commonplan:\n      imap:\n        host: mail.example.org\n"
            "        user: feedback\n        password_env: HOLLOWMERE_MAIL\n",
            1,
        ),
        encoding="utf-8",
    )
    code, output = setup(demo_copy, url)
    assert code == 1
    assert "secret named HOLLOWMERE_MAIL" in output
    assert "Settings → Secrets and variables → Actions → New repository secret" in output
    fake.secrets.append("HOLLOWMERE_MAIL")
    code, output = setup(demo_copy, url)
    assert code == 0, output
    assert "Everything is in place" in output


def test_everything_is_set_on_an_enterprise_server_under_api_v3(demo_copy: Path) -> None:
    """GitHub Enterprise Server serves the same API under /api/v3: every setting is read and
    written there, and a second run changes nothing."""
    fake = FakeGitHub(REPO, prefix="/api/v3")
    with fake.serve() as url:
        assert url.endswith("/api/v3")
        code, output = setup(demo_copy, url)
        assert code == 0, output
        assert fake.pages is not None and fake.pages["build_type"] == "workflow"
        assert fake.workflow_permissions["can_approve_pull_request_reviews"] is True
        assert fake.protections["main"]["required_pull_request_reviews"][
            "require_code_owner_reviews"
        ]
        assert len(fake.repo_labels) == len(LABELS)
        assert fake.log and all(path.startswith("/api/v3/") for _, path in fake.log)
        before = len(fake.writes())
        assert setup(demo_copy, url, "--check")[0] == 0
        assert fake.writes()[before:] == []
