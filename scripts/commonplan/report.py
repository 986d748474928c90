"""Reporters: the same Diagnostics as text lines, GitHub workflow annotations, or JSON."""

from __future__ import annotations

import json
from collections.abc import Callable

from commonplan.diagnostics import Diagnostics
from commonplan.words import plural


def summary(diagnostics: Diagnostics) -> str:
    errors, warnings = len(diagnostics.errors), len(diagnostics.warnings)
    files = plural(diagnostics.files_checked, "file")
    if not errors and not warnings:
        return f"All good: {files} checked, no problems."
    return f"{plural(errors, 'error')}, {plural(warnings, 'warning')} in {files} checked."


def as_text(diagnostics: Diagnostics) -> str:
    lines = [f"{d.path}:{d.line}:{d.col}: {d.severity} [{d.code}] {d.message}" for d in diagnostics]
    return "\n".join([*lines, summary(diagnostics)]) + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def as_github(diagnostics: Diagnostics) -> str:
    """GitHub Actions workflow commands: each diagnostic becomes an annotation on its line."""
    lines = [
        f"::{d.severity} file={_escape_property(d.path)},line={d.line},col={d.col},"
        f"title={_escape_property(f'commonplan {d.code}')}::{_escape_data(d.message)}"
        for d in diagnostics
    ]
    return "\n".join([*lines, summary(diagnostics)]) + "\n"


def as_json(diagnostics: Diagnostics) -> str:
    return json.dumps([d.as_dict() for d in diagnostics], indent=2, ensure_ascii=False) + "\n"


REPORTERS: dict[str, Callable[[Diagnostics], str]] = {
    "text": as_text,
    "github": as_github,
    "json": as_json,
}
