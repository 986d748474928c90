"""Reporters: the same Diagnostics as text lines, GitHub workflow annotations, or JSON, in
the language of the person reading them (the severity and the code stay as they are: tools
and editors read them)."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable

from commonplan.diagnostics import Diagnostic, Diagnostics, located
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


# Lines of one kind of warning a text report shows before it counts them instead: at city
# size, 94,000 answers overdue would be 94,000 lines.
SCREENFUL = 40


def as_lines(diagnostics: Diagnostics) -> list[Said]:
    """Every diagnostic and the summary, each to be said in the reader's language; a kind
    of warning beyond a screenful (each saying what it is about) counted by what it is
    about instead, the most first (every one stays in the JSON report)."""
    crowded = _crowded(diagnostics)
    lines: list[Said] = []
    for d in diagnostics:
        if d.code not in crowded:
            lines.append(located(d))
        elif crowded[d.code][0] is d:
            lines += _counted(d.code, crowded[d.code])
    return [*lines, summary(diagnostics)]


def _crowded(diagnostics: Diagnostics) -> dict[str, list[Diagnostic]]:
    by_code: dict[str, list[Diagnostic]] = {}
    for d in diagnostics.warnings:
        if d.about is not None:
            by_code.setdefault(d.code, []).append(d)
    return {code: found for code, found in by_code.items() if len(found) > SCREENFUL}


def _counted(code: str, found: list[Diagnostic]) -> list[Said]:
    about = {str(d.about): d.about for d in found}
    counts = Counter(str(d.about) for d in found).most_common()
    shown, rest = counts[:SCREENFUL], counts[SCREENFUL:]
    lines = [
        say_n(
            "warning [{code}]: {count} warning, counted by what it is about (every one:"
            " commonplan validate --format json)",
            "warning [{code}]: {count} warnings, counted by what they are about (every one:"
            " commonplan validate --format json)",
            len(found),
            code=code,
        ),
        # The layout only, no words to translate: a count, then what they are about.
        *(Said("  {n}: {about}", args=(("n", n), ("about", about[key]))) for key, n in shown),
    ]
    if rest:
        lines.append(
            say_n(
                "  and {more} more about {count} other thing",
                "  and {more} more about {count} other things",
                len(rest),
                more=sum(n for _, n in rest),
            )
        )
    return lines


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
