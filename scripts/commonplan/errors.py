"""The one base class of the errors a command reports to the person who ran it.

Every layer raises a subclass with a message that says what to change; the command line
turns any of them into a plain message and exit status 1 in one place (`cli.app`), so no
layer below it knows about click.
"""

from __future__ import annotations

from collections.abc import Sequence

from commonplan.language import Language, Said, in_language


class CommonplanError(Exception):
    """Something the person must change; nothing was written.

    ``details`` are further lines shown before the message (each problem, located). Either
    may be `Said`, to be said in the language of the person who ran the command.
    """

    def __init__(self, message: str | Said, details: Sequence[str | Said] | None = None) -> None:
        super().__init__(str(message))
        self.said = message
        self.details = [str(line) for line in details or []]
        self._details = list(details or [])

    def message_in(self, t: Language) -> str:
        return in_language(self.said, t)

    def details_in(self, t: Language) -> list[str]:
        return [in_language(line, t) for line in self._details]
