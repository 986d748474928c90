"""The values of the data format's fields: ids, dates, words from the vocabularies, numbers
and languages, each checked as it is written (docs/format.md, "Rules for every file")."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any, Literal, get_args

from pydantic import BeforeValidator, Field, StrictBool, StrictFloat, StrictInt, WithJsonSchema
from pydantic_core import PydanticCustomError

from commonplan.language import say
from commonplan.vocabulary import (
    ACTION_STATUS,
    PROPOSAL_STATUS,
    RESPONSE_STATUS,
    SOURCE,
    STANCE,
    TEAM_KIND,
)

SLUG_PATTERN = r"^[a-z0-9][a-z0-9-]*$"  # for pydantic and JSON Schema: `$` ends the text
# Python's `$` also matches before a final newline ("warm-spaces\n"): ids are matched whole.
SLUG = re.compile(r"[a-z0-9][a-z0-9-]*\Z")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}\Z")

TeamKind = Literal["organisation", "action-team", "community-group"]
Role = Literal["lead", "member"]
ProposalStatus = Literal["draft", "consultation", "revised", "adopted", "withdrawn"]
ActionStatus = Literal["planned", "in-progress", "done", "stalled", "dropped"]
Stance = Literal["support", "concern", "objection", "idea", "question", "experience"]
SourceKind = Literal[
    "github-issue", "pull-request", "review-comment", "meeting", "paper", "email", "phone", "survey"
]
ResponseStatus = Literal["under-review", "accepted", "partly", "not-adopted"]

# Each Literal above is the type of a field; its words live in `vocabulary`, which must name
# exactly these values, in this order (checked here, so a mismatch cannot import).
for _literal, _vocabulary in (
    (Stance, STANCE),
    (ProposalStatus, PROPOSAL_STATUS),
    (ActionStatus, ACTION_STATUS),
    (ResponseStatus, RESPONSE_STATUS),
    (SourceKind, SOURCE),
    (TeamKind, TEAM_KIND),
):
    if get_args(_literal) != _vocabulary.ids():
        raise RuntimeError(f"vocabulary '{_vocabulary.name}' and the model disagree")
# Feedback gathered by a facilitator: somebody must say who recorded it.
OFFLINE_SOURCES = frozenset(SOURCE.ids(offline=True))
# A response with one of these statuses closes the conversation.
FINAL_RESPONSES = frozenset(t.id for t in RESPONSE_STATUS.terms if t.final)


def _iso_date(value: object) -> object:
    """Dates are written YYYY-MM-DD and must exist (no 2026-02-30). The error's context
    holds its words to be said later (`said`, its message in English), in the language of
    whoever reads them (`load.explain`)."""
    if isinstance(value, date):
        return value
    if isinstance(value, str) and ISO_DATE.match(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            # Translators: {value} is the date as written ("2026-02-30").
            said = say("{value} is not a real date", value=value)
            raise PydanticCustomError("impossible_date", "{said}", {"said": said}) from None
    written = value if isinstance(value, str) else repr(value)
    # Translators: {value} is what was written where a date belongs; keep YYYY-MM-DD.
    said = say(
        "'{value}' is not a date; write it as YYYY-MM-DD, for example 2026-11-02", value=written
    )
    raise PydanticCustomError("date_format", "{said}", {"said": said})


IsoDate = Annotated[date, BeforeValidator(_iso_date)]
Slug = Annotated[str, Field(pattern=SLUG_PATTERN)]
Text = Annotated[str, Field(min_length=1)]
GitHubHandle = Annotated[str, Field(pattern=r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$")]
HttpUrl = Annotated[str, Field(pattern=r"^https?://\S+$")]
# Numbers and true/false exactly as written: YAML's `true` is not the number 1, the text
# "yes" is not consent, and `.nan` or `.inf` is not a measured value.
WholeNumber = StrictInt
# A language as BCP 47 writes it: "cy", "en", "pt-BR".
LanguageCode = Annotated[str, Field(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")]
Number = Annotated[StrictFloat, Field(allow_inf_nan=False)]
YesNo = StrictBool
# Words a file may give in each of the site's languages: text (the default language's) or
# a mapping of language code to text (`name: {en: …, cy: …}`), read by `Team`. The schema
# says both, for editors.
InLanguages = Annotated[
    str,
    Field(min_length=1),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "minLength": 1},
                {"type": "object", "additionalProperties": {"type": "string", "minLength": 1}},
            ]
        }
    ),
]


def _given_in_the_first_language(value: Any) -> Any:
    # Reached with a mapping only when it lacks the first language's words.
    if isinstance(value, dict):
        words = say(
            "give it in the site's first language too (the first of `languages`), beside the others"
        )
        raise PydanticCustomError("missing_language", str(words), {"said": words})
    return value


# A label an option gives (a group's, a moderation reason's), in each language as
# `InLanguages` is, read by `config.Settings`.
Label = Annotated[InLanguages, BeforeValidator(_given_in_the_first_language)]
