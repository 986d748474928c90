"""`commonplan new`, `respond` and `revise`: organisers change files without touching YAML,
and a file changes only where the command changes it."""

from __future__ import annotations

import difflib
import hashlib
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result

from commonplan.cli.app import main
from commonplan.repository import check_repository

from .conftest import WriteFile

COMMENTED = """\
# yaml-language-server: $schema=../../schemas/feedback.schema.json
# Written down at the Tuesday carers' meeting, Millbrook library.
proposal: warm-spaces   # the warm spaces plan
section: where-the-spaces-are

# Speaker asked not to be named.
group: carer
stance: 'question'
submitted: 2026-11-10
source:
  kind: meeting
  ref: "Tuesday meeting, 10 November"    # notes in the network's folder
  recorded_by: hollowmere-carers-network
body: |
  Is there a warm space in Upper Dale on a Sunday? The bus does not run, so it would need
  to be walking distance.
# end of what was said
"""

ANSWERED = """\
# yaml-language-server: $schema=../../schemas/feedback.schema.json
proposal: warm-spaces
group: citizen   # a resident
stance: idea
submitted: 2026-11-12
source: {kind: paper, recorded_by: warm-spaces-team}
body: Open the library on Sundays.
# The first answer, given at the November meeting:
response:
  status: under-review   # we asked the library
  by: warm-spaces-team
  date: 2026-11-20
  text: We are asking the library.
  revision: 1
"""


def invoke(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def fingerprint(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_respond_appends_only_the_response_block(demo_copy: Path, write: WriteFile) -> None:
    path = write("feedback/warm-spaces/warm-spaces-0100.yml", COMMENTED)
    before = path.read_bytes()

    outcome = invoke(
        "respond",
        "warm-spaces-0100",
        "--status",
        "accepted",
        "--text",
        "St Mary's hall in Upper Dale opens on Sundays from December.",
        "--root",
        str(demo_copy),
    )

    assert outcome.exit_code == 0, outcome.output
    assert "Updated feedback/warm-spaces/warm-spaces-0100.yml" in outcome.output
    after = path.read_bytes()
    # Byte for byte: the old file is untouched, the answer is added after it.
    assert after[: len(before)] == before
    assert after[len(before) :] == (
        b"response:\n"
        b"  status: accepted\n"
        b"  by: warm-spaces-team\n"
        b"  date: 2026-11-26\n"
        b"  text: |\n"
        b"    St Mary's hall in Upper Dale opens on Sundays from December.\n"
    )
    assert check_repository(demo_copy).diagnostics.ok


def test_respond_replaces_only_the_response_block(demo_copy: Path, write: WriteFile) -> None:
    path = write("feedback/warm-spaces/warm-spaces-0101.yml", ANSWERED)
    before = path.read_text()

    outcome = invoke(
        "respond",
        "warm-spaces-0101",
        "--status",
        "partly",
        "--text",
        "The library opens on the first Sunday of each month.",
        "--root",
        str(demo_copy),
    )

    assert outcome.exit_code == 0, outcome.output
    diff = [
        line
        for line in difflib.ndiff(
            before.splitlines(keepends=True), path.read_text().splitlines(True)
        )
        if line[0] in "+-"
    ]
    assert diff == [
        "-   status: under-review   # we asked the library\n",
        # ruamel keeps the comment in its column.
        "+   status: partly         # we asked the library\n",
        "-   date: 2026-11-20\n",
        "+   date: 2026-11-26\n",
        "-   text: We are asking the library.\n",
        "-   revision: 1\n",
        "+   text: |\n",
        "+     The library opens on the first Sunday of each month.\n",
    ]


RESPOND_REFUSALS = [
    pytest.param(
        ["respond", "carers-breaks-9999", "--status", "accepted", "--text", "x"],
        1,
        "'carers-breaks-9999' is not a feedback id",
        id="unknown-feedback",
    ),
    pytest.param(
        ["respond", "carers-breaks-0003", "--status", "maybe", "--text", "x"],
        2,
        "'maybe' is not one of",
        id="unknown-status",
    ),
    pytest.param(
        [
            "respond",
            "carers-breaks-0003",
            "--status",
            "accepted",
            "--text",
            "x",
            "--by",
            "mayor",
        ],
        1,
        "--by 'mayor' is not a team",
        id="unknown-team",
    ),
    pytest.param(
        [
            "respond",
            "carers-breaks-0003",
            "--status",
            "accepted",
            "--text",
            "x",
            "--revision",
            "9",
        ],
        1,
        "'carers-breaks' has no revision 9 (revisions: 2, 3)",
        id="unknown-revision",
    ),
    pytest.param(
        [
            "respond",
            "carers-breaks-0003",
            "--status",
            "accepted",
            "--text",
            "Ring 07700 900123 for details",
        ],
        1,
        "contains a phone number",
        id="phone-number",
    ),
]


def test_respond_on_every_demo_file_changes_only_its_response(demo_copy: Path) -> None:
    """The round trip keeps each demo file's own layout: only the response lines differ."""
    for path in sorted((demo_copy / "feedback").glob("*/*.yml")):
        before = path.read_text()
        outcome = invoke(
            "respond",
            path.stem,
            "--status",
            "under-review",
            "--text",
            "Looking at it.",
            "--root",
            str(demo_copy),
        )
        assert outcome.exit_code == 0, outcome.output
        after = path.read_text()
        head = before.split("\nresponse:\n")[0] + "\n" if "\nresponse:\n" in before else before
        assert after.startswith(head + "response:\n"), path.name
        assert yaml.safe_load(after)["response"]["text"] == "Looking at it.\n"


def test_revise_adds_the_next_revision(demo_copy: Path) -> None:
    path = demo_copy / "proposals/warm-spaces.md"
    before = path.read_text()

    outcome = invoke(
        "revise",
        "warm-spaces",
        "--summary",
        "Sunday opening in Upper Dale.",
        "--responds-to",
        "warm-spaces-0003",
        "--root",
        str(demo_copy),
    )

    assert outcome.exit_code == 0, outcome.output
    after = path.read_text()
    added = [
        line
        for line in difflib.ndiff(before.splitlines(True), after.splitlines(True))
        if line[0] in "+-"
    ]
    assert all(line.startswith("+") for line in added), added
    assert "".join(line[2:] for line in added) == (
        "revisions:\n"
        "  - version: 2\n"
        "    date: 2026-11-26\n"
        "    summary: Sunday opening in Upper Dale.\n"
        "    responds_to: [warm-spaces-0003]\n"
    )
    result = check_repository(demo_copy)
    assert result.diagnostics.ok
    assert result.corpus.proposals["warm-spaces"].version == 2

    again = invoke("revise", "carers-breaks", "--summary", "Fewer forms.", "--root", str(demo_copy))
    assert again.exit_code == 0, again.output
    assert check_repository(demo_copy).corpus.proposals["carers-breaks"].version == 4


def test_revise_refuses_unknown_feedback(demo_copy: Path) -> None:
    before = fingerprint(demo_copy)
    outcome = invoke(
        "revise",
        "warm-spaces",
        "--summary",
        "x",
        "--responds-to",
        "carers-breaks-0001",
        "--root",
        str(demo_copy),
    )
    assert outcome.exit_code == 1
    assert "'carers-breaks-0001' is feedback on 'carers-breaks', not on this proposal" in (
        outcome.output
    )
    outcome = invoke("revise", "no-such-plan", "--summary", "x", "--root", str(demo_copy))
    assert outcome.exit_code == 1
    assert "'no-such-plan' is not a proposal" in outcome.output
    assert fingerprint(demo_copy) == before


def test_new_files_are_valid_and_commented(demo_copy: Path) -> None:
    outcome = invoke(
        "new",
        "team",
        "dale-walkers",
        "--name",
        "Dale Walkers: a group",
        "--kind",
        "community-group",
        "--group",
        "Carers",
        "--group",
        "citizen",
        "--root",
        str(demo_copy),
    )
    assert outcome.exit_code == 0, outcome.output
    team_text = (demo_copy / "teams/dale-walkers.yml").read_text()
    assert "# organisation | action-team | community-group" in team_text
    assert yaml.safe_load(team_text)["name"] == "Dale Walkers: a group"

    outcome = invoke(
        "new",
        "proposal",
        "dale-walks",
        "--title",
        "Walks for carers",
        "--owner",
        "dale-walkers",
        "--invite",
        "carer",
        "--root",
        str(demo_copy),
    )
    assert outcome.exit_code == 0, outcome.output
    assert "# draft | consultation" in (demo_copy / "proposals/dale-walks.md").read_text()

    outcome = invoke(
        "new",
        "feedback",
        "dale-walks-0001",
        "--proposal",
        "dale-walks",
        "--section",
        "What we propose",
        "--group",
        "Families and neighbours",
        "--stance",
        "I have an idea",
        "--text",
        "Start from the village hall.",
        "--recorded-by",
        "dale-walkers",
        "--date",
        "2026-11-25",
        "--root",
        str(demo_copy),
    )
    assert outcome.exit_code == 0, outcome.output
    feedback = yaml.safe_load((demo_copy / "feedback/dale-walks/dale-walks-0001.yml").read_text())
    assert feedback["section"] == "what-we-propose"
    assert feedback["group"] == "family"
    assert feedback["stance"] == "idea"

    result = check_repository(demo_copy)
    assert [str(d) for d in result.diagnostics.errors] == []
    assert "dale-walks-0001" in result.corpus.feedback


NEW_REFUSALS = [
    pytest.param(
        ["new", "team", "Bad Id", "--name", "x", "--kind", "organisation", "--group", "carer"],
        1,
        "is not a valid id",
        id="bad-id",
    ),
    pytest.param(
        ["new", "team", "carers", "--name", "x", "--kind", "organisation", "--group", "aliens"],
        1,
        "'aliens' is not a stakeholder group",
        id="unknown-group",
    ),
    pytest.param(
        ["new", "proposal", "carers-breaks", "--title", "x", "--owner", "council-adult-care"],
        1,
        "proposals/carers-breaks.md already exists",
        id="proposal-exists",
    ),
    pytest.param(
        ["new", "proposal", "fresh", "--title", "x", "--owner", "nobody"],
        1,
        "--owner 'nobody' is not a team",
        id="unknown-owner",
    ),
    pytest.param(
        [
            "new",
            "feedback",
            "fresh-0001",
            "--proposal",
            "warm-spaces",
            "--group",
            "carer",
            "--stance",
            "idea",
            "--text",
            "Mail me at a@b.org",
            "--recorded-by",
            "warm-spaces-team",
        ],
        1,
        "contains an e-mail address",
        id="e-mail-address",
    ),
]


@pytest.mark.parametrize(("args", "exit_code", "message"), [*RESPOND_REFUSALS, *NEW_REFUSALS])
def test_a_command_refuses_bad_input_and_leaves_files(
    demo_copy: Path, args: list[str], exit_code: int, message: str
) -> None:
    before = fingerprint(demo_copy)
    outcome = invoke(*args, "--root", str(demo_copy))
    # 2: click refuses an option's value (a usage error); 1: the command refuses the input.
    assert outcome.exit_code == exit_code, outcome.output
    assert message in outcome.output, outcome.output
    assert "Traceback" not in outcome.output
    assert fingerprint(demo_copy) == before


def test_a_file_whose_layout_cannot_survive_is_left_alone(
    demo_copy: Path, write: WriteFile
) -> None:
    # A plain value folded over two lines would be rewritten on one line: refused.
    path = write(
        "feedback/warm-spaces/warm-spaces-0102.yml",
        ANSWERED.replace(
            "body: Open the library on Sundays.", "body: Open the library\n  on Sundays."
        ),
    )
    before = path.read_bytes()
    outcome = invoke(
        "respond",
        "warm-spaces-0102",
        "--status",
        "accepted",
        "--text",
        "Done.",
        "--root",
        str(demo_copy),
    )
    assert outcome.exit_code == 1
    assert "make this change by hand" in outcome.output
    assert path.read_bytes() == before


def test_windows_line_endings_are_kept(demo_copy: Path) -> None:
    path = demo_copy / "feedback/warm-spaces/warm-spaces-0001.yml"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    before = path.read_bytes()
    outcome = invoke(
        "respond",
        "warm-spaces-0001",
        "--status",
        "accepted",
        "--text",
        "Done.",
        "--root",
        str(demo_copy),
    )
    assert outcome.exit_code == 0, outcome.output
    after = path.read_bytes()
    head = before.split(b"\r\nresponse:\r\n")[0]
    assert after.startswith(head)
    assert after.count(b"\n") == after.count(b"\r\n")


def test_respond_to_a_broken_file_says_to_fix_it_first(demo_copy: Path, write: WriteFile) -> None:
    path = write("feedback/warm-spaces/warm-spaces-0103.yml", "proposal: warm-spaces\nstance: [\n")
    outcome = invoke(
        "respond",
        "warm-spaces-0103",
        "--status",
        "accepted",
        "--text",
        "Done.",
        "--root",
        str(demo_copy),
    )
    assert outcome.exit_code == 1
    assert "feedback/warm-spaces/warm-spaces-0103.yml has errors" in outcome.output
    assert path.read_text() == "proposal: warm-spaces\nstance: [\n"


@pytest.mark.parametrize("written", ["2026-11-24", "24/11/2026", "24.11.2026"])
def test_a_date_is_read_as_a_spreadsheet_reads_it(demo_copy: Path, written: str) -> None:
    """One date reader for every command: what import-csv accepts, --date accepts."""
    outcome = invoke(
        *("new", "feedback", "warm-spaces-0090", "--proposal", "warm-spaces"),
        *("--group", "carer", "--stance", "idea", "--text", "A bench by the door."),
        *("--recorded-by", "warm-spaces-team", "--date", written, "--root", str(demo_copy)),
    )
    assert outcome.exit_code == 0, outcome.output
    text = (demo_copy / "feedback" / "warm-spaces" / "warm-spaces-0090.yml").read_text()
    assert "submitted: 2026-11-24\n" in text


def test_a_date_that_is_not_one_is_refused_in_words(demo_copy: Path) -> None:
    before = fingerprint(demo_copy)
    outcome = invoke(
        *("revise", "warm-spaces", "--summary", "Later.", "--date", "31/02/2026"),
        *("--root", str(demo_copy)),
    )
    assert outcome.exit_code == 2
    assert "'31/02/2026' is not a date; write it as 2026-11-30 or 30/11/2026" in outcome.output
    assert fingerprint(demo_copy) == before


def test_feedback_without_an_id_gets_its_proposals_next_number(demo_copy: Path) -> None:
    folder = demo_copy / "feedback" / "warm-spaces"
    highest = max(int(p.stem.rsplit("-", 1)[1]) for p in folder.glob("warm-spaces-*.yml"))
    expected = f"warm-spaces-{highest + 1:04d}"
    outcome = invoke(
        *("new", "feedback", "--proposal", "warm-spaces", "--group", "carer"),
        *("--stance", "idea", "--text", "A bench by the door."),
        *("--recorded-by", "warm-spaces-team", "--root", str(demo_copy)),
    )
    assert outcome.exit_code == 0, outcome.output
    assert f"Created feedback/warm-spaces/{expected}.yml" in outcome.output
    recorded = check_repository(demo_copy).corpus.feedback[expected]
    assert recorded.body.strip() == "A bench by the door."


def test_feedback_without_an_id_for_no_proposal_is_refused_in_words(demo_copy: Path) -> None:
    before = fingerprint(demo_copy)
    outcome = invoke(
        *("new", "feedback", "--proposal", "../Warm", "--stance", "idea", "--text", "Hi."),
        *("--recorded-by", "warm-spaces-team", "--root", str(demo_copy)),
    )
    assert outcome.exit_code == 1
    assert "--proposal '../Warm' is not a proposal" in outcome.output
    assert fingerprint(demo_copy) == before
