"""The public moderation log: every hidden and withdrawn piece of feedback, what was reported,
and the reasons the moderators may give, as a page and as `data/moderations.csv`.

Rendered from the published corpus, so a taken-down item's words cannot reach it: the log
says what happened to an item, never what it said.
"""

from __future__ import annotations

from collections import Counter
from datetime import date

from commonplan.config import OTHER_REPORT_REASON
from commonplan.model import Feedback
from commonplan.site.render import safe
from commonplan.site.render.common import Site, relative, team_link
from commonplan.site.render.exchange import MODERATION_LOG, feedback_location
from commonplan.site.render.tables import Column, csv_table

PAGE = MODERATION_LOG
GUIDE = "moderators.md"
CSV = "data/moderations.csv"

# Named after Decidim's moderations file where a column means the same; its
# `reported_content` is left out on purpose: it is the very text that was taken down.
MODERATION_COLUMNS = [
    Column("id", "The feedback's id."),
    Column("proposal", "Id of the proposal it is about."),
    Column(
        "status",
        "`hidden` (by the moderators), `withdrawn` (at the request of the person who gave"
        " it) or `reported` (reported, and still shown).",
    ),
    Column("reason", "Why it was hidden: an id of the site's moderation reasons."),
    Column("reason_label", "That reason in words, as the site shows it."),
    Column("by", "Id of the moderating team that hid it."),
    Column("date", "The day it was hidden or withdrawn (YYYY-MM-DD)."),
    Column("note", "The moderators' published word of explanation, if any."),
    Column("reported_url", "Where the item is on the site (its place stays, without its words)."),
    Column("reportable_type", "What kind of thing it is: always `feedback`."),
    Column("hidden_at", "The day it was hidden; empty when it was not."),
    Column("report_count", "How many reports it had."),
    Column("reports", "The reasons given in those reports (ids), separated by spaces."),
]


def _logged(site: Site) -> list[Feedback]:
    """Taken-down items, newest first, then items reported and still shown."""
    items = site.corpus.feedback.values()
    down = sorted((f for f in items if f.taken_down), key=lambda f: (_when(f), f.id), reverse=True)
    reported = sorted((f for f in items if f.reports and not f.taken_down), key=lambda f: f.id)
    return down + reported


def _when(item: Feedback) -> date:
    if item.withdrawn is not None:
        return item.withdrawn.date
    assert item.moderation is not None
    return item.moderation.date


def _status(item: Feedback) -> str:
    if item.withdrawn is not None:
        return "withdrawn"
    return "hidden" if item.moderation is not None else "reported"


def _reason_label(site: Site, reason: str) -> str:
    if reason == OTHER_REPORT_REASON[0]:
        return OTHER_REPORT_REASON[1]
    return site.corpus.settings.moderation_reasons.get(reason, reason)


def _address(site: Site, item: Feedback) -> str:
    """The item's place on the site: a full address when the site's address is known."""
    path = feedback_location(site, item).removesuffix(".md") + f"/#{item.id}"
    site_url = site.corpus.settings.site_url
    return f"{site_url.rstrip('/')}/{path}" if site_url else path


def _row(site: Site, item: Feedback) -> list[str]:
    hidden = item.moderation if item.withdrawn is None else None
    when = _when(item).isoformat() if item.taken_down else ""
    return [
        item.id,
        item.proposal,
        _status(item),
        hidden.reason if hidden else "",
        _reason_label(site, hidden.reason) if hidden else "",
        hidden.by if hidden else "",
        when,
        (hidden.note or "").strip() if hidden else "",
        _address(site, item),
        "feedback",
        hidden.date.isoformat() if hidden else "",
        str(len(item.reports)),
        " ".join(report.reason for report in item.reports),
    ]


def moderations_csv(site: Site) -> str:
    return csv_table(MODERATION_COLUMNS, (_row(site, item) for item in _logged(site)))


def _item_link(site: Site, item: Feedback) -> str:
    return f"[{item.id}]({relative(PAGE, feedback_location(site, item))}#{item.id})"


def _what_happened(site: Site, item: Feedback) -> list[str]:
    """The cells What happened, Why, By and When of a taken-down item's row."""
    if item.withdrawn is not None:
        return [
            "Withdrawn",
            "At the request of the person who gave it",
            "—",
            site.t.day(_when(item)),
        ]
    assert item.moderation is not None
    moderation = item.moderation
    why = safe.text(_reason_label(site, moderation.reason))
    if moderation.note:
        why += f". {safe.text(moderation.note)}"
    return ["Hidden", why, team_link(site, PAGE, moderation.by), site.t.day(moderation.date)]


def _reports_cell(site: Site, item: Feedback) -> str:
    if not item.reports:
        return "None"
    counted = Counter(_reason_label(site, report.reason) for report in item.reports)
    return "; ".join(f"{safe.text(label)} ({n})" for label, n in counted.most_common())


def log_page(site: Site) -> str:
    corpus = site.corpus
    moderators = [team_link(site, PAGE, team_id) for team_id in corpus.settings.moderators]
    logged = _logged(site)
    down = [item for item in logged if item.taken_down]
    reported = [item for item in logged if not item.taken_down]
    out = [
        "# Moderation log\n",
        "Feedback the moderators hid, and feedback taken down at the request of the person"
        " who gave it. Their words are no longer published anywhere on this site; their"
        " place stays, saying what happened. This log says what was done, by whom, when and"
        f" why. How the moderators decide: [the moderators' guide]({relative(PAGE, GUIDE)}).\n",
        f"The moderators: {', '.join(moderators)}.\n"
        if moderators
        else "This strategy has not named its moderators yet.\n",
        f"The same, to download: [moderations.csv]({relative(PAGE, CSV)}).\n",
        "## Taken down\n",
    ]
    if down:
        out.append("| Feedback | Proposal | What happened | Why | By | When | Reports |")
        out.append("| --- | --- | --- | --- | --- | --- | --- |")
        for item in down:
            title = safe.text(corpus.proposals[item.proposal].title)
            cells = [_item_link(site, item), title, *_what_happened(site, item)]
            out.append(f"| {' | '.join(cells)} | {len(item.reports)} |")
        out.append("")
    else:
        out.append("Nothing has been hidden or withdrawn.\n")
    out += [
        "## Reported, still shown\n",
        "Anyone can report a piece of feedback with the *Report this* link beside it. A report"
        " hides nothing by itself: the moderators read each one and decide.\n",
    ]
    if reported:
        out.append("| Feedback | Proposal | Reports | Reasons given |")
        out.append("| --- | --- | --- | --- |")
        for item in reported:
            title = safe.text(corpus.proposals[item.proposal].title)
            reasons = _reports_cell(site, item)
            out.append(f"| {_item_link(site, item)} | {title} | {len(item.reports)} | {reasons} |")
        out.append("")
    else:
        out.append("No feedback that is still shown has been reported.\n")
    out += ["## The reasons the moderators may give\n", "| Reason | Id |", "| --- | --- |"]
    out += [
        f"| {safe.text(label)} | `{reason}` |"
        for reason, label in corpus.settings.moderation_reasons.items()
    ]
    return "\n".join(out) + "\n"


def render(site: Site) -> dict[str, str]:
    return {PAGE: log_page(site), CSV: moderations_csv(site)}
