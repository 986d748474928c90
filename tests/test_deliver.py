"""`commonplan action` and `commonplan measure`: what the strategy delivers, recorded
without editing YAML; layout kept, one contiguous change, nothing written on bad input."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result

from commonplan.cli.app import main

PROPOSAL = "proposals/warm-spaces.md"


def run(root: Path, *args: str) -> Result:
    return CliRunner().invoke(main, [*args, "--root", str(root)])


def front_matter(root: Path) -> dict[str, object]:
    text = (root / PROPOSAL).read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---\n")[1])


def changed_lines(before: str, after: str) -> list[str]:
    """The lines removed and added; asserts they are one block (a contiguous change)."""
    matcher = difflib.SequenceMatcher(None, before.splitlines(), after.splitlines())
    changes = [op for op in matcher.get_opcodes() if op[0] != "equal"]
    assert len(changes) == 1, changes
    return after.splitlines()[changes[0][3] : changes[0][4]]


def test_a_new_action_then_done(demo_copy: Path) -> None:
    before = (demo_copy / PROPOSAL).read_text(encoding="utf-8")
    added = run(
        demo_copy,
        *("action", "warm-spaces", "sunday-opening", "--title", "Open the hall on Sundays"),
        *("--owner", "hollowmere-cvs", "--due", "31/01/2027"),
    )
    assert added.exit_code == 0, added.output
    assert changed_lines(before, (demo_copy / PROPOSAL).read_text(encoding="utf-8")) == [
        "  - id: sunday-opening",
        "    title: Open the hall on Sundays",
        "    owner: hollowmere-cvs",
        "    due: 2027-01-31",
    ]
    done = run(demo_copy, "action", "warm-spaces", "sunday-opening", "--status", "done")
    assert done.exit_code == 0, done.output
    actions = {a["id"]: a for a in front_matter(demo_copy)["actions"]}  # type: ignore[index]
    assert actions["sunday-opening"]["status"] == "done"
    assert str(actions["sunday-opening"]["done"]) == "2026-11-26"  # today, pinned


def test_a_new_measure_and_its_readings(demo_copy: Path) -> None:
    created = run(
        demo_copy,
        *("measure", "warm-spaces", "hot-meals", "--value", "40", "--date", "2026-11-20"),
        *("--name", "Hot meals served", "--unit", "meals", "--baseline", "0", "--target", "120"),
    )
    assert created.exit_code == 0, created.output
    again = run(demo_copy, "measure", "warm-spaces", "hot-meals", "--value", "55.5")
    assert again.exit_code == 0, again.output
    measures = {m["id"]: m for m in front_matter(demo_copy)["measures"]}  # type: ignore[index]
    meals = measures["hot-meals"]
    assert (meals["name"], meals["unit"], meals["baseline"], meals["target"]) == (
        "Hot meals served",
        "meals",
        0,
        120,
    )
    assert [(str(r["date"]), r["value"]) for r in meals["history"]] == [
        ("2026-11-20", 40),
        ("2026-11-26", 55.5),
    ]


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("action", "warm-spaces", "new-thing", "--owner", "hollowmere-cvs"), "give it --title"),
        (("action", "warm-spaces", "Bad Id", "--title", "T"), "is not a valid id"),
        (
            ("action", "warm-space", "x", "--title", "T", "--owner", "hollowmere-cvs"),
            "did you mean 'warm-spaces'?",
        ),
        (
            ("action", "warm-spaces", "x", "--title", "T", "--owner", "nobody"),
            "'nobody' is not a team",
        ),
        (("measure", "warm-spaces", "new-measure", "--value", "3"), "give it --name"),
        # Before the latest reading: the measure's values must stay oldest first.
        (
            ("measure", "warm-spaces", "warm-space-visits", "--value", "9", "--date", "2026-11-01"),
            "list values oldest first",
        ),
    ],
    ids=["no-title", "bad-id", "unknown-proposal", "unknown-owner", "no-name", "out-of-order"],
)
def test_bad_input_writes_nothing(demo_copy: Path, args: tuple[str, ...], says: str) -> None:
    before = (demo_copy / PROPOSAL).read_bytes()
    refused = run(demo_copy, *args)
    assert refused.exit_code == 1, refused.output
    assert says in refused.output
    assert "Traceback" not in refused.output
    assert (demo_copy / PROPOSAL).read_bytes() == before
