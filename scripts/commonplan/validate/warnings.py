"""Warnings from what the feedback adds up to (`insight`): voices missing before a
consultation closes, answers overdue, measures out of date. Never errors."""

from __future__ import annotations

from commonplan.insight import days_left, is_stale, missing_voices, waiting_for_answer
from commonplan.language import said_marked, say, say_n
from commonplan.validate.checker import Checker


def warn(checker: Checker) -> None:
    """Gaps worth acting on before they become failures: each a warning, never an error."""
    corpus = checker.corpus
    today = corpus.today
    for proposal, voice in missing_voices(corpus, today):
        checker.warning(
            proposal,
            ("invite", proposal.invite.index(voice.group)),
            "voice-missing",
            # Translators: {group} is a stakeholder group's name.
            say_n(
                "the consultation closes in {count} day and nobody from '{group}' has been"
                " heard yet",
                "the consultation closes in {count} days and nobody from '{group}' has been"
                " heard yet",
                days_left(proposal, today) or 0,  # a gap is always of an open consultation
                group=said_marked("stakeholder group", voice.label),
            ),
        )
    due = corpus.settings.response_due_days
    for owner, items in waiting_for_answer(corpus, today).items():
        for item, age in items:
            # Translators: {proposal} is a proposal's id, {owner} a team's id.
            about = say(
                "proposal {proposal}, owned by {owner}", proposal=item.proposal, owner=owner
            )
            checker.warning(
                item,
                ("submitted",),
                "answer-overdue",
                # Translators: keep 'under-review' as it is (a response's status).
                say(
                    "no answer after {age} days (answers are due within {due} days); add a"
                    " response, even 'under-review'",
                    age=age,
                    due=due,
                ),
                about,
            )
    stale_after = corpus.settings.stale_after_days
    for proposal in corpus.proposals.values():
        if proposal.status == "withdrawn":
            continue
        for index, measure in enumerate(proposal.measures):
            if not is_stale(measure, today, stale_after):
                continue
            latest = measure.latest
            checker.warning(
                proposal,
                ("measures", index, "history", len(measure.history) - 1, "date")
                if latest
                else ("measures", index),
                "measure-stale",
                say_n(
                    "measure '{id}' has no value newer than {count} day (latest: {date})",
                    "measure '{id}' has no value newer than {count} days (latest: {date})",
                    stale_after,
                    id=measure.id,
                    date=latest.date,
                )
                if latest
                else say_n(
                    "measure '{id}' has no value newer than {count} day (no values yet)",
                    "measure '{id}' has no value newer than {count} days (no values yet)",
                    stale_after,
                    id=measure.id,
                ),
            )
