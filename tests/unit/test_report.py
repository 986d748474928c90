"""Reporters: text lines, GitHub workflow annotations (escaped), JSON, and the summary."""

from __future__ import annotations

import json

from commonplan.diagnostics import Diagnostic, Diagnostics, Severity
from commonplan.language import say
from commonplan.report import SCREENFUL, as_github, as_json, as_text, summary


def _one(path: str, message: str, code: str = "bad-value") -> Diagnostics:
    diagnostics = Diagnostics(files_checked=1)
    diagnostics.error(path, (3, 7), code, message)
    return diagnostics


def _raw(path: str, message: str) -> Diagnostics:
    """A diagnostic made directly, without the clean-up ``Diagnostics.add`` does."""
    diagnostics = Diagnostics(files_checked=1)
    diagnostics.extend([Diagnostic(path, 3, 7, Severity.ERROR, "bad-value", message)])
    return diagnostics


def test_github_escapes_percent_and_newlines_in_the_message() -> None:
    out = as_github(_raw("teams/a.yml", "100% wrong\r\nsecond line"))
    first = out.splitlines()[0]
    assert first == (
        "::error file=teams/a.yml,line=3,col=7,title=commonplan bad-value::"
        "100%25 wrong%0D%0Asecond line"
    )


def test_github_escapes_colons_and_commas_in_properties() -> None:
    out = as_github(_one("feedback/a,b/x:y%z.yml", "m"))
    assert out.splitlines()[0].startswith(
        "::error file=feedback/a%2Cb/x%3Ay%25z.yml,line=3,col=7,title=commonplan bad-value::"
    )


def test_a_message_cannot_start_a_second_workflow_command() -> None:
    """A newline in community text must not let it inject '::set-output' or the like."""
    out = as_github(_one("teams/a.yml", "x\n::add-mask::secret"))
    commands = [line for line in out.splitlines() if line.startswith("::")]
    assert len(commands) == 1


def test_github_warning_severity_and_summary_line() -> None:
    diagnostics = Diagnostics(files_checked=2)
    diagnostics.warning("teams/a.yml", (1, 1), "not-data", "not read")
    lines = as_github(diagnostics).splitlines()
    assert lines[0].startswith("::warning file=teams/a.yml,line=1,col=1,")
    assert lines[1] == "0 errors, 1 warning in 2 files checked."


def test_text_is_one_line_per_diagnostic_sorted_by_place() -> None:
    diagnostics = Diagnostics(files_checked=3)
    diagnostics.error("teams/b.yml", (2, 1), "x", "second")
    diagnostics.error("teams/a.yml", (9, 4), "x", "first")
    diagnostics.error("teams/a.yml", (9, 4), "x", "first")  # the same problem found twice
    assert as_text(diagnostics).splitlines() == [
        "teams/a.yml:9:4: error [x] first",
        "teams/b.yml:2:1: error [x] second",
        "2 errors, 0 warnings in 3 files checked.",
    ]


def test_summary_counts_are_in_plain_words() -> None:
    assert str(summary(Diagnostics(files_checked=1))) == "All good: 1 file checked, no problems."
    assert str(summary(Diagnostics(files_checked=0))) == "All good: 0 files checked, no problems."
    assert str(summary(_one("a", "m"))) == "1 error, 0 warnings in 1 file checked."


def test_control_characters_in_what_people_wrote_are_shown_not_obeyed() -> None:
    """A newline or a terminal escape in a quoted value never breaks "one line a problem"."""
    diagnostics = _one("teams/a\nb.yml", "'organisation\nEVIL' and \x1b[31mred\ttab é")
    assert as_text(diagnostics).splitlines()[0] == (
        "teams/a\\nb.yml:3:7: error [bad-value] 'organisation\\nEVIL' and \\x1b[31mred\\ttab é"
    )


def test_json_keeps_every_field_and_any_text() -> None:
    out = as_json(_raw("teams/ä.yml", 'quote " and\nnewline'))
    assert json.loads(out) == [
        {
            "path": "teams/ä.yml",
            "line": 3,
            "col": 7,
            "severity": "error",
            "code": "bad-value",
            "message": 'quote " and\nnewline',
        }
    ]


def _overdue(counts: dict[str, int]) -> Diagnostics:
    """Answers overdue on proposals, ``counts`` of them on each, and one other problem."""
    diagnostics = Diagnostics(files_checked=sum(counts.values()))
    diagnostics.error("teams/a.yml", (1, 1), "bad-value", "a problem of its own")
    for proposal, count in counts.items():
        for n in range(count):
            diagnostics.warning(
                f"feedback/{proposal}/{proposal}-{n:04d}.yml",
                (4, 12),
                "answer-overdue",
                say("no answer after {age} days", age=40 + n),
                say("proposal {proposal}, owned by {owner}", proposal=proposal, owner="council"),
            )
    diagnostics.warning("proposals/x.md", (2, 1), "voice-missing", "nobody heard yet")
    return diagnostics


def test_beyond_a_screenful_a_warning_is_counted_by_what_it_is_about() -> None:
    diagnostics = _overdue({"buses": 30, "warm-spaces": 50, "libraries": 1})
    lines = as_text(diagnostics).splitlines()  # in the order of the files
    assert lines[0:4] == [
        "warning [answer-overdue]: 81 warnings, counted by what they are about (every one:"
        " commonplan validate --format json)",
        "  50: proposal warm-spaces, owned by council",
        "  30: proposal buses, owned by council",
        "  1: proposal libraries, owned by council",
    ]
    assert lines[4:] == [
        "proposals/x.md:2:1: warning [voice-missing] nobody heard yet",
        "teams/a.yml:1:1: error [bad-value] a problem of its own",
        "1 error, 82 warnings in 81 files checked.",
    ]
    # Every one is still in the JSON report.
    assert len(json.loads(as_json(diagnostics))) == 83


def test_within_a_screenful_every_warning_has_its_line() -> None:
    lines = as_text(_overdue({"buses": SCREENFUL})).splitlines()
    assert sum("[answer-overdue]" in line for line in lines) == SCREENFUL


def test_what_does_not_fit_is_counted_in_one_line() -> None:
    counts = {f"proposal-{n:03d}": 50 - n for n in range(SCREENFUL + 5)}
    lines = as_text(_overdue(counts)).splitlines()
    assert lines[SCREENFUL].startswith("  11: proposal proposal-039")
    assert lines[SCREENFUL + 1] == f"  and {sum(range(6, 11))} more about 5 other things"
