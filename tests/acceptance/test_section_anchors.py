"""Every section a piece of feedback can name is an anchor on the built proposal page."""

from __future__ import annotations

from commonplan.repository import check_repository

from ..conftest import ROOT
from ..site_fixtures import Built


def test_each_section_anchor_is_an_id_on_the_proposal_page(demo_site: Built) -> None:
    corpus = check_repository(ROOT).corpus
    checked = 0
    for proposal in corpus.proposals.values():
        page = demo_site.html(f"proposals/{proposal.id}/")
        heading_ids = {
            str(h["id"]) for h in page.find_all(["h2", "h3", "h4", "h5", "h6"]) if h.get("id")
        }
        anchors = {section.anchor for section in proposal.sections}
        assert anchors, proposal.id
        assert anchors - heading_ids == set(), proposal.id
        checked += len(anchors)
    assert checked >= 15


def test_feedback_on_a_section_links_to_a_heading_that_exists(demo_site: Built) -> None:
    corpus = check_repository(ROOT).corpus
    sectioned = [item for item in corpus.feedback.values() if item.section]
    assert len(sectioned) >= 10
    for item in sectioned:
        page = demo_site.html(f"proposals/{item.proposal}/")
        assert page.find(id=item.section) is not None, (item.id, item.section)
