"""The bot quotes what people wrote, never renders it: an owner's answer, a team's name, or
a problem that echoes a resident's words shows on GitHub as the text it is. No link, image,
heading, mention, HTML or issue reference of theirs becomes live, and every word is there."""

from __future__ import annotations

import re

import markdown
import pytest
from bs4 import BeautifulSoup, Comment

from commonplan.corpus import Corpus
from commonplan.feedback import Feedback
from commonplan.github import notices
from commonplan.model import Team
from commonplan.repository import check_repository

from .conftest import ROOT

ANSWER = "\n".join(
    [
        "Thank you. Before we can go on:",
        "",
        "[Log in](https://evil.example/login) to confirm your address",
        "# Heading",
        "@council-team please look, see #12 and GH-3",
        "<img src=x onerror=alert(1)>",
        "https://evil.example/ or www.evil.example",
        "![picture](https://evil.example/x.png)",
        "=====",
        "- a list item",
        "<!-- commonplan:recorded -->",
        "``` a fence, `` a run and a ` tick",
        "`",
        "  indented words  ",
    ]
)
# Every piece that must never become live, and is still to be read, word for word.
PIECES = [line.strip() for line in ANSWER.split("\n") if line.strip()]
NAME = "[Council](https://evil.example/) @council-team <b>bold</b>"


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return check_repository(ROOT).corpus


def _answered(corpus: Corpus) -> tuple[Feedback, Team]:
    item = next(f for f in corpus.feedback.values() if f.response is not None)
    assert item.response is not None
    hostile = item.model_copy(
        update={"response": item.response.model_copy(update={"text": ANSWER})}
    )
    owner = corpus.teams[item.response.by].model_copy(update={"name": NAME})
    return hostile, owner


def _rendered(comment: str) -> BeautifulSoup:
    return BeautifulSoup(markdown.markdown(comment), "html.parser")


def _outside_code(soup: BeautifulSoup) -> str:
    """The text of the rendered comment that is not inside code: the bot's own words."""
    return " ".join(
        str(s)
        for s in soup.find_all(string=True)
        if not s.find_parent("code") and not isinstance(s, Comment)
    )


def _markers(soup: BeautifulSoup) -> list[str]:
    return [str(s) for s in soup.find_all(string=lambda s: isinstance(s, Comment))]


def _code_text(soup: BeautifulSoup) -> str:
    return "\n".join(code.get_text() for code in soup.find_all("code")).replace("\u200b", "")


def _live(soup: BeautifulSoup) -> list[str]:
    """Elements the people's text must never make: only paragraphs, quotes, lists and code."""
    allowed = {"p", "blockquote", "code", "ul", "li"}
    return sorted({tag.name for tag in soup.find_all(True)} - allowed)


def test_an_answer_is_quoted_not_rendered(corpus: Corpus) -> None:
    item, owner = _answered(corpus)
    comment = notices.answered(item, owner, corpus)
    soup = _rendered(comment)
    assert _live(soup) == []
    ours = _outside_code(soup)
    for word in ("evil", "@council-team", "#12", "img", "Heading", "Log in", "commonplan:"):
        assert word not in ours, word
    read = _code_text(soup)
    for piece in PIECES:
        assert piece in read, piece
    assert NAME in read
    assert "answered your feedback on" in ours  # the bot's own words stay its own
    assert _markers(soup) == [notices.answered_marker(item)[4:-3]]  # ours alone


def test_each_line_of_the_answer_is_a_span_closed_on_its_line(corpus: Corpus) -> None:
    """What GitHub would do beyond Python-Markdown (autolinks, mentions, references) it does
    not do inside code: every line holding the answer's words is one whole code span."""
    item, owner = _answered(corpus)
    comment = notices.answered(item, owner, corpus)
    quote = [line.removeprefix("> ") for line in comment.split("\n") if line.startswith(">")]
    spans = [line for line in quote if line != ">"]
    assert len(spans) == len(PIECES)
    for line in spans:
        match = re.fullmatch(r"(`+)(.*)\1", line)
        assert match, line
        inner_runs = {len(run) for run in re.findall(r"`+", match.group(2))}
        assert len(match.group(1)) not in inner_runs, line  # nothing inside can close it
    # A marker in someone's words is not one of ours.
    assert not notices.has_marker([comment.split("\n", 1)[1]], notices.RECORDED_MARKER)


def test_problems_and_team_names_are_quoted_too(corpus: Corpus) -> None:
    problems = [f"'{line}' is not one of the stances" for line in PIECES]
    comment = notices.needs_info(problems, "the issue's text")
    soup = _rendered(comment)
    assert _live(soup) == []
    assert len(soup.find_all("li")) == len(problems)
    assert "evil" not in _outside_code(soup)
    assert all(problem in _code_text(soup) for problem in problems)
    assert len(_markers(soup)) == 1
    assert not notices.has_marker([comment.split("\n", 1)[1]], notices.RECORDED_MARKER)

    team = corpus.teams["warm-spaces-team"].model_copy(update={"name": NAME})
    for said in (
        notices.claim_refused("warm-spaces-team", team, "a-resident"),
        notices.claim_refused("[x](https://evil.example/) @council-team", None, "a-resident"),
    ):
        soup = _rendered(said)
        assert _live(soup) == []
        assert "evil" not in _outside_code(soup) and "@council" not in _outside_code(soup)
    assert NAME in _code_text(_rendered(notices.claim_refused("x", team, "a-resident")))


def test_a_line_of_backticks_stays_in_its_span() -> None:
    for line in ("`", "``", "```", "a`b", "` x `", "```js", "~~~"):
        soup = _rendered(f"- {notices.quoted(line)}\n")
        assert _live(soup) == [], line
        assert soup.find("code") is not None and soup.find("code").get_text() == line.strip()


def test_bidi_controls_in_their_words_cannot_reorder_the_bots() -> None:
    quoted = notices.quoted("we \u202eagree\u202c, \u2066see\u2069 this\u200f")
    assert quoted == "`we agree, see this`"
