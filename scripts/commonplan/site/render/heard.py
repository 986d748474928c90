"""The parts of a proposal page that show how it was heard: its voices, where groups stand
on each section, and measures gone out of date. Figures from ``commonplan.insight``."""

from __future__ import annotations

from commonplan import insight
from commonplan.insight import SectionStances
from commonplan.language import ENGLISH, Language
from commonplan.model import Proposal
from commonplan.site.render import safe
from commonplan.site.render.anchors import WHERE_GROUPS_STAND, proposal_ids
from commonplan.site.render.common import Site, relative
from commonplan.terms import Vocabulary
from commonplan.vocabulary import STANCE

VOICES_PAGE = "voices.md"


def _badge(kind: str, icon: str, words: str) -> str:
    return (
        f'<span class="cp-badge cp-{kind}">:material-{icon}:{{ aria-hidden="true" }} {words}</span>'
    )


def common_ground(t: Language) -> str:
    # Translators: a section's badge: the groups that responded all support it.
    return _badge("agreement-common", "handshake-outline", t("Common ground"))


def divided(t: Language) -> str:
    # Translators: a section's badge: the groups' most common positions differ.
    return _badge("agreement-divided", "call-split", t("Divided"))


def voices_table(site: Site, page: str, proposal: Proposal) -> str:
    """The proposal's invited groups (then any other that spoke): how often, by how many
    teams, and when they were last heard."""
    voices = insight.voices(site.corpus, proposal)
    if not voices:
        return ""
    t = site.t
    invited, anyway = t("Invited"), t("Not invited, spoke anyway")
    not_heard = "**" + t("Not heard yet") + "**"
    rows = []
    for v in voices:
        # Translators: after a number of pieces of feedback, how many of them were hidden.
        hidden = " " + t.n("({count} hidden)", "({count} hidden)", v.hidden) if v.hidden else ""
        last = t.day(v.last_heard) if v.last_heard else "—"
        rows.append(
            f"| {safe.text(v.label)} | {invited if v.invited else anyway}"
            f" | {not_heard if not v.count else v.count}{hidden} | {v.teams} | {last} |"
        )
    headings = [
        t.p("column", "Group"),
        t.p("column", "Invited?"),
        t.p("column", "Feedback"),
        t.p("column", "Teams"),
        t.p("column", "Last heard"),
    ]
    heading, voices_heard = t("Who was heard"), t("Voices heard")
    # Translators: {link} is a link to the page "Voices heard".
    side_by_side = t("All proposals side by side: {link}.").format(
        link=f"[{voices_heard}]({relative(page, VOICES_PAGE)})"
    )
    out = [
        f"## {heading}\n",
        f"| {' | '.join(headings)} |\n| --- | --- | ---: | ---: | --- |\n" + "\n".join(rows) + "\n",
        f"{side_by_side}\n",
    ]
    missing = [v.label for v in voices if v.missing]
    if missing:
        names = ", ".join(safe.text(label) for label in missing)
        title = t("Voices not heard yet")
        # Translators: {groups} are the names of stakeholder groups.
        these = t("Invited but not heard yet: {groups}.").format(groups=names)
        out.append(f'!!! warning "{title}"\n\n    {these}\n')
    return "\n".join(out)


# --- Common ground and division ------------------------------------------------------------


def agreement_badge(stances: SectionStances, t: Language = ENGLISH) -> str:
    if stances.common_ground:
        return common_ground(t)
    return divided(t) if stances.divided else ""


def stances_table(site: Site, proposal: Proposal) -> str:
    """Per section, each group's stances, with common ground and division said in words."""
    sections = insight.section_stances(site.corpus, proposal)
    if not sections:
        return ""
    t = site.t
    titles = {s.anchor: s.title for s in proposal.sections}
    ids = proposal_ids(site, proposal)
    stances = STANCE.in_language(t)
    general, mixed = t("General comments"), t("Mixed or too few")
    rows = []
    for entry in sections:
        title = general
        if entry.section is not None:
            shown = safe.text(titles.get(entry.section, entry.section))
            title = f"[{shown}](#{ids.heading(entry.section)})"
        groups = "<br>".join(
            f"{safe.text(site.corpus.group_label(group))}: "
            + ", ".join(
                f"{count} {_stance_word(stances, stance)}" for stance, count in counts.most_common()
            )
            for group, counts in entry.by_group.items()
        )
        rows.append(f"| {title} | {groups} | {agreement_badge(entry, t) or mixed} |")
    heading = t("Where groups stand")
    common = t.n(
        "at least {count} group responded and all support it.",
        "at least {count} groups responded and all support it.",
        insight.COMMON_GROUND_GROUPS,
    )
    differ = t("the groups' most common positions differ.")
    common_words, divided_words = t("Common ground"), t("Divided")
    headings = [
        t.p("column", "Section"),
        t.p("column", "Stances by group"),
        t.p("column", "Overall"),
    ]
    return (
        f"## {heading} {{ #{WHERE_GROUPS_STAND} }}\n\n"
        f"*{common_words}*: {common} *{divided_words}*: {differ}\n\n"
        f"| {' | '.join(headings)} |\n| --- | --- | --- |\n" + "\n".join(rows) + "\n"
    )


def stale_note(stale_after_days: int, t: Language = ENGLISH) -> str:
    """A measure's note when its latest reading is older than ``stale_after_days``."""
    # Translators: a measure's badge: its latest reading is too old to trust.
    stale = _badge("measure-stale", "clock-alert-outline", t("Out of date"))
    reading = t.n(
        "No new reading in the last {count} day.",
        "No new reading in the last {count} days.",
        stale_after_days,
    )
    return f"{stale} {reading}\n"


def _stance_word(stances: Vocabulary, stance: str) -> str:
    term = stances.get(stance)
    return term.badge_label.lower() if term else stance
