"""The GitHub loop: `ingest` (issues and review comments in), `notify` (answers out),
`setup-github` (the repository's settings) and `sync-derived` (the generated files kept in
step)."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from commonplan.cli.options import ROOT_OPTION, matching, speaking
from commonplan.errors import CommonplanError
from commonplan.language import Said, in_language, say, verbatim

if TYPE_CHECKING:
    from commonplan.corpus import Corpus
    from commonplan.github.client import GitHubRemote
    from commonplan.github.remote import Remote
    from commonplan.github.summary import Summary


def github_options(command: Callable[..., None]) -> Callable[..., None]:
    """The repository, the API and the retry policy's bounds, shared by ingest and notify."""
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
        callback=matching(r"https?://[^\s/]+(/\S*)?", say("an http:// or https:// address")),
        help="GitHub's API; for GitHub Enterprise Server, https://HOST/api/v3.",
    )(command)
    command = click.option(
        "--repo",
        required=True,
        callback=matching(r"[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+", verbatim("OWNER/NAME")),
        help="The GitHub repository, as OWNER/NAME.",
    )(command)
    return ROOT_OPTION(command)


def _remote(
    repo: str, api_url: str, attempts: int, retry_delay: float, max_wait: float, unset: Said
) -> GitHubRemote:
    """The repository on GitHub, with the token from GITHUB_TOKEN (``unset`` is the error
    without one, saying what it must be allowed to do) and the retry policy the options
    bound."""
    from commonplan.github.client import GitHubRemote
    from commonplan.github.retry import RetryPolicy

    token = os.environ.get("GITHUB_TOKEN", "")
    if not token:
        raise CommonplanError(unset)
    policy = RetryPolicy(attempts=attempts, base_delay=retry_delay, max_total_wait=max_wait)
    return GitHubRemote(repo, token, api_url, policy)


def _remote_and_corpus(
    root: Path, repo: str, api_url: str, attempts: int, retry_delay: float, max_wait: float
) -> tuple[Remote, Corpus]:
    from commonplan.repository import open_trusted

    unset = say("set GITHUB_TOKEN to a token that may write to the repository")
    remote = _remote(repo, api_url, attempts, retry_delay, max_wait, unset)
    return remote, open_trusted(root).corpus


def _progress(words: str | Said) -> None:
    """One line of a run's log, in the language the command speaks."""
    click.echo(in_language(words, speaking()))


def _finish(summary: Summary) -> None:
    click.echo(summary.text(speaking()))
    sys.exit(0 if summary.ok else 1)


@click.command()
@github_options
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
    """Turn feedback issues and review comments on GitHub into pull requests of feedback files,
    and reports to the moderators into pull requests that count them on the reported item.

    Token from GITHUB_TOKEN. Exits 1 only when something still failed after retries.
    """
    from commonplan.github.ingest import ingest as run_ingest

    remote, corpus = _remote_and_corpus(root, repo, api_url, attempts, retry_delay, max_wait)
    _finish(run_ingest(remote, corpus, base, _progress))


@click.command()
@github_options
def notify(
    root: Path, repo: str, api_url: str, attempts: int, retry_delay: float, max_wait: float
) -> None:
    """Tell each GitHub issue its feedback's response, label it answered, close it when final;
    or, when the feedback was hidden or withdrawn, say so (and why) and close it.

    Token from GITHUB_TOKEN. Exits 1 only when something still failed after retries.
    """
    from commonplan.github.notify import notify as run_notify

    remote, corpus = _remote_and_corpus(root, repo, api_url, attempts, retry_delay, max_wait)
    _finish(run_notify(remote, corpus, repo, _progress))


@click.command("setup-github")
@github_options
@click.option("--check", is_flag=True, help="Change nothing; exit 1 when anything is missing.")
def setup_github(
    root: Path,
    repo: str,
    api_url: str,
    attempts: int,
    retry_delay: float,
    max_wait: float,
    check: bool,
) -> None:
    """Make sure of the repository's settings: the loop's labels, GitHub Pages from Actions,
    Actions allowed to open pull requests, code-owner review on the default branch.

    Token from GITHUB_TOKEN (admin rights). Everything is read first, and only then set; what
    must be done by hand is named with the setting to change. Exits 1 when anything is
    still missing (with --check: when anything would be set).
    """
    from commonplan.github.setup import setup_github as run_setup

    unset = say("set GITHUB_TOKEN to a token with admin rights on the repository")
    remote = _remote(repo, api_url, attempts, retry_delay, max_wait, unset)
    report = run_setup(remote, repo, root, check)
    click.echo(report.text(speaking()))
    sys.exit(0 if report.ok else 1)


@click.command("sync-derived")
@github_options
@click.option("--base", default="main", show_default=True, help="The branch to bring in step.")
def sync_derived(
    root: Path,
    repo: str,
    api_url: str,
    attempts: int,
    retry_delay: float,
    max_wait: float,
    base: str,
) -> None:
    """Open a pull request that brings the issue form and CODEOWNERS on BASE in step with
    the proposals and teams (ROOT is BASE, checked out); one open at a time.

    Token from GITHUB_TOKEN. Refused, with nothing done, while the data has errors.
    """
    from commonplan.github.derived import propose_in_step
    from commonplan.repository import in_step_files

    wanted = in_step_files(root)
    unset = say("set GITHUB_TOKEN to a token that may open pull requests")
    remote = _remote(repo, api_url, attempts, retry_delay, max_wait, unset)
    click.echo(propose_in_step(remote, wanted, base).text(speaking()))


COMMANDS = (ingest, notify, setup_github, sync_derived)
