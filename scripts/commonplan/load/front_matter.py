"""A proposal's front matter: the one rule for where its YAML starts and ends.

The first line is '---'; the fields follow; a line '---' (or '...') closes them; the body
is everything after. Loading, history, organisers' edits and the GitHub loop all split a
proposal here, so they never disagree about which lines are fields and which are text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from commonplan.language import Said, say

OPENING = re.compile(r"^---[ \t]*$")
CLOSING = re.compile(r"^(---|\.\.\.)[ \t]*$")


class FrontMatterError(ValueError):
    """The text has no front matter, or it is never closed; the message says which (in
    English; ``said``, to be said in the reader's language)."""

    def __init__(self, said: Said) -> None:
        super().__init__(str(said))
        self.said = said


@dataclass(frozen=True)
class FrontMatter:
    """A proposal's text split at its fences. ``closing`` is the 0-based closing line."""

    lines: list[str]
    closing: int

    @property
    def opening_line(self) -> str:
        return self.lines[0]

    @property
    def fields(self) -> str:
        """The YAML between the fences, ending with a newline."""
        return "\n".join(self.lines[1 : self.closing]) + "\n"

    @property
    def body(self) -> str:
        return "\n".join(self.lines[self.closing + 1 :])

    @property
    def body_line(self) -> int:
        """1-based line of the file where the body starts."""
        return self.closing + 2

    @property
    def closing_and_body(self) -> str:
        return "\n".join(self.lines[self.closing :])


def split_front_matter(text: str) -> FrontMatter:
    """Split a proposal's text; raises FrontMatterError when it has no closed front matter.

    Lines may end in CRLF (a file saved on Windows, a blob from git): the parts are given
    with LF, as the loader reads every file.
    """
    lines = text.replace("\r\n", "\n").split("\n")
    if not OPENING.match(lines[0]):
        raise FrontMatterError(
            say(
                "a proposal starts with a line '---', its fields, then another '---';"
                " the first line is not '---'"
            )
        )
    closing = next((i for i in range(1, len(lines)) if CLOSING.match(lines[i])), None)
    if closing is None:
        raise FrontMatterError(
            say("the front matter is never closed: add a line '---' after the last field")
        )
    return FrontMatter(lines, closing)


def body_of(text: str) -> str:
    """The body of a proposal's text; all of it when it has no closed front matter."""
    try:
        return split_front_matter(text).body
    except FrontMatterError:
        return text


def fields_of(text: str) -> str:
    """The front matter's YAML; empty when the text has none."""
    try:
        return split_front_matter(text).fields
    except FrontMatterError:
        return ""
