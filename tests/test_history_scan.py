"""`commonplan history-scan` on real git repositories: text taken out of the working tree
two commits ago is still found, in a renamed file too, until the history is rewritten."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner, Result

from commonplan.cli.app import main

from .helpers import commit_all, git

LEAK = "Ring Jane Smith on 07700 900123"
OLD = "feedback/warm-spaces/warm-spaces-0090.yml"
NEW = "feedback/warm-spaces/warm-spaces-0091.yml"


def feedback(body: str) -> str:
    return (
        "proposal: warm-spaces\ngroup: carer\nstance: idea\nsubmitted: 2026-11-20\n"
        f"source:\n  kind: paper\n  recorded_by: warm-spaces-team\nbody: {body}\n"
    )


def scan(root: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["history-scan", *args, "--root", str(root)])


def leaked_then_removed(root: Path) -> Path:
    """Commit 1 writes the words, commit 2 renames the file, commit 3 takes them out."""
    (root / "feedback/warm-spaces").mkdir(parents=True)
    git(root, "init", "-q", "-b", "main")
    (root / OLD).write_text(feedback(f"{LEAK} about the lunch club."))
    commit_all(root, "Feedback from paper", "2026-11-01")
    git(root, "mv", OLD, NEW)
    commit_all(root, "Renumbered", "2026-11-02")
    (root / NEW).write_text(feedback("About the lunch club."))
    commit_all(root, "Took the number out", "2026-11-03")
    return root


def test_text_removed_two_commits_ago_is_found_in_the_renamed_file_too(tmp_path: Path) -> None:
    root = leaked_then_removed(tmp_path)
    assert LEAK not in (root / NEW).read_text()
    found = scan(root, "--text", "jane smith on 07700")
    assert found.exit_code == 1, found.output
    assert f"2026-11-01 {OLD}" in found.output
    assert f"2026-11-02 {NEW}" in found.output
    assert "2026-11-03" not in found.output
    assert "literal:jane smith on 07700==>[removed]" in found.output
    assert "git filter-repo --replace-text expressions.txt" in found.output
    assert "forks and clones" in found.output


def test_personal_data_and_a_feedback_id_are_found_the_same_way(tmp_path: Path) -> None:
    root = leaked_then_removed(tmp_path)
    personal = scan(root, "--personal-data")
    assert personal.exit_code == 1
    assert OLD in personal.output and NEW in personal.output
    assert "07700" not in personal.output  # named by place, never repeated
    by_id = scan(root, "--id", "warm-spaces-0090")
    assert by_id.exit_code == 1
    assert f"git filter-repo --invert-paths --path {OLD}" in by_id.output


def test_once_the_history_is_rewritten_it_is_clean(tmp_path: Path) -> None:
    root = leaked_then_removed(tmp_path)
    # What a rewrite leaves: the same files, in history that never held the words.
    git(root, "checkout", "-q", "--orphan", "rewritten")
    commit_all(root, "The strategy, rewritten", "2026-11-04")
    git(root, "branch", "-D", "main")
    clean = scan(root, "--text", "jane smith on 07700")
    assert clean.exit_code == 0, clean.output
    assert "Not found anywhere in the git history." in clean.output
    assert scan(root, "--personal-data").exit_code == 0


def test_one_question_at_a_time_and_no_history_is_said(tmp_path: Path) -> None:
    assert scan(tmp_path, "--text", "x", "--personal-data").exit_code == 2
    assert scan(tmp_path).exit_code == 2
    outside = scan(tmp_path, "--text", "x")
    assert outside.exit_code == 2
    assert "no git history here" in outside.output


def test_an_ids_words_copied_into_another_file_get_the_replace_text_lines(
    tmp_path: Path,
) -> None:
    root = leaked_then_removed(tmp_path)
    (root / "notes.md").write_text(f"From the paper forms: {LEAK} about the lunch club.\n")
    commit_all(root, "Notes from the meeting", "2026-11-04")
    by_id = scan(root, "--id", "warm-spaces-0090")
    assert by_id.exit_code == 1, by_id.output
    assert f"and, for its words in {NEW}, notes.md:" in by_id.output
    assert f"    literal:{LEAK} about the lunch club.==>[removed]" in by_id.output
    assert "git filter-repo --replace-text expressions.txt" in by_id.output
