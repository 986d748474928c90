"""Feedback gathered offline, from a spreadsheet or an online form's export, as new files.

Reading is pure (bytes → rows); planning turns every row into a checked intake Candidate.
Nothing is written unless every row is good, so a file with one bad row writes nothing and
the facilitator fixes it and runs the same command again. Ids come from the rows' content,
so importing the same file twice adds nothing.

Row numbers are the ones a spreadsheet shows: the header is row 1, the first answer row 2.
"""

from __future__ import annotations

import csv
import difflib
import io
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from commonplan.config import today
from commonplan.corpus import Corpus
from commonplan.intake.candidate import Candidate, check_candidate, content_id, write_candidate
from commonplan.model import ISO_DATE
from commonplan.validate.privacy import find_personal_data
from commonplan.vocabulary import (
    HEADERS,
    UnknownWord,
    is_blank,
    normalise,
    resolve_group,
    resolve_section,
    resolve_stance,
)

MAX_BYTES = 20 * 1024 * 1024
DELIMITERS = (",", ";", "\t")

# A column whose header has one of these words holds personal data: it is never read.
PERSONAL_WORDS = frozenset(
    {"name", "email", "mail", "phone", "telephone", "mobile", "address", "postcode", "contact"}
)
PERSONAL_ENDINGS = ("name", "email", "phone", "address")  # surname, firstname, …
# The feedback field each column becomes, for messages that name the column.
FIELD_OF_COLUMN = {
    "proposal": "proposal",
    "section": "section",
    "group": "group",
    "stance": "stance",
    "feedback": "body",
    "team": "from",
    "date": "submitted",
}
DAY_FIRST = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$")


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
    wanted = _words(header)
    for column, synonyms in HEADERS.items():
        if wanted in synonyms:
            return column
    return None


def is_personal(header: str) -> bool:
    words = _words(header).split()
    return any(word in PERSONAL_WORDS or word.endswith(PERSONAL_ENDINGS) for word in words)


def _words(header: str) -> str:
    return " ".join(re.sub(r"[^0-9a-z]+", " ", normalise(header)).split())


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


def read_table(data: bytes) -> Table:
    """Rows of a CSV file's bytes; problems collected, never raised."""
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
        table.rows.append((number, cells))
    return table


def _read_header(header: list[str], table: Table) -> dict[str, int]:
    positions: dict[str, int] = {}
    for index, raw in enumerate(header):
        name = raw.strip()
        column = column_of(name)
        if column is None and is_personal(name):
            table.left_out.append(name)
        elif column is None:
            if not name:
                continue
            synonyms = [s for names in HEADERS.values() for s in names]
            close = difflib.get_close_matches(_words(name), synonyms, n=1, cutoff=0.6)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
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


# --- Planning --------------------------------------------------------------------------------


@dataclass
class ImportPlan:
    """What an import would do; written only when there are no problems."""

    new: list[Candidate] = field(default_factory=list)
    already: list[str] = field(default_factory=list)  # ids of rows imported before
    left_out: list[str] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    notes: list[RowProblem] = field(default_factory=list)  # warnings: written anyway
    dated_today: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


def parse_day(text: str) -> date:
    """ISO dates, spreadsheet day-first dates (26/11/2026) and form timestamps."""
    text = text.strip()
    if ISO_DATE.match(text[:10]) and (len(text) == 10 or text[10] in " T"):
        return date.fromisoformat(text[:10])
    day_first = DAY_FIRST.match(text.split(" ")[0])
    if day_first:
        day, month, year = (int(part) for part in day_first.groups())
        return date(year, month, day)
    return datetime.fromisoformat(text).date()


def plan_import(
    corpus: Corpus,
    table: Table,
    *,
    source_kind: str,
    recorded_by: str,
    proposal: str | None = None,
) -> ImportPlan:
    """Check every row against the repository; nothing is written here."""
    plan = ImportPlan(left_out=list(table.left_out), problems=list(table.problems))
    if recorded_by not in corpus.teams:
        plan.problems.append(
            RowProblem(0, "", f"--recorded-by '{recorded_by}' is not a team (no teams/…yml)")
        )
    if proposal is not None and proposal not in corpus.proposals:
        plan.problems.append(RowProblem(0, "", f"--proposal '{proposal}' is not a proposal"))
    if plan.problems:
        return plan
    seen: Counter[tuple[str, ...]] = Counter()
    planned: dict[str, str] = {}  # id → body, of the rows this run will write
    for number, cells in table.rows:
        data, problems = _row_data(corpus, table, number, cells, proposal)
        data["source"] = {"kind": source_kind, "recorded_by": recorded_by}
        plan.problems += problems
        if problems:
            continue
        if not cells.get("date"):
            plan.dated_today += 1
        # The id hashes what the row says, not the day it was imported.
        content = tuple(
            str(data.get(key) or "") if key != "submitted" or cells.get("date") else ""
            for key in FIELD_OF_COLUMN.values()
        )
        seen[content] += 1
        # Two identical rows are two people saying the same thing: both are kept.
        feedback_id = content_id(
            str(data["proposal"]),
            source_kind,
            *content,
            str(seen[content]),
            body=str(data["body"]),
            held_by=lambda taken: _body_of(corpus, planned, taken),
        )
        if feedback_id in corpus.feedback or feedback_id in planned:
            plan.already.append(feedback_id)
            continue
        candidate = check_candidate(corpus, feedback_id, data)
        if (corpus.root / candidate.rel).exists():
            plan.already.append(feedback_id)
            continue
        for diagnostic in candidate.diagnostics.errors:
            column = _column_at(candidate.text, diagnostic.line)
            plan.problems.append(
                RowProblem(number, table.headers.get(column, ""), diagnostic.message)
            )
        for diagnostic in candidate.diagnostics.warnings:
            column = _column_at(candidate.text, diagnostic.line)
            plan.notes.append(RowProblem(number, table.headers.get(column, ""), diagnostic.message))
        if candidate.ok:
            planned[feedback_id] = str(data["body"])
            plan.new.append(candidate)
    return plan


def _body_of(corpus: Corpus, planned: dict[str, str], feedback_id: str) -> str | None:
    """The words of the feedback that already holds an id, recorded earlier or in this run."""
    if feedback_id in corpus.feedback:
        return corpus.feedback[feedback_id].body
    return planned.get(feedback_id)


def _row_data(
    corpus: Corpus, table: Table, number: int, cells: dict[str, str], proposal: str | None
) -> tuple[dict[str, object], list[RowProblem]]:
    """One row's cells as feedback fields; words resolved to ids."""
    problems: list[RowProblem] = []

    def problem(column: str, message: str) -> None:
        problems.append(RowProblem(number, table.headers.get(column, column), message))

    data: dict[str, object] = {}
    proposal_id = cells.get("proposal") or proposal
    if not proposal_id:
        problem("proposal", "say which proposal: fill in the proposal column or use --proposal")
    elif proposal_id not in corpus.proposals:
        problem(
            "proposal",
            f"'{proposal_id}' is not a proposal; use one of: {', '.join(sorted(corpus.proposals))}",
        )
    else:
        data["proposal"] = proposal_id
        section = cells.get("section", "")
        if not is_blank(section):
            try:
                data["section"] = resolve_section(section, corpus.proposals[proposal_id])
            except UnknownWord as exc:
                problem("section", str(exc))
    group = cells.get("group", "")
    if not is_blank(group):
        try:
            data["group"] = resolve_group(group, corpus.settings.groups)
        except UnknownWord as exc:
            problem("group", str(exc))
    team = cells.get("team", "")
    if not is_blank(team):
        data["from"] = _team_id(corpus, team)
    if "group" not in data and "from" not in data and not problems:
        problem("group", "say who is speaking: fill in their group (or the team they spoke for)")
    stance = cells.get("stance", "")
    if is_blank(stance):
        problem(
            "stance",
            "say what kind of feedback it is: support, concern, objection, idea,"
            " question or experience",
        )
    else:
        try:
            data["stance"] = resolve_stance(stance)
        except UnknownWord as exc:
            problem("stance", str(exc))
    text = cells.get("feedback", "")
    if not text.strip():
        problem("feedback", "the feedback is empty; write down what was said")
    for finding in find_personal_data(text):
        problem(
            "feedback",
            f"the text contains {finding.describe()}; take it out — personal"
            " details are never published",
        )
    data["body"] = text.replace("\r\n", "\n").replace("\r", "\n")
    try:
        data["submitted"] = parse_day(cells["date"]) if cells.get("date") else today()
    except ValueError:
        problem("date", f"'{cells['date']}' is not a date; write it as 2026-11-02 or 02/11/2026")
    return data, problems


def _team_id(corpus: Corpus, text: str) -> str:
    """A team by id or by name; unknown text is kept so that the check names it."""
    wanted = normalise(text)
    for team_id, team in corpus.teams.items():
        if wanted in (team_id, normalise(team.name)):
            return team_id
    return text.strip()


def _column_at(text: str, line: int) -> str:
    """The CSV column behind a line of a candidate's YAML (top-level key above that line)."""
    lines = text.split("\n")[:line]
    for candidate in reversed(lines):
        key = candidate.split(":", 1)[0]
        if candidate and not candidate.startswith((" ", "#")) and key:
            for column, name in FIELD_OF_COLUMN.items():
                if name == key:
                    return column
            return ""
    return ""


def write_plan(root: Path, plan: ImportPlan) -> list[Path]:
    """Write every new file of a plan that has no problems."""
    if not plan.ok:
        raise ValueError("an import with problems writes nothing")
    return [write_candidate(root, candidate) for candidate in plan.new]
