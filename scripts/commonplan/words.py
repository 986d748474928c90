"""Small helpers for the words the platform writes: counts, and "did you mean".

One of each, shared by validation, intake, the site and the command line, so a hint or a
plural reads the same wherever it is shown.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

from commonplan.language import Said, say

_FIRST_WORD = re.compile(r"[_\- ]")


def closest(word: str, choices: Iterable[str], *, first_part: bool = False) -> str | None:
    """The choice ``word`` was most likely meant to be, or None.

    A close spelling ('sumary' → 'summary'); with ``first_part``, failing that, a choice
    that is the word's first part (a field name with a word added: 'due_date' → 'due').
    """
    options = list(choices)
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    if close:
        return close[0]
    first_word = _FIRST_WORD.split(word, maxsplit=1)[0]
    if first_part and first_word != word and first_word in options:
        return first_word
    return None


def suggest(word: str, choices: Iterable[str], *, first_part: bool = False) -> Said | str:
    """The hint " (did you mean 'x'?)" when a choice is close to ``word``, else "": to be
    said in the reader's language, or read in English as it is in an f-string."""
    close = closest(word, choices, first_part=first_part)
    # Translators: added to the end of a message, after a space.
    return say(" (did you mean '{close}'?)", close=close) if close else ""


def listing(items: Iterable[str], conjunction: str = "or") -> str:
    """Items in a sentence: "a, b or c" (or "a, b and c")."""
    *rest, last = items
    return f"{', '.join(rest)} {conjunction} {last}" if rest else last


def plural(count: float, word: str, many: str | None = None) -> str:
    """'1 file', '2 files', '2.5 days'; ``many`` for a word not made plural with an 's'."""
    shown = f"{count:g}" if isinstance(count, float) else str(count)
    return f"{shown} {word if count == 1 else (many or word + 's')}"
