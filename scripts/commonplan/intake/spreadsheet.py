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
    message: str

    def __str__(self) -> str:
        if self.row == 0 and not self.column:
            return self.message
        if self.row == 0:
            where = f"column '{self.column}'"
        else:
            where = f"row {self.row}" + (f", column '{self.column}'" if self.column else "")
        return f"{where}: {self.message}"


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
            RowProblem(0, "", f"the file is over {MAX_BYTES // 1024 // 1024} MB; split it up")
        )
        return table
    try:
        text, table.encoding = decode(data)
    except UnicodeDecodeError:
        table.problems.append(
            RowProblem(0, "", "the file's characters cannot be read; save it as CSV UTF-8")
        )
        return table
    if "\x00" in text:
        table.problems.append(
            RowProblem(0, "", "this is not a CSV file (it holds NUL bytes); save it as CSV UTF-8")
        )
        return table
    table.delimiter = _best_delimiter(text)
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=table.delimiter))
    except csv.Error as exc:
        table.problems.append(RowProblem(0, "", f"the file is not valid CSV: {exc}"))
        return table
    if not records or not any(cell.strip() for cell in records[0]):
        table.problems.append(RowProblem(0, "", "the file is empty: the first row must be headers"))
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
                    f"has {len(record)} cells but the header has {len(records[0])};"
                    " is a cell's text missing its closing quote?",
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
                f"this cell holds {len(cell):,} characters, more than the"
                f" {MAX_CELL_CHARS:,} one cell may hold; shorten it or split it over several rows",
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
                    f"this header is {len(name):,} characters long, more than the"
                    f" {MAX_HEADER_CHARS:,} a header may be; is a quote left open?",
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
                    f"this header names no feedback field{hint}; rename it to one of: "
                    f"{', '.join(HEADERS)} — or delete the column",
                )
            )
        elif column in positions:
            table.problems.append(
                RowProblem(0, name, f"a second '{column}' column; keep one of them")
            )
        else:
            positions[column] = index
            table.headers[column] = name
    if "feedback" not in positions:
        table.problems.append(
            RowProblem(0, "", "no feedback column: add one headed 'feedback' (what was said)")
        )
    return positions
