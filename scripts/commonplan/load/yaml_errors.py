"""The wording of YAML errors: what went wrong in plain words, and where to look."""

from __future__ import annotations

import yaml
from yaml.reader import ReaderError

from commonplan.language import Said, say
from commonplan.load.parse import MAX_DEPTH, AliasError, DuplicateKeyError, TooDeepError
from commonplan.load.positions import Position, offset_to_position

_ALIAS_OR_ANCHOR = ("found undefined alias", "found duplicate anchor")
# Errors best shown where the thing left open starts (the quote or bracket), not where the
# parser gave up, which is often the next line or the end of the file.
_OPENED_HERE = {
    "while scanning a quoted scalar": say("a quote opened here is never closed"),
    "while parsing a flow sequence": say(
        "a list in '[…]' opened here is not closed with ']', or its items are not separated by ','"
    ),
    # Translators: the braces are YAML's; a translation keeps them doubled ('{{…}}', '}}').
    "while parsing a flow mapping": say(
        "a '{{…}}' opened here is not closed with '}}', or its entries are not separated by ','"
    ),
}
ALIASES = say("anchors and aliases (& and *) are not allowed in data files; write the value out")


def explain_yaml_error(exc: yaml.YAMLError, text: str) -> tuple[str, Said, Position | None]:
    """A YAML error as (code, plain-language message, 0-based (line, col) in ``text``)."""
    mark = _mark(exc)
    if isinstance(exc, ReaderError):
        # libyaml's reader reports a character offset without line or column: find it.
        offset = text.find(chr(exc.character)) if isinstance(exc.character, int) else -1
        where = offset_to_position(text, offset) if offset >= 0 else None
        return (
            "bad-character",
            # Translators: {character} is the character's code point, "U+0007".
            say(
                "the file contains a control character ({character}) that is not allowed",
                character="U+" + format(exc.character, "04X"),
            ),
            where,
        )
    if isinstance(exc, DuplicateKeyError):
        return (
            "duplicate-key",
            # Translators: {key} is a field's name, as the file writes it.
            say(
                "'{key}' is given twice; keep one (the file would otherwise lose a value)",
                key=exc.problem,
            ),
            mark,
        )
    if isinstance(exc, AliasError):
        return "yaml-alias", ALIASES, _first_alias(text) or mark
    problem = str(getattr(exc, "problem", None) or exc).strip()
    context = str(getattr(exc, "context", None) or "").strip()
    if "\t" in problem or "tab character" in problem or _char_at(text, mark) == "\t":
        return "yaml-tab", say("a tab character is used; indent with spaces instead"), mark
    if isinstance(exc, TooDeepError) or "maximum nesting depth" in problem:
        return (
            "too-deep",
            say(
                "the data is nested more than {depth} levels deep; no commonplan file needs that",
                depth=MAX_DEPTH,
            ),
            mark,
        )
    if problem.startswith(_ALIAS_OR_ANCHOR):
        return "yaml-alias", ALIASES, mark
    if context in _OPENED_HERE and isinstance(exc, yaml.MarkedYAMLError) and exc.context_mark:
        opened = exc.context_mark
        return "yaml-syntax", _OPENED_HERE[context], (opened.line, opened.column)
    if "mapping values are not allowed" in problem:
        return (
            "yaml-syntax",
            say(
                "unexpected ':' — put a value that contains ': ' in quotes,"
                " or check the indentation"
            ),
            mark,
        )
    if "could not find expected ':'" in problem:
        return (
            "yaml-syntax",
            say("a line is missing the ':' after its key, or is indented wrongly"),
            mark,
        )
    if "found unexpected end of stream" in problem:
        return (
            "yaml-syntax",
            say("the file ends inside a value: is a quote or bracket left open?"),
            mark,
        )
    if "expected a single document" in context or "expected a single document" in problem:
        return (
            "yaml-syntax",
            say("the file holds more than one YAML document ('---'); keep one"),
            mark,
        )
    if problem == "unhashable key":
        return (
            "wrong-type",
            say("a field name must be a plain word, not a list or a mapping"),
            mark,
        )
    if problem.endswith(":merge"):
        return (
            "yaml-alias",
            say("merge keys ('<<') are not allowed in data files; write the fields out"),
            mark,
        )
    if problem.startswith(("unsupported tag", "could not determine a constructor")):
        return (
            "yaml-tag",
            say("YAML tags ('!!…', '!…') are not allowed in data files; write plain values"),
            mark,
        )
    if "special characters are not allowed" in problem or "unacceptable character" in problem:
        return (
            "bad-character",
            say("the file contains a control character that is not allowed"),
            mark,
        )
    # Translators: {problem} is the YAML parser's own words, in English.
    return "yaml-syntax", say("YAML syntax error: {problem}", problem=problem), mark


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
