"""Text read the way a person reads it, before it is searched for personal data.

Hidden characters and look-alikes are how a number or an address gets past a pattern:
"07700\u200b900123" shows as 07700900123, "０７７００" is 07700, "sam＠mail.com" is an address.
``normalise`` makes one plain copy of a text — NFKC, invisible characters and direction
controls removed, every space read as " " and every dash as "-", every decimal digit as
0-9, HTML character references and Markdown escapes read as what they show — and keeps
where each of its characters came from, so that what is found is reported where it is
written.
"""

from __future__ import annotations

import html
import re
import unicodedata
from bisect import bisect_right
from functools import lru_cache

# Characters that show nothing: every format character (Unicode category Cf: the zero-width
# space, joiners and non-joiner, word joiner, byte-order mark, soft hyphen, the direction
# marks, embeddings, overrides and isolates, tag characters, ...), the combining grapheme
# joiner, variation selectors and the Hangul fillers. tests/unit/test_personal_data_corpus.py
# checks that every Cf character of the running Python's Unicode is listed.
INVISIBLE = (
    "\u00ad\u034f\u061c\u115f\u1160\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f"
    "\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff9-\ufffb\u0600-\u0605\u06dd\u070f\u0890\u0891"
    "\u08e2\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f\U000e0100-\U000e01ef"
)
INVISIBLE_CHAR = re.compile(f"[{INVISIBLE}]")
# Full stops that mean "." between the labels of a domain (IDNA reads them so); NFKC leaves
# the ideographic and halfwidth ones as they are.
FULL_STOPS = "\u3002\uff61"
# A non-ASCII stretch that needs no change is copied whole: it is NFKC already and holds no
# character this module rewrites (spaces, dashes, minus, other digits, full stops).
NEEDS_CHANGE = re.compile(
    rf"[{INVISIBLE}{FULL_STOPS}\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\u2212"
    r"\u058a\u05be\u1400\u1806\u2010-\u2015\u2e17\u2e1a\u2e3a\u2e3b\u2e40\u2e5d\u301c\u3030"
    r"\u30a0\ufe31\ufe32\ufe58\ufe63\uff0d\U00010ead]|(?![0-9])\d"
)
# What is read differently from how it is written: non-ASCII stretches, HTML character
# references ("&#64;", "&nbsp;": a published page shows "@" and a space) and Markdown's
# backslash escapes ("sam\\@example.org" shows as sam@example.org).
SPECIAL = re.compile(
    r"(?P<text>[^\x00-\x7f]+)"
    r"|(?P<reference>&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});)"
    r"|(?P<escape>\\[!-/:-@\[-`{-~])"
)


class Normalised:
    """The plain copy of a text, and the way back to the text as written.

    ``starts[i]`` is where a stretch of the copy begins, ``origins[i]`` where that stretch's
    first character is in the original; ``steps[i]`` is 1 when the stretch follows the
    original character by character, 0 when it all came from one character (NFKC made
    "½" three characters, for example).
    """

    __slots__ = ("original_text", "origins", "starts", "steps", "text")

    def __init__(
        self,
        text: str,
        original_text: str,
        starts: tuple[int, ...] = (0,),
        origins: tuple[int, ...] = (0,),
        steps: tuple[int, ...] = (1,),
    ) -> None:
        self.text = text
        self.original_text = original_text
        self.starts = starts
        self.origins = origins
        self.steps = steps

    def original(self, offset: int) -> int:
        """The offset in the original text of the character at ``offset`` in the copy."""
        if offset >= len(self.text):
            return len(self.original_text)
        index = bisect_right(self.starts, offset) - 1
        return self.origins[index] + (offset - self.starts[index]) * self.steps[index]

    def written(self, offset: int) -> str:
        """The character as written that the copy's character at ``offset`` came from."""
        at = self.original(offset)
        return self.original_text[at] if at < len(self.original_text) else ""


@lru_cache(maxsize=8192)  # bounded: a text may hold every character there is
def _plain(char: str) -> str:
    """One character read plainly: "" for an invisible one, " " for a space, "-" for a
    dash, 0-9 for any decimal digit, else its NFKC form (which may be several)."""
    if INVISIBLE_CHAR.match(char):
        return ""
    out = []
    for part in unicodedata.normalize("NFKC", char):
        category = unicodedata.category(part)
        if category == "Zs" or part == "\t":
            out.append(" ")
        elif category == "Pd" or part == "\u2212":
            out.append("-")
        elif part in FULL_STOPS:
            out.append(".")
        elif category == "Nd":
            out.append(str(unicodedata.decimal(part)))
        elif not INVISIBLE_CHAR.match(part):
            out.append(part)
    return "".join(out)


class _Builder:
    """Collects the copy and its map, stretch by stretch."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.starts: list[int] = []
        self.origins: list[int] = []
        self.steps: list[int] = []

    def add(self, text: str, origin: int, step: int) -> None:
        if not text:
            return
        following = (
            self.steps
            and step == 1
            and self.steps[-1] == 1
            and self.origins[-1] + (self.length - self.starts[-1]) == origin
        )
        if not following:
            self.starts.append(self.length)
            self.origins.append(origin)
            self.steps.append(step)
        self.parts.append(text)
        self.length += len(text)

    def add_changed(self, text: str, origin: int) -> None:
        """Character by character: only a stretch that has something to change. Characters
        that stay one character are added together."""
        same: list[str] = []
        same_from = origin
        for index, char in enumerate(text, start=origin):
            plain = _plain(char)
            if len(plain) == 1:
                if not same:
                    same_from = index
                same.append(plain)
                continue
            if same:
                self.add("".join(same), same_from, 1)
                same = []
            self.add(plain, index, 0)
        if same:
            self.add("".join(same), same_from, 1)


def normalise(text: str) -> Normalised:
    """The plain copy of ``text`` (see the module's docstring), in one pass."""
    if text.isascii() and "&" not in text and "\\" not in text:
        return Normalised(text.replace("\t", " "), text)
    built = _Builder()
    done = 0
    for special in SPECIAL.finditer(text):
        built.add(text[done : special.start()].replace("\t", " "), done, 1)
        chunk = special.group()
        if special.lastgroup == "escape":
            built.add(chunk[1], special.start() + 1, 1)
        elif special.lastgroup == "reference":
            decoded = html.unescape(chunk)
            if decoded == chunk:
                built.add(chunk, special.start(), 1)
            else:
                built.add("".join(_plain(char) for char in decoded), special.start(), 0)
        elif unicodedata.is_normalized("NFKC", chunk) and not NEEDS_CHANGE.search(chunk):
            built.add(chunk, special.start(), 1)
        else:
            built.add_changed(chunk, special.start())
        done = special.end()
    built.add(text[done:].replace("\t", " "), done, 1)
    return Normalised(
        "".join(built.parts),
        text,
        tuple(built.starts) or (0,),
        tuple(built.origins) or (0,),
        tuple(built.steps) or (1,),
    )
