"""Phone numbers in a normalised text (see ``normalise``), and the numbers that are not ones.

A phone number is 10 to 15 digits joined by the separators people write in them (spaces,
". - / ( )", a line break) that starts the way a number to dial starts: "+" or "00" (the
international forms: +44 7700 900123, 0044 7700 900123, +1 (202) 555-0143, +33 6 12 34 56 78),
or "0" and a digit (the national form: 07700 900123, (01632) 960123, 020 7946 0018). Also:
the North American form "(202) 555-0143" or "202-555-0143", a UK number written without its
"+" (447700900123), and any number in a link to dial, text or message it (``tel:``, ``sms:``,
``callto:``, ``wa.me/``, ``?phone=`` as in api.whatsapp.com/send?phone=...).

What is let through is what does not start that way: counts, scores and lists of numbers
("140 162 198 231 265", "1 2 3 4 5 6 7 8 9 10", "1.5 2.5 3.5"), versions, amounts grouped in
thousands ("12 000 000", "£1,200,000"), coordinates ("53.4808, -2.2426"), years, charity and
reference numbers ("1098765", "2026/00123", digits joined on with no space start no number);
also dates and times (24/11/2026, 24.11.2026, 2026-11-24 10:00, 09.30), an ISBN whose check
digit is right, and runs that start like a number but read as a list: counting up one by
one ("01 02 03 04 05 06"), codes of one length ("02134 02135"), decimals ("+1.5 2.5 3.5
4.5"). A number ends at a blank line, a wide gap or a full stop and a space. A bare ten
digits starting with 0 is read as a phone number even when it is also a valid ISBN-10,
unless "ISBN" is written before it.

Each run of digits and separators is read once, and each place a number may start is
looked at once, up to 15 digits on: the time taken grows with the text, whatever it holds.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from itertools import pairwise

from commonplan.validate.normalise import Normalised

# Dates (day, month and year in any order people write them, with the same separator twice),
# clock times written with a dot ("09.30") and ISBNs (checked below) are set aside before
# numbers are looked for, so that "2026-11-24 10:00" is not read as ten digits.
_DAY = r"(?:0?[1-9]|[12]\d|3[01])"
_MONTH = r"(?:0?[1-9]|1[0-2])"
_YEAR = r"(?:1[89]\d\d|2[01]\d\d)"
DATE = re.compile(
    rf"(?<![\d.])(?<!\d[-/])(?:{_YEAR}([-/.]){_MONTH}\1{_DAY}"
    rf"|{_DAY}([-/.]){_MONTH}\2(?:{_YEAR}|\d\d)|{_MONTH}([-/.]){_DAY}\3{_YEAR})"
    r"(?!\d|[-/.]\d)"
)
DOT_TIME = re.compile(r"(?<![\d.])(?:[01]?\d|2[0-3])\.[0-5]\d(?![\d]|\.\d)")
# An ISBN-13 (978 or 979 first), or an ISBN-10 with "ISBN" before it; either is set aside
# only when its check digit is right. (An ISBN-10 printed in parts, "0-306-40615-2", does
# not start as a phone number does, so needs no label.)
ISBN = re.compile(
    r"(?<!\w)ISBN(?:-1[03])?:? ?(?:(?P<isbn>97[89](?:[- ]?\d){10})"
    r"|(?P<isbn10>\d(?:[- ]?\d){8}[- ]?[\dX]))(?![\dX-])"
    r"|(?<![\d+-])(?<!\+[ (])(?P<bare>97[89](?:[- ]?\d){10})(?![\dX-])",
    re.IGNORECASE,
)
# A run of digits and separators, read once from where it starts (so "((((" is one run).
RUN = re.compile(r"[+(\d][\d ().\-/+\n\r]*")
DIGITS = re.compile(r"\d+")
NOT_DIGIT = re.compile(r"\D+")
# Where a number may start after the run's first group: a group starting with 0 after a
# space, line break or "(", or any group just after a "+".
START = re.compile(r"(?<=[ \n\r(])0|(?:(?<=\+)|(?<=\+[ (])|(?<=\+ \()|(?<=\+\( ))\d")
SPACE = re.compile(r"[ \n\r+]")
NATIONAL = re.compile(r"00?[1-9]")
CODE = re.compile(r"0[1-9]")
# Separators that end a run's number: a blank line, a wide gap as in a table, or a full
# stop and a space right after a digit (the end of a sentence).
HARD_BREAK = re.compile(r"\n[ \r]*\n| {4,}|^\.[ \n]")
NANP = re.compile(
    r"(?<![\w+(.\-/])(?:1[ .-]?)?"
    r"(?:\([2-9]\d\d\) ?[2-9]\d\d[ .-]\d{4}|[2-9]\d\d([.-])[2-9]\d\d\1\d{4})"
    r"(?![\w\-/]|\.\d)"
)
UK_WITHOUT_PLUS = re.compile(r"(?<![\w.+\-])44[1-9]\d{8,9}(?![\w])")
# A number in a link to call, text or message it: found from the ":" "/" or "=" before the
# number (cheap to look for), then the link's name just before that is checked.
LINK_MARK = re.compile(r"(?::(?://)?|/|=)(?=[+(\d]|%2[bB])")
LINK_NAME = re.compile(
    r"(?:(?<![\w.+-])(?:tel|sms|smsto|mms|callto|facetime|facetime-audio|skype):(?://)?"
    r"|\bwa\.me/|\bt\.me/(?=\+)|[?&](?:phone|tel|mobile)=)\Z",
    re.IGNORECASE,
)
LINK_NUMBER = re.compile(r"(?:\+|%2b)?(?:[\d().\-]|%20)*", re.IGNORECASE)
# Words that may stand right before a number with no space: "Tel07700 900123".
LABELS = frozenset({"tel", "mob", "mobile", "phone", "ph", "t", "m", "call", "ring", "sms", "wa"})


def _isbn_valid(digits: str) -> bool:
    if len(digits) == 13:
        total = sum(int(d) * (1 if i % 2 == 0 else 3) for i, d in enumerate(digits))
        return total % 10 == 0
    values = [10 if d in "xX" else int(d) for d in digits]
    if 10 in values[:9]:
        return False
    return sum(v * (10 - i) for i, v in enumerate(values)) % 11 == 0


def _set_aside(text: str) -> str:
    """``text`` with dates, dot times and valid ISBNs blanked out (offsets kept)."""

    def blank(match: re.Match[str]) -> str:
        return "\0" * len(match.group())

    def isbn(match: re.Match[str]) -> str:
        written = match.group("isbn") or match.group("isbn10") or match.group("bare")
        valid = _isbn_valid(written.replace("-", "").replace(" ", ""))
        return blank(match) if valid else match.group()

    text = DATE.sub(blank, text)
    text = DOT_TIME.sub(blank, text)
    return ISBN.sub(isbn, text)


def _glued(norm: Normalised, text: str, at: int, offset: int) -> bool:
    """Whether the number at ``at`` in ``text`` (which starts at ``offset`` in the copy) is
    part of a longer token: an id, a hash, an issue."""
    before = text[at - 1] if at else " "
    if before in "_#@":
        return True
    if before == "-" and at >= 2 and text[at - 2].isalnum():
        return norm.written(offset + at - 1) == "-"  # an id "x-0123"; "Sam—0770…" is a dash
    if not before.isalnum():
        return False
    word = re.search(r"[A-Za-z]{1,8}$", text[max(0, at - 8) : at])
    return not (word and word.group().lower() in LABELS)


def _a_list(groups: list[str], seps: list[str]) -> bool:
    """Numbers counting up one by one ("01 02 03"), codes of one length that each start with
    0 ("02134 02135"), or decimals one after another ("+1.5 2.5 3.5"): not a phone number.
    ``seps[i]`` is what stands between ``groups[i - 1]`` and ``groups[i]``."""
    if len(groups) >= 3 and all(len(g) <= 3 for g in groups):
        values = [int(g) for g in groups]
        if all(b == a + 1 for a, b in pairwise(values)):
            return True
    if len(groups) >= 4 and all(
        sep == "." if i % 2 else not sep.strip() for i, sep in enumerate(seps[1:], start=1)
    ):
        return True
    return (
        len(groups) >= 2
        and len({len(g) for g in groups}) == 1
        and len(groups[0]) >= 3
        and all(CODE.match(g) for g in groups)
    )


def _number_end(text: str, at: int, end: int) -> int | None:
    """Where the phone number whose first digit is at ``at`` ends (10 to 15 digits, in the
    run that ends at ``end``), or None when the digits from there make none."""
    groups: list[str] = []
    seps: list[str] = []
    digits, last = 0, at
    for match in DIGITS.finditer(text, at, end):
        sep = text[last : match.start()]
        if groups and len(sep) > 1 and (HARD_BREAK.search(sep) or "+" in sep):
            return None
        if sep == "+" and groups:
            return None
        groups.append(match.group())
        seps.append(sep)
        digits += len(groups[-1])
        last = match.end()
        if digits >= 10:
            after = text[last] if last < len(text) else " "
            if digits > 15 or _a_list(groups, seps) or after.isalnum() or after == "_":
                return None
            return last
    return None


def _spelt_out(text: str, at: int, end: int, group: str) -> bool:
    """Whether "0" or "00" at ``at`` starts a number spelt digit by digit ("0 7 7 0 0 …") or
    "00 44 …": the next groups, after spaces only, say so."""
    following = []
    last = at + len(group)
    for match in DIGITS.finditer(text, last, end):
        if text[last : match.start()].strip(" "):
            return False
        following.append(match.group())
        last = match.end()
        if len(following) == 2:
            break
    if group == "0":
        return (
            len(following) == 2 and all(len(g) == 1 for g in following) and following != ["0", "0"]
        )
    return group == "00" and bool(following) and following[0][0] != "0"


def _in_run(
    norm: Normalised, text: str, start: int, end: int, offset: int
) -> Iterator[tuple[int, int]]:
    """The numbers in the run from ``start`` to ``end`` of ``text`` (a stretch of the copy,
    with dates and ISBNs set aside, that starts at ``offset``), as spans in the copy."""
    reached = start
    first_digit = DIGITS.search(text, start, end)
    if first_digit is None:
        return
    candidates = (m.start() for m in START.finditer(text, first_digit.end(), end))
    for at in itertools.chain((first_digit.start(),), candidates):
        if at < reached:
            continue
        sep_start = at
        while sep_start > start and not text[sep_start - 1].isdigit():
            sep_start -= 1
        sep, first = text[sep_start:at], sep_start == start
        if not first and not SPACE.search(sep):
            continue  # joined on with no space: part of the number or reference before
        cut = max(sep.rfind(" "), sep.rfind("\n"), sep.rfind("\r")) + 1
        begins = sep_start + cut  # at a "+" or "(" written before the digits
        group = DIGITS.match(text, at)
        digits = group.group() if group else ""
        if not (
            "+" in sep[cut:]
            or NATIONAL.match(digits)
            or (digits in ("0", "00") and _spelt_out(text, at, end, digits))
        ):
            continue
        if first and _glued(norm, text, begins, offset):
            continue
        number_end = _number_end(text, at, end)
        if number_end is not None:
            yield offset + begins, offset + number_end
            reached = number_end


def _in_runs(norm: Normalised) -> Iterator[tuple[int, int]]:
    """Every run of ten digits or more, looked at closely: dates, times and ISBNs set aside,
    then the national, international and North American forms."""
    text = norm.text
    for run in RUN.finditer(text):
        start, end = run.span()
        if end - start < 10 or len(NOT_DIGIT.sub("", run.group())) < 10:
            continue
        # The label before an ISBN, and the characters either side, are read with the run.
        low = max(0, start - 10)
        window = _set_aside(text[low : end + 1])
        for part in RUN.finditer(window, start - low, end - low):
            yield from _in_run(norm, window, part.start(), part.end(), low)
        for pattern in (NANP, UK_WITHOUT_PLUS):
            for match in pattern.finditer(window, start - low):
                yield low + match.start(), low + match.end()


def _in_links(text: str) -> Iterator[tuple[int, int]]:
    for mark in LINK_MARK.finditer(text):
        if LINK_NAME.search(text, max(0, mark.start() - 20), mark.end()) is None:
            continue
        number = LINK_NUMBER.match(text, mark.end())
        if number is None:
            continue
        digits = sum(ch.isdigit() for ch in number.group().replace("%20", ""))
        if 7 <= digits <= 15:
            yield mark.end(), number.end()


def find_phone_numbers(norm: Normalised) -> list[int]:
    """Where each phone number starts in ``norm.text`` (offsets in the copy), in order; a
    number found by two rules (a link's number is also a run) is counted once."""
    starts: list[int] = []
    reached = -1
    for start, end in sorted([*_in_runs(norm), *_in_links(norm.text)]):
        if start >= reached:
            starts.append(start)
        reached = max(reached, end)
    return starts
