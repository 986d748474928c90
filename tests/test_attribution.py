"""Nobody acts for a team they do not belong to: `commonplan validate --base main --author
LOGIN` on a pull request that forges an answer, a team's voice, a recorder or a team's
name fails at the field; the owner's own answer and a member's own voice pass."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from commonplan.cli.app import main
from commonplan.repository import write_in_step

from .helpers import commit_all, git

UNANSWERED = "feedback/carers-breaks/carers-breaks-0014.yml"  # owner: council-adult-care
OWNER = "hbc-adultcare"  # in council-adult-care's github list
ANSWER = (
    "response:\n  status: not-adopted\n  by: council-adult-care\n  date: 2026-11-20\n"
    "  text: This plan is cancelled, see https://evil.example/\n"
)
NEW_FEEDBACK = "feedback/warm-spaces/warm-spaces-0090.yml"


def new_feedback(from_team: str | None, recorded_by: str) -> str:
    speaker = f"from: {from_team}\n" if from_team else "group: carer\n"
    return (
        f"proposal: warm-spaces\n{speaker}stance: idea\nsubmitted: 2026-11-20\n"
        f"source:\n  kind: meeting\n  recorded_by: {recorded_by}\n"
        "body: A bench by the door.\n"
    )


@pytest.fixture
def pull(demo_copy: Path) -> Path:
    """The demo as its base branch `main`; the working tree is the pull request's head."""
    git(demo_copy, "init", "-q", "-b", "main")
    commit_all(demo_copy, "The base branch", "2026-11-01")
    return demo_copy


def validate(root: Path, author: str) -> Result:
    return CliRunner().invoke(main, ["validate", str(root), "--base", "main", "--author", author])


def attribution_lines(outcome: Result) -> list[str]:
    return [line for line in outcome.output.splitlines() if "[attribution]" in line]


def test_a_forged_answer_fails_at_the_answering_team(pull: Path) -> None:
    path = pull / UNANSWERED
    path.write_text(path.read_text() + ANSWER)
    outcome = validate(pull, "mallory")
    assert outcome.exit_code == 1
    [line] = attribution_lines(outcome)
    assert line.startswith(f"{UNANSWERED}:")
    line_no = int(line.split(":")[1])
    assert path.read_text().splitlines()[line_no - 1].strip() == "by: council-adult-care"
    assert "team 'council-adult-care'" in line and "'mallory'" in line


def test_the_owners_own_answer_passes(pull: Path) -> None:
    path = pull / UNANSWERED
    path.write_text(path.read_text() + ANSWER)
    outcome = validate(pull, OWNER.upper())  # GitHub logins ignore case
    assert attribution_lines(outcome) == [], outcome.output


def test_a_changed_answer_is_checked_and_an_untouched_one_is_not(pull: Path) -> None:
    answered = pull / "feedback/warm-spaces/warm-spaces-0002.yml"  # by warm-spaces-team
    assert validate(pull, "mallory").exit_code == 0  # nothing changed: nothing to check
    answered.write_text(answered.read_text().replace("status: under-review", "status: accepted"))
    assert len(attribution_lines(validate(pull, "mallory"))) == 1
    assert attribution_lines(validate(pull, "warm-spaces-hollowmere")) == []


def test_joining_a_team_in_the_same_pull_request_does_not_let_you_answer_for_it(
    pull: Path,
) -> None:
    team = pull / "teams/council-adult-care.yml"
    team.write_text(
        team.read_text().replace("github: [hbc-adultcare", "github: [mallory, hbc-adultcare")
    )
    path = pull / UNANSWERED
    path.write_text(path.read_text() + ANSWER)
    write_in_step(pull)
    assert len(attribution_lines(validate(pull, "mallory"))) == 1


@pytest.mark.parametrize(
    ("from_team", "recorded_by", "author", "forged"),
    [
        ("council-adult-care", "eastfield-good-neighbours", "eastfield-neighbours", ["from"]),
        (None, "council-adult-care", "eastfield-neighbours", ["recorded_by"]),
        ("eastfield-good-neighbours", "eastfield-good-neighbours", "eastfield-neighbours", []),
        (None, "eastfield-good-neighbours", "eastfield-neighbours", []),
    ],
)
def test_a_voice_and_a_recorder_must_be_the_authors_team(
    pull: Path, from_team: str | None, recorded_by: str, author: str, forged: list[str]
) -> None:
    (pull / NEW_FEEDBACK).write_text(new_feedback(from_team, recorded_by))
    lines = attribution_lines(validate(pull, author))
    assert len(lines) == len(forged), lines
    for line, field in zip(lines, forged, strict=True):
        line_no = int(line.split(":")[1])
        assert (
            (pull / NEW_FEEDBACK)
            .read_text()
            .splitlines()[line_no - 1]
            .strip()
            .startswith(f"{field}:")
        )


def test_the_intake_bot_never_answers_and_speaks_for_a_team_only_from_github(pull: Path) -> None:
    path = pull / UNANSWERED
    path.write_text(path.read_text() + ANSWER)
    (pull / NEW_FEEDBACK).write_text(
        new_feedback("eastfield-good-neighbours", "eastfield-good-neighbours")
    )
    lines = attribution_lines(validate(pull, "github-actions[bot]"))
    assert any("never answers" in line for line in lines)
    assert any("only from GitHub" in line for line in lines)
    assert any("recorded as by" in line for line in lines)


def test_a_new_plan_is_started_by_a_member_of_its_owner(pull: Path) -> None:
    plan = pull / "proposals/by-hand.md"
    plan.write_text(
        "---\ntitle: Cancel the carers' breaks\nowner: council-adult-care\nstatus: draft\n"
        "summary: A plan that is not the council's.\n---\n## What\n\nText.\n"
    )
    write_in_step(pull)
    [line] = attribution_lines(validate(pull, "mallory"))
    assert line.startswith("proposals/by-hand.md:3:")
    assert attribution_lines(validate(pull, OWNER)) == []


def test_a_team_cannot_take_another_teams_name(demo_copy: Path) -> None:
    council = (demo_copy / "teams/council-adult-care.yml").read_text()
    real_name = next(line for line in council.splitlines() if line.startswith("name:"))
    respaced = "name:  " + "  ".join(real_name.removeprefix("name:").split()).upper()
    (demo_copy / "teams/impostor.yml").write_text(
        f"{respaced}\nkind: organisation\ngroups: [carer]\ngithub: [mallory]\n"
    )
    outcome = CliRunner().invoke(main, ["validate", str(demo_copy)])
    assert outcome.exit_code == 1
    duplicate = [line for line in outcome.output.splitlines() if "[duplicate-name]" in line]
    assert {line.split(":")[0] for line in duplicate} == {
        "teams/impostor.yml",
        "teams/council-adult-care.yml",
    }


def test_author_needs_a_base(demo_copy: Path) -> None:
    outcome = CliRunner().invoke(main, ["validate", str(demo_copy), "--author", "x"])
    assert outcome.exit_code == 2
    assert "--author needs --base" in outcome.output
