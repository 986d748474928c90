"""Community text in the site's tables and links, in the built HTML: a `|` stays in its cell
instead of splitting the table, and every link somebody else wrote is marked as theirs
(`rel="nofollow ugc"`), so that search engines give it no weight from the council's site."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup, Tag

from .helpers import write_file
from .site_fixtures import Built, build, copy_demo, under_heading, words

AREA = "Upper Dale | Lower Dale"
CARERS = "Carers | cared-for people"
FEEDBACK_LINK = "https://example.org/bus-times"
CONTACT = "https://example.org/pipe-friends"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    root = copy_demo(tmp_path_factory.mktemp("pipes"))
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "        carer: Carers\n" in text
    config.write_text(text.replace("        carer: Carers\n", f"        carer: {CARERS}\n"))
    write_file(
        root,
        "teams/pipe-friends.yml",
        f"name: Pipe Friends\nkind: community-group\ngroups: [carer]\narea: {AREA}\n"
        f"contact: {CONTACT}\n",
    )
    write_file(
        root,
        "feedback/warm-spaces/warm-spaces-0901.yml",
        "proposal: warm-spaces\nfrom: pipe-friends\nstance: idea\nsubmitted: 2026-11-20\n"
        "source: {kind: meeting, recorded_by: pipe-friends}\n"
        f"body: The bus times are at {FEEDBACK_LINK}, please link them.\n",
    )
    built = build(root, tmp_path_factory.mktemp("pipes-site"))
    assert built.returncode == 0, built.log
    return built


def _rows(table: Tag) -> list[list[str]]:
    """The words of each row's cells, header row first."""
    return [[words(cell) for cell in row.find_all(["th", "td"])] for row in table.find_all("tr")]


def _table_under(page: BeautifulSoup, heading: str) -> Tag:
    tables = [t for block in under_heading(page, heading) for t in block.find_all("table")]
    tables += [block for block in under_heading(page, heading) if block.name == "table"]
    assert len(tables) == 1, f"one table under {heading!r}"
    return tables[0]


def _assert_whole(table: Tag) -> list[list[str]]:
    rows = _rows(table)
    assert len(rows) > 1
    assert {len(row) for row in rows} == {len(rows[0])}, rows
    return rows


def test_a_bar_in_a_teams_area_stays_in_its_cell(site: Built) -> None:
    rows = _assert_whole(_table_under(site.html("teams/"), "Community groups"))
    assert rows[0] == ["Team", "Area", "Speaks for", "Proposals owned", "Feedback given"]
    [row] = [row for row in rows if row[0] == "Pipe Friends"]
    assert row == ["Pipe Friends", AREA, CARERS, "0", "1"]


def test_a_bar_in_a_group_label_stays_in_its_cell(site: Built) -> None:
    voices = _assert_whole(_table_under(site.html("voices/"), "Feedback by group and proposal"))
    assert CARERS in voices[0]
    assert voices[0][0] == "Proposal" and voices[0][-1] == "Invited, not heard"
    home = _assert_whole(_table_under(site.html(""), "Voices heard"))
    [carers] = [row for row in home if row[0] == CARERS]
    assert carers[-1] == "Heard"


def _link(page: BeautifulSoup, href: str) -> Tag:
    [anchor] = [a for a in page.find_all("a") if a.get("href") == href]
    return anchor


def test_a_link_in_feedback_is_marked_as_community_content(site: Built) -> None:
    anchor = _link(site.html("proposals/warm-spaces/"), FEEDBACK_LINK)
    assert words(anchor) == FEEDBACK_LINK
    assert anchor.get("rel") == ["nofollow", "ugc"]


def test_a_teams_contact_link_is_marked_as_community_content(site: Built) -> None:
    anchor = _link(site.html("teams/pipe-friends/"), CONTACT)
    assert words(anchor) == "Contact the team"
    assert anchor.get("rel") == ["nofollow", "ugc"]
