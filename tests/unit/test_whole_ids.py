"""Ids are matched whole: Python's `$` also matches before a final newline, so a pattern
ending in `$` let "warm-spaces\\n" pass as an id."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from commonplan.fields import SLUG
from commonplan.github.ingest import PROPOSAL_FILE
from commonplan.instance.init import Instance, problems_with
from commonplan.repository import check_repository

DAY = date(2026, 11, 26)


@pytest.mark.parametrize("id_", ["warm-spaces\n", "warm-spaces\n\n", "\nwarm-spaces"])
def test_an_id_with_a_newline_is_not_an_id(id_: str) -> None:
    assert SLUG.match(id_) is None
    assert SLUG.match("warm-spaces") is not None


def test_a_team_file_whose_name_ends_in_a_newline_is_refused(demo_copy: Path) -> None:
    (demo_copy / "teams" / "lunch-club\n.yml").write_text(
        "name: Lunch club\nkind: community-group\ngroups: [carer]\n", encoding="utf-8"
    )
    result = check_repository(demo_copy, today=DAY)
    assert ("teams/lunch-club\\n.yml", 1, 1, "bad-id") in {
        (d.path, d.line, d.col, d.code) for d in result.diagnostics.errors
    }


def test_a_group_id_or_repository_ending_in_a_newline_is_refused() -> None:
    fine = Instance(name="Hollowmere", repo="hollowmere/strategy", groups={"carer": "Carers"})
    assert problems_with(fine) == []
    group = Instance(name="Hollowmere", repo="hollowmere/strategy", groups={"carer\n": "Carers"})
    assert any("group id" in problem for problem in problems_with(group))
    repo = Instance(name="Hollowmere", repo="hollowmere/strategy\n", groups={"carer": "Carers"})
    assert any("--repo" in problem for problem in problems_with(repo))
    site = Instance(
        name="Hollowmere",
        repo="hollowmere/strategy",
        site_url="https://example.org/\n",
        groups={"carer": "Carers"},
    )
    assert any("--site-url" in problem for problem in problems_with(site))


def test_a_review_comment_path_ending_in_a_newline_is_not_a_proposal() -> None:
    assert PROPOSAL_FILE.match("proposals/warm-spaces.md") is not None
    assert PROPOSAL_FILE.match("proposals/warm-spaces.md\n") is None


def test_an_issue_address_ending_in_a_newline_is_not_the_issue() -> None:
    from commonplan.github.notify import issue_number

    repo = "hollowmere-together/strategy"
    assert issue_number(f"https://github.com/{repo}/issues/12", repo) == 12
    assert issue_number(f"https://github.com/{repo}/issues/12\n", repo) is None


def test_a_date_ending_in_a_newline_is_told_how_to_write_a_date(demo_copy: Path) -> None:
    path = demo_copy / "feedback" / "warm-spaces" / "warm-spaces-0001.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("submitted: 2026-", 'submitted: "2026-', 1).replace(
            "\nsource:", '\\n"\nsource:', 1
        )
    )
    [problem] = check_repository(demo_copy).diagnostics.errors
    assert problem.code == "bad-date"
    assert "real date" not in problem.message
