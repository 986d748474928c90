"""Moderation in the data: a hidden item names a reason the site knows and a team that may
hide (the plugin options `moderation_reasons` and `moderators`)."""

from __future__ import annotations

from commonplan.validate.rules import Checker
from commonplan.words import suggest


def check_moderation(checker: Checker) -> None:
    settings = checker.corpus.settings
    for item in checker.corpus.feedback.values():
        moderation = item.moderation
        if moderation is None:
            continue
        if moderation.reason not in settings.moderation_reasons:
            checker.error(
                item,
                ("moderation", "reason"),
                "bad-value",
                f"'{moderation.reason}' is not a moderation reason; use one of:"
                f" {', '.join(settings.moderation_reasons)}"
                f"{suggest(moderation.reason, settings.moderation_reasons)}",
            )
        checker.team(item, ("moderation", "by"), moderation.by, "moderation by")
        if moderation.by in checker.corpus.teams and moderation.by not in settings.moderators:
            named = ", ".join(settings.moderators) or "none yet"
            checker.error(
                item,
                ("moderation", "by"),
                "not-a-moderator",
                f"team '{moderation.by}' is not one of the moderators (the plugin option"
                f" `moderators` in mkdocs.yml: {named}); only they may hide feedback",
            )
