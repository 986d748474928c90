"""Whether a translation is older than its original: what of the original's words changed
since the last commit that touched the translation, that is, against the original as it is
in that commit's tree: what the translator saw, whatever the dates of the commits (a change
to the original on main dated before a translator's branch commit, merged after it, was not
seen).

Only the words a translation gives are compared (the title, the summary, the text before
the first heading and each section, action titles, measure names and units, revision
summaries), each with its spacing evened out, so a change of status or dates, or a
paragraph wrapped again, says nothing. The original as it is now is compared, uncommitted
changes and all; a translation with uncommitted changes of its own is being brought up to
date, and one never committed is new. With no history (not a repository, a shallow clone)
nothing is out of date.

`validate` reads what it needs with three git processes whatever the number of
translations (`translations_history`); the site compares with the history it read for the
whole build.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from difflib import SequenceMatcher
from pathlib import Path

from commonplan.diagnostics import Diagnostics
from commonplan.history.git import (
    Change,
    History,
    history_unavailable,
    read_changes,
    read_texts,
)
from commonplan.language import Said, mark, say, say_n
from commonplan.load.read import build_record, parse_document
from commonplan.model import Proposal, ProposalTranslation, WithBody

# At most this many changes are named one by one; the others are counted.
NAMED = 6
# At most this many files are named to `git log`; for more, it lists the whole folder.
MOST_PATHS = 64


@dataclass(frozen=True)
class Changed:
    """One part of the original whose words changed. ``key``: a section's place among the
    original's sections now (the translation's heading at the same place), an action's or
    a measure's id, a version number."""

    kind: str  # title | summary | introduction | section | new-section | removed-section |
    #           action | measure | revision
    name: str = ""  # the original's heading, action title or measure name
    key: str | int = ""


@dataclass(frozen=True)
class Outdated:
    """A translation the original changed after: what changed, and since which commit."""

    changed: tuple[Changed, ...]
    commit: str  # the last commit that touched the translation
    day: date

    @property
    def first_section(self) -> int | None:
        """The place of the first section that changed, if one did."""
        return next(
            (c.key for c in self.changed if c.kind in SECTIONS and isinstance(c.key, int)), None
        )


SECTIONS = ("section", "new-section")


def outdated(
    history: History, translation: ProposalTranslation, original: Proposal | None = None
) -> Outdated | None:
    """Whether ``translation`` may be out of date: the original's words as they are now
    (``original``; its last commit's when None) against the original in the tree of the
    translation's last commit."""
    if not history.available:
        return None
    own = history.snapshots.get(translation.id)
    if not own:
        return None  # never committed: written since the original, or being written
    last = own[-1]
    if _own_words_of_text(last.text, translation.path, translation.id) != _own_words(translation):
        return None  # uncommitted changes of its own: it is being brought up to date
    then = history.in_tree.get((last.commit, translation.proposal))
    if then is None:
        return None  # the original was not there (or could not be read)
    rel = f"proposals/{translation.proposal}.md"
    before = _words_of_text(then, rel, translation.proposal)
    if original is not None:
        now: _Words | None = _words(original)
    else:
        originals = history.snapshots.get(translation.proposal)
        if not originals:
            return None
        now = _words_of_text(originals[-1].text, rel, translation.proposal)
    if before is None or now is None:
        return None  # unreadable then (or now): nothing can be said of what changed
    changed = _changes(before, now)
    return Outdated(tuple(changed), last.commit, last.day) if changed else None


def translations_history(root: Path, translations: Iterable[ProposalTranslation]) -> History:
    """What `outdated` reads of the history of ``translations`` and their originals: the
    log of those files, then only the texts it compares (each translation's last snapshot,
    and its original in that commit's tree) through one `cat-file`: three git processes in
    all."""
    wanted = list(translations)
    reason = history_unavailable(root)
    if reason is not None:
        return History(False, reason)
    stems = {t.id for t in wanted} | {t.proposal for t in wanted}
    # Git matches every path named against every file of every commit: a few are quicker
    # than the whole folder, a thousand many times slower (minutes for 10,000 commits).
    paths = sorted(f"proposals/{stem}.md" for stem in stems)
    read = read_changes(root, paths if len(paths) <= MOST_PATHS else ["proposals/"])
    if read is None:
        return History(False, mark("history unavailable", "the git history could not be read"))
    changes = [change for change in read if change.stem in stems]
    last: dict[str, Change] = {change.stem: change for change in changes}  # the last wins
    blobs: set[str] = set()
    originals: set[tuple[str, str]] = set()
    for translation in wanted:
        own = last.get(translation.id)
        if own is not None:
            blobs.add(own.blob)
            originals.add((own.commit, translation.proposal))
    texts, in_tree = read_texts(root, sorted(blobs), originals)
    return History.of(changes, texts, in_tree)


# --- the words compared ---------------------------------------------------------------------


@dataclass(frozen=True)
class _Words:
    """The original's words a translation gives, spacing evened out."""

    title: str
    summary: str
    introduction: str
    sections: tuple[tuple[str, str], ...]  # (heading, its text)
    actions: dict[str, str]  # id → title
    measures: dict[str, tuple[str, str]]  # id → (name, unit)
    revisions: dict[int, str]  # version → summary


def _even(text: str) -> str:
    return " ".join(text.split())


def _words(proposal: Proposal) -> _Words:
    lines = proposal.body.split("\n")
    starts = [s.line - proposal.body_line for s in proposal.sections]
    ends = [*starts[1:], len(lines)]
    return _Words(
        _even(proposal.title),
        _even(proposal.summary),
        _even("\n".join(lines[: starts[0] if starts else len(lines)])),
        tuple(
            (_even(s.title), _even("\n".join(lines[start + 1 : end])))
            for s, start, end in zip(proposal.sections, starts, ends, strict=True)
        ),
        {a.id: _even(a.title) for a in proposal.actions},
        {m.id: (_even(m.name), _even(m.unit)) for m in proposal.measures},
        {r.version: _even(r.summary) for r in proposal.revisions},
    )


def _own_words(translation: ProposalTranslation) -> tuple[object, ...]:
    """Everything a translation says, exactly: any change to it is a change of its own."""
    return (
        translation.title,
        translation.summary,
        translation.body,
        translation.actions,
        {k: (m.name, m.unit) for k, m in translation.measures.items()},
        translation.revisions,
    )


def _read(text: str, kind: str, rel: str, id_: str) -> WithBody | None:
    """A version of a file read as `validate` reads the file (None: it could not be)."""
    diagnostics = Diagnostics()
    document = parse_document(rel, kind, id_, text, diagnostics)
    record = None if document is None else build_record(document, diagnostics)
    return record if isinstance(record, WithBody) else None


def _words_of_text(text: str, rel: str, id_: str) -> _Words | None:
    read = _read(text, "proposal", rel, id_)
    return _words(read) if isinstance(read, Proposal) else None


def _own_words_of_text(text: str, rel: str, id_: str) -> tuple[object, ...] | None:
    read = _read(text, "translation", rel, id_)
    return _own_words(read) if isinstance(read, ProposalTranslation) else None


def _changes(before: _Words, now: _Words) -> list[Changed]:
    changed = []
    if before.title != now.title:
        changed.append(Changed("title"))
    if before.summary != now.summary:
        changed.append(Changed("summary"))
    if before.introduction != now.introduction:
        changed.append(Changed("introduction"))
    changed += _section_changes(before.sections, now.sections)
    for key, title in now.actions.items():
        if before.actions.get(key) != title:
            changed.append(Changed("action", title, key))
    for key, (name, unit) in now.measures.items():
        if before.measures.get(key) != (name, unit):
            changed.append(Changed("measure", name, key))
    for version, summary in sorted(now.revisions.items()):
        if before.revisions.get(version) != summary:
            changed.append(Changed("revision", str(version), version))
    return changed


def _section_changes(
    before: Sequence[tuple[str, str]], now: Sequence[tuple[str, str]]
) -> list[Changed]:
    """Sections whose heading or text changed, matched in order: one added in the middle
    is named, not every section after it."""
    changed = []
    matcher = SequenceMatcher(None, before, now, autojunk=False)
    for operation, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        if operation == "equal":
            continue
        paired = min(old_end - old_start, new_end - new_start)
        for index in range(new_start, new_end):
            kind = "section" if index - new_start < paired else "new-section"
            changed.append(Changed(kind, now[index][0], index))
        for index in range(old_start + paired, old_end):
            changed.append(Changed("removed-section", before[index][0], index))
    return changed


# --- what changed, in words -----------------------------------------------------------------


def said_changes(changed: Sequence[Changed], shown: Callable[[Changed], str]) -> list[Said]:
    """Each change in words ("the section 'Why this matters'"), the first few one by one
    and the others counted; ``shown`` gives a change's name as the reader sees it (quoted,
    made safe for a page)."""
    named = changed if len(changed) <= NAMED else changed[: NAMED - 1]
    said = [_said(change, shown) for change in named]
    if len(named) < len(changed):
        more = len(changed) - len(named)
        said.append(say_n("{count} other part", "{count} other parts", more))
    return said


def _said(change: Changed, shown: Callable[[Changed], str]) -> Said:
    name = shown(change)
    if change.kind == "title":
        return say("the title")
    if change.kind == "summary":
        return say("the summary")
    if change.kind == "introduction":
        return say("the text before the first heading")
    if change.kind == "section":
        # Translators: {heading} is a section's heading, in quotes.
        return say("the section {heading}", heading=name)
    if change.kind == "new-section":
        # Translators: {heading} is a section's heading, in quotes.
        return say("a new section, {heading}", heading=name)
    if change.kind == "removed-section":
        # Translators: {heading} is the heading of a section the original no longer has.
        return say("the section {heading}, since removed", heading=name)
    if change.kind == "action":
        # Translators: {action} is an action's title, in quotes.
        return say("the action {action}", action=name)
    if change.kind == "measure":
        # Translators: {measure} is a measure's name, in quotes.
        return say("the measure {measure}", measure=name)
    return say("the summary of version {version}", version=change.key)
