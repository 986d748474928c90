"""Headings never take the site's own anchors: a proposal heading whose anchor the page uses
for a part of its own ("Where groups stand", a piece of feedback's id, a version …) gets an
id of its own on the page, every link lands where it should, and feedback still names the
section by its anchor or its heading text."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from commonplan.repository import check_repository
from commonplan.site.render.anchors import proposal_ids
from commonplan.site.render.common import Site
from commonplan.vocabulary import resolve_section

from .helpers import write_file
from .site_fixtures import Built, build, copy_demo

HEADINGS = {
    # heading → (its anchor, which feedback names; the id its heading gets on the page)
    "Where groups stand": ("where-groups-stand", "where-groups-stand-section"),
    "Clash 0001": ("clash-0001", "clash-0001-section"),
    "General": ("general", "general"),
    "Said general": ("said-general", "said-general-section_1"),
    # An anchor the page does not use keeps it, even when a clashing one would want it.
    "Said general section": ("said-general-section", "said-general-section"),
    "Version 2": ("version-2", "version-2-section"),
    "Actions": ("actions", "actions-section_1"),
    "Actions section": ("actions-section", "actions-section"),
    "The draft": ("the-draft", "the-draft-section"),
    "Measure m": ("measure-m", "measure-m-section"),
    "Who was heard": ("who-was-heard", "who-was-heard-section"),
    "Plain words": ("plain-words", "plain-words"),
}
# The ids the theme gives every page.
THEME_IDS = {"__drawer", "__search", "__config"}
PAGE = "proposals/clash/"


def _write_clashing_proposal(root: Path) -> None:
    body = "\n\n".join(f"## {heading}\n\nWords under {heading}." for heading in HEADINGS)
    write_file(
        root,
        "proposals/clash.md",
        "---\ntitle: Headings that look like the page's own\nowner: warm-spaces-team\n"
        "status: consultation\nsummary: Every heading here is one the page could use.\n"
        "invite: [citizen, carer]\nconsultation: {opens: 2026-11-01, closes: 2026-12-20}\n"
        "revisions:\n  - version: 2\n    date: 2026-11-20\n    summary: Clearer words.\n"
        "    responds_to: [clash-0001]\n"
        "actions:\n  - id: act\n    title: Do it\n    owner: warm-spaces-team\n"
        "    due: 2026-12-31\n    status: planned\n"
        "measures:\n  - id: m\n    name: Things done\n    unit: things\n    baseline: 1\n"
        "    target: 5\n    history: [{date: 2026-11-10, value: 2}]\n"
        f"---\n{body}\n",
    )
    said = [
        ("where-groups-stand", "citizen"),
        ("where-groups-stand", "carer"),
        ("clash-0001", "citizen"),
        ("general", "carer"),
        ("said-general", "citizen"),
        ("actions", "citizen"),
        (None, "carer"),
    ]
    for number, (section, group) in enumerate(said, start=1):
        where = f"section: {section}\n" if section else ""
        write_file(
            root,
            f"feedback/clash/clash-{number:04d}.yml",
            f"proposal: clash\n{where}group: {group}\nstance: support\nsubmitted: 2026-11-05\n"
            f"source:\n  kind: meeting\n  recorded_by: warm-spaces-team\nbody: Comment {number}.\n",
        )


@pytest.fixture(scope="module")
def clashing(tmp_path_factory: pytest.TempPathFactory) -> Built:
    root = copy_demo(tmp_path_factory.mktemp("clash"))
    _write_clashing_proposal(root)
    built = build(root, tmp_path_factory.mktemp("clash-site"))
    assert built.returncode == 0, built.log
    return built


def _ids(page: BeautifulSoup) -> list[str]:
    return [str(tag["id"]) for tag in page.find_all(id=True)]


def _heading(page: BeautifulSoup, id_: str) -> Tag:
    found = page.find(id=id_)
    assert isinstance(found, Tag) and found.name in {"h2", "h3", "h4"}, id_
    return found


def _words(tag: Tag) -> str:
    return " ".join(
        s for s in tag.find_all(string=True) if "headerlink" not in (s.parent.get("class") or [])
    ).strip()


def test_feedback_names_the_section_by_its_anchor_or_heading(clashing: Built) -> None:
    validation = check_repository(clashing.root)
    assert validation.diagnostics.errors == []  # `section: where-groups-stand` still resolves
    proposal = validation.corpus.proposals["clash"]
    assert [s.anchor for s in proposal.sections] == [a for a, _ in HEADINGS.values()]
    for heading, (anchor, _) in HEADINGS.items():
        assert resolve_section(heading, proposal) == anchor
        assert resolve_section(anchor, proposal) == anchor
    ids = proposal_ids(Site(validation.corpus), proposal)
    assert ids.headings == dict(HEADINGS.values())


def test_every_id_on_the_page_is_unique(clashing: Built) -> None:
    ids = Counter(_ids(clashing.html(PAGE)))
    assert [id_ for id_, count in ids.items() if count > 1] == []


def test_each_heading_has_its_id_and_the_pages_own_parts_keep_theirs(clashing: Built) -> None:
    page = clashing.html(PAGE)
    for heading, (_, id_) in HEADINGS.items():
        assert _words(_heading(page, id_)) == heading
    for id_, words in {
        "where-groups-stand": "Where groups stand",
        "the-draft": "The draft",
        "actions": "Actions",
        "who-was-heard": "Who was heard",
        "version-2": "Version 2, 20 November 2026",
        "measure-m": "Things done",
        "said-general": "General comments",
        "said-where-groups-stand": "On “Where groups stand”",
        "said-said-general": "On “Said general”",
        "said-general_1": "On “General”",
    }.items():
        assert _words(_heading(page, id_)) == words, id_
    assert page.find(id="clash-0001") is not None
    assert page.find(id="clash-0001").name == "div"  # the piece of feedback, not a heading


def test_every_link_to_a_part_of_the_page_lands_on_it(clashing: Built) -> None:
    page = clashing.html(PAGE)
    hashes = {str(a["href"])[1:] for a in page.find_all("a", href=True) if a["href"][:1] == "#"}
    assert "where-groups-stand" in hashes and "said-where-groups-stand" in hashes
    assert [h for h in hashes if page.find(id=h) is None] == []
    # The table of where groups stand links each section to its heading.
    table = page.find(id="where-groups-stand").find_next("table")
    links = {_words(a): str(a["href"]) for a in table.find_all("a")}
    assert links["Where groups stand"] == "#where-groups-stand-section"
    assert links["Clash 0001"] == "#clash-0001-section"
    # Under that heading, the link to its comments goes where they start.
    tools = _heading(page, "where-groups-stand-section").find_next_sibling("p")
    assert "#said-where-groups-stand" in [str(a["href"]) for a in tools.find_all("a")]


def test_the_ids_the_page_makes_are_the_ones_known(clashing: Built) -> None:
    """The page's own parts are all in `anchors` (its list of headings kept whole): any other
    id would be one a section's heading could take."""
    validation = check_repository(clashing.root)
    proposal = validation.corpus.proposals["clash"]
    ids = proposal_ids(Site(validation.corpus), proposal)
    unknown = set(_ids(clashing.html(PAGE))) - ids.own - set(ids.headings.values()) - THEME_IDS
    assert unknown == set()
