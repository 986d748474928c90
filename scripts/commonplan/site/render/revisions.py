"""One history page per proposal: every version, the feedback it answered, and a word-level
diff between consecutive versions, read from git by the caller (``Site.history``)."""

from __future__ import annotations

from commonplan.history.diff import WORD, word_diff
from commonplan.history.git import Snapshot
from commonplan.language import Language
from commonplan.model import Proposal, Revision
from commonplan.site.render import safe
from commonplan.site.render.common import Site, badge, proposal_link, relative, speaker
from commonplan.site.render.exchange import feedback_location
from commonplan.urls import history_page
from commonplan.vocabulary import STANCE

# Unchanged text between two changes keeps this many words and spaces on each side; the
# rest is shown as "…" so that a long proposal's history stays readable (and light).
CONTEXT_TOKENS = 30
EXCERPT_CHARACTERS = 140
# The context of the reasons `History` gives when it is not available (commonplan.history).
UNAVAILABLE = "history unavailable"


def render(site: Site) -> dict[str, str]:
    return {
        history_page(proposal.id): _page(site, proposal)
        for proposal in site.corpus.proposals.values()
    }


def _legend(t: Language) -> str:
    # Translators: the word, in bold after a sign, that marks removed words in a history page.
    removed = t("removed")
    # Translators: the word, in bold after a sign, that marks added words in a history page.
    added = t("added")
    # Translators: {removed} and {added} are those words with their signs, "⊖ removed".
    legend = t(
        "Removed words are struck through and marked {removed}; added words are underlined"
        " and marked {added}. Unchanged text far from a change is shortened to …"
    )
    return (
        legend.format(
            removed=f':material-minus-circle-outline:{{ aria-hidden="true" }} **{removed}**',
            added=f':material-plus-circle-outline:{{ aria-hidden="true" }} **{added}**',
        )
        + "\n{ .cp-meta }\n"
    )


def _page(site: Site, proposal: Proposal) -> str:
    t = site.t
    page = history_page(proposal.id)
    history = site.history
    snapshots = {s.version: s for s in history.versions(proposal.id)}
    revisions = {r.version: r for r in proposal.revisions}
    out = [
        "# " + t("How “{title}” changed").format(title=safe.text(proposal.title)) + "\n",
        t("Back to {proposal}.").format(proposal=proposal_link(site, page, proposal)) + "\n",
    ]
    if not history.available:
        title = t("History unavailable")
        # Translators: {reason} says why, "this copy of the strategy has no git history".
        why = t(
            "Earlier versions of the text cannot be shown: {reason}. The versions below are"
            " the ones the proposal lists."
        )
        reason = t.marked(UNAVAILABLE, history.reason)
        out.append(f'!!! info "{title}"\n\n    {why.format(reason=reason)}\n')
    else:
        out.append(_legend(t))
    versions = sorted({1, *revisions, *snapshots}, reverse=True)
    for position, version in enumerate(versions):
        earlier = versions[position + 1] if position + 1 < len(versions) else None
        out.append(_version(site, page, version, revisions.get(version)))
        if history.available:
            out.append(_changes(t, proposal, version, earlier, snapshots))
    return "\n".join(part for part in out if part)


def _version(site: Site, page: str, version: int, revision: Revision | None) -> str:
    t = site.t
    if revision:
        title = t("Version {version}, {day}").format(version=version, day=t.day(revision.date))
    else:
        title = t("Version {version}").format(version=version)
    out = [f"## {title} {{ #version-{version} }}\n"]
    if revision is None:
        out.append(t("The text as first published.") + "\n" if version == 1 else "")
        return "\n".join(out)
    out.append(f"{safe.text(revision.summary)}\n")
    if revision.responds_to:
        # Translators: over the list of the feedback a version of a proposal answers.
        out.append(t("In answer to:") + "\n")
        out += [_answered(site, page, item_id) for item_id in revision.responds_to]
        out.append("")
    return "\n".join(out)


def _answered(site: Site, page: str, item_id: str) -> str:
    t = site.t
    item = site.corpus.feedback.get(item_id)
    if item is None:
        return f"- {safe.text(item_id)}"
    target = f"{relative(page, feedback_location(site, item))}#{item.id}"
    excerpt = " ".join(item.body.split())
    if len(excerpt) > EXCERPT_CHARACTERS:
        excerpt = excerpt[: EXCERPT_CHARACTERS - 1].rsplit(" ", 1)[0] + "…"
    who = speaker(site, page, item) or t("Someone")
    # Translators: a piece of feedback a version answered: who gave it ({who}: their team,
    # groups or "Someone"), the day, and the beginning of its words.
    said = t("{who}, {day}: “{words}”").format(
        who=who, day=t.day(item.submitted), words=safe.text(excerpt)
    )
    see = t("See the feedback and its answer")
    return f"- {badge(site, 'stance', item.stance, STANCE)} {said} [{see}]({target})"


def _changes(
    t: Language,
    proposal: Proposal,
    version: int,
    earlier: int | None,
    snapshots: dict[int, Snapshot],
) -> str:
    if earlier is None:
        return ""
    heading = t("What changed from version {version}").format(version=earlier)
    title = f"### {heading} {{ #changes-{version} }}\n"
    for shown in (earlier, version):
        reason = proposal.withheld(shown)
        if reason is not None and shown != proposal.version:
            # Translators: {reason} is the proposal owners' own words.
            withheld = t("The text of version {version} is not shown here: {reason}")
            return title + f"\n{withheld.format(version=shown, reason=safe.text(reason))}\n"
    old, new = snapshots.get(earlier), snapshots.get(version)
    if old is None or new is None:
        missing = earlier if old is None else version
        lost = t("The text of version {version} is not in the repository's history.")
        return title + f"\n{lost.format(version=missing)}\n"
    runs = word_diff(old.body, new.body)
    if all(kind == "=" for kind, _ in runs):
        return title + "\n" + t("The text itself did not change.") + "\n"
    return f"{title}\n{diff_html(t, runs)}"


def diff_html(t: Language, runs: list[tuple[str, str]]) -> str:
    """Word runs as one block of HTML: every piece escaped, changes marked by element, sign
    and words (never by colour alone)."""
    # Translators: read out by a screen reader before removed words: "removed: health".
    removed = t("removed:")
    # Translators: read out by a screen reader before added words: "added: village".
    added = t("added:")
    parts = []
    for index, (kind, text) in enumerate(runs):
        if kind == "=":
            parts.append(_context(text, first=index == 0, last=index == len(runs) - 1))
        elif kind == "-":
            parts.append(
                '<del><span class="cp-diff-sign" aria-hidden="true">−</span>'
                f'<span class="cp-visually-hidden">{removed} </span>'
                f"{safe.text_with_spacing(text)}</del>"
            )
        else:
            parts.append(
                '<ins><span class="cp-diff-sign" aria-hidden="true">+</span>'
                f'<span class="cp-visually-hidden">{added} </span>'
                f"{safe.text_with_spacing(text)}</ins>"
            )
    # No trailing blank line: it would end the HTML block early.
    return f'<div class="cp-diff" markdown="0">\n{"".join(parts).rstrip()}\n</div>\n'


def _context(text: str, *, first: bool, last: bool) -> str:
    tokens = WORD.findall(text)
    keep_before = 0 if first else CONTEXT_TOKENS
    keep_after = 0 if last else CONTEXT_TOKENS
    if len(tokens) <= keep_before + keep_after + CONTEXT_TOKENS:
        return safe.text_with_spacing(text)
    head = "".join(tokens[:keep_before])
    tail = "".join(tokens[len(tokens) - keep_after :])
    gap = '<span class="cp-diff-gap">…</span>'
    return safe.text_with_spacing(head) + gap + safe.text_with_spacing(tail)
