"""Personal data however it is written is stopped on every route into the repository.

`commonplan validate` on files written by hand (YAML escapes, lines folded into one value),
`commonplan import-csv` and `commonplan ingest` (GitHub issues and review comments) all
check through the one checker (validate/privacy.py): a subset of the evasion corpus
(tests/unit/test_personal_data_corpus.py) is run through each, and ordinary numbers
through import-csv, which must import them.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from commonplan.cli.app import main
from commonplan.repository import check_repository

from .conftest import WriteFile
from .fakegithub import FakeGitHub
from .githubloop import cli_ingest, form_body, github
from .test_csvimport import fingerprint, new_files, run_import
from .unit.test_personal_data_corpus import EVASIONS, ORDINARY

__all__ = ["github"]  # the fixture, used by name

Fake = tuple[FakeGitHub, str]
REL = "feedback/carers-breaks/carers-breaks-0099.yml"
HEAD = """\
proposal: carers-breaks
group: carer
stance: idea
submitted: 2026-07-14
source:
  kind: meeting
  recorded_by: hollowmere-carers-network
"""

# A file written by hand: (the body as written in YAML, kind, line, column of the finding).
# The body starts on line 8. An escape the raw text does not show ("\x40" for "@") is
# reported where the value starts; every other finding where its first word is written.
BY_HAND = {
    "an escaped space": ('body: "Ring me on 07700\\x20900123 please."\n', "phone", 8, 19),
    "an escaped no-break space": ('body: "Ring me on 07700\\_900123."\n', "phone", 8, 19),
    "an escaped at sign": ('body: "Write to sam.patel\\x40gmail.com."\n', "e-mail", 8, 7),
    "an escaped unicode at": ('body: "Write to sam.patel\\u0040gmail.com."\n', "e-mail", 8, 7),
    "a number folded over two lines": (
        "body: Ring me on 07700\n  900123 any evening.\n",
        "phone",
        8,
        18,
    ),
    "an address folded over two lines": (
        "body: >-\n  Write to sam dot patel at\n  gmail dot com.\n",
        "e-mail",
        9,
        12,
    ),
    "a zero-width space in a block": (
        "body: |\n  Call 07700\u200b900123 after six.\n",
        "phone",
        9,
        8,
    ),
    "a link to message": ("body: 'Message me: https://wa.me/447700900123'\n", "phone", 8, 34),
}


@pytest.mark.parametrize("case", sorted(BY_HAND))
def test_validate_finds_personal_data_in_a_file_written_by_hand(
    case: str, write: WriteFile, demo_copy: Path
) -> None:
    body, kind, line, col = BY_HAND[case]
    write(REL, HEAD + body)

    outcome = CliRunner().invoke(main, ["validate", str(demo_copy), "--format", "json"])

    assert outcome.exit_code == 1, outcome.output
    mine = [d for d in json.loads(outcome.stdout) if d["path"] == REL and d["severity"] == "error"]
    assert [(d["code"], d["line"], d["col"]) for d in mine] == [("personal-data", line, col)]
    assert kind in mine[0]["message"]


def test_a_file_with_ordinary_numbers_is_valid(write: WriteFile, demo_copy: Path) -> None:
    # One paragraph each: lines of one paragraph are read as one line, as a page shows them.
    body = "\n".join(f"  {text}\n" for text in ORDINARY)
    write(REL, HEAD + "body: |\n" + body)
    result = check_repository(demo_copy)
    assert [d for d in result.diagnostics.errors if d.path == REL] == []


# --- import-csv ------------------------------------------------------------------------------

ROUTE_SUBSET = [
    (text, kind)
    for text, kind, _ in EVASIONS
    if any(
        marker in text
        for marker in ("\u200b", "\u00a0", "\u2013", "wa.me", "tel:", " dot ", "(at)", "＠", "é")
    )
]


def _csv(rows: list[list[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["feedback", "proposal", "group", "stance"])
    writer.writerows(rows)
    return out.getvalue()


def test_the_route_subset_covers_each_kind_of_evasion() -> None:
    assert len(ROUTE_SUBSET) >= 10
    assert {kind for _, kind in ROUTE_SUBSET} == {"phone number", "e-mail address"}


@pytest.mark.parametrize(("text", "kind"), ROUTE_SUBSET)
def test_import_csv_stops_a_row_with_personal_data(
    text: str, kind: str, demo_copy: Path, tmp_path: Path
) -> None:
    csv_path = tmp_path / "meeting.csv"
    rows = [[f"About the bus: {text}", "getting-about", "carer", "idea"]]
    rows.append(["Fine by me", "getting-about", "carer", "support"])
    csv_path.write_text(_csv(rows), encoding="utf-8")
    before = fingerprint(demo_copy)

    outcome = run_import(demo_copy, csv_path)

    assert outcome.exit_code == 1, outcome.output
    assert f"row 2, column 'feedback': the text contains a {kind}" in outcome.output.replace(
        "contains an ", "contains a "
    )
    assert fingerprint(demo_copy) == before


def test_import_csv_imports_a_spreadsheet_of_ordinary_numbers(
    demo_copy: Path, tmp_path: Path
) -> None:
    csv_path = tmp_path / "survey.csv"
    rows = [[f"We counted: {text}", "getting-about", "carer", "experience"] for text in ORDINARY]
    csv_path.write_text(_csv(rows), encoding="utf-8")
    before = fingerprint(demo_copy)

    outcome = run_import(demo_copy, csv_path)

    assert outcome.exit_code == 0, outcome.output
    assert len(new_files(before, demo_copy)) == len(ORDINARY)
    assert check_repository(demo_copy).diagnostics.ok


# --- GitHub ----------------------------------------------------------------------------------

GITHUB_SUBSET = [
    "Ring me on 07700\u200b900123 any evening.",
    "Ring me on 07700\u2013900\u2013123 any evening.",
    "Message me on https://wa.me/447700900123",
    "Write to sam dot patel at gmail dot com",
    "Write to josé@correo.españa.es",
]


@pytest.mark.parametrize("text", GITHUB_SUBSET)
def test_an_issue_with_personal_data_however_written_needs_info(
    github: Fake, demo_copy: Path, text: str
) -> None:
    fake, url = github
    number = fake.add_issue(form_body(body=text))

    outcome = cli_ingest(demo_copy, url)

    assert outcome.exit_code == 0, outcome.output
    assert "recorded 0, needs-info 1, skipped 0, failed 0" in outcome.output
    [comment] = fake.comment_bodies(number)
    assert "contains a phone number" in comment or "contains an e-mail address" in comment
    assert sorted(fake.labels(number)) == ["feedback", "needs-info"]
    assert fake.pulls == {}


def test_an_issue_of_ordinary_numbers_is_recorded(github: Fake, demo_copy: Path) -> None:
    fake, url = github
    text = "Visits went 140 162 198 231 265 between 24/11/2026 and 2026-12-01 10:00."
    fake.add_issue(form_body(body=text))

    outcome = cli_ingest(demo_copy, url)

    assert "recorded 1, needs-info 0, skipped 0, failed 0" in outcome.output, outcome.output
    assert len(fake.open_pulls()) == 1


def test_a_review_comment_with_a_hidden_number_is_not_recorded(
    github: Fake, demo_copy: Path
) -> None:
    fake, url = github
    files = dict(fake.files("main"))
    pull = fake.add_pull("revise-warm-spaces", files, author="warm-spaces-hollowmere")
    head = fake.files(fake.pulls[pull]["head"])["proposals/warm-spaces.md"].split("\n")
    line = head.index("## Where the spaces are") + 1
    comment = fake.add_review_comment(
        pull,
        "proposals/warm-spaces.md",
        line,
        "Stance: idea\nRing me on 07700\u00a0900\u00a0123 about it.",
        "dale-ct",
    )

    outcome = cli_ingest(demo_copy, url)

    assert outcome.exit_code == 0, outcome.output
    assert "recorded 0, needs-info 1" in outcome.output
    [reply] = [c for c in fake.review_comments[pull] if c.get("in_reply_to_id") == comment]
    assert "contains a phone number" in reply["body"]
    assert [ref for ref in fake.refs if "review" in ref] == []
