"""The rules across files (issue 2, item 4): each fires at the offending value.

A small, valid strategy about benches is added to a copy of the demo: one proposal, one
team, two feedback files, written out below so that every line and column can be read off.
Each case changes one value and expects exactly the diagnostics that change causes.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from commonplan.diagnostics import Diagnostic
from commonplan.repository import check_repository, refresh_generated

from ..conftest import WriteFile

PROPOSAL = """\
---
title: Benches on the walk to the surgery
owner: council-adult-care
status: revised
summary: Somewhere to rest on the way to the doctor's.
invite: [citizen, carer]
consultation: {opens: 2026-11-01, closes: 2026-12-20}
revisions:
  - version: 2
    date: 2026-11-20
    summary: A bench by the post office.
    responds_to: [benches-0001]
actions:
  - id: post-office-bench
    title: Put a bench by the post office
    owner: council-adult-care
    status: done
    done: 2026-11-25
measures:
  - id: benches-installed
    name: Benches installed
    baseline: 0
    target: 6
    history:
      - {date: 2026-11-01, value: 0}
      - {date: 2026-11-25, value: 1}
---
## Why

Many people stop halfway up Station Hill to catch their breath.

## What we propose

Six benches between the bus stop and the surgery.
"""

TEAM = """\
name: Station Hill Bench Friends
kind: action-team
groups: [citizen]
description: Neighbours who look after the benches.
members:
  - team: council-adult-care
    role: lead
  - name: Sam Patel
    group: citizen
    consent: true
"""

FEEDBACK = """\
proposal: benches
section: why
group: citizen
stance: idea
submitted: 2026-11-10
source:
  kind: meeting
  recorded_by: council-adult-care
body: |
  A bench by the post office would help.
response:
  status: accepted
  by: council-adult-care
  date: 2026-11-20
  text: We will add one.
  revision: 2
"""

SHORT_FEEDBACK = """\
proposal: benches
group: citizen
stance: support
submitted: 2026-11-12
source:
  kind: github-issue
body: Yes please.
"""

FILES = {
    "proposals/benches.md": PROPOSAL,
    "teams/bench-friends.yml": TEAM,
    "feedback/benches/benches-0001.yml": FEEDBACK,
    "feedback/benches/benches-0002.yml": SHORT_FEEDBACK,
}
P, T, F1, F2 = FILES


@dataclass(frozen=True)
class Edit:
    rel: str
    old: str
    new: str


@dataclass(frozen=True)
class Rule:
    """Change some files; expect exactly these (path, line, col, severity, code)."""

    name: str
    edits: tuple[Edit, ...]
    expected: tuple[tuple[str, int, int, str, str], ...]
    says: tuple[str, ...] = field(default=())  # words the first expected message contains
    new_files: tuple[tuple[str, str], ...] = field(default=())


def rule(
    name: str,
    edits: list[tuple[str, str, str]],
    *expected: tuple[str, int, int, str, str],
    says: tuple[str, ...] = (),
    new_files: tuple[tuple[str, str], ...] = (),
) -> Rule:
    return Rule(name, tuple(Edit(*e) for e in edits), expected, says, new_files)


E, W = "error", "warning"
STARTER_SECTIONS = "Each heading becomes a section people can comment on."

RULES = [
    # --- every reference resolves --------------------------------------------------------
    rule(
        "proposal-owner",
        [(P, "owner: council-adult-care", "owner: council-adult-cares")],
        (P, 3, 8, E, "unknown-team"),
        says=("did you mean 'council-adult-care'?",),
    ),
    rule(
        "action-owner",
        [(P, "    owner: council-adult-care", "    owner: bench-friend")],
        (P, 16, 12, E, "unknown-team"),
        says=("did you mean 'bench-friends'?",),
    ),
    rule(
        "member-team",
        [(T, "  - team: council-adult-care", "  - team: adult-care")],
        (T, 6, 11, E, "unknown-team"),
    ),
    rule(
        "feedback-from",
        [(F1, "group: citizen", "from: bench-friend")],
        (F1, 3, 7, E, "unknown-team"),
        says=("bench-friends",),
    ),
    rule(
        "response-by",
        [(F1, "  by: council-adult-care", "  by: council")],
        (F1, 13, 7, E, "unknown-team"),
    ),
    rule(
        "recorded-by",
        [(F1, "  recorded_by: council-adult-care", "  recorded_by: the-library")],
        (F1, 8, 16, E, "unknown-team"),
    ),
    rule(
        "responds-to",
        [(P, "responds_to: [benches-0001]", "responds_to: [benches-0009]")],
        (P, 12, 19, E, "unknown-feedback"),
    ),
    rule(
        "responds-to-other-proposal",
        [(P, "responds_to: [benches-0001]", "responds_to: [warm-spaces-0001]")],
        (P, 12, 19, E, "unknown-feedback"),
        says=("warm-spaces",),
    ),
    rule(
        "response-revision",
        [(F1, "  revision: 2", "  revision: 5")],
        (F1, 16, 13, E, "unknown-revision"),
    ),
    rule(
        "section-anchor",
        [(F1, "section: why", "section: wy")],
        (F1, 2, 10, E, "unknown-section"),
        says=("did you mean 'why'?", "what-we-propose"),
    ),
    rule(
        "feedback-group",
        [(F1, "group: citizen", "group: citizens")],
        (F1, 3, 8, E, "unknown-group"),
        says=("did you mean 'citizen'?",),
    ),
    rule(
        "team-groups",
        [(T, "groups: [citizen]", "groups: [citizn]")],
        (T, 3, 10, E, "unknown-group"),
    ),
    rule(
        "member-group",
        [(T, "    group: citizen", "    group: neighbour")],
        (T, 9, 12, E, "unknown-group"),
    ),
    rule(
        "invite-groups",
        [(P, "invite: [citizen, carer]", "invite: [citizen, carers]")],
        (P, 6, 19, E, "unknown-group"),
    ),
    rule(
        "feedback-proposal",
        [],
        ("feedback/benchs/benches-0003.yml", 1, 11, E, "unknown-proposal"),
        new_files=(
            (
                "feedback/benchs/benches-0003.yml",
                SHORT_FEEDBACK.replace("proposal: benches", "proposal: benchs"),
            ),
        ),
        says=("did you mean 'benches'?",),
    ),
    # --- where files are, and ids -----------------------------------------------------------
    rule(
        "feedback-folder",
        [],
        ("feedback/warm-spaces/benches-0003.yml", 1, 11, E, "wrong-folder"),
        new_files=(("feedback/warm-spaces/benches-0003.yml", SHORT_FEEDBACK),),
        says=("feedback/benches/",),
    ),
    rule(
        "feedback-id-unique",
        [],
        ("feedback/warm-spaces/benches-0002.yml", 1, 1, E, "duplicate-id"),
        new_files=(
            (
                "feedback/warm-spaces/benches-0002.yml",
                SHORT_FEEDBACK.replace("proposal: benches", "proposal: warm-spaces"),
            ),
        ),
        says=("feedback/benches/benches-0002.yml",),
    ),
    rule(
        "action-id-unique",
        [
            (
                P,
                "measures:\n",
                "  - id: post-office-bench\n    title: Again\n"
                "    owner: council-adult-care\nmeasures:\n",
            )
        ],
        (P, 19, 9, E, "duplicate-id"),
    ),
    rule(
        "revision-unique",
        [
            (
                P,
                "actions:\n",
                "  - version: 2\n    date: 2026-11-21\n    summary: Again.\nactions:\n",
            )
        ],
        (P, 13, 14, E, "duplicate-revision"),
    ),
    rule(
        "revision-order",
        [
            (
                P,
                "actions:\n",
                "  - version: 3\n    date: 2026-11-19\n    summary: Earlier than 2.\nactions:\n",
            )
        ],
        (P, 14, 11, E, "revision-order"),
        says=("revision 3 is dated 2026-11-19, before revision 2 (2026-11-20)",),
    ),
    rule(
        "placeholder",
        [
            (
                P,
                "summary: Somewhere to rest on the way to the doctor's.",
                "summary: 'One or two plain sentences: what changes, and for whom.'",
            ),
            (P, "Six benches between the bus stop and the surgery.", STARTER_SECTIONS),
        ],
        (P, 5, 10, W, "placeholder"),
        (P, 34, 1, W, "placeholder"),
    ),
    rule(
        "self-member",
        [(T, "  - team: council-adult-care", "  - team: bench-friends")],
        (T, 6, 11, E, "self-member"),
    ),
    # --- dates ------------------------------------------------------------------------------
    rule(
        "window-order",
        [(P, "{opens: 2026-11-01, closes: 2026-12-20}", "{opens: 2026-12-20, closes: 2026-11-01}")],
        (P, 7, 43, E, "window-order"),
        # With the window reversed, no day is inside it.
        (F1, 5, 12, W, "outside-window"),
        (F2, 4, 12, W, "outside-window"),
    ),
    rule(
        "outside-window",
        [(F2, "submitted: 2026-11-12", "submitted: 2026-10-31")],
        (F2, 4, 12, W, "outside-window"),
        says=("2026-11-01 to 2026-12-20",),
    ),
    rule(
        "future-date",
        [(F2, "submitted: 2026-11-12", "submitted: 2026-12-12")],
        (F2, 4, 12, W, "future-date"),
    ),
    rule(
        "response-before-submission",
        [(F1, "  date: 2026-11-20", "  date: 2026-11-05")],
        (F1, 14, 9, E, "response-before-submission"),
    ),
    rule(
        "history-order",
        [(P, "{date: 2026-11-25, value: 1}", "{date: 2026-10-25, value: 1}")],
        (P, 26, 16, E, "history-order"),
    ),
    rule(
        "history-same-date",
        [(P, "{date: 2026-11-25, value: 1}", "{date: 2026-11-01, value: 1}")],
        (P, 26, 16, E, "history-order"),
    ),
    rule(
        "consultation-needs-window",
        [
            (P, "status: revised", "status: consultation"),
            (P, "consultation: {opens: 2026-11-01, closes: 2026-12-20}\n", ""),
        ],
        (P, 4, 9, E, "no-window"),
    ),
    # --- what the feedback adds up to (today is 2026-11-26) -------------------------------
    rule(
        "voice-missing",
        [
            (P, "status: revised", "status: consultation"),
            (P, "closes: 2026-12-20", "closes: 2026-12-10"),  # 14 days left
        ],
        (P, 6, 19, W, "voice-missing"),
        says=("closes in 14 days", "'Carers'"),
    ),
    rule(
        "answer-overdue",
        [
            (P, "opens: 2026-11-01", "opens: 2026-10-01"),
            (F2, "submitted: 2026-11-12", "submitted: 2026-10-28"),  # 29 days without one
        ],
        (F2, 4, 12, W, "answer-overdue"),
        says=("no answer after 29 days",),
    ),
    rule(
        "measure-stale",
        [
            (P, "{date: 2026-11-01, value: 0}", "{date: 2026-07-01, value: 0}"),
            (P, "{date: 2026-11-25, value: 1}", "{date: 2026-07-28, value: 1}"),  # 121 days
        ],
        (P, 26, 16, W, "measure-stale"),
        says=("latest: 2026-07-28",),
    ),
    rule(
        "done-date-not-done",
        [(P, "    status: done\n", "    status: in-progress\n")],
        (P, 18, 11, W, "done-not-done"),
    ),
    # --- who is speaking --------------------------------------------------------------------
    rule(
        "group-or-from",
        [(F2, "group: citizen\n", "")],
        (F2, 1, 1, E, "missing-field"),
        says=("'group'", "'from'"),
    ),
    rule(
        "offline-needs-recorded-by",
        [(F1, "  recorded_by: council-adult-care\n", "")],
        (F1, 7, 3, E, "missing-field"),
        says=("recorded_by",),
    ),
    # --- a broken file is reported once, not again by each file that refers to it -----
    rule(
        "broken-proposal",
        [(P, "status: revised", "status: revized")],
        (P, 4, 9, E, "bad-value"),
        says=("did you mean 'revised'?",),
    ),
    rule(
        "broken-team",
        [
            (T, "kind: action-team", "kind: action-group"),
            (F2, "group: citizen", "from: bench-friends"),  # a reference to the broken team
        ],
        (T, 2, 7, E, "bad-value"),
    ),
    rule(
        "broken-feedback",
        [(F1, "stance: idea", "stance: ideas")],
        (F1, 4, 9, E, "bad-value"),
    ),
    # --- people and personal data -----------------------------------------------------------
    rule(
        "consent-false",
        [(T, "consent: true", "consent: false")],
        (T, 10, 14, E, "no-consent"),
        says=("Sam Patel", "consent: true"),
    ),
    rule(
        "consent-missing",
        [(T, "    consent: true\n", "")],
        (T, 8, 5, E, "no-consent"),
    ),
    rule(
        "phone-in-feedback-body",
        [(F1, "would help.", "would help. Ring me on 07700 900123.")],
        (F1, 10, 53, E, "personal-data"),
        says=("phone number",),
    ),
    rule(
        "email-in-response-text",
        [(F1, "text: We will add one.", "text: We will add one, write to sam@example.org.")],
        (F1, 15, 35, E, "personal-data"),
        says=("e-mail address",),
    ),
    rule(
        "email-in-team-description",
        [(T, "after the benches.", "after the benches, benches@example.org.")],
        (T, 4, 53, E, "personal-data"),
    ),
    rule(
        "phone-in-proposal-body",
        [(P, "catch their breath.", "catch their breath (call +44 1632 960123).")],
        (P, 30, 70, E, "personal-data"),
    ),
    rule(
        "phone-in-folded-description",
        [
            (
                T,
                "description: Neighbours who look after the benches.",
                "description: >-\n  Neighbours who look after the benches;\n"
                "  ring Sam on 07700 900123.",
            )
        ],
        (T, 6, 15, E, "personal-data"),
    ),
    rule(
        "email-in-quoted-lines",
        [(F2, "body: Yes please.", 'body: "Yes please,\n  write to sam@example.org"')],
        (F2, 8, 12, E, "personal-data"),
    ),
    rule(
        "phone-in-block-response",
        [
            (
                F1,
                "  text: We will add one.",
                "  text: |\n    We will add one.\n    Sam: 01632 960 123",
            )
        ],
        (F1, 17, 10, E, "personal-data"),
    ),
]


def _write_files(write: WriteFile) -> None:
    for rel, content in FILES.items():
        write(rel, content)


def _apply(root: Path, case: Rule, write: WriteFile) -> None:
    for edit in case.edits:
        path = root / edit.rel
        text = path.read_text(encoding="utf-8")
        assert edit.old in text, f"{edit.old!r} not in {edit.rel}"
        path.write_text(text.replace(edit.old, edit.new, 1), encoding="utf-8")
    for rel, content in case.new_files:
        write(rel, content)


def _found(root: Path) -> list[Diagnostic]:
    return list(check_repository(root).diagnostics)


def _key(d: Diagnostic) -> tuple[str, int, int, str, str]:
    return (d.path, d.line, d.col, str(d.severity), d.code)


def test_the_bench_files_add_no_diagnostic(write: WriteFile, demo_copy: Path) -> None:
    """The demo's own warnings (overdue answers, missing voices) stay; nothing is added but
    that the new plans have no Welsh translation yet."""
    demo = _found(demo_copy)
    assert [d for d in demo if d.severity == "error"] == []
    _write_files(write)
    refresh_generated(demo_copy)  # as `commonplan new` would: the form lists the new plans
    found = [d for d in _found(demo_copy) if d not in demo]
    assert {d.code for d in found} <= {"translation-missing"}


@pytest.mark.parametrize("case", RULES, ids=lambda case: case.name)
def test_rule_fires_at_the_offending_value(case: Rule, write: WriteFile, demo_copy: Path) -> None:
    _write_files(write)
    before = {_key(d) for d in _found(demo_copy)}
    _apply(demo_copy, case, write)

    diagnostics = [d for d in _found(demo_copy) if _key(d) not in before]

    assert {_key(d) for d in diagnostics} == set(case.expected), "\n".join(
        f"{d.path}:{d.line}:{d.col}: {d.severity} [{d.code}] {d.message}" for d in diagnostics
    )
    first = next(d for d in diagnostics if _key(d) == case.expected[0])
    for words in case.says:
        assert words in first.message, first.message


# The modules of the rules across files: every code they can give has a case above.
RULE_MODULES = ("rules.py", "feedback_rules.py", "checker.py", "warnings.py", "personal_data.py")
VALIDATE = Path(__file__).resolve().parents[2] / "scripts" / "commonplan" / "validate"


def _codes_given_by(path: Path) -> set[str]:
    """The codes passed to `error(...)` or `warning(...)` in a module's source."""
    codes = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and getattr(node.func, "attr", "") in ("error", "warning"):
            codes.update(
                arg.value
                for arg in node.args
                if isinstance(arg, ast.Constant)
                and isinstance(arg.value, str)
                and re.fullmatch(r"[a-z]+(?:-[a-z]+)+", arg.value)
            )
    return codes


def test_every_code_of_the_rules_across_files_has_a_case() -> None:
    """A rule added without a case here, or a case lost, fails this test."""
    given = set().union(*(_codes_given_by(VALIDATE / name) for name in RULE_MODULES))
    assert len(given) >= 20  # the scan found the rules
    expected = {code for case in RULES for (*_, code) in case.expected}
    assert sorted(given - expected) == []


# --- boundaries of the dated rules (today is 2026-11-26) ----------------------------------

WINDOW_CLOSES_EARLIER = (P, "closes: 2026-12-20", "closes: 2026-11-20")


@pytest.mark.parametrize(
    ("submitted", "outside"),
    [
        ("2026-10-31", True),  # the day before it opens
        ("2026-11-01", False),  # the opening day
        ("2026-11-20", False),  # the closing day
        ("2026-11-21", True),  # the day after it closes
    ],
)
def test_the_window_holds_its_opening_and_closing_days(
    submitted: str, outside: bool, write: WriteFile, demo_copy: Path
) -> None:
    _write_files(write)
    edits = [WINDOW_CLOSES_EARLIER, (F2, "submitted: 2026-11-12", f"submitted: {submitted}")]
    _apply(demo_copy, rule("window", edits), write)
    found = [_key(d) for d in _found(demo_copy) if d.code == "outside-window" and d.path in FILES]
    assert found == ([(F2, 4, 12, W, "outside-window")] if outside else [])


@pytest.mark.parametrize(
    ("closes", "warned"),
    [
        ("2026-11-25", False),  # closed yesterday: too late to warn
        ("2026-11-26", True),  # its last day
        ("2026-12-10", True),  # 14 days left (insight.MISSING_VOICE_DAYS)
        ("2026-12-11", False),  # 15 days left: still time
    ],
)
def test_a_missing_voice_is_warned_of_from_14_days_before_closing(
    closes: str, warned: bool, write: WriteFile, demo_copy: Path
) -> None:
    _write_files(write)
    edits = [
        (P, "status: revised", "status: consultation"),
        (P, "closes: 2026-12-20", f"closes: {closes}"),
    ]
    _apply(demo_copy, rule("window", edits), write)
    found = [d for d in _found(demo_copy) if d.code == "voice-missing" and d.path == P]
    assert [_key(d) for d in found] == ([(P, 6, 19, W, "voice-missing")] if warned else [])


@pytest.mark.parametrize(
    ("edits", "code"),
    [
        # 28 days without an answer is on time (answers are due within 28 days).
        (
            [
                (P, "opens: 2026-11-01", "opens: 2026-10-01"),
                (F2, "submitted: 2026-11-12", "submitted: 2026-10-29"),
            ],
            "answer-overdue",
        ),
        # A latest value 120 days old is not older than stale_after_days (120).
        (
            [
                (P, "{date: 2026-11-01, value: 0}", "{date: 2026-07-01, value: 0}"),
                (P, "{date: 2026-11-25, value: 1}", "{date: 2026-07-29, value: 1}"),
            ],
            "measure-stale",
        ),
    ],
    ids=["answer-on-its-last-day", "measure-120-days-old"],
)
def test_no_warning_on_the_last_day_that_is_still_on_time(
    edits: list[tuple[str, str, str]], code: str, write: WriteFile, demo_copy: Path
) -> None:
    _write_files(write)
    _apply(demo_copy, rule("boundary", edits), write)
    assert [_key(d) for d in _found(demo_copy) if d.code == code and d.path in FILES] == []


def test_a_link_is_never_read_as_data(
    demo_copy: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """A pull request could otherwise publish a file from outside the repository."""
    outside = tmp_path_factory.mktemp("outside")
    secret = outside / "secret.yml"
    secret.write_text("name: Secret\nkind: organisation\ngroups: [carer]\n", encoding="utf-8")
    (demo_copy / "teams" / "linked.yml").symlink_to(secret)
    (demo_copy / "feedback" / "linked-folder").symlink_to(outside, target_is_directory=True)
    result = check_repository(demo_copy)
    found = {(d.path, d.code) for d in result.diagnostics.errors}
    assert found == {("teams/linked.yml", "symlink"), ("feedback/linked-folder", "symlink")}
    assert "linked" not in result.corpus.teams


def test_personal_data_is_caught_in_a_file_that_fails_its_own_checks(write: WriteFile) -> None:
    path = write(
        "teams/broken-but-personal.yml",
        "name: Lunch club\nkind: club\ngroups: [carer]\ndescription: Ring Pat on 07700 900123.\n",
    )
    result = check_repository(path.parent.parent)
    codes = sorted(
        d.code for d in result.diagnostics.errors if d.path == "teams/broken-but-personal.yml"
    )
    assert codes == ["bad-value", "personal-data"]


@pytest.mark.parametrize(
    ("written", "hint"),
    [
        # This proposal's own feedback is suggested: a typo of one of its ids.
        ("benches-0009", r" \(did you mean 'benches-000[12]'\?\)"),
        # Close to another proposal's feedback: not a typo of this one's, so no hint.
        ("warm-spaces-001", ""),
    ],
)
def test_a_revision_is_pointed_only_at_its_own_proposals_feedback(
    write: WriteFile, demo_copy: Path, written: str, hint: str
) -> None:
    _write_files(write)
    text = (demo_copy / P).read_text(encoding="utf-8")
    write(P, text.replace("responds_to: [benches-0001]", f"responds_to: [{written}]"))
    [message] = [d.message for d in _found(demo_copy) if d.code == "unknown-feedback"]
    assert re.fullmatch(f"'{written}' is not a feedback id{hint}", message), message
