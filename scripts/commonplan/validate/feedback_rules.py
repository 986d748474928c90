"""The rules for one piece of feedback across files: its proposal and section, its team
and group, its dates, its consent and its answer."""

from __future__ import annotations

from commonplan.feedback import Feedback
from commonplan.language import say
from commonplan.validate.checker import Checker
from commonplan.words import suggest


def check_feedback(checker: Checker, item: Feedback) -> None:
    proposal = checker.corpus.proposals.get(item.proposal)
    if proposal is None and not checker.exists("proposal", item.proposal):
        checker.error(
            item,
            ("proposal",),
            "unknown-proposal",
            say(
                "'{proposal}' is not a proposal: no proposals/{proposal}.md{hint}",
                proposal=item.proposal,
                hint=suggest(item.proposal, checker.corpus.proposals),
            ),
        )
    elif proposal is not None and item.section is not None:
        anchors = [s.anchor for s in proposal.sections]
        if item.section not in anchors:
            checker.error(
                item,
                ("section",),
                "unknown-section",
                # Translators: {sections} is the proposal's section anchors, "a, b".
                say(
                    "'{section}' is not a section of '{proposal}'; its sections are:"
                    " {sections}{hint}",
                    section=item.section,
                    proposal=proposal.id,
                    sections=", ".join(anchors),
                    hint=suggest(item.section, anchors),
                )
                if anchors
                else say(
                    "'{section}' is not a section of '{proposal}'; its sections are: (none){hint}",
                    section=item.section,
                    proposal=proposal.id,
                    hint=suggest(item.section, anchors),
                ),
            )
    checker.team(item, ("from",), item.from_, "from")  # the field's name, in every language
    checker.group(item, ("group",), item.group)
    if item.from_ is None and item.group is None:
        checker.error(
            item,
            (),
            "missing-field",
            # Translators: keep 'group' and 'from' as they are (field names).
            say(
                "say who is speaking: give 'group' (their stakeholder group) or 'from' (a team id)"
            ),
        )
    checker.team(item, ("source", "recorded_by"), item.source.recorded_by, "recorded_by")
    if item.source.offline and item.source.recorded_by is None:
        checker.error(
            item,
            ("source",),
            "missing-field",
            # Translators: {kind} is how the feedback was given, as written ("meeting").
            say(
                "feedback given by {kind} needs 'recorded_by': the team that wrote it down",
                kind=item.source.kind,
            ),
        )
    if item.submitted > checker.corpus.today:
        checker.warning(
            item,
            ("submitted",),
            "future-date",
            say("submitted on {date}, in the future", date=item.submitted),
        )
    if proposal is not None and proposal.consultation is not None:
        window = proposal.consultation
        if not window.contains(item.submitted):
            checker.warning(
                item,
                ("submitted",),
                "outside-window",
                say(
                    "submitted {date}, outside the consultation ({opens} to {closes})",
                    date=item.submitted,
                    opens=window.opens,
                    closes=window.closes,
                ),
            )
    response = item.response
    if response is None:
        return
    checker.team(item, ("response", "by"), response.by, say("response by"))
    if response.date < item.submitted:
        checker.error(
            item,
            ("response", "date"),
            "response-before-submission",
            say(
                "the response ({date}) is dated before the feedback was given ({submitted})",
                date=response.date,
                submitted=item.submitted,
            ),
        )
    if response.revision is not None and proposal is not None:
        versions = [r.version for r in proposal.revisions]
        if response.revision not in versions:
            checker.error(
                item,
                ("response", "revision"),
                "unknown-revision",
                # Translators: {revisions} is the proposal's revision numbers, "1, 2".
                say(
                    "'{proposal}' has no revision {revision} (revisions: {revisions})",
                    proposal=proposal.id,
                    revision=response.revision,
                    revisions=", ".join(str(v) for v in versions),
                )
                if versions
                else say(
                    "'{proposal}' has no revision {revision} (revisions: none yet)",
                    proposal=proposal.id,
                    revision=response.revision,
                ),
            )
