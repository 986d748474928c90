"""The moderators' guide stays true: on the demo's site it quotes the demo's own moderators,
feedback and repository, the other guides link to it, and its commands run as written; a
new strategy's guide names that strategy's team, and the erasure command it quotes is the
one `history-scan` prints there."""

from __future__ import annotations

import re
import shlex
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup, Tag
from click.testing import CliRunner

from commonplan.cli.app import main
from commonplan.config import DEFAULT_MODERATION_REASONS, load_settings
from commonplan.instance.manifest import read_manifest
from commonplan.language import ENGLISH
from commonplan.repository import check_repository
from commonplan.site.render.taken_down import in_its_place

from .helpers import commit_all, git
from .site_fixtures import ROOT, Built

GUIDE = "site/moderators.md"
# Fenced blocks, in a list item (indented) too.
FENCE = re.compile(r"^( *)```(\w*)\n(.*?)^\1```", re.MULTILINE | re.DOTALL)
EXAMPLES = read_manifest(ROOT).examples
FEEDBACK = EXAMPLES["example_feedback"]
MODERATOR = EXAMPLES["example_moderator"]


def quoted(root: Path, program: str = "commonplan") -> list[list[str]]:
    """Each command line of the guide's `sh` blocks that runs ``program``, as its words."""
    text = (root / GUIDE).read_text(encoding="utf-8")
    return [
        shlex.split(line.strip())
        for _, language, block in FENCE.findall(text)
        if language == "sh"
        for line in block.splitlines()
        if line.strip().startswith(f"{program} ")
    ]


def article(built: Built, page: str) -> Tag:
    found = built.html(page).find("article")
    assert isinstance(found, Tag), page
    return found


def code_of(tag: Tag) -> str:
    return "\n".join(block.get_text() for block in tag.select("pre code"))


def test_the_demos_examples_are_real() -> None:
    settings = load_settings(ROOT)
    corpus = check_repository(ROOT).corpus
    assert MODERATOR in settings.moderators
    assert MODERATOR in corpus.teams
    assert FEEDBACK in corpus.feedback
    assert corpus.feedback[FEEDBACK].proposal == EXAMPLES["example_proposal"]


def test_the_page_quotes_the_commands_with_the_demos_ids(demo_site: Built) -> None:
    page = article(demo_site, "moderators/")
    title = page.find("h1")
    assert isinstance(title, Tag) and title.get_text(strip=True).startswith(
        "A guide for moderators"
    )
    code = code_of(page)
    feedback = corpus_path(FEEDBACK)
    for line in (
        f"commonplan hide {FEEDBACK} --reason abusive --by {MODERATOR}",
        f"commonplan withdraw {FEEDBACK}",
        f"commonplan history-scan --id {FEEDBACK}",
        f"git filter-repo --invert-paths --path {feedback}",
        "git clone https://github.com/hollowmere-together/strategy.git erasing",
        "git remote add origin https://github.com/hollowmere-together/strategy.git",
        "git push --force --all && git push --force --tags",
        f"moderators: [{MODERATOR}]",
        "moderation_reasons:",
    ):
        assert line in code, line
    words = " ".join(page.get_text(" ").split())
    withdrawn = ENGLISH("Withdrawn at the request of the person who gave it.")
    assert f'"{withdrawn}"' in words  # as the site says it
    assert "have-your-say@hollowmere.example.org" in words  # reports by e-mail, configured
    for reason, label in DEFAULT_MODERATION_REASONS.items():
        row = page.find("td", string=reason)
        assert isinstance(row, Tag), reason
        assert row.find_next_sibling("td").get_text(strip=True) == label  # type: ignore[union-attr]


def corpus_path(feedback_id: str) -> str:
    return check_repository(ROOT).corpus.feedback[feedback_id].path


def resolves(built: Built, page: str, href: str) -> bool:
    """A relative link of a built page lands on a page of the site (and its heading)."""
    parts = urlsplit(href)
    target = (built.out / page / parts.path).resolve()
    if target.is_dir():
        target = target / "index.html"
    if not target.is_file():
        return False
    if not parts.fragment:
        return True
    soup = BeautifulSoup(target.read_text(encoding="utf-8"), "html.parser")
    return soup.find(id=parts.fragment) is not None


@pytest.mark.parametrize("page", ["organisers/", "facilitators/"])
def test_the_other_guides_link_to_it(demo_site: Built, page: str) -> None:
    links = [
        str(a["href"])
        for a in article(demo_site, page).find_all("a", href=True)
        if "guide for moderators" in a.get_text()
    ]
    assert links, page
    for href in links:
        assert resolves(demo_site, page, href), href
        assert (demo_site.out / page / href).resolve() == demo_site.out / "moderators"


def test_every_link_of_the_page_resolves(demo_site: Built) -> None:
    hrefs = [str(a["href"]) for a in article(demo_site, "moderators/").find_all("a", href=True)]
    own = [h for h in hrefs if not urlsplit(h).scheme and not h.startswith("mailto:")]
    assert "#what-the-history-means" in own
    assert {"../organisers/", "../facilitators/"} <= set(own)
    for href in own:
        assert resolves(demo_site, "moderators/", href), href


def test_the_demos_commands_run_as_written(demo_copy: Path) -> None:
    commands = quoted(ROOT)
    assert [args[1] for args in commands] == ["hide", "withdraw", "history-scan"]
    guide = " ".join((ROOT / GUIDE).read_text(encoding="utf-8").split())
    hide, withdraw, _ = commands  # history-scan needs the history: see below
    hidden = CliRunner().invoke(main, [*hide[1:], "--root", str(demo_copy)])
    assert hidden.exit_code == 0, hidden.output
    corpus = check_repository(demo_copy).corpus
    item = corpus.feedback[FEEDBACK]
    assert item.moderation is not None and item.moderation.by == MODERATOR
    assert item.moderation.note and item.moderation.note in guide
    without_note = item.model_copy(
        update={"moderation": item.moderation.model_copy(update={"note": None})}
    )
    said = in_its_place(without_note, corpus, ENGLISH)  # what the site says: the guide quotes it
    assert f'"{said}" and the note' in guide, said
    withdrawn = CliRunner().invoke(main, [*withdraw[1:], "--root", str(demo_copy)])
    assert withdrawn.exit_code == 0, withdrawn.output
    assert check_repository(demo_copy).corpus.feedback[FEEDBACK].withdrawn is not None


@pytest.fixture
def strategy(tmp_path: Path) -> Path:
    root = tmp_path / "ours"
    started = CliRunner().invoke(
        main,
        [
            *("init", str(root), "--name", "Kettlebridge Food and Warmth"),
            *("--repo", "kfw/strategy", "--group", "tenant=Tenants"),
        ],
    )
    assert started.exit_code == 0, started.output
    return root


def test_a_new_strategys_guide_names_its_own_team(strategy: Path) -> None:
    text = (strategy / GUIDE).read_text(encoding="utf-8")
    assert (
        "commonplan hide first-plan-0001 --reason abusive --by kettlebridge-food-and-warmth" in text
    )
    assert "moderators: [kettlebridge-food-and-warmth]" in text
    assert "teams/kettlebridge-food-and-warmth.yml" in text
    assert "https://github.com/kfw/strategy.git" in text
    assert not re.search(r"hollowmere|warm-spaces|cvs|carer", text, re.IGNORECASE)
    assert "e-mail link" not in text  # no address given: no e-mail route for reports
    assert load_settings(strategy).moderators == ["kettlebridge-food-and-warmth"]


def test_in_a_new_strategy_the_commands_run_and_history_scan_prints_the_guides(
    strategy: Path,
) -> None:
    recorded = CliRunner().invoke(
        main,
        [
            *("new", "feedback", "--proposal", "first-plan", "--group", "tenant"),
            *("--stance", "question", "--text", "Is it open on Sundays?", "--source", "phone"),
            *("--recorded-by", "kettlebridge-food-and-warmth", "--root", str(strategy)),
        ],
    )
    assert recorded.exit_code == 0, recorded.output
    git(strategy, "init", "-q", "-b", "main")
    commit_all(strategy, "Feedback from a phone call", "2026-11-20")
    hide, withdraw, scan = quoted(strategy)
    for args in (hide, withdraw):
        outcome = CliRunner().invoke(main, [*args[1:], "--root", str(strategy)])
        assert outcome.exit_code == 0, (args, outcome.output)
    assert check_repository(strategy).diagnostics.ok
    found = CliRunner().invoke(main, [*scan[1:], "--root", str(strategy)])
    assert found.exit_code == 1, found.output  # still in the history
    (rewrite,) = quoted(strategy, "git filter-repo")
    assert f"  {shlex.join(rewrite)}\n" in found.output
    (push,) = [line for line in found.output.splitlines() if "git push" in line]
    assert push.strip() in (strategy / GUIDE).read_text(encoding="utf-8")
