"""The checker every rule reports through: the corpus being checked, its sources (for
positions) and the diagnostics, with the checks of a reference to a team or a group that
many rules share."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from commonplan.corpus import Corpus
from commonplan.diagnostics import Diagnostics
from commonplan.language import Said, say
from commonplan.load.positions import Loc, SourceText
from commonplan.model import Record
from commonplan.words import suggest


class Checker:
    """Holds what every rule needs: the corpus, each file's positions, the diagnostics."""

    def __init__(
        self,
        corpus: Corpus,
        sources: dict[str, SourceText],
        diagnostics: Diagnostics,
        present: Mapping[str, set[str]] | None = None,
        *,
        options_read: bool = True,
    ):
        self.corpus = corpus
        self.sources = sources
        self.diagnostics = diagnostics
        # False when mkdocs.yml's options could not be read (reported there): the checks
        # that judge data by options only the site knows would then report what is not wrong.
        self.options_read = options_read
        # Ids of every file found per kind, valid or not: a reference to a file that exists
        # but has errors of its own is not reported again as "unknown" by every file using it.
        self.present = present or {}

    def exists(self, kind: str, id_: str) -> bool:
        return id_ in self.present.get(kind, ())

    def at(self, record: Record, loc: Loc = (), *, key: bool = False) -> tuple[int, int]:
        return self.sources[record.path].position(loc, key=key)

    def error(self, record: Record, loc: Loc, code: str, message: str | Said) -> None:
        self.diagnostics.error(record.path, self.at(record, loc), code, message)

    def warning(
        self, record: Record, loc: Loc, code: str, message: str | Said, about: Said | None = None
    ) -> None:
        self.diagnostics.warning(record.path, self.at(record, loc), code, message, about)

    # --- references ----------------------------------------------------------------------

    def team(self, record: Record, loc: Loc, team_id: str | None, role: str | Said) -> None:
        """``role`` names what the team is to the record: a field name as it is written
        ("from"), or words to be said in the reader's language (``say("owner")``)."""
        if team_id is not None and team_id not in self.corpus.teams:
            if self.exists("team", team_id):
                return
            self.error(
                record,
                loc,
                "unknown-team",
                # Translators: {role} is what the team is to the file ("owner", "member", or
                # a field name such as from); {team} is the id written; {hint} a "did you mean".
                say(
                    "{role} '{team}' is not a team: no teams/{team}.yml{hint}",
                    role=role,
                    team=team_id,
                    hint=suggest(team_id, self.corpus.teams),
                ),
            )

    def group(self, record: Record, loc: Loc, group_id: str | None) -> None:
        groups = self.corpus.settings.groups
        if group_id is not None and group_id not in groups:
            self.error(
                record,
                loc,
                "unknown-group",
                # Translators: {groups} is the site's group ids, "carers, young-people".
                say(
                    "'{group}' is not a stakeholder group; use one of: {groups}{hint}",
                    group=group_id,
                    groups=", ".join(groups),
                    hint=suggest(group_id, groups),
                ),
            )

    def groups(self, record: Record, field: str, group_ids: Iterable[str]) -> None:
        for index, group_id in enumerate(group_ids):
            self.group(record, (field, index), group_id)
