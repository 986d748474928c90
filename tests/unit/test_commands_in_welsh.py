"""The commands speak to the organiser in their language: `--language cy` (before the command's
name) says every result, note and refusal in Welsh, and without it the words are the English
they always were."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner, Result

from commonplan.cli.app import main
from commonplan.github.retry import PRIMARY, RetryPolicy
from commonplan.github.setup import SetupReport
from commonplan.github.summary import Summary
from commonplan.language import language, say, verbatim

from ..fakegithub import FakeGitHub
from ..githubloop import REPO, form_body, github

__all__ = ["github"]  # the fixture, used by name

WELSH = language("cy")
# No language from the environment: without --language the command speaks English.
ENGLISH_ENVIRONMENT: dict[str, str | None] = {
    "COMMONPLAN_LANGUAGE": None,
    "LANGUAGE": None,
    "LC_ALL": None,
    "LC_MESSAGES": None,
    "LANG": "C.UTF-8",
    "GITHUB_TOKEN": None,
}


def run(*args: str, env: dict[str, str | None] | None = None) -> Result:
    return CliRunner().invoke(main, list(args), env={**ENGLISH_ENVIRONMENT, **(env or {})})


def welsh(*args: str, env: dict[str, str | None] | None = None) -> Result:
    return run("--language", "cy", *args, env=env)


NEW_TEAM = ("new", "team", "young-voices", "--name", "Young Voices", "--kind", "organisation")


def test_a_new_team_is_created_in_welsh_and_in_english_as_before(demo_copy: Path) -> None:
    done = welsh(*NEW_TEAM, "--group", "carer", "--root", str(demo_copy))
    assert done.exit_code == 0, done.output
    assert "Crëwyd teams/young-voices.yml\n" in done.output
    assert "teams/young-voices.yml:5:14: nodyn: " in done.output  # the starter description
    assert "Diweddarwyd " in done.output  # the issue form names the new team
    assert "Created" not in done.output and "Updated" not in done.output
    assert "note:" not in done.output

    again = run(
        "new", "team", "older-voices", *NEW_TEAM[3:], "--group", "carer", "--root", str(demo_copy)
    )
    assert again.exit_code == 0, again.output
    assert again.output.startswith(
        "teams/older-voices.yml:5:14: note: 'description' still holds the words the starter"
        " file gave it; write your own, since they are published as they are\n"
        "Created teams/older-voices.yml\n"
    )


def test_a_refusal_is_an_error_in_welsh_with_its_hint(demo_copy: Path) -> None:
    args = ("respond", "warm-spaces-00001", "--status", "accepted", "--text", "Done.")
    refused = welsh(*args, "--root", str(demo_copy))
    assert refused.exit_code == 1
    assert "Error: nid yw 'warm-spaces-00001' yn ddynodydd adborth" in refused.output
    assert "(oeddech chi'n golygu 'warm-spaces-0001'?)" in refused.output
    assert "is not a feedback id" not in refused.output

    english = run(*args, "--root", str(demo_copy))
    assert english.exit_code == 1
    assert (
        "Error: 'warm-spaces-00001' is not a feedback id (did you mean 'warm-spaces-0001'?)"
        in english.output
    )


def test_an_edit_that_would_not_validate_is_refused_with_its_problem_in_welsh(
    demo_copy: Path,
) -> None:
    args = ("respond", "warm-spaces-0001", "--status", "accepted", "--text", "Done.")
    rel = "feedback/warm-spaces/warm-spaces-0001.yml"
    before = (demo_copy / rel).read_text(encoding="utf-8")
    refused = welsh(*args, "--revision", "99", "--root", str(demo_copy))
    assert refused.exit_code == 1
    assert refused.output.splitlines()[-1] == (
        f"Error: ni fyddai {rel} yn ddilys, felly ni ysgrifennwyd dim"
    )
    assert f"{rel}:20:13: " in refused.output and "has no revision" not in refused.output
    english = run(*args, "--revision", "99", "--root", str(demo_copy))
    assert english.output.splitlines() == [
        f"{rel}:20:13: 'warm-spaces' has no revision 99 (revisions: none yet)",
        f"Error: {rel} would not be valid, so nothing was written",
    ]
    assert (demo_copy / rel).read_text(encoding="utf-8") == before


def test_a_team_that_does_not_exist_is_refused_in_welsh(demo_copy: Path) -> None:
    args = ("new", "proposal", "bus-passes", "--title", "Bus passes", "--owner", "nobody-here")
    refused = welsh(*args, "--root", str(demo_copy))
    assert refused.exit_code == 1
    assert "nid yw --owner 'nobody-here' yn dîm" in refused.output
    assert "is not a team" not in refused.output
    assert not (demo_copy / "proposals/bus-passes.md").exists()


INIT_BAD = ("--name", " ", "--repo", "not a repo", "--email", "nobody", "--group", "Bad=Carers")


def test_init_refuses_bad_options_in_welsh_and_writes_nothing(tmp_path: Path) -> None:
    target = tmp_path / "ours"
    refused = welsh("init", str(target), *INIT_BAD)
    assert refused.exit_code == 1
    output = refused.output
    assert "mae --name yn wag: rhowch enw'r strategaeth" in output
    assert "nid yw --repo 'not a repo' yn ystorfa GitHub; ysgrifennwch OWNER/NAME" in output
    assert "nid yw --email 'nobody' yn gyfeiriad e-bost" in output
    assert "nid yw dynodydd y grŵp 'Bad' yn ddynodydd" in output
    assert "Error: ni ysgrifennwyd dim" in output
    assert "nothing was written" not in output and "is not a GitHub repository" not in output
    assert not target.exists()


def test_init_refuses_bad_options_in_english_as_before(tmp_path: Path) -> None:
    refused = run("init", str(tmp_path / "ours"), *INIT_BAD)
    assert refused.exit_code == 1
    assert refused.output.splitlines() == [
        "--name is empty: give the strategy's name, as people know it",
        "--repo 'not a repo' is not a GitHub repository; write OWNER/NAME",
        "--email 'nobody' is not an e-mail address",
        "group id 'Bad' is not an id: lowercase letters, digits and '-'",
        "Error: nothing was written",
    ]


def test_an_option_click_refuses_is_explained_in_welsh(tmp_path: Path) -> None:
    refused = welsh("init", str(tmp_path / "ours"), "--group", "carers")
    assert refused.exit_code == 2
    assert "disgwylid ID=LABEL, er enghraifft carer=Carers, ond cafwyd 'carers'" in refused.output


def test_init_then_upgrade_speak_welsh(tmp_path: Path) -> None:
    target = tmp_path / "ours"
    options = ("--name", "Ein Strategaeth", "--repo", "ein-cyngor/strategaeth")
    started = welsh("init", str(target), *options)
    assert started.exit_code == 0, started.output
    assert "ffeil i " in started.output and "Nesaf, yn y ffolder honno:" in started.output
    assert "Wrote" not in started.output
    checked = welsh("upgrade", "--check", "--root", str(target))
    assert checked.exit_code == 0, checked.output
    assert checked.output == "Mae ffeiliau'r platfform yn gyfredol.\n"
    assert run("upgrade", "--check", "--root", str(target)).output == (
        "The platform's files are up to date.\n"
    )
    both = welsh("upgrade", "--check", "--keep", "README.md", "--root", str(target))
    assert both.exit_code == 1
    assert "--keep README.md: nid yw'n un o ffeiliau'r platfform" in both.output


def test_history_scan_says_there_is_no_history_in_welsh(tmp_path: Path) -> None:
    nowhere = welsh("history-scan", "--text", "x", "--root", str(tmp_path))
    assert nowhere.exit_code == 2
    assert (
        nowhere.output
        == f"{tmp_path}: dim hanes git yma (nid yw'n ystorfa git, neu mae git ar goll)\n"
    )
    usage = welsh("history-scan", "--root", str(tmp_path))
    assert usage.exit_code == 2
    assert "rhowch un o --text, --id neu --personal-data" in usage.output
    english = run("history-scan", "--text", "x", "--root", str(tmp_path))
    assert english.output == (
        f"{tmp_path}: no git history here (not a git repository, or git is missing)\n"
    )


def test_the_github_loop_without_a_token_says_so_in_welsh(demo_copy: Path) -> None:
    refused = welsh("ingest", "--root", str(demo_copy), "--repo", REPO)
    assert refused.exit_code == 1
    assert "Error: gosodwch GITHUB_TOKEN i docyn sy'n cael ysgrifennu i'r ystorfa" in refused.output
    english = run("setup-github", "--root", str(demo_copy), "--repo", REPO)
    assert "Error: set GITHUB_TOKEN to a token with admin rights on the repository" in (
        english.output
    )


def test_ingest_says_its_progress_and_summary_in_welsh(
    github: tuple[FakeGitHub, str], demo_copy: Path
) -> None:
    fake, url = github
    good = fake.add_issue(form_body(), author="a-resident", title="Late opening")
    lacking = fake.add_issue(form_body(group=""), author="a-carer", title="No group")
    token = {"GITHUB_TOKEN": "test-token"}
    args = ("ingest", "--root", str(demo_copy), "--repo", REPO, "--api-url", url)
    outcome = welsh(*args, env=token)
    assert outcome.exit_code == 0, outcome.output
    lines = outcome.output.splitlines()
    assert f"mater #{lacking}: angen mwy o wybodaeth (1 problem)" in lines
    recorded = f"feedback/warm-spaces/warm-spaces-issue-{good}.yml"
    assert f"mater #{good}: wedi'i gofnodi fel {recorded}" in lines
    assert lines[-1] == "cofnodwyd 1, angen gwybodaeth 1, hepgorwyd 0, methodd 0"
    again = run(*args, env=token)
    assert again.output.splitlines()[-1] == "recorded 0, needs-info 1, skipped 1, failed 0"
    assert f"issue #{lacking}: still needs more information (not edited since)" in again.output


def test_a_summary_and_a_setup_report_are_said_in_welsh() -> None:
    summary = Summary(kinds=("answered", "refused", "failed"))
    summary.fail(say("{name}: {error}", name=say("issue #{number}", number=4), error="boom"))
    summary.answered.append("issue #5")
    assert summary.failed == ["issue #4: boom"]
    assert summary.text() == "answered 1, refused 0, failed 1\nfailed: issue #4: boom"
    assert summary.text(WELSH) == "atebwyd 1, gwrthodwyd 0, methodd 1\nmethodd: mater #4: boom"
    report = SetupReport("ein-cyngor/strategaeth", check=False)
    assert report.text(WELSH) == "Mae popeth yn ei le ar ein-cyngor/strategaeth."
    assert report.text() == "Everything is in place on ein-cyngor/strategaeth."


def test_a_rate_limit_that_stops_a_request_is_said_in_welsh() -> None:
    policy = RetryPolicy(attempts=2, now=lambda: 1_000.0)
    headers = {"x-ratelimit-remaining": "0", "x-ratelimit-reset": "1060"}
    what, problem = say("read issue #{number}", number=7), verbatim("GitHub answered 403")
    failure = policy.failure(what, problem, 403, headers, 2, "API rate limit exceeded")
    assert str(failure) == (
        "read issue #7: GitHub answered 403 after 2 attempts; GitHub's primary rate limit did"
        " not clear: the next run resumes from here"
    )
    assert failure.in_language(WELSH) == (
        "darllen mater #7: GitHub answered 403 ar ôl 2 ymgais; ni chliriodd terfyn cyfradd"
        " cynradd GitHub: bydd y rhediad nesaf yn ailddechrau o'r fan hon"
    )
    assert policy.held is not None and policy.held[0] == PRIMARY
    held = policy.holding()
    assert held is not None and held.in_language(WELSH).startswith("heb ei anfon: mae terfyn")
