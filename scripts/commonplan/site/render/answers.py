""" "You said, we did": every answer the owners gave, proposal by proposal."""

from __future__ import annotations

from commonplan.feedback import Feedback
from commonplan.model import Proposal
from commonplan.site.render.common import Site, pager, proposal_link
from commonplan.site.render.exchange import exchange
from commonplan.site.render.proposal_index import status_order
from commonplan.urls import paged

ANSWERS_PER_PAGE = 60
FIRST = "answers/index.md"


def render(site: Site) -> dict[str, str]:
    answered: list[tuple[Proposal, Feedback]] = []
    for proposal in sorted(site.corpus.proposals.values(), key=lambda p: status_order(site, p)):
        items = [f for f in site.corpus.feedback_on(proposal.id) if f.response is not None]
        items.sort(
            key=lambda f: (f.response.date if f.response else f.submitted, f.id), reverse=True
        )
        answered += [(proposal, f) for f in items]
    shown = paged(answered, ANSWERS_PER_PAGE, FIRST, "answers/page-{n}.md")
    paths = [path for path, _ in shown]
    t = site.t
    title = t("You said, we did")
    lead = t(
        "Every answer the owners of a proposal gave to the people who spoke, newest first"
        " within each proposal."
    )
    pages = {}
    for number, (path, part) in enumerate(shown, start=1):
        out = [f"# {title}\n", f"{lead}\n", pager(site.t, path, paths, number)]
        current = None
        for proposal, item in part:
            if proposal is not current:
                current = proposal
                out.append(f"## {proposal_link(site, path, proposal)}\n")
            # The exchange's own links point at the proposal page it comes from.
            out.append(exchange(site, path, proposal, item))
        if not part:
            out.append(t("No answers yet.") + "\n")
        pages[path] = "\n".join(out)
    return pages
