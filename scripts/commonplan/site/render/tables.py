"""CSV tables of open data: their columns, described on the open data page, and their cells."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass

from commonplan.characters import without_controls

# Spreadsheets run a cell that starts with one of these as a formula ("CSV injection").
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Column:
    name: str
    meaning: str


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
