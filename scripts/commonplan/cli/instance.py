"""A strategy of one's own: `commonplan init` starts it, `commonplan upgrade` keeps it."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import click

from commonplan.cli.options import ROOT_OPTION, speaking
from commonplan.errors import CommonplanError
from commonplan.language import Said, say


def _group(
    _context: click.Context, _parameter: click.Parameter, values: tuple[str, ...]
) -> dict[str, str]:
    groups = {}
    for value in values:
        group_id, equals, label = value.partition("=")
        if not equals:
            # Translators: {value} is what was given, in quotes.
            expected = say(
                "expected ID=LABEL, for example carer=Carers, got {value}", value=repr(value)
            )
            raise click.BadParameter(expected.in_language(speaking()))
        groups[group_id.strip()] = label.strip()
    return groups


def _asked(value: str | None, option: str, question: Said) -> str:
    """An option left out is asked for at a terminal, never in CI or a pipe."""
    if value is not None:
        return value
    if sys.stdin.isatty():
        return str(click.prompt(question.in_language(speaking())))
    # Translators: {option} is an option of the command (--name).
    raise CommonplanError(say("give {option}: nothing was written", option=option))


def _asked_if_wanted(value: str | None, question: Said) -> str | None:
    """An optional option left out is offered at a terminal (Enter leaves it out)."""
    if value is not None or not sys.stdin.isatty():
        return value
    # Translators: {question} is a question asked at the terminal.
    offered = say("{question} (Enter for none)", question=question).in_language(speaking())
    answer = str(click.prompt(offered, default="", show_default=False))
    return answer.strip() or None


@click.command()
@click.argument("target", type=click.Path(file_okay=False, path_type=Path))
@click.option("--name", help="The strategy's name, as people will see it.")
@click.option("--repo", help="Its GitHub repository, as OWNER/NAME.")
@click.option("--email", help="An address for 'have your say by e-mail' (optional).")
@click.option("--site-url", help="Where the site is published (default: GitHub Pages).")
@click.option(
    "--group",
    "groups",
    multiple=True,
    callback=_group,
    metavar="ID=LABEL",
    help="A stakeholder group, e.g. carer=Carers (repeatable; default: a general set).",
)
@click.option(
    "--languages",
    metavar="CODES",
    help="The site's languages, the first its default, e.g. en,cy (default: en).",
)
def init(
    target: Path,
    name: str | None,
    repo: str | None,
    email: str | None,
    site_url: str | None,
    groups: dict[str, str],
    languages: str | None,
) -> None:
    """Start a strategy repository of your own in TARGET, a new or empty folder.

    It validates and builds at once; nothing is written when anything is wrong.
    """
    from commonplan.instance.init import Instance
    from commonplan.instance.init import init as start

    instance = Instance(
        name=_asked(name, "--name", say("The strategy's name")),
        repo=_asked(repo, "--repo", say("Its GitHub repository (OWNER/NAME)")),
        email=_asked_if_wanted(email, say("An e-mail address for feedback")),
        site_url=site_url,
    )
    if groups:
        instance = replace(instance, groups=groups)
    if languages is not None:
        codes = tuple(code.strip() for code in languages.split(","))
        instance = replace(instance, languages=codes)
    written = start(target, instance)
    t = speaking()
    # Translators: {count} is a number of files, {target} a folder's path.
    wrote = t("Wrote {count} files to {target}. Next, in that folder:")
    click.echo(wrote.format(count=len(written), target=target))
    click.echo("  pip install -r requirements.txt && commonplan validate && commonplan build")


@click.command()
@click.option("--check", is_flag=True, help="Change nothing; exit 1 when something is out of date.")
@click.option("--force", is_flag=True, help="Also replace platform files changed by hand.")
@click.option(
    "--keep",
    multiple=True,
    metavar="PATH",
    help="Make a platform file your own: never replaced or reported again (repeatable).",
)
@ROOT_OPTION
def upgrade(check: bool, force: bool, keep: tuple[str, ...], root: Path) -> None:
    """Bring the platform's files (workflows, guides, theme, version pin) to this version.

    teams/, proposals/, feedback/, mkdocs.yml and the home page are never touched. A
    platform file changed by hand is left alone and shown with its differences.
    """
    from commonplan.instance.upgrade import upgrade as run_upgrade

    plan = run_upgrade(root, check=check, force=force, keep=keep)
    t = speaking()
    # Translators: {file} is a file's path.
    replaced = t("Would update {file}") if check else t("Updated {file}")
    for rel in plan.replaced:
        click.echo(replaced.format(file=rel))
    added = t("Would add {file}") if check else t("Added {file}")
    for rel in plan.added:
        click.echo(added.format(file=rel))
    left = t(
        "Left alone {file}: changed by hand (--force replaces it; --keep {file} makes it yours):"
    )
    for rel, diff in plan.changed_by_hand.items():
        click.echo(left.format(file=rel))
        click.echo(diff, nl=False)
    for rel in plan.kept:
        click.echo(t("Kept {file}: yours, not the platform's").format(file=rel))
    if plan.up_to_date:
        click.echo(t("The platform's files are up to date."))
    if check and not plan.up_to_date:
        sys.exit(1)


COMMANDS = (init, upgrade)
