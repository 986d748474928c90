"""Pydantic models of the data format (docs/format.md): teams and proposals (a feedback
file's model is in `feedback`).

The format is a public interface: fields are added, never renamed. Unknown fields are
errors (``extra="forbid"``) so that a typo never silently drops data. A file does not
repeat its own id; the loader sets ``id`` and ``path`` from the file's location.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    ModelWrapValidatorHandler,
    PrivateAttr,
    Tag,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from commonplan.fields import (
    ActionStatus,
    GitHubHandle,
    HttpUrl,
    InLanguages,
    IsoDate,
    Number,
    ProposalStatus,
    Role,
    Slug,
    TeamKind,
    Text,
    WholeNumber,
    YesNo,
)
from commonplan.language import SOURCE_LANGUAGE, say
from commonplan.vocabulary import (
    ACTION_STATUS,
    PROPOSAL_STATUS,
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


# A team's words that may be given in each language: `name: {en: …, cy: …}`.
IN_LANGUAGES = ("name", "description", "area")


class Team(Record):
    """An organisation, action team or community group: `teams/<id>.yml`."""

    name: InLanguages = Field(description="The team's name as people know it.")
    kind: TeamKind = Field(description=TEAM_KIND.choices)
    groups: list[Slug] = Field(min_length=1, description="Stakeholder groups this team speaks for.")
    description: InLanguages | None = Field(None, description="What the team is and does.")
    area: InLanguages | None = Field(None, description="Where the team works.")
    members: list[Member] = Field(
        default_factory=list, description="Member teams, and individuals who consented."
    )
    github: list[GitHubHandle] = Field(
        default_factory=list, description="GitHub handles allowed to act for this team."
    )
    contact: HttpUrl | None = Field(None, description="A web page to reach the team.")

    # Field → language → its words, for the words given as a mapping of languages.
    _in_languages: dict[str, dict[str, str]] = PrivateAttr(default_factory=dict)

    @model_validator(mode="wrap")
    @classmethod
    def _read_languages(
        cls, data: Any, handler: ModelWrapValidatorHandler[Team], info: ValidationInfo
    ) -> Team:
        """`name: {en: …, cy: …}` holds the default language's words (the loader says which
        language that is) and keeps the others beside them."""
        given: dict[str, dict[str, str]] = {}
        if isinstance(data, dict):
            default = (info.context or {}).get("default_language", SOURCE_LANGUAGE)
            data = dict(data)
            for field in IN_LANGUAGES:
                value = data.get(field)
                if isinstance(value, dict) and all(isinstance(v, str) for v in value.values()):
                    given[field] = {str(code): text for code, text in value.items()}
                    # Without the default language's words the mapping stays, and is reported.
                    data[field] = value.get(default, value)
        team = handler(data)
        team._in_languages = given
        return team

    @field_validator(*IN_LANGUAGES, mode="before")
    @classmethod
    def _default_language_given(cls, value: Any, info: ValidationInfo) -> Any:
        # Reached with a mapping only when it lacks the default language's words.
        if isinstance(value, dict):
            default = (info.context or {}).get("default_language", SOURCE_LANGUAGE)
            said = say(
                "give it in '{default}', the site's default language, too (`{default}: …`"
                " beside the others)",
                default=default,
            )
            raise PydanticCustomError("missing_language", str(said), {"said": said})
        return value

    def words(self, field: str, code: str) -> str | None:
        """Its ``field`` in language ``code``: as given in it, else the default language's."""
        given = self._in_languages.get(field, {}).get(code)
        return given if given is not None else getattr(self, field)

    @property
    def languages_given(self) -> dict[str, dict[str, str]]:
        return self._in_languages


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
