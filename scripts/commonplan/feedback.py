"""The model of a feedback file, `feedback/<proposal-id>/<id>.yml` (docs/format.md): what
was said, how it reached us, the owners' answer, and what moderation did to it."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from commonplan.fields import (
    FINAL_RESPONSES,
    OFFLINE_SOURCES,
    IsoDate,
    LanguageCode,
    ResponseStatus,
    Slug,
    SourceKind,
    Stance,
    Text,
    WholeNumber,
)
from commonplan.model import Record, Strict
from commonplan.vocabulary import RESPONSE_STATUS, SOURCE, STANCE


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
