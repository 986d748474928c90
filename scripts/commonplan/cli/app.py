"""The `commonplan` command: thin wrappers over the layers, one function per command."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click

from commonplan.report import REPORTERS

if TYPE_CHECKING:
    from commonplan.corpus import Corpus
    from commonplan.github.ingest import Summary
    from commonplan.github.remote import Remote, RetryPolicy


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
@click.option(
    "--base",
    metavar="REF",
    help="Also compare proposals with this git branch or commit (for pull requests).",
)
def validate(path: Path, output_format: str, base: str | None) -> None:
    """Check every team, proposal and feedback file under PATH.

    Exits 0 when there are no errors (warnings allowed), 1 when there are errors.
    """
    from commonplan.validate.pipeline import validate_repository

    result = validate_repository(path, base=base)
    click.echo(REPORTERS[output_format](result.diagnostics), nl=False)
    sys.exit(0 if result.diagnostics.ok else 1)


@main.command()
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("schemas"),
    show_default=True,
    help="Folder to write the JSON Schemas to (relative to --root).",
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
    from commonplan.config import SettingsError, load_settings
    from commonplan.schema import write_schemas

    try:
        settings = load_settings(root)
    except SettingsError as exc:
        raise click.ClickException(str(exc)) from exc
    for written in write_schemas(root / out_dir, settings.groups):
        click.echo(f"wrote {written}")


@main.command()
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="Folder to write the pages and data files to.",
)
@click.option(
    "--root",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=Path(),
    show_default=True,
    help="Repository to render.",
)
@click.option(
    "--intro",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("site/index.md"),
    show_default=True,
    help="Hand-written home page text (relative to --root), shown above the generated parts.",
)
def render(out_dir: Path, root: Path, intro: Path) -> None:
    """Write the site's pages as plain Markdown (and its open-data files) to a folder.

    The same pages the mkdocs plugin adds, so another generator can build the site.
    Nothing is written when the data has errors.
    """
    from commonplan.site.publish import render_to

    render_to(root, out_dir, intro)


ROOT_OPTION = click.option(
    "--root",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=Path(),
    show_default=True,
    help="The strategy repository (its base branch, checked out).",
)


def _write_generated(root: Path, kind: str) -> None:
    """Write a file made from the data, after checking the data it is made from."""
    from commonplan.diagnostics import Diagnostics
    from commonplan.files import write_atomic
    from commonplan.github.codeowners import expected_codeowners
    from commonplan.github.form import expected_form
    from commonplan.validate.pipeline import validate_repository

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

    from commonplan.diagnostics import Diagnostics
    from commonplan.github.client import GitHubRemote
    from commonplan.validate.pipeline import validate_repository

    token = os.environ.get("GITHUB_TOKEN", "")
    if not token:
        raise click.ClickException("set GITHUB_TOKEN to a token that may write to the repository")
    result = validate_repository(root)
    # Without its own configuration the repository's groups and teams cannot be trusted:
    # checking feedback against defaults would record or refuse the wrong things.
    broken_config = [d for d in result.diagnostics.errors if d.code == "config"]
    if broken_config:
        click.echo(REPORTERS["text"](Diagnostics(broken_config)), nl=False, err=True)
        raise click.ClickException("fix mkdocs.yml first; nothing was read from GitHub")
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
    from commonplan.github.ingest import ingest as run_ingest
    from commonplan.github.remote import RetryPolicy

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
    from commonplan.github.notify import notify as run_notify
    from commonplan.github.remote import RetryPolicy

    policy = RetryPolicy(attempts=attempts, base_delay=retry_delay, max_total_wait=max_wait)
    remote, corpus = _remote_and_corpus(root, repo, api_url, policy)
    _finish(run_notify(remote, corpus, repo, click.echo))


@main.command("import-csv")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--recorded-by", required=True, help="Id of the team that gathered the feedback.")
@click.option(
    "--source",
    "source_kind",
    required=True,
    type=click.Choice(["meeting", "paper", "phone", "survey", "email"]),
    help="How the feedback was gathered.",
)
@click.option("--proposal", help="Proposal id for rows that leave the proposal column empty.")
@click.option("--dry-run", is_flag=True, help="Check every row and say what would be written.")
@ROOT_OPTION
def import_csv(
    file: Path,
    recorded_by: str,
    source_kind: str,
    proposal: str | None,
    dry_run: bool,
    root: Path,
) -> None:
    """Record feedback from a spreadsheet (CSV) as feedback files.

    Every row is checked first; if any row has a problem, nothing is written.
    """
    from commonplan.cli.offline import run_import_csv

    run_import_csv(root, file, recorded_by, source_kind, proposal, dry_run)


DATE_OPTION = click.option(
    "--date",
    "day",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="The day to record (YYYY-MM-DD); today when left out.",
)


@main.command()
@click.argument("feedback_id")
@click.option(
    "--status",
    required=True,
    type=click.Choice(["accepted", "partly", "not-adopted", "under-review"]),
    help="What became of the feedback.",
)
@click.option("--text", required=True, help="The answer, in plain words.")
@click.option("--by", help="Team id answering; the proposal's owner when left out.")
@click.option("--revision", type=int, help="The proposal revision that answers it.")
@DATE_OPTION
@ROOT_OPTION
def respond(
    feedback_id: str,
    status: str,
    text: str,
    by: str | None,
    revision: int | None,
    day: datetime | None,
    root: Path,
) -> None:
    """Record the owner's answer to a piece of feedback ("you said, we did")."""
    from commonplan.cli.offline import run_respond

    run_respond(root, feedback_id, status, text, by, revision, day.date() if day else None)


@main.command()
@click.argument("proposal_id")
@click.option("--summary", required=True, help="What changed in this version, in plain words.")
@click.option(
    "--responds-to", multiple=True, help="A feedback id this revision answers (repeatable)."
)
@DATE_OPTION
@ROOT_OPTION
def revise(
    proposal_id: str, summary: str, responds_to: tuple[str, ...], day: datetime | None, root: Path
) -> None:
    """Add the next revision entry to a proposal."""
    from commonplan.cli.offline import run_revise

    run_revise(root, proposal_id, summary, list(responds_to), day.date() if day else None)


@main.group()
def new() -> None:
    """Start a new proposal, team or feedback file, with helpful comments."""


@new.command("proposal")
@click.argument("proposal_id")
@click.option("--title", required=True, help="The proposal's title.")
@click.option("--owner", required=True, help="Team id of the team that owns it.")
@click.option("--summary", help="A short, plain-language summary.")
@click.option("--invite", multiple=True, help="A group whose voice is sought (repeatable).")
@ROOT_OPTION
def new_proposal(
    proposal_id: str,
    title: str,
    owner: str,
    summary: str | None,
    invite: tuple[str, ...],
    root: Path,
) -> None:
    """Create proposals/PROPOSAL_ID.md as a draft."""
    from commonplan.cli.offline import run_new_proposal

    run_new_proposal(
        root, proposal_id, title=title, owner=owner, summary=summary, invite=list(invite)
    )


@new.command("team")
@click.argument("team_id")
@click.option("--name", required=True, help="The team's name as people know it.")
@click.option(
    "--kind",
    required=True,
    type=click.Choice(["organisation", "action-team", "community-group"]),
    help="What sort of team it is.",
)
@click.option("--group", "groups", multiple=True, help="A group it speaks for (repeatable).")
@click.option("--description", help="What the team is and does.")
@ROOT_OPTION
def new_team(
    team_id: str,
    name: str,
    kind: str,
    groups: tuple[str, ...],
    description: str | None,
    root: Path,
) -> None:
    """Create teams/TEAM_ID.yml."""
    from commonplan.cli.offline import run_new_team

    run_new_team(root, team_id, name=name, kind=kind, groups=list(groups), description=description)


@new.command("feedback")
@click.argument("feedback_id")
@click.option("--proposal", required=True, help="Id of the proposal it is about.")
@click.option("--section", help="The section it is about (anchor or heading).")
@click.option("--group", help="The speaker's stakeholder group (id or label).")
@click.option("--from", "from_team", help="Team id, when they spoke for a team.")
@click.option("--stance", required=True, help="support, concern, objection, idea, question…")
@click.option("--text", required=True, help="What was said.")
@click.option(
    "--source",
    "source_kind",
    default="meeting",
    show_default=True,
    type=click.Choice(["meeting", "paper", "phone", "survey", "email"]),
    help="How it was gathered.",
)
@click.option("--recorded-by", required=True, help="Team id of whoever wrote it down.")
@DATE_OPTION
@ROOT_OPTION
def new_feedback(
    feedback_id: str,
    proposal: str,
    section: str | None,
    group: str | None,
    from_team: str | None,
    stance: str,
    text: str,
    source_kind: str,
    recorded_by: str,
    day: datetime | None,
    root: Path,
) -> None:
    """Create feedback/PROPOSAL/FEEDBACK_ID.yml from what somebody said."""
    from commonplan.cli.offline import run_new_feedback
    from commonplan.config import today

    data = {
        "proposal": proposal,
        "section": section,
        "group": group,
        "from": from_team,
        "stance": stance,
        "submitted": day.date() if day else today(),
        "source": {"kind": source_kind, "recorded_by": recorded_by},
        "body": text,
    }
    run_new_feedback(root, feedback_id, data)


@main.command("ingest-mail")
@click.option("--recorded-by", help="Team id receiving the e-mail; imap.recorded_by if left out.")
@ROOT_OPTION
def ingest_mail(recorded_by: str | None, root: Path) -> None:
    """Record feedback sent by e-mail from the mailbox set in mkdocs.yml (imap: …).

    The password is read from the environment variable named by imap.password_env.
    """
    from commonplan.cli.offline import run_ingest_mail

    run_ingest_mail(root, recorded_by)
