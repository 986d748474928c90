"""pydantic's validation errors, told in plain language and pointed at the right value."""

from __future__ import annotations

import types
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from commonplan.language import Said, say, verbatim
from commonplan.load.positions import Loc
from commonplan.words import closest, suggest

# What a value of each type is called in a message ("'budget' should be a number, not text").
TYPE_NAMES: dict[str, Said] = {
    "str": say("text"),
    "string": say("text"),
    "int": say("a whole number"),
    "float": say("a number"),
    "bool": say("true or false"),
    "list": say("a list"),
    "dict": say("a set of `field: value` lines"),
    "NoneType": say("nothing"),
    "date": say("a date"),
}


class SaidValueError(ValueError):
    """A validator's error with its words to be said later: pydantic reports it as a
    `value_error` ("Value error, …"), and `explain` says its words in the reader's language."""

    def __init__(self, said: Said) -> None:
        super().__init__(str(said))
        self.said = said


@dataclass(frozen=True)
class Problem:
    loc: Loc
    at_key: bool  # point at the key (unknown field) rather than the value
    code: str
    said: Said
    suggestion: str | None = None  # the field name an unknown field is probably meant to be

    @property
    def message(self) -> str:
        """The problem in English, the platform's source language."""
        return str(self.said)


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    """Model classes reachable in a field's type (through Optional, list, unions)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    origin = get_origin(annotation)
    if origin is Annotated:
        return _models_in(get_args(annotation)[0])
    if origin in (list, tuple, Union, types.UnionType) or origin is not None:
        return [m for arg in get_args(annotation) for m in _models_in(arg)]
    return []


def _field_names(model: type[BaseModel]) -> list[str]:
    return [info.alias or name for name, info in model.model_fields.items()]


def _models_at(root: type[BaseModel], loc: Loc) -> list[type[BaseModel]]:
    """The model(s) whose field ``loc`` names; discriminator tags in ``loc`` are skipped."""
    current = [root]
    for step in loc:
        if isinstance(step, int):
            continue
        fields = {
            (info.alias or name): info
            for model in current
            for name, info in model.model_fields.items()
        }
        if step in fields:
            current = _models_in(fields[step].annotation) or current
    return current


def _label(loc: Loc) -> str | Said:
    names = [str(step) for step in loc if isinstance(step, str)]
    # Translators: what a message calls a value that is in no named field.
    return names[-1] if names else say("value")


def _show(value: Any) -> str:
    text = repr(value) if not isinstance(value, str) else f"'{value}'"
    return text if len(text) <= 60 else text[:57] + "…"


def _drop_tags(loc: tuple[str | int, ...]) -> tuple[str | int, ...]:
    """pydantic adds the member kind ('team' or 'person') after a member's index in ``loc``;
    it is not a key in the file."""
    return tuple(
        step
        for i, step in enumerate(loc)
        if not (i >= 2 and loc[i - 2] == "members" and isinstance(loc[i - 1], int))
    )


def explain(model: type[BaseModel], error: ValidationError) -> Iterator[Problem]:
    problems = [_explain_one(model, details) for details in error.errors(include_url=False)]
    # A misspelt required field is one mistake, not two: 'sumary' is reported as unknown
    # with "did you mean 'summary'?", and 'summary' is then not also reported as missing.
    misspelt = {(p.loc[:-1], p.suggestion) for p in problems if p.code == "unknown-field"}
    for problem in problems:
        if problem.code == "missing-field" and (problem.loc[:-1], problem.loc[-1]) in misspelt:
            continue
        yield problem


def _explain_one(model: type[BaseModel], details: ErrorDetails) -> Problem:
    loc = _drop_tags(tuple(details["loc"]))
    kind = details["type"]
    value = details.get("input")
    ctx = details.get("ctx") or {}
    name = _label(loc)
    if kind == "missing":
        # Translators: {name} is a field's name, as the file writes it ("summary").
        missing = say("required field '{name}' is missing", name=name)
        return Problem(loc, False, "missing-field", missing)
    if kind == "extra_forbidden":
        key = str(name)
        choices = [n for m in _models_at(model, loc[:-1]) for n in _field_names(m)]
        return Problem(
            loc,
            True,
            "unknown-field",
            # Translators: {name} is the field as the file writes it; {hint} is empty or
            # " (did you mean 'x'?)".
            say(
                "unknown field '{name}'{hint}",
                name=key,
                hint=suggest(key, choices, first_part=True),
            ),
            closest(key, choices, first_part=True),
        )
    if kind == "literal_error":
        allowed = [
            a.strip(" '") for a in str(ctx.get("expected", "")).replace(" or ", ", ").split(",")
        ]
        return Problem(
            loc,
            False,
            "bad-value",
            # Translators: {value} is the value as written, quoted; {name} the field's name
            # ("stance"); {allowed} the values it may take, "support, concern, idea"; {hint}
            # is empty or " (did you mean 'x'?)".
            say(
                "{value} is not a valid {name}; use one of: {allowed}{hint}",
                value=_show(value),
                name=name,
                allowed=", ".join(allowed),
                hint=suggest(str(value), allowed),
            ),
        )
    if kind == "invalid_key":
        return Problem(
            loc,
            True,
            "wrong-type",
            # Translators: {value} is what the file gives as a field's name (a number, a list).
            say("field names are words; {value} is not", value=_show(value)),
        )
    if kind == "finite_number":
        return Problem(
            loc,
            False,
            "bad-value",
            say("'{name}' must be a number, not {value}", name=name, value=_show(value)),
        )
    if kind in {"impossible_date", "date_format"}:
        # Translators: {name} is the field's name ("submitted"), {problem} what is wrong
        # with its date.
        bad_date = say("{name}: {problem}", name=name, problem=_words_of(details))
        return Problem(loc, False, "bad-date", bad_date)
    if kind == "string_pattern_mismatch" and loc[-1:] == ("[key]",):
        # A mapping's key (a group id in mkdocs.yml): pointed at, and named by its mapping.
        return Problem(loc[:-1], True, "bad-value", _pattern_message(_label(loc[:-2]), value))
    if kind == "string_pattern_mismatch":
        return Problem(loc, False, "bad-value", _pattern_message(name, value))
    if kind == "string_too_short":
        return Problem(loc, False, "empty-value", say("'{name}' is empty", name=name))
    if kind == "too_short":
        return Problem(
            loc, False, "empty-value", say("'{name}' needs at least one entry", name=name)
        )
    if kind.endswith("_type") or kind.endswith("_parsing") or kind == "model_attributes_type":
        expected: str | Said = TYPE_NAMES.get(kind.split("_")[0], kind.split("_")[0])
        if kind in {"model_type", "model_attributes_type", "dict_type"}:
            expected = TYPE_NAMES["dict"]
        if kind == "int_from_float":
            expected = TYPE_NAMES["int"]
        got: str | Said = TYPE_NAMES.get(type(value).__name__, type(value).__name__)
        return Problem(
            loc,
            False,
            "wrong-type",
            # Translators: {expected} and {got} are kinds of value: "a number", "text", "a list".
            say("'{name}' should be {expected}, not {got}", name=name, expected=expected, got=got),
        )
    if kind in {"greater_than_equal", "greater_than"}:
        limit = ctx.get("ge", ctx.get("gt"))
        return Problem(
            loc,
            False,
            "bad-value",
            say("'{name}' must be at least {limit}", name=name, limit=limit),
        )
    # Translators: {name} is a field's name; {problem} what is wrong with its value.
    other = say("'{name}': {problem}", name=name, problem=_words_of(details))
    return Problem(loc, False, "bad-value", other)


def _words_of(details: ErrorDetails) -> Said:
    """What a validator says is wrong: its own words to be said later (a `SaidValueError`,
    or a custom error's `said` in its context), else pydantic's message, as it is."""
    ctx = details.get("ctx") or {}
    said = ctx.get("said")
    if isinstance(said, Said):
        return said
    error = ctx.get("error")
    if details["type"] == "value_error" and isinstance(error, SaidValueError):
        # Translators: pydantic's words before a check's own message; {problem} is that
        # message.
        return say("Value error, {problem}", problem=error.said)
    return verbatim(details["msg"])


def _pattern_message(name: str | Said, value: Any) -> Said:
    if name == "github":
        return say("{value} is not a GitHub user name", value=_show(value))
    if name == "repo":
        return say("{value} is not a GitHub repository; write it as owner/name", value=_show(value))
    if name in {"contact"}:
        return say(
            "{value} is not a web address starting with http:// or https://", value=_show(value)
        )
    # Translators: {value} is the value as written, quoted; {name} the field's name.
    return say(
        "{value} is not a valid id for '{name}': use lowercase letters, digits and '-',"
        " starting with a letter or digit",
        value=_show(value),
        name=name,
    )
