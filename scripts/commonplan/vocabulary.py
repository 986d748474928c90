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

from commonplan.language import ENGLISH, Language, mark, say
from commonplan.terms import Term, UnknownWord, Vocabulary, normalise, resolve

if TYPE_CHECKING:
    from commonplan.model import Proposal


STANCE = Vocabulary(
    mark("vocabulary", "view"),
    (
        Term(
            "support",
            mark("view", "I support this"),
            "thumb-up-outline",
            badge=mark("view badge", "Support"),
            position=True,
        ),
        Term(
            "concern",
            mark("view", "I have a concern"),
            "alert-outline",
            badge=mark("view badge", "Concern"),
            position=True,
        ),
        Term(
            "objection",
            mark("view", "I object"),
            "hand-back-left-outline",
            badge=mark("view badge", "Objection"),
            form=mark("view form", "I object to this"),
            position=True,
        ),
        Term(
            "idea",
            mark("view", "I have an idea"),
            "lightbulb-outline",
            badge=mark("view badge", "Idea"),
        ),
        Term(
            "question",
            mark("view", "I have a question"),
            "help-circle-outline",
            badge=mark("view badge", "Question"),
        ),
        Term(
            "experience",
            mark("view", "From experience"),
            "hammer-wrench",
            badge=mark("view badge", "Experience from delivery"),
            form=mark("view form", "I want to share what happened in practice"),
        ),
    ),
)
PROPOSAL_STATUS = Vocabulary(
    mark("vocabulary", "proposal status"),
    (
        Term(
            "draft",
            mark("proposal status", "Draft"),
            "pencil-outline",
            heading=mark("proposal status heading", "Drafts"),
        ),
        Term(
            "consultation", mark("proposal status", "Consultation"), "comment-text-multiple-outline"
        ),
        Term(
            "revised",
            mark("proposal status", "Revised"),
            "file-replace-outline",
            heading=mark("proposal status heading", "Revised after listening"),
        ),
        Term("adopted", mark("proposal status", "Adopted"), "check-decagram-outline"),
        Term("withdrawn", mark("proposal status", "Withdrawn"), "close-circle-outline"),
    ),
)
ACTION_STATUS = Vocabulary(
    mark("vocabulary", "action status"),
    (
        Term("planned", mark("action status", "Planned"), "calendar-blank-outline"),
        Term("in-progress", mark("action status", "In progress"), "progress-wrench"),
        Term("done", mark("action status", "Done"), "check-circle-outline"),
        Term("stalled", mark("action status", "Stalled"), "pause-circle-outline"),
        Term("dropped", mark("action status", "Dropped"), "cancel"),
    ),
)
RESPONSE_STATUS = Vocabulary(
    mark("vocabulary", "response status"),
    (
        Term(
            "under-review",
            mark("response status", "Under review"),
            "timer-sand",
            phrase=mark("response status phrase", "is looking at it"),
        ),
        Term(
            "accepted",
            mark("response status", "Accepted"),
            "check-bold",
            phrase=mark("response status phrase", "accepted it"),
            final=True,
        ),
        Term(
            "partly",
            mark("response status", "Partly adopted"),
            "check",
            phrase=mark("response status phrase", "partly accepted it"),
            final=True,
        ),
        Term(
            "not-adopted",
            mark("response status", "Not adopted"),
            "close",
            phrase=mark("response status phrase", "decided not to adopt it"),
            final=True,
        ),
    ),
)
SOURCE = Vocabulary(
    mark("vocabulary", "source"),
    (
        Term(
            "github-issue",
            mark("source", "GitHub issue"),
            "github",
            phrase=mark("source phrase", "on GitHub (issue)"),
        ),
        Term(
            "pull-request",
            mark("source", "Pull request"),
            "github",
            phrase=mark("source phrase", "on GitHub (pull request)"),
        ),
        Term(
            "review-comment",
            mark("source", "Comment on the draft"),
            "github",
            phrase=mark("source phrase", "on GitHub (comment on the draft)"),
        ),
        Term(
            "meeting",
            mark("source", "Meeting"),
            "account-voice",
            phrase=mark("source phrase", "at a meeting"),
            offline=True,
        ),
        Term(
            "paper",
            mark("source", "Paper"),
            "account-voice",
            phrase=mark("source phrase", "on paper"),
            offline=True,
        ),
        Term(
            "email",
            mark("source", "E-mail"),
            "account-voice",
            phrase=mark("source phrase", "by e-mail"),
            offline=True,
        ),
        Term(
            "phone",
            mark("source", "Phone"),
            "account-voice",
            phrase=mark("source phrase", "by phone"),
            offline=True,
        ),
        Term(
            "survey",
            mark("source", "Survey"),
            "account-voice",
            phrase=mark("source phrase", "in a survey"),
            offline=True,
        ),
    ),
)
TEAM_KIND = Vocabulary(
    mark("vocabulary", "kind of team"),
    (
        Term(
            "organisation",
            mark("kind of team", "Organisation"),
            heading=mark("kind of team heading", "Organisations"),
        ),
        Term(
            "action-team",
            mark("kind of team", "Action team"),
            heading=mark("kind of team heading", "Action teams"),
        ),
        Term(
            "community-group",
            mark("kind of team", "Community group"),
            heading=mark("kind of team heading", "Community groups"),
        ),
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
# The template's header first; then what spreadsheets and form builders tend to call it,
# in English and then in Welsh.
HEADERS: dict[str, tuple[str, ...]] = {
    "proposal": (
        "proposal",
        "proposal id",
        "plan",
        "which plan",
        "strategy",
        "draft",
        *("cynnig", "pa gynnig", "cynllun", "strategaeth", "drafft"),
    ),
    "section": (
        "section",
        "which part",
        "part",
        "heading",
        "which section",
        "topic",
        *("adran", "pa ran", "rhan", "pennawd", "pwnc"),
    ),
    "group": (
        "group",
        "i am a",
        "stakeholder group",
        "speaker group",
        "who is speaking",
        *("grŵp", "grwp", "rwy'n", "grŵp rhanddeiliaid", "fel pwy", "pwy sy'n siarad"),
    ),
    "stance": (
        "stance",
        "my view",
        "view",
        "your view",
        "position",
        "type of feedback",
        *("safbwynt", "fy marn", "barn", "eich barn", "math o adborth"),
    ),
    "feedback": (
        "feedback",
        "your feedback",
        "comments",
        "comment",
        "what was said",
        "what they said",
        "response",
        "text",
        *("adborth", "eich adborth", "sylwadau", "sylw", "beth a ddywedwyd", "testun"),
    ),
    "team": (
        "team",
        "from",
        "from team",
        "on behalf of",
        "speaking for",
        *("tîm", "tim", "ar ran", "o'r tîm"),
    ),
    "date": (
        "date",
        "submitted",
        "when",
        "timestamp",
        "date given",
        "meeting date",
        *("dyddiad", "pryd", "dyddiad rhoi", "dyddiad y cyfarfod"),
    ),
}

# The "have your say by e-mail" contract: the site's mailto links fill these in (in the
# page's language) and `ingest-mail` reads them back (in any language the platform speaks).
MAIL_GROUP_KEY = mark("e-mail template", "I am a")
MAIL_VIEW_KEY = mark("e-mail template", "My view")


def mail_body_template(t: Language = ENGLISH) -> str:
    group = t.marked("e-mail template", MAIL_GROUP_KEY)
    view = t.marked("e-mail template", MAIL_VIEW_KEY)
    return f"{group}: …\n{view}: …\n\n"


MAIL_BODY_TEMPLATE = mail_body_template()


def mail_subject(proposal_id: str, section: str | None = None, t: Language = ENGLISH) -> str:
    """The subject of a "have your say by e-mail" message, naming proposal and section."""
    # Translators: an e-mail's subject; {proposal} is a proposal's id, kept as it is.
    subject = t("Feedback on {proposal}").format(proposal=proposal_id)
    return subject + (f" #{section}" if section else "")


REPORT_SUBJECT_START = "Report:"


def report_mail_subject(feedback_id: str) -> str:
    """The subject of a "report this by e-mail" message: `ingest-mail` leaves it for people."""
    return f"{REPORT_SUBJECT_START} {feedback_id}"


def is_blank(text: str | None) -> bool:
    """Empty, or a template's placeholder left as it was."""
    return text is None or normalise(text) in PLACEHOLDERS


def resolve_group(
    text: str, groups: Mapping[str, str], words: Mapping[str, tuple[str, ...]] | None = None
) -> str:
    """A configured stakeholder group by id or label (or by any of ``words``, its words in
    every language: `Settings.group_words`)."""
    choices = words or {g: (g, label) for g, label in groups.items()}
    return resolve(say("stakeholder group"), text, choices, listed=dict(groups))


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
    return resolve(say("section of '{proposal}'", proposal=proposal.id), text.lstrip("#"), choices)
