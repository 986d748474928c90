"""The proposals index: every proposal by where it is in its life, open consultations first."""

from __future__ import annotations

from commonplan.load.sections import anchor_of
from commonplan.model import Proposal
from commonplan.site.render.common import Site, pager, percent, proposal_link, team_link
from commonplan.urls import paged
from commonplan.vocabulary import PROPOSAL_STATUS

PROPOSALS_PER_INDEX_PAGE = 200


def render(site: Site) -> dict[str, str]:
    return _index_pages(site)


def status_order(site: Site, proposal: Proposal) -> tuple[int, str]:
    """Open consultations first, then the statuses in their life-cycle order."""
    rank = -1 if proposal.is_open(site.today) else PROPOSAL_STATUS.ids().index(proposal.status)
    return rank, proposal.title.casefold()


def _index_pages(site: Site) -> dict[str, str]:
    t = site.t
    statuses = PROPOSAL_STATUS.in_language(t)
    ordered = sorted(site.corpus.proposals.values(), key=lambda p: status_order(site, p))
    shown = paged(ordered, PROPOSALS_PER_INDEX_PAGE, "proposals/index.md", "proposals/page-{n}.md")
    paths = [path for path, _ in shown]
    title, lead = t("Proposals"), t("Every strategy draft, grouped by where it is in its life.")
    columns = " | ".join(
        [
            t.p("column", "Proposal"),
            t.p("column", "Owner"),
            t.p("column", "Feedback"),
            t.p("column", "Answered"),
        ]
    )
    pages = {}
    for number_, (path, part) in enumerate(shown, start=1):
        out = [f"# {title}\n", f"{lead}\n"]
        out.append(pager(site.t, path, paths, number_))
        heading: object = ()
        for proposal in part:
            # Open consultations (None) first, then each status.
            group = None if proposal.is_open(site.today) else proposal.status
            if group != heading:
                heading = group
                shown_as = t("Open for comment") if group is None else statuses[group].heading_label
                # The same id in every language: other pages link to it.
                english = (
                    "Open for comment" if group is None else PROPOSAL_STATUS[group].heading_label
                )
                anchor = anchor_of(english)
                out.append(
                    f"\n## {shown_as} {{ #{anchor} }}\n\n| {columns} |\n| --- | --- | --- | --- |"
                )
            feedback = site.corpus.feedback_on(proposal.id)
            answered = sum(1 for f in feedback if f.response is not None and f.response.final)
            out.append(
                f"| {proposal_link(site, path, proposal)} | {team_link(site, path, proposal.owner)}"
                f" | {len(feedback)} | {percent(answered, len(feedback))} |"
            )
        if not part:
            out.append(t("No proposals yet."))
        pages[path] = "\n".join(out) + "\n"
    return pages
