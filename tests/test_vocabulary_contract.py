"""Every word any channel offers a person for a value comes back, through every intake
route, as that same value: the issue form's dropdown, the printed pack's tick boxes, the
site's badges, the spreadsheet, the e-mail template and a review comment's first lines."""

from __future__ import annotations

from datetime import date

import pytest

from commonplan.corpus import Corpus
from commonplan.github.drafts import review_draft
from commonplan.github.form import read_issue_form
from commonplan.github.remote import ReviewComment
from commonplan.intake.mail_message import read_message
from commonplan.intake.spreadsheet_import import plan_file
from commonplan.repository import check_repository
from commonplan.terms import Term, Vocabulary
from commonplan.vocabulary import STANCE, VOCABULARIES

from .conftest import ROOT
from .githubloop import form_body

# (channel, the words it offers for a stance)
OFFERED = [
    ("issue form", lambda term: term.form_label),
    ("printed pack", lambda term: term.label),
    ("site badge", lambda term: term.badge_label),
    ("command line and files", lambda term: term.id),
]
CASES = [
    pytest.param(term, channel, words(term), id=f"{term.id}-{channel}")
    for term in STANCE.terms
    for channel, words in OFFERED
]


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return check_repository(ROOT).corpus


@pytest.mark.parametrize(
    ("vocabulary", "term"),
    [pytest.param(v, t, id=f"{v.name}-{t.id}") for v in VOCABULARIES for t in v.terms],
)
def test_every_spelling_of_every_value_resolves_to_it(vocabulary: Vocabulary, term: Term) -> None:
    for spelling in term.spellings():
        assert vocabulary.resolve(spelling) == term.id
        assert vocabulary.resolve(f"  {spelling.upper()}. ") == term.id


@pytest.mark.parametrize(("term", "channel", "words"), CASES)
def test_a_spreadsheet_cell_reads_back(
    corpus: Corpus, term: Term, channel: str, words: str
) -> None:
    rows = f"proposal,group,stance,feedback\nwarm-spaces,Carers,{words},Some words from {channel}\n"
    plan = plan_file(
        corpus,
        rows.encode(),
        source_kind="meeting",
        recorded_by="hollowmere-carers-network",
        proposal=None,
    )
    assert [str(p) for p in plan.problems] == []
    [candidate] = plan.new
    assert candidate.feedback is not None
    assert candidate.feedback.stance == term.id


@pytest.mark.parametrize(("term", "channel", "words"), CASES)
def test_an_email_reads_back(corpus: Corpus, term: Term, channel: str, words: str) -> None:
    raw = (
        "From: someone@example.org\nSubject: Feedback on warm-spaces\nMessage-ID: <x@example>\n"
        f"Content-Type: text/plain; charset=utf-8\n\nI am a: Carers\nMy view: {words}\n\n"
        f"Some words from {channel}.\n"
    ).encode()
    reading = read_message(raw, corpus)
    assert reading.problem == ""
    assert reading.data["stance"] == term.id


@pytest.mark.parametrize(("term", "channel", "words"), CASES)
def test_an_issue_form_answer_reads_back(
    corpus: Corpus, term: Term, channel: str, words: str
) -> None:
    form = read_issue_form(form_body(stance=words), corpus.settings)
    assert form.unknown == []
    assert form.fields["stance"] == term.id


@pytest.mark.parametrize(("term", "channel", "words"), CASES)
def test_a_review_comment_line_reads_back(
    corpus: Corpus, term: Term, channel: str, words: str
) -> None:
    comment = ReviewComment(
        id=1,
        pull=2,
        path="proposals/warm-spaces.md",
        line=None,
        body=f"Group: carer\nStance: {words}\nSome words from {channel}.",
        author="someone-new",
        url="https://github.example/pull/2#discussion_r1",
        created=date(2026, 11, 20),
        in_reply_to=None,
    )
    draft = review_draft(corpus, comment, "warm-spaces", "")
    assert draft.problems == []
    assert draft.data["stance"] == term.id


@pytest.mark.parametrize("label", ["Carers", "carer", "Families and neighbours"])
def test_the_forms_group_labels_read_back_in_every_route(corpus: Corpus, label: str) -> None:
    expected = {"Carers": "carer", "carer": "carer", "Families and neighbours": "family"}[label]
    assert read_issue_form(form_body(group=label), corpus.settings).fields["group"] == expected
    rows = f"proposal,group,stance,feedback\nwarm-spaces,{label},idea,Words\n"
    plan = plan_file(
        corpus,
        rows.encode(),
        source_kind="paper",
        recorded_by="hollowmere-carers-network",
        proposal=None,
    )
    [candidate] = plan.new
    assert candidate.feedback is not None and candidate.feedback.group == expected
