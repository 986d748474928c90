"""Nobody speaks for a team they do not act for: `commonplan validate --base REF --author
LOGIN`, and team names nobody can take twice.

On a pull request, every answer (`response`), voice (`from`) and recorder
(`source.recorded_by`) the change adds or alters must come from a GitHub login on that
team's `github:` list as it is on the base branch (a pull request cannot add its author to
a team and use the team in one go). A team the pull request itself adds counts its own list
for voices and recorders, but cannot answer until it is on the base branch. The intake
bot's pull requests carry only what `commonplan ingest` checked: feedback from GitHub, a
`from` it verified against the issue's author, never an answer or a recorder.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any, Literal

from commonplan.feedback import Feedback
from commonplan.history.git import files_on
from commonplan.language import Said, say
from commonplan.load.parse import mapping_of
from commonplan.model import Proposal, Team
from commonplan.validate.checker import Checker

# The login of pull requests opened with a workflow's GITHUB_TOKEN, as intake opens them.
INTAKE_BOT = "github-actions[bot]"
GITHUB_SOURCES = frozenset({"github-issue", "review-comment", "pull-request"})
# What a change does for a team, which only the team's members may do.
Deed = Literal["answer", "hide", "speak", "record", "start"]


def _handles(data: dict[str, Any]) -> frozenset[str]:
    github = data.get("github")
    if not isinstance(github, list):
        return frozenset()
    return frozenset(str(handle).casefold() for handle in github)


class Attribution:
    """What the base branch says of each team and each piece of feedback."""

    def __init__(self, checker: Checker, base_files: dict[str, str], author: str) -> None:
        self.checker = checker
        self.author = author
        self.login = author.casefold()
        self.base_teams = {
            path[len("teams/") : -len(".yml")]: _handles(mapping_of(text))
            for path, text in base_files.items()
            if path.startswith("teams/") and path.endswith(".yml")
        }
        self.base_feedback = {
            path: text for path, text in base_files.items() if path.startswith("feedback/")
        }

    def members(self, team_id: str, *, on_base_only: bool) -> frozenset[str]:
        if team_id in self.base_teams:
            return self.base_teams[team_id]
        team = self.checker.corpus.teams.get(team_id)
        if team is None or on_base_only:
            return frozenset()
        return frozenset(handle.casefold() for handle in team.github)

    def refuse(
        self, record: Feedback | Proposal, loc: tuple[str, ...], what: Deed, team: str
    ) -> None:
        """The change does ``what`` for ``team``, and its author is not a member."""
        self.checker.error(record, loc, "attribution", _refusal(what, team, self.author))

    def feedback(self, item: Feedback, head: dict[str, Any]) -> None:
        before = mapping_of(self.base_feedback.get(item.path, ""))
        source, old_source = head.get("source"), before.get("source") or {}
        if not isinstance(source, dict) or not isinstance(old_source, dict):
            return  # the model's checks have said what is wrong with it
        bot = self.login == INTAKE_BOT
        if item.response is not None and head.get("response") != before.get("response"):
            self._answer(item, item.response.by, bot=bot)
        if item.moderation is not None and head.get("moderation") != before.get("moderation"):
            self._hide(item, item.moderation.by, bot=bot)
        if item.from_ is not None and (not before or head.get("from") != before.get("from")):
            self._voice(item, item.from_, str(source.get("kind")), bot=bot)
        recorder = item.source.recorded_by
        changed = not before or source.get("recorded_by") != old_source.get("recorded_by")
        if recorder is not None and changed and (bot or not self._member(recorder)):
            self.refuse(item, ("source", "recorded_by"), "record", recorder)

    def _member(self, team_id: str, *, on_base_only: bool = False) -> bool:
        return self.login in self.members(team_id, on_base_only=on_base_only)

    def _answer(self, item: Feedback, team_id: str, *, bot: bool) -> None:
        if bot:
            self.checker.error(
                item,
                ("response",),
                "attribution",
                say("the intake bot never answers feedback; an answer comes from its team"),
            )
        elif not self._member(team_id, on_base_only=True):
            self.refuse(item, ("response", "by"), "answer", team_id)

    def _hide(self, item: Feedback, team_id: str, *, bot: bool) -> None:
        if bot or not self._member(team_id, on_base_only=True):
            self.refuse(item, ("moderation", "by"), "hide", team_id)

    def _voice(self, item: Feedback, team_id: str, kind: str, *, bot: bool) -> None:
        if bot and kind not in GITHUB_SOURCES:
            self.checker.error(
                item,
                ("from",),
                "attribution",
                say("the intake bot records a team's voice only from GitHub, as ingest checked it"),
            )
        elif not bot and not self._member(team_id):
            self.refuse(item, ("from",), "speak", team_id)

    def new_proposal(self, proposal: Proposal) -> None:
        """A proposal the base branch does not have yet has no CODEOWNERS line there, so its
        owner's approval would not be asked for: its owner's member must propose it."""
        if not self._member(proposal.owner):
            self.refuse(proposal, ("owner",), "start", proposal.owner)


def _refusal(what: Deed, team: str, author: str) -> Said:
    """The change does ``what`` for ``team``, and ``author`` is not one of its members."""
    # Translators (these five): {team} is a team's id, {author} the GitHub login of the
    # person proposing the change; keep `github:` as it is (the field's name).
    if what == "answer":
        return say(
            "this answers for team '{team}', and '{author}', who proposes this change, is not"
            " in that team's `github:` list on the base branch; only its members can",
            team=team,
            author=author,
        )
    if what == "hide":
        return say(
            "this hides feedback for team '{team}', and '{author}', who proposes this change,"
            " is not in that team's `github:` list on the base branch; only its members can",
            team=team,
            author=author,
        )
    if what == "speak":
        return say(
            "this speaks for team '{team}', and '{author}', who proposes this change, is not"
            " in that team's `github:` list on the base branch; only its members can",
            team=team,
            author=author,
        )
    if what == "record":
        return say(
            "this is recorded as by team '{team}', and '{author}', who proposes this change,"
            " is not in that team's `github:` list on the base branch; only its members can",
            team=team,
            author=author,
        )
    return say(
        "this starts a plan owned by team '{team}', and '{author}', who proposes this change,"
        " is not in that team's `github:` list on the base branch; only its members can",
        team=team,
        author=author,
    )


def check_attribution(checker: Checker, ref: str, author: str) -> None:
    """Every answer, voice and recorder the change adds comes from a member of its team."""
    root = checker.corpus.root
    base_files: dict[str, str] = {}
    for folder in ("teams/", "feedback/", "proposals/"):
        files = files_on(root, ref, folder)
        if files is None:
            return  # check_against_base reports the missing base once
        base_files.update(files)
    attribution = Attribution(checker, base_files, author)
    for item in checker.corpus.feedback.values():
        source = checker.sources.get(item.path)
        if source is not None:
            attribution.feedback(item, mapping_of(source.text))
    for proposal in checker.corpus.proposals.values():
        if proposal.path not in base_files:
            attribution.new_proposal(proposal)


def _name_key(name: str) -> str:
    """A team's name as people would read it: case, spacing and punctuation aside."""
    return re.sub(r"[\W_]+", "", name.casefold())


def check_team_names(checker: Checker) -> None:
    """No two teams share a name (ignoring case and spacing): a new team cannot pass itself
    off as another."""
    named: dict[str, list[Team]] = defaultdict(list)
    # A file with an error of its own is reported once, not again as a clash.
    erroneous = {d.path for d in checker.diagnostics.errors}
    for team in checker.corpus.teams.values():
        if team.path not in erroneous:
            named[_name_key(team.name)].append(team)
    for teams in named.values():
        for team in teams if len(teams) > 1 else ():
            others = ", ".join(f"'{t.id}'" for t in teams if t is not team)
            checker.error(
                team,
                ("name",),
                "duplicate-name",
                # Translators: {teams} is one or more team ids, each in quotes ("'a', 'b'").
                say(
                    "team {teams} already has the name '{name}' (ignoring case and spacing);"
                    " give each team a name of its own",
                    teams=others,
                    name=team.name,
                ),
            )
