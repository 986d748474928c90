"""What the offline commands print and how they exit; the work is done by the layers below.

Each function reads, plans, reports and writes, in that order: a problem found anywhere
stops the run before anything is written, with a message that says what to change.
"""

from __future__ import annotations

from pathlib import Path

import click

from .validate import Validation, validate_repository


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def load_repository(root: Path) -> Validation:
    validation = validate_repository(root)
    if not (root / "mkdocs.yml").is_file():
        raise click.ClickException(f"{root}: no mkdocs.yml here; use --root to name the repository")
    return validation


def run_import_csv(
    root: Path,
    file: Path,
    recorded_by: str,
    source_kind: str,
    proposal: str | None,
    dry_run: bool,
) -> None:
    from .csvimport import plan_import, read_table, write_plan

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
