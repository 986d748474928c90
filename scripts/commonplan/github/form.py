"""The GitHub issue form for feedback, and its reader: one contract, in one module.

The form is made from the configuration and the proposals; its question ids are the
feedback field names, so an issue written with it reads back (`read_issue_form`) into the
same fields a feedback file has. Groups, stances and proposals come from the data, so the
form never offers a choice that validation would refuse.

GitHub turns a submitted issue form into markdown: each question's label as a `### Label`
heading, the answer below it, `_No response_` for an empty answer and `- [X] ...` lines for
ticked boxes. Only the form's own labels start a section, so headings inside somebody's
text never split it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from commonplan import vocabulary
from commonplan.config import Settings
from commonplan.corpus import Corpus
from commonplan.files import Generated
from commonplan.github.form_files import in_every_language
from commonplan.github.labels import FEEDBACK_LABEL
from commonplan.language import ENGLISH, Language, language, mark, spoken_languages
from commonplan.terms import UnknownWord
from commonplan.urls import ISSUE_FORM_FILE, issue_form_file
from commonplan.vocabulary import resolve_group, resolve_stance

FORM_PATH = f".github/ISSUE_TEMPLATE/{ISSUE_FORM_FILE}"  # the default language's


@dataclass(frozen=True)
class Question:
    id: str  # the feedback field it fills
    label: str  # the heading GitHub writes above the answer in the issue


QUESTION = "issue form question"  # the context the questions are translated in
PROPOSAL = Question(
    "proposal", mark("issue form question", "Which proposal are you commenting on?")
)
SECTION = Question("section", mark("issue form question", "Which part of it? (optional)"))
GROUP = Question("group", mark("issue form question", "Who are you speaking as?"))
STANCE = Question("stance", mark("issue form question", "What kind of comment is it?"))
BODY = Question("body", mark("issue form question", "What would you like to say?"))
FROM = Question("from", mark("issue form question", "Are you speaking for a team? (optional)"))
CONSENT = Question("consent", mark("issue form question", "Publishing your words"))
# Asked only with the site option `ask_language_effects` (the Welsh Language Standards).
LANGUAGE_EFFECTS = Question(
    "language_effects",
    mark("issue form question", "What effects would this have on the Welsh language? (optional)"),
)
QUESTIONS = (PROPOSAL, SECTION, GROUP, STANCE, BODY, LANGUAGE_EFFECTS, FROM, CONSENT)

# The words the stance dropdown offers; the issue holds these words, `read_issue_form` maps
# them back.
STANCE_OPTIONS: dict[str, str] = {term.id: term.form_label for term in vocabulary.STANCE.terms}
CONSENT_CHOICE = mark(
    "issue form",
    "I understand that what I write will be published on the strategy's website, and I have"
    " not included anyone's name, e-mail address or phone number",
)


def in_language(questions: tuple[Question, ...], t: Language) -> tuple[Question, ...]:
    return tuple(Question(q.id, t.marked(QUESTION, q.label)) for q in questions)


def every_language(questions: tuple[Question, ...]) -> tuple[Question, ...]:
    """A form's questions as any language the platform speaks asks them: an issue is read
    back whichever language's form it was written with."""
    asked = [questions, *(in_language(questions, language(c)) for c in spoken_languages())]
    return tuple(dict.fromkeys(q for each in asked for q in each))


def _proposal_list(corpus: Corpus) -> str:
    lines = [
        f"- `{p.id}`: {p.title}"
        for p in sorted(corpus.proposals.values(), key=lambda p: p.id)
        if p.status != "withdrawn"
    ]
    return "\n".join(lines)


def form_document(corpus: Corpus, t: Language = ENGLISH) -> dict[str, Any]:
    """The issue form as data, in GitHub's issue-form schema, in ``t``'s language."""
    groups = corpus.settings.in_language(t).groups
    # Examples from this strategy's own data, so the form never names another's.
    proposals = sorted(corpus.proposals.values(), key=lambda p: p.id)
    example_proposal = proposals[0].id if proposals else "our-plan"
    sections = [s.anchor for p in proposals for s in p.sections]
    example_section = sections[1] if len(sections) > 1 else (sections or ["what-we-propose"])[0]
    speakers = sorted(corpus.teams.values(), key=lambda team: (not team.github, team.id))
    example_team = speakers[0].id if speakers else "our-team"
    questions = {q.id: q.label for q in in_language(QUESTIONS, t)}
    thanks = t(
        "Thank you for taking part. Your comment will be added to the strategy's website, and"
        " the people who own the proposal will answer it here."
    )
    listed = t("The proposals you can comment on:")
    # Translators: {example} is a proposal's short name, such as `warm-spaces`.
    proposal_help = t(
        "Its short name from the list above, such as `{example}`. The 'Have your say' links"
        " on the website fill it in."
    )
    # Translators: {example} is a heading's short name, such as `what-we-propose`.
    section_help = t(
        "The short name of a heading in the proposal, such as `{example}`. Leave it empty to"
        " comment on the whole proposal."
    )
    # Translators: {example} is a team's short name, such as `warm-spaces-team`.
    team_help = t(
        "Only if your team has listed your GitHub name: the team's short name, such as"
        " `{example}`. Otherwise leave it empty."
    )
    stances = vocabulary.STANCE.in_language(t)
    body_help = t("In your own words. Please leave out names, e-mail addresses and phone numbers.")
    ask = partial(_asked, questions)
    return {
        "name": t.p("issue form", "Have your say"),
        "description": t("Comment on a proposal in the strategy. Anyone can take part."),
        # Translators: the start of a new issue's title; the person writes the rest.
        "title": t("Feedback: "),
        "labels": [FEEDBACK_LABEL],
        "body": [
            {
                "type": "markdown",
                "attributes": {
                    "value": f"{thanks}\n\n{listed}\n\n" + _proposal_list(corpus),
                },
            },
            ask(
                "input", PROPOSAL, True, description=proposal_help.format(example=example_proposal)
            ),
            ask("input", SECTION, description=section_help.format(example=example_section)),
            ask(
                "dropdown",
                GROUP,
                True,
                description=t("The group that best describes you."),
                options=list(groups.values()),
            ),
            ask("dropdown", STANCE, True, options=[term.form_label for term in stances.terms]),
            ask("textarea", BODY, True, description=body_help),
            *_language_effects(corpus, t, ask),
            ask("input", FROM, description=team_help.format(example=example_team)),
            ask(
                "checkboxes",
                CONSENT,
                options=[{"label": t.marked("issue form", CONSENT_CHOICE), "required": True}],
            ),
        ],
    }


def _asked(
    questions: dict[str, str],
    kind: str,
    question: Question,
    required: bool = False,
    **attributes: Any,
) -> dict[str, Any]:
    """One question of the form, labelled in the form's language (``questions``)."""
    asked: dict[str, Any] = {
        "type": kind,
        "id": question.id,
        "attributes": {"label": questions[question.id]},
    }
    asked["attributes"].update(attributes)
    if required:
        asked["validations"] = {"required": True}
    return asked


def _language_effects(
    corpus: Corpus, t: Language, ask: Callable[..., dict[str, Any]]
) -> list[dict[str, Any]]:
    """The question on the proposal's effects on the Welsh language, when the site asks it."""
    if not corpus.settings.ask_language_effects:
        return []
    about = t(
        "For example: would it make it easier or harder for people to use Welsh, or treat"
        " Welsh less favourably than English? Leave it empty if you have nothing to add."
    )
    return [ask("textarea", LANGUAGE_EFFECTS, description=about)]


HEADER = (
    "# Made by `commonplan forms` from mkdocs.yml and proposals/; do not edit by hand.\n"
    "# `commonplan validate` reports this file when it falls behind the data.\n"
)


def expected_forms(corpus: Corpus) -> list[Generated]:
    """The feedback form in each of the site's languages (`feedback.yml`, `feedback.cy.yml`)."""
    return in_every_language(
        corpus, issue_form_file, form_document, HEADER, 'the site\'s "have your say" links'
    )


# --- Reading an issue written with the form back -------------------------------------------

# Issue text is anyone's: it is read with patterns that cannot backtrack (possessive
# quantifiers, no two of them over the same characters) and string operations, so that its
# reading takes time in proportion to its length, whatever it holds (a line of 60,000
# spaces once took seconds). GitHub keeps an issue body to 65,536 characters; a longer one
# is answered as too long, never read.
MAX_BODY_CHARS = 65_536
NO_RESPONSE = "_No response_"
BLANKS = " \t"


def _any_case(label: str) -> str:
    """A pattern for ``label`` in any case (`[wW][hH]…`: cheaper than re.IGNORECASE)."""
    return "".join(f"[{c.lower()}{c.upper()}]" if c.isalpha() else re.escape(c) for c in label)


def label_headings(questions: tuple[Question, ...]) -> re.Pattern[str]:
    """Only a form's own labels start a section: the lines that are one, found in one pass."""
    return re.compile(
        r"^###[ \t]++(?:" + "|".join(_any_case(q.label) for q in questions) + r")[ \t]*+$",
        re.MULTILINE,
    )


ASKED = every_language(QUESTIONS)
LABEL_HEADING = label_headings(ASKED)
# `- [X] I understand …` (or `*`, `[x]`): a ticked box with a label.
TICKED = re.compile(r"^[ \t]*+[-*][ \t]++\[[xX]\][ \t][^\n]*?[^ \t\n]", re.MULTILINE)
# "Title (carers-breaks)", "`carers-breaks`", a link ending in "#anchor": the id inside.
BRACKETED_ID = re.compile(r"\(([a-z0-9][a-z0-9-]*)\)\s*$")
SHOWN_CHARS = 200  # of an answer quoted back in a problem


def heading_text(line: str) -> str | None:
    """The words of a `### Heading` line (spaces and tabs around them dropped); None for any
    other line."""
    if not line.startswith(("### ", "###\t")):
        return None
    return line[3:].strip(BLANKS)


def is_ticked(line: str) -> bool:
    """Whether a line is a ticked box with a label."""
    return TICKED.match(line) is not None


def shortened(answer: str) -> str:
    """An answer as quoted back to its writer in a problem: a long one is cut short."""
    return answer if len(answer) <= SHOWN_CHARS else answer[:SHOWN_CHARS].rstrip() + "…"


def form_language(body: str, settings: Settings, asked: tuple[Question, ...] = QUESTIONS) -> str:
    """The site's language whose questions head most sections of ``body`` (ties: the default)."""
    heads = {heading_text(line) for line in body.casefold().splitlines()}
    return max(
        settings.languages,
        key=lambda c: sum(language(c).marked(QUESTION, q.label).casefold() in heads for q in asked),
    )


def answers(
    body: str,
    questions: tuple[Question, ...] = ASKED,
    headings_of: re.Pattern[str] = LABEL_HEADING,
) -> dict[str, str]:
    """Question id → the answer's text ('' when left empty) for every question present: the
    lines under each of its headings, up to the next of the form's headings (``headings_of``
    finds them: `label_headings(questions)`)."""
    by_label = {q.label.casefold(): q.id for q in questions}
    text = body.replace("\r\n", "\n") if "\r" in body else body
    headings = [
        (match.start(), match.end(), by_label[label])
        for match in headings_of.finditer(text)
        if (label := (heading_text(match.group()) or "").casefold()) in by_label
    ]
    found: dict[str, list[str]] = {}
    for index, (_, end, question) in enumerate(headings):
        parts = found.setdefault(question, [])
        below = headings[index + 1][0] if index + 1 < len(headings) else len(text) + 1
        if end < len(text) and below > end + 1:  # text[end] is the heading line's "\n"
            parts.append(text[end + 1 : below - 1])
    result = {}
    for question, parts in found.items():
        answer = "\n".join(parts).strip()
        result[question] = "" if answer == NO_RESPONSE else answer
    return result


def plain_id(text: str) -> str:
    """An id as somebody may have typed or pasted it."""
    text = text.strip().strip("`").strip()
    bracketed = BRACKETED_ID.search(text)
    if bracketed:
        return bracketed.group(1)
    if "#" in text:
        text = text.rsplit("#", 1)[1]
    return text.strip().strip("/").lower()


def group_chosen(text: str, settings: Settings) -> str | None:
    """A group as answered (its label, or the id itself) → the id; None when it is neither."""
    with suppress(UnknownWord):
        return resolve_group(text, settings.groups, settings.group_words())
    return None


def stance_chosen(text: str) -> str | None:
    """A stance as answered (any of its words: the form's, the pack's, the badge's) → its
    id, as every other intake route reads it; None when it names no stance."""
    with suppress(UnknownWord):
        return resolve_stance(text)
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
        value = plain_id(raw.get(question.id, ""))
        if value:
            form.fields[question.id] = value
    readers = (
        (GROUP, partial(group_chosen, settings=settings), settings.groups),
        (STANCE, stance_chosen, STANCE_OPTIONS),
    )
    for question, read, choices in readers:
        answer = raw.get(question.id, "")
        chosen = read(answer) if answer else None
        if chosen is not None:
            form.fields[question.id] = chosen
        elif answer:
            listed = "; ".join(choices.values())
            form.unknown.append(
                f"'{shortened(answer)}' is not one of the answers to '{question.label}';"
                f" please choose one of: {listed}."
            )
    for question in (BODY, LANGUAGE_EFFECTS):
        text = raw.get(question.id, "")
        if text:
            form.fields[question.id] = text
    form.consent = TICKED.search(raw.get(CONSENT.id, "")) is not None
    form.missing = [
        q.label
        for q in (PROPOSAL, GROUP, STANCE, BODY)
        if not raw.get(q.id, "") and not form.fields.get(q.id, "")
    ]
    return form
