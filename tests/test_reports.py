"""Reports to the moderators: the report form, and `commonplan ingest` recording a report
(an entry in the reported feedback's `reports:`, never a feedback file) against a fake
GitHub over real HTTP."""

from __future__ import annotations

from pathlib import Path

import yaml

from commonplan.github.report_form import DETAILS, FEEDBACK, REASON, REPORT_FORM_PATH
from commonplan.repository import check_repository

from .fakegithub import FakeGitHub
from .githubloop import REPO, cli_ingest, form_body, github

__all__ = ["github"]  # the fixture, used by name

Fake = tuple[FakeGitHub, str]
REPORTED = "feedback/warm-spaces/warm-spaces-0002.yml"


def report_body(feedback: str = "warm-spaces-0002", reason: str = "It was abusive") -> str:
    """A report issue's body exactly as GitHub writes a submitted issue form."""
    parts = [
        (FEEDBACK.label, feedback or "_No response_"),
        (REASON.label, reason or "_No response_"),
        (DETAILS.label, "They called the caretaker names. Please look."),
    ]
    return "\n\n".join(f"### {label}\n\n{text}" for label, text in parts)


def add_report(fake: FakeGitHub, body: str) -> int:
    return fake.add_issue(body, author="a-neighbour", title="Report: ", labels=("report",))


def test_the_report_form_offers_every_moderation_reason_and_is_kept_in_step(
    demo_copy: Path,
) -> None:
    form = yaml.safe_load((demo_copy / REPORT_FORM_PATH).read_text(encoding="utf-8"))
    assert form["labels"] == ["report"]
    [reason] = [q for q in form["body"] if q.get("id") == "reason"]
    settings = check_repository(demo_copy).corpus.settings
    assert reason["attributes"]["options"] == [
        *settings.moderation_reasons.values(),
        "Something else",
    ]
    (demo_copy / REPORT_FORM_PATH).unlink()
    [missing] = check_repository(demo_copy).diagnostics.errors
    assert (missing.code, missing.path) == ("missing-generated", "mkdocs.yml")
    assert REPORT_FORM_PATH in missing.message


def test_a_report_is_counted_in_a_pull_request_and_the_moderators_are_told(
    github: Fake, demo_copy: Path
) -> None:
    fake, url = github
    number = add_report(fake, report_body())

    outcome = cli_ingest(demo_copy, url)

    assert outcome.exit_code == 0, outcome.output
    assert f"report #{number}: recorded as a report on warm-spaces-0002" in outcome.output
    [pull] = fake.open_pulls()
    assert pull["head"] == f"report/issue-{number}"
    changed = {
        rel for rel, text in fake.files(pull["head"]).items() if fake.files("main").get(rel) != text
    }
    assert changed == {REPORTED}  # no feedback file: the report is counted on the item
    before = fake.files("main")[REPORTED]
    after = fake.files(pull["head"])[REPORTED]
    assert after.startswith(before)
    assert yaml.safe_load(after)["reports"] == [
        {
            "date": yaml.safe_load("2026-11-20"),
            "reason": "abusive",
            "ref": f"{fake.host}/{REPO}/issues/{number}",
        }
    ]
    assert "caretaker" not in after  # the report's own words stay on GitHub
    [comment] = fake.comment_bodies(number)
    assert "@hollowmere-cvs" in comment
    assert "does not hide anything by itself" in comment
    assert sorted(fake.labels(number)) == ["report", "reported"]

    (demo_copy / REPORTED).write_text(after, encoding="utf-8")  # merged
    merged = check_repository(demo_copy)
    assert merged.diagnostics.ok, merged.diagnostics.errors
    assert len(merged.corpus.feedback["warm-spaces-0002"].reports) == 1

    again = cli_ingest(demo_copy, url)
    assert again.exit_code == 0, again.output
    assert len(fake.comment_bodies(number)) == 1
    assert len(fake.open_pulls()) == 1


def test_a_report_on_no_known_feedback_asks_once_and_is_recorded_once_edited(
    github: Fake, demo_copy: Path
) -> None:
    fake, url = github
    number = add_report(fake, report_body(feedback="warm-spaces-9999", reason="Rude"))

    outcome = cli_ingest(demo_copy, url)

    assert outcome.exit_code == 0, outcome.output
    [comment] = fake.comment_bodies(number)
    assert "warm-spaces-9999" in comment and "is not the id of any feedback" in comment
    assert "It was abusive" in comment  # the reasons there are, for a reason that is none
    assert "needs-info" in fake.labels(number)
    assert fake.open_pulls() == []
    assert cli_ingest(demo_copy, url).exit_code == 0
    assert len(fake.comment_bodies(number)) == 1  # not edited since: not asked again

    fake.edit_issue(number, report_body())
    assert cli_ingest(demo_copy, url).exit_code == 0
    assert len(fake.open_pulls()) == 1
    assert sorted(fake.labels(number)) == ["report", "reported"]


def test_an_issue_labelled_as_a_report_is_never_read_as_feedback(
    github: Fake, demo_copy: Path
) -> None:
    fake, url = github
    number = fake.add_issue(form_body(), labels=("feedback", "report"))

    outcome = cli_ingest(demo_copy, url)

    assert outcome.exit_code == 0, outcome.output
    assert fake.open_pulls() == []
    assert not any("issue-" in rel for rel in fake.files("main"))
    assert "needs-info" in fake.labels(number)  # as a report it names no feedback


def test_a_report_sent_by_e_mail_is_left_for_the_moderators_not_read_as_feedback(
    demo_copy: Path,
) -> None:
    from urllib.parse import parse_qs, urlsplit

    from commonplan.intake.mail_message import read_message
    from commonplan.urls import report_email_url

    corpus = check_repository(demo_copy).corpus
    item = corpus.feedback["warm-spaces-0002"]
    link = report_email_url(corpus.settings, item)
    assert link is not None and link.startswith("mailto:have-your-say@hollowmere.example.org?")
    query = parse_qs(urlsplit(link).query)
    raw = (
        f"From: someone@example.org\nSubject: {query['subject'][0]}\n\n"
        f"{query['body'][0]}it names my neighbour. Warm spaces are a good idea, I agree.\n"
    ).encode()
    reading = read_message(raw, corpus)
    assert reading.problem is not None and "moderators" in reading.problem
