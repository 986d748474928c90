"""Reading an issue written with the feedback form back into feedback fields.

GitHub turns a submitted issue form into markdown: each question's label as a `### Label`
heading, the answer below it, `_No response_` for an empty answer and `- [X] ...` lines for
ticked boxes. Only the form's own labels start a section, so headings inside somebody's
text never split it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .config import Settings
from .forms import (
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


def _choice(text: str, choices: dict[str, str]) -> str:
    """A dropdown answer (its words, or the id itself) → the id; unknown words stay as they are."""
    wanted = text.strip().casefold()
    for key, words in choices.items():
        if wanted in (key.casefold(), words.casefold()):
            return key
    return text.strip()


@dataclass
class IssueForm:
    """What an issue said, as feedback fields, and which questions were left unanswered."""

    fields: dict[str, str] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)  # labels of required questions left empty
    consent: bool = False
    recognised: bool = False  # False when the issue does not look like the form at all


def read_issue_form(body: str | None, settings: Settings) -> IssueForm:
    raw = answers(body or "")
    form = IssueForm(recognised=bool(raw))
    for question in (PROPOSAL, SECTION, FROM):
        value = _plain_id(raw.get(question.id, ""))
        if value:
            form.fields[question.id] = value
    group = raw.get(GROUP.id, "")
    if group:
        form.fields[GROUP.id] = _choice(group, settings.groups)
    stance = raw.get(STANCE.id, "")
    if stance:
        form.fields[STANCE.id] = _choice(stance, STANCE_CHOICES)
    text = raw.get(BODY.id, "")
    if text:
        form.fields[BODY.id] = text
    form.consent = any(TICKED.match(line) for line in raw.get(CONSENT.id, "").split("\n"))
    form.missing = [
        q.label for q in (PROPOSAL, GROUP, STANCE, BODY) if not form.fields.get(q.id, "")
    ]
    return form
