"""New feedback from outside the repository: GitHub issues, review comments, CSV rows, mail.

Every route ends here: the candidate is written out as the YAML file it would become, then
checked by the same loader, model and rules as `commonplan validate`, against the
repository's data. Only a candidate with no errors is written, so intake can never add a
file that validation would refuse.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from io import StringIO
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.scalarstring import LiteralScalarString

from commonplan.corpus import Corpus
from commonplan.diagnostics import Diagnostics
from commonplan.feedback import Feedback
from commonplan.fields import ISO_DATE
from commonplan.files import write_atomic
from commonplan.language import ENGLISH, Language, Said, say
from commonplan.validate.pipeline import check_document

# `source.ref` of imported feedback: a digest of what was said, never the words themselves.
DIGEST_PREFIX = "sha256:"
DIGEST_LENGTH = 16
SCHEMA_LINE = "# yaml-language-server: $schema=../../schemas/feedback.schema.json\n"
FIELD_ORDER = ("proposal", "section", "from", "group", "stance", "submitted", "source", "body")
SOURCE_ORDER = ("kind", "ref", "recorded_by")


def content_id(
    proposal: str,
    source_kind: str,
    *parts: str,
    body: str,
    held_by: Callable[[str], str | None],
) -> str:
    """`<proposal>-<source>-<8 hex>`: the id older imports gave feedback, from its content;
    kept so that re-importing what they recorded still recognises it.

    ``held_by(id)`` gives the body of the feedback that already has an id (or None). When
    words other than ``body`` hold the short id — two contents whose digests share 8 hex digits — a
    longer digest is used, so that no feedback is ever dropped as "already recorded" by
    chance.
    """
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
    for length in (8, 16, len(digest)):
        feedback_id = f"{proposal}-{source_kind}-{digest[:length]}"
        holder = held_by(feedback_id)
        if holder is None or holder.strip() == body.strip():
            return feedback_id
    return feedback_id


def feedback_yaml(data: dict[str, Any]) -> str:
    """The file text for a feedback mapping, fields in the documented order."""
    document = CommentedMap()
    for key in FIELD_ORDER:
        value = data.get(key)
        if value is None:
            continue
        if key == "source":
            value = CommentedMap((k, value[k]) for k in SOURCE_ORDER if value.get(k) is not None)
        elif key == "body":
            value = LiteralScalarString(str(value).strip() + "\n")
        elif key == "submitted" and isinstance(value, str) and ISO_DATE.match(value):
            value = date.fromisoformat(value)  # written as a plain date, not a quoted string
        document[key] = value
    for key, value in data.items():
        if key not in document and key not in FIELD_ORDER and value is not None:
            document[key] = value
    yaml = YAML()
    yaml.width = 100
    yaml.indent(mapping=2, sequence=4, offset=2)
    stream = StringIO()
    yaml.dump(document, stream)
    return SCHEMA_LINE + stream.getvalue()


@dataclass
class Candidate:
    """A piece of feedback that may become a file."""

    id: str
    rel: str  # where it would be written, relative to the repository
    text: str
    feedback: Feedback | None
    diagnostics: Diagnostics

    @property
    def ok(self) -> bool:
        return self.feedback is not None and self.diagnostics.ok

    def problems(self, t: Language = ENGLISH) -> list[str]:
        """The errors, in plain words, for a message back to whoever sent it: in ``t``, the
        language of that message."""
        return [d.text(t) for d in self.diagnostics.errors]

    def said_problems(self) -> list[str | Said]:
        """The errors, to be said in the language of whoever reads them."""
        return [d.words for d in self.diagnostics.errors]


def check_candidate(corpus: Corpus, feedback_id: str, data: dict[str, Any]) -> Candidate:
    """Check new feedback exactly as `validate` would check the file it becomes."""
    proposal = str(data.get("proposal") or "unknown")
    rel = f"feedback/{proposal}/{feedback_id}.yml"
    text = feedback_yaml(data)
    checked = check_document(corpus, "feedback", rel, text)
    record = checked.record if isinstance(checked.record, Feedback) else None
    existing = corpus.feedback.get(feedback_id)
    if record is not None and existing is not None and existing.path != rel:
        checked.diagnostics.error(
            rel,
            (1, 1),
            "duplicate-id",
            # Translators: {id} is the feedback's id; {path} the file that already has it.
            say(
                "feedback id '{id}' is already used by {path}",
                id=feedback_id,
                path=existing.path,
            ),
        )
    diagnostics = checked.diagnostics
    return Candidate(feedback_id, rel, text, record, diagnostics)


def write_candidate(root: Path, candidate: Candidate) -> Path:
    """Write a checked candidate into the repository (atomically); refuses one with errors."""
    if not candidate.ok:
        raise ValueError(f"{candidate.rel} has errors and was not written")
    path = root / candidate.rel
    write_atomic(path, candidate.text)
    return path


@dataclass
class Batch:
    """The new feedback of one intake run (a spreadsheet, a mailbox).

    Each new item gets the next readable id of its proposal (`warm-spaces-0013`), and its
    `source.ref` holds a digest of what was said (`sha256:…`). The same row or message met
    again, in this run or a later one, is found by that digest and not recorded twice;
    feedback recorded before digests were kept is found by its older content id.
    """

    corpus: Corpus
    planned: dict[str, tuple[str, str]] = field(default_factory=dict)  # ref → (id, words)
    numbers: dict[str, int] = field(default_factory=dict)  # proposal → last number used

    def __post_init__(self) -> None:
        self.recorded = {
            item.source.ref: (item.id, item.body)
            for item in self.corpus.feedback.values()
            if item.source.ref and item.source.ref.startswith(DIGEST_PREFIX)
        }

    def words_of(self, feedback_id: str) -> str | None:
        """The words of the feedback that holds an id, recorded earlier."""
        recorded = self.corpus.feedback.get(feedback_id)
        return recorded.body if recorded is not None else None

    def candidate(
        self, source_kind: str, parts: tuple[str, ...], data: dict[str, Any]
    ) -> tuple[str, Candidate | None]:
        """The id of ``data`` and its checked candidate; None when it was recorded before
        (the id it was recorded under is given then)."""
        body, proposal = str(data["body"]), str(data["proposal"])
        digest = hashlib.sha256("\x1f".join((proposal, source_kind, *parts)).encode("utf-8"))
        ref = DIGEST_PREFIX + digest.hexdigest()[:DIGEST_LENGTH]
        for known in (self.recorded.get(ref), self.planned.get(ref)):
            if known is not None and known[1].strip() == body.strip():
                return known[0], None
        older = content_id(proposal, source_kind, *parts, body=body, held_by=self.words_of)
        if older in self.corpus.feedback:
            return older, None
        feedback_id = self._next_id(proposal)
        data["source"] = {**data["source"], "ref": ref}
        candidate = check_candidate(self.corpus, feedback_id, data)
        if candidate.ok:
            self.planned[ref] = (feedback_id, body)
        return feedback_id, candidate

    def _next_id(self, proposal: str) -> str:
        if proposal not in self.numbers:
            self.numbers[proposal] = last_number(self.corpus, proposal)
        self.numbers[proposal] += 1
        return readable_id(proposal, self.numbers[proposal])


def last_number(corpus: Corpus, proposal: str) -> int:
    """The highest N of the `<proposal>-N` ids the proposal's feedback already uses (0 if
    none): the files on disk count too, even one that does not validate."""
    folder = corpus.root / "feedback" / proposal
    names = [*corpus.feedback, *(p.stem for p in folder.glob("*.yml"))]
    pattern = re.compile(rf"{re.escape(proposal)}-(\d+)")
    return max((int(m.group(1)) for name in names if (m := pattern.fullmatch(name))), default=0)


def readable_id(proposal: str, number: int) -> str:
    """`<proposal>-NNNN`: the id feedback gets when nobody chose one."""
    return f"{proposal}-{number:04d}"
