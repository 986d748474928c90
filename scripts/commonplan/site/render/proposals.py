"""One page per proposal: its text, what people said and the answers, what changed, its
actions and measures. Long feedback lists continue on further pages."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from markdown.extensions.toc import unique

from commonplan.feedback import Feedback
from commonplan.insight import section_stances
from commonplan.model import Proposal, Section
from commonplan.site.render import safe
from commonplan.site.render.anchors import WHERE_GROUPS_STAND, proposal_ids
from commonplan.site.render.common import (
    Site,
    badge,
    button,
    email_tip,
    github_form_tip,
    pager,
    proposal_badge,
    proposal_link,
    relative,
    speaker,
    team_link,
)
from commonplan.site.render.exchange import exchange
from commonplan.site.render.heard import agreement_badge, stances_table, voices_table
from commonplan.site.render.outcomes import actions_table, measures_section
from commonplan.site.render.printpack import PACK_LABEL, has_pack
from commonplan.site.render.translation_notes import not_translated, translation_outdated
from commonplan.urls import (
    edit_url,
    email_url,
    feedback_pages,
    have_your_say_url,
    history_page,
    pack_page,
    proposal_page,
)
from commonplan.vocabulary import STANCE


def render(site: Site) -> dict[str, str]:
    pages: dict[str, str] = {}
    for proposal in site.corpus.proposals.values():
        pages.update(_proposal_pages(site, proposal))
    return pages


# --- the proposal page ---------------------------------------------------------------------


def _proposal_pages(site: Site, proposal: Proposal) -> dict[str, str]:
    pages_shown = feedback_pages(site.corpus, proposal)
    paths = [path for path, _ in pages_shown]
    parts = [part for _, part in pages_shown]
    # Where each piece of feedback and each section's first comment will be shown.
    ids = proposal_ids(site, proposal)
    where: dict[str, str] = {}
    for path, part in pages_shown:
        for section, item in part:
            where[item.id] = path
            where.setdefault("#" + ids.comments(section), path)

    t = site.t
    pages = {paths[0]: _main_page(site, proposal, parts[0], where, paths)}
    for number_, (path, part) in enumerate(pages_shown[1:], start=2):
        # Translators: the heading of a further page of a proposal's feedback.
        title = t("What people said about {title}: page {number}")
        back = t("Back to {proposal}.").format(proposal=proposal_link(site, path, proposal))
        pages[path] = (
            "# "
            + title.format(title=safe.text(proposal.title), number=number_)
            + f"\n\n{back}\n\n"
            + pager(site.t, path, paths, number_)
            + _said(site, path, proposal, part, where)
        )
    return pages


def _main_page(
    site: Site,
    proposal: Proposal,
    first: Sequence[tuple[Section | None, Feedback]],
    where: dict[str, str],
    paths: list[str],
) -> str:
    t = site.t
    page = proposal_page(proposal.id)
    feedback = site.corpus.feedback_on(proposal.id)
    owner = t("Owner: {team}").format(team=team_link(site, page, proposal.owner))
    how = t("how it changed")
    changes = f"[{how}]({relative(page, history_page(proposal.id))})"
    # Translators: {changes} is a link, "how it changed".
    version = t("Version {version} ({changes})").format(version=proposal.version, changes=changes)
    count = t.n("{count} piece of feedback", "{count} pieces of feedback", len(feedback))
    out = [
        f"# {safe.text(proposal.title)}\n",
        f"{proposal_badge(site, proposal)} · {owner} · {version} · {count}\n{{ .cp-facts }}\n",
        _window(site, proposal),
        not_translated(site, proposal),
        translation_outdated(site, proposal),
        f"{safe.text(proposal.summary)}\n{{ .cp-summary }}\n",
        _buttons(site, proposal),
        "## " + t("The draft") + "\n",
        _draft(site, proposal, where),
    ]
    out.append("## " + t("What people said") + "\n")
    if feedback:
        # A withdrawn item's view was taken back; a hidden one still counts, and is said to.
        stances = Counter(item.stance for item in feedback if item.withdrawn is None)
        hidden = sum(item.moderation is not None and item.withdrawn is None for item in feedback)
        out.append(
            " · ".join(
                f"{badge(site, 'stance', stance, STANCE)} {count}"
                for stance, count in stances.items()
            )
            + (_hidden(site, hidden) if hidden else "")
            + "\n"
        )
        out.append(pager(site.t, page, paths, 1))
        out.append(_said(site, page, proposal, first, where))
        if len(paths) > 1:
            out.append(pager(site.t, page, paths, 1))
    else:
        out.append(t("Nobody has commented yet.") + "\n")
    out += [
        _language_effects(site, page, proposal, where),
        stances_table(site, proposal),
        _revisions(site, proposal, where),
        actions_table(site, proposal),
        measures_section(site, proposal),
        voices_table(site, page, proposal),
    ]
    return "\n".join(part for part in out if part)


def _language_effects(site: Site, page: str, proposal: Proposal, where: dict[str, str]) -> str:
    """What people answered to the question on the proposal's effects on the Welsh language,
    when the site asks it (`ask_language_effects`): each answer with who gave it and when,
    linked to the feedback it came with. A taken-down item's answer is not shown."""
    if not site.corpus.settings.ask_language_effects:
        return ""
    t = site.t
    ids = proposal_ids(site, proposal)
    anchor = unique("welsh-language-effects", {*ids.own, *ids.headings.values()})
    out = ["## " + t("Effects on the Welsh language") + f" {{ #{anchor} }}\n"]
    answered = [
        item
        for item in site.corpus.feedback_on(proposal.id)
        if item.language_effects and not item.taken_down
    ]
    if not answered:
        out.append(t("Nobody has said anything about this yet.") + "\n")
    see = t("the feedback it came with")
    for item in answered:
        assert item.language_effects is not None
        text = safe.paragraphs(item.language_effects)
        written = item.language or site.corpus.settings.languages[0]
        if written != t.code:  # marked, so that screen readers switch voice
            text = f'<div lang="{written}" markdown>\n\n{text}\n\n</div>'
        link = f"[{see}]({_feedback_target(page, where, item.id)})"
        out.append(
            f'<div class="cp-said cp-language-effects" markdown>\n\n{text}\n\n'
            f"{speaker(site, page, item)} · {t.day(item.submitted)} · {link}\n"
            "{ .cp-meta }\n\n</div>\n"
        )
    return "\n".join(out)


def _hidden(site: Site, hidden: int) -> str:
    # Translators: after the tally of views: how many of those pieces of feedback are hidden.
    words = site.t.n(
        "(including {count} hidden by the moderators)",
        "(including {count} hidden by the moderators)",
        hidden,
    )
    return f" {words}"


def _window(site: Site, proposal: Proposal) -> str:
    t = site.t
    window = proposal.consultation
    if window is None:
        return ""
    days = {"opens": t.day(window.opens), "closes": t.day(window.closes)}
    if proposal.is_open(site.today):
        left = (window.closes - site.today).days
        title = t.n(
            "Open for comment: {count} day left", "Open for comment: {count} days left", left
        )
        said = t("Comments are welcome from {opens} to {closes}.").format(**days)
        return f'!!! tip "{title}"\n\n    {said}\n'
    if site.today < window.opens:
        title = t("Consultation not open yet")
        said = t("Comments will be welcome from {opens} to {closes}.").format(**days)
        return f'!!! info "{title}"\n\n    {said}\n'
    title = t("Consultation closed")
    said = t("Comments were invited from {opens} to {closes}.").format(**days)
    return f'!!! note "{title}"\n\n    {said}\n'


def _buttons(site: Site, proposal: Proposal) -> str:
    t = site.t
    buttons = []
    # Comment links only while comments are invited; the text can always be improved.
    if proposal.is_open(site.today):
        issue = have_your_say_url(site.corpus.settings, proposal, code=site.t.code)
        if issue:
            buttons.append(
                button(
                    issue,
                    t.p("button", "Have your say"),
                    "comment-plus-outline",
                    primary=True,
                    tip=github_form_tip(site),
                )
            )
        mail = email_url(site.corpus.settings, proposal, code=site.t.code)
        if mail:
            buttons.append(
                button(
                    mail,
                    t.p("button", "Have your say by e-mail"),
                    "email-outline",
                    tip=email_tip(site),
                )
            )
    if has_pack(site, proposal):
        pack = relative(proposal_page(proposal.id), pack_page(proposal.id))
        buttons.append(button(pack, t.marked("button", PACK_LABEL), "printer-outline"))
    edit = edit_url(site.corpus.settings, proposal)
    if edit:
        label = t.p("button", "Suggest a change to the text")
        buttons.append(button(edit, label, "file-edit-outline"))
    return " ".join(buttons) + "\n" if buttons else ""


def _draft(site: Site, proposal: Proposal, where: dict[str, str]) -> str:
    """The body, its headings kept as headings with feedback count and comment links below."""
    page = proposal_page(proposal.id)
    ids = proposal_ids(site, proposal)
    lines = proposal.body.split("\n")
    starts = [s.line - proposal.body_line for s in proposal.sections]
    counts = Counter(item.section for item in site.corpus.feedback_on(proposal.id))
    agreement = {
        entry.section: agreement_badge(entry, site.t)
        for entry in section_stances(site.corpus, proposal)
    }
    out = [_html_block("cp-draft", "\n".join(lines[: starts[0] if starts else len(lines)]))]
    for index, section in enumerate(proposal.sections):
        end = starts[index + 1] if index + 1 < len(starts) else len(lines)
        level = min(section.level + 1, 6)
        heading = f"{safe.text(section.title)} {{ #{ids.heading(section.anchor)} }}"
        out.append(f"{'#' * level} {heading}\n")
        out.append(
            _section_tools(site, page, proposal, section, counts[section.anchor], where, agreement)
        )
        out.append(_html_block("cp-draft", "\n".join(lines[starts[index] + 1 : end])))
    return "\n".join(part for part in out if part)


def _html_block(css_class: str, markdown_source: str) -> str:
    if not markdown_source.strip():
        return ""
    return (
        f'<div class="{css_class}" markdown="0">\n{safe.markdown_html(markdown_source)}\n</div>\n'
    )


def _section_tools(
    site: Site,
    page: str,
    proposal: Proposal,
    section: Section,
    count: int,
    where: dict[str, str],
    agreement: dict[str | None, str],
) -> str:
    t = site.t
    tools = []
    if agreement.get(section.anchor):
        stand = t("where groups stand")
        tools.append(f"{agreement[section.anchor]} ([{stand}](#{WHERE_GROUPS_STAND}))")
    if count:
        said = proposal_ids(site, proposal).comments(section)
        target = relative(page, where.get("#" + said, page))
        target = "" if target == relative(page, page) else target
        words = t.n("{count} comment on this section", "{count} comments on this section", count)
        tools.append(
            f'[:material-comment-multiple-outline:{{ aria-hidden="true" }}'
            f" {words}]({target}#{said})"
        )
    else:
        words = t("No comments on this section yet")
        tools.append(f':material-comment-outline:{{ aria-hidden="true" }} {words}')
    issue = have_your_say_url(site.corpus.settings, proposal, section.anchor, site.t.code)
    if issue and proposal.is_open(site.today):
        words = t("Comment on this section")
        tools.append(f'[:material-comment-plus-outline:{{ aria-hidden="true" }} {words}]({issue})')
    mail = email_url(site.corpus.settings, proposal, section.anchor, site.t.code)
    if mail and proposal.is_open(site.today):
        # Translators: after "Comment on this section ·": the same by e-mail.
        words = t("by e-mail")
        tools.append(f'[:material-email-outline:{{ aria-hidden="true" }} {words}]({mail})')
    return " · ".join(tools) + "\n{ .cp-section-tools }\n"


def _said(
    site: Site,
    page: str,
    proposal: Proposal,
    items: Sequence[tuple[Section | None, Feedback]],
    where: dict[str, str],
) -> str:
    out: list[str] = []
    ids = proposal_ids(site, proposal)
    current: object = ()
    for section, item in items:
        if section != current:
            current = section
            title = (
                site.t("On “{section}”").format(section=safe.text(section.title))
                if section
                else site.t("General comments")
            )
            out.append(f"### {title} {{ #{ids.comments(section)} }}\n")
        out.append(exchange(site, page, proposal, item))
    return "\n".join(out)


def _revisions(site: Site, proposal: Proposal, where: dict[str, str]) -> str:
    if not proposal.revisions:
        return ""
    t = site.t
    page = proposal_page(proposal.id)
    out = ["## " + t("What changed") + "\n"]
    for revision in sorted(proposal.revisions, key=lambda r: r.version, reverse=True):
        title = t("Version {version}, {day}").format(
            version=revision.version, day=t.day(revision.date)
        )
        out.append(f"### {title} {{ #version-{revision.version} }}\n")
        out.append(f"{safe.text(revision.summary)}\n")
        changes = f"{relative(page, history_page(proposal.id))}#version-{revision.version}"
        see = t("See what changed in version {version}").format(version=revision.version)
        out.append(f"[{see}]({changes})\n")
        answered = [
            f"[{item_id}]({_feedback_target(page, where, item_id)})"
            for item_id in revision.responds_to
            if item_id in where
        ]
        if answered:
            listed = t("In answer to feedback: {feedback}").format(feedback=", ".join(answered))
            out.append(f"{listed}\n")
    return "\n".join(out)


def _feedback_target(page: str, where: dict[str, str], item_id: str) -> str:
    target = where[item_id]
    return f"#{item_id}" if target == page else f"{relative(page, target)}#{item_id}"
