"""Who was heard and who is still waiting: the "Voices heard" and "Waiting for an answer"
pages, and the pieces of them shown on proposal, team and home pages.

The figures come from ``commonplan.insight``, which `validate` warns from too, so the site
and the warnings never disagree.
"""

from __future__ import annotations

from commonplan import insight
from commonplan.language import Language, language
from commonplan.model import Team
from commonplan.site.render import safe
from commonplan.site.render.anchors import WHERE_GROUPS_STAND
from commonplan.site.render.common import (
    Site,
    number,
    pager,
    proposal_link,
    relative,
    team_link,
)
from commonplan.site.render.exchange import feedback_link
from commonplan.site.render.heard import VOICES_PAGE, common_ground, divided
from commonplan.site.render.proposal_index import status_order
from commonplan.urls import paged
from commonplan.vocabulary import STANCE

WAITING_PAGE = "waiting.md"
# Per owner: the oldest are the ones to act on; the open data has every item. Kept small
# (and words, without icons) so that the page stays light with thousands waiting.
WAITING_SHOWN = 20
AGREEMENT_SHOWN = 10  # per kind, on the home page
VOICES_ROWS = 500  # proposals per page of the voices table (about 180 KB of HTML)


def render(site: Site) -> dict[str, str]:
    return {**_voices_pages(site), WAITING_PAGE: _waiting_page(site)}


def _days(t: Language, days: float) -> str:
    """ "3 days", or "2.5 days" for a median between two whole days."""
    if days == int(days):
        return t.n("{count} day", "{count} days", int(days))
    # Translators: a number of days that is not whole, "2.5 days".
    return t.p("days, not a whole number", "{count} days").format(count=number(days))


# --- Voices heard --------------------------------------------------------------------------


def _voices_pages(site: Site) -> dict[str, str]:
    """The groups × proposals table, split into pages of ``VOICES_ROWS`` proposals."""
    t = site.t
    corpus = site.corpus
    groups = list(corpus.settings.groups)
    ordered = sorted(corpus.proposals.values(), key=lambda p: status_order(site, p))
    shown = paged(ordered, VOICES_ROWS, VOICES_PAGE, "voices/page-{n}.md")
    paths = [path for path, _ in shown]
    coverage = insight.coverage(corpus)
    header = " | ".join(safe.text(corpus.group_label(g)) for g in groups)
    title, by_group = t("Voices heard"), t("Feedback by group and proposal")
    how_many = t("How many pieces of feedback each stakeholder group gave on each proposal.")
    not_heard = t("Not heard")
    # Translators: {not_heard} is the words "Not heard", in italics, as the table shows them.
    marks = t("{not_heard} marks a group the proposal invited that nobody has spoken for yet.")
    marks = marks.format(not_heard=f"*{not_heard}*")
    # Translators: a cell of the table: no feedback from a group the proposal invited.
    none_heard = t("{count} (not heard)")
    proposal_column, unheard_column = t.p("column", "Proposal"), t.p("column", "Invited, not heard")
    pages = {}
    for number_, (page, part) in enumerate(shown, start=1):
        out = [
            f"# {title}\n",
            f"{how_many} {marks}\n",
            missing_voices(site, page) if number_ == 1 else "",
            f"## {by_group}\n\n{pager(site.t, page, paths, number_)}",
            f"| {proposal_column} | {header} | {unheard_column} |\n"
            f"| --- | {' | '.join('---:' for _ in groups)} | --- |",
        ]
        for proposal in part:
            row = coverage[proposal.id]
            cells = [
                none_heard.format(count=row[g])
                if not row[g] and g in proposal.invite
                else str(row[g])
                for g in groups
            ]
            missing = [g for g in proposal.invite if not row.get(g)]
            unheard = ", ".join(safe.text(corpus.group_label(g)) for g in missing) or "—"
            link = proposal_link(site, page, proposal)
            out.append(f"| {link} | {' | '.join(cells)} | {unheard} |")
        if not part:
            out.append("\n" + t("No proposals yet."))
        pages[page] = "\n".join(item for item in out if item) + "\n"
    return pages


def missing_voices(site: Site, page: str) -> str:
    """Consultations closing within two weeks that invited a group not heard yet."""
    gaps = insight.missing_voices(site.corpus, site.today)
    if not gaps:
        return ""
    t = site.t
    # Translators: {group} is a stakeholder group's name, in bold; {proposal} a link titled
    # with the proposal's name; {days} "3 days".
    not_heard = t("{group} not heard yet on {proposal}: closes in {days}")
    lines = []
    for proposal, voice in gaps:
        left = insight.days_left(proposal, site.today) or 0
        line = not_heard.format(
            group=f"**{safe.text(voice.label)}**",
            proposal=proposal_link(site, page, proposal),
            days=_days(t, left),
        )
        lines.append(f"    - {line}")
    title = t("Voices missing before consultations close")
    these = t.n(
        "These groups were invited, nobody from them has been heard yet, and the consultation"
        " closes within {count} day.",
        "These groups were invited, nobody from them has been heard yet, and the consultation"
        " closes within {count} days.",
        insight.MISSING_VOICE_DAYS,
    )
    return f'!!! warning "{title}"\n\n    {these}\n\n' + "\n".join(lines) + "\n"


def agreement_summary(site: Site, page: str) -> str:
    """Home: how many sections have common ground or are divided, with links to them."""
    t = site.t
    found: dict[str, list[str]] = {"common": [], "divided": []}
    general = t("general comments")
    # Translators: {section} is a section's title; {proposal} a link titled with the
    # proposal's name.
    section_in = t("“{section}” in {proposal}")
    for proposal in sorted(site.corpus.proposals.values(), key=lambda p: status_order(site, p)):
        titles = {s.anchor: s.title for s in proposal.sections}
        for entry in insight.section_stances(site.corpus, proposal):
            kind = "common" if entry.common_ground else "divided" if entry.divided else ""
            if not kind:
                continue
            section = titles.get(entry.section or "", general)
            link = proposal_link(site, page, proposal, WHERE_GROUPS_STAND)
            found[kind].append(section_in.format(section=safe.text(section), proposal=link))
    if not found["common"] and not found["divided"]:
        return ""
    heading = t("Common ground and division")
    out = [f"## {heading}\n"]
    common, split = len(found["common"]), len(found["divided"])
    for kind, label, words in (
        (
            "common",
            common_ground(t),
            t.n(
                "{count} section where the groups that responded all support it.",
                "{count} sections where the groups that responded all support it.",
                common,
            ),
        ),
        (
            "divided",
            divided(t),
            t.n(
                "{count} section where groups' positions differ.",
                "{count} sections where groups' positions differ.",
                split,
            ),
        ),
    ):
        items = found[kind]
        out.append(f"{label} {words}\n")
        out += [f"- {item}" for item in items[:AGREEMENT_SHOWN]]
        if len(items) > AGREEMENT_SHOWN:
            more = t.n("and {count} more", "and {count} more", len(items) - AGREEMENT_SHOWN)
            out.append(f"- {more}")
        out.append("")
    return "\n".join(out)


# --- Answers on time -----------------------------------------------------------------------


def _waiting_page(site: Site) -> str:
    t = site.t
    page = WAITING_PAGE
    due = site.corpus.settings.response_due_days
    waiting = site.waiting
    title = t("Waiting for an answer")
    waited = t.n(
        "Feedback that has waited more than {count} day for an answer from the team that owns"
        " the proposal, oldest first.",
        "Feedback that has waited more than {count} days for an answer from the team that owns"
        " the proposal, oldest first.",
        due,
    )
    out = [f"# {title}\n", f"{waited}\n", by_language(site)]
    if not waiting:
        out.append(t("Nothing is waiting: every piece of feedback was answered in time.") + "\n")
    stances = STANCE.in_language(t)
    # Translators: {days} is "3 days", in bold; {view} a view ("Support"); {proposal} a link
    # titled with the proposal's name; {day} the day the feedback was given.
    waiting_since = t("{days} waiting · {view} on {proposal}, given {day}")
    for owner, items in waiting.items():
        out.append(f"## {_team_name(site, owner)} {{ #{owner} }}\n")
        count = t.n(
            "{count} piece of feedback waiting", "{count} pieces of feedback waiting", len(items)
        )
        out.append(f"{count} · {_team_answers(site, owner)}\n")
        out += [
            "- "
            + waiting_since.format(
                days=f"**{_days(t, age)}**",
                view=stances[item.stance].badge_label,
                proposal=feedback_link(site, page, item),
                day=t.day(item.submitted),
            )
            for item, age in items[:WAITING_SHOWN]
        ]
        if len(items) > WAITING_SHOWN:
            oldest = t.n(
                "The {count} oldest is shown; every item is in the open data.",
                "The {count} oldest are shown; every item is in the open data.",
                WAITING_SHOWN,
            )
            out.append(f"\n{oldest}")
        out.append("")
    return "\n".join(out)


def _team_name(site: Site, team_id: str) -> str:
    team = site.corpus.teams.get(team_id)
    return safe.text(team.name if team else team_id)


def _team_answers(site: Site, team_id: str) -> str:
    return f"{team_link(site, WAITING_PAGE, team_id)}: {median_answer_words(site, team_id)}"


def median_answer_words(site: Site, team_id: str) -> str:
    t = site.t
    median = insight.median_days_to_answer(site.corpus, team_id)
    if median is None:
        return t("no answers given yet")
    # Translators: {days} is "3 days": half the owners' answers came sooner, half later.
    return t("answers in a median of {days}").format(days=_days(t, median))


def by_language(site: Site, team_id: str | None = None) -> str:
    """On a site in several languages: the median days to an answer per language the
    feedback was written in (of one team's answers, or everyone's), for anyone to see that
    writing in Welsh causes no delay."""
    if len(site.corpus.settings.languages) < 2:
        return ""
    t = site.t
    medians = insight.median_days_by_language(site.corpus, team_id)
    none_yet = t("no answers given yet")
    shown = [
        f"{language(code).name}: {_days(t, medians[code]) if code in medians else none_yet}"
        for code in dict.fromkeys([*site.corpus.settings.languages, *medians])
    ]
    # Translators: {medians} is "English: 3 days · Cymraeg: 2 days".
    said = t("Median days to answer, by the language the feedback was written in: {medians}")
    return said.format(medians=" · ".join(shown)) + "\n"


def team_answers(site: Site, page: str, team: Team) -> str:
    """On a team page: how fast the team answers, and what is waiting for it."""
    owns = any(p.owner == team.id for p in site.corpus.proposals.values())
    median = insight.median_days_to_answer(site.corpus, team.id)
    if not owns and median is None:
        return ""
    t = site.t
    none_yet = t("no answers given yet")
    shown = _days(t, median) if median is not None else f"— ({none_yet})"
    heading = t("Answers on time")
    # Translators: {days} is "3 days", in bold, or a dash when the team has answered nothing.
    median_words = t("Median days to answer: {days}").format(days=f"**{shown}**")
    out = [f"## {heading}\n", f"{median_words}\n", by_language(site, team.id)]
    waiting = site.waiting.get(team.id, [])
    if waiting:
        due = _days(t, site.corpus.settings.response_due_days)
        target = f"{relative(page, WAITING_PAGE)}#{team.id}"
        pieces = t.n("{count} piece of feedback", "{count} pieces of feedback", len(waiting))
        # Translators: {feedback} is "3 pieces of feedback"; {days} "14 days".
        longer = t("{feedback} waiting longer than {days}").format(feedback=pieces, days=due)
        out.append(f"[{longer}]({target})\n")
    return "\n".join(out)
