"""Personal data that must never be written to a public repository.

A public repository's history is permanent, so an e-mail address or a phone number in any
published text is stopped before it lands. The patterns favour catching a real address or
number over letting one through; dates, years and counts are not numbers anyone can dial.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Both patterns start only where a match can start and never backtrack into a run
# (atomic groups), so that a megabyte of "((((" or of one long word is scanned in linear
# time rather than hanging validation.
EMAIL = re.compile(
    r"(?<![A-Za-z0-9._%+-])(?>[A-Za-z0-9._%+-]+)@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"
)
# A run of digits with the separators people write in phone numbers (spaces, dots, dashes,
# brackets) and an optional international "+"; trailing separators are trimmed, then
# ``_is_phone`` counts its digits. A leading character class keeps the scan fast on the
# common text with no number in it.
PHONE_RUN = re.compile(r"[+(\d](?>[\d ().-]{8,})")
SEPARATORS = " ().-"
# How a phone number starts when several are written in a row: "+44", "07700", "(01632)";
# not "000", which is how thousands are written ("12 000 15 000").
NUMBER_START = re.compile(r"\+|\(?0[1-9]")
WORD = re.compile(r"\S+")
# Runs of digits that are not numbers to dial: ISO dates (also with a time or a count after
# them, "2026-11-26 10:00") and lists of years ("2024 2025 2026").
ISO_DATE = re.compile(r"(?<!\d)\d{4}-\d{2}-\d{2}(?!\d)")
YEARS = re.compile(r"(?:(?:19|20)\d{2}[\s.-]*)+")


@dataclass(frozen=True)
class Finding:
    """Personal data found in a text: what kind, where (0-based offset) and how to refer to it."""

    kind: str  # "e-mail address" | "phone number"
    start: int

    def describe(self) -> str:
        return f"an {self.kind}" if self.kind[0] in "aeiou" else f"a {self.kind}"


def _standalone(text: str, start: int, end: int) -> bool:
    """Not part of a longer token: an id, a link, a version, an issue number."""
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    return not (before.isalnum() or before in "_/.-#" or after.isalnum() or after in "_/-")


def _digits(text: str) -> int:
    return sum(ch.isdigit() for ch in ISO_DATE.sub("", text))


def _phone_width(tokens: list[tuple[int, str]], index: int) -> int:
    """How many tokens from ``index`` make one phone number (10 to 15 digits), or 0."""
    digits = 0
    for width, (_, token) in enumerate(tokens[index : index + 4], start=1):
        digits += _digits(token)
        if digits >= 10:
            return width if digits <= 15 else 0
    return 0


def _numbers_in_a_row(text: str, start: int, end: int) -> list[int]:
    """Where each number starts in a run of several ("07700 900123 01632 960123"): each
    starts as phone numbers do (NUMBER_START) and has 10 to 15 digits."""
    tokens = [(m.start(), m.group()) for m in WORD.finditer(text, start, end)]
    found: list[int] = []
    index = 0
    while index < len(tokens):
        width = _phone_width(tokens, index) if NUMBER_START.match(tokens[index][1]) else 0
        if width:
            found.append(tokens[index][0])
        index += width or 1
    return found


def find_personal_data(text: str) -> list[Finding]:
    """Every e-mail address and phone number in ``text``, in order."""
    findings = (
        [Finding("e-mail address", m.start()) for m in EMAIL.finditer(text)] if "@" in text else []
    )
    for run in PHONE_RUN.finditer(text):
        start, end = run.start(), run.start() + len(run.group().rstrip(SEPARATORS))
        if (
            end - start < 10
            or not _standalone(text, start, end)
            or YEARS.fullmatch(text, start, end)
        ):
            continue
        digits = _digits(text[start:end])
        if 10 <= digits <= 15:
            findings.append(Finding("phone number", _number_start(text, start, end)))
        elif digits > 15:
            findings += [Finding("phone number", at) for at in _numbers_in_a_row(text, start, end)]
    return sorted(findings, key=lambda f: f.start)


def _number_start(text: str, start: int, end: int) -> int:
    """Where the number starts: past a date written just before it ("2026-11-26 07700 …")."""
    date = ISO_DATE.match(text, start, end)
    if date is None:
        return start
    rest = text[date.end() : end]
    return date.end() + len(rest) - len(rest.lstrip(" ().-"))
