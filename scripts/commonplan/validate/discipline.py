"""Change discipline in pull requests: `commonplan validate --base REF`.

A published proposal changes only through a new revision that names the feedback it
answers; revisions already published are never rewritten or renumbered.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import yaml

from commonplan.history.git import History, Snapshot, files_on
from commonplan.language import say
from commonplan.load.parse import load_yaml
from commonplan.validate.checker import Checker
from commonplan.validate.published_versions import check_published_versions


def base_proposals(root: Path, ref: str) -> dict[str, Snapshot] | None:
    """The proposals as they are on ``ref``; None when git or the ref is not there."""
    files = files_on(root, ref, "proposals/")
    if files is None:
        return None
    return {
        path[len("proposals/") : -len(".md")]: Snapshot(ref, date.min, text)
        for path, text in files.items()
        if path.count("/") == 1 and path.endswith(".md")
    }


def _revisions(front_matter: str) -> dict[int, dict[str, Any]]:
    try:
        data = load_yaml(front_matter)
    except (yaml.YAMLError, RecursionError):
        return {}
    if not isinstance(data, dict) or not isinstance(data.get("revisions"), list):
        return {}
    return {
        entry["version"]: entry
        for entry in data["revisions"]
        if isinstance(entry, dict) and isinstance(entry.get("version"), int)
    }


def _status(front_matter: str) -> str | None:
    try:
        data = load_yaml(front_matter)
    except (yaml.YAMLError, RecursionError):
        return None
    return str(data.get("status")) if isinstance(data, dict) else None


def check_against_base(checker: Checker, ref: str) -> None:
    """Compare every proposal with its version on ``ref`` and report what breaks the rules."""
    base = base_proposals(checker.corpus.root, ref)
    if base is None:
        checker.diagnostics.error(
            "proposals",
            (1, 1),
            "base-missing",
            say(
                "cannot compare with '{ref}': it is not a branch or commit of this repository"
                " (in CI, fetch it first)",
                ref=ref,
            ),
        )
        return
    # The base branch's text becomes an earlier version once this change adds a revision:
    # the history page would show it, so it is checked as the build will check it.
    check_published_versions(
        checker.diagnostics,
        checker.sources,
        checker.corpus.proposals,
        History(True, snapshots={pid: [snapshot] for pid, snapshot in base.items()}),
    )
    for proposal_id, proposal in checker.corpus.proposals.items():
        before = base.get(proposal_id)
        if before is None:
            continue
        old = _revisions(before.front_matter)
        new = {r.version: r for r in proposal.revisions}
        index_of = {r.version: i for i, r in enumerate(proposal.revisions)}
        for version, entry in sorted(old.items()):
            if version not in new:
                checker.error(
                    proposal,
                    ("revisions",),
                    "revision-rewritten",
                    say(
                        "revision {version} was published and has been removed; published"
                        " revisions stay as they were",
                        version=version,
                    ),
                )
                continue
            current = new[version].model_dump(mode="json")
            published = {
                "version": version,
                "date": str(entry.get("date")),
                "summary": entry.get("summary"),
                "responds_to": entry.get("responds_to") or [],
            }
            if current != published:
                checker.error(
                    proposal,
                    ("revisions", index_of[version]),
                    "revision-rewritten",
                    say(
                        "revision {version} was published and has been changed; add a new"
                        " revision instead of rewriting this one",
                        version=version,
                    ),
                )
        old_top = max(old, default=1)
        added = [v for v in new if v not in old]
        for version in added:
            if version < old_top:
                checker.error(
                    proposal,
                    ("revisions", index_of[version], "version"),
                    "revision-backwards",
                    say(
                        "revision {version} comes after revision {published} was published;"
                        " number it {next} or higher",
                        version=version,
                        published=old_top,
                        next=old_top + 1,
                    ),
                )
            elif not new[version].responds_to:
                checker.warning(
                    proposal,
                    ("revisions", index_of[version]),
                    "revision-unexplained",
                    # Translators: keep responds_to as it is (a field name).
                    say(
                        "revision {version} names no feedback in responds_to; say which"
                        " feedback it answers, so people can see what changed because of them",
                        version=version,
                    ),
                )
        body_changed = before.body.strip() != proposal.body.strip()
        if body_changed and _status(before.front_matter) not in (None, "draft") and not added:
            checker.warning(
                proposal,
                ("revisions",) if proposal.revisions else ("status",),
                "revision-missing",
                say(
                    "the text of this published proposal changed without a new revision"
                    " entry; add one to `revisions` saying what changed and which feedback it"
                    " answers"
                ),
            )
