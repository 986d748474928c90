"""pydantic's validation errors, told in plain language and pointed at the right value."""

from __future__ import annotations

import types
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from commonplan.load.positions import Loc
from commonplan.words import closest, suggest

TYPE_NAMES = {
    "str": "text",
    "string": "text",
    "int": "a whole number",
    "float": "a number",
    "bool": "true or false",
    "list": "a list",
    "dict": "a set of `field: value` lines",
    "NoneType": "nothing",
    "date": "a date",
}


@dataclass(frozen=True)
class Problem:
    loc: Loc
    at_key: bool  # point at the key (unknown field) rather than the value
    code: str
    message: str
    suggestion: str | None = None  # the field name an unknown field is probably meant to be


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


def _label(loc: Loc) -> str:
    names = [str(step) for step in loc if isinstance(step, str)]
    return names[-1] if names else "value"


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
        return Problem(loc, False, "missing-field", f"required field '{name}' is missing")
    if kind == "extra_forbidden":
        choices = [n for m in _models_at(model, loc[:-1]) for n in _field_names(m)]
        return Problem(
            loc,
            True,
            "unknown-field",
            f"unknown field '{name}'{suggest(name, choices, first_part=True)}",
            closest(name, choices, first_part=True),
        )
    if kind == "literal_error":
        allowed = [
            a.strip(" '") for a in str(ctx.get("expected", "")).replace(" or ", ", ").split(",")
        ]
        return Problem(
            loc,
            False,
            "bad-value",
            f"{_show(value)} is not a valid {name}; use one of: {', '.join(allowed)}"
            f"{suggest(str(value), allowed)}",
        )
    if kind == "invalid_key":
        return Problem(loc, True, "wrong-type", f"field names are words; {_show(value)} is not")
    if kind == "finite_number":
        return Problem(loc, False, "bad-value", f"'{name}' must be a number, not {_show(value)}")
    if kind in {"impossible_date", "date_format"}:
        return Problem(loc, False, "bad-date", f"{name}: {details['msg']}")
    if kind == "string_pattern_mismatch" and loc[-1:] == ("[key]",):
        # A mapping's key (a group id in mkdocs.yml): pointed at, and named by its mapping.
        return Problem(loc[:-1], True, "bad-value", _pattern_message(_label(loc[:-2]), value))
    if kind == "string_pattern_mismatch":
        return Problem(loc, False, "bad-value", _pattern_message(name, value))
    if kind in {"string_too_short", "too_short"}:
        what = "is empty" if kind == "string_too_short" else "needs at least one entry"
        return Problem(loc, False, "empty-value", f"'{name}' {what}")
    if kind.endswith("_type") or kind.endswith("_parsing") or kind == "model_attributes_type":
        expected = TYPE_NAMES.get(kind.split("_")[0], kind.split("_")[0])
        if kind in {"model_type", "model_attributes_type", "dict_type"}:
            expected = TYPE_NAMES["dict"]
        if kind == "int_from_float":
            expected = TYPE_NAMES["int"]
        got = TYPE_NAMES.get(type(value).__name__, type(value).__name__)
        return Problem(loc, False, "wrong-type", f"'{name}' should be {expected}, not {got}")
    if kind in {"greater_than_equal", "greater_than"}:
        limit = ctx.get("ge", ctx.get("gt"))
        return Problem(loc, False, "bad-value", f"'{name}' must be at least {limit}")
    return Problem(loc, False, "bad-value", f"'{name}': {details['msg']}")


def _pattern_message(name: str, value: Any) -> str:
    if name == "github":
        return f"{_show(value)} is not a GitHub user name"
    if name == "repo":
        return f"{_show(value)} is not a GitHub repository; write it as owner/name"
    if name in {"contact"}:
        return f"{_show(value)} is not a web address starting with http:// or https://"
    return (
        f"{_show(value)} is not a valid id for '{name}': use lowercase letters, digits and '-',"
        " starting with a letter or digit"
    )
