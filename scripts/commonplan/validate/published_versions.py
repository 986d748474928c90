"""Every earlier version of a proposal that the history page publishes, checked for personal
data: text removed from a proposal ("ring Jane on 07700 900123" in version 2, gone in
version 3) would otherwise be published again in the page's word-by-word changes.

Git's history cannot be changed by a pull request, so the way out is the proposal's
`history_withheld` list: the page then shows the reason in place of that version's text.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import yaml

from commonplan.diagnostics import Diagnostics
from commonplan.history.git import History, Snapshot
from commonplan.language import Said, say
from commonplan.load.parse import load_yaml
from commonplan.load.positions import SourceText
from commonplan.model import Proposal
from commonplan.validate.checker import Checker
from commonplan.validate.privacy import find_personal_data


def _texts(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for child in value.values():
            yield from _texts(child)
    elif isinstance(value, list):
        for child in value:
            yield from _texts(child)


def _found_in(snapshot: Snapshot) -> list[Said]:
    """What personal data the version holds, in words ("a phone number"), in order."""
    try:
        fields = load_yaml(snapshot.front_matter)
    except (yaml.YAMLError, RecursionError, ValueError):
        fields = snapshot.front_matter  # unreadable then: its raw text is what would show
    found = []
    for text in (*_texts(fields), snapshot.body):
        found += [finding.described() for finding in find_personal_data(text)]
    return found


def check_published_versions(
    diagnostics: Diagnostics,
    sources: dict[str, SourceText],
    proposals: dict[str, Proposal],
    history: History,
) -> None:
    """Report each earlier version of a proposal the history page would show with personal
    data in it, located at the proposal's `history_withheld` (or its first field)."""
    for proposal_id, proposal in sorted(proposals.items()):
        for snapshot in history.versions(proposal_id):
            version = snapshot.version
            if version >= proposal.version or proposal.withheld(version) is not None:
                continue  # the current text is checked as the file; a withheld one not shown
            found = _found_in(snapshot)
            if not found:
                continue
            diagnostics.error(
                proposal.path,
                sources[proposal.path].position(("history_withheld",)),
                "history-personal-data",
                # Translators: {found} is "an e-mail address" or "a phone number"; keep
                # `history_withheld: [{{version: …, reason: ...}}]` as it is (the YAML to write).
                say(
                    "version {version} of this proposal (commit {commit}) contains {found},"
                    " and its history page would publish it again; keep that version off the"
                    " page with `history_withheld: [{{version: {version}, reason: ...}}]`"
                    " (see docs/format.md on removing it from git history too)",
                    version=version,
                    commit=snapshot.commit[:12],
                    found=found[0],
                ),
            )


def check_withheld(checker: Checker) -> None:
    """Only an earlier version can be kept off the history page: the current text is the
    proposal's page itself."""
    for proposal in checker.corpus.proposals.values():
        for index, withheld in enumerate(proposal.history_withheld):
            if withheld.version >= proposal.version:
                checker.error(
                    proposal,
                    ("history_withheld", index, "version"),
                    "bad-value",
                    say(
                        "version {version} is not an earlier version (this is version"
                        " {current}); only earlier versions can be kept off the history page",
                        version=withheld.version,
                        current=proposal.version,
                    ),
                )
