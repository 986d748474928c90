"""What the feedback adds up to: voices heard and missing, common ground and division,
answers on time, and measures that can be trusted.

Pure functions over the Corpus, shared by the site (which shows them) and `validate`
(which warns about them), so the two never disagree.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date

from commonplan.corpus import Corpus
from commonplan.feedback import Feedback
from commonplan.model import Measure, Proposal
from commonplan.vocabulary import STANCE

MISSING_VOICE_DAYS = 14  # warn this many days before a consultation closes
COMMON_GROUND_GROUPS = 3  # groups that must all support for "common ground"
POSITIONS = frozenset(term.id for term in STANCE.terms if term.position)


# --- Voices heard --------------------------------------------------------------------------


@dataclass(frozen=True)
class Voice:
    """How one stakeholder group was heard on one proposal."""

    group: str
    label: str
    invited: bool
    count: int
    teams: int  # distinct teams that spoke for or recorded this group
    last_heard: date | None
    hidden: int = 0  # of ``count``, hidden by the moderators: counted, and said to be hidden

    @property
    def missing(self) -> bool:
        return self.invited and self.count == 0


def voices(corpus: Corpus, proposal: Proposal) -> list[Voice]:
    """Invited groups first (in the order invited), then every other group that spoke."""
    heard: dict[str, list[Feedback]] = defaultdict(list)
    for item in corpus.feedback_on(proposal.id):
        for group in corpus.groups_of(item):
            heard[group].append(item)
    order = list(dict.fromkeys([*proposal.invite, *sorted(heard)]))
    result = []
    for group in order:
        items = heard.get(group, [])
        teams = {t for item in items for t in (item.from_, item.source.recorded_by) if t}
        result.append(
            Voice(
                group=group,
                label=corpus.group_label(group),
                invited=group in proposal.invite,
                count=len(items),
                teams=len(teams),
                last_heard=max((item.submitted for item in items), default=None),
                hidden=sum(item.moderation is not None for item in items),
            )
        )
    return result


def coverage(corpus: Corpus) -> dict[str, dict[str, int]]:
    """Feedback count per proposal id, per group id (every configured group, zeros kept)."""
    table: dict[str, dict[str, int]] = {}
    for proposal_id in sorted(corpus.proposals):
        row = dict.fromkeys(corpus.settings.groups, 0)
        for item in corpus.feedback_on(proposal_id):
            for group in corpus.groups_of(item):
                row[group] = row.get(group, 0) + 1
        table[proposal_id] = row
    return table


def days_left(proposal: Proposal, today: date) -> int | None:
    """Days until an open consultation closes (0 on its last day), else None."""
    if not proposal.is_open(today) or proposal.consultation is None:
        return None
    return (proposal.consultation.closes - today).days


def missing_voices(corpus: Corpus, today: date) -> list[tuple[Proposal, Voice]]:
    """Invited groups not yet heard on consultations closing within two weeks."""
    gaps = []
    for proposal in corpus.proposals.values():
        left = days_left(proposal, today)
        if left is None or left > MISSING_VOICE_DAYS:
            continue
        gaps += [(proposal, voice) for voice in voices(corpus, proposal) if voice.missing]
    return sorted(gaps, key=lambda gap: (days_left(gap[0], today) or 0, gap[0].id))


# --- Common ground and division ------------------------------------------------------------


@dataclass(frozen=True)
class SectionStances:
    """Stances on one section (None: the proposal as a whole), counted per group."""

    section: str | None
    by_group: dict[str, Counter[str]]

    def majority(self, group: str) -> str | None:
        """The group's most common stance; None when two stances tie."""
        ranked = self.by_group[group].most_common(2)
        if len(ranked) == 2 and ranked[0][1] == ranked[1][1]:
            return None
        return ranked[0][0]

    @property
    def common_ground(self) -> bool:
        """At least three groups responded, and every one of them supports it."""
        return len(self.by_group) >= COMMON_GROUND_GROUPS and all(
            self.majority(group) == "support" for group in self.by_group
        )

    @property
    def divided(self) -> bool:
        """Groups that took a position (support, concern, objection) differ in it, and at
        least one of them supports it. Ideas, questions and experience are not positions."""
        positions = {self.majority(group) for group in self.by_group} & POSITIONS
        return len(positions) > 1 and "support" in positions


def section_stances(corpus: Corpus, proposal: Proposal) -> list[SectionStances]:
    """One entry per section that has feedback, in the proposal's order; general last."""
    counts: dict[str | None, dict[str, Counter[str]]] = defaultdict(lambda: defaultdict(Counter))
    for item in corpus.feedback_on(proposal.id):
        for group in corpus.groups_of(item):
            counts[item.section][group][item.stance] += 1
    order: list[str | None] = [s.anchor for s in proposal.sections]
    order.append(None)
    return [
        SectionStances(section, dict(sorted(counts[section].items())))
        for section in order
        if section in counts
    ]


# --- Answers on time -----------------------------------------------------------------------


def waiting_for_answer(corpus: Corpus, today: date) -> dict[str, list[tuple[Feedback, int]]]:
    """Unanswered feedback older than `response_due_days`, per proposal owner, oldest first."""
    due = corpus.settings.response_due_days
    waiting: dict[str, list[tuple[Feedback, int]]] = defaultdict(list)
    for item in corpus.feedback.values():
        proposal = corpus.proposals.get(item.proposal)
        age = (today - item.submitted).days
        # Nobody is waiting on an answer to what was withdrawn or hidden.
        if item.response is None and proposal is not None and age > due and not item.taken_down:
            waiting[proposal.owner].append((item, age))
    return {
        owner: sorted(items, key=lambda pair: (-pair[1], pair[0].id))
        for owner, items in sorted(waiting.items())
    }


def median_days_to_answer(corpus: Corpus, team_id: str) -> float | None:
    """Median days between feedback and the answer this team gave to it."""
    days = [
        (item.response.date - item.submitted).days
        for item in corpus.feedback.values()
        if item.response is not None and item.response.by == team_id
    ]
    return statistics.median(days) if days else None


def median_days_by_language(corpus: Corpus, team_id: str | None = None) -> dict[str, float]:
    """Median days to an answer, per the language the feedback was written in (of one
    team's answers, or all of them): that writing in Welsh causes no delay, for anyone to
    see. The site's languages first, then any other, each only when answered at least once."""
    default = corpus.settings.languages[0]
    days: dict[str, list[int]] = defaultdict(list)
    for item in corpus.feedback.values():
        response = item.response
        if response is not None and (team_id is None or response.by == team_id):
            days[item.language or default].append((response.date - item.submitted).days)
    order = [*corpus.settings.languages, *sorted(set(days) - set(corpus.settings.languages))]
    return {code: statistics.median(days[code]) for code in order if days.get(code)}


# --- Measures you can trust ----------------------------------------------------------------


def is_stale(measure: Measure, today: date, stale_after_days: int) -> bool:
    """No value at all, or the latest one is older than `stale_after_days`."""
    latest = measure.latest
    return latest is None or (today - latest.date).days > stale_after_days
