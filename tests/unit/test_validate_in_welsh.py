"""Validation's own checks said in Welsh (issue 12): a small broken repository, its
diagnostics read in Welsh with `Diagnostic.text`, their English `message` as it always was."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from commonplan.cli.app import main
from commonplan.diagnostics import Diagnostic
from commonplan.language import language
from commonplan.repository import check_repository

from ..conftest import WriteFile

# Feedback on a demo proposal with a section and a group each a letter out, a phone number,
# an answer by a team that is not there, dated before the feedback, which is given in the
# future ("today" is 2026-11-26 in the tests).
FEEDBACK = """\
proposal: carers-breaks
section: why-this-matter
group: carers
stance: support
submitted: 2026-11-30
source:
  kind: github-issue
body: Please ring me on 07700 900123.
response:
  status: accepted
  by: council-adult-cares
  date: 2026-11-20
  text: Thank you.
"""

# A team whose member team is misspelt and whose person has not agreed to be published.
TEAM = """\
name: Station Hill Bench Friends
kind: action-team
groups: [citizen]
description: Neighbours who look after the benches.
members:
  - team: council-adult-cares
    role: lead
  - name: Sam Patel
    group: citizen
"""

FEEDBACK_FILE = "feedback/carers-breaks/carers-breaks-0999.yml"
TEAM_FILE = "teams/bench-friends.yml"

# (path, code): the English message as it always was, words of its Welsh.
EXPECTED = {
    (FEEDBACK_FILE, "unknown-group"): (
        "'carers' is not a stakeholder group; use one of: public-sector, voluntary-org,"
        " community-group, carer, citizen, family (did you mean 'carer'?)",
        "nid yw 'carers' yn grŵp rhanddeiliaid; defnyddiwch un o'r rhain: public-sector,"
        " voluntary-org, community-group, carer, citizen, family (oeddech chi'n golygu"
        " 'carer'?)",
    ),
    (FEEDBACK_FILE, "unknown-section"): (
        "'why-this-matter' is not a section of 'carers-breaks'; its sections are:"
        " why-this-matters, what-carers-told-us, what-we-propose, young-carers,"
        " what-changed-after-we-listened (did you mean 'why-this-matters'?)",
        "nid yw 'why-this-matter' yn adran o 'carers-breaks'; ei adrannau yw:"
        " why-this-matters, what-carers-told-us, what-we-propose, young-carers,"
        " what-changed-after-we-listened (oeddech chi'n golygu 'why-this-matters'?)",
    ),
    (FEEDBACK_FILE, "unknown-team"): (
        "response by 'council-adult-cares' is not a team: no teams/council-adult-cares.yml"
        " (did you mean 'council-adult-care'?)",
        "nid yw awdur yr ymateb 'council-adult-cares' yn dîm: does dim"
        " teams/council-adult-cares.yml (oeddech chi'n golygu 'council-adult-care'?)",
    ),
    (FEEDBACK_FILE, "response-before-submission"): (
        "the response (2026-11-20) is dated before the feedback was given (2026-11-30)",
        "mae'r ymateb (2026-11-20) wedi'i ddyddio cyn i'r adborth gael ei roi (2026-11-30)",
    ),
    (FEEDBACK_FILE, "future-date"): (
        "submitted on 2026-11-30, in the future",
        "wedi'i gyflwyno ar 2026-11-30, yn y dyfodol",
    ),
    (FEEDBACK_FILE, "personal-data"): (
        "'body' contains a phone number; personal details must not be published — remove it"
        " (the repository's history is permanent)",
        "mae 'body' yn cynnwys rhif ffôn; rhaid peidio â chyhoeddi manylion personol — tynnwch"
        " ef (mae hanes yr ystorfa yn barhaol)",
    ),
    (TEAM_FILE, "unknown-team"): (
        "member 'council-adult-cares' is not a team: no teams/council-adult-cares.yml"
        " (did you mean 'council-adult-care'?)",
        "nid yw aelod 'council-adult-cares' yn dîm: does dim teams/council-adult-cares.yml"
        " (oeddech chi'n golygu 'council-adult-care'?)",
    ),
    (TEAM_FILE, "no-consent"): (
        "Sam Patel is listed without 'consent: true'; a person is published only when they"
        " agreed to it — add consent: true once they have, or remove them",
        "mae Sam Patel wedi'i restru heb 'consent: true'; dim ond pan fydd person wedi cytuno"
        " y caiff ei gyhoeddi — ychwanegwch consent: true pan fydd wedi cytuno, neu tynnwch"
        " yr enw",
    ),
}


@pytest.fixture
def broken(demo_copy: Path, write: WriteFile) -> Path:
    write(FEEDBACK_FILE, FEEDBACK)
    write(TEAM_FILE, TEAM)
    return demo_copy


def _found(root: Path) -> dict[tuple[str, str], Diagnostic]:
    found = {}
    for d in check_repository(root).diagnostics:
        if d.path in (FEEDBACK_FILE, TEAM_FILE):
            assert (d.path, d.code) not in found, d
            found[d.path, d.code] = d
    return found


def test_the_checks_say_their_diagnostics_in_welsh_and_keep_their_english(broken: Path) -> None:
    found = _found(broken)
    assert set(EXPECTED) <= set(found)
    welsh = language("cy")
    for key, (english, cymraeg) in EXPECTED.items():
        d = found[key]
        assert d.message == english, key
        assert d.text(welsh) == cymraeg, key
        assert d.text(language("en")) == english, key


def test_a_did_you_mean_and_a_part_of_the_message_are_said_in_the_same_language(
    broken: Path,
) -> None:
    said = _found(broken)[FEEDBACK_FILE, "unknown-group"].text(language("cy"))
    assert "grŵp rhanddeiliaid" in said and "oeddech chi'n golygu 'carer'" in said
    assert "stakeholder group" not in said and "did you mean" not in said
    # A phrase said inside the message ("a phone number") is said in Welsh with it.
    found = _found(broken)[FEEDBACK_FILE, "personal-data"].text(language("cy"))
    assert "rhif ffôn" in found and "phone number" not in found


def test_validate_at_the_command_line_speaks_welsh(broken: Path) -> None:
    done = CliRunner().invoke(main, ["--language", "cy", "validate", str(broken)])
    assert done.exit_code == 1
    assert "nid yw aelod 'council-adult-cares' yn dîm" in done.stdout
    assert "is not a team" not in done.stdout
    english = CliRunner().invoke(main, ["--language", "en", "validate", str(broken)])
    assert "member 'council-adult-cares' is not a team" in english.stdout
