"""Text from outside (issues, review comments, e-mail, spreadsheets) is read in time in
proportion to its length, whatever it holds, and past the limits it is refused in plain
words without losing anything.

No test here times anything: each reads a megabyte of the input that once took the readers
quadratic time or worse (a line of 60,000 spaces took an issue's reading 10 s, so these
would take hours), and checks what was read. Each takes a few milliseconds now.
"""

from __future__ import annotations

import csv
from datetime import date

import pytest

from commonplan.corpus import Corpus
from commonplan.github.drafts import (
    _leading_fields,
    checked,
    issue_draft,
    review_draft,
    review_field,
)
from commonplan.github.form import (
    BODY,
    CONSENT,
    CONSENT_CHOICE,
    GROUP,
    PROPOSAL,
    STANCE,
    heading_text,
    is_ticked,
    read_issue_form,
)
from commonplan.github.remote import Issue, ReviewComment
from commonplan.intake.mail_message import (
    MAX_MESSAGE_BYTES,
    MAX_PARTS,
    MAX_TEXT_CHARS,
    html_to_text,
    own_words,
    read_message,
)
from commonplan.intake.spreadsheet import MAX_CELL_CHARS, read_table
from commonplan.repository import check_repository

from ..conftest import ROOT

N = 1_000_000
SPACES = " " * N


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return check_repository(ROOT).corpus


# --- the issue form --------------------------------------------------------------------------


def test_an_issue_full_of_long_runs_of_spaces_is_read(corpus: Corpus) -> None:
    said = [f"### a{SPACES}b", f"- [x] a{SPACES}b", f"-{SPACES}[x]{SPACES}", "Open later."]
    body = "\n\n".join(
        [
            f"### {PROPOSAL.label}{SPACES}",
            "warm-spaces",
            f"###{SPACES}{GROUP.label}\t",
            "Carers",
            f"### {STANCE.label}",
            f"concern{SPACES}x",
            f"### {BODY.label}",
            *said,
            f"### {CONSENT.label}",
            f"- [X]{SPACES}{CONSENT_CHOICE}{SPACES}",
        ]
    )
    form = read_issue_form(body, corpus.settings)
    assert form.recognised and form.consent
    assert form.fields["proposal"] == "warm-spaces"
    assert form.fields["group"] == "carer"
    assert form.fields[BODY.id] == "\n\n".join(said)
    assert "stance" not in form.fields
    [unknown] = form.unknown  # the odd answer is quoted back, shortened
    assert unknown.startswith("'concern") and "…' is not one of the answers" in unknown
    assert len(unknown) < 500


def test_a_problem_that_quotes_a_long_answer_still_fits_in_a_reply(corpus: Corpus) -> None:
    """A proposal named with 60,000 letters: the problem quotes it cut in its middle."""
    said = {PROPOSAL: "x" * 60_000, GROUP: "Carers", STANCE: "concern", BODY: "Open later."}
    body = "\n\n".join(f"### {q.label}\n\n{answer}" for q, answer in said.items())
    body += f"\n\n### {CONSENT.label}\n\n- [X] {CONSENT_CHOICE}"
    issue = Issue(7, "Feedback", body, "a", "https://x/7", date(2026, 11, 20), frozenset(), True)
    _, [problem] = checked(corpus, "x-issue-7", issue_draft(corpus, issue))
    assert len(problem) < 300
    assert f"'{'x' * 39}…{'x' * 19}' is not a proposal" in problem


@pytest.mark.parametrize(
    ("line", "text"),
    [
        ("### Which part?  ", "Which part?"),
        ("###\tWhich part?\t", "Which part?"),
        ("###Which part?", None),
        ("#### Which part?", None),
        (" ### Which part?", None),
        ("Text ### Which part?", None),
    ],
)
def test_a_heading_is_read_as_github_writes_it(line: str, text: str | None) -> None:
    assert heading_text(line) == text


@pytest.mark.parametrize(
    ("line", "ticked"),
    [
        ("- [X] I understand", True),
        ("  * [x]\tI understand ", True),
        ("- [ ] I understand", False),
        ("-[X] I understand", False),
        ("- [X]I understand", False),
        ("- [X]", False),
        ("- [X]   ", False),
        ("[X] I understand", False),
    ],
)
def test_a_ticked_box_is_read_as_github_writes_it(line: str, ticked: bool) -> None:
    assert is_ticked(line) is ticked


# --- review comments -------------------------------------------------------------------------


def test_review_comment_fields_with_long_runs_of_spaces_are_read() -> None:
    blank = "\n" * (N // 5)
    body = f"stance:{SPACES}concern{SPACES}\n{blank}Group :\t{SPACES}carer\nThe text."
    assert _leading_fields(body) == ({"stance": "concern", "group": "carer"}, "The text.")
    assert review_field(f"stance:{SPACES}x{SPACES}y") == ("stance", f"x{SPACES}y")
    assert review_field(f"{SPACES}Stance{SPACES}") is None
    assert review_field("Stance:   ") == ("stance", "")  # a field left empty
    assert review_field("Stance:") is None
    assert review_field("GROUP: carer: a long time") == ("group", "carer: a long time")


def test_an_odd_field_is_quoted_back_shortened(corpus: Corpus) -> None:
    comment = ReviewComment(
        7, 1, "proposals/warm-spaces.md", 3, f"Group: carer\nStance: {'x' * 60_000}\nNo.",
        "a-resident", "https://example.org/r/7", date(2026, 11, 20), None,
    )  # fmt: skip
    draft = review_draft(corpus, comment, "warm-spaces", "")
    [problem] = draft.problems
    assert problem.startswith("'Stance: xxx") and "…' must be one of" in problem
    assert len(problem) < 500


# --- e-mail ----------------------------------------------------------------------------------


def test_a_megabyte_of_short_lines_keeps_them_all_and_loses_the_sign_off() -> None:
    lines = ["Yes, a bus"] * (N // 11)
    text = "\n".join([*lines, "", "Kind regards,", "Jane Smith", "Eastfield", ""])
    assert own_words(text) == "\n".join(lines)
    assert own_words("\n".join(["Thanks", *lines])) == "\n".join(["Thanks", *lines])
    not_signed = f"Thanks a{SPACES}b{SPACES}c{SPACES}d"
    assert own_words(f"The bus.\n{not_signed}") == f"The bus.\n{not_signed}"
    assert own_words(f"The bus.\nRegards{SPACES},{SPACES}") == "The bus."


def test_a_megabyte_mail_is_read(corpus: Corpus) -> None:
    text = "I am a: carer\nMy view: idea\n\n" + "Yes, a bus\n" * 90_000 + "\nThanks\nJo\n"
    raw = b"Subject: Feedback on warm-spaces\r\n\r\n" + text.encode()
    reading = read_message(raw, corpus)
    assert reading.problem == ""
    assert reading.data["body"] == "\n".join(["Yes, a bus"] * 90_000)


@pytest.mark.parametrize(
    "html",
    [
        "<a<" * (N // 3),
        f"<a b='{'<' * N}",
        f'<p title="{"<a " * (N // 3)}',
        "<" * N,
    ],
)
def test_unclosed_markup_is_text(html: str) -> None:
    assert html_to_text(html) == " ".join(html.split())


@pytest.mark.parametrize(
    "html",
    ["<!--" * N, "<![CDATA[" * (N // 9), "<!" * N, "<?" * N, "</" * N, "<script>" * (N // 8)],
)
def test_markup_that_never_closes_leaves_no_text(html: str) -> None:
    assert html_to_text(html) == ""


def test_a_hundred_thousand_tags_leave_their_lines() -> None:
    assert html_to_text("<p>" * (N // 10) + "Yes" + "<br/>" * (N // 10)) == "Yes"


def _mail(headers: bytes, text: bytes = b"I am a: carer\r\nMy view: idea\r\n\r\nYes.\r\n") -> bytes:
    return b"Subject: Feedback on warm-spaces\r\n" + headers + b"\r\n" + text


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        pytest.param(
            _mail(b"From: " + b"(" * 5_000 + b"\r\n"),
            "its From header is longer than 1,000 characters",
            id="from-nested-comments",
        ),
        pytest.param(
            _mail(b"Content-Type: text/plain; " + b"(x)" * N + b"\r\n"),
            "its Content-Type header is longer than 1,000 characters",
            id="content-type-comments",
        ),
        pytest.param(
            _mail(b"Content-Type: text/plain;\r\n" + b" a=b;\r\n" * 200),
            "its Content-Type header is longer than 1,000 characters",
            id="folded-header",
        ),
        pytest.param(
            _mail(b"Content-Disposition: inline\r\n" * 400 + b"Content-Type: text/plain\r\n" * 400),
            "its headers are longer than 20,000 characters in all",
            id="many-headers",
        ),
        pytest.param(
            _mail(b"Content-Type: multipart/mixed; boundary=b\r\n", b"--b\r\n\r\nx\r\n" * 201),
            f"the message has more than {MAX_PARTS} parts",
            id="many-parts",
        ),
        pytest.param(
            _mail(b"", b"x" * (MAX_TEXT_CHARS + 1)),
            "its text is longer than 1,048,576 characters (1 MiB)",
            id="long-text",
        ),
        pytest.param(
            _mail(b"", b"x" * MAX_MESSAGE_BYTES), "the message is larger than 10 MiB", id="large"
        ),
    ],
)
def test_a_message_past_the_limits_is_left_for_a_person(
    raw: bytes, problem: str, corpus: Corpus
) -> None:
    reading = read_message(raw, corpus)
    assert reading.problem == f"{problem}, more than is read automatically"
    assert reading.data == {} and reading.key


def test_a_sender_line_that_cannot_be_read_is_left_for_a_person(corpus: Corpus) -> None:
    """The sender's name is read for a check only; a From the e-mail package cannot parse
    (nested too deep for it) flags the message rather than stopping the run."""
    reading = read_message(_mail(b"From: " + b"(" * 990 + b"\r\n"), corpus)
    assert reading.problem.startswith("the message cannot be read")


# --- spreadsheets ----------------------------------------------------------------------------

HEADER = b"proposal,I am a,My view,Your feedback\r\n"


@pytest.mark.parametrize("length", [MAX_CELL_CHARS + 1, 200_000, N])
def test_a_cell_past_the_limit_is_reported_at_its_row_and_column(length: int) -> None:
    rows = [
        b'warm-spaces,carer,idea,"' + b"x" * length + b'"',
        b"warm-spaces,carer,idea,A short one.",
    ]
    table = read_table(HEADER + b"\r\n".join(rows) + b"\r\n")
    assert [str(p) for p in table.problems] == [
        f"row 2, column 'Your feedback': this cell holds {length:,} characters, more than the"
        " 100,000 one cell may hold; shorten it or split it over several rows"
    ]
    assert [number for number, _ in table.rows] == [3]
    assert csv.field_size_limit() == 131_072  # the csv module's own limit is put back


def test_cells_up_to_the_limit_and_long_runs_of_spaces_are_read() -> None:
    rows = [
        b"warm-spaces,carer,idea," + b"x" * MAX_CELL_CHARS,
        b"warm-spaces,carer,idea," + SPACES.encode() + b"x" + SPACES.encode(),
        b'warm-spaces,carer,idea,"' + b'""' * 90_000 + b'"',
    ]
    table = read_table(HEADER + b"\n".join(rows))
    assert table.problems == []
    assert [cells["feedback"] for _, cells in table.rows] == [
        "x" * MAX_CELL_CHARS,
        "x",
        '"' * 90_000,
    ]


def test_a_quote_left_open_in_the_header_is_reported_shortened() -> None:
    table = read_table(b'proposal,"feedback\n' + b"warm-spaces,x\n" * (N // 14))
    [problem, *_] = table.problems
    assert problem.column.endswith("…") and len(problem.column) < 50
    assert "characters long, more than the 1,000 a header may be; is a quote left open?" in str(
        problem
    )


def test_thousands_of_repeated_headings_get_their_anchors_in_one_pass() -> None:
    """A pull request from a fork can hold such a proposal; each title is not checked again
    against every earlier one (it took seconds at 4,000 and grew with the square)."""
    from commonplan.load.sections import find_sections

    sections = find_sections("## x\n\ntext\n\n" * 50_000, 1)
    assert [s.anchor for s in sections[:3]] == ["x", "x_1", "x_2"]
    assert sections[-1].anchor == "x_49999"
    assert len({s.anchor for s in sections}) == 50_000
