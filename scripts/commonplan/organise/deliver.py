"""What the strategy delivers: a proposal's actions and the readings of its measures,
added or updated without editing YAML (the same care as `respond`: layout kept, one
contiguous change, every result checked before it is written)."""

from __future__ import annotations

from datetime import date

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from commonplan.fields import SLUG
from commonplan.language import Said, said_list, say
from commonplan.model import Proposal
from commonplan.organise.answer import not_a_proposal
from commonplan.organise.edit import Document, Edit, OrganiseError, checked, open_document
from commonplan.validate.pipeline import Validation
from commonplan.vocabulary import ACTION_STATUS


def _proposal(validation: Validation, proposal_id: str) -> tuple[Proposal, Document]:
    corpus = validation.corpus
    proposal = corpus.proposals.get(proposal_id)
    if proposal is None:
        raise OrganiseError(not_a_proposal(proposal_id, corpus.proposals))
    return proposal, open_document(corpus.root, proposal.path, front_matter=True)


def _entries(document: Document, key: str, before: str | None = None) -> CommentedSeq:
    """The proposal's list under ``key``, made (before ``before``, else last) when absent."""
    found = document.data.get(key)
    if isinstance(found, CommentedSeq):
        return found
    if found is not None:
        # Translators: {key} is a field of the data format (actions, measures).
        raise OrganiseError(
            say("`{key}` in the proposal is not a list; correct it by hand", key=key)
        )
    keys = list(document.data)
    position = keys.index(before) if before in keys else len(keys)
    entries = CommentedSeq()
    document.data.insert(position, key, entries)
    return entries


def _entry(entries: CommentedSeq, entry_id: str) -> CommentedMap | None:
    return next(
        (e for e in entries if isinstance(e, CommentedMap) and e.get("id") == entry_id), None
    )


def action(
    validation: Validation,
    proposal_id: str,
    action_id: str,
    *,
    day: date,
    title: str | None = None,
    owner: str | None = None,
    due: date | None = None,
    status: str | None = None,
) -> Edit:
    """Add an action to a proposal, or change one; `done` dates itself when it is done."""
    if not SLUG.match(action_id):
        raise OrganiseError(not_an_id(action_id))
    if status is not None and status not in ACTION_STATUS.ids():
        raise OrganiseError(
            say(
                "'{status}' is not an action status; use one of: {statuses}",
                status=status,
                statuses=said_list(ACTION_STATUS.ids()),
            )
        )
    proposal, document = _proposal(validation, proposal_id)
    entries = _entries(document, "actions", before="measures")
    entry = _entry(entries, action_id)
    if entry is None:
        if not title or not owner:
            raise OrganiseError(
                say(
                    "'{action}' is a new action: give it --title and --owner (the team that"
                    " does it)",
                    action=action_id,
                )
            )
        entry = CommentedMap([("id", action_id)])
        entries.append(entry)
    for key, value in (("title", title), ("owner", owner), ("due", due), ("status", status)):
        if value is not None:
            entry[key] = value.strip() if isinstance(value, str) else value
    if status == "done" and "done" not in entry:
        entry["done"] = day
    elif status is not None and status != "done" and "done" in entry:
        del entry["done"]  # no longer done: the date would say it was
    return checked(validation.corpus, "proposal", proposal.path, document.text(), created=False)


def measure(
    validation: Validation,
    proposal_id: str,
    measure_id: str,
    *,
    value: float,
    day: date,
    name: str | None = None,
    unit: str | None = None,
    baseline: float | None = None,
    target: float | None = None,
) -> Edit:
    """Record a reading of a measure, creating the measure when it is new."""
    if not SLUG.match(measure_id):
        raise OrganiseError(not_an_id(measure_id))
    proposal, document = _proposal(validation, proposal_id)
    entries = _entries(document, "measures")
    entry = _entry(entries, measure_id)
    if entry is None:
        if name is None or baseline is None or target is None:
            raise OrganiseError(
                say(
                    "'{measure}' is a new measure: give it --name, --baseline and --target"
                    " (and --unit if it has one)",
                    measure=measure_id,
                )
            )
        entry = CommentedMap([("id", measure_id), ("name", name.strip())])
        if unit:
            entry["unit"] = unit.strip()
        entry["baseline"], entry["target"] = _number(baseline), _number(target)
        entries.append(entry)
    else:
        for key, given in (("name", name), ("unit", unit)):
            if given is not None:
                entry[key] = given.strip()
        for key, number in (("baseline", baseline), ("target", target)):
            if number is not None:
                entry[key] = _number(number)
    history = entry.get("history")
    if not isinstance(history, CommentedSeq):
        history = CommentedSeq()
        entry["history"] = history
    reading = CommentedMap([("date", day), ("value", _number(value))])
    reading.fa.set_flow_style()
    history.append(reading)
    return checked(validation.corpus, "proposal", proposal.path, document.text(), created=False)


def not_an_id(value: str) -> Said:
    return say("'{value}' is not a valid id: lowercase letters, digits, '-'", value=value)


def _number(value: float) -> int | float:
    """Whole numbers written without '.0', as people write them."""
    return int(value) if float(value).is_integer() else float(value)
