"""`.github/CODEOWNERS` from the teams' GitHub handles.

Each proposal needs its owner team's approval and each team file its own team's, so an
organisation decides what goes into its own plan. A proposal's feedback folder is owned by
the proposal's owners too: anyone may propose feedback, and nothing lands in a plan's
feedback (an answer above all) without its owners' review. Feedback on no known plan has
no owner.
"""

from __future__ import annotations

from commonplan.corpus import Corpus
from commonplan.diagnostics import Severity
from commonplan.files import Generated
from commonplan.model import Team

CODEOWNERS_PATH = ".github/CODEOWNERS"
CODEOWNERS_COMMAND = "commonplan codeowners"

HEADER = """\
# Made by `commonplan codeowners` from the `github` handles in teams/; do not edit by hand.
# `commonplan validate` reports this file when it falls behind the data.
#
# Later lines win. Anyone may propose feedback; each plan's owners review what lands in
# its folder.
/feedback/
"""


def _owners(team: Team | None) -> str:
    return " ".join(f"@{handle}" for handle in team.github) if team else ""


def _line(path: str, team_id: str, team: Team | None) -> str:
    owners = _owners(team)
    if owners:
        return f"{path} {owners}\n"
    # Without handles nobody could approve, so the file stays open and the gap is visible.
    return f"# {path}: team '{team_id}' lists no GitHub handles, so nobody owns it yet\n"


def codeowners_text(corpus: Corpus) -> str:
    lines = [HEADER, "\n# Each proposal: its owner team.\n"]
    proposals = sorted(corpus.proposals.values(), key=lambda p: p.id)
    for proposal in proposals:
        team = corpus.teams.get(proposal.owner)
        lines.append(_line(f"/proposals/{proposal.id}.md", proposal.owner, team))
    lines.append("\n# Each proposal's feedback: its owner team reviews what lands there.\n")
    for proposal in proposals:
        team = corpus.teams.get(proposal.owner)
        lines.append(_line(f"/feedback/{proposal.id}/", proposal.owner, team))
    lines.append("\n# Each team's file: the team itself.\n")
    for team_id, team in sorted(corpus.teams.items()):
        lines.append(_line(f"/teams/{team_id}.yml", team_id, team))
    return "".join(lines)


def expected_codeowners(corpus: Corpus) -> Generated:
    return Generated(CODEOWNERS_PATH, codeowners_text(corpus), CODEOWNERS_COMMAND, Severity.ERROR)
