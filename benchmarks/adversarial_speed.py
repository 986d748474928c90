"""Benchmark: each route's reading of text from outside, on hostile input against ordinary
input of the same size.

Issues, review comments, e-mails and spreadsheets are anyone's text, and an item that
takes too long is read again on the next run and the next, so a reader that takes more than
linear time on some input can stop every run. For each route this times, alternately and
several times each, an ordinary item and hostile ones of the same size, in one process:
long runs of spaces between the words a pattern looks for, very many short lines, markup
and quotes that never close, headers the e-mail package parses slowly, a cell that is one
long run. The routes, read as a run reads them:

- an issue: the form read (`drafts.issue_draft`) and checked as `validate` would
  (`drafts.checked`);
- a review comment: its `Group:` / `Stance:` lines read (`drafts.review_draft`) and checked;
- an e-mail: `mail_message.read_message` (headers, text or HTML, quoted reply and sign-off
  cut, the template's lines, personal data);
- a spreadsheet: `spreadsheet.read_table`.

Issues and review comments are 65,536 characters, the most GitHub lets anyone write and
the most ingest reads (a longer one is answered as too long, unread); the others 100,000
characters by default. It prints each hostile item's time as a ratio of the ordinary one's
(medians). The target is a ratio of at most 3.0 for every one; the script exits 1 when one
is over. Usage: python benchmarks/adversarial_speed.py [--size CHARACTERS] [--rounds N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import timeit
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from commonplan.github.drafts import checked, issue_draft, review_draft
from commonplan.github.form import (
    BODY,
    CONSENT,
    CONSENT_CHOICE,
    GROUP,
    MAX_BODY_CHARS,
    PROPOSAL,
    STANCE,
)
from commonplan.github.remote import Issue, ReviewComment
from commonplan.intake.mail_message import read_message
from commonplan.intake.spreadsheet import read_table
from commonplan.repository import check_repository

ROOT = Path(__file__).resolve().parent.parent
TARGET = 3.0
PROSE = "The library could stay open until eight on Thursdays;\ncarers who work need it. "
DAY = date(2026, 11, 20)


@dataclass(frozen=True)
class Case:
    route: str
    read: Callable[[str], object]
    ordinary: str
    hostile: dict[str, str]  # what makes it hostile → the item


def _fill(text: str, size: int) -> str:
    """``text`` repeated to ``size`` characters."""
    return (text * (size // len(text) + 1))[:size]


def _spaced(start: str, end: str, size: int) -> str:
    """``start``, spaces, ``end``: ``size`` characters."""
    return start + " " * (size - len(start) - len(end)) + end


def _form(answer: str = "{}", consent: str = f"- [X] {CONSENT_CHOICE}") -> str:
    """An issue as GitHub writes the form; `{}` marks where `_sized` fills it."""
    return (
        f"### {PROPOSAL.label}\n\nwarm-spaces\n\n### {GROUP.label}\n\nCarers\n\n"
        f"### {STANCE.label}\n\nconcern\n\n### {BODY.label}\n\n{answer}\n\n"
        f"### {CONSENT.label}\n\n{consent}"
    )


def _sized(form: str, fill: Callable[[int], str], size: int) -> str:
    """``form`` with its ``{}`` filled to make it ``size`` characters."""
    return form.replace("{}", fill(size - len(form) + 2), 1)


def _mail(text: str, headers: str = "", kind: str = "plain") -> str:
    return (
        f"Subject: Feedback on warm-spaces\r\nContent-Type: text/{kind}; charset=utf-8\r\n"
        f"{headers}\r\n{text}"
    )


def cases(size: int) -> list[Case]:
    corpus = check_repository(ROOT).corpus

    def issue(body: str) -> object:
        item = Issue(7, "Feedback", body, "a-resident", "https://x/7", DAY, frozenset(), True)
        return checked(corpus, "warm-spaces-issue-7", issue_draft(corpus, item))

    def comment(body: str) -> object:
        item = ReviewComment(8, 1, "proposals/warm-spaces.md", 3, body, "b", "", DAY, None)
        draft = review_draft(corpus, item, "warm-spaces", "")
        return checked(corpus, "warm-spaces-review-8", draft, form=False)

    limit = min(size, MAX_BODY_CHARS)
    spaces = " " * size
    template = "I am a: carer\nMy view: idea\n\n"
    signed = "\n\nKind regards,\nJane Smith\nEastfield"
    csv_header = "proposal,I am a,My view,Your feedback\r\n"
    return [
        Case(
            "issue",
            issue,
            _sized(_form(), lambda n: _fill(PROSE, n), limit),
            {
                "heading line: '### a', spaces, 'b'": _sized(
                    _form(), lambda n: _spaced("### a", "b", n), limit
                ),
                "ticked box line: '- [x] a', spaces, 'b'": _sized(
                    _form("Yes.", "{}"), lambda n: _spaced("- [x] a", "b", n), limit
                ),
                "very many short lines '### a'": _sized(
                    _form(), lambda n: _fill("### a\n", n), limit
                ),
            },
        ),
        Case(
            "review comment",
            comment,
            "Group: carer\nStance: concern\n" + _fill(PROSE, limit - 29),
            {
                "'stance:', spaces, 'x', spaces, 'y'": f"stance:{spaces[: limit // 2 - 9]}x"
                f"{spaces[: limit // 2]}y",
                "blank lines before the text": "Group: carer\n" + "\n" * (limit - 17) + "Yes.",
            },
        ),
        Case(
            "e-mail",
            lambda raw: read_message(raw.encode(), corpus),
            _mail(template + _fill(PROSE, size) + signed),
            {
                "very many short lines, then a sign-off": _mail(
                    template + _fill("Yes\n", size) + signed
                ),
                "a sign-off's words between long runs of spaces": _mail(
                    template + "Yes.\nThanks a" + "b".join([spaces[: size // 3]] * 3) + "d"
                ),
                "HTML: '<a<' repeated (tags never closed)": _mail(_fill("<a<", size), kind="html"),
                "HTML: '<a \"' repeated (quotes never closed)": _mail(
                    _fill('<a "', size), kind="html"
                ),
                "Content-Type header of comments '(x)'": _mail(
                    "Yes.", f"Content-Type: text/plain; {_fill('(x)', size)}\r\n"
                ),
                "From header of words": _mail("Yes.", f"From: {_fill('a ', size)}\r\n"),
            },
        ),
        Case(
            "spreadsheet",
            lambda data: read_table(data.encode()),
            csv_header + _fill(f'warm-spaces,carer,idea,"{PROSE}"\r\n', size),
            {
                "one cell of spaces": csv_header + f"warm-spaces,carer,idea,{spaces}x",
                "a quote never closed": csv_header
                + 'warm-spaces,carer,idea,"'
                + _fill(PROSE, size),
                "one row of empty cells": csv_header + "," * size,
            },
        ),
    ]


def seconds(read: Callable[[str], object], data: str, rounds: int) -> list[float]:
    """Seconds per reading, one figure per round (each round reads often enough to last)."""
    timer = timeit.Timer(lambda: read(data))
    number, _ = timer.autorange()
    return [total / number for total in timer.repeat(repeat=rounds, number=number)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()

    worst = 0.0
    for case in cases(args.size):
        # Alternate ordinary and hostile rounds, so that a busy machine slows both alike.
        ordinary: list[float] = []
        hostile: dict[str, list[float]] = {name: [] for name in case.hostile}
        for _ in range(args.rounds):
            ordinary += seconds(case.read, case.ordinary, 1)
            for name, data in case.hostile.items():
                hostile[name] += seconds(case.read, data, 1)
        base = statistics.median(ordinary)
        print(f"{case.route}: ordinary, {len(case.ordinary):,} characters: {base * 1e3:.2f} ms")
        for name, times in hostile.items():
            ratio = statistics.median(times) / base
            worst = max(worst, ratio)
            size = len(case.hostile[name])
            print(f"  {name} ({size:,}): {statistics.median(times) * 1e3:.2f} ms, {ratio:.2f}x")
    print(f"worst ratio: {worst:.2f}x (target: at most {TARGET:.1f}x)")
    if worst > TARGET:
        sys.exit(1)


if __name__ == "__main__":
    main()
