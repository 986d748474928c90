"""Personal data in a file: every e-mail address or phone number, located where it is written.

Run on every file, also one that failed its own checks, because a public repository's
history is permanent.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from commonplan.diagnostics import Diagnostics
from commonplan.load.positions import Loc, SourceText, offsets_to_positions
from commonplan.model import Proposal, Record
from commonplan.validate.privacy import find_personal_data


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


def scan_personal_data(
    diagnostics: Diagnostics, source: SourceText, values: Any, body: str = "", body_line: int = 1
) -> None:
    """Report every e-mail address or phone number in ``values`` (and a markdown body)."""
    # Most files hold nothing of the kind: one scan of the whole file rules them out.
    if not find_personal_data(source.text):
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
                f"'{loc[-1]}' contains {finding.describe()}; personal details must not be"
                " published — remove it (the repository's history is permanent)",
            )
    findings = find_personal_data(body)
    places = offsets_to_positions(body, [finding.start for finding in findings])
    for finding, (line0, col0) in zip(findings, places, strict=True):
        diagnostics.error(
            source.rel,
            (body_line + line0, col0 + 1),
            "personal-data",
            f"the text contains {finding.describe()}; personal details must not be"
            " published — remove it (the repository's history is permanent)",
        )


def check_personal_data(diagnostics: Diagnostics, source: SourceText, record: Record) -> None:
    """No e-mail address or phone number in anything of a record that will be published."""
    if isinstance(record, Proposal):
        scan_personal_data(diagnostics, source, record, record.body, record.body_line)
    else:
        scan_personal_data(diagnostics, source, record)
