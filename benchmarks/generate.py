"""Generate a large, valid commonplan repository for benchmarks.

Usage: python benchmarks/generate.py OUT_DIR [--feedback N] [--proposals N] [--teams N]
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

GROUPS = ["public-sector", "voluntary-org", "community-group", "carer", "citizen", "family"]
STANCES = ["support", "concern", "objection", "idea", "question", "experience"]
OFFLINE = ["meeting", "paper", "phone", "survey", "email"]
SECTIONS = ["Why this matters", "What we propose", "Where and when", "How we will know"]
WORDS = [
    "carers",
    "neighbours",
    "library",
    "bus",
    "evening",
    "respite",
    "hub",
    "village",
    "sitter",
    "warm",
    "space",
    "transport",
    "hospital",
    "discharge",
    "volunteers",
    "cafe",
    "memory",
    "young",
    "school",
    "lunch",
    "club",
    "phone",
    "tree",
    "ward",
]


def sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def write_team(root: Path, index: int) -> str:
    team_id = f"team-{index:03d}"
    (root / "teams" / f"{team_id}.yml").write_text(
        f"name: Team number {index}\nkind: community-group\ngroups: [{GROUPS[index % 6]}]\n"
        f"description: A group that meets on Tuesdays.\n",
        encoding="utf-8",
    )
    return team_id


def write_proposal(root: Path, index: int, owner: str, rng: random.Random) -> str:
    proposal_id = f"proposal-{index:04d}"
    body = "\n".join(
        f"## {title}\n\n{sentence(rng, 40)}\n\n{sentence(rng, 30)}\n" for title in SECTIONS
    )
    (root / "proposals" / f"{proposal_id}.md").write_text(
        f"---\ntitle: Proposal {index}\nowner: {owner}\nstatus: consultation\n"
        f"summary: {sentence(rng, 15)}\ninvite: [carer, family]\n"
        f"consultation: {{opens: 2026-01-01, closes: 2026-12-31}}\n---\n{body}",
        encoding="utf-8",
    )
    return proposal_id


def write_feedback(
    root: Path, index: int, proposal: str, teams: list[str], rng: random.Random
) -> None:
    feedback_id = f"{proposal}-{index:05d}"
    folder = root / "feedback" / proposal
    folder.mkdir(parents=True, exist_ok=True)
    submitted = date(2026, 1, 1) + timedelta(days=rng.randrange(300))
    kind = rng.choice(OFFLINE)
    text = (
        "# yaml-language-server: $schema=../../schemas/feedback.schema.json\n"
        f"proposal: {proposal}\nsection: what-we-propose\ngroup: {rng.choice(GROUPS)}\n"
        f"stance: {rng.choice(STANCES)}\nsubmitted: {submitted.isoformat()}\n"
        f"source:\n  kind: {kind}\n  recorded_by: {rng.choice(teams)}\n"
        f"body: |\n  {sentence(rng, 25)}\n  {sentence(rng, 15)}\n"
    )
    if rng.random() < 0.6:
        answered = submitted + timedelta(days=rng.randrange(1, 30))
        text += (
            f"response:\n  status: accepted\n  by: {teams[0]}\n  date: {answered.isoformat()}\n"
            f"  text: {sentence(rng, 20)}\n"
        )
    (folder / f"{feedback_id}.yml").write_text(text, encoding="utf-8")


def generate(root: Path, feedback: int, proposals: int, teams: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    for folder in ("teams", "proposals", "feedback"):
        (root / folder).mkdir(parents=True, exist_ok=True)
    team_ids = [write_team(root, i) for i in range(teams)]
    proposal_ids = [
        write_proposal(root, i, team_ids[i % len(team_ids)], rng) for i in range(proposals)
    ]
    for i in range(feedback):
        write_feedback(root, i, proposal_ids[i % len(proposal_ids)], team_ids, rng)


def as_a_strategy(root: Path) -> None:
    """Give generated data the demo's configuration, pages and theme, and the issue form and
    CODEOWNERS made from it: a repository that validates and builds as a real one does."""
    from commonplan.repository import write_in_step

    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    # The demo's moderators are a demo team: here the first generated team moderates.
    moderators = "moderators: [hollowmere-cvs]"
    assert moderators in config
    config = config.replace(moderators, "moderators: [team-000]")
    # In the platform's one language, as a strategy starts (the benchmarks add others).
    config = re.sub(r"(?m)^      (# The site in English.*|languages: .*)\n", "", config)
    (root / "mkdocs.yml").write_text(config)
    for folder in ("site", "overrides"):
        shutil.copytree(ROOT / folder, root / folder, dirs_exist_ok=True)
    shutil.copy(ROOT / "zensical.yml", root / "zensical.yml")
    write_in_step(root)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--feedback", type=int, default=10_000)
    parser.add_argument("--proposals", type=int, default=20)
    parser.add_argument("--teams", type=int, default=30)
    args = parser.parse_args()
    generate(args.out, args.feedback, args.proposals, args.teams)


if __name__ == "__main__":
    main()
