"""Review comments on lines of a proposal become feedback on the section holding the line."""

from __future__ import annotations

from pathlib import Path

import yaml

from .fakegithub import FakeGitHub
from .githubloop import cli_ingest, github

__all__ = ["github"]

Fake = tuple[FakeGitHub, str]
PROPOSAL = "proposals/warm-spaces.md"


def _open_draft_change(fake: FakeGitHub) -> int:
    """A pull request that adds a line under "Where the spaces are" (so lines move) and a
    new heading at the end, as an owner revising the draft would."""
    files = dict(fake.files("main"))
    lines = files[PROPOSAL].split("\n")
    where = lines.index("## Where the spaces are")
    lines[where + 2 : where + 2] = ["- Hollowmere library: Saturday morning"]
    lines += ["", "## Getting there", "", "Lifts from Dale Community Transport."]
    files[PROPOSAL] = "\n".join(lines)
    return fake.add_pull("revise-warm-spaces", files, author="warm-spaces-hollowmere")


def _line_of(fake: FakeGitHub, pull: int, text: str) -> int:
    head = fake.files(fake.pulls[pull]["head"])[PROPOSAL].split("\n")
    return head.index(text) + 1


def _written(fake: FakeGitHub, comment_id: int) -> dict[str, object]:
    rel = f"feedback/warm-spaces/warm-spaces-review-{comment_id}.yml"
    loaded: dict[str, object] = yaml.safe_load(fake.files(f"feedback/review-{comment_id}")[rel])
    return loaded


def test_a_team_members_review_comment_is_recorded_on_its_section(
    github: Fake, demo_copy: Path
) -> None:
    fake, url = github
    pull = _open_draft_change(fake)
    line = _line_of(fake, pull, "- Upper Dale village hall: Wednesday")
    comment = fake.add_review_comment(
        pull, PROPOSAL, line, "Stance: concern\nWednesday clashes with market day.", "dale-ct"
    )

    outcome = cli_ingest(demo_copy, url)

    assert outcome.exit_code == 0, outcome.output
    assert "recorded 1" in outcome.output
    written = _written(fake, comment)
    assert written["section"] == "where-the-spaces-are"
    assert written["from"] == "dale-community-transport"
    assert written["stance"] == "concern"
    assert written["body"] == "Wednesday clashes with market day.\n"
    assert written["source"] == {
        "kind": "review-comment",
        "ref": f"{fake.host}/{fake.repo}/pull/{pull}#discussion_r{comment}",
    }
    replies = [c for c in fake.review_comments[pull] if c.get("in_reply_to_id") == comment]
    assert len(replies) == 1
    assert "written down" in replies[0]["body"]

    writes = len(fake.writes())
    again = cli_ingest(demo_copy, url)
    assert "recorded 0, needs-info 0, skipped 1, failed 0" in again.output
    assert len(fake.writes()) == writes


def test_the_section_is_found_in_the_head_version_of_the_file(
    github: Fake, demo_copy: Path
) -> None:
    fake, url = github
    pull = _open_draft_change(fake)
    # The added line pushes "What we need from you" down by one: the base file's line
    # numbers would name the wrong section.
    heading = _line_of(fake, pull, "## What we need from you")
    first = fake.add_review_comment(pull, PROPOSAL, heading - 1, "Group: Carers\nGood.", "x1")
    second = fake.add_review_comment(pull, PROPOSAL, heading + 2, "Group: carer\nYes.", "x2")
    new = _line_of(fake, pull, "Lifts from Dale Community Transport.")
    third = fake.add_review_comment(pull, PROPOSAL, new, "Group: citizen\nThanks.", "x3")
    front = fake.add_review_comment(pull, PROPOSAL, 3, "Group: family\nNice title.", "x4")

    assert cli_ingest(demo_copy, url).exit_code == 0

    assert _written(fake, first)["section"] == "where-the-spaces-are"
    assert _written(fake, second)["section"] == "what-we-need-from-you"
    assert "section" not in _written(fake, third)  # not on the published proposal yet
    assert "section" not in _written(fake, front)
    assert _written(fake, first)["stance"] == "idea"
    assert _written(fake, first)["group"] == "carer"


def test_a_comment_without_a_group_gets_one_reply_saying_what_to_add(
    github: Fake, demo_copy: Path
) -> None:
    fake, url = github
    pull = _open_draft_change(fake)
    comment = fake.add_review_comment(pull, PROPOSAL, 62, "Is it step free?", "a-resident")

    outcome = cli_ingest(demo_copy, url)
    again = cli_ingest(demo_copy, url)

    assert "recorded 0, needs-info 1" in outcome.output
    assert "recorded 0, needs-info 1" in again.output
    replies = [c for c in fake.review_comments[pull] if c.get("in_reply_to_id") == comment]
    assert len(replies) == 1
    assert "please add a line 'Group: ...'" in replies[0]["body"]
    assert not any(b.startswith("feedback/review-") for b in fake.refs)

    fake.review_comments[pull][0]["body"] = "Group: citizen\nIs it step free?"
    assert "recorded 1" in cli_ingest(demo_copy, url).output


def test_comments_on_other_files_are_left_alone(github: Fake, demo_copy: Path) -> None:
    fake, url = github
    pull = _open_draft_change(fake)
    fake.add_review_comment(pull, "teams/warm-spaces-team.yml", 2, "Typo", "x1")
    outcome = cli_ingest(demo_copy, url)
    assert "recorded 0, needs-info 0, skipped 0, failed 0" in outcome.output


def test_only_leading_lines_say_group_and_stance(github: Fake, demo_copy: Path) -> None:
    fake, url = github
    pull = _open_draft_change(fake)
    body = "Group: Families and neighbours\n\nStance: question\nIs it open late?\nGroup: none"
    comment = fake.add_review_comment(pull, PROPOSAL, 50, body, "a-resident")
    bad = fake.add_review_comment(pull, PROPOSAL, 50, "Group: carer\nStance: angry\nNo.", "b")

    outcome = cli_ingest(demo_copy, url)

    assert "recorded 1, needs-info 1" in outcome.output
    written = _written(fake, comment)
    assert (written["group"], written["stance"]) == ("family", "question")
    assert written["body"] == "Is it open late?\nGroup: none\n"
    [reply] = [c for c in fake.review_comments[pull] if c.get("in_reply_to_id") == bad]
    assert "'Stance: angry' must be one of: support, concern" in reply["body"]


def test_pull_requests_from_forks_with_the_same_branch_name_are_all_read(
    github: Fake, demo_copy: Path
) -> None:
    """Two forks both propose from "patch-1": each one's review comment is recorded."""
    fake, url = github
    files = dict(fake.files("main"))
    first = fake.add_pull("patch-1", files, author="resident-one", fork="resident-one")
    second = fake.add_pull("patch-1", files, author="resident-two", fork="resident-two")
    line = files[PROPOSAL].split("\n").index("## Where the spaces are") + 3
    comments = [
        fake.add_review_comment(pull, PROPOSAL, line, f"Group: citizen\nStance: idea\n{text}", who)
        for pull, text, who in (
            (first, "A space at the fire station?", "dale-ct"),
            (second, "The church hall on Tuesdays?", "dale-ct"),
        )
    ]
    outcome = cli_ingest(demo_copy, url)
    assert outcome.exit_code == 0, outcome.output
    assert "recorded 2" in outcome.output
    assert [_written(fake, c)["body"] for c in comments] == [
        "A space at the fire station?\n",
        "The church hall on Tuesdays?\n",
    ]


def test_a_forks_branch_named_like_ours_is_never_taken_for_ours(
    github: Fake, demo_copy: Path
) -> None:
    """A fork's pull request from "feedback/issue-N" must not stand in for the feedback of
    issue N: ingest makes its own branch and pull request and links that one."""
    from .githubloop import form_body

    fake, url = github
    number = fake.add_issue(form_body(), author="a-resident")
    impostor = fake.add_pull(
        f"feedback/issue-{number}", dict(fake.files("main")), author="someone", fork="someone"
    )
    outcome = cli_ingest(demo_copy, url)
    assert outcome.exit_code == 0, outcome.output
    ours = [n for n, p in fake.pulls.items() if n != impostor and p["state"] == "open"]
    assert len(ours) == 1
    recorded = fake.comment_bodies(number)[-1]
    assert f"/pull/{ours[0]}" in recorded and f"/pull/{impostor})" not in recorded
    rel = f"feedback/warm-spaces/warm-spaces-issue-{number}.yml"
    assert rel in fake.files(f"feedback/issue-{number}")


def test_a_marker_written_by_someone_else_does_not_stop_feedback_being_recorded(
    github: Fake, demo_copy: Path
) -> None:
    """Anyone can type the bot's hidden marker; only the bot's own replies count."""
    fake, url = github
    pull = _open_draft_change(fake)
    line = _line_of(fake, pull, "- Upper Dale village hall: Wednesday")
    comment = fake.add_review_comment(
        pull, PROPOSAL, line, "Stance: concern\nWednesday clashes with market day.", "dale-ct"
    )
    fake.review_comments[pull].append(
        {
            "id": 999_001,
            "path": PROPOSAL,
            "line": line,
            "user": "a-troll",
            "body": "<!-- commonplan:recorded -->",
            "in_reply_to_id": comment,
        }
    )
    outcome = cli_ingest(demo_copy, url)
    assert "recorded 1" in outcome.output, outcome.output
    assert _written(fake, comment)["stance"] == "concern"
