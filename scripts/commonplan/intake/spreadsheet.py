"""A spreadsheet or an online form's export read into rows of known columns (pure).

Problems are collected, never raised. Row numbers are the ones a spreadsheet shows: the
header is row 1, the first answer row 2. Columns whose header names personal data are
never read.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from commonplan.language import Language, Said, in_language, say
from commonplan.terms import normalise
from commonplan.vocabulary import (
    HEADERS,
)
from commonplan.words import suggest

MAX_BYTES = 20 * 1024 * 1024
# A cell longer than this is reported (row and column) and its row is not read. The csv
# module's own limit (131,072 characters) is lifted while a file is read, so that even a
# longer cell is reported where it is rather than as a broken file.
MAX_CELL_CHARS = 100_000
MAX_HEADER_CHARS = 1_000  # a header names its column in a few words
DELIMITERS = (",", ";", "\t")

# A column whose header has one of these words holds personal data: it is never read.
PERSONAL_WORDS = frozenset(
    {"name", "email", "mail", "phone", "telephone", "mobile", "address", "postcode", "contact"}
)
PERSONAL_ENDINGS = ("name", "email", "phone", "address")  # surname, firstname, …


@dataclass(frozen=True)
class RowProblem:
    """What is wrong with one cell (or the whole file, row 0), and what to change."""

    row: int
    column: str  # the header as written in the file ("" for the whole row or file)
    message: str | Said  # to be said in the reader's language

    @property
    def said(self) -> str | Said:
        """The problem and where it is, to be said in the reader's language."""
        if self.row == 0 and not self.column:
            return self.message
        if self.row == 0:
            # Translators: {column} is a spreadsheet's header as written; {message} what
            # is wrong with that column.
            return say("column '{column}': {message}", column=self.column, message=self.message)
        if self.column:
            # Translators: {row} is the row's number, as the spreadsheet shows it.
            return say(
                "row {row}, column '{column}': {message}",
                row=self.row,
                column=self.column,
                message=self.message,
            )
        return say("row {row}: {message}", row=self.row, message=self.message)

    def in_language(self, t: Language) -> str:
        return in_language(self.said, t)

    def __str__(self) -> str:
        return str(self.said)


@dataclass
class Table:
    """A spreadsheet read into rows of known columns."""

    headers: dict[str, str] = field(default_factory=dict)  # column → header as written
    left_out: list[str] = field(default_factory=list)  # personal-data headers, never read
    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)  # (row, column → cell)
    problems: list[RowProblem] = field(default_factory=list)
    encoding: str = ""
    delimiter: str = ","


# --- Reading ---------------------------------------------------------------------------------


def decode(data: bytes) -> tuple[str, str]:
    """(text, encoding name): UTF-8 with or without BOM, UTF-16 (BOM), else Windows-1252."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "UTF-16"
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "UTF-8 with BOM"
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        return data.decode("cp1252"), "Windows-1252"


def column_of(header: str) -> str | None:
    """The column a header names, or None."""
    if len(header) > MAX_HEADER_CHARS:
        return None
    return _COLUMNS.get(_words(header))


def is_personal(header: str) -> bool:
    if len(header) > MAX_HEADER_CHARS:
        return False
    words = _words(header).split()
    return any(word in PERSONAL_WORDS or word.endswith(PERSONAL_ENDINGS) for word in words)


def _words(header: str) -> str:
    """A header's words, lower case, without punctuation ("Grŵp:", "grŵp" are one)."""
    return " ".join(re.sub(r"[\W_]+", " ", normalise(header)).split())


# Each way of writing a header, as `_words` reads it → its column.
_COLUMNS = {_words(name): column for column, names in HEADERS.items() for name in names}


def _best_delimiter(text: str) -> str:
    """The delimiter whose header row names the most known columns (then the most cells)."""

    def score(delimiter: str) -> tuple[int, int]:
        try:
            header = next(csv.reader(io.StringIO(text), delimiter=delimiter), [])
        except csv.Error:
            return (-1, -1)
        known = sum(1 for cell in header if column_of(cell) or is_personal(cell))
        return (known, len(header))

    return max(DELIMITERS, key=score)


@contextmanager
def _any_cell_size() -> Iterator[None]:
    previous = csv.field_size_limit(MAX_BYTES)
    try:
        yield
    finally:
        csv.field_size_limit(previous)


def read_table(data: bytes) -> Table:
    """Rows of a CSV file's bytes; problems collected, never raised. Linear in the file's
    size, whatever it holds."""
    with _any_cell_size():
        return _read_table(data)


def _read_table(data: bytes) -> Table:
    table = Table()
    if len(data) > MAX_BYTES:
        table.problems.append(
            RowProblem(
                0,
                "",
                say("the file is over {size} MB; split it up", size=MAX_BYTES // 1024 // 1024),
            )
        )
        return table
    try:
        text, table.encoding = decode(data)
    except UnicodeDecodeError:
        table.problems.append(
            RowProblem(0, "", say("the file's characters cannot be read; save it as CSV UTF-8"))
        )
        return table
    if "\x00" in text:
        table.problems.append(
            RowProblem(
                0, "", say("this is not a CSV file (it holds NUL bytes); save it as CSV UTF-8")
            )
        )
        return table
    table.delimiter = _best_delimiter(text)
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=table.delimiter))
    except csv.Error as exc:
        # Translators: {problem} is the CSV reader's own words, in English.
        not_csv = say("the file is not valid CSV: {problem}", problem=str(exc))
        table.problems.append(RowProblem(0, "", not_csv))
        return table
    if not records or not any(cell.strip() for cell in records[0]):
        empty = say("the file is empty: the first row must be headers")
        table.problems.append(RowProblem(0, "", empty))
        return table
    positions = _read_header(records[0], table)
    if table.problems:
        return table
    for number, record in enumerate(records[1:], start=2):
        if not any(cell.strip() for cell in record):
            continue  # spreadsheets export trailing empty rows
        # Cells past the header are an error only when they hold something.
        if any(cell.strip() for cell in record[len(records[0]) :]):
            table.problems.append(
                RowProblem(
                    number,
                    "",
                    # Translators: a row's problem ("row 3: has 5 cells …"); {cells} and
                    # {headers} are numbers.
                    say(
                        "has {cells} cells but the header has {headers}; is a cell's text"
                        " missing its closing quote?",
                        cells=len(record),
                        headers=len(records[0]),
                    ),
                )
            )
            continue
        cells = {
            column: record[index].strip() if index < len(record) else ""
            for column, index in positions.items()
        }
        too_long = [
            RowProblem(
                number,
                table.headers[column],
                # Translators: {length} and {limit} are numbers, written "100,000".
                say(
                    "this cell holds {length} characters, more than the {limit} one cell may"
                    " hold; shorten it or split it over several rows",
                    length=format(len(cell), ","),
                    limit=format(MAX_CELL_CHARS, ","),
                ),
            )
            for column, cell in cells.items()
            if len(cell) > MAX_CELL_CHARS
        ]
        if too_long:
            table.problems += too_long
            continue
        table.rows.append((number, cells))
    return table


def _read_header(header: list[str], table: Table) -> dict[str, int]:
    positions: dict[str, int] = {}
    for index, raw in enumerate(header):
        name = raw.strip()
        column = column_of(name)
        if len(name) > MAX_HEADER_CHARS:
            table.problems.append(
                RowProblem(
                    0,
                    name[:40] + "…",
                    # Translators: {length} and {limit} are numbers, written "1,000".
                    say(
                        "this header is {length} characters long, more than the {limit} a"
                        " header may be; is a quote left open?",
                        length=format(len(name), ","),
                        limit=format(MAX_HEADER_CHARS, ","),
                    ),
                )
            )
        elif column is None and is_personal(name):
            table.left_out.append(name)
        elif column is None:
            if not name:
                continue
            synonyms = [s for names in HEADERS.values() for s in names]
            hint = suggest(_words(name), synonyms)
            table.problems.append(
                RowProblem(
                    0,
                    name,
                    # Translators: {hint} is empty or " (did you mean 'x'?)"; {columns} the
                    # headers a spreadsheet may have, "proposal, section, group".
                    say(
                        "this header names no feedback field{hint}; rename it to one of:"
                        " {columns} — or delete the column",
                        hint=hint,
                        columns=", ".join(HEADERS),
                    ),
                )
            )
        elif column in positions:
            table.problems.append(
                RowProblem(
                    0, name, say("a second '{column}' column; keep one of them", column=column)
                )
            )
        else:
            positions[column] = index
            table.headers[column] = name
    if "feedback" not in positions:
        table.problems.append(
            RowProblem(0, "", say("no feedback column: add one headed 'feedback' (what was said)"))
        )
    return positions
