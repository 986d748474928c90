"""The open data keeps what people wrote, but none of the characters the pages leave out:
bidi controls (which hide what text says) and control characters (which programs read as
commands). And no CSV cell can start a spreadsheet formula."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from commonplan.repository import check_repository, write_in_step
from commonplan.site.render import render_site

from .helpers import payload, q, write_file, write_hostile_repository

# Bidi controls, C0 and C1 control characters: none of them may reach an open data file.
INVISIBLE = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069" + "".join(
    map(chr, (*range(0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0)))
)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CONTROLLED = '\u202e=HYPERLINK("https://evil.example/")\x1b[31m red\x07 bell\r\n\x85 next\x9b END'


@pytest.fixture
def data(demo_copy: Path) -> dict[str, str]:
    """The open data files of the demo with hostile text, control characters written as YAML
    escapes in several kinds of field, and a group label holding some too."""
    write_hostile_repository(demo_copy)
    write_file(
        demo_copy,
        "feedback/hostile/hostile-0003.yml",
        "proposal: hostile\ngroup: carer\nstance: concern\nsubmitted: 2026-11-07\n"
        f"source:\n  kind: meeting\n  recorded_by: hostile-team\n  ref: {q(CONTROLLED)}\n"
        f"body: {q(CONTROLLED)}\n"
        "response:\n  status: partly\n  by: hostile-team\n  date: 2026-11-21\n"
        f"  text: {q('tab first ' + CONTROLLED)}\n",
    )
    proposal = demo_copy / "proposals" / "hostile.md"
    text = proposal.read_text(encoding="utf-8")
    title = f"title: {q(payload('action-title'))}"
    assert title in text
    proposal.write_text(text.replace(title, f"title: {q('+1' + CONTROLLED)}"), encoding="utf-8")
    config = demo_copy / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "carer: Carers", f"carer: {q('Carers' + chr(7) + chr(0x202E) + ' reversed')}"
        ),
        encoding="utf-8",
    )
    write_in_step(demo_copy)  # the issue form and CODEOWNERS, as a build brings them first
    validation = check_repository(demo_copy)
    assert validation.diagnostics.errors == []
    pages = render_site(validation.corpus)
    return {path: content for path, content in pages.items() if path.startswith("data/")}


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _hidden(text: str) -> list[str]:
    return sorted({f"U+{ord(ch):04X}" for ch in text if ch in INVISIBLE and ch not in "\t\n"})


def test_no_open_data_file_holds_a_control_character(data: dict[str, str]) -> None:
    assert {"data/strategy.json", "data/feedback.csv", "data/feed.xml"} <= data.keys()
    found = {path: _hidden(content) for path, content in data.items()}
    assert {path: chars for path, chars in found.items() if chars} == {}
    for path, content in data.items():
        if path.endswith(".json"):
            # Not even as an escape (json.dumps writes those below U+0020 as \u00XX).
            escaped = [s for s in _strings(json.loads(content)) if _hidden(s)]
            assert escaped == [], path


def test_the_words_are_all_still_there(data: dict[str, str]) -> None:
    strategy = json.loads(data["data/strategy.json"])
    item = next(f for f in strategy["feedback"] if f["id"] == "hostile-0003")
    assert item["body"] == '=HYPERLINK("https://evil.example/")[31m red bell\n next END'
    assert item["response"]["text"].startswith("tab first =HYPERLINK(")
    assert strategy["groups"]["carer"] == "Carers reversed"
    assert "XSS-feedback-body" in data["data/feedback.csv"]


def test_no_csv_cell_starts_a_formula(data: dict[str, str]) -> None:
    for name in ("feedback.csv", "actions.csv", "measures.csv"):
        rows = list(csv.reader(io.StringIO(data[f"data/{name}"])))
        risky = [cell for row in rows for cell in row if cell.startswith(FORMULA_START)]
        assert risky == [], name
    feedback = {row["id"]: row for row in csv.DictReader(io.StringIO(data["data/feedback.csv"]))}
    # Behind the bidi control that hid it, the formula is guarded like any other.
    assert feedback["hostile-0003"]["body"].startswith("'=HYPERLINK(")
    assert feedback["hostile-0003"]["source_ref"].startswith("'=HYPERLINK(")
    actions = list(csv.DictReader(io.StringIO(data["data/actions.csv"])))
    assert next(a for a in actions if a["proposal"] == "hostile")["title"].startswith("'+1=")


def test_the_feed_is_well_formed_xml(data: dict[str, str]) -> None:
    feed = ET.fromstring(data["data/feed.xml"])
    summaries = [e.text or "" for e in feed.iter("{http://www.w3.org/2005/Atom}summary")]
    assert any(s.startswith("tab first =HYPERLINK(") for s in summaries)
