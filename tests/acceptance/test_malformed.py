"""Bad input never crashes and never loses anything (issue 2, item 6).

Each case writes one broken file into a copy of the demo repository and runs
`commonplan validate` through the real command line, in text and in JSON. Each must give
exit 1 and exactly one diagnostic: one plain-language line that names the broken file, the
line and (where it means something) the column of the problem; no traceback; no file
changed.
"""

from __future__ import annotations

import ast
import hashlib
import json
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from commonplan.cli.app import main
from commonplan.repository import refresh_generated

from ..conftest import ROOT, WriteFile

FEEDBACK = (ROOT / "feedback/carers-breaks/carers-breaks-0002.yml").read_text(encoding="utf-8")
TEAM = (ROOT / "teams/hollowmere-carers-network.yml").read_text(encoding="utf-8")
# A small valid proposal: its front matter starts on line 2, its body on line 8.
PROPOSAL = """\
---
title: Benches on the walk to the surgery
owner: council-adult-care
status: draft
summary: Somewhere to rest on the way to the doctor's.
consultation: {opens: 2026-11-01, closes: 2026-12-20}
---
## Why

Many people stop halfway up Station Hill to catch their breath.
"""
NEW_FEEDBACK = "feedback/carers-breaks/carers-breaks-0099.yml"


@dataclass(frozen=True)
class Bad:
    """One broken file and the diagnostic it must produce."""

    name: str
    rel: str
    content: str | bytes
    code: str
    line: int
    col: int


def _billion_laughs() -> str:
    lines = ["lol0: &lol0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for level in range(1, 10):
        refs = ", ".join([f"*lol{level - 1}"] * 9)
        lines.append(f"lol{level}: &lol{level} [{refs}]")
    return "name: Laughs\n" + "\n".join(lines) + "\n"


CASES = [
    # --- YAML that does not parse ---------------------------------------------------------
    Bad("unclosed-list", "teams/broken.yml", "name: Broken\ngroups: [carer\n", "yaml-syntax", 2, 9),
    Bad("unclosed-quote", "teams/broken.yml", 'name: "Broken\nkind: x\n', "yaml-syntax", 1, 7),
    Bad("colon-in-value", "teams/broken.yml", "name: Ward 3: carers\n", "yaml-syntax", 1, 13),
    Bad("two-documents", "teams/broken.yml", "name: A\n---\nname: B\n", "yaml-syntax", 2, 1),
    Bad("tab-indent", "teams/broken.yml", "name: Tabs\n\tkind: organisation\n", "yaml-tab", 2, 1),
    Bad("tab-list", "teams/broken.yml", "name: Tabs\ngroups:\n\t- carer\n", "yaml-tab", 3, 1),
    Bad(
        "duplicate-key",
        "teams/broken.yml",
        TEAM.replace("area: Hollowmere borough\n", "area: Hollowmere borough\narea: Millbrook\n"),
        "duplicate-key",
        10,
        1,
    ),
    Bad(
        "duplicate-nested-key",
        NEW_FEEDBACK,
        FEEDBACK.replace("  kind: survey\n", "  kind: survey\n  kind: paper\n"),
        "duplicate-key",
        9,
        3,
    ),
    Bad("yaml-tag", "teams/broken.yml", "name: !!python/object:os.system x\n", "yaml-tag", 1, 7),
    Bad("binary-tag", "teams/broken.yml", "name: !!binary aGVsbG8=\n", "yaml-tag", 1, 7),
    Bad("merge-key", "teams/broken.yml", "<<: {name: x}\nkind: organisation\n", "yaml-alias", 1, 1),
    Bad("alias-bomb", "teams/broken.yml", _billion_laughs(), "yaml-alias", 3, 14),
    Bad(
        "deep-lists", "teams/broken.yml", "name: " + "[" * 400 + "]" * 400 + "\n", "too-deep", 1, 38
    ),
    Bad(
        "deep-mappings",
        "teams/broken.yml",
        "".join(" " * depth + f"level{depth}:\n" for depth in range(60)),
        "too-deep",
        33,
        33,
    ),
    Bad(
        "libyaml-depth", "teams/broken.yml", "name: " + "[" * 5000 + "]" * 5000, "too-deep", 1, 1006
    ),
    # --- the wrong shape of data ------------------------------------------------------------
    Bad("not-a-mapping", "teams/broken.yml", "- carer\n- family\n", "not-a-mapping", 1, 1),
    Bad(
        "missing-name",
        "teams/broken.yml",
        "kind: organisation\ngroups: [carer]\n",
        "missing-field",
        1,
        1,
    ),
    Bad(
        "empty-name",
        "teams/broken.yml",
        TEAM.replace("name: Hollowmere Carers Network", 'name: ""'),
        "empty-value",
        2,
        7,
    ),
    Bad(
        "no-groups",
        "teams/broken.yml",
        TEAM.replace("groups: [carer]", "groups: []"),
        "empty-value",
        4,
        9,
    ),
    # --- a data file with the wrong ending ----------------------------------------------------
    Bad("team-yaml", "teams/broken.yaml", TEAM, "wrong-extension", 1, 1),
    Bad("proposal-markdown", "proposals/benches.markdown", PROPOSAL, "wrong-extension", 1, 1),
    Bad("feedback-md", NEW_FEEDBACK.replace(".yml", ".md"), FEEDBACK, "wrong-extension", 1, 1),
    Bad("list-as-key", "teams/broken.yml", "[a, b]: x\n", "wrong-type", 1, 1),
    Bad(
        "wrong-type-list",
        "teams/broken.yml",
        TEAM.replace("groups: [carer]", "groups: carer"),
        "wrong-type",
        4,
        9,
    ),
    Bad(
        "wrong-type-text",
        "teams/broken.yml",
        TEAM.replace("name: Hollowmere Carers Network", "name: [Hollowmere]"),
        "wrong-type",
        2,
        7,
    ),
    Bad(
        "wrong-type-bool",
        "teams/broken.yml",
        TEAM.replace("consent: true", "consent: [yes]", 1),
        "wrong-type",
        13,
        14,
    ),
    Bad(
        "wrong-type-mapping",
        NEW_FEEDBACK,
        re.sub(r"source:\n(  .*\n)+", "source: survey\n", FEEDBACK),
        "wrong-type",
        7,
        9,
    ),
    Bad(
        "newline-in-value",
        "teams/broken.yml",
        'name: x\nkind: "organisation\\nEVIL"\ngroups: [carer]\n',
        "bad-value",
        2,
        7,
    ),
    # --- empty files ------------------------------------------------------------------------
    Bad("empty-file", "teams/broken.yml", "", "empty-file", 1, 1),
    Bad("blank-file", "teams/broken.yml", "\n   \n\n", "empty-file", 1, 1),
    Bad("comments-only", "teams/broken.yml", "# to do\n", "empty-file", 1, 1),
    Bad("empty-front-matter", "proposals/broken.md", "---\n---\n## Why\n", "empty-file", 2, 1),
    # --- proposal front matter ---------------------------------------------------------------
    Bad(
        "front-matter-missing",
        "proposals/broken.md",
        PROPOSAL.removeprefix("---\n"),
        "front-matter",
        1,
        1,
    ),
    Bad(
        "front-matter-unterminated",
        "proposals/broken.md",
        PROPOSAL.replace("---\n## Why", "## Why"),
        "front-matter",
        1,
        1,
    ),
    # --- bytes that are not UTF-8 text ---------------------------------------------------------
    Bad(
        "invalid-utf8",
        "teams/broken.yml",
        b"name: Caf\xe9 Club\nkind: community-group\n",
        "encoding",
        1,
        10,
    ),
    Bad(
        "latin1-second-line",
        NEW_FEEDBACK,
        FEEDBACK.encode().replace(b"group: carer", b"group: carer \xa3"),
        "encoding",
        4,
        14,
    ),
    Bad("bom", "teams/broken.yml", b"\xef\xbb\xbf" + TEAM.encode(), "bom", 1, 1),
    Bad("bom-proposal", "proposals/broken.md", b"\xef\xbb\xbf" + PROPOSAL.encode(), "bom", 1, 1),
    Bad("nul-byte", "teams/broken.yml", b"name: Nul\nkind: organ\x00isation\n", "nul-byte", 2, 12),
    Bad("utf16", "teams/broken.yml", "name: Sixteen\n".encode("utf-16-le"), "nul-byte", 1, 2),
    Bad("control-character", "teams/broken.yml", "name: Bell\x07\n", "bad-character", 1, 11),
    Bad(
        "too-large",
        "teams/broken.yml",
        "name: Big\ndescription: " + "x" * (1024 * 1024) + "\n",
        "file-too-large",
        1,
        1,
    ),
    # --- ids: the file name -----------------------------------------------------------------
    Bad("id-uppercase", "teams/Carers-Network.yml", TEAM, "bad-id", 1, 1),
    Bad("id-space", "teams/carers network.yml", TEAM, "bad-id", 1, 1),
    Bad("id-dots", "teams/carers..network.yml", TEAM, "bad-id", 1, 1),
    Bad(
        "id-dots-feedback",
        "feedback/carers-breaks/carers-breaks..0099.yml",
        FEEDBACK,
        "bad-id",
        1,
        1,
    ),
    Bad("id-uppercase-proposal", "proposals/Benches.md", PROPOSAL, "bad-id", 1, 1),
    Bad(
        "id-not-utf8",
        "teams/caf\udce9.yml",
        TEAM,
        "bad-id",
        1,
        1,
    ),
    # --- dates ----------------------------------------------------------------------------------
    Bad(
        "impossible-date",
        NEW_FEEDBACK,
        FEEDBACK.replace("submitted: 2026-07-14", "submitted: 2026-02-30"),
        "bad-date",
        6,
        12,
    ),
    Bad(
        "date-not-iso",
        NEW_FEEDBACK,
        FEEDBACK.replace("submitted: 2026-07-14", "submitted: 14/07/2026"),
        "bad-date",
        6,
        12,
    ),
    Bad(
        "impossible-date-nested",
        NEW_FEEDBACK,
        FEEDBACK.replace("date: 2026-08-24", "date: 2026-13-01"),
        "bad-date",
        17,
        9,
    ),
    # --- a folder where a file is expected ----------------------------------------------------
    Bad("folder-as-team", "teams/folder.yml/readme.txt", "not a team", "not-a-file", 1, 1),
    Bad("folder-as-proposal", "proposals/folder.md/x.txt", "not a proposal", "not-a-file", 1, 1),
    Bad("folder-as-feedback", f"{NEW_FEEDBACK}/x.txt", "not feedback", "not-a-file", 1, 1),
    Bad("file-as-feedback-folder", "feedback/stray.yml", FEEDBACK, "misplaced-file", 1, 1),
]

# Proposal front matter starts on line 2: every position must count the opening '---'.
FRONT_MATTER_CASES = [
    Bad(
        "fm-bad-value",
        "proposals/benches.md",
        PROPOSAL.replace("status: draft", "status: drafty"),
        "bad-value",
        4,
        9,
    ),
    Bad(
        "fm-unknown-field",
        "proposals/benches.md",
        PROPOSAL.replace("summary:", "sumary:"),
        "unknown-field",
        5,
        1,
    ),
    Bad(
        "fm-impossible-date",
        "proposals/benches.md",
        PROPOSAL.replace("opens: 2026-11-01", "opens: 2026-02-30"),
        "bad-date",
        6,
        23,
    ),
    Bad(
        "fm-syntax",
        "proposals/benches.md",
        PROPOSAL.replace("closes: 2026-12-20}", "closes: 2026-12-20"),
        "yaml-syntax",
        6,
        15,
    ),
    Bad(
        "fm-duplicate-key",
        "proposals/benches.md",
        PROPOSAL.replace("status: draft\n", "status: draft\nstatus: adopted\n"),
        "duplicate-key",
        5,
        1,
    ),
    Bad(
        "fm-tab",
        "proposals/benches.md",
        PROPOSAL.replace("status: draft", "\tstatus: draft"),
        "yaml-tab",
        4,
        1,
    ),
    Bad(
        "fm-unknown-owner",
        "proposals/benches.md",
        PROPOSAL.replace("owner: council-adult-care", "owner: council-adult-cares"),
        "unknown-team",
        3,
        8,
    ),
    Bad(
        "fm-personal-data-in-body",
        "proposals/benches.md",
        PROPOSAL.replace("catch their breath.", "catch their breath. Call 07700 900123."),
        "personal-data",
        10,
        70,
    ),
    Bad(
        "fm-crlf",
        "proposals/benches.md",
        PROPOSAL.replace("status: draft", "status: drafty").replace("\n", "\r\n"),
        "bad-value",
        4,
        9,
    ),
]

ALL_CASES = CASES + FRONT_MATTER_CASES
FORMATS = ("text", "json")
TEXT_LINE = re.compile(
    r"^(?P<path>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<severity>error|warning)"
    r" \[(?P<code>[a-z-]+)\] (?P<message>.+)$"
)
# Words that would mean a Python object or a parser's internals leaked into a message.
NOT_PLAIN = ("Traceback", "Error", "Exception", "{value", "pydantic", "yaml.", " at 0x", "\\x")


def _fingerprint(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def _write_case(root: Path, case: Bad, write: WriteFile) -> None:
    """Write the case's file; a name that is not UTF-8 is written by its bytes."""
    if case.rel.encode("utf-8", "surrogateescape") != case.rel.encode("utf-8", "replace"):
        raw = root / case.rel
        Path(os.fsdecode(os.fsencode(raw))).write_text(str(case.content), encoding="utf-8")
        return
    write(case.rel, case.content)


def _run(root: Path, output_format: str) -> Result:
    return CliRunner().invoke(main, ["validate", str(root), "--format", output_format])


def _diagnostics(outcome: Result, output_format: str) -> list[dict[str, object]]:
    """The diagnostics in the command's output, parsed back into fields."""
    if output_format == "json":
        parsed = json.loads(outcome.stdout)
        assert isinstance(parsed, list)
        return parsed
    lines = outcome.stdout.splitlines()
    assert lines, "no output"
    *diagnostic_lines, summary = lines
    assert re.fullmatch(r"\d+ errors?, \d+ warnings? in \d+ files? checked\.", summary), summary
    found = []
    for text in diagnostic_lines:
        match = TEXT_LINE.match(text)
        assert match, f"not a diagnostic line: {text!r}"
        found.append(
            {
                **match.groupdict(),
                "line": int(match["line"]),
                "col": int(match["col"]),
            }
        )
    return found


@pytest.mark.parametrize("output_format", FORMATS)
@pytest.mark.parametrize("case", ALL_CASES, ids=lambda case: case.name)
def test_bad_input_is_reported_at_its_place(
    case: Bad, output_format: str, write: WriteFile, demo_copy: Path
) -> None:
    _write_case(demo_copy, case, write)
    before = _fingerprint(demo_copy)

    outcome = _run(demo_copy, output_format)

    assert outcome.exit_code == 1, outcome.output
    # Exit status 1 from click's own exit, not from an error that escaped.
    assert isinstance(outcome.exception, SystemExit), repr(outcome.exception)
    assert "Traceback" not in outcome.output
    # A folder where a file should be is reported as that folder; a name that is not
    # UTF-8 is shown with '�' for the bytes that cannot be shown.
    expected_path = Path(case.rel).parent.as_posix() if case.code == "not-a-file" else case.rel
    expected_path = expected_path.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    diagnostics = _diagnostics(outcome, output_format)
    # The demo's own warnings (answers overdue, voices missing) stay; nothing else is new.
    elsewhere = [d for d in diagnostics if d["path"] != expected_path]
    assert all(d["severity"] == "warning" for d in elsewhere), outcome.output
    diagnostics = [d for d in diagnostics if d["path"] == expected_path]
    assert len(diagnostics) == 1, outcome.output
    (found,) = diagnostics
    assert (found["path"], found["line"], found["col"], found["severity"], found["code"]) == (
        expected_path,
        case.line,
        case.col,
        "error",
        case.code,
    ), outcome.output
    message = str(found["message"])
    assert "\n" not in message
    assert 10 <= len(message) <= 240, message
    assert not [word for word in NOT_PLAIN if word in message], message
    assert _fingerprint(demo_copy) == before, "validation changed a file"


@pytest.mark.parametrize("folder", ["teams", "proposals", "feedback"])
def test_a_file_where_a_data_folder_should_be(folder: str, demo_copy: Path) -> None:
    shutil.rmtree(demo_copy / folder)
    (demo_copy / folder).write_text("oops", encoding="utf-8")

    outcome = _run(demo_copy, "json")

    assert outcome.exit_code == 1
    found = [d for d in json.loads(outcome.stdout) if d["code"] == "not-a-folder"]
    assert [(d["path"], d["line"], d["col"]) for d in found] == [(folder, 1, 1)]


LOAD = Path(__file__).resolve().parents[2] / "scripts" / "commonplan" / "load"
# Codes of the load family that a case above cannot show, and the test that shows each.
ELSEWHERE = {
    "not-a-folder": "test_a_file_where_a_data_folder_should_be, below",
    "no-data": "tests/acceptance/test_cli.py (a warning about the folder checked)",
    "not-data": "tests/acceptance/test_cli.py (a warning, not an error)",
}


def test_every_code_of_the_load_family_has_a_case() -> None:
    """Each code written in scripts/commonplan/load/ is given by a case above (or shown by
    the test named in ELSEWHERE): a code added without a case fails here."""
    given = {
        node.value
        for path in LOAD.glob("*.py")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and re.fullmatch(r"[a-z]+(?:-[a-z]+)+", node.value)
    }
    assert len(given) >= 20  # the scan found the codes
    covered = {case.code for case in ALL_CASES} | set(ELSEWHERE)
    assert sorted(given - covered) == []
    assert sorted(set(ELSEWHERE) - given) == []  # nothing listed that load/ no longer gives


def test_many_problems_in_many_files_are_all_reported_in_one_run(
    write: WriteFile, demo_copy: Path
) -> None:
    """Never stop at the first: every broken file, and every problem in each, in one run."""
    many = [case for case in CASES if case.rel.startswith(("teams/broken", "proposals/broken"))]
    for case in many:
        write(case.rel.replace("broken", case.name), case.content)
    write(
        "teams/two-problems.yml",
        TEAM.replace("kind: community-group", "kind: club").replace("area:", "aera:"),
    )

    outcome = _run(demo_copy, "json")

    assert outcome.exit_code == 1
    reported = {(d["path"], d["code"]) for d in json.loads(outcome.stdout)}
    expected = {(case.rel.replace("broken", case.name), case.code) for case in many}
    assert len(expected) > 25
    assert expected - reported == set()
    assert {
        ("teams/two-problems.yml", "bad-value"),
        ("teams/two-problems.yml", "unknown-field"),
    } <= (reported)


def test_text_made_to_trip_the_patterns_is_read_in_one_pass(
    write: WriteFile, demo_copy: Path
) -> None:
    """Runs of '(', '[', '<', '#', spaces or one long word, close to 1 MiB: patterns that
    backtrack over such runs would take hours; these are scanned once."""
    run = 100_000
    body = "\n".join(
        f"  {line}"
        for line in ("(" * run, "a" * run + " @ here", "1-" * (run // 2) + "x", "( ) " * (run // 2))
    )
    write(NEW_FEEDBACK, FEEDBACK.replace("body: |\n", f"body: |\n{body}\n", 1))
    headings = "\n\n".join(
        [
            "#" + " " * run + "x",
            "## a" + "#" * run + "x",
            "## " + "[" * run + "](",
            "## " + "<" * run,
            "## a {" + " " * run,
        ]
    )
    write("proposals/benches.md", PROPOSAL + "\n" + headings + "\n")
    refresh_generated(demo_copy)  # as `commonplan new` would: the form lists the new plan

    outcome = _run(demo_copy, "json")

    mine = [
        d
        for d in json.loads(outcome.stdout)
        if d["path"] in {NEW_FEEDBACK, "proposals/benches.md"}
        and d["code"] != "translation-missing"  # a new plan, not yet in Welsh
    ]
    assert mine == []
    assert outcome.exit_code == 0, outcome.output
