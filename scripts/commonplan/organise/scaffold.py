"""New proposals, teams and feedback, started with helpful comments and checked first."""

from __future__ import annotations

from datetime import date
from typing import Any

from commonplan.fields import SLUG
from commonplan.intake.candidate import Candidate, check_candidate, last_number, readable_id
from commonplan.language import said_of, say
from commonplan.organise.edit import Edit, OrganiseError, checked, invalid, scalar
from commonplan.terms import UnknownWord
from commonplan.validate.pipeline import Validation
from commonplan.vocabulary import (
    PROPOSAL_STATUS,
    STARTER,
    TEAM_KIND,
    resolve_group,
    resolve_section,
    resolve_stance,
)
from commonplan.words import suggest


def _new_file(validation: Validation, folder: str, id_: str, suffix: str) -> str:
    if not SLUG.match(id_):
        raise OrganiseError(
            say(
                "'{value}' is not a valid id: use lowercase letters, digits and '-', for example"
                " 'carers-breaks'",
                value=id_,
            )
        )
    rel = f"{folder}/{id_}{suffix}"
    if (validation.corpus.root / rel).exists():
        raise OrganiseError(say("{file} already exists; choose another id", file=rel))
    return rel


def new_proposal(
    validation: Validation,
    proposal_id: str,
    *,
    title: str,
    owner: str,
    summary: str | None = None,
    invite: list[str] | None = None,
) -> Edit:
    corpus = validation.corpus
    rel = _new_file(validation, "proposals", proposal_id, ".md")
    if owner not in corpus.teams:
        # Translators: {hint} is " (did you mean 'x'?)" or nothing.
        hint = suggest(owner, corpus.teams)
        raise OrganiseError(say("--owner '{team}' is not a team{hint}", team=owner, hint=hint))
    groups = [_group(g, corpus.settings.groups) for g in invite or []]
    choices = " | ".join(corpus.settings.groups)
    text = f"""---
# A strategy draft. Change the fields below, then run `commonplan validate`.
title: {scalar(title)}
owner: {owner}  # the team that owns it: a file in teams/
status: draft  # {PROPOSAL_STATUS.choices}
summary: {scalar(summary or STARTER.summary)}
needs: []  # free tags, for example [respite, transport]
invite: [{", ".join(groups)}]  # groups whose voice is sought: {choices}
# To open it for comment, set status: consultation and add the dates:
# consultation: {{opens: YYYY-MM-DD, closes: YYYY-MM-DD}}
---
## Why this matters

{STARTER.why}

## What we propose

{STARTER.sections}
"""
    return checked(validation.corpus, "proposal", rel, text, created=True)


def new_team(
    validation: Validation,
    team_id: str,
    *,
    name: str,
    kind: str,
    groups: list[str],
    description: str | None = None,
) -> Edit:
    corpus = validation.corpus
    rel = _new_file(validation, "teams", team_id, ".yml")
    if kind not in TEAM_KIND.ids():
        kinds = ", ".join(TEAM_KIND.ids())
        raise OrganiseError(
            say("'{kind}' is not a kind of team; use one of: {kinds}", kind=kind, kinds=kinds)
        )
    if not groups:
        raise OrganiseError(say("say which stakeholder groups the team speaks for: --group carer"))
    resolved = [_group(g, corpus.settings.groups) for g in groups]
    choices = " | ".join(corpus.settings.groups)
    described = description or STARTER.team
    text = f"""# yaml-language-server: $schema=../schemas/team.schema.json
name: {scalar(name)}
kind: {kind}  # {TEAM_KIND.choices}
groups: [{", ".join(resolved)}]  # the groups it speaks for: {choices}
description: {scalar(described)}
# Optional fields: area (where it works), contact (a web page), github (handles allowed to
# act for the team), members (teams, or people who agreed to be named: consent: true).
"""
    return checked(validation.corpus, "team", rel, text, created=True)


def new_feedback(
    validation: Validation,
    feedback_id: str | None,
    *,
    proposal: str,
    text: str,
    stance: str,
    recorded_by: str,
    source_kind: str,
    day: date,
    section: str | None = None,
    group: str | None = None,
    from_team: str | None = None,
) -> Candidate:
    """A checked intake candidate for what somebody said, as an organiser gives it: the
    group, stance and section in any of their words; without an id, the proposal's next."""
    corpus = validation.corpus
    if feedback_id is None:
        if not SLUG.match(proposal):
            hint = suggest(proposal, corpus.proposals)
            raise OrganiseError(
                say("--proposal '{proposal}' is not a proposal{hint}", proposal=proposal, hint=hint)
            )
        feedback_id = readable_id(proposal, last_number(corpus, proposal) + 1)
    data: dict[str, Any] = {
        "proposal": proposal,
        "section": section,
        "group": group,
        "from": from_team,
        "stance": stance,
        "submitted": day,
        "source": {"kind": source_kind, "recorded_by": recorded_by},
        "body": text,
    }
    if not SLUG.match(feedback_id):
        raise OrganiseError(
            say(
                "'{value}' is not a valid id: use lowercase letters, digits and '-'",
                value=feedback_id,
            )
        )
    if feedback_id in corpus.feedback or next(
        corpus.root.glob(f"feedback/*/{feedback_id}.yml"), None
    ):
        raise OrganiseError(
            say("feedback '{feedback}' already exists; choose another id", feedback=feedback_id)
        )
    spoken_of = corpus.proposals.get(proposal)
    try:
        if group:
            data["group"] = resolve_group(group, corpus.settings.groups)
        data["stance"] = resolve_stance(stance)
        if spoken_of is not None and section:
            data["section"] = resolve_section(section, spoken_of)
    except UnknownWord as exc:
        # Translators: {problem} is what is wrong with a word ("'x' is not a stance; …").
        raise OrganiseError(say("{problem}; nothing was written", problem=said_of(exc))) from exc
    candidate = check_candidate(corpus, feedback_id, data)
    if not candidate.ok:
        raise OrganiseError(invalid(candidate.rel), candidate.diagnostics.errors)
    return candidate


def _group(text: str, groups: dict[str, str]) -> str:
    try:
        return resolve_group(text, groups)
    except UnknownWord as exc:
        raise OrganiseError(said_of(exc)) from exc
