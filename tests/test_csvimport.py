"""`commonplan import-csv`: spreadsheets from meetings and online forms become feedback files."""

from __future__ import annotations

import hashlib
import random
import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result

from commonplan.cli.app import main
from commonplan.intake.spreadsheet import read_table
from commonplan.repository import check_repository

from .conftest import ROOT

RECORDER = "hollowmere-carers-network"

# What Excel writes for "CSV (semicolon delimited)" in a European locale: a byte-order mark,
# semicolons, CRLF between rows, LF inside a quoted multi-line cell, and a name column.
EXCEL_ROWS = (
    "Proposal;Which part?;I am a;My view;Your feedback;Your name;E-mail;Date\r\n"
    "getting-about;What we propose;Carers;I have a concern;"
    "\"The minibus never comes before ten.\nMy husband's dialysis starts at nine; "
    'we need an earlier run.";Mary Holt;mary.holt@example.org;20/11/2026\r\n'
    "getting-about;Upper Dale and the villages;Families and neighbours;idea;"
    '"A lift-share board in the village shop, café included.";Tom;;2026-11-21\r\n'
    "warm-spaces;;citizen;Support;Warm and welcoming, thank you.;;;21/11/2026\r\n"
    ";;;;;;;\r\n"
)


def excel_csv() -> bytes:
    return b"\xef\xbb\xbf" + EXCEL_ROWS.encode("utf-8")


def run_import(root: Path, csv_path: Path, *extra: str) -> Result:
    return CliRunner().invoke(
        main,
        [
            "import-csv",
            str(csv_path),
            "--recorded-by",
            RECORDER,
            "--source",
            "meeting",
            "--root",
            str(root),
            *extra,
        ],
    )


def fingerprint(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def new_files(before: dict[str, str], root: Path) -> list[str]:
    return sorted(set(fingerprint(root)) - set(before))


def test_excel_export_imports_once(demo_copy: Path, tmp_path: Path) -> None:
    csv_path = tmp_path / "meeting.csv"
    csv_path.write_bytes(excel_csv())
    before = fingerprint(demo_copy)

    outcome = run_import(demo_copy, csv_path)

    assert outcome.exit_code == 0, outcome.output
    added = new_files(before, demo_copy)
    assert len(added) == 3
    # Readable ids, numbered on from the proposal's last one; a digest of what was said.
    assert all(re.fullmatch(r"feedback/([a-z-]+)/\1-\d{4}\.yml", rel) for rel in added), added
    assert "Left out personal data: column(s) 'Your name', 'E-mail'" in outcome.output
    records = {rel: yaml.safe_load((demo_copy / rel).read_text()) for rel in added}
    dialysis = next(r for r in records.values() if "dialysis" in r["body"])
    assert dialysis["proposal"] == "getting-about"
    assert dialysis["section"] == "what-we-propose"
    assert dialysis["group"] == "carer"
    assert dialysis["stance"] == "concern"
    assert str(dialysis["submitted"]) == "2026-11-20"
    assert re.fullmatch(r"sha256:[0-9a-f]{16}", dialysis["source"].pop("ref"))
    assert dialysis["source"] == {"kind": "meeting", "recorded_by": RECORDER}
    assert dialysis["body"] == (
        "The minibus never comes before ten.\n"
        "My husband's dialysis starts at nine; we need an earlier run.\n"
    )
    villages = next(r for r in records.values() if "lift-share" in r["body"])
    assert villages["section"] == "upper-dale-and-the-villages"
    assert villages["group"] == "family"
    assert "café" in villages["body"]
    warm = next(r for r in records.values() if r["proposal"] == "warm-spaces")
    assert warm["stance"] == "support"
    assert "section" not in warm
    # The personal-data columns reach no file.
    written = "".join((demo_copy / rel).read_text() for rel in added)
    for personal in ("Mary Holt", "mary.holt", "Tom"):
        assert personal not in written
    assert check_repository(demo_copy).diagnostics.ok

    again = run_import(demo_copy, csv_path)
    assert again.exit_code == 0, again.output
    assert "Wrote 0 new feedback files; 3 rows already recorded before" in again.output
    assert new_files(before, demo_copy) == added


def test_one_bad_row_writes_nothing_and_names_the_row(demo_copy: Path, tmp_path: Path) -> None:
    bad = EXCEL_ROWS.replace("Families and neighbours", "Grandparents")
    csv_path = tmp_path / "meeting.csv"
    csv_path.write_bytes(b"\xef\xbb\xbf" + bad.encode("utf-8"))
    before = fingerprint(demo_copy)

    outcome = run_import(demo_copy, csv_path)

    assert outcome.exit_code == 1
    assert fingerprint(demo_copy) == before
    assert "meeting.csv: row 3, column 'I am a': 'Grandparents' is not a stakeholder group" in (
        outcome.output
    )
    assert "nothing was written: 1 problem to fix in meeting.csv" in outcome.output
    assert "Traceback" not in outcome.output


def test_windows_1252_comma_file(demo_copy: Path, tmp_path: Path) -> None:
    text = (
        "Proposal,Section,Group,Stance,Comments,Team\r\n"
        "warm-spaces,Where the spaces are,Community and self-help groups,question,"
        '"Is the café at St Mark’s open on Sundays?",eastfield-good-neighbours\r\n'
    )
    csv_path = tmp_path / "form.csv"
    csv_path.write_bytes(text.encode("cp1252"))
    assert read_table(csv_path.read_bytes()).encoding == "Windows-1252"
    before = fingerprint(demo_copy)

    outcome = run_import(demo_copy, csv_path)

    assert outcome.exit_code == 0, outcome.output
    (rel,) = new_files(before, demo_copy)
    record = yaml.safe_load((demo_copy / rel).read_text(encoding="utf-8"))
    assert record["body"] == "Is the café at St Mark’s open on Sundays?\n"
    assert record["from"] == "eastfield-good-neighbours"
    assert record["group"] == "community-group"
    # No date column: the day of the import.
    assert str(record["submitted"]) == "2026-11-26"


def test_contact_details_in_the_text_stop_the_row(demo_copy: Path, tmp_path: Path) -> None:
    csv_path = tmp_path / "paper.csv"
    csv_path.write_text(
        "feedback,proposal,group,stance\n"
        "Call me on 07700 900123 about the bus,getting-about,carer,idea\n"
        "Fine by me,getting-about,carer,support\n",
        encoding="utf-8",
    )
    before = fingerprint(demo_copy)

    outcome = run_import(demo_copy, csv_path)

    assert outcome.exit_code == 1
    assert "row 2, column 'feedback': the text contains a phone number" in outcome.output
    assert "07700" not in outcome.output
    assert fingerprint(demo_copy) == before


def test_identical_rows_are_two_voices(demo_copy: Path, tmp_path: Path) -> None:
    csv_path = tmp_path / "paper.csv"
    csv_path.write_text(
        "feedback,group,stance,date\n"
        "More evening sessions please,carer,idea,2026-11-20\n"
        "More evening sessions please,carer,idea,2026-11-20\n",
        encoding="utf-8",
    )
    before = fingerprint(demo_copy)
    outcome = run_import(demo_copy, csv_path, "--proposal", "warm-spaces")
    assert outcome.exit_code == 0, outcome.output
    assert len(new_files(before, demo_copy)) == 2


def test_dry_run_writes_nothing(demo_copy: Path, tmp_path: Path) -> None:
    csv_path = tmp_path / "meeting.csv"
    csv_path.write_bytes(excel_csv())
    before = fingerprint(demo_copy)
    outcome = run_import(demo_copy, csv_path, "--dry-run")
    assert outcome.exit_code == 0, outcome.output
    assert outcome.output.count("Would write feedback/") == 3
    assert fingerprint(demo_copy) == before


def test_unknown_header_and_team_are_named(demo_copy: Path, tmp_path: Path) -> None:
    csv_path = tmp_path / "form.csv"
    csv_path.write_text("feedback,stanse\nHello,idea\n", encoding="utf-8")
    outcome = run_import(demo_copy, csv_path)
    assert outcome.exit_code == 1
    assert "column 'stanse': this header names no feedback field (did you mean 'stance'?)" in (
        outcome.output
    )

    good = tmp_path / "good.csv"
    good.write_text("feedback,group,stance\nHello,carer,idea\n", encoding="utf-8")
    outcome = CliRunner().invoke(
        main,
        [
            *("import-csv", str(good), "--recorded-by", "nobody", "--source", "paper"),
            *("--proposal", "warm-spaces", "--root", str(demo_copy)),
        ],
    )
    assert outcome.exit_code == 1
    assert "--recorded-by 'nobody' is not a team" in outcome.output


def test_a_mistyped_option_is_blamed_with_a_hint_not_the_spreadsheet(
    demo_copy: Path, tmp_path: Path
) -> None:
    good = tmp_path / "good.csv"
    good.write_text("feedback,group,stance\nHello,carer,idea\n", encoding="utf-8")
    before = fingerprint(demo_copy)
    outcome = CliRunner().invoke(
        main,
        [
            *("import-csv", str(good), "--recorded-by", "hollowmere-carer-network"),
            *("--source", "paper", "--proposal", "warm-spaces", "--root", str(demo_copy)),
        ],
    )
    assert outcome.exit_code == 1
    assert (
        "Error: nothing was written: --recorded-by 'hollowmere-carer-network' is not a team"
        " (no teams/hollowmere-carer-network.yml) (did you mean 'hollowmere-carers-network'?)"
    ) in outcome.output
    assert "to fix in good.csv" not in outcome.output
    assert fingerprint(demo_copy) == before


def test_a_proposal_is_named_by_its_title_or_its_id(demo_copy: Path, tmp_path: Path) -> None:
    title = check_repository(demo_copy).corpus.proposals["warm-spaces"].title
    rows = tmp_path / "rows.csv"
    rows.write_text(
        f'proposal,group,stance,feedback\n"{title.upper()}",carer,idea,By its title\n'
        "warm-spaces,carer,idea,By its id\n",
        encoding="utf-8",
    )
    before = fingerprint(demo_copy)
    outcome = run_import(demo_copy, rows)
    assert outcome.exit_code == 0, outcome.output
    written = new_files(before, demo_copy)
    assert [path.split("/")[1] for path in written] == ["warm-spaces", "warm-spaces"]


def test_every_problem_of_a_row_is_named_in_one_run(demo_copy: Path, tmp_path: Path) -> None:
    rows = tmp_path / "rows.csv"
    rows.write_text(
        "proposal,group,stance,feedback,team\n"
        "warm-spaces,carer,idea,Ring 07700 900123 any time,hollowmere-carer-network\n",
        encoding="utf-8",
    )
    outcome = run_import(demo_copy, rows)
    assert outcome.exit_code == 1
    assert "row 2, column 'feedback': the text contains a phone number" in outcome.output
    assert (
        "row 2, column 'team': 'hollowmere-carer-network' is not a team (by its id or its name)"
        " (did you mean 'hollowmere-carers-network'?)"
    ) in outcome.output


@pytest.mark.parametrize(
    ("sample", "exit_code", "says"),
    [
        (b"", 1, "the file is empty: the first row must be headers"),
        (b"\x00\x01\x02binary", 1, "this is not a CSV file (it holds NUL bytes)"),
        # Random bytes, the same every run.
        (random.Random(2048).randbytes(2048), 1, "the file's characters cannot be read"),
        (
            b'feedback,group\n"never closed,carer\n',
            1,
            "row 2, column 'group': say who is speaking",
        ),
        (
            b"feedback;group;stance\nx;carer;idea;extra;cells\n",
            1,
            "row 2: has 5 cells but the header has 3",
        ),
        # UTF-16 with its byte-order mark is read; it holds only the header row.
        (b"\xff\xfe" + "feedback,group,stance\n".encode("utf-16-le"), 0, "Wrote 0 new"),
    ],
    ids=["empty", "nul-bytes", "random-bytes", "unclosed-quote", "extra-cells", "utf-16"],
)
def test_garbage_is_refused_in_words_and_writes_nothing(
    demo_copy: Path, tmp_path: Path, sample: bytes, exit_code: int, says: str
) -> None:
    csv_path = tmp_path / "garbage.csv"
    csv_path.write_bytes(sample)
    before = fingerprint(demo_copy)
    outcome = run_import(demo_copy, csv_path, "--proposal", "warm-spaces")
    assert outcome.exit_code == exit_code, outcome.output
    # A refusal ends the command as click ends it (SystemExit), never with another error.
    assert isinstance(outcome.exception, SystemExit) == (exit_code != 0), outcome.exception
    assert says in outcome.output
    assert "Traceback" not in outcome.output
    if exit_code:
        assert "Error: nothing was written" in outcome.output
    assert fingerprint(demo_copy) == before


def test_the_template_reads_cleanly() -> None:
    table = read_table((ROOT / "site/take-part/feedback-template.csv").read_bytes())
    assert table.problems == []
    assert list(table.headers) == [
        "proposal",
        "section",
        "group",
        "stance",
        "feedback",
        "team",
        "date",
    ]


def test_imports_number_on_and_recognise_what_they_recorded(
    demo_copy: Path, tmp_path: Path
) -> None:
    corpus = check_repository(demo_copy).corpus
    last = max(int(i.rsplit("-", 1)[1]) for i in corpus.feedback if i.startswith("warm-spaces-"))
    rows = tmp_path / "rows.csv"
    rows.write_text(
        "proposal,group,stance,feedback,date\n"
        "warm-spaces,carer,idea,A bench by the door,20/11/2026\n"
        "warm-spaces,citizen,support,Warm and kind,21/11/2026\n",
        encoding="utf-8",
    )
    before = fingerprint(demo_copy)
    assert run_import(demo_copy, rows).exit_code == 0
    assert new_files(before, demo_copy) == [
        f"feedback/warm-spaces/warm-spaces-{last + 1:04d}.yml",
        f"feedback/warm-spaces/warm-spaces-{last + 2:04d}.yml",
    ]
    # The same spreadsheet again, with a row added: only the new row is written.
    rows.write_text(
        rows.read_text(encoding="utf-8") + "warm-spaces,carer,question,Is it open late?,\n",
        encoding="utf-8",
    )
    again = fingerprint(demo_copy)
    outcome = run_import(demo_copy, rows)
    assert "Wrote 1 new feedback file; 2 rows already recorded before" in outcome.output
    assert new_files(again, demo_copy) == [f"feedback/warm-spaces/warm-spaces-{last + 3:04d}.yml"]


def test_a_row_an_older_version_recorded_under_its_content_id_is_recognised(
    demo_copy: Path, tmp_path: Path
) -> None:
    """Repositories hold feedback imported before ids were numbered: the file was named
    by the row's content (`<proposal>-<source>-<8 hex>`), with no digest in `ref`."""
    from commonplan.intake.candidate import content_id

    said = ("warm-spaces", "", "carer", "idea", "A bench by the door", "", "2026-11-20", "1")
    older = content_id("warm-spaces", "paper", *said, body=said[4], held_by=lambda _: None)
    (demo_copy / "feedback" / "warm-spaces" / f"{older}.yml").write_text(
        "proposal: warm-spaces\ngroup: carer\nstance: idea\nsubmitted: 2026-11-20\n"
        "source:\n  kind: paper\n  recorded_by: hollowmere-carers-network\n"
        "body: A bench by the door\n",
        encoding="utf-8",
    )
    rows = tmp_path / "rows.csv"
    rows.write_text(
        "proposal,group,stance,feedback,date\nwarm-spaces,carer,idea,A bench by the door,"
        "2026-11-20\n",
        encoding="utf-8",
    )
    before = fingerprint(demo_copy)
    outcome = CliRunner().invoke(
        main,
        [
            *("import-csv", str(rows), "--recorded-by", RECORDER, "--source", "paper"),
            *("--root", str(demo_copy)),
        ],
    )
    assert outcome.exit_code == 0, outcome.output
    assert "Wrote 0 new feedback files; 1 row already recorded before" in outcome.output
    assert fingerprint(demo_copy) == before
