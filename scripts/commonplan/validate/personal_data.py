"""Personal data in a file: every e-mail address or phone number, located where it is written.

Run on every file, also one that failed its own checks, because a public repository's
history is permanent.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from commonplan.diagnostics import Diagnostics
from commonplan.language import say
from commonplan.load.positions import Loc, SourceText, offsets_to_positions
from commonplan.model import Record, WithBody
from commonplan.validate.privacy import SEPARATOR, find_personal_data


def _strings(value: Any, loc: tuple[str | int, ...] = ()) -> Iterator[tuple[Loc, str]]:
    """Every text value of a record or parsed mapping, located as written in the file."""
    if isinstance(value, str):
        yield loc, value
    elif isinstance(value, BaseModel):
        fields = type(value).model_fields
        for name, child in value.__dict__.items():
            yield from _strings(child, (*loc, fields[name].alias or name))
    elif isinstance(value, dict):
        for key, child in value.items():
            yield from _strings(child, (*loc, str(key)))
    elif isinstance(value, list | tuple):
        for index, child in enumerate(value):
            yield from _strings(child, (*loc, index))


def _texts(value: Any) -> list[str]:
    """Every text value of a record or parsed mapping, in no particular order (quicker than
    ``_strings``, which also says where each is)."""
    found: list[str] = []
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            found.append(item)
        elif isinstance(item, BaseModel):
            stack.extend(item.__dict__.values())
        elif isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list | tuple):
            stack.extend(item)
    return found


def scan_personal_data(
    diagnostics: Diagnostics, source: SourceText, values: Any, body: str = "", body_line: int = 1
) -> None:
    """Report every e-mail address or phone number in ``values`` (and a markdown body).

    Every value is read as parsed, never the file's raw text: YAML escapes ("07700\\x20900123",
    "sam\\x40example.org") and lines folded into one value show what is published only once
    parsed, so a search of the raw text would miss them. Most files hold nothing of the
    kind: one search of all their values, joined so that each is read as if alone
    (``SEPARATOR``), rules them out; only a file with a finding is searched value by value.
    """
    if not find_personal_data(SEPARATOR.join([*_texts(values), body])):
        return
    for loc, text in _strings(values):
        findings = find_personal_data(text)
        if not findings:
            continue
        places = source.value_positions(loc, text, [finding.start for finding in findings])
        for finding, place in zip(findings, places, strict=True):
            diagnostics.error(
                source.rel,
                place,
                "personal-data",
                # Translators: {field} is a field name; {found} is "an e-mail address" or
                # "a phone number".
                say(
                    "'{field}' contains {found}; personal details must not be published —"
                    " remove it (the repository's history is permanent)",
                    field=loc[-1],
                    found=finding.described(),
                ),
            )
    findings = find_personal_data(body)
    places = offsets_to_positions(body, [finding.start for finding in findings])
    for finding, (line0, col0) in zip(findings, places, strict=True):
        diagnostics.error(
            source.rel,
            (body_line + line0, col0 + 1),
            "personal-data",
            # Translators: {found} is "an e-mail address" or "a phone number".
            say(
                "the text contains {found}; personal details must not be published — remove"
                " it (the repository's history is permanent)",
                found=finding.described(),
            ),
        )


def check_personal_data(diagnostics: Diagnostics, source: SourceText, record: Record) -> None:
    """No e-mail address or phone number in anything of a record that will be published."""
    if isinstance(record, WithBody):
        scan_personal_data(diagnostics, source, record, record.body, record.body_line)
    else:
        scan_personal_data(diagnostics, source, record)
