"""pydantic's errors in plain words, pointed at the right value, with "did you mean" hints."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from pydantic import ValidationError

from commonplan.feedback import Feedback
from commonplan.load.explain import Problem, explain
from commonplan.model import Proposal, Record, Team

NAN = float("nan")
TEAM: dict[str, Any] = {"name": "Bench Friends", "kind": "action-team", "groups": ["citizen"]}
FEEDBACK: dict[str, Any] = {
    "proposal": "benches",
    "group": "citizen",
    "stance": "idea",
    "submitted": "2026-11-10",
    "source": {"kind": "meeting", "recorded_by": "council-adult-care"},
    "body": "A bench by the post office.",
}
PROPOSAL: dict[str, Any] = {
    "title": "Benches",
    "owner": "council-adult-care",
    "status": "draft",
    "summary": "Somewhere to rest.",
}


def _problems(model: type[Record], data: dict[str, Any]) -> list[Problem]:
    with pytest.raises(ValidationError) as caught:
        model.model_validate(data)
    return list(explain(model, caught.value))


def _one(model: type[Record], data: dict[str, Any]) -> Problem:
    (problem,) = _problems(model, data)
    return problem


def test_the_valid_examples_are_valid() -> None:
    """The starting points of the cases below validate, to these values and defaults."""
    team = Team.model_validate(TEAM)
    assert (team.name, team.kind, team.groups) == ("Bench Friends", "action-team", ["citizen"])
    assert (team.members, team.github, team.contact, team.area) == ([], [], None, None)
    feedback = Feedback.model_validate(FEEDBACK)
    assert feedback.submitted == date(2026, 11, 10)
    assert (feedback.proposal, feedback.group, feedback.stance) == ("benches", "citizen", "idea")
    assert (feedback.source.kind, feedback.source.recorded_by) == ("meeting", "council-adult-care")
    assert (feedback.from_, feedback.section, feedback.response) == (None, None, None)
    assert feedback.body == "A bench by the post office."
    proposal = Proposal.model_validate(PROPOSAL)
    assert (proposal.title, proposal.owner, proposal.status) == (
        "Benches",
        "council-adult-care",
        "draft",
    )
    assert proposal.summary == "Somewhere to rest."
    assert (proposal.consultation, proposal.revisions, proposal.actions) == (None, [], [])


@pytest.mark.parametrize(
    ("model", "data", "loc", "hint"),
    [
        (Team, {**TEAM, "descripton": "x"}, ("descripton",), "description"),
        (Team, {**TEAM, "member": []}, ("member",), "members"),
        (Feedback, {**FEEDBACK, "form": "x"}, ("form",), "from"),
        (
            Feedback,
            {**FEEDBACK, "source": {"kind": "meeting", "recorded_by": "x", "refs": "y"}},
            ("source", "refs"),
            "ref",
        ),
        (
            Team,
            {**TEAM, "members": [{"team": "x", "rol": "lead"}]},
            ("members", 0, "rol"),
            "role",
        ),
        (
            Team,
            {**TEAM, "members": [{"name": "Sam", "group": "carer", "consnt": True}]},
            ("members", 0, "consnt"),
            "consent",
        ),
        (
            Proposal,
            {**PROPOSAL, "actions": [{"id": "a", "title": "t", "owner": "o", "due_date": "x"}]},
            ("actions", 0, "due_date"),
            "due",
        ),
        (
            Proposal,
            {**PROPOSAL, "consultation": {"opens": "2026-01-01", "closes": "2026-02-01", "x": 1}},
            ("consultation", "x"),
            None,
        ),
    ],
    ids=["top", "plural", "alias", "nested", "team-member", "person-member", "action", "none"],
)
def test_unknown_fields_point_at_the_key_and_suggest_the_field(
    model: type[Record], data: dict[str, Any], loc: tuple[str | int, ...], hint: str | None
) -> None:
    problem = _one(model, data)
    assert (problem.code, problem.loc, problem.at_key) == ("unknown-field", loc, True)
    name = loc[-1]
    if hint is None:
        assert problem.message == f"unknown field '{name}'"
    else:
        assert problem.message == f"unknown field '{name}' (did you mean '{hint}'?)"


def test_a_misspelt_required_field_is_one_problem_not_two() -> None:
    data = {**FEEDBACK, "stnce": "idea"}
    del data["stance"]
    problem = _one(Feedback, data)
    assert (problem.code, problem.message) == (
        "unknown-field",
        "unknown field 'stnce' (did you mean 'stance'?)",
    )


def test_a_missing_field_without_a_near_miss_is_reported_missing() -> None:
    data = {key: value for key, value in FEEDBACK.items() if key != "body"}
    problem = _one(Feedback, data)
    assert (problem.code, problem.loc, problem.message) == (
        "missing-field",
        ("body",),
        "required field 'body' is missing",
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {**FEEDBACK, "stance": "suport"},
            "'suport' is not a valid stance; use one of: support, concern, objection, idea,"
            " question, experience (did you mean 'support'?)",
        ),
        (
            {**FEEDBACK, "stance": "grumble"},
            "'grumble' is not a valid stance; use one of: support, concern, objection, idea,"
            " question, experience",
        ),
        (
            {**FEEDBACK, "source": {"kind": "leter", "recorded_by": "x"}},
            "'leter' is not a valid kind; use one of: github-issue, pull-request, review-comment,"
            " meeting, paper, email, phone, survey",
        ),
    ],
    ids=["close", "far", "nested-far"],
)
def test_bad_choices_list_the_allowed_values(data: dict[str, Any], message: str) -> None:
    problem = _one(Feedback, data)
    assert (problem.code, problem.message) == ("bad-value", message)


@pytest.mark.parametrize(
    ("model", "data", "code", "message"),
    [
        (Team, {**TEAM, "name": 3}, "wrong-type", "'name' should be text, not a whole number"),
        (Team, {**TEAM, "groups": "citizen"}, "wrong-type", "'groups' should be a list, not text"),
        (
            Feedback,
            {**FEEDBACK, "source": "meeting"},
            "wrong-type",
            "'source' should be a set of `field: value` lines, not text",
        ),
        (
            Team,
            {**TEAM, "members": [{"name": "Sam", "group": "carer", "consent": "maybe"}]},
            "wrong-type",
            "'consent' should be true or false, not text",
        ),
        (Team, {**TEAM, "groups": []}, "empty-value", "'groups' needs at least one entry"),
        (Team, {**TEAM, "name": ""}, "empty-value", "'name' is empty"),
        (
            Feedback,
            {**FEEDBACK, "submitted": "2026-02-30"},
            "bad-date",
            "submitted: 2026-02-30 is not a real date",
        ),
        (
            Feedback,
            {**FEEDBACK, "submitted": "30/01/2026"},
            "bad-date",
            "submitted: '30/01/2026' is not a date; write it as YYYY-MM-DD, for example 2026-11-02",
        ),
        (
            Team,
            {**TEAM, "groups": ["Carers"]},
            "bad-value",
            "'Carers' is not a valid id for 'groups': use lowercase letters, digits and '-',"
            " starting with a letter or digit",
        ),
        (
            Team,
            {**TEAM, "contact": "www.example.org"},
            "bad-value",
            "'www.example.org' is not a web address starting with http:// or https://",
        ),
        (
            Proposal,
            {**PROPOSAL, "revisions": [{"version": 0, "date": "2026-01-01", "summary": "s"}]},
            "bad-value",
            "'version' must be at least 1",
        ),
        (
            Proposal,
            {**PROPOSAL, "revisions": [{"version": True, "date": "2026-01-01", "summary": "s"}]},
            "wrong-type",
            "'version' should be a whole number, not true or false",
        ),
        (
            Proposal,
            {**PROPOSAL, "revisions": [{"version": "2", "date": "2026-01-01", "summary": "s"}]},
            "wrong-type",
            "'version' should be a whole number, not text",
        ),
        (
            Proposal,
            {**PROPOSAL, "measures": [{"id": "m", "name": "n", "baseline": 1, "target": NAN}]},
            "bad-value",
            "'target' must be a number, not nan",
        ),
        (
            Proposal,
            {**PROPOSAL, "measures": [{"id": "m", "name": "n", "baseline": True, "target": 2}]},
            "wrong-type",
            "'baseline' should be a number, not true or false",
        ),
        (
            Team,
            {**TEAM, "members": [{"name": "Sam", "group": "carer", "consent": "yes"}]},
            "wrong-type",
            "'consent' should be true or false, not text",
        ),
        (
            Feedback,
            {**FEEDBACK, "source": {"kind": "meeting", "recorded_by": "x", 1: "y"}},
            "wrong-type",
            "field names are words; 1 is not",
        ),
    ],
)
def test_wrong_values_are_told_plainly(
    model: type[Record], data: dict[str, Any], code: str, message: str
) -> None:
    problem = _one(model, data)
    assert (problem.code, problem.message) == (code, message)
