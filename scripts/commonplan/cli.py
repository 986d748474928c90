"""The `commonplan` command: thin wrappers over the layers, one function per command."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .report import REPORTERS


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
    help="The strategy repository (the folder with mkdocs.yml).",
)


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
    from .offline_commands import run_import_csv

    run_import_csv(root, file, recorded_by, source_kind, proposal, dry_run)
