"""Organisers' commands: answer feedback, add revisions, start new files, without YAML."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click

from commonplan.cli.options import (
    ACTION_STATUSES,
    DATE_OPTION,
    OFFLINE_SOURCES,
    RESPONSE_STATUSES,
    ROOT_OPTION,
    TEAM_KINDS,
    read_day,
    speaking,
)
from commonplan.language import say
from commonplan.vocabulary import STANCE

if TYPE_CHECKING:
    from commonplan.organise.edit import Edit
    from commonplan.validate.pipeline import Validation


def _write(root: Path, make: Callable[[Validation], Edit]) -> None:
    """Open the repository, build the edit (refused with an OrganiseError), write it."""
    from commonplan.organise.edit import write_edit
    from commonplan.repository import open_repository, refresh_generated

    t = speaking()
    edit = make(open_repository(root))
    write_edit(root, edit)
    for warning in edit.diagnostics.warnings:
        # Translators: a warning about a file just written; {message} is the warning.
        note = say(
            "{path}:{line}:{col}: note: {message}",
            path=warning.path,
            line=warning.line,
            col=warning.col,
            message=warning.text(t),
        )
        click.echo(note.in_language(t))
    # Translators: {file} is a file's path.
    done = t("Created {file}") if edit.created else t("Updated {file}")
    click.echo(done.format(file=edit.rel))
    if edit.created:  # a new proposal or team: the form and CODEOWNERS name them
        for rel in refresh_generated(root):
            click.echo(t("Updated {file}").format(file=rel))


def _day(day: date | None, validation: Validation) -> date:
    return day or validation.corpus.today


@click.command()
@click.argument("feedback_id")
@click.option(
    "--status",
    required=True,
    type=RESPONSE_STATUSES,
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
    day: date | None,
    root: Path,
) -> None:
    """Record the owner's answer to a piece of feedback ("you said, we did")."""
    from commonplan.organise.answer import respond as answer

    _write(
        root,
        lambda v: answer(v, feedback_id, status, text, by=by, revision=revision, day=_day(day, v)),
    )


@click.command()
@click.argument("feedback_id")
@DATE_OPTION
@ROOT_OPTION
def withdraw(feedback_id: str, day: date | None, root: Path) -> None:
    """Take a piece of feedback down because the person who gave it asked: the site then
    publishes its words nowhere and says in their place that it was withdrawn.

    The words stay in the git history: `commonplan history-scan --id FEEDBACK_ID` says where.
    """
    from commonplan.organise.moderate import withdraw as take_down

    _write(root, lambda v: take_down(v, feedback_id, day=_day(day, v)))


@click.command()
@click.argument("feedback_id")
@click.option(
    "--reason",
    required=True,
    help="Why, as an id of the site's moderation reasons (mkdocs.yml `moderation_reasons`).",
)
@click.option("--by", required=True, help="Team id of the moderators hiding it.")
@click.option("--note", help="A word of explanation, published in the item's place.")
@DATE_OPTION
@ROOT_OPTION
def hide(
    feedback_id: str, reason: str, by: str, note: str | None, day: date | None, root: Path
) -> None:
    """Hide a piece of feedback as the moderators: the site then publishes its words nowhere
    and says in their place who hid it, why and when.

    The words stay in the git history: `commonplan history-scan --id FEEDBACK_ID` says where.
    """
    from commonplan.organise.moderate import hide as take_down

    _write(
        root,
        lambda v: take_down(v, feedback_id, reason=reason, by=by, note=note, day=_day(day, v)),
    )


@click.command()
@click.argument("proposal_id")
@click.option("--summary", required=True, help="What changed in this version, in plain words.")
@click.option(
    "--responds-to", multiple=True, help="A feedback id this revision answers (repeatable)."
)
@DATE_OPTION
@ROOT_OPTION
def revise(
    proposal_id: str, summary: str, responds_to: tuple[str, ...], day: date | None, root: Path
) -> None:
    """Add the next revision entry to a proposal."""
    from commonplan.organise.answer import revise as add_revision

    _write(
        root, lambda v: add_revision(v, proposal_id, summary, list(responds_to), day=_day(day, v))
    )


@click.group()
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
    from commonplan.organise.scaffold import new_proposal as scaffold

    _write(
        root,
        lambda v: scaffold(
            v, proposal_id, title=title, owner=owner, summary=summary, invite=list(invite)
        ),
    )


@new.command("team")
@click.argument("team_id")
@click.option("--name", required=True, help="The team's name as people know it.")
@click.option(
    "--kind",
    required=True,
    type=TEAM_KINDS,
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
    from commonplan.organise.scaffold import new_team as scaffold

    _write(
        root,
        lambda v: scaffold(
            v, team_id, name=name, kind=kind, groups=list(groups), description=description
        ),
    )


@new.command("feedback")
@click.argument("feedback_id", required=False)
@click.option("--proposal", required=True, help="Id of the proposal it is about.")
@click.option("--section", help="The section it is about (anchor or heading).")
@click.option("--group", help="The speaker's stakeholder group (id or label).")
@click.option("--from", "from_team", help="Team id, when they spoke for a team.")
@click.option(
    "--stance", required=True, help=f"{STANCE.in_words}, or words such as 'I have a concern'."
)
@click.option("--text", required=True, help="What was said.")
@click.option(
    "--source",
    "source_kind",
    default="meeting",
    show_default=True,
    type=OFFLINE_SOURCES,
    help="How it was gathered.",
)
@click.option("--recorded-by", required=True, help="Team id of whoever wrote it down.")
@DATE_OPTION
@ROOT_OPTION
def new_feedback(
    feedback_id: str | None,
    proposal: str,
    section: str | None,
    group: str | None,
    from_team: str | None,
    stance: str,
    text: str,
    source_kind: str,
    recorded_by: str,
    day: date | None,
    root: Path,
) -> None:
    """Create feedback/PROPOSAL/FEEDBACK_ID.yml from what somebody said.

    Without FEEDBACK_ID it gets the proposal's next number (PROPOSAL-0013).
    """
    from commonplan.intake.candidate import write_candidate
    from commonplan.organise.scaffold import new_feedback as scaffold
    from commonplan.repository import open_repository

    validation = open_repository(root)
    # New feedback goes through intake, the one way feedback files are made.
    candidate = scaffold(
        validation,
        feedback_id,
        proposal=proposal,
        text=text,
        stance=stance,
        recorded_by=recorded_by,
        source_kind=source_kind,
        day=_day(day, validation),
        section=section,
        group=group,
        from_team=from_team,
    )
    write_candidate(root, candidate)
    t = speaking()
    click.echo(t("Created {file}").format(file=candidate.rel))


@click.command("action")
@click.argument("proposal_id")
@click.argument("action_id")
@click.option("--title", help="A small, concrete thing to do (needed for a new action).")
@click.option("--owner", help="Team id that does it (needed for a new action).")
@click.option("--due", callback=read_day, metavar="DATE", help="When it is due.")
@click.option("--status", type=ACTION_STATUSES, help="Where it stands; 'done' dates it.")
@DATE_OPTION
@ROOT_OPTION
def add_action(
    proposal_id: str,
    action_id: str,
    title: str | None,
    owner: str | None,
    due: date | None,
    status: str | None,
    day: date | None,
    root: Path,
) -> None:
    """Add an action to a proposal, or change one (title, owner, due date, status)."""
    from commonplan.organise.deliver import action

    _write(
        root,
        lambda v: action(
            v,
            proposal_id,
            action_id,
            day=_day(day, v),
            title=title,
            owner=owner,
            due=due,
            status=status,
        ),
    )


@click.command("measure")
@click.argument("proposal_id")
@click.argument("measure_id")
@click.option("--value", type=float, required=True, help="The reading.")
@click.option("--name", help="What is measured, in plain words (needed for a new measure).")
@click.option("--unit", help="Unit of the values, e.g. people, %, days.")
@click.option("--baseline", type=float, help="Value before the work started (new measure).")
@click.option("--target", type=float, help="Value the work aims for (new measure).")
@DATE_OPTION
@ROOT_OPTION
def add_reading(
    proposal_id: str,
    measure_id: str,
    value: float,
    name: str | None,
    unit: str | None,
    baseline: float | None,
    target: float | None,
    day: date | None,
    root: Path,
) -> None:
    """Record a reading of a measure (dated today, or --date), creating the measure if new."""
    from commonplan.organise.deliver import measure

    _write(
        root,
        lambda v: measure(
            v,
            proposal_id,
            measure_id,
            value=value,
            day=_day(day, v),
            name=name,
            unit=unit,
            baseline=baseline,
            target=target,
        ),
    )


COMMANDS = (respond, withdraw, hide, revise, new, add_action, add_reading)
