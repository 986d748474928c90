"""Pydantic models of the data format (docs/format.md): teams, proposals and feedback.

The format is a public interface: fields are added, never renamed. Unknown fields are
errors (``extra="forbid"``) so that a typo never silently drops data. A file does not
repeat its own id; the loader sets ``id`` and ``path`` from the file's location.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    PrivateAttr,
    Tag,
)

from commonplan.fields import (
    FINAL_RESPONSES,
    OFFLINE_SOURCES,
    ActionStatus,
    GitHubHandle,
    HttpUrl,
    IsoDate,
    LanguageCode,
    Number,
    ProposalStatus,
    ResponseStatus,
    Role,
    Slug,
    SourceKind,
    Stance,
    TeamKind,
    Text,
    WholeNumber,
    YesNo,
)
from commonplan.vocabulary import (
    ACTION_STATUS,
    PROPOSAL_STATUS,
    RESPONSE_STATUS,
    SOURCE,
    STANCE,
    TEAM_KIND,
)


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=False, frozen=False)


class Record(Strict):
    """A file's content; ``id`` and ``path`` come from where the file is."""

    _id: str = PrivateAttr(default="")
    _path: str = PrivateAttr(default="")

    # Read straight from pydantic's private store: going through its __getattr__ fallback
    # costs microseconds per call, and every check reads ids and paths of every record.
    @property
    def id(self) -> str:
        return str((self.__pydantic_private__ or {}).get("_id", ""))

    @property
    def path(self) -> str:
        return str((self.__pydantic_private__ or {}).get("_path", ""))

    def locate(self, id_: str, path: str) -> None:
        self._id = id_
        self._path = path


# --- Team ----------------------------------------------------------------------------------


class TeamMember(Strict):
    """Another team that belongs to this one (a cross-organisation action team's members)."""

    team: Slug = Field(description="Team id of the member.")
    role: Role = Field("member", description="lead | member")


class PersonMember(Strict):
    """An individual. Published only with their consent."""

    name: Text = Field(description="The person's name, as they agreed to have it shown.")
    group: Slug = Field(description="The stakeholder group they belong to.")
    consent: YesNo = Field(False, description="Must be true: the person agreed to be named.")
    role: Role = Field("member", description="lead | member")


def _member_kind(value: Any) -> str:
    if isinstance(value, dict):
        return "team" if "team" in value else "person"
    return "team" if isinstance(value, TeamMember) else "person"


Member = Annotated[
    Annotated[TeamMember, Tag("team")] | Annotated[PersonMember, Tag("person")],
    Discriminator(_member_kind),
]


class Team(Record):
    """An organisation, action team or community group: `teams/<id>.yml`."""

    name: Text = Field(description="The team's name as people know it.")
    kind: TeamKind = Field(description=TEAM_KIND.choices)
    groups: list[Slug] = Field(min_length=1, description="Stakeholder groups this team speaks for.")
    description: str | None = Field(None, description="What the team is and does.")
    area: str | None = Field(None, description="Where the team works.")
    members: list[Member] = Field(
        default_factory=list, description="Member teams, and individuals who consented."
    )
    github: list[GitHubHandle] = Field(
        default_factory=list, description="GitHub handles allowed to act for this team."
    )
    contact: HttpUrl | None = Field(None, description="A web page to reach the team.")


# --- Proposal ------------------------------------------------------------------------------


class Window(Strict):
    opens: IsoDate = Field(description="First day feedback is invited.")
    closes: IsoDate = Field(description="Last day feedback is invited.")

    def contains(self, day: date) -> bool:
        return self.opens <= day <= self.closes


class Revision(Strict):
    version: WholeNumber = Field(ge=1, description="Revision number; the first draft is version 1.")
    date: IsoDate = Field(description="When this version was published.")
    summary: Text = Field(description="What changed, in plain words.")
    responds_to: list[Slug] = Field(
        default_factory=list, description="Ids of the feedback this revision answers."
    )


class WithheldVersion(Strict):
    version: WholeNumber = Field(ge=1, description="The earlier version kept off the history page.")
    reason: Text = Field(description="Why, in plain words; the page shows it in its place.")


class Action(Strict):
    id: Slug = Field(description="Unique within the proposal.")
    title: Text = Field(description="A small, concrete thing to do.")
    owner: Slug = Field(description="Team id responsible for it.")
    due: IsoDate | None = Field(None, description="When it should be done.")
    status: ActionStatus = Field("planned", description=ACTION_STATUS.choices)
    done: IsoDate | None = Field(None, description="The day it was done.")


class Reading(Strict):
    date: IsoDate
    value: Number


class Measure(Strict):
    id: Slug = Field(description="Unique within the proposal.")
    name: Text = Field(description="What is measured, in plain words.")
    unit: str = Field("", description="Unit of the values, e.g. people, %, days.")
    baseline: Number = Field(description="Value before the work started.")
    target: Number = Field(description="Value the work aims for.")
    history: list[Reading] = Field(default_factory=list, description="Dated values, oldest first.")

    @property
    def latest(self) -> Reading | None:
        return self.history[-1] if self.history else None

    @property
    def progress(self) -> float | None:
        """Share of the way from baseline to target (0.0–1.0, may overshoot), or None."""
        latest = self.latest
        if latest is None or self.target == self.baseline:
            return None
        return (latest.value - self.baseline) / (self.target - self.baseline)


@dataclass(frozen=True)
class Section:
    """A heading of a proposal's body; feedback names it by its anchor."""

    anchor: str
    title: str
    level: int
    line: int  # 1-based line in the proposal file


class WithBody(Record):
    """A file of front matter and Markdown text: the text and its headings are kept beside
    the fields."""

    _body: str = PrivateAttr(default="")
    _body_line: int = PrivateAttr(default=1)
    _sections: tuple[Section, ...] = PrivateAttr(default=())

    @property
    def body(self) -> str:
        return self._body

    @property
    def body_line(self) -> int:
        """1-based line of the file where the body starts."""
        return self._body_line

    @property
    def sections(self) -> tuple[Section, ...]:
        return self._sections

    def attach_body(self, body: str, body_line: int, sections: tuple[Section, ...]) -> None:
        self._body, self._body_line, self._sections = body, body_line, sections


class Proposal(WithBody):
    """A strategy draft: front matter of `proposals/<id>.md`; the body is kept beside it."""

    title: Text = Field(description="The proposal's title.")
    owner: Slug = Field(description="Team id of the organisation or team that owns it.")
    status: ProposalStatus = Field(description=PROPOSAL_STATUS.choices)
    summary: Text = Field(description="A short, plain-language summary.")
    needs: list[str] = Field(default_factory=list, description="Free tags.")
    invite: list[Slug] = Field(
        default_factory=list, description="Stakeholder groups whose voice is sought."
    )
    consultation: Window | None = Field(None, description="When feedback is invited.")
    revisions: list[Revision] = Field(default_factory=list, description="Published revisions.")
    history_withheld: list[WithheldVersion] = Field(
        default_factory=list,
        description="Earlier versions whose text the history page does not show (it held"
        " personal data, say), each with the reason shown instead.",
    )
    actions: list[Action] = Field(default_factory=list, description="What will be done.")
    measures: list[Measure] = Field(default_factory=list, description="How success is measured.")

    @property
    def version(self) -> int:
        return max((r.version for r in self.revisions), default=1)

    def withheld(self, version: int) -> str | None:
        """Why the history page does not show ``version``'s text (None: it shows it)."""
        return next((w.reason for w in self.history_withheld if w.version == version), None)

    def is_open(self, day: date) -> bool:
        return (
            self.status == "consultation"
            and self.consultation is not None
            and self.consultation.contains(day)
        )


class MeasureWords(Strict):
    name: Text = Field(description="The measure's name in this language.")
    unit: str | None = Field(None, description="Its unit in this language (as the original's).")


class ProposalTranslation(WithBody):
    """A proposal in another language: `proposals/<id>.<language>.md`. Its text has the same
    headings as the original's, in the same order, each shown at the original's anchor."""

    title: Text = Field(description="The title in this language.")
    summary: Text = Field(description="The summary in this language.")
    actions: dict[Slug, Text] = Field(
        default_factory=dict, description="Action id → its title in this language."
    )
    measures: dict[Slug, MeasureWords] = Field(
        default_factory=dict, description="Measure id → its name (and unit) in this language."
    )
    revisions: dict[WholeNumber, Text] = Field(
        default_factory=dict, description="Version → its summary in this language."
    )

    @property
    def proposal(self) -> str:
        """The id of the proposal it translates."""
        return self.id.rpartition(".")[0]

    @property
    def language(self) -> str:
        return self.id.rpartition(".")[2]


# --- Feedback ------------------------------------------------------------------------------


class Source(Strict):
    kind: SourceKind = Field(description=SOURCE.choices)
    ref: str | None = Field(None, description="A link or reference, e.g. the issue's URL.")
    recorded_by: Slug | None = Field(
        None, description="Team that recorded it (required for offline sources)."
    )

    @property
    def offline(self) -> bool:
        return self.kind in OFFLINE_SOURCES


class Response(Strict):
    status: ResponseStatus = Field(description=RESPONSE_STATUS.choices)
    by: Slug = Field(description="Team id that answered.")
    date: IsoDate = Field(description="When the answer was given.")
    text: Text = Field(description="The answer, in plain words.")
    revision: WholeNumber | None = Field(None, description="The proposal revision that answers it.")
    translations: dict[LanguageCode, Text] = Field(
        default_factory=dict, description="The answer in other languages: language → text."
    )

    @property
    def final(self) -> bool:
        return self.status in FINAL_RESPONSES


class Moderation(Strict):
    status: Literal["hidden"] = Field(description="What the moderators did: `hidden`.")
    reason: Slug = Field(description="Why: an id of the plugin option `moderation_reasons`.")
    by: Slug = Field(description="Team id of the moderators who hid it.")
    date: IsoDate = Field(description="When it was hidden.")
    note: Text | None = Field(None, description="A published word of explanation (optional).")


class Withdrawal(Strict):
    date: IsoDate = Field(description="When the person who gave it asked for it to go.")


class FeedbackTranslation(Strict):
    language: LanguageCode = Field(description="The language it is translated into.")
    text: Text = Field(description="The translation.")
    by: Slug | None = Field(None, description="Team id of who translated it.")
    machine: bool = Field(False, description="Whether a machine translated it.")


class Report(Strict):
    date: IsoDate = Field(description="When someone reported it to the moderators.")
    reason: Slug = Field(
        description="Why, as they said: an id of `moderation_reasons`, or `other`."
    )
    ref: str | None = Field(None, description="A link or reference, e.g. the report's issue.")


class Feedback(Record):
    """One piece of feedback on one proposal: `feedback/<proposal-id>/<id>.yml`."""

    proposal: Slug = Field(description="Id of the proposal; must match the folder.")
    section: str | None = Field(None, description="Heading anchor of that proposal.")
    from_: Slug | None = Field(None, alias="from", description="Team id of the speaker's team.")
    group: Slug | None = Field(None, description="The speaker's stakeholder group.")
    stance: Stance = Field(description=STANCE.choices)
    submitted: IsoDate = Field(description="When it was given.")
    source: Source = Field(description="How it reached us.")
    body: Text = Field(description="What was said.")
    language_effects: Text | None = Field(
        None,
        description="What the speaker said about the proposal's effects on the Welsh language.",
    )
    language: LanguageCode | None = Field(
        None, description="The language it was written in (the site's default when left out)."
    )
    translation: FeedbackTranslation | None = Field(
        None, description="A translation, shown labelled as one beside the words as written."
    )
    response: Response | None = Field(None, description="The owner's answer.")
    moderation: Moderation | None = Field(
        None, description="Hidden by the moderators: its words are published nowhere."
    )
    withdrawn: Withdrawal | None = Field(
        None, description="Taken down at its giver's request: its words are published nowhere."
    )
    reports: list[Report] = Field(
        default_factory=list,
        description="Reports to the moderators (the words of a report are not kept).",
    )

    @property
    def taken_down(self) -> bool:
        """Its words are not to be published (hidden, or withdrawn)."""
        return self.moderation is not None or self.withdrawn is not None


KINDS: dict[str, type[Record]] = {
    "team": Team,
    "proposal": Proposal,
    "translation": ProposalTranslation,
    "feedback": Feedback,
}
