"""Every word the platform uses for a value of the data format, one table per vocabulary.

A value (`concern`, `consultation`, `meeting`) is shown and asked for in many places: a
badge on the site, a dropdown of the GitHub issue form, a tick box of the printed pack, a
cell of a facilitator's spreadsheet, a line of an e-mail, a message to an organiser. Each
table below gives, for each value, every one of those words, and ``Vocabulary.resolve``
reads any of them back, so whatever a channel offers a person comes back as the same value.

Stakeholder groups are configured per strategy (`Settings.groups`, id → label) and resolved
with the same rules (``resolve_group``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from commonplan.words import listing, suggest

if TYPE_CHECKING:
    from commonplan.model import Proposal


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

    def resolve(self, text: str) -> str:
        """The id that ``text`` names: by id or by any of its words."""
        return resolve(
            self.name,
            text,
            {term.id: term.spellings() for term in self.terms},
            listed={term.id: term.label for term in self.terms},
        )


STANCE = Vocabulary(
    "view",
    (
        Term("support", "I support this", "thumb-up-outline", badge="Support", position=True),
        Term("concern", "I have a concern", "alert-outline", badge="Concern", position=True),
        Term(
            "objection",
            "I object",
            "hand-back-left-outline",
            badge="Objection",
            form="I object to this",
            position=True,
        ),
        Term("idea", "I have an idea", "lightbulb-outline", badge="Idea"),
        Term("question", "I have a question", "help-circle-outline", badge="Question"),
        Term(
            "experience",
            "From experience",
            "hammer-wrench",
            badge="Experience from delivery",
            form="I want to share what happened in practice",
        ),
    ),
)
PROPOSAL_STATUS = Vocabulary(
    "proposal status",
    (
        Term("draft", "Draft", "pencil-outline", heading="Drafts"),
        Term("consultation", "Consultation", "comment-text-multiple-outline"),
        Term("revised", "Revised", "file-replace-outline", heading="Revised after listening"),
        Term("adopted", "Adopted", "check-decagram-outline"),
        Term("withdrawn", "Withdrawn", "close-circle-outline"),
    ),
)
ACTION_STATUS = Vocabulary(
    "action status",
    (
        Term("planned", "Planned", "calendar-blank-outline"),
        Term("in-progress", "In progress", "progress-wrench"),
        Term("done", "Done", "check-circle-outline"),
        Term("stalled", "Stalled", "pause-circle-outline"),
        Term("dropped", "Dropped", "cancel"),
    ),
)
RESPONSE_STATUS = Vocabulary(
    "response status",
    (
        Term("under-review", "Under review", "timer-sand", phrase="is looking at it"),
        Term("accepted", "Accepted", "check-bold", phrase="accepted it", final=True),
        Term("partly", "Partly adopted", "check", phrase="partly accepted it", final=True),
        Term("not-adopted", "Not adopted", "close", phrase="decided not to adopt it", final=True),
    ),
)
SOURCE = Vocabulary(
    "source",
    (
        Term("github-issue", "GitHub issue", "github", phrase="on GitHub (issue)"),
        Term("pull-request", "Pull request", "github", phrase="on GitHub (pull request)"),
        Term(
            "review-comment",
            "Comment on the draft",
            "github",
            phrase="on GitHub (comment on the draft)",
        ),
        Term("meeting", "Meeting", "account-voice", phrase="at a meeting", offline=True),
        Term("paper", "Paper", "account-voice", phrase="on paper", offline=True),
        Term("email", "E-mail", "account-voice", phrase="by e-mail", offline=True),
        Term("phone", "Phone", "account-voice", phrase="by phone", offline=True),
        Term("survey", "Survey", "account-voice", phrase="in a survey", offline=True),
    ),
)
TEAM_KIND = Vocabulary(
    "kind of team",
    (
        Term("organisation", "Organisation", heading="Organisations"),
        Term("action-team", "Action team", heading="Action teams"),
        Term("community-group", "Community group", heading="Community groups"),
    ),
)
VOCABULARIES = (STANCE, PROPOSAL_STATUS, ACTION_STATUS, RESPONSE_STATUS, SOURCE, TEAM_KIND)

PLACEHOLDERS = frozenset({"", "…", "...", "-", "?"})


@dataclass(frozen=True)
class StarterText:
    """Words `new` and `init` write for a person to replace; `validate` warns while they
    are published as they are."""

    summary: str = "One or two plain sentences: what changes, and for whom."
    why: str = "Say why this is needed, in plain words, and who told you."
    sections: str = "Each heading becomes a section people can comment on."
    team: str = "What the team is and does, and where it meets."

    def all(self) -> tuple[str, ...]:
        return (self.summary, self.why, self.sections, self.team)


STARTER = StarterText()

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


REPORT_SUBJECT_START = "Report:"


def report_mail_subject(feedback_id: str) -> str:
    """The subject of a "report this by e-mail" message: `ingest-mail` leaves it for people."""
    return f"{REPORT_SUBJECT_START} {feedback_id}"


def normalise(text: str) -> str:
    """Case, spacing and surrounding punctuation do not matter when matching a word."""
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip(" \t.:;,!\"'…").casefold()


def is_blank(text: str | None) -> bool:
    """Empty, or a template's placeholder left as it was."""
    return text is None or normalise(text) in PLACEHOLDERS


def resolve(
    what: str,
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
    raise UnknownWord(f"'{text.strip()}' is not a {what}{hint}; use one of: {shown}")


def resolve_group(text: str, groups: Mapping[str, str]) -> str:
    """A configured stakeholder group by id or label."""
    return resolve("stakeholder group", text, {g: (g, label) for g, label in groups.items()})


# "I have a concern", "concerns", "I object": a stance in a few plain words. Anything more
# (and any negation: "no objection", "do not support") is not guessed at.
STANCE_PHRASE = re.compile(
    r"^(?:i (?:have |raise |share |want to raise )?(?:an? |some |one )?|an? |my )?"
    r"(support|concern|objection|object|idea|question|experience)s?$"
)
NEGATION = re.compile(r"\b(?:no|not|never|without|dont|cannot)\b|n't\b|n’t\b")
VERB_STANCES = {"object": "objection"}


def resolve_stance(text: str) -> str:
    """A stance by id, by any of its words, or in a few plain words ("I have an idea")."""
    try:
        return STANCE.resolve(text)
    except UnknownWord:
        wanted = normalise(text)
        match = STANCE_PHRASE.match(wanted)
        if match is None or NEGATION.search(wanted):
            raise
        word = match.group(1)
        return VERB_STANCES.get(word, word)


def resolve_section(text: str, proposal: Proposal) -> str:
    """A section of ``proposal`` by anchor or heading text."""
    choices = {section.anchor: (section.anchor, section.title) for section in proposal.sections}
    return resolve(f"section of '{proposal.id}'", text.lstrip("#"), choices)
