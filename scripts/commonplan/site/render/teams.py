"""The teams index, and one page per team: who they are, what they own, what they said."""

from __future__ import annotations

from collections import Counter, defaultdict

from commonplan.model import Feedback, Team
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
from commonplan.words import plural

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
    owned = Counter(p.owner for p in site.corpus.proposals.values())
    out = [
        "# Teams\n",
        "Organisations, action teams and community groups taking part in the strategy.\n",
    ]
    for term in TEAM_KIND.terms:
        kind, title = term.id, term.heading_label
        teams = sorted(
            (t for t in site.corpus.teams.values() if t.kind == kind),
            key=lambda t: t.name.casefold(),
        )
        if not teams:
            continue
        out.append(f"## {title}\n\n| Team | Area | Speaks for | Proposals owned | Feedback given |")
        out.append("| --- | --- | --- | ---: | ---: |")
        out += [
            f"| {team_link(site, page, t.id)} | {safe.text(t.area or '—')} | {_groups(site, t)}"
            f" | {owned[t.id]} | {len(given[t.id])} |"
            for t in teams
        ]
        out.append("")
    return "\n".join(out)


def _groups(site: Site, team: Team) -> str:
    return ", ".join(safe.text(site.corpus.group_label(g)) for g in team.groups)


def _team(site: Site, team: Team, given: list[Feedback]) -> str:
    page = team_page(team.id)
    term = TEAM_KIND.get(team.kind)
    kind = term.label.lower() if term else team.kind
    out = [f"# {safe.text(team.name)}\n"]
    facts = [
        f"An {kind}" if kind[0] in "aeiou" else f"A {kind}",
        f"speaks for {_groups(site, team)}",
    ]
    if team.area:
        facts.append(f"works in {safe.text(team.area)}")
    out.append(" · ".join(facts) + "\n{ .cp-facts }\n")
    if team.description:
        out.append(safe.paragraphs(team.description) + "\n")
    if team.contact:
        out.append(
            ':material-web:{ aria-hidden="true" } '
            + safe.link(team.contact, "Contact the team")
            + "\n"
        )
    out.append(_members(site, page, team))
    out.append(_owned(site, page, team))
    out.append(team_answers(site, page, team))
    out.append(_given(site, page, given))
    return "\n".join(part for part in out if part)


def _members(site: Site, page: str, team: Team) -> str:
    teams = [m.team for m in team.members if hasattr(m, "team")]
    people = consenting_people(team)
    if not teams and not people:
        return ""
    lines = [f"- {team_link(site, page, t)}" for t in teams]
    lines += [f"- {safe.text(name)}" for name in people]
    return "## Members\n\n" + "\n".join(lines) + "\n"


def _owned(site: Site, page: str, team: Team) -> str:
    proposals = [p for p in site.corpus.proposals.values() if p.owner == team.id]
    actions = [(p, a) for p, a in actions_of(site) if a.owner == team.id]
    out = []
    if proposals:
        out.append("## Proposals owned\n")
        out += [f"- {proposal_link(site, page, p)}" for p in proposals]
        out.append("")
    if actions:
        out.append(
            "## Actions owned\n\n| Action | Proposal | Due | Status |\n| --- | --- | --- | --- |"
        )
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
    latest = sorted(given, key=lambda f: (f.submitted, f.id), reverse=True)
    out = [f"## Feedback given\n\n{plural(len(given), 'piece')} of feedback, latest first.\n"]
    for item in latest[:FEEDBACK_SHOWN]:
        out.append(
            f"- {site.t.day(item.submitted)} · {badge(site, 'stance', item.stance, STANCE)} on"
            f" {feedback_link(site, page, item)}"
        )
    if len(given) > FEEDBACK_SHOWN:
        out.append(f"\nThe {FEEDBACK_SHOWN} latest are shown; every item is in the open data.")
    return "\n".join(out) + "\n"
