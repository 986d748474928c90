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
@click.option(
    "--base",
    metavar="REF",
    help="Also compare proposals with this git branch or commit (for pull requests).",
)
def validate(path: Path, output_format: str, base: str | None) -> None:
    """Check every team, proposal and feedback file under PATH.

    Exits 0 when there are no errors (warnings allowed), 1 when there are errors.
    """
    from .validate import validate_repository

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
    from .render_command import render_to

    render_to(root, out_dir, intro)
