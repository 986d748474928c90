"""Who was heard and who is still waiting: the "Voices heard" and "Waiting for an answer"
pages, and the pieces of them shown on proposal, team and home pages.

The figures come from ``commonplan.insight``, which `validate` warns from too, so the site
and the warnings never disagree.
"""

from __future__ import annotations

from commonplan import insight
from commonplan.model import Team
from commonplan.site.render import safe
from commonplan.site.render.anchors import WHERE_GROUPS_STAND
from commonplan.site.render.common import (
    Site,
    pager,
    proposal_link,
    relative,
    team_link,
)
from commonplan.site.render.exchange import feedback_link
from commonplan.site.render.heard import COMMON_GROUND, DIVIDED, VOICES_PAGE
from commonplan.site.render.proposal_index import status_order
from commonplan.urls import paged
from commonplan.vocabulary import STANCE
from commonplan.words import plural

WAITING_PAGE = "waiting.md"
# Per owner: the oldest are the ones to act on; the open data has every item. Kept small
# (and words, without icons) so that the page stays light with thousands waiting.
WAITING_SHOWN = 20
AGREEMENT_SHOWN = 10  # per kind, on the home page
VOICES_ROWS = 500  # proposals per page of the voices table (about 180 KB of HTML)


def render(site: Site) -> dict[str, str]:
    return {**_voices_pages(site), WAITING_PAGE: _waiting_page(site)}


# --- Voices heard --------------------------------------------------------------------------


def _voices_pages(site: Site) -> dict[str, str]:
    """The groups × proposals table, split into pages of ``VOICES_ROWS`` proposals."""
    corpus = site.corpus
    groups = list(corpus.settings.groups)
    ordered = sorted(corpus.proposals.values(), key=lambda p: status_order(site, p))
    shown = paged(ordered, VOICES_ROWS, VOICES_PAGE, "voices/page-{n}.md")
    paths = [path for path, _ in shown]
    coverage = insight.coverage(corpus)
    header = " | ".join(safe.text(corpus.group_label(g)) for g in groups)
    pages = {}
    for number_, (page, part) in enumerate(shown, start=1):
        out = [
            "# Voices heard\n",
            "How many pieces of feedback each stakeholder group gave on each proposal. "
            "*Not heard* marks a group the proposal invited that nobody has spoken for yet.\n",
            missing_voices(site, page) if number_ == 1 else "",
            f"## Feedback by group and proposal\n\n{pager(site, page, paths, number_)}",
            f"| Proposal | {header} | Invited, not heard |\n"
            f"| --- | {' | '.join('---:' for _ in groups)} | --- |",
        ]
        for proposal in part:
            row = coverage[proposal.id]
            cells = [
                f"{row[g]} (not heard)" if not row[g] and g in proposal.invite else str(row[g])
                for g in groups
            ]
            missing = [g for g in proposal.invite if not row.get(g)]
            unheard = ", ".join(safe.text(corpus.group_label(g)) for g in missing) or "—"
            link = proposal_link(site, page, proposal)
            out.append(f"| {link} | {' | '.join(cells)} | {unheard} |")
        if not part:
            out.append("\nNo proposals yet.")
        pages[page] = "\n".join(item for item in out if item) + "\n"
    return pages


def missing_voices(site: Site, page: str) -> str:
    """Consultations closing within two weeks that invited a group not heard yet."""
    gaps = insight.missing_voices(site.corpus, site.today)
    if not gaps:
        return ""
    lines = []
    for proposal, voice in gaps:
        left = insight.days_left(proposal, site.today) or 0
        lines.append(
            f"    - **{safe.text(voice.label)}** not heard yet on"
            f" {proposal_link(site, page, proposal)}: closes in {plural(left, 'day')}"
        )
    return (
        f'!!! warning "Voices missing before consultations close"\n\n'
        f"    These groups were invited, nobody from them has been heard yet, and the"
        f" consultation closes within {insight.MISSING_VOICE_DAYS} days.\n\n"
        + "\n".join(lines)
        + "\n"
    )


def agreement_summary(site: Site, page: str) -> str:
    """Home: how many sections have common ground or are divided, with links to them."""
    found: dict[str, list[str]] = {"common": [], "divided": []}
    for proposal in sorted(site.corpus.proposals.values(), key=lambda p: status_order(site, p)):
        titles = {s.anchor: s.title for s in proposal.sections}
        for entry in insight.section_stances(site.corpus, proposal):
            kind = "common" if entry.common_ground else "divided" if entry.divided else ""
            if not kind:
                continue
            section = titles.get(entry.section or "", "general comments")
            link = proposal_link(site, page, proposal, WHERE_GROUPS_STAND)
            found[kind].append(f"“{safe.text(section)}” in {link}")
    if not found["common"] and not found["divided"]:
        return ""
    out = ["## Common ground and division\n"]
    for kind, label, words in (
        ("common", COMMON_GROUND, "where the groups that responded all support it"),
        ("divided", DIVIDED, "where groups' positions differ"),
    ):
        items = found[kind]
        out.append(f"{label} {plural(len(items), 'section')} {words}.\n")
        out += [f"- {item}" for item in items[:AGREEMENT_SHOWN]]
        if len(items) > AGREEMENT_SHOWN:
            out.append(f"- and {len(items) - AGREEMENT_SHOWN} more")
        out.append("")
    return "\n".join(out)


# --- Answers on time -----------------------------------------------------------------------


def _waiting_page(site: Site) -> str:
    page = WAITING_PAGE
    due = site.corpus.settings.response_due_days
    waiting = insight.waiting_for_answer(site.corpus, site.today)
    out = [
        "# Waiting for an answer\n",
        f"Feedback that has waited more than {plural(due, 'day')} for an answer from the"
        " team that owns the proposal, oldest first.\n",
    ]
    if not waiting:
        out.append("Nothing is waiting: every piece of feedback was answered in time.\n")
    for owner, items in waiting.items():
        out.append(f"## {_team_name(site, owner)} {{ #{owner} }}\n")
        count = plural(len(items), "piece")
        out.append(f"{count} of feedback waiting · {_team_answers(site, owner)}\n")
        out += [
            f"- **{plural(age, 'day')}** waiting · {STANCE[item.stance].badge_label} on"
            f" {feedback_link(site, page, item)}, given {site.t.day(item.submitted)}"
            for item, age in items[:WAITING_SHOWN]
        ]
        if len(items) > WAITING_SHOWN:
            out.append(f"\nThe {WAITING_SHOWN} oldest are shown; every item is in the open data.")
        out.append("")
    return "\n".join(out)


def _team_name(site: Site, team_id: str) -> str:
    team = site.corpus.teams.get(team_id)
    return safe.text(team.name if team else team_id)


def _team_answers(site: Site, team_id: str) -> str:
    return f"{team_link(site, WAITING_PAGE, team_id)}: {median_answer_words(site, team_id)}"


def median_answer_words(site: Site, team_id: str) -> str:
    median = insight.median_days_to_answer(site.corpus, team_id)
    if median is None:
        return "no answers given yet"
    return f"answers in a median of {plural(median, 'day')}"


def team_answers(site: Site, page: str, team: Team) -> str:
    """On a team page: how fast the team answers, and what is waiting for it."""
    owns = any(p.owner == team.id for p in site.corpus.proposals.values())
    median = insight.median_days_to_answer(site.corpus, team.id)
    if not owns and median is None:
        return ""
    shown = plural(median, "day") if median is not None else "— (no answers given yet)"
    out = ["## Answers on time\n", f"Median days to answer: **{shown}**\n"]
    waiting = insight.waiting_for_answer(site.corpus, site.today).get(team.id, [])
    if waiting:
        due = plural(site.corpus.settings.response_due_days, "day")
        target = f"{relative(page, WAITING_PAGE)}#{team.id}"
        out.append(
            f"[{plural(len(waiting), 'piece')} of feedback waiting longer than {due}]({target})\n"
        )
    return "\n".join(out)
