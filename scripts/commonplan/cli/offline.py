"""What the offline commands print and how they exit; the work is done by the layers below.

Each function reads, plans, reports and writes, in that order: a problem found anywhere
stops the run before anything is written, with a message that says what to change.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, NoReturn

import click

from commonplan.organise.edit import (
    Edit,
    OrganiseError,
    new_feedback,
    new_proposal,
    new_team,
    respond,
    revise,
    write_edit,
)
from commonplan.validate.pipeline import Validation, validate_repository


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def load_repository(root: Path) -> Validation:
    if not (root / "mkdocs.yml").is_file():
        raise click.ClickException(f"{root}: no mkdocs.yml here; use --root to name the repository")
    return validate_repository(root)


def run_import_csv(
    root: Path,
    file: Path,
    recorded_by: str,
    source_kind: str,
    proposal: str | None,
    dry_run: bool,
) -> None:
    from commonplan.intake.spreadsheet import plan_import, read_table, write_plan

    validation = load_repository(root)
    try:
        data = file.read_bytes()
    except OSError as exc:
        raise click.ClickException(f"{file}: cannot be read: {exc.strerror}") from exc
    table = read_table(data)
    plan = plan_import(
        validation.corpus,
        table,
        source_kind=source_kind,
        recorded_by=recorded_by,
        proposal=proposal,
    )
    if plan.left_out:
        headers = ", ".join(f"'{header}'" for header in plan.left_out)
        click.echo(f"Left out personal data: column(s) {headers} were not read or written.")
    if not plan.ok:
        for problem in plan.problems:
            click.echo(f"{file.name}: {problem}", err=True)
        raise click.ClickException(
            f"nothing was written: {_plural(len(plan.problems), 'problem')} to fix in {file.name};"
            " change those cells and run the same command again"
        )
    for note in plan.notes:
        click.echo(f"{file.name}: note: {note}")
    verb = "Would write" if dry_run else "Wrote"
    for candidate in plan.new:
        click.echo(f"{verb} {candidate.rel}")
    if not dry_run:
        write_plan(root, plan)
    summary = f"{verb} {_plural(len(plan.new), 'new feedback file')}"
    if plan.already:
        summary += f"; {_plural(len(plan.already), 'row')} already recorded before"
    if plan.dated_today:
        summary += f"; rows without a date, dated today: {plan.dated_today}"
    click.echo(summary + ".")


def _today_or(day: date | None) -> date:
    from commonplan.config import today

    return day or today()


def _report_refusal(exc: OrganiseError) -> NoReturn:
    for diagnostic in exc.diagnostics:
        click.echo(
            f"{diagnostic.path}:{diagnostic.line}:{diagnostic.col}: {diagnostic.message}",
            err=True,
        )
    raise click.ClickException(str(exc)) from exc


def write_checked(root: Path, make: Callable[[], Edit]) -> None:
    """Build an edit, report why it was refused, or write it and say so."""
    try:
        edit = make()
    except OrganiseError as exc:
        _report_refusal(exc)
    write_edit(root, edit)
    for warning in edit.diagnostics.warnings:
        click.echo(f"{warning.path}:{warning.line}:{warning.col}: note: {warning.message}")
    click.echo(f"{'Created' if edit.created else 'Updated'} {edit.rel}")


def run_respond(
    root: Path,
    feedback_id: str,
    status: str,
    text: str,
    by: str | None,
    revision: int | None,
    day: date | None,
) -> None:
    validation = load_repository(root)
    write_checked(
        root,
        lambda: respond(
            validation, feedback_id, status, text, by=by, revision=revision, day=_today_or(day)
        ),
    )


def run_revise(
    root: Path, proposal_id: str, summary: str, responds_to: list[str], day: date | None
) -> None:
    validation = load_repository(root)
    write_checked(
        root, lambda: revise(validation, proposal_id, summary, responds_to, day=_today_or(day))
    )


def run_new_proposal(root: Path, proposal_id: str, **options: Any) -> None:
    validation = load_repository(root)
    write_checked(root, lambda: new_proposal(validation, proposal_id, **options))


def run_new_team(root: Path, team_id: str, **options: Any) -> None:
    validation = load_repository(root)
    write_checked(root, lambda: new_team(validation, team_id, **options))


def run_new_feedback(root: Path, feedback_id: str, data: dict[str, Any]) -> None:
    """New feedback goes through intake, the one way feedback files are made."""
    from commonplan.intake.candidate import write_candidate

    validation = load_repository(root)
    try:
        candidate = new_feedback(validation, feedback_id, data)
    except OrganiseError as exc:
        _report_refusal(exc)
    write_candidate(root, candidate)
    click.echo(f"Created {candidate.rel}")


def run_ingest_mail(root: Path, recorded_by: str | None) -> None:
    import os

    from commonplan.intake.mail import MailError, connect, disconnect, ingest

    validation = load_repository(root)
    settings = validation.corpus.settings.imap
    if settings is None:
        raise click.ClickException(
            "no mailbox configured: add `imap: {host: …, user: …, recorded_by: …}` to the"
            " commonplan plugin's options in mkdocs.yml"
        )
    team = recorded_by or settings.recorded_by
    if team is None or team not in validation.corpus.teams:
        raise click.ClickException(
            f"say which team receives the e-mail: '{team}' is not a team; set imap.recorded_by"
            " in mkdocs.yml or use --recorded-by"
        )
    password = os.environ.get(settings.password_env)
    if not password:
        raise click.ClickException(
            f"the mailbox password is not set: put it in the environment variable"
            f" {settings.password_env}"
        )
    try:
        connection = connect(settings, password)
        try:
            report = ingest(root, validation.corpus, connection, settings, team)
        finally:
            disconnect(connection)
    except MailError as exc:
        raise click.ClickException(f"{exc}; nothing more was recorded") from exc
    for rel in report.recorded:
        click.echo(f"Recorded {rel}")
    for uid, why in report.flagged:
        click.echo(f"Flagged message {uid} for a person: {why}")
    summary = f"Recorded {_plural(len(report.recorded), 'new message')}"
    if report.already:
        summary += f"; {_plural(report.already, 'message')} recorded before, moved now"
    if report.flagged:
        summary += f"; {_plural(len(report.flagged), 'message')} flagged and left in the mailbox"
    click.echo(summary + f" (recorded ones moved to {settings.recorded_folder}).")
