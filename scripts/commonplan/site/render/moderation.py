"""The public moderation log: every hidden and withdrawn piece of feedback, what was reported,
and the reasons the moderators may give, as a page and as `data/moderations.csv`.

Rendered from the published corpus, so a taken-down item's words cannot reach it: the log
says what happened to an item, never what it said.
"""

from __future__ import annotations

from collections import Counter
from datetime import date

from commonplan.config import OTHER_REPORT_REASON
from commonplan.feedback import Feedback
from commonplan.language import mark
from commonplan.site.render import safe
from commonplan.site.render.common import Site, relative, team_link
from commonplan.site.render.exchange import MODERATION_LOG, feedback_location
from commonplan.site.render.tables import Column, csv_table

PAGE = MODERATION_LOG
GUIDE = "moderators.md"
CSV = "data/moderations.csv"

# Named after Decidim's moderations file where a column means the same; its
# `reported_content` is left out on purpose: it is the very text that was taken down. The
# names are data; the meanings are shown on the open data page, in the page's language.
MODERATION_COLUMNS = [
    Column("id", mark("open data column", "The feedback's id.")),
    Column("proposal", mark("open data column", "Id of the proposal it is about.")),
    Column(
        "status",
        # Translators: `hidden`, `withdrawn` and `reported` are the values in the file,
        # kept as they are.
        mark(
            "open data column",
            "`hidden` (by the moderators), `withdrawn` (at the request of the person who gave"
            " it) or `reported` (reported, and still shown).",
        ),
    ),
    Column(
        "reason",
        mark("open data column", "Why it was hidden: an id of the site's moderation reasons."),
    ),
    Column("reason_label", mark("open data column", "That reason in words, as the site shows it.")),
    Column("by", mark("open data column", "Id of the moderating team that hid it.")),
    Column("date", mark("open data column", "The day it was hidden or withdrawn (YYYY-MM-DD).")),
    Column(
        "note", mark("open data column", "The moderators' published word of explanation, if any.")
    ),
    Column(
        "reported_url",
        mark(
            "open data column",
            "Where the item is on the site (its place stays, without its words).",
        ),
    ),
    Column(
        "reportable_type",
        # Translators: `feedback` is the value in the file, kept as it is.
        mark("open data column", "What kind of thing it is: always `feedback`."),
    ),
    Column("hidden_at", mark("open data column", "The day it was hidden; empty when it was not.")),
    Column("report_count", mark("open data column", "How many reports it had.")),
    Column(
        "reports",
        mark("open data column", "The reasons given in those reports (ids), separated by spaces."),
    ),
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
        # Translators: the reason a report gives when none of the moderators' reasons fits.
        return site.t("Something else")
    return site.corpus.settings.moderation_reasons.get(reason, reason)


def _address(site: Site, item: Feedback) -> str:
    """The item's place on the site: a full address when the site's address is known."""
    path = feedback_location(site, item).removesuffix(".md") + f"/#{item.id}"
    return f"{site.address}{path}" if site.address else path


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
    t = site.t
    if item.withdrawn is not None:
        return [
            t.p("moderation log", "Withdrawn"),
            t("At the request of the person who gave it"),
            "—",
            t.day(_when(item)),
        ]
    assert item.moderation is not None
    moderation = item.moderation
    why = safe.text(_reason_label(site, moderation.reason))
    if moderation.note:
        why += f". {safe.text(moderation.note)}"
    hidden = t.p("moderation log", "Hidden")
    return [hidden, why, team_link(site, PAGE, moderation.by), t.day(moderation.date)]


def _reports_cell(site: Site, item: Feedback) -> str:
    if not item.reports:
        # Translators: no reports, in the Reports column of the moderation log.
        return site.t.p("moderation log", "None")
    counted = Counter(_reason_label(site, report.reason) for report in item.reports)
    return "; ".join(f"{safe.text(label)} ({n})" for label, n in counted.most_common())


def _row_of_headings(*headings: str) -> list[str]:
    """A Markdown table's heading row and the rule under it."""
    return [f"| {' | '.join(headings)} |", f"|{' --- |' * len(headings)}"]


def log_page(site: Site) -> str:
    corpus = site.corpus
    t = site.t
    moderators = [team_link(site, PAGE, team_id) for team_id in corpus.settings.moderators]
    logged = _logged(site)
    down = [item for item in logged if item.taken_down]
    reported = [item for item in logged if not item.taken_down]
    guide_words = t("the moderators' guide")
    guide = f"[{guide_words}]({relative(PAGE, GUIDE)})"
    about = t(
        "Feedback the moderators hid, and feedback taken down at the request of the person"
        " who gave it. Their words are no longer published anywhere on this site; their"
        " place stays, saying what happened. This log says what was done, by whom, when and"
        " why. How the moderators decide: {guide}."
    ).format(guide=guide)
    if moderators:
        # Translators: {moderators} are the moderating teams' names, each a link.
        named = t("The moderators: {moderators}.").format(moderators=", ".join(moderators))
    else:
        named = t("This strategy has not named its moderators yet.")
    # Translators: {file} is a link to the file moderations.csv.
    download = t("The same, to download: {file}.").format(
        file=f"[moderations.csv]({relative(PAGE, CSV)})"
    )
    heading, taken_down = t("Moderation log"), t("Taken down")
    out = [f"# {heading}\n", f"{about}\n", f"{named}\n", f"{download}\n", f"## {taken_down}\n"]
    feedback, proposal = t.p("column", "Feedback"), t.p("column", "Proposal")
    reports = t.p("column", "Reports")
    if down:
        out += _row_of_headings(
            feedback,
            proposal,
            t.p("column", "What happened"),
            t.p("column", "Why"),
            t.p("column", "By"),
            t.p("column", "When"),
            reports,
        )
        for item in down:
            title = safe.text(corpus.proposals[item.proposal].title)
            cells = [_item_link(site, item), title, *_what_happened(site, item)]
            out.append(f"| {' | '.join(cells)} | {len(item.reports)} |")
        out.append("")
    else:
        out.append(t("Nothing has been hidden or withdrawn.") + "\n")
    still_shown = t("Reported, still shown")
    report_this = t("Report this")
    # Translators: {report} is the words of the "Report this" link, in italics.
    anyone = t(
        "Anyone can report a piece of feedback with the {report} link beside it. A report"
        " hides nothing by itself: the moderators read each one and decide."
    ).format(report=f"*{report_this}*")
    out += [f"## {still_shown}\n", f"{anyone}\n"]
    if reported:
        out += _row_of_headings(feedback, proposal, reports, t.p("column", "Reasons given"))
        for item in reported:
            title = safe.text(corpus.proposals[item.proposal].title)
            reasons = _reports_cell(site, item)
            out.append(f"| {_item_link(site, item)} | {title} | {len(item.reports)} | {reasons} |")
        out.append("")
    else:
        out.append(t("No feedback that is still shown has been reported.") + "\n")
    reasons_heading = t("The reasons the moderators may give")
    out += [f"## {reasons_heading}\n"]
    out += _row_of_headings(t.p("column", "Reason"), t.p("column", "Id"))
    out += [
        f"| {safe.text(label)} | `{reason}` |"
        for reason, label in corpus.settings.moderation_reasons.items()
    ]
    return "\n".join(out) + "\n"


def render(site: Site) -> dict[str, str]:
    return {PAGE: log_page(site), CSV: moderations_csv(site)}
