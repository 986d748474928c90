"""Feedback the moderators hid, or its giver withdrew: its words are published nowhere.

The site is rendered from a copy of the corpus in which such an item's words are replaced
by what happened to it, in plain words, before any page, feed, search index or open data
file is made: one place, so no page can show them by forgetting to look.
"""

from __future__ import annotations

import dataclasses

from commonplan.corpus import Corpus
from commonplan.feedback import Feedback
from commonplan.language import Language


def in_its_place(item: Feedback, corpus: Corpus, t: Language) -> str:
    """What the site says where a hidden or withdrawn item's words were."""
    if item.withdrawn is not None:
        return t("Withdrawn at the request of the person who gave it.")
    assert item.moderation is not None
    moderation = item.moderation
    reason = corpus.settings.moderation_reasons.get(moderation.reason, moderation.reason)
    said = t("Hidden by the moderators ({reason}, {day}).")
    said = said.format(reason=reason, day=t.day(moderation.date))
    return f"{said} {moderation.note}" if moderation.note else said


def published(corpus: Corpus, t: Language) -> Corpus:
    """The corpus as the site may show it: taken-down items keep their place, not words."""
    if not any(item.taken_down for item in corpus.feedback.values()):
        return corpus
    feedback = {
        feedback_id: _in_place(item, corpus, t) if item.taken_down else item
        for feedback_id, item in corpus.feedback.items()
    }
    return dataclasses.replace(corpus, feedback=feedback)


def _in_place(item: Feedback, corpus: Corpus, t: Language) -> Feedback:
    """Every field that holds the speaker's words: what happened instead, or nothing."""
    said = in_its_place(item, corpus, t)
    update: dict[str, object] = {"body": said, "translation": None}
    if item.language_effects:
        update["language_effects"] = said
    return item.model_copy(update=update)
