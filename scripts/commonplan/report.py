"""Reporters: the same Diagnostics as text lines, GitHub workflow annotations, or JSON, in
the language of the person reading them (the severity and the code stay as they are: tools
and editors read them)."""

from __future__ import annotations

import json
from collections.abc import Callable

from commonplan.diagnostics import Diagnostics, located
from commonplan.language import ENGLISH, Language, Said, say, say_n


def summary(diagnostics: Diagnostics) -> Said:
    errors, warnings = len(diagnostics.errors), len(diagnostics.warnings)
    files = say_n("{count} file", "{count} files", diagnostics.files_checked)
    if not errors and not warnings:
        return say("All good: {files} checked, no problems.", files=files)
    return say(
        "{errors}, {warnings} in {files} checked.",
        errors=say_n("{count} error", "{count} errors", errors),
        warnings=say_n("{count} warning", "{count} warnings", warnings),
        files=files,
    )


def as_lines(diagnostics: Diagnostics) -> list[Said]:
    """Every diagnostic and the summary, each to be said in the reader's language."""
    return [*(located(d) for d in diagnostics), summary(diagnostics)]


def as_text(diagnostics: Diagnostics, t: Language = ENGLISH) -> str:
    return "\n".join(said.in_language(t) for said in as_lines(diagnostics)) + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def as_github(diagnostics: Diagnostics, t: Language = ENGLISH) -> str:
    """GitHub Actions workflow commands: each diagnostic becomes an annotation on its line."""
    lines = [
        f"::{d.severity} file={_escape_property(d.path)},line={d.line},col={d.col},"
        f"title={_escape_property(f'commonplan {d.code}')}::{_escape_data(d.text(t))}"
        for d in diagnostics
    ]
    return "\n".join([*lines, summary(diagnostics).in_language(t)]) + "\n"


def as_json(diagnostics: Diagnostics, t: Language = ENGLISH) -> str:
    found = [{**d.as_dict(), "message": d.text(t)} for d in diagnostics]
    return json.dumps(found, indent=2, ensure_ascii=False) + "\n"


REPORTERS: dict[str, Callable[[Diagnostics, Language], str]] = {
    "text": as_text,
    "github": as_github,
    "json": as_json,
}
