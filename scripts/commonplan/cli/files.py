"""Checking the data and writing what is made from it: validate, schema, forms, codeowners,
render, build."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from commonplan.cli.options import ROOT_OPTION, speaking
from commonplan.language import say_n
from commonplan.report import REPORTERS


@click.command()
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
@click.option(
    "--author",
    metavar="LOGIN",
    help="With --base: the pull request's GitHub login; every answer, voice and recorder it"
    " adds must be its team's.",
)
def validate(path: Path, output_format: str, base: str | None, author: str | None) -> None:
    """Check every team, proposal and feedback file under PATH.

    Exits 0 when there are no errors (warnings allowed), 1 when there are errors.
    """
    from commonplan.repository import check_repository

    if author is not None and base is None:
        t = speaking()
        raise click.UsageError(t("--author needs --base: the branch the change is compared with"))
    result = check_repository(path, base=base, author=author)
    click.echo(REPORTERS[output_format](result.diagnostics, speaking()), nl=False)
    sys.exit(0 if result.diagnostics.ok else 1)


@click.command()
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
    from commonplan.config import load_settings
    from commonplan.schema import write_schemas

    t = speaking()
    for written in write_schemas(root / out_dir, load_settings(root).groups):
        # Translators: {file} is a file's path.
        click.echo(t("wrote {file}").format(file=written))


@click.command()
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
    default=None,
    help="Hand-written home page text (relative to --root), shown above the generated parts;"
    " the docs folder's own index.md (in the language rendered) when not given.",
)
@click.option(
    "--site-language",
    "code",
    default=None,
    metavar="CODE",
    help="Which of the site's languages to render (`languages` in mkdocs.yml); the first"
    " when not given.",
)
def render(out_dir: Path, root: Path, intro: Path | None, code: str | None) -> None:
    """Write a complete docs folder: the site's pages as plain Markdown, its open-data files
    and the hand-written files of docs_dir, in one of the site's languages.

    The same pages the mkdocs plugin adds, so another engine (Zensical) can build the site.
    Nothing is written when the data has errors.
    """
    from commonplan.clock import today
    from commonplan.site.publish import render_to

    rendered = render_to(root, out_dir, intro, today(), code)
    t = speaking()
    # Translators: {folder} is a folder's path.
    wrote = say_n(
        "wrote {count} file to {folder}",
        "wrote {count} files to {folder}",
        rendered.files,
        folder=str(rendered.out_dir),
    )
    click.echo(wrote.in_language(t))


@click.command()
@ROOT_OPTION
def forms(root: Path) -> None:
    """Write the GitHub issue forms: for feedback and for reports to the moderators
    (.github/ISSUE_TEMPLATE/feedback.yml and report.yml)."""
    from commonplan.repository import write_generated

    t = speaking()
    for rel in write_generated(root, "issue forms"):
        click.echo(t("wrote {file}").format(file=rel))


@click.command()
@ROOT_OPTION
def codeowners(root: Path) -> None:
    """Write .github/CODEOWNERS from the teams' GitHub handles."""
    from commonplan.repository import write_generated

    t = speaking()
    for rel in write_generated(root, "CODEOWNERS"):
        click.echo(t("wrote {file}").format(file=rel))


@click.command()
@ROOT_OPTION
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder to build the site into; mkdocs.yml's site_dir when not given.",
)
@click.option(
    "--engine",
    type=click.Choice(["mkdocs", "zensical"]),
    default=None,
    help="Build with this engine; the plugin's `engine` option in mkdocs.yml when not given.",
)
def build(root: Path, out_dir: Path | None, engine: str | None) -> None:
    """Validate the data and build the site, in every language, with the engine the
    strategy names (Material for MkDocs or Zensical)."""
    from commonplan.clock import today
    from commonplan.site.build import build_site

    t = speaking()
    site = build_site(root, out_dir, engine, today())
    # Translators: {folder} is a folder's path.
    click.echo(t("built the site in {folder}").format(folder=site))


COMMANDS = (validate, schema, render, build, forms, codeowners)
