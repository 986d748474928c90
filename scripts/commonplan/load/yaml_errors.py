"""The wording of YAML errors: what went wrong in plain words, and where to look."""

from __future__ import annotations

import yaml
from yaml.reader import ReaderError

from commonplan.load.parse import MAX_DEPTH, AliasError, DuplicateKeyError, TooDeepError
from commonplan.load.positions import Position, offset_to_position

_ALIAS_OR_ANCHOR = ("found undefined alias", "found duplicate anchor")
# Errors best shown where the thing left open starts (the quote or bracket), not where the
# parser gave up, which is often the next line or the end of the file.
_OPENED_HERE = {
    "while scanning a quoted scalar": "a quote opened here is never closed",
    "while parsing a flow sequence": (
        "a list in '[…]' opened here is not closed with ']', or its items are not separated by ','"
    ),
    "while parsing a flow mapping": (
        "a '{…}' opened here is not closed with '}', or its entries are not separated by ','"
    ),
}


def explain_yaml_error(exc: yaml.YAMLError, text: str) -> tuple[str, str, Position | None]:
    """A YAML error as (code, plain-language message, 0-based (line, col) in ``text``)."""
    mark = _mark(exc)
    if isinstance(exc, ReaderError):
        # libyaml's reader reports a character offset without line or column: find it.
        offset = text.find(chr(exc.character)) if isinstance(exc.character, int) else -1
        where = offset_to_position(text, offset) if offset >= 0 else None
        return (
            "bad-character",
            f"the file contains a control character (U+{exc.character:04X}) that is not allowed",
            where,
        )
    if isinstance(exc, DuplicateKeyError):
        return (
            "duplicate-key",
            f"'{exc.problem}' is given twice; keep one (the file would otherwise lose a value)",
            mark,
        )
    if isinstance(exc, AliasError):
        return (
            "yaml-alias",
            "anchors and aliases (& and *) are not allowed in data files; write the value out",
            _first_alias(text) or mark,
        )
    problem = str(getattr(exc, "problem", None) or exc).strip()
    context = str(getattr(exc, "context", None) or "").strip()
    if "\t" in problem or "tab character" in problem or _char_at(text, mark) == "\t":
        return "yaml-tab", "a tab character is used; indent with spaces instead", mark
    if isinstance(exc, TooDeepError) or "maximum nesting depth" in problem:
        return (
            "too-deep",
            f"the data is nested more than {MAX_DEPTH} levels deep; no commonplan file needs that",
            mark,
        )
    if problem.startswith(_ALIAS_OR_ANCHOR):
        return (
            "yaml-alias",
            "anchors and aliases (& and *) are not allowed in data files; write the value out",
            mark,
        )
    if context in _OPENED_HERE and isinstance(exc, yaml.MarkedYAMLError) and exc.context_mark:
        opened = exc.context_mark
        return "yaml-syntax", _OPENED_HERE[context], (opened.line, opened.column)
    if "mapping values are not allowed" in problem:
        return (
            "yaml-syntax",
            "unexpected ':' — put a value that contains ': ' in quotes, or check the indentation",
            mark,
        )
    if "could not find expected ':'" in problem:
        return (
            "yaml-syntax",
            "a line is missing the ':' after its key, or is indented wrongly",
            mark,
        )
    if "found unexpected end of stream" in problem:
        return (
            "yaml-syntax",
            "the file ends inside a value: is a quote or bracket left open?",
            mark,
        )
    if "expected a single document" in context or "expected a single document" in problem:
        return (
            "yaml-syntax",
            "the file holds more than one YAML document ('---'); keep one",
            mark,
        )
    if problem == "unhashable key":
        return "wrong-type", "a field name must be a plain word, not a list or a mapping", mark
    if problem.endswith(":merge"):
        return (
            "yaml-alias",
            "merge keys ('<<') are not allowed in data files; write the fields out",
            mark,
        )
    if problem.startswith(("unsupported tag", "could not determine a constructor")):
        return (
            "yaml-tag",
            "YAML tags ('!!…', '!…') are not allowed in data files; write plain values",
            mark,
        )
    if "special characters are not allowed" in problem or "unacceptable character" in problem:
        return "bad-character", "the file contains a control character that is not allowed", mark
    return "yaml-syntax", f"YAML syntax error: {problem}", mark


def _mark(exc: yaml.YAMLError) -> Position | None:
    if not isinstance(exc, yaml.MarkedYAMLError):
        return None
    mark = exc.problem_mark or exc.context_mark
    return (mark.line, mark.column) if mark else None


def _first_alias(text: str) -> Position | None:
    """Where the first alias (``*name``) is: the composed tree only knows the anchor."""
    try:
        for token in yaml.scan(text, Loader=yaml.CSafeLoader):
            if isinstance(token, yaml.AliasToken):
                return (token.start_mark.line, token.start_mark.column)
    except yaml.YAMLError:
        return None
    return None


def _char_at(text: str, position: Position | None) -> str:
    if position is None:
        return ""
    lines = text.split("\n")
    line, col = position
    return lines[line][col] if line < len(lines) and col < len(lines[line]) else ""
