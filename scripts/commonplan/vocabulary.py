"""Words people use for groups, stances and sections, mapped to the ids the files hold.

A facilitator's spreadsheet or a carer's e-mail says "Carers" or "I have a concern"; the
files say `carer` and `concern`. Every offline route resolves words here, so that CSV rows
and e-mails accept exactly the same spellings.
"""

from __future__ import annotations

import difflib
import re

from commonplan.model import STANCES, Proposal

# Plain-language labels for stances (the configuration only labels groups).
STANCE_LABELS: dict[str, str] = {
    "support": "I support this",
    "concern": "I have a concern",
    "objection": "I object",
    "idea": "I have an idea",
    "question": "I have a question",
    "experience": "From experience",
}
assert set(STANCE_LABELS) == set(STANCES)

PLACEHOLDERS = frozenset({"", "…", "...", "-", "?"})

# The feedback template's columns, shared by the spreadsheet import and the printed pack:
# The template's header first; then what spreadsheets and form builders tend to call it.
HEADERS: dict[str, tuple[str, ...]] = {
    "proposal": ("proposal", "proposal id", "plan", "which plan", "strategy", "draft"),
    "section": ("section", "which part", "part", "heading", "which section", "topic"),
    "group": ("group", "i am a", "stakeholder group", "speaker group", "who is speaking"),
    "stance": ("stance", "my view", "view", "your view", "position", "type of feedback"),
    "feedback": (
        "feedback",
        "your feedback",
        "comments",
        "comment",
        "what was said",
        "what they said",
        "response",
        "text",
    ),
    "team": ("team", "from", "from team", "on behalf of", "speaking for"),
    "date": ("date", "submitted", "when", "timestamp", "date given", "meeting date"),
}

# The "have your say by e-mail" contract: the site's mailto links fill these in and
# `ingest-mail` reads them back.
MAIL_BODY_TEMPLATE = "I am a: …\nMy view: …\n\n"


def mail_subject(proposal_id: str, section: str | None = None) -> str:
    """The subject of a "have your say by e-mail" message, naming proposal and section."""
    return f"Feedback on {proposal_id}" + (f" #{section}" if section else "")


class UnknownWord(ValueError):
    """A word that names none of the choices; the message says which ones there are."""


def normalise(text: str) -> str:
    """Case, spacing and surrounding punctuation do not matter when matching a word."""
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip(" \t.:;,!\"'…").casefold()


def is_blank(text: str | None) -> bool:
    """Empty, or a template's placeholder left as it was."""
    return text is None or normalise(text) in PLACEHOLDERS


def resolve(what: str, text: str, choices: dict[str, str]) -> str:
    """The id that ``text`` names, by id or by label (``choices`` maps id → label)."""
    wanted = normalise(text)
    for choice_id, label in choices.items():
        if wanted in (choice_id.casefold(), normalise(label)):
            return choice_id
    # "resident" or "neighbour" name the one group whose label has words starting so
    # (words of four letters or more, so that "v" or "and" never pick a group by chance).
    words = wanted.split()
    partial = [
        choice_id
        for choice_id, label in choices.items()
        if words
        and min(len(word) for word in words) >= 4
        and all(any(part.startswith(word) for part in normalise(label).split()) for word in words)
    ]
    if len(partial) == 1:
        return partial[0]
    spellings = [*choices, *(normalise(label) for label in choices.values())]
    close = difflib.get_close_matches(wanted, spellings, n=1, cutoff=0.6)
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    listed = ", ".join(f"{choice_id} ({label})" for choice_id, label in choices.items())
    raise UnknownWord(f"'{text.strip()}' is not a {what}{hint}; use one of: {listed}")


def resolve_group(text: str, groups: dict[str, str]) -> str:
    return resolve("stakeholder group", text, groups)


# "I have a concern", "concerns", "I object": a stance in a few plain words. Anything more
# (and any negation: "no objection", "do not support") is not guessed at.
STANCE_PHRASE = re.compile(
    r"^(?:i (?:have |raise |share |want to raise )?(?:an? |some |one )?|an? |my )?"
    r"(support|concern|objection|object|idea|question|experience)s?$"
)
NEGATION = re.compile(r"\b(?:no|not|never|without|dont|cannot)\b|n't\b|n’t\b")
VERB_STANCES = {"object": "objection"}


def resolve_stance(text: str) -> str:
    """A stance by id, by label, or in a few plain words ("concerns", "I have an idea")."""
    choices = dict(STANCE_LABELS)
    try:
        return resolve("view", text, choices)
    except UnknownWord:
        wanted = normalise(text)
        match = STANCE_PHRASE.match(wanted)
        if match is None or NEGATION.search(wanted):
            raise
        word = match.group(1)
        return VERB_STANCES.get(word, word)


def resolve_section(text: str, proposal: Proposal) -> str:
    """A section of ``proposal`` by anchor or heading text."""
    choices = {section.anchor: section.title for section in proposal.sections}
    return resolve(f"section of '{proposal.id}'", text.lstrip("#"), choices)
