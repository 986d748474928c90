"""Answering feedback ("you said, we did") and recording a proposal's next revision."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import LiteralScalarString

from commonplan.feedback import Feedback
from commonplan.fields import SLUG
from commonplan.language import Said, say
from commonplan.organise.edit import Edit, OrganiseError, checked, open_document
from commonplan.validate.pipeline import Validation
from commonplan.vocabulary import RESPONSE_STATUS
from commonplan.words import suggest

# Where a new `revisions:` list goes when a proposal has none yet: before these keys.
REVISIONS_BEFORE = ("actions", "measures")


def respond(
    validation: Validation,
    feedback_id: str,
    status: str,
    text: str,
    *,
    by: str | None = None,
    revision: int | None = None,
    day: date,
) -> Edit:
    """Record (or replace) the owner's answer to one piece of feedback."""
    corpus = validation.corpus
    item = feedback_named(validation, feedback_id)
    if status not in RESPONSE_STATUS.ids():
        raise OrganiseError(
            say(
                "'{status}' is not a response status; use one of: {statuses}",
                status=status,
                statuses=", ".join(RESPONSE_STATUS.ids()),
            )
        )
    if not text.strip():
        raise OrganiseError(say("the answer is empty: say what you did, or why not, with --text"))
    proposal = corpus.proposals.get(item.proposal)
    by = by or (proposal.owner if proposal else None)
    if by is None or by not in corpus.teams:
        # Translators: {hint} is " (did you mean 'x'?)" or nothing.
        hint = suggest(by or "", corpus.teams)
        raise OrganiseError(say("--by '{team}' is not a team{hint}", team=by, hint=hint))
    document = open_document(corpus.root, item.path, front_matter=False)
    response = document.data.get("response")
    if not isinstance(response, CommentedMap):
        response = CommentedMap()
        document.data["response"] = response
    response["status"] = status
    response["by"] = by
    response["date"] = day
    response["text"] = LiteralScalarString(text.strip() + "\n")
    if revision is not None:
        response["revision"] = revision
    elif "revision" in response:
        del response["revision"]  # a new answer does not inherit the old one's revision
    return checked(validation.corpus, "feedback", item.path, document.text(), created=False)


def feedback_named(validation: Validation, feedback_id: str) -> Feedback:
    """The feedback of that id, or a plain refusal saying what is wrong."""
    corpus = validation.corpus
    item = corpus.feedback.get(feedback_id)
    broken = (
        next(corpus.root.glob(f"feedback/*/{feedback_id}.yml"), None)
        if SLUG.match(feedback_id)
        else None
    )
    if item is None and broken is not None:
        rel = broken.relative_to(corpus.root).as_posix()
        raise OrganiseError(
            say("{file} has errors; run `commonplan validate` and fix them first", file=rel)
        )
    if item is None:
        hint = suggest(feedback_id, corpus.feedback)
        raise OrganiseError(
            say("'{feedback}' is not a feedback id{hint}", feedback=feedback_id, hint=hint)
        )
    return item


def not_a_proposal(proposal_id: str, proposals: Iterable[str]) -> Said:
    # Translators: {hint} is " (did you mean 'x'?)" or nothing.
    hint = suggest(proposal_id, proposals)
    return say("'{proposal}' is not a proposal{hint}", proposal=proposal_id, hint=hint)


def revise(
    validation: Validation,
    proposal_id: str,
    summary: str,
    responds_to: list[str],
    *,
    day: date,
) -> Edit:
    """Add the next revision entry to a proposal."""
    corpus = validation.corpus
    proposal = corpus.proposals.get(proposal_id)
    if proposal is None:
        raise OrganiseError(not_a_proposal(proposal_id, corpus.proposals))
    if not summary.strip():
        raise OrganiseError(
            say("the summary is empty: say in plain words what changed, with --summary")
        )
    document = open_document(corpus.root, proposal.path, front_matter=True)
    entry = CommentedMap()
    entry["version"] = proposal.version + 1
    entry["date"] = day
    entry["summary"] = summary.strip()
    if responds_to:
        ids = CommentedSeq(responds_to)
        ids.fa.set_flow_style()
        entry["responds_to"] = ids
    revisions = document.data.get("revisions")
    if isinstance(revisions, CommentedSeq):
        revisions.append(entry)
    else:
        keys = list(document.data)
        position = next((keys.index(k) for k in REVISIONS_BEFORE if k in keys), len(keys))
        document.data.insert(position, "revisions", CommentedSeq([entry]))
    return checked(validation.corpus, "proposal", proposal.path, document.text(), created=False)
