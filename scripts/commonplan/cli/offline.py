"""Feedback gathered without GitHub: `import-csv` (a spreadsheet) and `ingest-mail` (e-mail).

Each reads, plans, reports and writes, in that order: a problem found anywhere stops the
run before anything is written, with a message that says what to change.
"""

from __future__ import annotations

import os
from pathlib import Path

import click

from commonplan.cli.options import OFFLINE_SOURCES, ROOT_OPTION, speaking
from commonplan.errors import CommonplanError
from commonplan.language import in_language, said_in_turn, say, say_n


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
    t = speaking()
    if plan.left_out:
        headers = ", ".join(f"'{header}'" for header in plan.left_out)
        # Translators: {headers} are the spreadsheet's headers, quoted: 'Name', 'Email'.
        left_out = t("Left out personal data: column(s) {headers} were not read or written.")
        click.echo(left_out.format(headers=headers))
    if plan.option_problems:
        problems = said_in_turn(plan.option_problems)
        # Translators: {problems} is what is wrong with the command's options.
        raise CommonplanError(say("nothing was written: {problems}", problems=problems))
    if not plan.ok:
        raise CommonplanError(
            # Translators: {file} is the spreadsheet's file name.
            say_n(
                "nothing was written: {count} problem to fix in {file}; change those cells and"
                " run the same command again",
                "nothing was written: {count} problems to fix in {file}; change those cells and"
                " run the same command again",
                len(plan.problems),
                file=file.name,
            ),
            # Translators: {file} is the spreadsheet's file name; {problem} one of its problems.
            [say("{file}: {problem}", file=file.name, problem=p.said) for p in plan.problems],
        )
    for note in plan.notes:
        # Translators: {file} is the spreadsheet's file name; {note} a warning about a row.
        noted = t("{file}: note: {note}")
        click.echo(noted.format(file=file.name, note=note.in_language(t)))
    for candidate in plan.new:
        # Translators: {file} is the path of a feedback file.
        written = t("Would write {file}") if dry_run else t("Wrote {file}")
        click.echo(written.format(file=candidate.rel))
    if not dry_run:
        write_plan(root, plan)
    new = len(plan.new)
    if dry_run:
        summary = t.n(
            "Would write {count} new feedback file", "Would write {count} new feedback files", new
        )
    else:
        summary = t.n("Wrote {count} new feedback file", "Wrote {count} new feedback files", new)
    parts = [summary]
    if plan.already:
        already = t.n(
            "{count} row already recorded before",
            "{count} rows already recorded before",
            len(plan.already),
        )
        parts.append(already)
    if plan.dated_today:
        parts.append(t("rows without a date, dated today: {count}").format(count=plan.dated_today))
    # Translators: a summary and its full stop.
    click.echo(t("{summary}.").format(summary=said_in_turn(parts).in_language(t)))


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
    t = speaking()
    for rel in report.recorded:
        # Translators: {file} is the path of the feedback file written.
        click.echo(t("Recorded {file}").format(file=rel))
    for uid, why in report.flagged:
        # Translators: {uid} is the message's number in the mailbox; {why} why it was flagged.
        flagged = t("Flagged message {uid} for a person: {why}")
        click.echo(flagged.format(uid=uid, why=in_language(why, t)))
    parts = [
        t.n("Recorded {count} new message", "Recorded {count} new messages", len(report.recorded))
    ]
    if report.already:
        already = t.n(
            "{count} message recorded before, moved now",
            "{count} messages recorded before, moved now",
            report.already,
        )
        parts.append(already)
    if report.flagged:
        flagged_count = t.n(
            "{count} message flagged and left in the mailbox",
            "{count} messages flagged and left in the mailbox",
            len(report.flagged),
        )
        parts.append(flagged_count)
    # Translators: a summary, then the mail folder recorded messages were moved to.
    moved = t("{summary} (recorded ones moved to {folder}).")
    click.echo(
        moved.format(summary=said_in_turn(parts).in_language(t), folder=report.recorded_folder)
    )


COMMANDS = (import_csv, ingest_mail)
