"""A proposal's translation, `proposals/<id>.<language>.md`: checked against its original
(headings, ids) with located errors, missing ones warned about, and shown on the other
language's pages at the original's anchors."""

from __future__ import annotations

import statistics
from pathlib import Path

import pytest

from commonplan.repository import check_repository

from .site_fixtures import build
from .test_languages import bilingual

TRANSLATION = "proposals/warm-spaces.cy.md"
WELSH = """---
title: Mannau cynnes, croesawgar drwy'r gaeaf a thu hwnt
summary: Deuddeg man cynnes ar draws Hollowmere y gaeaf hwn.
actions:
  weekly-rota: Rota wythnosol a rennir
measures:
  warm-space-visits: {name: Ymweliadau â mannau cynnes bob wythnos, unit: ymweliadau}
---
## Pam mae hyn yn bwysig

Y gaeaf diwethaf agorodd tair eglwys eu drysau.

## Beth rydym yn ei gynnig

Deuddeg man cynnes.

## Ble mae'r mannau

Ym mhob rhan o'r fwrdeistref.

## Beth sydd ei angen arnom gennych chi

Dywedwch wrthym ble mae'r bylchau.
"""


def errors(root: Path) -> list[tuple[str, int, str]]:
    return [(d.path, d.line, d.code) for d in check_repository(root).diagnostics.errors]


def test_a_matching_translation_passes_and_others_are_warned_as_missing(demo_copy: Path) -> None:
    bilingual(demo_copy)
    (demo_copy / TRANSLATION).write_text(WELSH)
    result = check_repository(demo_copy)
    assert result.diagnostics.ok, result.diagnostics.errors
    assert "cy" in result.corpus.translations["warm-spaces"]
    missing = {d.path for d in result.diagnostics.warnings if d.code == "translation-missing"}
    assert "proposals/warm-spaces.md" not in missing
    assert "proposals/carers-breaks.md" in missing
    [warning] = [
        d
        for d in result.diagnostics.warnings
        if d.code == "translation-missing" and d.path == "proposals/carers-breaks.md"
    ]
    assert "Cymraeg translation" in warning.message or "Welsh" in warning.message
    assert "proposals/carers-breaks.cy.md" in warning.message


def test_a_missing_heading_is_a_located_error_naming_it(demo_copy: Path) -> None:
    bilingual(demo_copy)
    without_last = WELSH[: WELSH.index("## Beth sydd ei angen")]
    (demo_copy / TRANSLATION).write_text(without_last)
    [problem] = check_repository(demo_copy).diagnostics.errors
    assert (problem.path, problem.code) == (TRANSLATION, "translation-headings")
    assert "'## What we need from you'" in problem.message
    assert "line 70 of proposals/warm-spaces.md" in problem.message


def test_a_heading_at_another_level_is_located_at_that_heading(demo_copy: Path) -> None:
    bilingual(demo_copy)
    (demo_copy / TRANSLATION).write_text(WELSH.replace("## Ble mae", "### Ble mae"))
    [problem] = check_repository(demo_copy).diagnostics.errors
    assert problem.code == "translation-headings"
    line = (demo_copy / TRANSLATION).read_text().splitlines()[problem.line - 1]
    assert line == "### Ble mae'r mannau"
    assert "level 3" in problem.message and "'## Where the spaces are'" in problem.message


def test_an_unknown_action_or_a_translation_of_nothing_is_an_error(demo_copy: Path) -> None:
    bilingual(demo_copy)
    (demo_copy / TRANSLATION).write_text(WELSH.replace("weekly-rota:", "weekly-rotta:"))
    (demo_copy / "proposals/warm-spaces-x.cy.md").write_text(WELSH)
    found = {(d.path, d.code): d for d in check_repository(demo_copy).diagnostics.errors}
    assert "did you mean 'weekly-rota'" in found[(TRANSLATION, "unknown-id")].message
    assert ("proposals/warm-spaces-x.cy.md", "unknown-proposal") in found


def test_required_translations_make_a_missing_one_an_error(demo_copy: Path) -> None:
    bilingual(demo_copy, "[en, cy]\n      require_translations: true")
    (demo_copy / TRANSLATION).write_text(WELSH)
    codes = {(path, code) for path, _, code in errors(demo_copy)}
    assert ("proposals/carers-breaks.md", "translation-missing") in codes
    assert ("proposals/warm-spaces.md", "translation-missing") not in codes


def test_a_translation_into_a_language_the_site_does_not_have_is_only_a_warning(
    demo_copy: Path,
) -> None:
    bilingual(demo_copy, "[en]")
    for other in demo_copy.glob("proposals/*.cy.md"):
        other.unlink()
    (demo_copy / TRANSLATION).write_text(WELSH)
    result = check_repository(demo_copy)
    assert result.diagnostics.ok
    [warning] = [d for d in result.diagnostics.warnings if d.code == "unpublished-translation"]
    assert warning.path == TRANSLATION


@pytest.fixture
def built_pages(demo_copy: Path, tmp_path: Path) -> tuple[object, object]:
    bilingual(demo_copy)
    (demo_copy / TRANSLATION).write_text(WELSH)
    done = build(demo_copy, tmp_path / "out")
    assert done.returncode == 0, done.log
    return done.html("proposals/warm-spaces/"), done.html("cy/proposals/warm-spaces/")


def test_the_welsh_page_shows_the_translation_at_the_originals_anchors(
    built_pages: tuple[object, object],
) -> None:
    english, welsh = built_pages
    assert "Mannau cynnes" in welsh.find("h1").get_text()  # type: ignore[attr-defined]
    assert "Warm, welcoming" in english.find("h1").get_text()  # type: ignore[attr-defined]
    heading = welsh.find(id="where-the-spaces-are")  # type: ignore[attr-defined]
    assert heading is not None and "Ble mae'r mannau" in heading.get_text()
    for anchor in ("why-this-matters", "what-we-propose", "what-we-need-from-you"):
        assert english.find(id=anchor) is not None  # type: ignore[attr-defined]
        assert welsh.find(id=anchor) is not None, anchor  # type: ignore[attr-defined]
    text = welsh.get_text(" ")  # type: ignore[attr-defined]
    assert "Rota wythnosol a rennir" in text
    assert "Ymweliadau â mannau cynnes bob wythnos" in text


FEEDBACK = "feedback/warm-spaces/warm-spaces-0093.yml"
IN_WELSH = (
    "proposal: warm-spaces\ngroup: citizen\nstance: support\nsubmitted: 2026-11-20\n"
    "source:\n  kind: paper\n  recorded_by: warm-spaces-team\n"
    "body: Mae angen man cynnes yn y pentref.\nlanguage: cy\n"
)
ANSWER = (
    "response:\n  status: accepted\n  by: warm-spaces-team\n  date: 2026-11-24\n"
    "  text: We will open one in the village hall.\n"
)


def test_an_answer_only_in_english_to_welsh_feedback_is_warned_about(demo_copy: Path) -> None:
    bilingual(demo_copy)
    (demo_copy / FEEDBACK).write_text(IN_WELSH + ANSWER)
    result = check_repository(demo_copy)
    assert result.diagnostics.ok, result.diagnostics.errors
    [warning] = [
        d for d in result.diagnostics.warnings if d.code == "answer-language" and d.path == FEEDBACK
    ]
    assert "response.translations.cy" in warning.message
    (demo_copy / FEEDBACK).write_text(
        IN_WELSH + ANSWER + "  translations:\n    cy: Byddwn yn agor un yn neuadd y pentref.\n"
    )
    again = check_repository(demo_copy).diagnostics.warnings
    assert not [d for d in again if d.code == "answer-language" and d.path == FEEDBACK]


def test_a_translation_into_the_language_it_was_written_in_is_an_error(demo_copy: Path) -> None:
    (demo_copy / FEEDBACK).write_text(
        IN_WELSH + "translation:\n  language: cy\n  text: Mae angen man cynnes.\n  by: nobody\n"
    )
    found = {(d.code, d.line) for d in check_repository(demo_copy).diagnostics.errors}
    lines = (demo_copy / FEEDBACK).read_text().splitlines()
    assert ("bad-value", lines.index("  language: cy") + 1) in found
    assert ("unknown-team", lines.index("  by: nobody") + 1) in found


def without_the_demos_welsh_feedback(root: Path) -> None:
    """So that the one written here is the only feedback in Welsh."""
    for path in root.glob("feedback/*/*.yml"):
        if "\nlanguage: cy\n" in path.read_text():
            path.unlink()


def test_answer_times_are_given_per_language_written_in(demo_copy: Path) -> None:
    from commonplan.insight import median_days_by_language

    bilingual(demo_copy)
    without_the_demos_welsh_feedback(demo_copy)
    (demo_copy / FEEDBACK).write_text(IN_WELSH + ANSWER)  # 4 days
    corpus = check_repository(demo_copy).corpus
    by_language = median_days_by_language(corpus)
    assert list(by_language)[:2] == ["en", "cy"]
    assert by_language["cy"] == 4
    team = median_days_by_language(corpus, "warm-spaces-team")
    english = [
        (f.response.date - f.submitted).days
        for f in corpus.feedback.values()
        if f.response and f.response.by == "warm-spaces-team" and f.language is None
    ]
    assert team["en"] == statistics.median(english)


def test_feedback_is_shown_as_written_with_its_language_and_a_labelled_translation(
    demo_copy: Path, tmp_path: Path
) -> None:
    bilingual(demo_copy)
    (demo_copy / FEEDBACK).write_text(
        IN_WELSH
        + "translation:\n  language: en\n  text: The village needs a warm space.\n"
        + "  machine: true\n"
        + ANSWER
        + "  translations:\n    cy: Byddwn yn agor un yn neuadd y pentref.\n"
    )
    done = build(demo_copy, tmp_path / "out")
    assert done.returncode == 0, done.log
    english = done.html("proposals/warm-spaces/").find(id="warm-spaces-0093")
    welsh = done.html("cy/proposals/warm-spaces/").find(id="warm-spaces-0093")
    assert english is not None and welsh is not None
    written = english.find(attrs={"lang": "cy"})
    assert written is not None and "Mae angen man cynnes" in written.get_text()
    text = english.get_text(" ")
    assert "Written in Cymraeg" in text
    assert "Machine translation" in text and "The village needs a warm space." in text
    assert "We will open one in the village hall." in text
    # On the Welsh page: the words as written, unmarked, and the answer in Welsh.
    assert welsh.find(attrs={"lang": "cy"}) is None
    assert "The village needs" not in welsh.get_text(" ")
    assert "Byddwn yn agor un yn neuadd y pentref." in welsh.get_text(" ")


def test_a_proposal_not_yet_translated_says_so_on_the_welsh_page(
    demo_copy: Path, tmp_path: Path
) -> None:
    bilingual(demo_copy)
    (demo_copy / TRANSLATION).write_text(WELSH)
    done = build(demo_copy, tmp_path / "out")
    assert done.returncode == 0, done.log
    waiting = done.html("cy/proposals/carers-breaks/").get_text(" ")
    assert "Heb ei gyfieithu eto" in waiting and "English" in waiting
    assert "Heb ei gyfieithu eto" not in done.html("cy/proposals/warm-spaces/").get_text(" ")
    assert "Not translated yet" not in done.html("proposals/carers-breaks/").get_text(" ")


def test_answer_times_per_language_are_on_the_waiting_and_team_pages(
    demo_copy: Path, tmp_path: Path
) -> None:
    bilingual(demo_copy)
    without_the_demos_welsh_feedback(demo_copy)
    (demo_copy / FEEDBACK).write_text(
        IN_WELSH + ANSWER + "  translations:\n    cy: Byddwn yn agor un yn neuadd y pentref.\n"
    )
    done = build(demo_copy, tmp_path / "out")
    assert done.returncode == 0, done.log
    waiting = " ".join(done.html("waiting/").get_text(" ").split())
    assert "by the language the feedback was written in" in waiting
    assert "Cymraeg: 4 days" in waiting and "English:" in waiting
    team = " ".join(done.html("teams/warm-spaces-team/").get_text(" ").split())
    assert "Cymraeg: 4 days" in team


TEAM = "teams/warm-spaces-team.yml"


def test_a_teams_name_in_each_language_is_shown_in_that_languages_pages(
    demo_copy: Path, tmp_path: Path
) -> None:
    bilingual(demo_copy)
    path = demo_copy / TEAM
    text = path.read_text()
    assert "name: Warm Spaces Action Team\n" in text
    path.write_text(
        text.replace(
            "name: Warm Spaces Action Team\n",
            "name:\n  en: Warm Spaces Action Team\n  cy: Tîm Gweithredu Mannau Cynnes\n",
        )
    )
    result = check_repository(demo_copy)
    assert result.diagnostics.ok, result.diagnostics.errors
    assert result.corpus.teams["warm-spaces-team"].name == "Warm Spaces Action Team"
    done = build(demo_copy, tmp_path / "out")
    assert done.returncode == 0, done.log
    assert "Tîm Gweithredu Mannau Cynnes" in done.html("cy/teams/warm-spaces-team/").h1.get_text()
    assert "Warm Spaces Action Team" in done.html("teams/warm-spaces-team/").h1.get_text()


def test_a_teams_words_without_the_default_language_are_a_located_error(demo_copy: Path) -> None:
    bilingual(demo_copy)
    path = demo_copy / TEAM
    path.write_text(
        path.read_text().replace(
            "name: Warm Spaces Action Team\n", "name:\n  cy: Tîm Gweithredu Mannau Cynnes\n"
        )
    )
    problems = [d for d in check_repository(demo_copy).diagnostics.errors if d.path == TEAM]
    assert problems, "a name with no English words"
    assert "default language" in problems[0].message
    assert path.read_text().splitlines()[problems[0].line - 1].startswith(("name:", "  cy:"))
