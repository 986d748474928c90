"""Options several commands share, and the choices click offers, read from the vocabulary."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

import click

from commonplan.dates import parse_day
from commonplan.language import (
    SOURCE_LANGUAGE,
    Language,
    Said,
    language,
    language_of_environment,
    say,
    spoken_languages,
)
from commonplan.vocabulary import ACTION_STATUS, RESPONSE_STATUS, SOURCE, TEAM_KIND

# What click offers, in the vocabulary's order: the values of the data format.
OFFLINE_SOURCES = click.Choice(SOURCE.ids(offline=True))
RESPONSE_STATUSES = click.Choice(RESPONSE_STATUS.ids())
ACTION_STATUSES = click.Choice(ACTION_STATUS.ids())
TEAM_KINDS = click.Choice(TEAM_KIND.ids())

LANGUAGE_OPTION = click.option(
    "--language",
    type=click.Choice([SOURCE_LANGUAGE, *spoken_languages()]),
    envvar="COMMONPLAN_LANGUAGE",
    help="The language to write messages in (also COMMONPLAN_LANGUAGE); by default the"
    " system's (LANGUAGE, LANG), English when the platform has no words in it.",
)


def speaking() -> Language:
    """The language this command writes its messages in."""
    chosen = click.get_current_context().find_root().params.get("language")
    return language(chosen or language_of_environment(os.environ))


ROOT_OPTION = click.option(
    "--root",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=Path(),
    show_default=True,
    help="The strategy repository (its base branch, checked out).",
)


def read_day(
    _context: click.Context, _parameter: click.Parameter, value: str | None
) -> date | None:
    """The same reading of a date as a spreadsheet's date column gets."""
    if value is None:
        return None
    try:
        return parse_day(value)
    except ValueError:
        t = speaking()
        message = t("'{value}' is not a date; write it as 2026-11-30 or 30/11/2026")
        raise click.BadParameter(message.format(value=value)) from None


DATE_OPTION = click.option(
    "--date",
    "day",
    callback=read_day,
    metavar="DATE",
    help="The day to record (2026-11-30 or 30/11/2026); today when left out.",
)


def matching(pattern: str, what: Said) -> Callable[[click.Context, click.Parameter, str], str]:
    """A click callback that refuses a value not matching ``pattern`` (said as ``what``)."""

    def check(_context: click.Context, _parameter: click.Parameter, value: str) -> str:
        if not re.fullmatch(pattern, value):
            # Translators: {what} is what the option takes ("an http:// or https:// address").
            refused = say("expected {what}, got {value}", what=what, value=repr(value))
            raise click.BadParameter(refused.in_language(speaking()))
        return value

    return check
