"""Reading an issue written with the feedback form back into feedback fields.

GitHub turns a submitted issue form into markdown: each question's label as a `### Label`
heading, the answer below it, `_No response_` for an empty answer and `- [X] ...` lines for
ticked boxes. Only the form's own labels start a section, so headings inside somebody's
text never split it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from commonplan.config import Settings
from commonplan.github.form import (
    BODY,
    CONSENT,
    FROM,
    GROUP,
    PROPOSAL,
    QUESTIONS,
    SECTION,
    STANCE,
    STANCE_CHOICES,
)

NO_RESPONSE = "_No response_"
HEADING = re.compile(r"^###[ \t]+(.+?)[ \t]*$")
TICKED = re.compile(r"^[ \t]*[-*][ \t]+\[[xX]\][ \t]+(.+?)[ \t]*$")
# "Title (carers-breaks)", "`carers-breaks`", a link ending in "#anchor": the id inside.
BRACKETED_ID = re.compile(r"\(([a-z0-9][a-z0-9-]*)\)\s*$")


def answers(body: str) -> dict[str, str]:
    """Question id → the answer's text ('' when left empty) for every question present."""
    by_label = {q.label.casefold(): q.id for q in QUESTIONS}
    found: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in body.replace("\r\n", "\n").split("\n"):
        heading = HEADING.match(line)
        question = by_label.get(heading.group(1).casefold()) if heading else None
        if question is not None:
            current = found.setdefault(question, [])
        elif current is not None:
            current.append(line)
    result = {}
    for question, lines in found.items():
        text = "\n".join(lines).strip()
        result[question] = "" if text == NO_RESPONSE else text
    return result


def _plain_id(text: str) -> str:
    """An id as somebody may have typed or pasted it."""
    text = text.strip().strip("`").strip()
    bracketed = BRACKETED_ID.search(text)
    if bracketed:
        return bracketed.group(1)
    if "#" in text:
        text = text.rsplit("#", 1)[1]
    return text.strip().strip("/").lower()


def choice(text: str, choices: dict[str, str]) -> str | None:
    """A dropdown answer (its words, or the id itself) → the id; None when it is neither."""
    wanted = text.strip().casefold()
    for key, words in choices.items():
        if wanted in (key.casefold(), words.casefold()):
            return key
    return None


@dataclass
class IssueForm:
    """What an issue said, as feedback fields, and which questions were left unanswered."""

    fields: dict[str, str] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)  # labels of required questions left empty
    unknown: list[str] = field(default_factory=list)  # answers that are none of the choices
    consent: bool = False
    recognised: bool = False  # False when the issue does not look like the form at all


def read_issue_form(body: str | None, settings: Settings) -> IssueForm:
    raw = answers(body or "")
    form = IssueForm(recognised=bool(raw))
    for question in (PROPOSAL, SECTION, FROM):
        value = _plain_id(raw.get(question.id, ""))
        if value:
            form.fields[question.id] = value
    for question, choices in ((GROUP, settings.groups), (STANCE, STANCE_CHOICES)):
        answer = raw.get(question.id, "")
        chosen = choice(answer, choices) if answer else None
        if chosen is not None:
            form.fields[question.id] = chosen
        elif answer:
            listed = "; ".join(choices.values())
            form.unknown.append(
                f"'{answer}' is not one of the answers to '{question.label}'; please choose"
                f" one of: {listed}."
            )
    text = raw.get(BODY.id, "")
    if text:
        form.fields[BODY.id] = text
    form.consent = any(TICKED.match(line) for line in raw.get(CONSENT.id, "").split("\n"))
    form.missing = [
        q.label
        for q in (PROPOSAL, GROUP, STANCE, BODY)
        if not raw.get(q.id, "") and not form.fields.get(q.id, "")
    ]
    return form
