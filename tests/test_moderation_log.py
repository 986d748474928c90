"""The public moderation log, `data/moderations.csv`, the "report this" links, and counts
that stay honest, read from the built demo site with one item more hidden and one withdrawn."""

from __future__ import annotations

import csv
import io
from urllib.parse import parse_qs, urlsplit

import pytest

from commonplan.repository import check_repository
from commonplan.site.render.moderation import MODERATION_COLUMNS

from .site_fixtures import Built, build, copy_demo
from .test_taken_down import HIDDEN_WORDS, MODERATION, WITHDRAWN_WORDS, item

HIDDEN = "feedback/carers-breaks/carers-breaks-0091.yml"
WITHDRAWN = "feedback/carers-breaks/carers-breaks-0092.yml"


def on_carers_breaks(body: str, extra: str = "") -> str:
    return (
        item(body, extra)
        .replace("warm-spaces", "carers-breaks")
        .replace("recorded_by: carers-breaks-team", "recorded_by: hollowmere-carers-network")
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    root = copy_demo(tmp_path_factory.mktemp("demo"))
    (root / HIDDEN).write_text(on_carers_breaks(HIDDEN_WORDS, MODERATION))
    (root / WITHDRAWN).write_text(
        on_carers_breaks(WITHDRAWN_WORDS, "withdrawn:\n  date: 2026-11-23\n")
    )
    result = check_repository(root)
    assert result.diagnostics.ok, result.diagnostics.errors
    done = build(root, tmp_path_factory.mktemp("out"))
    assert done.returncode == 0, done.log
    return done


def taken_down(built: Built) -> set[str]:
    corpus = check_repository(built.root).corpus
    return {f.id for f in corpus.feedback.values() if f.taken_down}


def test_the_log_page_lists_every_hidden_and_withdrawn_item_and_why(built: Built) -> None:
    expected = taken_down(built)
    assert {"carers-breaks-0091", "carers-breaks-0092", "warm-spaces-0017"} <= expected
    page = built.html("moderation/")
    [table] = [t for t in page.find_all("table") if "What happened" in t.get_text()]
    rows = {
        cells[0].get_text(strip=True): [c.get_text(" ", strip=True) for c in cells]
        for cells in (tr.find_all("td") for tr in table.find_all("tr")[1:])
    }
    assert set(rows) == expected
    assert rows["carers-breaks-0091"][2:6] == [
        "Hidden",
        "It was abusive",
        "Hollowmere Council for Voluntary Service",
        "22 November 2026",
    ]
    assert rows["carers-breaks-0092"][2:4] == [
        "Withdrawn",
        "At the request of the person who gave it",
    ]
    for link in table.find_all("a", href=True):  # each row leads to the item's place
        if link.get_text(strip=True) in expected:
            assert link["href"].endswith(f"#{link.get_text(strip=True)}")
    text = page.get_text(" ")
    assert "getting-about-0002" in text  # reported and still shown, with its report
    assert "It was not about this plan (1)" in text


def test_moderations_csv_has_a_row_for_each_and_the_open_data_page_describes_it(
    built: Built,
) -> None:
    rows = list(csv.DictReader(io.StringIO((built.out / "data/moderations.csv").read_text())))
    assert list(rows[0]) == [c.name for c in MODERATION_COLUMNS]
    by_id = {row["id"]: row for row in rows}
    assert {i for i, row in by_id.items() if row["status"] != "reported"} == taken_down(built)
    hidden = by_id["carers-breaks-0091"]
    assert (hidden["status"], hidden["reason"], hidden["reason_label"]) == (
        "hidden",
        "abusive",
        "It was abusive",
    )
    assert (hidden["by"], hidden["date"], hidden["hidden_at"]) == (
        "hollowmere-cvs",
        "2026-11-22",
        "2026-11-22",
    )
    assert hidden["reported_url"].endswith("/proposals/carers-breaks/#carers-breaks-0091")
    withdrawn = by_id["carers-breaks-0092"]
    assert (withdrawn["status"], withdrawn["by"], withdrawn["hidden_at"]) == ("withdrawn", "", "")
    assert (by_id["warm-spaces-0017"]["report_count"], by_id["warm-spaces-0017"]["reports"]) == (
        "1",
        "spam",
    )
    assert by_id["getting-about-0002"]["status"] == "reported"
    data_page = built.html("data/").get_text(" ")
    assert "moderations.csv" in data_page
    for column in MODERATION_COLUMNS:
        assert column.name in data_page


def test_every_item_still_shown_has_report_links_and_a_taken_down_one_has_none(
    built: Built,
) -> None:
    page = built.html("proposals/carers-breaks/")
    shown = page.find(id="carers-breaks-0001")
    assert shown is not None
    [form] = [a for a in shown.find_all("a") if a.get_text(strip=True) == "Report this"]
    query = parse_qs(urlsplit(form["href"]).query)
    assert form["href"].startswith("https://github.com/hollowmere-together/strategy/issues/new?")
    assert query == {"template": ["report.yml"], "feedback": ["carers-breaks-0001"]}
    [mail] = [a for a in shown.find_all("a") if a["href"].startswith("mailto:")]
    assert parse_qs(urlsplit(mail["href"]).query)["subject"] == ["Report: carers-breaks-0001"]
    hidden = page.find(id="carers-breaks-0091")
    assert hidden is not None
    assert "Report this" not in hidden.get_text()
    assert "it was taken down" in hidden.get_text()
    assert hidden.find("a", href=lambda h: h and "moderation/" in h) is not None


def test_a_hidden_item_is_counted_and_said_to_be_and_a_withdrawn_one_is_not_counted(
    built: Built,
) -> None:
    page = built.html("proposals/carers-breaks/")
    said = page.find(id="what-people-said")
    assert said is not None
    tally = said.find_next("p").get_text(" ", strip=True)
    assert "(including 1 hidden by the moderators)" in tally
    corpus = check_repository(built.root).corpus
    concerns = sum(
        f.stance == "concern" and f.withdrawn is None for f in corpus.feedback_on("carers-breaks")
    )
    assert f"Concern {concerns}" in tally  # the withdrawn concern is not in the tally
    heard = page.find(id="who-was-heard")
    assert heard is not None
    assert "(1 hidden)" in heard.find_next("table").get_text(" ")
