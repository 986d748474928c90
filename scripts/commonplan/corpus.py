"""The validated, indexed whole: lookups by id, feedback by proposal, section and group."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path

from commonplan.config import Settings
from commonplan.feedback import Feedback
from commonplan.model import Proposal, ProposalTranslation, Team


@dataclass
class Corpus:
    """Every valid team, proposal and feedback item of one repository.

    Files with errors are left out, so everything here can be trusted by the renderer;
    ``validate`` reports what was left out and why.
    """

    root: Path
    settings: Settings
    # The day it was read as of: dates are judged against it (never against the clock
    # deep inside a rule), so one run judges every file by the same day.
    today: date
    teams: dict[str, Team] = field(default_factory=dict)
    proposals: dict[str, Proposal] = field(default_factory=dict)
    feedback: dict[str, Feedback] = field(default_factory=dict)
    # Proposal id → language → its translation (each one whose headings match the original's).
    translations: dict[str, dict[str, ProposalTranslation]] = field(default_factory=dict)

    @cached_property
    def feedback_by_proposal(self) -> dict[str, list[Feedback]]:
        """Feedback per proposal id, oldest first (then by id, for a stable order)."""
        index: dict[str, list[Feedback]] = defaultdict(list)
        for item in sorted(self.feedback.values(), key=lambda f: (f.submitted, f.id)):
            index[item.proposal].append(item)
        return dict(index)

    def feedback_on(self, proposal_id: str) -> list[Feedback]:
        return self.feedback_by_proposal.get(proposal_id, [])

    def feedback_by_section(self, proposal_id: str) -> dict[str | None, list[Feedback]]:
        """Feedback on one proposal per section anchor; None holds the general comments."""
        index: dict[str | None, list[Feedback]] = defaultdict(list)
        for item in self.feedback_on(proposal_id):
            index[item.section].append(item)
        return dict(index)

    def groups_of(self, item: Feedback) -> list[str]:
        """The stakeholder groups a piece of feedback speaks for.

        A speaker's own `group` wins; otherwise the groups of the team they spoke for.
        Withdrawn feedback speaks for nobody: its giver took it back, so it is no voice heard.
        """
        if item.withdrawn is not None:
            return []
        if item.group:
            return [item.group]
        team = self.teams.get(item.from_ or "")
        return list(team.groups) if team else []

    def group_label(self, group_id: str) -> str:
        return self.settings.groups.get(group_id, group_id)
