"""CSV tables of open data: their columns, described on the open data page, and their cells."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass

from commonplan.characters import without_controls
from commonplan.language import Language, mark
from commonplan.terms import Vocabulary
from commonplan.vocabulary import ACTION_STATUS, RESPONSE_STATUS, SOURCE, STANCE

# Spreadsheets run a cell that starts with one of these as a formula ("CSV injection").
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# The context a column's meaning is marked with: `mark("open data column", "...")`.
MEANING = "open data column"


@dataclass(frozen=True)
class Column:
    """A column of an open data table: its ``name`` (data: never translated) and what it
    means, marked ``mark("open data column", "...")`` and shown in the page's language.
    With ``values``, the meaning's ``{values}`` lists that vocabulary's ids (as the file
    holds them)."""

    name: str
    meaning: str
    values: Vocabulary | None = None

    def shown(self, t: Language) -> str:
        """The meaning in ``t``'s language, its values listed."""
        meaning = t.marked(MEANING, self.meaning)
        if self.values is None:
            return meaning
        return meaning.format(values=_listing(t, self.values.ids()))


# The columns of the tables the open data page describes (moderations.csv's are in
# `moderation`); each column's meaning is marked for translation, its name is data.
FEEDBACK_COLUMNS = [
    Column("id", mark("open data column", "The feedback's id.")),
    Column("proposal", mark("open data column", "Id of the proposal it is about.")),
    Column(
        "section",
        mark(
            "open data column",
            "Anchor of the section of the text it is about; empty for general comments.",
        ),
    ),
    Column(
        "from",
        mark(
            "open data column",
            "Id of the team the speaker spoke for; empty when they spoke for themselves.",
        ),
    ),
    Column(
        "groups",
        mark("open data column", "The stakeholder groups it speaks for, separated by spaces."),
    ),
    # Translators: {values} lists the values the column holds, "support, concern … or idea".
    Column("stance", mark("open data column", "{values}."), STANCE),
    Column("submitted", mark("open data column", "The day it was given (YYYY-MM-DD).")),
    # Translators: {values} lists the values the column holds, "github, meeting … or email".
    Column("source", mark("open data column", "How it reached us: {values}."), SOURCE),
    Column(
        "source_ref",
        mark("open data column", "A link or reference for the source, when there is one."),
    ),
    Column("recorded_by", mark("open data column", "Team that wrote down feedback given offline.")),
    Column("body", mark("open data column", "What was said.")),
    Column(
        "response_status",
        # Translators: {values} lists the values the column holds, "accepted … or not-adopted".
        mark("open data column", "{values}; empty when not answered."),
        RESPONSE_STATUS,
    ),
    Column("response_by", mark("open data column", "Team that answered.")),
    Column("response_date", mark("open data column", "The day of the answer.")),
    Column("response_text", mark("open data column", "The answer.")),
    Column(
        "response_revision",
        mark("open data column", "The version of the proposal that answers it, if any."),
    ),
]
ACTION_COLUMNS = [
    Column("proposal", mark("open data column", "Id of the proposal the action belongs to.")),
    Column("id", mark("open data column", "The action's id, unique within its proposal.")),
    Column("title", mark("open data column", "What will be done.")),
    Column("owner", mark("open data column", "Id of the team responsible.")),
    Column("due", mark("open data column", "When it should be done.")),
    # Translators: {values} lists the values the column holds, "planned, done or dropped".
    Column("status", mark("open data column", "{values}."), ACTION_STATUS),
    Column("done", mark("open data column", "The day it was done.")),
]
MEASURE_COLUMNS = [
    Column("proposal", mark("open data column", "Id of the proposal the measure belongs to.")),
    Column("measure", mark("open data column", "The measure's id, unique within its proposal.")),
    Column("name", mark("open data column", "What is measured.")),
    Column("unit", mark("open data column", "Unit of the values.")),
    Column("baseline", mark("open data column", "Value before the work started.")),
    Column("target", mark("open data column", "Value the work aims for.")),
    Column("date", mark("open data column", "Day of this reading; one row per reading.")),
    Column("value", mark("open data column", "The reading.")),
]


def _listing(t: Language, ids: tuple[str, ...]) -> str:
    """Ids (data) in a sentence: "support, concern, … or experience"."""
    *rest, last = ids
    if not rest:
        return last
    # Translators: the end of a list of values a column may hold, "planned, done or dropped";
    # {values} are all but the last, separated by commas.
    return t("{values} or {last}").format(values=", ".join(rest), last=last)


def _cell(value: str) -> str:
    """Every cell: its text without controls, guarded when it would start a formula."""
    value = without_controls(value)
    return "'" + value if value.startswith(FORMULA_START) else value


def csv_table(columns: list[Column], rows: Iterable[Iterable[object]]) -> str:
    stream = io.StringIO()
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow([c.name for c in columns])
    for row in rows:
        writer.writerow([_cell(str(value)) for value in row])
    return stream.getvalue()
