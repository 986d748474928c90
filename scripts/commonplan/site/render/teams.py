"""The teams index, and one page per team: who they are, what they own, what they said."""

from __future__ import annotations

from collections import Counter, defaultdict

from commonplan.feedback import Feedback
from commonplan.model import Team
from commonplan.site.render import safe
from commonplan.site.render.common import (
    Site,
    actions_of,
    badge,
    consenting_people,
    proposal_link,
    team_link,
)
from commonplan.site.render.exchange import feedback_link
from commonplan.site.render.listening import team_answers
from commonplan.urls import team_page
from commonplan.vocabulary import ACTION_STATUS, STANCE, TEAM_KIND

FEEDBACK_SHOWN = 100


def render(site: Site) -> dict[str, str]:
    given: dict[str, list[Feedback]] = defaultdict(list)
    for item in site.corpus.feedback.values():
        if item.from_:
            given[item.from_].append(item)
    pages = {team_page(t.id): _team(site, t, given[t.id]) for t in site.corpus.teams.values()}
    pages["teams/index.md"] = _index(site, given)
    return pages


def _index(site: Site, given: dict[str, list[Feedback]]) -> str:
    page = "teams/index.md"
    t = site.t
    owned = Counter(p.owner for p in site.corpus.proposals.values())
    out = [
        "# " + t("Teams") + "\n",
        t("Organisations, action teams and community groups taking part in the strategy.") + "\n",
    ]
    headings = [
        t.p("table heading", "Team"),
        t.p("table heading", "Area"),
        t.p("table heading", "Speaks for"),
        t.p("table heading", "Proposals owned"),
        t.p("table heading", "Feedback given"),
    ]
    for term in TEAM_KIND.in_language(t).terms:
        kind, title = term.id, term.heading_label
        teams = sorted(
            (team for team in site.corpus.teams.values() if team.kind == kind),
            key=lambda team: team.name.casefold(),
        )
        if not teams:
            continue
        out.append(f"## {title}\n\n| {' | '.join(headings)} |")
        out.append("| --- | --- | --- | ---: | ---: |")
        out += [
            f"| {team_link(site, page, team.id)} | {safe.text(team.area or '—')}"
            f" | {_groups(site, team)} | {owned[team.id]} | {len(given[team.id])} |"
            for team in teams
        ]
        out.append("")
    return "\n".join(out)


def _groups(site: Site, team: Team) -> str:
    return ", ".join(safe.text(site.corpus.group_label(g)) for g in team.groups)


def _team(site: Site, team: Team, given: list[Feedback]) -> str:
    t = site.t
    page = team_page(team.id)
    out = [f"# {safe.text(team.name)}\n"]
    # Translators: one of the facts under a team's name, "A community group · speaks for
    # Residents, Young people · works in Hollowmere"; {groups} are the groups' own names.
    facts = [_kind(site, team), t("speaks for {groups}").format(groups=_groups(site, team))]
    if team.area:
        # Translators: the last fact under a team's name; {area} is the team's own words.
        facts.append(t("works in {area}").format(area=safe.text(team.area)))
    out.append(" · ".join(facts) + "\n{ .cp-facts }\n")
    if team.description:
        out.append(safe.paragraphs(team.description) + "\n")
    if team.contact:
        out.append(
            ':material-web:{ aria-hidden="true" } '
            + safe.link(team.contact, t("Contact the team"))
            + "\n"
        )
    out.append(_members(site, page, team))
    out.append(_owned(site, page, team))
    out.append(team_answers(site, page, team))
    out.append(_given(site, page, given))
    return "\n".join(part for part in out if part)


def _kind(site: Site, team: Team) -> str:
    """What kind of team it is, the first fact under its name: "A community group"."""
    t = site.t
    # Translators: the first fact under a team's name, "An organisation · speaks for …".
    kinds = {
        "organisation": t.p("team facts", "An organisation"),
        "action-team": t.p("team facts", "An action team"),
        "community-group": t.p("team facts", "A community group"),
    }
    return kinds.get(team.kind, team.kind)


def _members(site: Site, page: str, team: Team) -> str:
    teams = [m.team for m in team.members if hasattr(m, "team")]
    people = consenting_people(team)
    if not teams and not people:
        return ""
    lines = [f"- {team_link(site, page, t)}" for t in teams]
    lines += [f"- {safe.text(name)}" for name in people]
    return "## " + site.t("Members") + "\n\n" + "\n".join(lines) + "\n"


def _owned(site: Site, page: str, team: Team) -> str:
    t = site.t
    proposals = [p for p in site.corpus.proposals.values() if p.owner == team.id]
    actions = [(p, a) for p, a in actions_of(site) if a.owner == team.id]
    out = []
    if proposals:
        out.append("## " + t("Proposals owned") + "\n")
        out += [f"- {proposal_link(site, page, p)}" for p in proposals]
        out.append("")
    if actions:
        headings = " | ".join(
            [
                t.p("table heading", "Action"),
                t.p("table heading", "Proposal"),
                t.p("table heading", "Due"),
                t.p("table heading", "Status"),
            ]
        )
        out.append("## " + t("Actions owned") + f"\n\n| {headings} |\n| --- | --- | --- | --- |")
        out += [
            f"| {safe.text(a.title)} | {proposal_link(site, page, p)}"
            f" | {site.t.day(a.due) if a.due else '—'}"
            f" | {badge(site, 'action', a.status, ACTION_STATUS)} |"
            for p, a in actions
        ]
        out.append("")
    return "\n".join(out)


def _given(site: Site, page: str, given: list[Feedback]) -> str:
    if not given:
        return ""
    t = site.t
    latest = sorted(given, key=lambda f: (f.submitted, f.id), reverse=True)
    heading = t("Feedback given")
    count = t.n(
        "{count} piece of feedback, latest first.",
        "{count} pieces of feedback, latest first.",
        len(given),
    )
    out = [f"## {heading}\n\n{count}\n"]
    # Translators: a piece of feedback a team gave, "Support on Warm spaces": {view} is its
    # badge, {proposal} a link titled with the proposal's name.
    on = t("{view} on {proposal}")
    for item in latest[:FEEDBACK_SHOWN]:
        what = on.format(
            view=badge(site, "stance", item.stance, STANCE),
            proposal=feedback_link(site, page, item),
        )
        out.append(f"- {site.t.day(item.submitted)} · {what}")
    if len(given) > FEEDBACK_SHOWN:
        shown = t.n(
            "The {count} latest is shown; every item is in the open data.",
            "The {count} latest are shown; every item is in the open data.",
            FEEDBACK_SHOWN,
        )
        out.append(f"\n{shown}")
    return "\n".join(out) + "\n"
