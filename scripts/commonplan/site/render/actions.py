"""Every action by status, recently done first: the small concrete victories."""

from __future__ import annotations

from commonplan.model import Action, Proposal
from commonplan.site.render import safe
from commonplan.site.render.common import (
    Site,
    actions_of,
    badge,
    pager,
    proposal_link,
    team_link,
)
from commonplan.urls import paged
from commonplan.vocabulary import ACTION_STATUS

ACTIONS_PER_PAGE = 300
FIRST = "actions/index.md"
# Done first (the victories), then what is moving, then the rest.
ORDER = ["done", "in-progress", "planned", "stalled", "dropped"]


def _key(entry: tuple[Proposal, Action]) -> tuple[int, int, str]:
    _, action = entry
    rank = ORDER.index(action.status) if action.status in ORDER else len(ORDER)
    when = action.done or action.due
    # Recently done first; everything else soonest due first.
    ordinal = when.toordinal() if when else 0
    return rank, -ordinal if action.status == "done" else ordinal, action.title.casefold()


def render(site: Site) -> dict[str, str]:
    t = site.t
    entries = sorted(actions_of(site), key=_key)
    shown = paged(entries, ACTIONS_PER_PAGE, FIRST, "actions/page-{n}.md")
    paths = [path for path, _ in shown]
    statuses = ACTION_STATUS.in_language(t)
    headings = " | ".join(
        [
            t.p("table heading", "Action"),
            t.p("table heading", "Proposal"),
            t.p("table heading", "Owner"),
            t.p("table heading", "When"),
            t.p("table heading", "Status"),
        ]
    )
    # Translators: when an action was done, in a table cell; {day} is a date.
    done = t("done {day}")
    # Translators: when an action should be done, in a table cell; {day} is a date.
    due = t("due {day}")
    pages = {}
    for number, (path, part) in enumerate(shown, start=1):
        out = [
            "# " + t("Actions") + "\n",
            t(
                "What the strategy turns into: small, concrete things with an owner and a date."
                " Done first, most recent at the top."
            )
            + "\n",
            pager(site.t, path, paths, number),
        ]
        status = None
        for proposal, action in part:
            if action.status != status:
                status = action.status
                out.append(
                    f"\n## {statuses[status].heading_label}\n\n"
                    f"| {headings} |\n| --- | --- | --- | --- | --- |"
                )
            when = (
                done.format(day=t.day(action.done))
                if action.done
                else (due.format(day=t.day(action.due)) if action.due else "—")
            )
            out.append(
                f"| {safe.text(action.title)} | {proposal_link(site, path, proposal)}"
                f" | {team_link(site, path, action.owner)} | {when}"
                f" | {badge(site, 'action', action.status, ACTION_STATUS)} |"
            )
        if not part:
            out.append(t("No actions yet."))
        pages[path] = "\n".join(out) + "\n"
    return pages
