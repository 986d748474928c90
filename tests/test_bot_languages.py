"""The bot answers each person in their language (issue 12), against a fake GitHub over real
HTTP: an issue written with the Welsh form is recorded as Welsh and answered in Welsh, and
notify tells Welsh feedback its answer in Welsh, with the Welsh answer and the Welsh page;
English issues are answered as before. Markers are the same in every language."""

from __future__ import annotations

from pathlib import Path

import yaml

from commonplan.github import notices
from commonplan.github.form import (
    BODY,
    CONSENT,
    CONSENT_CHOICE,
    FROM,
    GROUP,
    PROPOSAL,
    QUESTION,
    SECTION,
    STANCE,
    form_language,
)
from commonplan.github.report_form import FEEDBACK, REASON
from commonplan.github.report_form import QUESTIONS as REPORT_QUESTIONS
from commonplan.github.reports import (
    REPORTED_MARKER,
    moderators_handles,
    report_pull_body,
    report_recorded,
)
from commonplan.language import language
from commonplan.repository import check_repository
from commonplan.vocabulary import STANCE as STANCES

from .fakegithub import FakeGitHub
from .githubloop import REPO, cli_ingest, cli_notify, form_body, github, merge_into
from .test_languages import bilingual

__all__ = ["github"]  # the fixture, used by name

Fake = tuple[FakeGitHub, str]
SITE = "https://hollowmere-together.github.io/strategy"
WELSH = language("cy")
OWNER = "warm-spaces-hollowmere"  # on warm-spaces-team's github list
WELSH_TEXT = "Mae angen i'r llyfrgell aros ar agor tan wyth ar nos Iau."
ANSWER = "The library will open until eight on Thursdays."
WELSH_ANSWER = "Bydd y llyfrgell ar agor tan wyth ar nos Iau."


def welsh_form_body(root: Path, stance: str = "idea", body: str = WELSH_TEXT) -> str:
    """An issue body as GitHub writes the Welsh form (`feedback.cy.yml`) once submitted."""
    group = check_repository(root).corpus.settings.in_language(WELSH).groups["carer"]

    def label(question: str) -> str:
        return WELSH.marked(QUESTION, question)

    stance_words = STANCES.in_language(WELSH)[stance].form_label if stance else ""
    parts = [
        (label(PROPOSAL.label), "warm-spaces"),
        (label(SECTION.label), "what-we-propose"),
        (label(GROUP.label), group),
        (label(STANCE.label), stance_words or "_No response_"),
        (label(BODY.label), body or "_No response_"),
        (label(FROM.label), "_No response_"),
        (label(CONSENT.label), f"- [X] {WELSH.marked('issue form', CONSENT_CHOICE)}"),
    ]
    return "\n\n".join(f"### {heading}\n\n{text}" for heading, text in parts)


def recorded_file(fake: FakeGitHub, number: int) -> dict[str, object]:
    [pull] = fake.open_pulls()
    text = fake.files(pull["head"])[f"feedback/warm-spaces/warm-spaces-issue-{number}.yml"]
    loaded: dict[str, object] = yaml.safe_load(text)
    return loaded


# --- which form an issue was written with --------------------------------------------------


def test_the_language_of_an_issue_is_that_of_its_forms_questions(demo_copy: Path) -> None:
    settings = check_repository(bilingual(demo_copy)).corpus.settings
    assert form_language(welsh_form_body(demo_copy), settings) == "cy"
    assert form_language(form_body(), settings) == "en"
    assert form_language("I think the buses are bad.", settings) == "en"  # the default
    assert form_language("", settings) == "en"
    welsh_report = f"### {WELSH.marked(QUESTION, FEEDBACK.label)}\n\nwarm-spaces-0002"
    assert form_language(welsh_report, settings, REPORT_QUESTIONS) == "cy"
    assert form_language(welsh_report, settings) == "en"  # none of the feedback form's


def test_a_site_in_one_language_answers_in_it(demo_copy: Path) -> None:
    from .test_languages import bilingual

    settings = check_repository(bilingual(demo_copy, "[en]")).corpus.settings
    assert settings.languages == ["en"]
    assert form_language(welsh_form_body(demo_copy), settings) == "en"


# --- ingest ----------------------------------------------------------------------------------


def test_a_welsh_issue_is_recorded_as_welsh_and_thanked_in_welsh(
    github: Fake, demo_copy: Path
) -> None:
    fake, url = github
    bilingual(demo_copy)
    number = fake.add_issue(welsh_form_body(demo_copy), author="a-resident")

    outcome = cli_ingest(demo_copy, url)

    assert outcome.exit_code == 0, outcome.output
    assert "recorded 1, needs-info 0, skipped 0, failed 0" in outcome.output
    written = recorded_file(fake, number)
    assert written["language"] == "cy"
    assert (written["group"], written["stance"]) == ("carer", "idea")
    [comment] = fake.comment_bodies(number)
    [pull_number] = list(fake.pulls)
    assert comment.startswith(notices.RECORDED_MARKER + "\n")  # the marker as in English
    assert WELSH("Thank you: your feedback has been written down for the strategy.") in comment
    waiting = WELSH(
        "It is waiting in {pull}. Once that is merged it appears on the website, and the"
        " people who own the proposal will answer it here."
    )
    assert waiting.format(pull=f"{fake.host}/{REPO}/pull/{pull_number}") in comment
    assert "Thank you" not in comment and "Diolch" in comment
    # What the owners read is in the site's default language.
    assert fake.pulls[pull_number]["title"] == f"Feedback on warm-spaces from issue #{number}"


def test_a_welsh_issue_missing_an_answer_is_asked_for_it_in_welsh(
    github: Fake, demo_copy: Path
) -> None:
    fake, url = github
    bilingual(demo_copy)
    number = fake.add_issue(welsh_form_body(demo_copy, stance=""), author="a-resident")

    outcome = cli_ingest(demo_copy, url)

    assert outcome.exit_code == 0, outcome.output
    assert "recorded 0, needs-info 1, skipped 0, failed 0" in outcome.output
    [comment] = fake.comment_bodies(number)
    assert comment.startswith(notices.needs_info_marker(fake.issues[number]["body"]))
    opening = "Thank you for taking part. We could not add this issue to the strategy yet:"
    assert WELSH(opening) in comment
    asked = WELSH("please answer the question '{question}'.")
    assert asked.format(question=WELSH.marked(QUESTION, STANCE.label)) in comment
    assert STANCE.label not in comment  # the question as the Welsh form asked it
    assert "Please edit" not in comment and "Golygwch" in comment
    assert sorted(fake.labels(number)) == ["feedback", "needs-info"]
    assert fake.pulls == {}


def test_a_welsh_issue_holding_personal_data_is_told_what_to_change_in_welsh(
    github: Fake, demo_copy: Path
) -> None:
    fake, url = github
    bilingual(demo_copy)
    body = "Ffoniwch fi ar 07700 900123 os gwelwch yn dda."
    number = fake.add_issue(welsh_form_body(demo_copy, stance="", body=body))

    assert cli_ingest(demo_copy, url).exit_code == 0

    [comment] = fake.comment_bodies(number)
    # Both problems, each in Welsh: the unanswered question and the phone number, which
    # names the question the person answered, as the Welsh form asked it.
    assert WELSH.marked(QUESTION, STANCE.label) in comment
    assert WELSH.marked(QUESTION, BODY.label) in comment
    assert WELSH("a phone number") in comment and "a phone number" not in comment
    assert "personal details must not be published" not in comment
    assert "07700 900123" not in comment  # never echoed
    assert fake.pulls == {}


def test_an_english_issue_holding_personal_data_names_the_question_in_english(
    github: Fake, demo_copy: Path
) -> None:
    fake, url = github
    bilingual(demo_copy)
    number = fake.add_issue(form_body(body="Ring me on 07700 900123 please."))

    assert cli_ingest(demo_copy, url).exit_code == 0

    [comment] = fake.comment_bodies(number)
    assert f"'{BODY.label}' contains a phone number; personal details must not be" in comment
    assert "'body'" not in comment and "07700 900123" not in comment


def test_a_welsh_issue_too_long_to_read_is_told_so_in_welsh(github: Fake, demo_copy: Path) -> None:
    fake, url = github
    bilingual(demo_copy)
    number = fake.add_issue(welsh_form_body(demo_copy, body="Gair " * 14_000))

    assert cli_ingest(demo_copy, url).exit_code == 0

    [comment] = fake.comment_bodies(number)
    assert "nod o hyd" in comment and "characters long" not in comment
    assert "Gair" not in comment  # none of it echoed
    assert fake.pulls == {}


def test_a_welsh_report_is_answered_in_welsh(github: Fake, demo_copy: Path) -> None:
    fake, url = github
    bilingual(demo_copy)
    reason = WELSH.marked("moderation reason", "It was abusive")
    body = "\n\n".join(
        [
            f"### {WELSH.marked(QUESTION, FEEDBACK.label)}\n\nwarm-spaces-9999",
            f"### {WELSH.marked(QUESTION, REASON.label)}\n\n{reason}",
        ]
    )
    number = fake.add_issue(body, author="a-neighbour", title="Adroddiad: ", labels=("report",))

    outcome = cli_ingest(demo_copy, url)

    assert outcome.exit_code == 0, outcome.output
    [comment] = fake.comment_bodies(number)
    assert comment.startswith(notices.needs_info_marker(body))
    opening = "Thank you for telling us. We could not pass this report to the moderators yet:"
    assert WELSH(opening) in comment and opening not in comment
    assert fake.pulls == {}


def test_the_reporter_is_thanked_in_their_language(demo_copy: Path) -> None:
    corpus = check_repository(bilingual(demo_copy)).corpus
    english = report_recorded(corpus, "warm-spaces-0002", None)
    welsh = report_recorded(corpus, "warm-spaces-0002", None, WELSH)
    assert english.startswith(REPORTED_MARKER + "\n") and welsh.startswith(REPORTED_MARKER + "\n")
    assert "Thank you: your report on feedback `warm-spaces-0002`" in english
    assert "Diolch" in welsh and "`warm-spaces-0002`" in welsh and "Thank you" not in welsh
    assert all(handle in welsh for handle in moderators_handles(corpus))
    # What the moderators read in the pull request is in the site's default language.
    assert report_pull_body(corpus, "https://x.example/1", "f.yml").startswith("A report to")


def test_an_english_issue_on_a_welsh_and_english_site_is_answered_as_before(
    github: Fake, demo_copy: Path
) -> None:
    fake, url = github
    bilingual(demo_copy)
    number = fake.add_issue(form_body(), author="a-resident")
    unanswered = fake.add_issue(form_body(stance=""), author="a-resident")

    assert cli_ingest(demo_copy, url).exit_code == 0

    assert "language" not in recorded_file(fake, number)
    [pull_number] = list(fake.pulls)
    [comment] = fake.comment_bodies(number)
    assert comment == notices.recorded(f"{fake.host}/{REPO}/pull/{pull_number}", None)
    [asked] = fake.comment_bodies(unanswered)
    problem = "please answer the question 'What kind of comment is it?'."
    assert asked == notices.needs_info([problem], fake.issues[unanswered]["body"])


# --- notify ----------------------------------------------------------------------------------


def answer(fake: FakeGitHub, root: Path, rel: str, welsh: str | None) -> None:
    """The owners answer (in English, and in Welsh when ``welsh`` is given), merged into
    main by a member of the team, and checked out as the notify job checks it out."""
    path = root / rel
    text = path.read_text(encoding="utf-8").split("response:")[0]
    text += (
        "response:\n  status: accepted\n  by: warm-spaces-team\n  date: 2026-11-25\n"
        f"  text: {ANSWER}\n"
    )
    if welsh:
        text += f"  translations:\n    cy: {welsh}\n"
    path.write_text(text, encoding="utf-8")
    assert check_repository(root).diagnostics.errors == []
    fake.land({rel: text}, OWNER, "An answer")


def recorded_and_merged(fake: FakeGitHub, url: str, root: Path, body: str) -> tuple[int, str]:
    number = fake.add_issue(body, author="a-resident")
    assert cli_ingest(root, url).exit_code == 0
    [pull] = [n for n, p in fake.pulls.items() if p["state"] == "open"]
    [rel] = merge_into(fake, pull, root)
    return number, rel


def test_welsh_feedback_is_told_its_answer_in_welsh_with_the_welsh_page(
    github: Fake, demo_copy: Path
) -> None:
    fake, url = github
    bilingual(demo_copy)
    number, rel = recorded_and_merged(fake, url, demo_copy, welsh_form_body(demo_copy))
    answer(fake, demo_copy, rel, WELSH_ANSWER)

    outcome = cli_notify(demo_copy, url)

    assert outcome.exit_code == 0, outcome.output
    assert "answered 1," in outcome.output
    comment = fake.comment_bodies(number)[-1]
    item = check_repository(demo_copy).corpus.feedback[f"warm-spaces-issue-{number}"]
    assert comment.startswith(notices.answered_marker(item) + "\n")  # the marker as in English
    assert f"> `{WELSH_ANSWER}`" in comment
    assert ANSWER not in comment
    said = WELSH("{who} answered your feedback on {date}: they {status}.")
    status = WELSH.marked("response status phrase", "accepted it")
    assert said.format(who="`Warm Spaces Action Team`", date="2026-11-25", status=status) in comment
    assert f"{SITE}/cy/proposals/warm-spaces/#warm-spaces-issue-{number}" in comment
    closed = WELSH("This issue is now closed. Thank you for taking part.")
    assert comment.endswith(f"\n\n{closed}\n")
    assert fake.issues[number]["state"] == "closed"


def test_welsh_feedback_answered_only_in_english_is_told_in_welsh_quoting_the_english(
    github: Fake, demo_copy: Path
) -> None:
    fake, url = github
    bilingual(demo_copy)
    number, rel = recorded_and_merged(fake, url, demo_copy, welsh_form_body(demo_copy))
    answer(fake, demo_copy, rel, None)

    assert cli_notify(demo_copy, url).exit_code == 0

    comment = fake.comment_bodies(number)[-1]
    assert f"> `{ANSWER}`" in comment
    assert "answered your feedback" not in comment
    assert f"{SITE}/cy/proposals/warm-spaces/" in comment


def test_english_feedback_is_told_in_english_with_the_english_page(
    github: Fake, demo_copy: Path
) -> None:
    fake, url = github
    bilingual(demo_copy)
    number, rel = recorded_and_merged(fake, url, demo_copy, form_body())
    answer(fake, demo_copy, rel, WELSH_ANSWER)

    assert cli_notify(demo_copy, url).exit_code == 0

    comment = fake.comment_bodies(number)[-1]
    corpus = check_repository(demo_copy).corpus
    item = corpus.feedback[f"warm-spaces-issue-{number}"]
    assert comment == notices.answered(item, corpus.teams["warm-spaces-team"], corpus)
    assert (
        "`Warm Spaces Action Team` answered your feedback on 2026-11-25: they accepted it."
        in comment
    )
    assert f"> `{ANSWER}`" in comment and WELSH_ANSWER not in comment
    assert f"{SITE}/proposals/warm-spaces/#warm-spaces-issue-{number}" in comment
    assert "/cy/" not in comment


def test_welsh_feedback_withdrawn_is_told_so_in_welsh(github: Fake, demo_copy: Path) -> None:
    fake, url = github
    bilingual(demo_copy)
    number, rel = recorded_and_merged(fake, url, demo_copy, welsh_form_body(demo_copy))
    path = demo_copy / rel
    text = path.read_text(encoding="utf-8") + "withdrawn:\n  date: 2026-11-24\n"
    path.write_text(text, encoding="utf-8")
    fake.land({rel: text}, OWNER, "Withdrawn")

    assert cli_notify(demo_copy, url).exit_code == 0

    comment = fake.comment_bodies(number)[-1]
    withdrawn = WELSH(
        "Your feedback was withdrawn on {date}, as you asked. Its words are no longer shown"
        " on the website."
    )
    assert withdrawn.format(date="2026-11-24") in comment
    assert "commonplan:taken-down" in comment and "withdrawn date=2026-11-24" in comment
    assert "Thank you" not in comment
    assert fake.issues[number]["state"] == "closed"
