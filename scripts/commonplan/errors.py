"""The one base class of the errors a command reports to the person who ran it.

Every layer raises a subclass with a message that says what to change; the command line
turns any of them into a plain message and exit status 1 in one place (`cli.app`), so no
layer below it knows about click.
"""

from __future__ import annotations


class CommonplanError(Exception):
    """Something the person must change; nothing was written.

    ``details`` are further lines shown before the message (each problem, located).
    """

    def __init__(self, message: str, details: list[str] | None = None) -> None:
        super().__init__(message)
        self.details = details or []
