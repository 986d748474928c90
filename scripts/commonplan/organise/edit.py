"""Tools for organisers: scaffold files, answer feedback and record revisions without YAML.

Edits go through ruamel.yaml's round-trip mode, so comments, key order, quoting and layout
survive. A file is only edited when reading and writing it back unchanged gives the same
bytes; otherwise the tool says so and leaves it alone, because an automatic edit must never
reformat a file somebody wrote by hand. Every result is checked by the same loader, model
and rules as `commonplan validate` before it is written; with any error nothing is written.
"""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass, field
from datetime import date
from io import StringIO
from pathlib import Path
from typing import Any, get_args

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.scalarstring import LiteralScalarString
from ruamel.yaml.util import load_yaml_guess_indent

from commonplan.diagnostics import Diagnostic, Diagnostics
from commonplan.files import write_atomic
from commonplan.intake.candidate import Candidate, check_candidate
from commonplan.model import RESPONSE_STATUSES, SLUG, TeamKind
from commonplan.validate.pipeline import Validation, check_document
from commonplan.vocabulary import UnknownWord, resolve_group, resolve_section, resolve_stance

# Where a new `revisions:` list goes when a proposal has none yet: before these keys.
REVISIONS_BEFORE = ("actions", "measures")
PLAIN_SCALAR = re.compile(r"^[A-Za-z][A-Za-z0-9 ,.'’()/&-]*[A-Za-z0-9.)’']$|^[A-Za-z]$")
TEAM_KINDS: tuple[str, ...] = get_args(TeamKind)
YAML_WORDS = frozenset({"yes", "no", "on", "off", "true", "false", "null", "y", "n", "~"})


class OrganiseError(Exception):
    """Input the tools refuse; the message says what to change. Nothing was written."""

    def __init__(self, message: str, diagnostics: list[Diagnostic] | None = None) -> None:
        super().__init__(message)
        self.diagnostics = diagnostics or []


@dataclass
class Edit:
    """A file's new text, checked and ready to write."""

    rel: str
    text: str
    created: bool
    diagnostics: Diagnostics = field(default_factory=Diagnostics)


# --- Checking a file's new text --------------------------------------------------------------


def check_text(validation: Validation, kind: str, rel: str, text: str) -> Diagnostics:
    """Check one file's would-be text against the repository, exactly as `validate` would."""
    return check_document(validation.corpus, kind, rel, text).diagnostics


def checked(validation: Validation, kind: str, rel: str, text: str, created: bool) -> Edit:
    diagnostics = check_text(validation, kind, rel, text)
    if not diagnostics.ok:
        raise OrganiseError(f"{rel} would not be valid, so nothing was written", diagnostics.errors)
    return Edit(rel, text, created, diagnostics)


def write_edit(root: Path, edit: Edit) -> Path:
    path = root / edit.rel
    write_atomic(path, edit.text)
    return path


# --- Round-trip editing ------------------------------------------------------------------


@dataclass
class Document:
    """A YAML file (or a proposal's front matter) open for a round-trip edit."""

    yaml: YAML
    data: CommentedMap
    before: str  # text before the YAML (a proposal's opening '---' line)
    after: str  # text after the YAML (a proposal's closing '---' and body)
    crlf: bool = False

    def text(self) -> str:
        stream = StringIO()
        self.yaml.dump(self.data, stream)
        text = self.before + stream.getvalue() + self.after
        return text.replace("\n", "\r\n") if self.crlf else text


def open_document(root: Path, rel: str, front_matter: bool) -> Document:
    """Read ``rel`` for editing; refuses a file whose layout would not survive the edit."""
    try:
        # Bytes, not read_text: universal newlines would silently turn CRLF into LF.
        original = (root / rel).read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise OrganiseError(f"{rel} cannot be read: {exc}") from exc
    # A file saved on Windows keeps its CRLF line ends: edit with LF, write back with CRLF.
    crlf = "\r\n" in original and original.count("\r\n") == original.count("\n")
    text = original.replace("\r\n", "\n") if crlf else original
    before, yaml_text, after = "", text, ""
    if front_matter:
        lines = text.split("\n")
        end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
        if not lines or lines[0].rstrip() != "---" or end is None:
            raise OrganiseError(f"{rel} has no front matter between '---' lines")
        before = lines[0] + "\n"
        yaml_text = "\n".join(lines[1:end]) + "\n"
        after = "\n".join(lines[end:])
    try:
        _, sequence_indent, sequence_offset = load_yaml_guess_indent(yaml_text)
        yaml = YAML()
        yaml.preserve_quotes = True
        yaml.width = 4096  # never re-wrap a long line somebody wrote
        yaml.indent(
            mapping=2,
            sequence=sequence_indent or 4,
            offset=2 if sequence_offset is None else sequence_offset,
        )
        data = yaml.load(yaml_text)
    except YAMLError as exc:
        raise OrganiseError(f"{rel} is not valid YAML; run `commonplan validate`: {exc}") from exc
    if not isinstance(data, CommentedMap):
        raise OrganiseError(f"{rel} does not hold `field: value` lines")
    document = Document(yaml, data, before, after, crlf)
    if document.text() != original:
        raise OrganiseError(
            f"{rel} is laid out in a way an automatic edit cannot keep exactly (tabs, unusual"
            " indentation or line endings?); make this change by hand"
        )
    return document


# --- respond ---------------------------------------------------------------------------------


def respond(
    validation: Validation,
    feedback_id: str,
    status: str,
    text: str,
    *,
    by: str | None = None,
    revision: int | None = None,
    day: date,
) -> Edit:
    """Record (or replace) the owner's answer to one piece of feedback."""
    corpus = validation.corpus
    item = corpus.feedback.get(feedback_id)
    broken = (
        next(corpus.root.glob(f"feedback/*/{feedback_id}.yml"), None)
        if SLUG.match(feedback_id)
        else None
    )
    if item is None and broken is not None:
        raise OrganiseError(
            f"{broken.relative_to(corpus.root).as_posix()} has errors; run `commonplan validate`"
            " and fix them first"
        )
    if item is None:
        raise OrganiseError(
            f"'{feedback_id}' is not a feedback id{_hint(feedback_id, corpus.feedback)}"
        )
    if status not in RESPONSE_STATUSES:
        raise OrganiseError(
            f"'{status}' is not a response status; use one of: {', '.join(RESPONSE_STATUSES)}"
        )
    if not text.strip():
        raise OrganiseError("the answer is empty: say what you did, or why not, with --text")
    proposal = corpus.proposals.get(item.proposal)
    by = by or (proposal.owner if proposal else None)
    if by is None or by not in corpus.teams:
        raise OrganiseError(f"--by '{by}' is not a team{_hint(by or '', corpus.teams)}")
    document = open_document(corpus.root, item.path, front_matter=False)
    response = document.data.get("response")
    if not isinstance(response, CommentedMap):
        response = CommentedMap()
        document.data["response"] = response
    response["status"] = status
    response["by"] = by
    response["date"] = day
    response["text"] = LiteralScalarString(text.strip() + "\n")
    if revision is not None:
        response["revision"] = revision
    elif "revision" in response:
        del response["revision"]  # a new answer does not inherit the old one's revision
    return checked(validation, "feedback", item.path, document.text(), created=False)


# --- revise ----------------------------------------------------------------------------------


def revise(
    validation: Validation,
    proposal_id: str,
    summary: str,
    responds_to: list[str],
    *,
    day: date,
) -> Edit:
    """Add the next revision entry to a proposal."""
    corpus = validation.corpus
    proposal = corpus.proposals.get(proposal_id)
    if proposal is None:
        raise OrganiseError(
            f"'{proposal_id}' is not a proposal{_hint(proposal_id, corpus.proposals)}"
        )
    if not summary.strip():
        raise OrganiseError("the summary is empty: say in plain words what changed, with --summary")
    document = open_document(corpus.root, proposal.path, front_matter=True)
    entry = CommentedMap()
    entry["version"] = proposal.version + 1
    entry["date"] = day
    entry["summary"] = summary.strip()
    if responds_to:
        ids = CommentedSeq(responds_to)
        ids.fa.set_flow_style()
        entry["responds_to"] = ids
    revisions = document.data.get("revisions")
    if isinstance(revisions, CommentedSeq):
        revisions.append(entry)
    else:
        keys = list(document.data)
        position = next((keys.index(k) for k in REVISIONS_BEFORE if k in keys), len(keys))
        document.data.insert(position, "revisions", CommentedSeq([entry]))
    return checked(validation, "proposal", proposal.path, document.text(), created=False)


# --- new -------------------------------------------------------------------------------------


def scalar(value: str) -> str:
    """A text value as YAML: plain when that is unambiguous, otherwise double-quoted."""
    if PLAIN_SCALAR.match(value) and value.casefold() not in YAML_WORDS:
        return value
    return json.dumps(value, ensure_ascii=False)


def _new_file(validation: Validation, folder: str, id_: str, suffix: str) -> str:
    if not SLUG.match(id_):
        raise OrganiseError(
            f"'{id_}' is not a valid id: use lowercase letters, digits and '-', for example"
            " 'carers-breaks'"
        )
    rel = f"{folder}/{id_}{suffix}"
    if (validation.corpus.root / rel).exists():
        raise OrganiseError(f"{rel} already exists; choose another id")
    return rel


def new_proposal(
    validation: Validation,
    proposal_id: str,
    *,
    title: str,
    owner: str,
    summary: str | None = None,
    invite: list[str] | None = None,
) -> Edit:
    corpus = validation.corpus
    rel = _new_file(validation, "proposals", proposal_id, ".md")
    if owner not in corpus.teams:
        raise OrganiseError(f"--owner '{owner}' is not a team{_hint(owner, corpus.teams)}")
    groups = [_group(g, corpus.settings.groups) for g in invite or []]
    choices = " | ".join(corpus.settings.groups)
    text = f"""---
# A strategy draft. Change the fields below, then run `commonplan validate`.
title: {scalar(title)}
owner: {owner}  # the team that owns it: a file in teams/
status: draft  # draft | consultation | revised | adopted | withdrawn
summary: {scalar(summary or "One or two plain sentences: what changes, and for whom.")}
needs: []  # free tags, for example [respite, transport]
invite: [{", ".join(groups)}]  # groups whose voice is sought: {choices}
# To open it for comment, set status: consultation and add the dates:
# consultation: {{opens: YYYY-MM-DD, closes: YYYY-MM-DD}}
---
## Why this matters

Say why this is needed, in plain words, and who told you.

## What we propose

Each heading becomes a section people can comment on.
"""
    return checked(validation, "proposal", rel, text, created=True)


def new_team(
    validation: Validation,
    team_id: str,
    *,
    name: str,
    kind: str,
    groups: list[str],
    description: str | None = None,
) -> Edit:
    corpus = validation.corpus
    rel = _new_file(validation, "teams", team_id, ".yml")
    if kind not in TEAM_KINDS:
        raise OrganiseError(f"'{kind}' is not a kind of team; use one of: {', '.join(TEAM_KINDS)}")
    if not groups:
        raise OrganiseError("say which stakeholder groups the team speaks for: --group carer")
    resolved = [_group(g, corpus.settings.groups) for g in groups]
    choices = " | ".join(corpus.settings.groups)
    described = description or "What the team is and does, and where it meets."
    text = f"""# yaml-language-server: $schema=../schemas/team.schema.json
name: {scalar(name)}
kind: {kind}  # organisation | action-team | community-group
groups: [{", ".join(resolved)}]  # the groups it speaks for: {choices}
description: {scalar(described)}
# Optional fields: area (where it works), contact (a web page), github (handles allowed to
# act for the team), members (teams, or people who agreed to be named: consent: true).
"""
    return checked(validation, "team", rel, text, created=True)


def new_feedback(validation: Validation, feedback_id: str, data: dict[str, Any]) -> Candidate:
    """A checked intake candidate for one piece of feedback given on the command line."""
    corpus = validation.corpus
    if not SLUG.match(feedback_id):
        raise OrganiseError(
            f"'{feedback_id}' is not a valid id: use lowercase letters, digits and '-'"
        )
    if feedback_id in corpus.feedback or next(
        corpus.root.glob(f"feedback/*/{feedback_id}.yml"), None
    ):
        raise OrganiseError(f"feedback '{feedback_id}' already exists; choose another id")
    proposal = corpus.proposals.get(str(data.get("proposal")))
    try:
        if data.get("group"):
            data["group"] = resolve_group(data["group"], corpus.settings.groups)
        data["stance"] = resolve_stance(str(data.get("stance") or ""))
        if proposal is not None and data.get("section"):
            data["section"] = resolve_section(data["section"], proposal)
    except UnknownWord as exc:
        raise OrganiseError(f"{exc}; nothing was written") from exc
    candidate = check_candidate(corpus, feedback_id, data)
    if not candidate.ok:
        raise OrganiseError(
            f"{candidate.rel} would not be valid, so nothing was written",
            candidate.diagnostics.errors,
        )
    return candidate


def _group(text: str, groups: dict[str, str]) -> str:
    try:
        return resolve_group(text, groups)
    except UnknownWord as exc:
        raise OrganiseError(str(exc)) from exc


def _hint(word: str, choices: Any) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""
