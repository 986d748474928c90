"""Rules across files: references, windows, duplicates, consent and personal data.

Each rule adds Diagnostics located at the offending value and never raises on bad data.
"""

from __future__ import annotations

from itertools import pairwise

from commonplan.feedback import Feedback
from commonplan.language import say
from commonplan.model import PersonMember, Proposal, Record, Team, TeamMember
from commonplan.validate.checker import Checker
from commonplan.validate.feedback_rules import check_feedback
from commonplan.validate.moderation import check_item_moderation
from commonplan.validate.personal_data import check_personal_data
from commonplan.vocabulary import STARTER
from commonplan.words import suggest


def run_all(checker: Checker, records: dict[str, list[Record]]) -> None:
    """Index the records into the checker's corpus and run every rule over them."""
    corpus = checker.corpus
    for record in records["team"]:
        assert isinstance(record, Team)
        corpus.teams[record.id] = record
    for record in records["proposal"]:
        assert isinstance(record, Proposal)
        corpus.proposals[record.id] = record
    _index_feedback(checker, records["feedback"])

    for record in (*corpus.teams.values(), *corpus.proposals.values(), *corpus.feedback.values()):
        check_record(checker, record)


def check_record(checker: Checker, record: Record) -> None:
    """Every rule for one record: those of its kind, then personal data."""
    if isinstance(record, Team):
        check_team(checker, record)
        check_starter_text(checker, record)
    elif isinstance(record, Proposal):
        check_proposal(checker, record)
        check_starter_text(checker, record)
    elif isinstance(record, Feedback):
        check_feedback(checker, record)
        check_item_moderation(checker, record)
    check_personal_data(checker.diagnostics, checker.sources[record.path], record)


def _index_feedback(checker: Checker, items: list[Record]) -> None:
    """Feedback ids are unique across the repository, not just within a proposal's folder."""
    first_seen: dict[str, Feedback] = {}
    for item in items:
        assert isinstance(item, Feedback)
        if item.id in first_seen:
            checker.error(
                item,
                (),
                "duplicate-id",
                say(
                    "feedback id '{id}' is also used by {path}; feedback ids must be unique"
                    " across the repository",
                    id=item.id,
                    path=first_seen[item.id].path,
                ),
            )
            continue
        first_seen[item.id] = item
    checker.corpus.feedback.update(first_seen)


def check_team(checker: Checker, team: Team) -> None:
    checker.groups(team, "groups", team.groups)
    for index, member in enumerate(team.members):
        loc: tuple[str | int, ...] = ("members", index)
        if isinstance(member, TeamMember):
            checker.team(team, (*loc, "team"), member.team, say("member"))
            if member.team == team.id:
                checker.error(
                    team, (*loc, "team"), "self-member", say("a team cannot be its own member")
                )
        elif isinstance(member, PersonMember):
            checker.group(team, (*loc, "group"), member.group)
            if not member.consent:
                checker.error(
                    team,
                    (*loc, "consent"),
                    "no-consent",
                    # Translators: {name} is the person's name; keep consent: true as it is.
                    say(
                        "{name} is listed without 'consent: true'; a person is published only"
                        " when they agreed to it — add consent: true once they have, or remove"
                        " them",
                        name=member.name,
                    ),
                )


def check_proposal(checker: Checker, proposal: Proposal) -> None:
    checker.team(proposal, ("owner",), proposal.owner, say("owner"))
    checker.groups(proposal, "invite", proposal.invite)
    window = proposal.consultation
    if window is not None and window.opens > window.closes:
        checker.error(
            proposal,
            ("consultation", "closes"),
            "window-order",
            say(
                "the consultation closes ({closes}) before it opens ({opens})",
                closes=window.closes,
                opens=window.opens,
            ),
        )
    if proposal.status == "consultation" and window is None:
        checker.error(
            proposal,
            ("status",),
            "no-window",
            # Translators: keep consultation: {opens: …, closes: …} as it is (the YAML to write).
            say(
                "a proposal in consultation needs its dates: consultation: {{opens: …, closes: …}}"
            ),
        )
    seen_versions: set[int] = set()
    # A revision answers this proposal's feedback: only its ids are worth suggesting.
    own_feedback = [item.id for item in checker.corpus.feedback_on(proposal.id)]
    for index, revision in enumerate(proposal.revisions):
        loc: tuple[str | int, ...] = ("revisions", index)
        if revision.version in seen_versions:
            checker.error(
                proposal,
                (*loc, "version"),
                "duplicate-revision",
                say("version {version} is listed twice", version=revision.version),
            )
        seen_versions.add(revision.version)
        for ref_index, feedback_id in enumerate(revision.responds_to):
            ref_loc = (*loc, "responds_to", ref_index)
            item = checker.corpus.feedback.get(feedback_id)
            if item is None and checker.exists("feedback", feedback_id):
                continue
            if item is None:
                checker.error(
                    proposal,
                    ref_loc,
                    "unknown-feedback",
                    say(
                        "'{id}' is not a feedback id{hint}",
                        id=feedback_id,
                        hint=suggest(feedback_id, own_feedback),
                    ),
                )
            elif item.proposal != proposal.id:
                checker.error(
                    proposal,
                    ref_loc,
                    "unknown-feedback",
                    say(
                        "'{id}' is feedback on '{proposal}', not on this proposal",
                        id=feedback_id,
                        proposal=item.proposal,
                    ),
                )
    _check_revision_dates(checker, proposal)
    ids_by_kind = {
        "action": [a.id for a in proposal.actions],
        "measure": [m.id for m in proposal.measures],
    }
    for kind, ids in ids_by_kind.items():
        for index, entry_id in enumerate(ids):
            if entry_id in ids[:index]:
                checker.error(
                    proposal,
                    (f"{kind}s", index, "id"),
                    "duplicate-id",
                    say("action id '{id}' is used twice in this proposal", id=entry_id)
                    if kind == "action"
                    else say("measure id '{id}' is used twice in this proposal", id=entry_id),
                )
    for index, action in enumerate(proposal.actions):
        owner = say("action owner")
        checker.team(proposal, ("actions", index, "owner"), action.owner, owner)
        if action.done is not None and action.status != "done":
            checker.warning(
                proposal,
                ("actions", index, "done"),
                "done-not-done",
                # Translators: {status} is the action's status as written ("started").
                say(
                    "action '{id}' has a done date but its status is {status}",
                    id=action.id,
                    status=action.status,
                ),
            )
    for index, measure in enumerate(proposal.measures):
        for step in range(1, len(measure.history)):
            if measure.history[step].date <= measure.history[step - 1].date:
                checker.error(
                    proposal,
                    ("measures", index, "history", step, "date"),
                    "history-order",
                    say(
                        "measure '{id}': {date} comes after {previous}; list values oldest"
                        " first, one per date",
                        id=measure.id,
                        date=measure.history[step].date,
                        previous=measure.history[step - 1].date,
                    ),
                )


def _check_revision_dates(checker: Checker, proposal: Proposal) -> None:
    """A later version is never published before an earlier one."""
    by_version = sorted(enumerate(proposal.revisions), key=lambda pair: pair[1].version)
    for (_, earlier), (index, later) in pairwise(by_version):
        if later.version != earlier.version and later.date < earlier.date:
            checker.error(
                proposal,
                ("revisions", index, "date"),
                "revision-order",
                say(
                    "revision {version} is dated {date}, before revision {earlier}"
                    " ({earlier_date}); a later version comes on the same day or after",
                    version=later.version,
                    date=later.date,
                    earlier=earlier.version,
                    earlier_date=earlier.date,
                ),
            )


def check_starter_text(checker: Checker, record: Team | Proposal) -> None:
    """Words `new` or `init` wrote for a person to replace, published as they are."""
    fields = {"summary": record.summary} if isinstance(record, Proposal) else {}
    if isinstance(record, Team) and record.description:
        fields["description"] = record.description
    for name, value in fields.items():
        if value.strip() in STARTER.all():
            checker.warning(
                record,
                (name,),
                "placeholder",
                # Translators: {field} is a field name, summary or description.
                say(
                    "'{field}' still holds the words the starter file gave it; write your own,"
                    " since they are published as they are",
                    field=name,
                ),
            )
    if isinstance(record, Proposal):
        lines = record.body.split("\n")
        for index, line in enumerate(lines):
            if line.strip() in STARTER.all():
                checker.diagnostics.warning(
                    record.path,
                    (record.body_line + index, 1),
                    "placeholder",
                    say(
                        "this line still holds the words the starter file gave it; write the"
                        " plan's own text, since it is published as it is"
                    ),
                )
