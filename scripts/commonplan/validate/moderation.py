"""Moderation in the data: a hidden item names a reason the site knows and a team that may
hide (the plugin options `moderation_reasons` and `moderators`); a report names a reason."""

from __future__ import annotations

from typing import TYPE_CHECKING

from commonplan.config import CONFIG_FILE, OTHER_REPORT_REASON, option_position
from commonplan.feedback import Feedback
from commonplan.language import say
from commonplan.words import suggest

if TYPE_CHECKING:  # rules runs these checks, so it cannot be imported here at run time
    from commonplan.validate.checker import Checker

OTHER = OTHER_REPORT_REASON[0]


def check_moderators(checker: Checker) -> None:
    """Every team the plugin option `moderators` names exists."""
    corpus = checker.corpus
    for team_id in corpus.settings.moderators:
        if team_id not in corpus.teams and not checker.exists("team", team_id):
            checker.diagnostics.error(
                CONFIG_FILE,
                option_position(corpus.root, "moderators"),
                "unknown-team",
                say(
                    "moderator '{team}' is not a team: no teams/{team}.yml{hint}",
                    team=team_id,
                    hint=suggest(team_id, corpus.teams),
                ),
            )


def check_item_moderation(checker: Checker, item: Feedback) -> None:
    """A feedback item's reports and its hiding, against the site's reasons and moderators."""
    if not checker.options_read:
        return  # the reasons and moderators are not known
    settings = checker.corpus.settings
    reasons = [*settings.moderation_reasons, OTHER]
    for index, report in enumerate(item.reports):
        if report.reason not in reasons:
            checker.error(
                item,
                ("reports", index, "reason"),
                "bad-value",
                # Translators: {reasons} is the site's reasons as written, "spam, other".
                say(
                    "'{reason}' is not a reason to report; use one of: {reasons}{hint}",
                    reason=report.reason,
                    reasons=", ".join(reasons),
                    hint=suggest(report.reason, reasons),
                ),
            )
    moderation = item.moderation
    if moderation is None:
        return
    if moderation.reason not in settings.moderation_reasons:
        checker.error(
            item,
            ("moderation", "reason"),
            "bad-value",
            # Translators: {reasons} is the site's reasons as written, "spam, abuse".
            say(
                "'{reason}' is not a moderation reason; use one of: {reasons}{hint}",
                reason=moderation.reason,
                reasons=", ".join(settings.moderation_reasons),
                hint=suggest(moderation.reason, settings.moderation_reasons),
            ),
        )
    checker.team(item, ("moderation", "by"), moderation.by, say("moderation by"))
    if moderation.by in checker.corpus.teams and moderation.by not in settings.moderators:
        checker.error(
            item,
            ("moderation", "by"),
            "not-a-moderator",
            # Translators: keep `moderators` and mkdocs.yml as they are; {moderators} is
            # the team ids the option lists, "council, cvs".
            say(
                "team '{team}' is not one of the moderators (the plugin option `moderators`"
                " in mkdocs.yml: {moderators}); only they may hide feedback",
                team=moderation.by,
                moderators=", ".join(settings.moderators),
            )
            if settings.moderators
            else say(
                "team '{team}' is not one of the moderators (the plugin option `moderators`"
                " in mkdocs.yml: none yet); only they may hide feedback",
                team=moderation.by,
            ),
        )
