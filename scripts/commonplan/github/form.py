"""The GitHub issue form for feedback, made from the configuration and the proposals.

The form's question ids are the feedback field names, so an issue written with it reads
back (`issueform`) into the same fields a feedback file has. Groups, stances and proposals
come from the data, so the form never offers a choice that validation would refuse.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import yaml

from commonplan.corpus import Corpus
from commonplan.diagnostics import Severity
from commonplan.files import Generated

FORM_PATH = ".github/ISSUE_TEMPLATE/feedback.yml"
FORM_COMMAND = "commonplan forms"
FEEDBACK_LABEL = "feedback"


@dataclass(frozen=True)
class Question:
    id: str  # the feedback field it fills
    label: str  # the heading GitHub writes above the answer in the issue


PROPOSAL = Question("proposal", "Which proposal are you commenting on?")
SECTION = Question("section", "Which part of it? (optional)")
GROUP = Question("group", "Who are you speaking as?")
STANCE = Question("stance", "What kind of comment is it?")
BODY = Question("body", "What would you like to say?")
FROM = Question("from", "Are you speaking for a team? (optional)")
CONSENT = Question("consent", "Publishing your words")
QUESTIONS = (PROPOSAL, SECTION, GROUP, STANCE, BODY, FROM, CONSENT)

# The words people choose from; the issue holds these words, `issueform` maps them back.
STANCE_CHOICES: dict[str, str] = {
    "support": "I support this",
    "concern": "I have a concern",
    "objection": "I object to this",
    "idea": "I have an idea",
    "question": "I have a question",
    "experience": "I want to share what happened in practice",
}
CONSENT_CHOICE = (
    "I understand that what I write will be published on the strategy's website, and I have"
    " not included anyone's name, e-mail address or phone number"
)


def _proposal_list(corpus: Corpus) -> str:
    lines = [
        f"- `{p.id}`: {p.title}"
        for p in sorted(corpus.proposals.values(), key=lambda p: p.id)
        if p.status != "withdrawn"
    ]
    return "\n".join(lines)


def form_document(corpus: Corpus) -> dict[str, Any]:
    """The issue form as data, in GitHub's issue-form schema."""
    groups = corpus.settings.groups
    return {
        "name": "Have your say",
        "description": "Comment on a proposal in the strategy. Anyone can take part.",
        "title": "Feedback: ",
        "labels": [FEEDBACK_LABEL],
        "body": [
            {
                "type": "markdown",
                "attributes": {
                    "value": "Thank you for taking part. Your comment will be added to the"
                    " strategy's website, and the people who own the proposal will answer it"
                    " here.\n\nThe proposals you can comment on:\n\n" + _proposal_list(corpus),
                },
            },
            {
                "type": "input",
                "id": PROPOSAL.id,
                "attributes": {
                    "label": PROPOSAL.label,
                    "description": "Its short name from the list above, such as"
                    " `carers-breaks`. The 'Have your say' links on the website fill it in.",
                },
                "validations": {"required": True},
            },
            {
                "type": "input",
                "id": SECTION.id,
                "attributes": {
                    "label": SECTION.label,
                    "description": "The short name of a heading in the proposal, such as"
                    " `what-we-propose`. Leave it empty to comment on the whole proposal.",
                },
            },
            {
                "type": "dropdown",
                "id": GROUP.id,
                "attributes": {
                    "label": GROUP.label,
                    "description": "The group that best describes you.",
                    "options": list(groups.values()),
                },
                "validations": {"required": True},
            },
            {
                "type": "dropdown",
                "id": STANCE.id,
                "attributes": {"label": STANCE.label, "options": list(STANCE_CHOICES.values())},
                "validations": {"required": True},
            },
            {
                "type": "textarea",
                "id": BODY.id,
                "attributes": {
                    "label": BODY.label,
                    "description": "In your own words. Please leave out names, e-mail"
                    " addresses and phone numbers.",
                },
                "validations": {"required": True},
            },
            {
                "type": "input",
                "id": FROM.id,
                "attributes": {
                    "label": FROM.label,
                    "description": "Only if your team has listed your GitHub name: the team's"
                    " short name, such as `hollowmere-carers-network`. Otherwise leave it empty.",
                },
            },
            {
                "type": "checkboxes",
                "id": CONSENT.id,
                "attributes": {
                    "label": CONSENT.label,
                    "options": [{"label": CONSENT_CHOICE, "required": True}],
                },
            },
        ],
    }


def new_issue_url(repo: str, proposal: str, section: str | None = None) -> str:
    """A link that opens the form with the proposal (and section) already filled in."""
    query = {"template": FORM_PATH.rsplit("/", 1)[1], PROPOSAL.id: proposal}
    if section:
        query[SECTION.id] = section
    return f"https://github.com/{repo}/issues/new?{urlencode(query)}"


HEADER = (
    "# Made by `commonplan forms` from mkdocs.yml and proposals/; do not edit by hand.\n"
    "# `commonplan validate` reports this file when it falls behind the data.\n"
)


class _FormDumper(yaml.SafeDumper):
    """Writes text of several lines as a `|` block, the way people write the form by hand."""


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    return dumper.represent_scalar(
        "tag:yaml.org,2002:str", value, style="|" if "\n" in value else None
    )


_FormDumper.add_representer(str, _text)


def expected_form(corpus: Corpus) -> Generated:
    text = yaml.dump(
        form_document(corpus), Dumper=_FormDumper, sort_keys=False, allow_unicode=True, width=100
    )
    return Generated(FORM_PATH, HEADER + text, FORM_COMMAND, Severity.ERROR)
