"""Feedback the moderators hid, or its giver withdrew: its words are in no file of the
built site (pages, search index, feed, CSV, JSON), and its place says why in words. Only a
moderating team may hide, and on a pull request only a member of it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from commonplan.repository import check_repository

from .helpers import commit_all, git
from .site_fixtures import build, copy_site_folders

HIDDEN = "feedback/warm-spaces/warm-spaces-0091.yml"
WITHDRAWN = "feedback/warm-spaces/warm-spaces-0092.yml"
NOT_ONE = "not-a-moderator"  # the demo's hidden item, once its moderators are not named
HIDDEN_WORDS = "Zebracrossing insults aimed at the caretaker"
WITHDRAWN_WORDS = "Quillfeather regrets saying this about the hall"
MODERATION = (
    "moderation:\n  status: hidden\n  reason: abusive\n  by: hollowmere-cvs\n  date: 2026-11-22\n"
)


def item(body: str, extra: str = "") -> str:
    return (
        "proposal: warm-spaces\ngroup: citizen\nstance: concern\nsubmitted: 2026-11-20\n"
        f"source:\n  kind: paper\n  recorded_by: warm-spaces-team\nbody: {body}\n{extra}"
    )


@pytest.fixture
def moderated(demo_copy: Path) -> Path:
    (demo_copy / HIDDEN).write_text(item(HIDDEN_WORDS, MODERATION))
    # Its translation holds its words too: they must go with them.
    translated = "translation:\n  language: cy\n  text: Sebragroesfan sarhaus\n"
    (demo_copy / WITHDRAWN).write_text(
        item(WITHDRAWN_WORDS, "withdrawn:\n  date: 2026-11-23\n" + translated)
    )
    copy_site_folders(demo_copy)
    return demo_copy


def test_their_words_are_in_no_file_of_the_site_and_their_place_says_why(
    moderated: Path, tmp_path: Path
) -> None:
    assert check_repository(moderated).diagnostics.ok
    built = build(moderated, tmp_path / "out")
    assert built.returncode == 0, built.log
    files = [p for p in (tmp_path / "out").rglob("*") if p.is_file()]
    published = "".join(p.read_text(encoding="utf-8", errors="replace") for p in files)
    for word in ("Zebracrossing", "caretaker", "Quillfeather", "regrets", "Sebragroesfan"):
        assert word not in published, word
    page = built.html("proposals/warm-spaces/").get_text(" ")
    assert "Hidden by the moderators (It was abusive, 22 November 2026)." in page
    assert "Withdrawn at the request of the person who gave it." in page
    assert (tmp_path / "out" / "search" / "search_index.json").is_file()


def test_only_a_moderating_team_may_hide(demo_copy: Path) -> None:
    by_owners = MODERATION.replace("hollowmere-cvs", "warm-spaces-team")
    (demo_copy / HIDDEN).write_text(item(HIDDEN_WORDS, by_owners))
    [problem] = check_repository(demo_copy).diagnostics.errors
    assert (problem.path, problem.code) == (HIDDEN, "not-a-moderator")
    assert "moderators in mkdocs.yml: hollowmere-cvs" in problem.message.replace("`", "")
    assert (demo_copy / HIDDEN).read_text().splitlines()[problem.line - 1].strip() == (
        "by: warm-spaces-team"
    )


def test_a_moderator_that_is_no_team_is_located_in_mkdocs_yml(demo_copy: Path) -> None:
    config = demo_copy / "mkdocs.yml"
    config.write_text(config.read_text().replace("[hollowmere-cvs]", "[hollowmere-cv]"))
    [problem] = [d for d in check_repository(demo_copy).diagnostics.errors if d.code != NOT_ONE]
    assert (problem.path, problem.code) == ("mkdocs.yml", "unknown-team")
    assert "did you mean 'hollowmere-cvs'" in problem.message
    assert "moderators:" in config.read_text().splitlines()[problem.line - 1]


def test_an_unknown_reason_is_named_with_the_reasons_there_are(demo_copy: Path) -> None:
    (demo_copy / HIDDEN).write_text(item(HIDDEN_WORDS, MODERATION.replace("abusive", "abusve")))
    [problem] = check_repository(demo_copy).diagnostics.errors
    assert problem.code == "bad-value"
    assert "did you mean 'abusive'" in problem.message


def test_on_a_pull_request_only_a_member_of_the_moderating_team_may_hide(
    demo_copy: Path,
) -> None:
    (demo_copy / HIDDEN).write_text(item(HIDDEN_WORDS))
    git(demo_copy, "init", "-q", "-b", "main")
    commit_all(demo_copy, "The base branch", "2026-11-21")
    (demo_copy / HIDDEN).write_text(item(HIDDEN_WORDS, MODERATION))
    forged = check_repository(demo_copy, base="main", author="mallory").diagnostics.errors
    assert [d.code for d in forged] == ["attribution"]
    assert check_repository(demo_copy, base="main", author="hollowmere-cvs").diagnostics.ok


def test_a_withdrawn_item_is_no_voice_heard_and_a_hidden_one_still_counts(
    demo_copy: Path,
) -> None:
    from commonplan.insight import voices, waiting_for_answer

    corpus = check_repository(demo_copy).corpus
    proposal = corpus.proposals["warm-spaces"]
    before = {v.group: v.count for v in voices(corpus, proposal)}
    (demo_copy / HIDDEN).write_text(item(HIDDEN_WORDS, MODERATION))
    (demo_copy / WITHDRAWN).write_text(item(WITHDRAWN_WORDS, "withdrawn:\n  date: 2026-11-23\n"))
    corpus = check_repository(demo_copy).corpus
    after = {v.group: v.count for v in voices(corpus, corpus.proposals["warm-spaces"])}
    assert after["citizen"] == before.get("citizen", 0) + 1  # the hidden one, not both
    waiting = [
        i.id for items in waiting_for_answer(corpus, date(2027, 3, 1)).values() for i, _ in items
    ]
    assert "warm-spaces-0091" not in waiting and "warm-spaces-0092" not in waiting


def test_withdraw_takes_feedback_down_in_one_contiguous_change(demo_copy: Path) -> None:
    from click.testing import CliRunner

    from commonplan.cli.app import main

    path = demo_copy / "feedback/warm-spaces/warm-spaces-0002.yml"
    before = path.read_text()
    outcome = CliRunner().invoke(
        main, ["withdraw", "warm-spaces-0002", "--date", "23/11/2026", "--root", str(demo_copy)]
    )
    assert outcome.exit_code == 0, outcome.output
    after = path.read_text()
    assert after.startswith(before)  # comments and layout kept; one addition at the end
    assert after[len(before) :] == "withdrawn:\n  date: 2026-11-23\n"
    assert check_repository(demo_copy).corpus.feedback["warm-spaces-0002"].taken_down

    unknown = CliRunner().invoke(main, ["withdraw", "warm-spaces-0o02", "--root", str(demo_copy)])
    assert unknown.exit_code == 1
    assert "'warm-spaces-0o02' is not a feedback id" in unknown.output
    assert path.read_text() == after


def test_hide_records_the_moderation_in_one_contiguous_change(demo_copy: Path) -> None:
    from click.testing import CliRunner

    from commonplan.cli.app import main

    path = demo_copy / "feedback/warm-spaces/warm-spaces-0002.yml"
    before = path.read_text()
    root = ["--root", str(demo_copy)]
    refused = [
        (["--reason", "spamm", "--by", "hollowmere-cvs"], "did you mean 'spam'"),
        (["--reason", "spam", "--by", "warm-spaces-team"], "not one of the moderators"),
        (["--reason", "spam", "--by", "hollowmere-cvs", "--note", "call 07700 900123"], "phone"),
    ]
    for options, said in refused:
        outcome = CliRunner().invoke(main, ["hide", "warm-spaces-0002", *options, *root])
        assert outcome.exit_code == 1, outcome.output
        assert said in outcome.output
        assert path.read_text() == before  # nothing written on a refusal

    options = ["--reason", "spam", "--by", "hollowmere-cvs", "--note", "An advert for a loan."]
    outcome = CliRunner().invoke(
        main, ["hide", "warm-spaces-0002", *options, "--date", "2026-11-24", *root]
    )
    assert outcome.exit_code == 0, outcome.output
    after = path.read_text()
    assert after.startswith(before)
    assert after[len(before) :] == (
        "moderation:\n  status: hidden\n  reason: spam\n  by: hollowmere-cvs\n"
        "  date: 2026-11-24\n  note: An advert for a loan.\n"
    )
    moderation = check_repository(demo_copy).corpus.feedback["warm-spaces-0002"].moderation
    assert moderation is not None and moderation.reason == "spam"
