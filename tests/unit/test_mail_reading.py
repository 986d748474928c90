"""Reading one e-mail: its own words, from plain text or HTML, whatever its charset."""

from __future__ import annotations

import random

import pytest

from commonplan.corpus import Corpus
from commonplan.intake.mail_message import html_to_text, own_words, read_message
from commonplan.repository import check_repository

from ..conftest import ROOT


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return check_repository(ROOT).corpus


def test_signature_and_quoted_reply_are_cut() -> None:
    text = "Please run the bus on Sundays.\n> quoted line\nThanks\n-- \nMary, 07700 900123\n"
    assert own_words(text) == "Please run the bus on Sundays."  # the sign-off goes too
    outlook = "Yes please.\r\n\r\n________________________________\r\nFrom: Someone <a@b.org>\r\n"
    assert own_words(outlook) == "Yes please."
    phone = "Good plan.\n\nSent from my iPhone\n"
    assert own_words(phone) == "Good plan."


def test_html_becomes_text_never_markup() -> None:
    html = (
        "<p>One &amp; two</p><script>evil()</script><style>p{}</style>"
        "<ul><li>first</li><li>second&nbsp;item</li></ul>"
        "<blockquote>the message replied to</blockquote><img src=x onerror=alert(1)>"
    )
    assert html_to_text(html) == "One & two\n\nfirst\n\nsecond item"


NO_PROPOSAL = "the subject names no proposal (by its title or its id)"
UNKNOWN_CHARSET = (
    b"Subject: Feedback on warm-spaces\r\nContent-Type: text/plain; charset=x-no-such\r\n\r\n"
    b"I am a: carer\r\nMy view: idea\r\n\r\nCaf\xe9 please\r\n"
)


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        pytest.param(b"", NO_PROPOSAL, id="empty"),
        pytest.param(b"garbage without headers", NO_PROPOSAL, id="no-headers"),
        pytest.param(UNKNOWN_CHARSET, "", id="unknown-charset"),
        pytest.param(
            b"Subject: Feedback on warm-spaces\r\nContent-Type: multipart/mixed; boundary=zz\r\n"
            b"\r\n--zz\r\nContent-Type: text/plain\r\n\r\nI am a: carer\r\n",
            "it does not give a view ('My view: …' is not filled in)",
            id="unclosed-multipart",
        ),
        pytest.param(
            b"Subject: =?utf-8?b?broken\r\nDate: yesterday\r\n\r\nI am a: carer\r\n",
            NO_PROPOSAL,
            id="broken-subject-and-date",
        ),
        pytest.param(
            b"Subject: Feedback on warm-spaces\r\nContent-Transfer-Encoding: base64\r\n\r\n"
            b"!!!not base64",
            "it does not say who is writing ('I am a: …' is not filled in)",
            id="bad-base64",
        ),
        # Random bytes, the same every run.
        pytest.param(random.Random(4096).randbytes(4096), NO_PROPOSAL, id="random-bytes"),
    ],
)
def test_any_message_is_read_or_refused_never_raises(
    raw: bytes, problem: str, corpus: Corpus
) -> None:
    reading = read_message(raw, corpus)
    assert reading.problem == problem
    assert bool(reading.data) == (problem == "")  # fields only when it can be used
    assert reading.key  # every message can be told apart, to be recorded once


def test_an_unknown_charset_still_reads(corpus: Corpus) -> None:
    reading = read_message(UNKNOWN_CHARSET, corpus)
    assert reading.problem == ""
    assert reading.data["body"].startswith("Caf")
    assert reading.data["group"] == "carer"


def test_a_subject_may_name_the_plan_by_title(corpus: Corpus) -> None:
    raw = (
        "Subject: Re: Feedback on: Warm, welcoming spaces through the winter and beyond"
        " \u2014 Where the spaces are\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
        "I am a: resident\r\nMy view: idea\r\n\r\nA room at the fire station?\r\n"
    ).encode()
    reading = read_message(raw, corpus)
    assert reading.problem == ""
    assert (reading.data["proposal"], reading.data["section"]) == (
        "warm-spaces",
        "where-the-spaces-are",
    )
    assert reading.data["group"] == "citizen"


def test_other_words_in_the_subject_name_no_section(corpus: Corpus) -> None:
    raw = (
        b"Subject: Feedback on warm-spaces - a quick one\r\n\r\n"
        b"I am a: carer\r\nMy view: idea\r\n\r\nYes.\r\n"
    )
    reading = read_message(raw, corpus)
    assert reading.problem == ""
    assert "section" not in reading.data


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        (
            "The bus should run on Sundays.\n\nKind regards,\nJane Smith\nEastfield",
            "The bus should run on Sundays.",
        ),
        ("The hub is too far.\n\nThanks\nJo", "The hub is too far."),
        ("Thank you.\nIt takes two buses.", "Thank you.\nIt takes two buses."),
        ("Love the idea of the hub.", "Love the idea of the hub."),
    ],
)
def test_a_sign_off_and_the_name_under_it_are_cut_and_nothing_else(text: str, kept: str) -> None:
    assert own_words(text) == kept


def test_a_message_that_names_its_sender_is_left_for_a_person(corpus: Corpus) -> None:
    raw = (
        b"From: Jane Smith <jane@127.0.0.1>\r\nSubject: Feedback on warm-spaces\r\n"
        b"Content-Type: text/plain; charset=utf-8\r\n\r\n"
        b"I am a: carer\r\nMy view: idea\r\n\r\nThis is Jane Smith from Eastfield: open later.\r\n"
    )
    reading = read_message(raw, corpus)
    assert "name" in reading.problem
    assert "Jane" not in reading.problem and "jane@" not in reading.problem
