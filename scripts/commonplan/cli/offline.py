"""Feedback gathered without GitHub: `import-csv` (a spreadsheet) and `ingest-mail` (e-mail).

Each reads, plans, reports and writes, in that order: a problem found anywhere stops the
run before anything is written, with a message that says what to change.
"""

from __future__ import annotations

import os
from pathlib import Path

import click

from commonplan.cli.options import OFFLINE_SOURCES, ROOT_OPTION
from commonplan.errors import CommonplanError
from commonplan.words import plural


@click.command("import-csv")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--recorded-by", required=True, help="Id of the team that gathered the feedback.")
@click.option(
    "--source",
    "source_kind",
    required=True,
    type=OFFLINE_SOURCES,
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
    from commonplan.intake.spreadsheet_import import plan_file, write_plan
    from commonplan.repository import open_repository

    validation = open_repository(root)
    plan = plan_file(
        validation.corpus,
        file,
        source_kind=source_kind,
        recorded_by=recorded_by,
        proposal=proposal,
    )
    if plan.left_out:
        headers = ", ".join(f"'{header}'" for header in plan.left_out)
        click.echo(f"Left out personal data: column(s) {headers} were not read or written.")
    if plan.option_problems:
        raise CommonplanError("nothing was written: " + "; ".join(plan.option_problems))
    if not plan.ok:
        raise CommonplanError(
            f"nothing was written: {plural(len(plan.problems), 'problem')} to fix in {file.name};"
            " change those cells and run the same command again",
            [f"{file.name}: {problem}" for problem in plan.problems],
        )
    for note in plan.notes:
        click.echo(f"{file.name}: note: {note}")
    verb = "Would write" if dry_run else "Wrote"
    for candidate in plan.new:
        click.echo(f"{verb} {candidate.rel}")
    if not dry_run:
        write_plan(root, plan)
    summary = f"{verb} {plural(len(plan.new), 'new feedback file')}"
    if plan.already:
        summary += f"; {plural(len(plan.already), 'row')} already recorded before"
    if plan.dated_today:
        summary += f"; rows without a date, dated today: {plan.dated_today}"
    click.echo(summary + ".")


@click.command("ingest-mail")
@click.option("--recorded-by", help="Team id receiving the e-mail; imap.recorded_by if left out.")
@ROOT_OPTION
def ingest_mail(recorded_by: str | None, root: Path) -> None:
    """Record feedback sent by e-mail from the mailbox set in mkdocs.yml (imap: …).

    The password is read from the environment variable named by imap.password_env.
    """
    from commonplan.intake.mailbox import record_configured_mailbox
    from commonplan.repository import open_repository

    validation = open_repository(root)
    report = record_configured_mailbox(root, validation.corpus, recorded_by, os.environ)
    for rel in report.recorded:
        click.echo(f"Recorded {rel}")
    for uid, why in report.flagged:
        click.echo(f"Flagged message {uid} for a person: {why}")
    summary = f"Recorded {plural(len(report.recorded), 'new message')}"
    if report.already:
        summary += f"; {plural(report.already, 'message')} recorded before, moved now"
    if report.flagged:
        summary += f"; {plural(len(report.flagged), 'message')} flagged and left in the mailbox"
    click.echo(summary + f" (recorded ones moved to {report.recorded_folder}).")


COMMANDS = (import_csv, ingest_mail)
