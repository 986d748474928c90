"""The issue forms in every language of the site: `feedback.cy.yml` and `report.cy.yml` in
Welsh words, read back whichever language they were written in, and opened from the Welsh
pages."""

from __future__ import annotations

from pathlib import Path

import yaml

from commonplan.github.form import (
    BODY,
    CONSENT,
    CONSENT_CHOICE,
    GROUP,
    PROPOSAL,
    STANCE,
    read_issue_form,
)
from commonplan.language import language
from commonplan.repository import check_repository, write_in_step

from .site_fixtures import build
from .test_languages import bilingual

WELSH = language("cy")


def test_each_language_has_its_own_forms_in_its_words(demo_copy: Path) -> None:
    bilingual(demo_copy)
    written = write_in_step(demo_copy)
    assert ".github/ISSUE_TEMPLATE/feedback.cy.yml" in written
    assert ".github/ISSUE_TEMPLATE/report.cy.yml" in written
    form = yaml.safe_load((demo_copy / ".github/ISSUE_TEMPLATE/feedback.cy.yml").read_text())
    labels = {q["id"]: q["attributes"]["label"] for q in form["body"] if "id" in q}
    assert labels["body"] == WELSH.marked("issue form question", BODY.label)
    assert labels["body"] != BODY.label  # in Welsh words, not English
    english = yaml.safe_load((demo_copy / ".github/ISSUE_TEMPLATE/feedback.yml").read_text())
    assert {q["attributes"]["label"] for q in english["body"] if "id" in q} >= {BODY.label}
    assert check_repository(demo_copy).diagnostics.ok  # both kept in step


def test_an_issue_written_with_the_welsh_form_reads_back_into_the_same_fields(
    demo_copy: Path,
) -> None:
    settings = check_repository(bilingual(demo_copy)).corpus.settings
    group = settings.in_language(WELSH).groups["carer"]
    from commonplan.vocabulary import STANCE as STANCES

    stance = STANCES.in_language(WELSH)["idea"].form_label
    consent = WELSH.marked("issue form", CONSENT_CHOICE)
    answers = [
        (PROPOSAL, "warm-spaces"),
        (GROUP, group),
        (STANCE, stance),
        (BODY, "Mae angen man cynnes yn y pentref."),
        (CONSENT, f"- [X] {consent}"),
    ]
    body = "\n\n".join(
        f"### {WELSH.marked('issue form question', q.label)}\n\n{a}" for q, a in answers
    )
    form = read_issue_form(body, settings)
    assert form.missing == [] and form.unknown == []
    assert form.fields == {
        "proposal": "warm-spaces",
        "group": "carer",
        "stance": "idea",
        "body": "Mae angen man cynnes yn y pentref.",
    }
    assert form.consent


def test_the_welsh_pages_open_the_welsh_forms(demo_copy: Path, tmp_path: Path) -> None:
    bilingual(demo_copy)
    done = build(demo_copy, tmp_path / "out")
    assert done.returncode == 0, done.log
    welsh = done.html("cy/proposals/warm-spaces/")
    english = done.html("proposals/warm-spaces/")
    assert welsh.find("a", href=lambda h: h and "template=feedback.cy.yml" in h) is not None
    assert welsh.find("a", href=lambda h: h and "template=report.cy.yml" in h) is not None
    assert english.find("a", href=lambda h: h and "template=feedback.yml" in h) is not None
    assert english.find("a", href=lambda h: h and ".cy.yml" in h) is None


def test_a_report_written_with_the_welsh_form_reads_back(demo_copy: Path) -> None:
    from commonplan.github.report_form import FEEDBACK, REASON, read_report, reasons

    corpus = check_repository(bilingual(demo_copy)).corpus
    reason = reasons(corpus.settings, WELSH)["abusive"]
    assert reason != "It was abusive"  # the Welsh words
    body = "\n\n".join(
        f"### {WELSH.marked('issue form question', q.label)}\n\n{a}"
        for q, a in ((FEEDBACK, "warm-spaces-0002"), (REASON, reason))
    )
    form = read_report(body, corpus)
    assert (form.feedback, form.reason, form.problems) == ("warm-spaces-0002", "abusive", [])


def test_a_welsh_spreadsheet_is_read_headers_views_and_groups_alike(
    demo_copy: Path, tmp_path: Path
) -> None:
    from .test_csvimport import fingerprint, new_files, run_import

    corpus = check_repository(bilingual(demo_copy)).corpus
    group = corpus.settings.in_language(WELSH).groups["carer"]
    sheet = tmp_path / "cyfarfod.csv"
    sheet.write_text(
        "Cynnig,Adran,Grŵp,Fy marn,Adborth,Dyddiad\n"
        f"warm-spaces,,{group},Mae gen i bryder,Mae'r neuadd yn rhy bell o'r pentref.,"
        "2026-11-21\n",
        encoding="utf-8",
    )
    before = fingerprint(demo_copy)
    outcome = run_import(demo_copy, sheet)
    assert outcome.exit_code == 0, outcome.output
    [written] = new_files(before, demo_copy)
    data = yaml.safe_load((demo_copy / written).read_text())
    assert (data["group"], data["stance"]) == ("carer", "concern")
    assert data["body"].startswith("Mae'r neuadd")


def test_an_e_mail_written_from_the_welsh_pages_link_is_read_back(demo_copy: Path) -> None:
    from urllib.parse import parse_qs, urlsplit

    from commonplan.intake.mail_message import read_message
    from commonplan.urls import email_url

    corpus = check_repository(bilingual(demo_copy)).corpus
    proposal = corpus.proposals["warm-spaces"]
    link = email_url(corpus.settings, proposal, "what-we-propose", "cy")
    assert link is not None
    query = parse_qs(urlsplit(link).query)
    subject, body = query["subject"][0], query["body"][0]
    assert subject == "Adborth ar warm-spaces #what-we-propose"
    assert body.startswith("Rwy'n: …\nFy marn: …")
    group = corpus.settings.in_language(WELSH).groups["carer"]
    filled = body.replace("Rwy'n: …", f"Rwy'n: {group}").replace("Fy marn: …", "Fy marn: Syniad")
    raw = (
        f"From: someone@example.org\nSubject: {subject}\n\n"
        f"{filled}Beth am agor y llyfrgell ar nos Iau?\n"
    ).encode()
    reading = read_message(raw, corpus)
    assert reading.problem == ""
    assert (reading.data["group"], reading.data["stance"]) == ("carer", "idea")
    assert reading.data["section"] == "what-we-propose"
    assert reading.data["body"].startswith("Beth am agor")
