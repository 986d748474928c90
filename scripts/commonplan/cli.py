"""The `commonplan` command: thin wrappers over the layers, one function per command."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from .report import REPORTERS

if TYPE_CHECKING:
    from .corpus import Corpus
    from .ingest import Summary
    from .remote import Remote, RetryPolicy


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="commonplan")
def main() -> None:
    """Check, build and feed a participatory strategy that lives in this repository."""


@main.command()
@click.argument("path", default=".", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option(
    "--format",
    "output_format",
    type=click.Choice(sorted(REPORTERS)),
    default="text",
    show_default=True,
    help="text lines, GitHub workflow annotations, or JSON.",
)
def validate(path: Path, output_format: str) -> None:
    """Check every team, proposal and feedback file under PATH.

    Exits 0 when there are no errors (warnings allowed), 1 when there are errors.
    """
    from .validate import validate_repository

    result = validate_repository(path)
    click.echo(REPORTERS[output_format](result.diagnostics), nl=False)
    sys.exit(0 if result.diagnostics.ok else 1)


@main.command()
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("schemas"),
    show_default=True,
    help="Folder to write the JSON Schemas to.",
)
@click.option(
    "--root",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=Path(),
    show_default=True,
    help="Repository whose mkdocs.yml names the stakeholder groups.",
)
def schema(out_dir: Path, root: Path) -> None:
    """Write JSON Schemas for team, proposal and feedback files (for editors and tools)."""
    from .config import SettingsError, load_settings
    from .schema import write_schemas

    try:
        settings = load_settings(root)
    except SettingsError as exc:
        raise click.ClickException(str(exc)) from exc
    for written in write_schemas(out_dir, settings.groups):
        click.echo(f"wrote {written}")


ROOT_OPTION = click.option(
    "--root",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=Path(),
    show_default=True,
    help="The strategy repository (its base branch, checked out).",
)


def _write_generated(root: Path, kind: str) -> None:
    """Write a file made from the data, after checking the data it is made from."""
    from .codeowners import expected_codeowners
    from .diagnostics import Diagnostics
    from .files import write_atomic
    from .forms import expected_form
    from .validate import validate_repository

    result = validate_repository(root)
    # A stale generated file is what this command fixes; any other error must go first.
    blocking = [d for d in result.diagnostics.errors if d.code != "out-of-date"]
    if blocking:
        click.echo(
            REPORTERS["text"](Diagnostics(blocking, result.diagnostics.files_checked)),
            nl=False,
            err=True,
        )
        raise click.ClickException(f"fix the errors above before writing the {kind}")
    item = expected_form(result.corpus) if kind == "form" else expected_codeowners(result.corpus)
    write_atomic(root / item.rel, item.content)
    click.echo(f"wrote {item.rel}")


@main.command()
@ROOT_OPTION
def forms(root: Path) -> None:
    """Write the GitHub issue form for feedback (.github/ISSUE_TEMPLATE/feedback.yml)."""
    _write_generated(root, "form")


@main.command()
@ROOT_OPTION
def codeowners(root: Path) -> None:
    """Write .github/CODEOWNERS from the teams' GitHub handles."""
    _write_generated(root, "CODEOWNERS")


def _checked(pattern: str, what: str) -> Callable[[click.Context, click.Parameter, str], str]:
    def check(_context: click.Context, _parameter: click.Parameter, value: str) -> str:
        if not re.fullmatch(pattern, value):
            raise click.BadParameter(f"expected {what}, got {value!r}")
        return value

    return check


def _github_options(command: Callable[..., None]) -> Callable[..., None]:
    command = click.option(
        "--max-wait",
        type=click.FloatRange(min=0),
        default=180.0,
        show_default=True,
        help="Most seconds to spend waiting on rate limits and errors over the whole run.",
    )(command)
    command = click.option(
        "--retry-delay",
        type=click.FloatRange(min=0),
        default=2.0,
        show_default=True,
        help="First wait before retrying a failed request; it doubles each time.",
    )(command)
    command = click.option(
        "--attempts",
        type=click.IntRange(min=1),
        default=5,
        show_default=True,
        help="Tries per request before it counts as failed.",
    )(command)
    command = click.option(
        "--api-url",
        default="https://api.github.com",
        show_default=True,
        callback=_checked(r"https?://[^\s/]+(/\S*)?", "an http:// or https:// address"),
        help="GitHub's API; for GitHub Enterprise Server, https://HOST/api/v3.",
    )(command)
    command = click.option(
        "--repo",
        required=True,
        callback=_checked(r"[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+", "OWNER/NAME"),
        help="The GitHub repository, as OWNER/NAME.",
    )(command)
    return ROOT_OPTION(command)


def _remote_and_corpus(
    root: Path, repo: str, api_url: str, policy: RetryPolicy
) -> tuple[Remote, Corpus]:
    import os

    from .github import GitHubRemote
    from .validate import validate_repository

    token = os.environ.get("GITHUB_TOKEN", "")
    if not token:
        raise click.ClickException("set GITHUB_TOKEN to a token that may write to the repository")
    result = validate_repository(root)
    return GitHubRemote(repo, token, api_url, policy), result.corpus


def _finish(summary: Summary) -> None:
    click.echo(summary.text())
    sys.exit(0 if summary.ok else 1)


@main.command()
@_github_options
@click.option("--base", default="main", show_default=True, help="Branch feedback is merged into.")
def ingest(
    root: Path,
    repo: str,
    api_url: str,
    attempts: int,
    retry_delay: float,
    max_wait: float,
    base: str,
) -> None:
    """Turn feedback issues and review comments on GitHub into pull requests of feedback files.

    Token from GITHUB_TOKEN. Exits 1 only when something still failed after retries.
    """
    from .ingest import ingest as run_ingest
    from .remote import RetryPolicy

    policy = RetryPolicy(attempts=attempts, base_delay=retry_delay, max_total_wait=max_wait)
    remote, corpus = _remote_and_corpus(root, repo, api_url, policy)
    _finish(run_ingest(remote, corpus, base, click.echo))


@main.command()
@_github_options
def notify(
    root: Path, repo: str, api_url: str, attempts: int, retry_delay: float, max_wait: float
) -> None:
    """Tell each GitHub issue its feedback's response, label it answered, close it when final.

    Token from GITHUB_TOKEN. Exits 1 only when something still failed after retries.
    """
    from .notify import notify as run_notify
    from .remote import RetryPolicy

    policy = RetryPolicy(attempts=attempts, base_delay=retry_delay, max_total_wait=max_wait)
    remote, corpus = _remote_and_corpus(root, repo, api_url, policy)
    _finish(run_notify(remote, corpus, repo, click.echo))
