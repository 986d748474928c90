"""The printable consultation pack, read from the built demo site as a person would: the
plan in brief, the headings of its parts, and a form whose boxes are the spreadsheet
template's columns, with tick boxes in the words the import accepts."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from commonplan.corpus import Corpus
from commonplan.intake.spreadsheet import is_personal
from commonplan.repository import check_repository
from commonplan.site.render import render_site
from commonplan.site.render.printpack import PACK_LABEL
from commonplan.vocabulary import STANCE, resolve_group, resolve_section, resolve_stance

from .conftest import ROOT, WriteFile
from .helpers import live_markup
from .site_fixtures import Built, under_heading, words

TEMPLATE = ROOT / "site" / "take-part" / "feedback-template.csv"
WITH_PACK = ("getting-about", "warm-spaces", "young-carers-school")  # open, open, draft
WITHOUT_PACK = ("carers-breaks", "home-from-hospital")  # revised, adopted: closed


@pytest.fixture(scope="module")
def demo() -> Corpus:
    validation = check_repository(ROOT)
    assert validation.corpus is not None
    return validation.corpus


def template_columns() -> list[str]:
    with TEMPLATE.open(newline="", encoding="utf-8") as handle:
        return next(csv.reader(handle))


def form_fields(page: BeautifulSoup) -> dict[str, Tag]:
    """The form's fields by their heading, in the order printed."""
    form = under_heading(page, "Your feedback")
    fields: dict[str, Tag] = {}
    for block in form:
        heading = block.find("h3")
        assert heading is not None, block
        fields[words(heading)] = block
    return fields


def ticks(field: Tag) -> list[str]:
    listed = field.find("ul")
    assert listed is not None, field
    return [words(item) for item in listed.find_all("li")]


# --- which proposals have one --------------------------------------------------------------


@pytest.mark.parametrize("proposal_id", WITH_PACK)
def test_open_and_draft_proposals_link_to_their_pack(demo_site: Built, proposal_id: str) -> None:
    page = demo_site.html(f"proposals/{proposal_id}/")
    links = [a for a in page.find_all("a") if words(a) == "Print a consultation pack"]
    assert [link["href"] for link in links] == ["print/"]
    assert (demo_site.out / "proposals" / proposal_id / "print" / "index.html").is_file()


@pytest.mark.parametrize("proposal_id", WITHOUT_PACK)
def test_closed_proposals_have_no_pack(demo_site: Built, proposal_id: str) -> None:
    page = demo_site.html(f"proposals/{proposal_id}/")
    assert "Print a consultation pack" not in page.get_text()
    assert not (demo_site.out / "proposals" / proposal_id / "print").exists()


def test_a_consultation_yet_to_open_has_a_pack_and_one_just_closed_has_none(
    write: WriteFile, demo_copy: Path
) -> None:
    front = (ROOT / "proposals" / "warm-spaces.md").read_text(encoding="utf-8")
    window = "consultation: {opens: 2026-11-02, closes: 2026-12-15}"
    assert window in front
    write(
        "proposals/later.md",
        front.replace(window, "consultation: {opens: 2027-01-04, closes: 2027-02-26}"),
    )
    write(
        "proposals/ended.md",
        front.replace(window, "consultation: {opens: 2026-10-01, closes: 2026-11-25}"),
    )
    validation = check_repository(demo_copy)
    assert validation.corpus is not None
    pages = render_site(validation.corpus)
    assert (
        "open for comment from 4 January 2027 to 26 February 2027"
        in pages["proposals/later/print.md"]
    )
    assert "Print a consultation pack" in pages["proposals/later.md"]
    assert "proposals/ended/print.md" not in pages
    assert "Print a consultation pack" not in pages["proposals/ended.md"]


# --- what it says --------------------------------------------------------------------------


@pytest.mark.parametrize("proposal_id", WITH_PACK)
def test_pack_has_the_summary_and_every_section_heading(
    demo_site: Built, demo: Corpus, proposal_id: str
) -> None:
    proposal = demo.proposals[proposal_id]
    page = demo_site.html(f"proposals/{proposal_id}/print/")
    assert words(page.find("h1")) == f"Consultation pack: {proposal.title}"
    brief = " ".join(words(tag) for tag in under_heading(page, "The plan in brief"))
    assert " ".join(proposal.summary.split()) in brief
    contents = under_heading(page, "What the plan covers")
    listed = [words(item) for tag in contents for item in tag.find_all("li")]
    assert listed == [section.title for section in proposal.sections]
    assert len(listed) >= 3


# How each field of the printed form is filled in: written in a box, or ticked.
FILLED_IN_BY = {
    "Proposal": "box",  # already filled in with the proposal's id
    "Section": "ticks",
    "Group": "ticks",
    "Stance": "ticks",
    "Feedback": "box",
    "Team": "box",
    "Date": "box",
}


@pytest.mark.parametrize("proposal_id", WITH_PACK)
def test_form_boxes_are_exactly_the_template_columns(demo_site: Built, proposal_id: str) -> None:
    """Fails when the template file and the printed form disagree, in names or order."""
    fields = form_fields(demo_site.html(f"proposals/{proposal_id}/print/"))
    assert [heading.lower() for heading in fields] == template_columns()
    for heading, field in fields.items():
        assert not is_personal(heading)
        # Something to write in, or answers to tick: each field one or the other.
        kind = ("box" if field.select(".cp-box") else "") + (
            "ticks" if field.select("ul.cp-ticks li") else ""
        )
        assert kind == FILLED_IN_BY[heading], heading
    assert fields["Feedback"].select_one(".cp-box-feedback") is not None
    assert proposal_id in words(fields["Proposal"])


def test_pack_says_names_are_not_needed_and_asks_for_no_personal_data(demo_site: Built) -> None:
    page = demo_site.html("proposals/warm-spaces/print/")
    advice = " ".join(words(tag) for tag in under_heading(page, "How to give your feedback"))
    assert "You do not need to give your name." in advice
    form = " ".join(words(tag) for tag in under_heading(page, "Your feedback"))
    for personal in ("your name", "e-mail", "email", "phone", "address"):
        assert personal not in form.lower(), personal


def test_ticks_are_the_choices_in_words_the_import_accepts(demo_site: Built, demo: Corpus) -> None:
    proposal = demo.proposals["warm-spaces"]
    groups = demo.settings.groups
    fields = form_fields(demo_site.html("proposals/warm-spaces/print/"))
    assert ticks(fields["Group"]) == list(groups.values())
    assert [resolve_group(label, groups) for label in ticks(fields["Group"])] == list(groups)
    assert ticks(fields["Stance"]) == [term.label for term in STANCE.terms]
    assert [resolve_stance(label) for label in ticks(fields["Stance"])] == list(STANCE.ids())
    assert [resolve_section(label, proposal) for label in ticks(fields["Section"])] == [
        section.anchor for section in proposal.sections
    ]


# --- untrusted text ------------------------------------------------------------------------


@pytest.mark.parametrize("field", ["proposal-title", "proposal-summary", "body-heading"])
def test_hostile_titles_and_headings_are_printed_as_text(hostile_site: Built, field: str) -> None:
    page = hostile_site.html("proposals/hostile/print/")
    assert live_markup(page) == []
    seen = " ".join(page.get_text(" ").split())
    assert f"XSS-{field}" in seen and f"END-{field}" in seen
    assert '<script>alert("s1")</script>' in seen


def test_a_hostile_heading_is_a_section_to_tick_as_text(hostile_site: Built) -> None:
    fields = form_fields(hostile_site.html("proposals/hostile/print/"))
    plain, hostile = ticks(fields["Section"])
    assert plain == "Plain heading"
    # The heading's title as the draft's table of contents gives it, start to end.
    assert hostile.startswith("XSS-body-heading ") and hostile.endswith(" END-body-heading")


@pytest.mark.parametrize("guide", ["facilitators.md", "take-part/index.md"])
def test_guides_name_the_button_as_the_site_shows_it(guide: str) -> None:
    text = (ROOT / "site" / guide).read_text(encoding="utf-8")
    assert f'"{PACK_LABEL}"' in " ".join(text.split())


def test_search_finds_the_plan_not_its_pack(demo_site: Built) -> None:
    index = json.loads((demo_site.out / "search" / "search_index.json").read_text())
    locations = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert "proposals/warm-spaces/" in locations
    assert not [place for place in locations if place.endswith("/print/")]
