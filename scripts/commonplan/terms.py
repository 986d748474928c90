"""The shape of a vocabulary: its values (`Term`), each with every word for it, and how any
of those words is read back to the value, in the platform's words or a language's.

The tables themselves are in `vocabulary`.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from commonplan.language import Language, Said, language, said_marked, say, spoken_languages
from commonplan.words import listing, suggest


@dataclass(frozen=True)
class Term:
    """One value of a vocabulary and the words for it.

    ``label`` is the plain words a person reads and chooses (the printed pack's tick box,
    messages); ``badge`` the short word on the site's badge (the label when empty), shown
    with ``icon`` (a Material Design icon name); ``form`` the wording the GitHub issue form
    offers (the label when empty); ``heading`` the title over a list of them (the label
    when empty); ``phrase`` the words in a sentence ("at a meeting", "accepted it").
    """

    id: str
    label: str
    icon: str = ""
    badge: str = ""
    form: str = ""
    heading: str = ""
    phrase: str = ""
    offline: bool = False  # source kinds: gathered by a facilitator, who records it
    final: bool = False  # response statuses: the answer closes the conversation
    position: bool = False  # stances that take a side (support, concern, objection)

    @property
    def badge_label(self) -> str:
        return self.badge or self.label

    @property
    def form_label(self) -> str:
        return self.form or self.label

    @property
    def heading_label(self) -> str:
        return self.heading or self.label

    def spellings(self) -> tuple[str, ...]:
        """Every way of writing this value that intake reads back to its id."""
        return (self.id, self.label, self.badge_label, self.form_label)


class UnknownWord(ValueError):
    """A word that names none of the choices; the message says which ones there are."""

    def __init__(self, said: Said) -> None:
        super().__init__(str(said))
        self.said = said


@dataclass(frozen=True)
class Vocabulary:
    """The values of one field of the data format, in their documented order."""

    name: str  # what one value is called in messages: "view", "proposal status"
    terms: tuple[Term, ...]

    def ids(self, *, offline: bool | None = None) -> tuple[str, ...]:
        return tuple(t.id for t in self.terms if offline is None or t.offline == offline)

    @property
    def choices(self) -> str:
        """The ids as a field's description lists them: "draft | consultation | …"."""
        return " | ".join(self.ids())

    @property
    def in_words(self) -> str:
        """The ids in a sentence: "support, concern, … or experience"."""
        return listing(self.ids())

    def get(self, value: str) -> Term | None:
        return next((term for term in self.terms if term.id == value), None)

    def __getitem__(self, value: str) -> Term:
        term = self.get(value)
        if term is None:
            raise KeyError(value)
        return term

    def in_language(self, t: Language) -> Vocabulary:
        """This table with every term's words in ``t``'s language (its ids unchanged)."""
        return _in_language(self, t)

    def resolve(self, text: str) -> str:
        """The id that ``text`` names: by id or by any of its words, in any language the
        platform speaks (a Welsh spreadsheet's "Mae gen i bryder" is a concern)."""
        return resolve(
            said_marked("vocabulary", self.name),
            text,
            _spellings(self),
            listed={term.id: term.label for term in self.terms},
        )


@lru_cache(maxsize=64)
def _in_language(vocabulary: Vocabulary, t: Language) -> Vocabulary:
    # The contexts are the ones the table marks its words with: "view", "view badge", ….
    name = vocabulary.name

    def words(field: str, text: str) -> str:
        return t.marked(f"{name} {field}", text) if text else ""

    return Vocabulary(
        name,
        tuple(
            dataclasses.replace(
                term,
                label=t.marked(name, term.label),
                badge=words("badge", term.badge),
                form=words("form", term.form),
                heading=words("heading", term.heading),
                phrase=words("phrase", term.phrase),
            )
            for term in vocabulary.terms
        ),
    )


@lru_cache(maxsize=16)
def _spellings(vocabulary: Vocabulary) -> dict[str, tuple[str, ...]]:
    tables = [vocabulary, *(vocabulary.in_language(language(code)) for code in spoken_languages())]
    return {
        term.id: tuple(dict.fromkeys(s for table in tables for s in table[term.id].spellings()))
        for term in vocabulary.terms
    }


def normalise(text: str) -> str:
    """Case, spacing and surrounding punctuation do not matter when matching a word."""
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip(" \t.:;,!\"'…").casefold()


def resolve(
    what: Said,
    text: str,
    choices: Mapping[str, tuple[str, ...]],
    *,
    listed: Mapping[str, str] | None = None,
) -> str:
    """The id that ``text`` names (``choices`` maps each id to the ways of writing it).

    ``listed`` (id → label) is how the choices are listed when ``text`` names none.
    """
    wanted = normalise(text)
    spelt = {choice_id: {normalise(s) for s in words} for choice_id, words in choices.items()}
    for choice_id, words in spelt.items():
        if wanted in words:
            return choice_id
    # "resident" or "neighbour" name the one choice whose label has words starting so
    # (words of four letters or more, so that "v" or "and" never pick a choice by chance).
    # Only the label: the longer wordings ("I want to share what happened in practice")
    # hold everyday words that must not pick a choice on their own.
    labels = listed or {choice_id: words[1] for choice_id, words in choices.items()}
    typed = wanted.split()
    partial = [
        choice_id
        for choice_id, label in labels.items()
        if typed
        and min(len(word) for word in typed) >= 4
        and all(any(part.startswith(word) for part in normalise(label).split()) for word in typed)
    ]
    if len(partial) == 1:
        return partial[0]
    hint = suggest(wanted, [*choices, *(normalise(label) for label in labels.values())])
    shown = ", ".join(f"{choice_id} ({label})" for choice_id, label in labels.items())
    raise UnknownWord(
        # Translators: {what} names the kind of value ("view", "stakeholder group");
        # {shown} lists the choices, each as "id (label)".
        say(
            "'{text}' is not a {what}{hint}; use one of: {shown}",
            text=text.strip(),
            what=what,
            hint=hint,
            shown=shown,
        )
    )
