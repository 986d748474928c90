"""The ids on a proposal's page: those of its own parts, and the one each section's heading
gets. Every link to a part of a proposal page asks here, so that it lands where it should.

The page gives ids to the headings it writes, to each piece of feedback, each version and
each measure, and to where the comments on each section start. A heading of the proposal's
text never takes one of them: ``sections.page_anchors`` gives it another.
"""

from __future__ import annotations

from dataclasses import dataclass

from markdown.extensions.toc import unique

from commonplan.language import ENGLISH, Language
from commonplan.load.sections import anchor_of, page_anchors
from commonplan.model import Proposal, Section
from commonplan.site.render.common import Site


def page_headings(t: Language) -> tuple[str, ...]:
    """The headings a proposal page writes without an id of its own, in ``t``'s words:
    Markdown's table of contents gives each the slug of its words. The same messages as
    the page writes (proposals.py, and heard.py for "Who was heard")."""
    return (
        t("The draft"),
        t("What people said"),
        t("What changed"),
        t("Actions"),
        t("Measures"),
        t("Who was heard"),
    )


# In English (tests/test_anchors.py keeps this list whole).
PAGE_HEADINGS = page_headings(ENGLISH)
WHERE_GROUPS_STAND = "where-groups-stand"
GENERAL_SAID = "said-general"


@dataclass(frozen=True)
class ProposalIds:
    own: frozenset[str]  # the ids of the page's own parts, comments' starts among them
    headings: dict[str, str]  # section anchor → the id of its heading
    said: dict[str | None, str]  # section anchor (None: general) → where its comments start

    def heading(self, anchor: str) -> str:
        return self.headings.get(anchor, anchor)

    def comments(self, section: Section | None) -> str:
        return self.said[section.anchor if section else None]


def proposal_ids(site: Site, proposal: Proposal) -> ProposalIds:
    """The ids of ``proposal``'s page (worked out once per proposal and build)."""
    found = site.page_ids.get(proposal.id)
    if found is None:
        found = site.page_ids[proposal.id] = _ids(site, proposal)
    return found


def _ids(site: Site, proposal: Proposal) -> ProposalIds:
    used = {
        anchor_of(proposal.title),
        # The slugs of the English words too, so a section keeps its id in every language.
        *(anchor_of(heading) for heading in {*PAGE_HEADINGS, *page_headings(site.t)}),
        WHERE_GROUPS_STAND,
        *(f"version-{revision.version}" for revision in proposal.revisions),
        *(f"measure-{measure.id}" for measure in proposal.measures),
        *(item.id for item in site.corpus.feedback_on(proposal.id)),
    }
    # Where each section's comments start: `said-<anchor>`, each once on the page.
    said: dict[str | None, str] = {None: unique(GENERAL_SAID, used)}
    for section in proposal.sections:
        said[section.anchor] = unique(f"said-{section.anchor}", used)
    headings = page_anchors([section.anchor for section in proposal.sections], used)
    return ProposalIds(frozenset(used), headings, said)
