"""The site option `ask_language_effects` (issue 12): a consultation under the Welsh Language
Standards asks what effects a proposal would have on the Welsh language. The issue form in
every language asks it, the answer is read back into `language_effects`, the printed pack
has a box for it, and each proposal's page lists the answers; a taken-down item's answer is
published nowhere, and with the option off none of it appears."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import yaml

from commonplan.github.drafts import checked, issue_draft
from commonplan.github.form import CONSENT_CHOICE, read_issue_form
from commonplan.github.remote import Issue
from commonplan.language import language
from commonplan.repository import check_repository

from .site_fixtures import Built, build, copy_site_folders, under_heading, words
from .test_languages import bilingual

QUESTION = "What effects would this have on the Welsh language? (optional)"
QUESTION_CY = "Pa effeithiau fyddai hyn yn eu cael ar yr iaith Gymraeg? (dewisol)"
HEADING = "Effects on the Welsh language"
PACK_BOX = "What effects would this have on the Welsh language?"

ANSWERED = "feedback/warm-spaces/warm-spaces-0093.yml"
ANSWER = "A Welsh-speaking volunteer at each warm space would help older Welsh speakers."
WITHDRAWN = "feedback/warm-spaces/warm-spaces-0094.yml"
WITHDRAWN_ANSWER = "Zebrafinch words that must never be published anywhere."
FEEDBACK = (
    "proposal: warm-spaces\ngroup: citizen\nstance: idea\nsubmitted: 2026-11-20\n"
    "source:\n  kind: paper\n  recorded_by: warm-spaces-team\n"
    "body: Please keep the spaces open later.\n"
)


def ask_language_effects(root: Path) -> Path:
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text().replace(
            "  - commonplan:\n", "  - commonplan:\n      ask_language_effects: true\n", 1
        )
    )
    return root


def write_answers(root: Path) -> None:
    (root / ANSWERED).write_text(FEEDBACK + f"language_effects: {ANSWER}\n")
    (root / WITHDRAWN).write_text(
        FEEDBACK + f"language_effects: {WITHDRAWN_ANSWER}\nwithdrawn:\n  date: 2026-11-22\n"
    )


def questions(root: Path, form: str) -> dict[str, dict[str, object]]:
    document = yaml.safe_load((root / ".github/ISSUE_TEMPLATE" / form).read_text())
    return {item["id"]: item for item in document["body"] if "id" in item}


def issue_body(label: str, answer: str) -> str:
    parts = [
        ("Which proposal are you commenting on?", "warm-spaces"),
        ("Which part of it? (optional)", "_No response_"),
        ("Who are you speaking as?", "Carers"),
        ("What kind of comment is it?", "I have an idea"),
        ("What would you like to say?", "Open on Sundays too, please."),
        (label, answer),
        ("Are you speaking for a team? (optional)", "_No response_"),
        ("Publishing your words", f"- [X] {CONSENT_CHOICE}"),
    ]
    return "\n\n".join(f"### {heading}\n\n{text}" for heading, text in parts)


# --- the issue form, and reading an issue back ------------------------------------------


def test_the_form_asks_it_in_english_and_in_welsh(demo_copy: Path) -> None:
    bilingual(ask_language_effects(demo_copy))
    english = questions(demo_copy, "feedback.yml")
    welsh = questions(demo_copy, "feedback.cy.yml")
    for asked, label in ((english, QUESTION), (welsh, QUESTION_CY)):
        question = asked["language_effects"]
        assert question["type"] == "textarea"
        assert question["attributes"]["label"] == label  # type: ignore[index]
        assert "validations" not in question  # optional
        # Right after what the person wants to say.
        assert list(asked).index("language_effects") == list(asked).index("body") + 1
    assert language("cy").p("issue form question", QUESTION) == QUESTION_CY


def test_an_answer_reads_back_into_the_field_in_either_language(demo_copy: Path) -> None:
    settings = check_repository(ask_language_effects(demo_copy)).corpus.settings
    for label in (QUESTION, QUESTION_CY):
        form = read_issue_form(issue_body(label, f"{ANSWER}\n\nA second line."), settings)
        assert form.fields["language_effects"] == f"{ANSWER}\n\nA second line."
        assert form.fields["body"] == "Open on Sundays too, please."  # not run into it
        assert not form.missing and not form.unknown
    unanswered = read_issue_form(issue_body(QUESTION, "_No response_"), settings)
    assert "language_effects" not in unanswered.fields and not unanswered.missing


def test_the_intake_records_the_answer_in_the_feedback_file(demo_copy: Path) -> None:
    corpus = check_repository(ask_language_effects(demo_copy)).corpus
    issue = Issue(
        number=7,
        title="Feedback: Sundays",
        body=issue_body(QUESTION, ANSWER),
        author="a-resident",
        url="https://github.com/hollowmere-together/strategy/issues/7",
        created=date(2026, 11, 20),
        labels=frozenset({"feedback"}),
        open=True,
    )
    draft = issue_draft(corpus, issue)
    assert draft.problems == []
    assert draft.data["language_effects"].strip() == ANSWER
    candidate, problems = checked(corpus, "warm-spaces-issue-7", draft)
    assert problems == [] and candidate.ok
    assert candidate.feedback is not None
    assert candidate.feedback.language_effects == ANSWER + "\n"
    assert f"language_effects: |\n  {ANSWER}\n" in candidate.text  # after the body
    assert candidate.text.index("body:") < candidate.text.index("language_effects:")


def test_personal_data_in_the_answer_is_an_error(demo_copy: Path) -> None:
    (demo_copy / ANSWERED).write_text(
        FEEDBACK + "language_effects: Write to me at sam.patel@example.org about it.\n"
    )
    [error] = check_repository(demo_copy).diagnostics.errors
    assert (error.path, error.code) == (ANSWERED, "personal-data")
    assert "'language_effects'" in error.message
    line = (
        (demo_copy / ANSWERED)
        .read_text()
        .splitlines()
        .index("language_effects: Write to me at sam.patel@example.org about it.")
    )
    assert error.line == line + 1


# --- the site ------------------------------------------------------------------------------


def published_text(built: Built) -> str:
    """Every page, feed and open data file of the built site, as one text."""
    return "\n".join(
        path.read_text(encoding="utf-8", errors="replace")
        for path in built.out.rglob("*")
        if path.is_file() and path.suffix in {".html", ".json", ".csv", ".xml", ".txt"}
    )


def test_the_pack_and_the_proposal_page_ask_and_list_the_answers(
    demo_copy: Path, tmp_path: Path
) -> None:
    bilingual(ask_language_effects(demo_copy))
    write_answers(demo_copy)
    done = build(demo_copy, tmp_path / "out")
    assert done.returncode == 0, done.log

    pack = done.html("proposals/warm-spaces/print/")
    box = pack.find(id="field-language-effects")
    assert box is not None and words(box) == PACK_BOX
    field = box.find_parent(class_="cp-field")
    assert field is not None and field.select_one(".cp-box") is not None
    headings = [words(h) for h in pack.select(".cp-form h3")]
    assert headings.index(PACK_BOX) == headings.index("Feedback") + 1
    welsh_pack = done.html("cy/proposals/warm-spaces/print/").find(id="field-language-effects")
    assert welsh_pack is not None
    assert words(welsh_pack) == "Pa effeithiau fyddai hyn yn eu cael ar yr iaith Gymraeg?"

    page = done.html("proposals/warm-spaces/")
    listed = " ".join(words(part) for part in under_heading(page, HEADING))
    assert ANSWER in listed
    assert "Residents and people who use services" in listed and "20 November 2026" in listed
    assert WITHDRAWN_ANSWER not in listed
    # After what people said, before where groups stand.
    order = [words(h) for h in page.find_all("h2")]
    assert order.index(HEADING) == order.index("What people said") + 1
    link = next(a for part in under_heading(page, HEADING) for a in part.find_all("a"))
    assert link["href"].endswith("#warm-spaces-0093")
    # A proposal nobody answered it for says so.
    nobody = under_heading(done.html("proposals/getting-about/"), HEADING)
    assert "Nobody has said anything about this yet." in " ".join(map(words, nobody))
    welsh = done.html("cy/proposals/warm-spaces/")
    said = " ".join(map(words, under_heading(welsh, "Effeithiau ar yr iaith Gymraeg")))
    assert ANSWER in said
    # Written in English: marked so on the Welsh page.
    marked = [
        div
        for part in under_heading(welsh, "Effeithiau ar yr iaith Gymraeg")
        for div in part.find_all(attrs={"lang": "en"})
    ]
    assert any(ANSWER in words(div) for div in marked)

    # The withdrawn item's answer: nowhere on the site, its feed or its open data.
    everything = published_text(done)
    assert ANSWER in everything
    assert WITHDRAWN_ANSWER not in everything


def test_with_the_option_off_none_of_it_appears(demo_copy: Path, tmp_path: Path) -> None:
    copy_site_folders(demo_copy)
    write_answers(demo_copy)
    done = build(demo_copy, tmp_path / "out")
    assert done.returncode == 0, done.log
    assert "language_effects" not in questions(demo_copy, "feedback.yml")
    assert done.html("proposals/warm-spaces/print/").find(id="field-language-effects") is None
    page = done.html("proposals/warm-spaces/")
    assert HEADING not in [words(h) for h in page.find_all(["h2", "h3"])]
    assert ANSWER not in page.get_text(" ")
    assert WITHDRAWN_ANSWER not in published_text(done)
