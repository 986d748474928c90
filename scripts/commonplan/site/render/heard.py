"""The parts of a proposal page that show how it was heard: its voices, where groups stand
on each section, and measures gone out of date. Figures from ``commonplan.insight``."""

from __future__ import annotations

from commonplan import insight
from commonplan.insight import SectionStances
from commonplan.model import Proposal
from commonplan.site.render import safe
from commonplan.site.render.anchors import WHERE_GROUPS_STAND, proposal_ids
from commonplan.site.render.common import Site, relative
from commonplan.vocabulary import STANCE
from commonplan.words import plural

VOICES_PAGE = "voices.md"
COMMON_GROUND = (
    '<span class="cp-badge cp-agreement-common">:material-handshake-outline:'
    '{ aria-hidden="true" } Common ground</span>'
)
DIVIDED = (
    '<span class="cp-badge cp-agreement-divided">:material-call-split:'
    '{ aria-hidden="true" } Divided</span>'
)

STALE = (
    '<span class="cp-badge cp-measure-stale">:material-clock-alert-outline:'
    '{ aria-hidden="true" } Out of date</span>'
)


def voices_table(site: Site, page: str, proposal: Proposal) -> str:
    """The proposal's invited groups (then any other that spoke): how often, by how many
    teams, and when they were last heard."""
    voices = insight.voices(site.corpus, proposal)
    if not voices:
        return ""
    rows = [
        f"| {safe.text(v.label)} | {'Invited' if v.invited else 'Not invited, spoke anyway'}"
        f" | {'**Not heard yet**' if not v.count else v.count}"
        f"{f' ({v.hidden} hidden)' if v.hidden else ''} | {v.teams}"
        f" | {site.t.day(v.last_heard) if v.last_heard else '—'} |"
        for v in voices
    ]
    out = [
        "## Who was heard\n",
        "| Group | Invited? | Feedback | Teams | Last heard |\n| --- | --- | ---: | ---: | --- |\n"
        + "\n".join(rows)
        + "\n",
        f"All proposals side by side: [Voices heard]({relative(page, VOICES_PAGE)}).\n",
    ]
    missing = [v.label for v in voices if v.missing]
    if missing:
        names = ", ".join(safe.text(label) for label in missing)
        out.append(
            f'!!! warning "Voices not heard yet"\n\n    Invited but not heard yet: {names}.\n'
        )
    return "\n".join(out)


# --- Common ground and division ------------------------------------------------------------


def agreement_badge(stances: SectionStances) -> str:
    if stances.common_ground:
        return COMMON_GROUND
    return DIVIDED if stances.divided else ""


def stances_table(site: Site, proposal: Proposal) -> str:
    """Per section, each group's stances, with common ground and division said in words."""
    sections = insight.section_stances(site.corpus, proposal)
    if not sections:
        return ""
    titles = {s.anchor: s.title for s in proposal.sections}
    ids = proposal_ids(site, proposal)
    rows = []
    for entry in sections:
        title = "General comments"
        if entry.section is not None:
            shown = safe.text(titles.get(entry.section, entry.section))
            title = f"[{shown}](#{ids.heading(entry.section)})"
        groups = "<br>".join(
            f"{safe.text(site.corpus.group_label(group))}: "
            + ", ".join(f"{count} {_stance_word(stance)}" for stance, count in counts.most_common())
            for group, counts in entry.by_group.items()
        )
        rows.append(f"| {title} | {groups} | {agreement_badge(entry) or 'Mixed or too few'} |")
    return (
        f"## Where groups stand {{ #{WHERE_GROUPS_STAND} }}\n\n"
        f"*Common ground*: at least {insight.COMMON_GROUND_GROUPS} groups responded and all"
        " support it. *Divided*: the groups' most common positions differ.\n\n"
        "| Section | Stances by group | Overall |\n| --- | --- | --- |\n" + "\n".join(rows) + "\n"
    )


def stale_note(stale_after_days: int) -> str:
    return f"{STALE} No new reading in the last {plural(stale_after_days, 'day')}.\n"


def _stance_word(stance: str) -> str:
    term = STANCE.get(stance)
    return term.badge_label.lower() if term else stance
