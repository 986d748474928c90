"""The issue form and CODEOWNERS are made from the data, read back, and reported when stale."""

from __future__ import annotations

from pathlib import Path

import yaml
from click.testing import CliRunner

from commonplan.cli.app import main
from commonplan.config import load_settings
from commonplan.github.form import read_issue_form
from commonplan.repository import check_repository
from commonplan.urls import new_issue_url
from commonplan.vocabulary import STANCE

from .conftest import ROOT

FORM = ".github/ISSUE_TEMPLATE/feedback.yml"


def _stale(root: Path) -> list[str]:
    return [
        f"{d.path} {d.severity}"
        for d in check_repository(root).diagnostics
        if d.code == "out-of-date"
    ]


def test_the_form_asks_for_the_feedback_fields_with_the_configured_choices() -> None:
    form = yaml.safe_load((ROOT / FORM).read_text(encoding="utf-8"))
    questions = {item["id"]: item for item in form["body"] if "id" in item}
    assert list(questions) == ["proposal", "section", "group", "stance", "body", "from", "consent"]
    settings = load_settings(ROOT)
    assert questions["group"]["attributes"]["options"] == list(settings.groups.values())
    assert len(questions["stance"]["attributes"]["options"]) == len(STANCE.terms)
    # Query parameters prefill text inputs: the site's links fill in proposal and section.
    assert questions["proposal"]["type"] == "input"
    assert questions["section"]["type"] == "input"
    assert form["labels"] == ["feedback"]
    intro = form["body"][0]["attributes"]["value"]
    assert "`warm-spaces`: Warm, welcoming spaces" in intro


def test_an_issue_written_with_the_committed_form_reads_back_into_feedback_fields() -> None:
    """Render the committed form the way GitHub does, choosing the last option of each."""
    form = yaml.safe_load((ROOT / FORM).read_text(encoding="utf-8"))
    answers = {"proposal": "getting-about", "section": "", "body": "Buses\n\n### not a question"}
    parts = []
    for item in form["body"]:
        if item["type"] == "markdown":
            continue
        attributes = item["attributes"]
        if item["type"] == "dropdown":
            text = attributes["options"][-1]
        elif item["type"] == "checkboxes":
            text = "\n".join(f"- [X] {o['label']}" for o in attributes["options"])
        else:
            text = answers.get(item["id"]) or "_No response_"
        parts.append(f"### {attributes['label']}\n\n{text}")

    read = read_issue_form("\n\n".join(parts), load_settings(ROOT))

    assert read.fields == {
        "proposal": "getting-about",
        "group": "family",
        "stance": "experience",
        "body": "Buses\n\n### not a question",
    }
    assert read.consent and read.missing == [] and read.unknown == []


def test_the_committed_files_match_the_demo() -> None:
    assert _stale(ROOT) == []


def test_validate_reports_a_stale_form_and_codeowners(demo_copy: Path) -> None:
    root = demo_copy
    team = root / "teams" / "warm-spaces-team.yml"
    team.write_text(
        team.read_text(encoding="utf-8").replace("warm-spaces-hollowmere", "warm-spaces-new"),
        encoding="utf-8",
    )
    proposal = root / "proposals" / "getting-about.md"
    proposal.write_text(
        proposal.read_text(encoding="utf-8").replace(
            'title: "Getting about', 'title: "Getting around'
        ),
        encoding="utf-8",
    )

    # Every language's form lists the plans' titles.
    welsh = FORM.replace(".yml", ".cy.yml")
    assert _stale(root) == [".github/CODEOWNERS error", f"{welsh} error", f"{FORM} error"]
    outcome = CliRunner().invoke(main, ["validate", str(root)])
    assert outcome.exit_code == 1
    assert "run `commonplan codeowners` and commit it" in outcome.output

    runner = CliRunner()
    assert runner.invoke(main, ["forms", "--root", str(root)]).exit_code == 0
    assert runner.invoke(main, ["codeowners", "--root", str(root)]).exit_code == 0
    assert _stale(root) == []
    owners = (root / ".github" / "CODEOWNERS").read_text(encoding="utf-8")
    assert "/proposals/warm-spaces.md @warm-spaces-new\n" in owners
    assert "/teams/warm-spaces-team.yml @warm-spaces-new\n" in owners
    assert "Getting around" in (root / FORM).read_text(encoding="utf-8")


def test_codeowners_gives_each_proposal_and_its_feedback_its_owner() -> None:
    lines = (ROOT / ".github" / "CODEOWNERS").read_text(encoding="utf-8").split("\n")
    rules = [line.split() for line in lines if line and not line.startswith("#")]
    assert rules[0] == ["/feedback/"]
    owners = {rule[0]: rule[1:] for rule in rules}
    assert owners["/proposals/carers-breaks.md"] == ["@hbc-adultcare", "@hbc-commissioning"]
    assert owners["/teams/dale-community-transport.yml"] == ["@dale-ct"]
    assert owners["/feedback/carers-breaks/"] == ["@hbc-adultcare", "@hbc-commissioning"]
    assert "/feedback/young-carers-school/" not in owners
    assert "/proposals/young-carers-school.md" not in owners  # its team lists no handles


def test_the_generators_refuse_data_with_errors(demo_copy: Path) -> None:
    (demo_copy / "teams" / "broken.yml").write_text("name: [unclosed\n", encoding="utf-8")
    before = (demo_copy / FORM).read_bytes()
    outcome = CliRunner().invoke(main, ["forms", "--root", str(demo_copy)])
    assert outcome.exit_code == 1
    assert "teams/broken.yml:1:7: error [yaml-syntax]" in outcome.output
    assert (demo_copy / FORM).read_bytes() == before


def test_have_your_say_links_prefill_proposal_and_section() -> None:
    url = new_issue_url("hollowmere-together/strategy", "warm-spaces", "what-we-propose")
    assert url == (
        "https://github.com/hollowmere-together/strategy/issues/new"
        "?template=feedback.yml&proposal=warm-spaces&section=what-we-propose"
    )


def test_the_links_query_keys_are_the_forms_question_ids(demo_copy: Path) -> None:
    """GitHub prefills a form field from the query key equal to its id: the link and the
    form must agree, or the proposal comes up empty."""
    from urllib.parse import parse_qs, urlsplit

    from commonplan.github.form import PROPOSAL, SECTION, form_document

    url = new_issue_url("o/r", "warm-spaces", "what-we-propose")
    query = parse_qs(urlsplit(url).query)
    ids = {
        element.get("id") for element in form_document(check_repository(demo_copy).corpus)["body"]
    }
    assert {PROPOSAL.id, SECTION.id} <= ids
    assert query[PROPOSAL.id] == ["warm-spaces"] and query[SECTION.id] == ["what-we-propose"]
    assert query["template"] == [FORM.rsplit("/", 1)[1]]


def test_a_repository_without_the_issue_form_is_told_where_the_links_come_from(
    demo_copy: Path,
) -> None:
    (demo_copy / FORM).unlink()
    found = check_repository(demo_copy).diagnostics
    [missing] = [d for d in found if d.code == "missing-generated"]
    config = (demo_copy / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    assert missing.path == "mkdocs.yml"
    assert config[missing.line - 1].strip().startswith("repo:")
    assert missing.severity == "error"
    assert '"have your say" links open .github/ISSUE_TEMPLATE/feedback.yml' in missing.message
    assert "run `commonplan forms`" in missing.message
    outcome = CliRunner().invoke(main, ["forms", "--root", str(demo_copy)])
    assert outcome.exit_code == 0, outcome.output  # the fix it names works
    assert check_repository(demo_copy).diagnostics.ok


def test_without_a_repository_no_issue_form_is_needed(demo_copy: Path) -> None:
    config = demo_copy / "mkdocs.yml"
    config.write_text(
        "\n".join(
            line
            for line in config.read_text(encoding="utf-8").splitlines()
            if not line.strip().startswith(("repo:", "repo_url:", "repo_name:", "edit_uri:"))
        )
        + "\n",
        encoding="utf-8",
    )
    (demo_copy / FORM).unlink()
    assert not [d for d in check_repository(demo_copy).diagnostics if d.code == "missing-generated"]
