"""Taking feedback down: the moderators hide it, or its giver withdraws it.

Both add one entry at the end of the feedback file and keep the rest as it was; the words
stay in the file (and in git history) but the site publishes them nowhere. Reports to the
moderators (`ingest` records those from the report form) are added the same way.
"""

from __future__ import annotations

from datetime import date

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from commonplan.corpus import Corpus
from commonplan.organise.answer import feedback_named
from commonplan.organise.edit import Edit, checked, open_document
from commonplan.validate.pipeline import Validation


def hide(
    validation: Validation,
    feedback_id: str,
    *,
    reason: str,
    by: str,
    note: str | None,
    day: date,
) -> Edit:
    """Hide a piece of feedback for one of the site's moderation reasons (refused, like any
    edit, unless the reason is one of them and ``by`` one of the moderators)."""
    item = feedback_named(validation, feedback_id)
    moderation = CommentedMap()
    moderation["status"] = "hidden"
    moderation["reason"] = reason
    moderation["by"] = by
    moderation["date"] = day
    if note and note.strip():
        moderation["note"] = note.strip()
    return _taken_down(validation, item.path, "moderation", moderation)


def withdraw(validation: Validation, feedback_id: str, *, day: date) -> Edit:
    """Take a piece of feedback down at its giver's request: its words are published nowhere."""
    item = feedback_named(validation, feedback_id)
    withdrawn = CommentedMap()
    withdrawn["date"] = day
    return _taken_down(validation, item.path, "withdrawn", withdrawn)


def _taken_down(validation: Validation, path: str, key: str, entry: CommentedMap) -> Edit:
    document = open_document(validation.corpus.root, path, front_matter=False)
    document.data[key] = entry
    return checked(validation.corpus, "feedback", path, document.text(), created=False)


def with_report(
    corpus: Corpus, feedback_id: str, *, reason: str, day: date, ref: str
) -> Edit | None:
    """The feedback's file with one more report to the moderators: when, why and where it was
    made, never the words of the report. None when this report is in the file already."""
    item = corpus.feedback[feedback_id]
    if any(report.ref == ref for report in item.reports):
        return None
    document = open_document(corpus.root, item.path, front_matter=False)
    entry = CommentedMap()
    entry["date"] = day
    entry["reason"] = reason
    entry["ref"] = ref
    reports = document.data.get("reports")
    if isinstance(reports, CommentedSeq):
        reports.append(entry)
    else:
        document.data["reports"] = CommentedSeq([entry])
    return checked(corpus, "feedback", item.path, document.text(), created=False)
