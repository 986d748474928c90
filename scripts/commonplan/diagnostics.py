"""Diagnostics are data: every check adds to one collection, reporters print it at the end."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum

from commonplan.language import Language, Said

# Messages quote what people wrote. A newline or a terminal escape in a value must neither
# break "one line per problem" nor reach a terminal as a control sequence: control
# characters are shown as escapes (\n, \x1b) instead.
_VISIBLE = {
    **{code: f"\\x{code:02x}" for code in (*range(0x20), 0x7F, *range(0x80, 0xA0))},
    0x09: "\\t",
    0x0A: "\\n",
    0x0D: "\\r",
}


def one_line(text: str) -> str:
    """``text`` with its control characters written out, so that it prints as one line."""
    return text.translate(_VISIBLE)


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem, located at the offending value (1-based line and column)."""

    path: str
    line: int
    col: int
    severity: Severity
    code: str
    message: str  # in English, the platform's source language
    said: Said | None = field(default=None, compare=False, repr=False)
    # What a warning is about, in words, when many may come of one thing (the proposal a
    # piece of feedback waits on): beyond a screenful, text reports count them by it.
    about: Said | None = field(default=None, compare=False, repr=False)

    def text(self, t: Language) -> str:
        """The message in the language ``t`` (one line, like ``message``)."""
        return self.message if self.said is None else one_line(self.said.in_language(t))

    @property
    def words(self) -> Said:
        """The message, to be said later in the reader's language (one line, like ``text``)."""
        return _OneLine("{message}", args=(("message", self.said or self.message),))

    def as_dict(self) -> dict[str, str | int]:
        return {
            "path": self.path,
            "line": self.line,
            "col": self.col,
            "severity": str(self.severity),
            "code": self.code,
            "message": self.message,
        }


@dataclass
class Diagnostics:
    """Every problem found in one run, over the whole repository."""

    items: list[Diagnostic] = field(default_factory=list)
    files_checked: int = 0

    def add(
        self,
        path: str,
        position: tuple[int, int],
        severity: Severity,
        code: str,
        message: str | Said,
        about: Said | None = None,
    ) -> None:
        line, col = position
        said = message if isinstance(message, Said) else None
        english = one_line(str(message))
        self.items.append(
            Diagnostic(one_line(path), line, col, severity, code, english, said, about)
        )

    def error(self, path: str, position: tuple[int, int], code: str, message: str | Said) -> None:
        self.add(path, position, Severity.ERROR, code, message)

    def warning(
        self,
        path: str,
        position: tuple[int, int],
        code: str,
        message: str | Said,
        about: Said | None = None,
    ) -> None:
        self.add(path, position, Severity.WARNING, code, message, about)

    def extend(self, other: Iterable[Diagnostic]) -> None:
        self.items.extend(other)

    def __iter__(self) -> Iterator[Diagnostic]:
        return iter(sorted(set(self.items)))

    def __len__(self) -> int:
        return len(set(self.items))

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self if d.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self if d.severity is Severity.WARNING]

    @property
    def ok(self) -> bool:
        return not any(d.severity is Severity.ERROR for d in self.items)


@dataclass(frozen=True)
class _OneLine(Said):
    """Said as one line, whatever the values it quotes hold (as `Diagnostic.message` is)."""

    def in_language(self, t: Language) -> str:
        return one_line(super().in_language(t))


def located(d: Diagnostic, *, graded: bool = True) -> Said:
    """The diagnostic as one line, its message said in the reader's language: where, how
    bad and which code (as they are: tools read them; left out when not ``graded``), what.
    "teams/a.yml:3:7: error [bad-value] …"."""
    where = f"{d.path}:{d.line}:{d.col}:" + (f" {d.severity} [{d.code}]" if graded else "")
    # Said directly, not `say`: the layout is no message to translate.
    return _OneLine("{where} {message}", args=(("where", where), ("message", d.said or d.message)))
