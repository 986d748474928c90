"""Feedback from a spreadsheet as new files: every row checked before anything is written.

Planning turns every row (`intake.spreadsheet`) into a checked intake Candidate. Nothing is
written unless every row is good, so a file with one bad row writes nothing and the
facilitator fixes it and runs the same command again. Ids come from the rows' content, so
importing the same file twice adds nothing.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from commonplan.corpus import Corpus
from commonplan.dates import parse_day
from commonplan.errors import CommonplanError
from commonplan.intake.candidate import (
    Batch,
    Candidate,
    write_candidate,
)
from commonplan.intake.spreadsheet import RowProblem, Table, read_table
from commonplan.language import Said, said_list, say
from commonplan.terms import UnknownWord, normalise
from commonplan.validate.privacy import find_personal_data
from commonplan.vocabulary import (
    STANCE,
    is_blank,
    resolve_group,
    resolve_section,
    resolve_stance,
)
from commonplan.words import suggest

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


@dataclass
class ImportPlan:
    """What an import would do; written only when there are no problems."""

    new: list[Candidate] = field(default_factory=list)
    already: list[str] = field(default_factory=list)  # ids of rows imported before
    left_out: list[str] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    notes: list[RowProblem] = field(default_factory=list)  # warnings: written anyway
    # The command's own options are wrong (not the spreadsheet): nothing was checked.
    option_problems: list[str | Said] = field(default_factory=list)
    dated_today: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems and not self.option_problems


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
        plan.option_problems.append(
            # Translators: {team} is the team id given; {hint} is empty or " (did you mean
            # 'x'?)".
            say(
                "--recorded-by '{team}' is not a team (no teams/{team}.yml){hint}",
                team=recorded_by,
                hint=suggest(recorded_by, corpus.teams),
            )
        )
    if proposal is not None and _proposal_id(corpus, proposal) is None:
        plan.option_problems.append(
            say(
                "--proposal '{proposal}' is not a proposal{hint}",
                proposal=proposal,
                hint=suggest(proposal, corpus.proposals),
            )
        )
    if plan.problems or plan.option_problems:
        return plan
    proposal = _proposal_id(corpus, proposal) if proposal is not None else None
    seen: Counter[tuple[str, ...]] = Counter()
    batch = Batch(corpus)
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
        feedback_id, candidate = batch.candidate(source_kind, (*content, str(seen[content])), data)
        if candidate is None:
            plan.already.append(feedback_id)
            continue
        for diagnostic in candidate.diagnostics.errors:
            column = _column_at(candidate.text, diagnostic.line)
            plan.problems.append(
                RowProblem(number, table.headers.get(column, ""), diagnostic.words)
            )
        for diagnostic in candidate.diagnostics.warnings:
            column = _column_at(candidate.text, diagnostic.line)
            plan.notes.append(RowProblem(number, table.headers.get(column, ""), diagnostic.words))
        if candidate.ok:
            plan.new.append(candidate)
    return plan


def _row_data(
    corpus: Corpus, table: Table, number: int, cells: dict[str, str], proposal: str | None
) -> tuple[dict[str, object], list[RowProblem]]:
    """One row's cells as feedback fields; words resolved to ids."""
    problems: list[RowProblem] = []

    def problem(column: str, message: str | Said) -> None:
        problems.append(RowProblem(number, table.headers.get(column, column), message))

    data: dict[str, object] = {}
    said = cells.get("proposal") or proposal
    proposal_id = _proposal_id(corpus, said) if said else None
    if not said:
        problem(
            "proposal", say("say which proposal: fill in the proposal column or use --proposal")
        )
    elif proposal_id is None:
        problem(
            "proposal",
            # Translators: {proposal} is what the row says; {proposals} the proposals' ids;
            # {hint} is empty or " (did you mean 'x'?)".
            say(
                "'{proposal}' is not a proposal (by its id or its title); use one of:"
                " {proposals}{hint}",
                proposal=said,
                proposals=", ".join(sorted(corpus.proposals)),
                hint=suggest(said, corpus.proposals),
            ),
        )
    else:
        data["proposal"] = proposal_id
        section = cells.get("section", "")
        if not is_blank(section):
            try:
                data["section"] = resolve_section(section, corpus.proposals[proposal_id])
            except UnknownWord as exc:
                problem("section", exc.said)
    group = cells.get("group", "")
    if not is_blank(group):
        try:
            settings = corpus.settings
            data["group"] = resolve_group(group, settings.groups, settings.group_words())
        except UnknownWord as exc:
            problem("group", exc.said)
    team = cells.get("team", "")
    if not is_blank(team):
        data["from"] = _team_id(corpus, team)
        if data["from"] not in corpus.teams:
            # Said here, with the row's other problems, so that one run names them all.
            problem(
                "team",
                # Translators: {team} is what the row says; {hint} is empty or " (did you
                # mean 'x'?)".
                say(
                    "'{team}' is not a team (by its id or its name){hint}",
                    team=team.strip(),
                    hint=suggest(str(data["from"]), corpus.teams),
                ),
            )
    if "group" not in data and "from" not in data and not problems:
        problem(
            "group", say("say who is speaking: fill in their group (or the team they spoke for)")
        )
    stance = cells.get("stance", "")
    if is_blank(stance):
        # Translators: {stances} are the kinds of feedback, "support, concern … or experience".
        kinds = say("say what kind of feedback it is: {stances}", stances=said_list(STANCE.ids()))
        problem("stance", kinds)
    else:
        try:
            data["stance"] = resolve_stance(stance)
        except UnknownWord as exc:
            problem("stance", exc.said)
    text = cells.get("feedback", "")
    if not text.strip():
        problem("feedback", say("the feedback is empty; write down what was said"))
    for finding in find_personal_data(text):
        problem(
            "feedback",
            # Translators: {found} is what was found, "an e-mail address".
            say(
                "the text contains {found}; take it out — personal details are never published",
                found=finding.described(),
            ),
        )
    data["body"] = text.replace("\r\n", "\n").replace("\r", "\n")
    try:
        data["submitted"] = parse_day(cells["date"]) if cells.get("date") else corpus.today
    except ValueError:
        # Translators: {date} is the row's date as written.
        not_a_date = say(
            "'{date}' is not a date; write it as 2026-11-02 or 02/11/2026", date=cells["date"]
        )
        problem("date", not_a_date)
    return data, problems


def _named(text: str, names: dict[str, str]) -> str | None:
    """The id that ``text`` is, or whose name (id → name) it is, as a facilitator may write
    either; None when it is neither."""
    wanted = normalise(text)
    return next((i for i, name in names.items() if wanted in (i, normalise(name))), None)


def _proposal_id(corpus: Corpus, text: str) -> str | None:
    """A proposal by its id or its title."""
    return _named(text, {p_id: p.title for p_id, p in corpus.proposals.items()})


def _team_id(corpus: Corpus, text: str) -> str:
    """A team by id or by name; unknown text is kept so that the check names it."""
    return _named(text, {t_id: t.name for t_id, t in corpus.teams.items()}) or text.strip()


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


def plan_file(
    corpus: Corpus,
    data: bytes | Path,
    *,
    source_kind: str,
    recorded_by: str,
    proposal: str | None,
) -> ImportPlan:
    """Read a spreadsheet (its bytes, or the file) and check every row; nothing is written
    here. Raises CommonplanError when the file cannot be read."""
    if isinstance(data, Path):
        path = data
        try:
            data = path.read_bytes()
        except OSError as exc:
            # Translators: {path} is the spreadsheet's path; {reason} the system's own words.
            unreadable = say(
                "{path}: cannot be read: {reason}", path=str(path), reason=str(exc.strerror)
            )
            raise CommonplanError(unreadable) from exc
    table = read_table(data)
    return plan_import(
        corpus, table, source_kind=source_kind, recorded_by=recorded_by, proposal=proposal
    )
