"""Ids made from content: the same words give the same id; a clash never drops feedback."""

from __future__ import annotations

import re

from commonplan.intake.candidate import content_id


def test_the_same_content_gets_the_same_short_id() -> None:
    first = content_id(
        "warm-spaces",
        "paper",
        "carer",
        "idea",
        "Open later.",
        body="Open later.",
        held_by=lambda _: None,
    )
    again = content_id(
        "warm-spaces",
        "paper",
        "carer",
        "idea",
        "Open later.",
        body="Open later.",
        held_by=lambda taken: "Open later.\n" if taken == first else None,
    )
    assert first == again
    assert re.fullmatch(r"warm-spaces-paper-[0-9a-f]{8}", first)


def test_different_words_holding_the_short_id_get_a_longer_one() -> None:
    short = content_id(
        "warm-spaces", "paper", "Open later.", body="Open later.", held_by=lambda _: None
    )
    clashed = content_id(
        "warm-spaces",
        "paper",
        "Open later.",
        body="Open later.",
        held_by=lambda taken: "Something else entirely." if taken == short else None,
    )
    assert clashed != short and clashed.startswith(short)
    assert re.fullmatch(r"warm-spaces-paper-[0-9a-f]{16}", clashed)
