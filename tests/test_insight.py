"""Voices heard, common ground, answers on time and stale measures: on the demo and on
corpora built to trigger each warning."""

from __future__ import annotations

from pathlib import Path

from commonplan.clock import today
from commonplan.insight import (
    coverage,
    median_days_to_answer,
    missing_voices,
    section_stances,
    voices,
    waiting_for_answer,
)
from commonplan.repository import check_repository

from .conftest import ROOT


def warnings_of(root: Path, code: str) -> list[str]:
    return [f"{d.path}:{d.line}" for d in check_repository(root).diagnostics if d.code == code]


def test_voices_on_the_demo_list_invited_groups_first_with_counts() -> None:
    corpus = check_repository(ROOT).corpus
    proposal = corpus.proposals["getting-about"]
    heard = voices(corpus, proposal)
    assert [v.group for v in heard][: len(proposal.invite)] == proposal.invite
    family = next(v for v in heard if v.group == "family")
    assert (family.invited, family.count, family.last_heard, family.missing) == (
        True,
        0,
        None,
        True,
    )
    carers = next(v for v in heard if v.group == "carer")
    assert carers.count > 0 and carers.last_heard is not None and carers.teams >= 1


def test_coverage_table_counts_every_group_for_every_proposal() -> None:
    corpus = check_repository(ROOT).corpus
    table = coverage(corpus)
    assert set(table) == set(corpus.proposals)
    assert all(set(row) >= set(corpus.settings.groups) for row in table.values())
    # The young carers' plan is a draft: one parent has spoken (in Welsh), nobody else yet.
    assert table["young-carers-school"] == {**dict.fromkeys(corpus.settings.groups, 0), "family": 1}
    assert sum(table["warm-spaces"].values()) >= len(corpus.feedback_on("warm-spaces"))


def test_missing_voice_warning_fires_two_weeks_before_closing(demo_copy: Path) -> None:
    assert warnings_of(demo_copy, "voice-missing") == ["proposals/getting-about.md:9"]
    corpus = check_repository(demo_copy).corpus
    assert [(p.id, v.group) for p, v in missing_voices(corpus, today())] == [
        ("getting-about", "family")
    ]
    path = demo_copy / "proposals" / "getting-about.md"
    path.write_text(path.read_text().replace("closes: 2026-12-06", "closes: 2026-12-31"))
    assert warnings_of(demo_copy, "voice-missing") == []


def test_common_ground_and_division_on_the_demo() -> None:
    corpus = check_repository(ROOT).corpus
    found = {
        (p.id, s.section): ("common ground" if s.common_ground else "divided")
        for p in corpus.proposals.values()
        for s in section_stances(corpus, p)
        if s.common_ground or s.divided
    }
    assert found[("warm-spaces", "what-we-need-from-you")] == "common ground"
    assert found[("carers-breaks", "what-we-propose")] == "divided"


def test_answer_overdue_follows_response_due_days(demo_copy: Path) -> None:
    overdue = warnings_of(demo_copy, "answer-overdue")
    assert overdue and all(p.startswith("feedback/") for p in overdue)
    config = demo_copy / "mkdocs.yml"
    config.write_text(
        config.read_text().replace(
            "  - commonplan:\n", "  - commonplan:\n      response_due_days: 365\n"
        )
    )
    assert warnings_of(demo_copy, "answer-overdue") == []


def test_waiting_list_is_per_owner_oldest_first() -> None:
    corpus = check_repository(ROOT).corpus
    waiting = waiting_for_answer(corpus, today())
    assert waiting
    for owner, items in waiting.items():
        assert owner in corpus.teams
        ages = [age for _, age in items]
        assert ages == sorted(ages, reverse=True)
        assert all(item.response is None for item, _ in items)


def test_median_days_to_answer() -> None:
    corpus = check_repository(ROOT).corpus
    days = sorted(
        (f.response.date - f.submitted).days
        for f in corpus.feedback.values()
        if f.response is not None and f.response.by == "council-adult-care"
    )
    median = median_days_to_answer(corpus, "council-adult-care")
    assert median is not None and days[0] <= median <= days[-1]
    assert median_days_to_answer(corpus, "young-carers-hollowmere") is None


def test_stale_measure_warning(demo_copy: Path) -> None:
    assert warnings_of(demo_copy, "measure-stale") == []
    path = demo_copy / "proposals" / "getting-about.md"
    text = path.read_text()
    text = text.replace("{date: 2026-10-01, value: 23}", "{date: 2026-05-01, value: 23}")
    text = text.replace("{date: 2026-11-01, value: 27}", "{date: 2026-06-01, value: 27}")
    path.write_text(text)
    assert warnings_of(demo_copy, "measure-stale") == ["proposals/getting-about.md:30"]
