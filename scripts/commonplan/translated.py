"""The strategy in one of the site's languages: each proposal translated into it shows its
translation's words, and its headings keep the original's anchors, so that feedback on a
section, and every link to one, is the same in every language; the platform's default
groups and moderation reasons are in that language's words."""

from __future__ import annotations

import dataclasses

from commonplan.corpus import Corpus
from commonplan.language import language
from commonplan.model import Proposal, ProposalTranslation, Section


def in_language(corpus: Corpus, code: str) -> Corpus:
    """The corpus as the site shows it in ``code`` (the default language: as it is)."""
    if code == corpus.settings.languages[0]:
        return corpus
    proposals = {
        proposal_id: _translated(proposal, translation)
        if (translation := corpus.translations.get(proposal_id, {}).get(code))
        else proposal
        for proposal_id, proposal in corpus.proposals.items()
    }
    teams = {
        team_id: team.model_copy(update={f: team.words(f, code) for f in team.languages_given})
        if team.languages_given
        else team
        for team_id, team in corpus.teams.items()
    }
    settings = corpus.settings.in_language(language(code))
    return dataclasses.replace(corpus, settings=settings, proposals=proposals, teams=teams)


def is_translated(corpus: Corpus, proposal_id: str, code: str) -> bool:
    """Whether the site shows ``proposal_id`` in ``code`` in that language's own words."""
    return code == corpus.settings.languages[0] or code in corpus.translations.get(proposal_id, {})


def _translated(proposal: Proposal, translation: ProposalTranslation) -> Proposal:
    measures = []
    for measure in proposal.measures:
        words = translation.measures.get(measure.id)
        update = {} if words is None else {"name": words.name}
        if words is not None and words.unit is not None:
            update["unit"] = words.unit
        measures.append(measure.model_copy(update=update))
    shown = proposal.model_copy(
        update={
            "title": translation.title,
            "summary": translation.summary,
            "actions": [
                action.model_copy(
                    update={"title": translation.actions.get(action.id, action.title)}
                )
                for action in proposal.actions
            ],
            "measures": measures,
            "revisions": [
                revision.model_copy(
                    update={
                        "summary": translation.revisions.get(revision.version, revision.summary)
                    }
                )
                for revision in proposal.revisions
            ],
        }
    )
    # The headings match the original's one for one (validation made sure of it).
    sections = tuple(
        Section(original.anchor, mine.title, mine.level, mine.line)
        for original, mine in zip(proposal.sections, translation.sections, strict=True)
    )
    shown.locate(proposal.id, proposal.path)
    shown.attach_body(translation.body, translation.body_line, sections)
    return shown
