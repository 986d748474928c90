"""Tools for organisers: scaffold files, answer feedback and record revisions without YAML.

Edits go through ruamel.yaml's round-trip mode, so comments, key order, quoting and layout
survive. A file is only edited when reading and writing it back unchanged gives the same
bytes; otherwise the tool says so and leaves it alone, because an automatic edit must never
reformat a file somebody wrote by hand. Every result is checked by the same loader, model
and rules as `commonplan validate` before it is written; with any error nothing is written.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from io import StringIO
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.error import YAMLError
from ruamel.yaml.util import load_yaml_guess_indent

from commonplan.corpus import Corpus
from commonplan.diagnostics import Diagnostic, Diagnostics, located
from commonplan.errors import CommonplanError
from commonplan.files import write_atomic
from commonplan.language import Said, said_of, say
from commonplan.load.front_matter import FrontMatterError, split_front_matter
from commonplan.validate.pipeline import check_document

PLAIN_SCALAR = re.compile(r"^[A-Za-z][A-Za-z0-9 ,.'’()/&-]*[A-Za-z0-9.)’']$|^[A-Za-z]$")
YAML_WORDS = frozenset({"yes", "no", "on", "off", "true", "false", "null", "y", "n", "~"})


class OrganiseError(CommonplanError):
    """Input the tools refuse; the message says what to change. Nothing was written."""

    def __init__(self, message: str | Said, diagnostics: list[Diagnostic] | None = None) -> None:
        self.diagnostics = diagnostics or []
        super().__init__(message, [located(d, graded=False) for d in self.diagnostics])


@dataclass
class Edit:
    """A file's new text, checked and ready to write."""

    rel: str
    text: str
    created: bool
    diagnostics: Diagnostics = field(default_factory=Diagnostics)


# --- Checking a file's new text --------------------------------------------------------------


def check_text(corpus: Corpus, kind: str, rel: str, text: str) -> Diagnostics:
    """Check one file's would-be text against the repository, exactly as `validate` would."""
    return check_document(corpus, kind, rel, text).diagnostics


def checked(corpus: Corpus, kind: str, rel: str, text: str, created: bool) -> Edit:
    diagnostics = check_text(corpus, kind, rel, text)
    if not diagnostics.ok:
        raise OrganiseError(invalid(rel), diagnostics.errors)
    return Edit(rel, text, created, diagnostics)


def invalid(rel: str) -> Said:
    # Translators: {file} is a file's path.
    return say("{file} would not be valid, so nothing was written", file=rel)


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
        # Translators: {file} is a file's path, {error} the system's reason (in English).
        raise OrganiseError(
            say("{file} cannot be read: {error}", file=rel, error=str(exc))
        ) from exc
    # A file saved on Windows keeps its CRLF line ends: edit with LF, write back with CRLF.
    crlf = "\r\n" in original and original.count("\r\n") == original.count("\n")
    text = original.replace("\r\n", "\n") if crlf else original
    before, yaml_text, after = "", text, ""
    if front_matter:
        try:
            split = split_front_matter(text)
        except FrontMatterError as exc:
            raise OrganiseError(say("{file}: {problem}", file=rel, problem=said_of(exc))) from exc
        before, yaml_text, after = split.opening_line + "\n", split.fields, split.closing_and_body
    try:
        _, sequence_indent, sequence_offset = load_yaml_guess_indent(yaml_text)
        if sequence_offset is None:
            # No list to learn from (the guess is then the mappings' indent): a new list is
            # written the way the docs write one, "  - item".
            sequence_indent, sequence_offset = 4, 2
        yaml = YAML()
        yaml.preserve_quotes = True
        yaml.width = 4096  # never re-wrap a long line somebody wrote
        yaml.indent(mapping=2, sequence=sequence_indent or 4, offset=sequence_offset)
        data = yaml.load(yaml_text)
    except YAMLError as exc:
        # Translators: {error} is the YAML reader's own message (in English).
        not_yaml = say(
            "{file} is not valid YAML; run `commonplan validate`: {error}", file=rel, error=str(exc)
        )
        raise OrganiseError(not_yaml) from exc
    if not isinstance(data, CommentedMap):
        raise OrganiseError(say("{file} does not hold `field: value` lines", file=rel))
    document = Document(yaml, data, before, after, crlf)
    if document.text() != original:
        raise OrganiseError(
            say(
                "{file} is laid out in a way an automatic edit cannot keep exactly (tabs, unusual"
                " indentation or line endings?); make this change by hand",
                file=rel,
            )
        )
    return document


def scalar(value: str) -> str:
    """A text value as YAML: plain when that is unambiguous, otherwise double-quoted."""
    if PLAIN_SCALAR.match(value) and value.casefold() not in YAML_WORDS:
        return value
    return json.dumps(value, ensure_ascii=False)
