"""Reading one file: bytes to text, its front matter, its YAML, then its model.

Reading never raises on bad input: every problem becomes a Diagnostic and the file is left
out of the corpus (never modified).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from commonplan.diagnostics import Diagnostics
from commonplan.feedback import Feedback
from commonplan.language import SOURCE_LANGUAGE, say
from commonplan.load.explain import explain
from commonplan.load.front_matter import FrontMatterError, split_front_matter
from commonplan.load.parse import load_yaml
from commonplan.load.positions import START, Position, SourceText
from commonplan.load.sections import find_sections
from commonplan.load.yaml_errors import explain_yaml_error
from commonplan.model import Proposal, ProposalTranslation, Record, Team, WithBody

MAX_BYTES = 1024 * 1024

# Each kind of data file and the model it is read into.
KINDS: dict[str, type[Record]] = {
    "team": Team,
    "proposal": Proposal,
    "translation": ProposalTranslation,
    "feedback": Feedback,
}


@dataclass
class RawDocument:
    """A file that parsed to a mapping, waiting for its model."""

    kind: str  # team | proposal | feedback
    id: str
    source: SourceText
    data: dict[str, Any]
    body: str = ""
    body_line: int = 1


def _decode(rel: str, raw: bytes, diagnostics: Diagnostics, size: int | None = None) -> str | None:
    """Bytes → text, or None with a located diagnostic."""
    if len(raw) > MAX_BYTES:
        diagnostics.error(
            rel,
            START,
            "file-too-large",
            # Translators: {size} and {limit} are numbers of bytes, written "1,048,577".
            say(
                "the file is {size} bytes; the limit is 1 MiB ({limit} bytes)",
                size=format(max(size or 0, len(raw)), ","),
                limit=format(MAX_BYTES, ","),
            ),
        )
        return None
    if raw.startswith(b"\xef\xbb\xbf"):
        diagnostics.error(
            rel,
            START,
            "bom",
            say("the file starts with a byte-order mark; save it as UTF-8 without BOM"),
        )
        return None
    nul = raw.find(b"\x00")
    if nul != -1:
        diagnostics.error(
            rel,
            _byte_position(raw, nul),
            "nul-byte",
            say("the file contains a NUL byte: is it a binary file or saved as UTF-16?"),
        )
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        diagnostics.error(
            rel,
            _byte_position(raw, exc.start),
            "encoding",
            say("the file is not valid UTF-8; save it as UTF-8"),
        )
        return None
    if not text.strip():
        diagnostics.error(rel, START, "empty-file", say("the file is empty"))
        return None
    # Files saved on Windows: lines and columns stay the same without the '\r'.
    return text.replace("\r\n", "\n") if "\r" in text else text


def _byte_position(raw: bytes, offset: int) -> Position:
    line_start = raw.rfind(b"\n", 0, offset) + 1
    return (raw.count(b"\n", 0, offset) + 1, offset - line_start + 1)


def parse_yaml(source: SourceText, diagnostics: Diagnostics) -> dict[str, Any] | None:
    """The YAML of ``source`` as a mapping, or None with a located diagnostic."""
    try:
        data = load_yaml(source.yaml_text)
    except yaml.YAMLError as exc:
        code, message, where = explain_yaml_error(exc, source.yaml_text)
        position = source.text_position(*where) if where else (source.yaml_line, 1)
        diagnostics.error(source.rel, position, code, message)
        return None
    except RecursionError:
        too_deep = say("the data is nested too deeply to be a commonplan file")
        diagnostics.error(source.rel, START, "too-deep", too_deep)
        return None
    if data is None:
        no_fields = say("the file has no fields")
        diagnostics.error(source.rel, (source.yaml_line, 1), "empty-file", no_fields)
        return None
    if not isinstance(data, dict):
        diagnostics.error(
            source.rel,
            source.position(),
            "not-a-mapping",
            say("expected `field: value` lines at the top level of the file"),
        )
        return None
    bad_key = next((k for k in data if not isinstance(k, str)), None)
    if bad_key is not None:
        diagnostics.error(
            source.rel,
            source.position(),
            "wrong-type",
            # Translators: {value} is what the file gives as a field's name (a number, a list).
            say("field names are words; {value} is not", value=repr(bad_key)),
        )
        return None
    return data


def read_file(
    path: Path, rel: str, kind: str, id_: str, diagnostics: Diagnostics
) -> RawDocument | None:
    """Read and parse one file of ``kind``; None (with diagnostics) when it cannot be used."""
    try:
        with path.open("rb") as stream:
            size = os.fstat(stream.fileno()).st_size
            # A huge file is refused by its size, without reading it.
            raw = stream.read() if size <= MAX_BYTES else stream.read(MAX_BYTES + 1)
    except OSError as exc:
        # Translators: {reason} is the system's own words, in English ("Permission denied").
        unreadable = say("the file cannot be read: {reason}", reason=str(exc.strerror))
        diagnostics.error(rel, START, "unreadable", unreadable)
        return None
    text = _decode(rel, raw, diagnostics, size)
    if text is None:
        return None
    return parse_document(rel, kind, id_, text, diagnostics)


def source_of(rel: str, kind: str, text: str) -> tuple[SourceText, str, int]:
    """A file's YAML as a SourceText, its body and the body's 1-based line (a proposal's
    front matter and text; the whole of any other file). Raises FrontMatterError."""
    if kind not in ("proposal", "translation"):
        return SourceText(rel, text, text), "", 1
    split = split_front_matter(text)
    return SourceText(rel, text, split.fields, yaml_line=2), split.body, split.body_line


def parse_document(
    rel: str, kind: str, id_: str, text: str, diagnostics: Diagnostics
) -> RawDocument | None:
    """Parse one file's text of ``kind``; None (with diagnostics) when it cannot be used."""
    try:
        source, body, body_line = source_of(rel, kind, text)
    except FrontMatterError as exc:
        diagnostics.error(rel, START, "front-matter", exc.said)
        return None
    data = parse_yaml(source, diagnostics)
    if data is None:
        return None
    return RawDocument(kind, id_, source, data, body, body_line)


def build_record(
    document: RawDocument, diagnostics: Diagnostics, default_language: str = SOURCE_LANGUAGE
) -> Record | None:
    """The model of one parsed file, or None with located diagnostics. Words given in
    several languages are read as the ``default_language``'s, the others kept beside."""
    model = KINDS[document.kind]
    try:
        record = model.model_validate(document.data, context={"default_language": default_language})
    except ValidationError as exc:
        for problem in explain(model, exc):
            position = document.source.position(problem.loc, key=problem.at_key)
            diagnostics.error(document.source.rel, position, problem.code, problem.said)
        return None
    record.locate(document.id, document.source.rel)
    if isinstance(record, WithBody):
        record.attach_body(
            document.body, document.body_line, find_sections(document.body, document.body_line)
        )
    return record
