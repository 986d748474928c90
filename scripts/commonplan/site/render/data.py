"""Open data: the whole corpus as JSON, three CSV tables, the JSON Schemas, an Atom feed of
changes, and a page that describes every column."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from commonplan.characters import without_controls
from commonplan.feedback import Feedback
from commonplan.language import mark
from commonplan.model import Proposal, Team
from commonplan.schema import expected_schemas
from commonplan.site.render.common import Site, actions_of
from commonplan.site.render.exchange import feedback_location
from commonplan.site.render.moderation import MODERATION_COLUMNS
from commonplan.site.render.tables import (
    ACTION_COLUMNS,
    FEEDBACK_COLUMNS,
    MEASURE_COLUMNS,
    csv_table,
)
from commonplan.urls import proposal_page

FEED_ENTRIES = 50
# How json.dumps writes a character below U+0020 that `without_controls` leaves out.
C0_ESCAPES = ("\\u00", "\\b", "\\f", "\\r")


# Each file's name on the open data page (a tab over its columns).
TABLES = {
    "feedback.csv": (mark("open data table", "Feedback"), FEEDBACK_COLUMNS),
    "actions.csv": (mark("open data table", "Actions"), ACTION_COLUMNS),
    "measures.csv": (mark("open data table", "Measures"), MEASURE_COLUMNS),
    "moderations.csv": (mark("open data table", "Moderation"), MODERATION_COLUMNS),
}


def render(site: Site) -> dict[str, str]:
    pages = {
        "data/strategy.json": strategy_json(site),
        "data/feedback.csv": csv_table(
            FEEDBACK_COLUMNS, (_feedback_row(site, f) for f in _feedback(site))
        ),
        "data/actions.csv": csv_table(
            ACTION_COLUMNS,
            (
                [p.id, a.id, a.title, a.owner, _iso(a.due), a.status, _iso(a.done)]
                for p, a in actions_of(site)
            ),
        ),
        "data/measures.csv": csv_table(
            MEASURE_COLUMNS,
            (
                [
                    p.id,
                    m.id,
                    m.name,
                    m.unit,
                    f"{m.baseline:g}",
                    f"{m.target:g}",
                    r.date.isoformat(),
                    f"{r.value:g}",
                ]
                for p in site.corpus.proposals.values()
                for m in p.measures
                for r in m.history
            ),
        ),
        "data/feed.xml": atom_feed(site, "data/feed.xml"),
        # The same feed where every page's head points feed readers: the themes look for a
        # sitemap beside each `rel="alternate"` link, and the site's root has one.
        "feed.xml": atom_feed(site, "feed.xml"),
        "data/index.md": _data_page(site),
    }
    for schema in expected_schemas(site.corpus.settings.groups):
        pages[f"data/{schema.rel}"] = schema.content
    return pages


def _feedback(site: Site) -> list[Feedback]:
    return sorted(site.corpus.feedback.values(), key=lambda f: (f.proposal, f.submitted, f.id))


def _iso(value: date | None) -> str:
    return value.isoformat() if value else ""


# --- JSON ----------------------------------------------------------------------------------


def _team_json(team: Team) -> dict[str, Any]:
    data = team.model_dump(mode="json", by_alias=True, exclude_none=True)
    # Only people who agreed to be named are published.
    data["members"] = [
        m for m in data.get("members", []) if "team" in m or m.get("consent") is True
    ]
    return {"id": team.id, **data}


def _proposal_json(proposal: Proposal) -> dict[str, Any]:
    data = proposal.model_dump(mode="json", by_alias=True, exclude_none=True)
    return {"id": proposal.id, **data, "version": proposal.version, "body": proposal.body}


def strategy_json(site: Site) -> str:
    corpus = site.corpus
    document = {
        "generated": site.today.isoformat(),
        "groups": corpus.settings.groups,
        "teams": [_team_json(t) for t in sorted(corpus.teams.values(), key=lambda t: t.id)],
        "proposals": [
            _proposal_json(p) for p in sorted(corpus.proposals.values(), key=lambda p: p.id)
        ],
        "feedback": [
            {"id": f.id, **f.model_dump(mode="json", by_alias=True, exclude_none=True)}
            for f in _feedback(site)
        ],
    }
    # Compact: with an indent, the json module falls back to its slow pure-Python encoder.
    return _open_json(document, separators=(",", ":")) + "\n"


# --- what every open data file shares ------------------------------------------------------

# Every open data file holds the text exactly as written, but for bidi controls (which hide
# what text says; the pages leave them out too) and control characters (which the programs
# the files are opened in may read as commands): `without_controls`, for every value.


def _open_json(data: Any, separators: tuple[str, str]) -> str:
    """``data`` as JSON, every string (and key) without controls."""
    text = json.dumps(data, ensure_ascii=False, separators=separators)
    if any(escape in text for escape in C0_ESCAPES):
        # A character below U+0020 is written as an escape: clean the strings one by one
        # (slower, so only then; a written backslash may ask for it too, which only costs time).
        text = json.dumps(_open_values(data), ensure_ascii=False, separators=separators)
    return without_controls(text)  # the characters json.dumps writes as they are


def _open_values(data: Any) -> Any:
    if isinstance(data, str):
        return without_controls(data)
    if isinstance(data, dict):
        return {
            without_controls(key) if isinstance(key, str) else key: _open_values(value)
            for key, value in data.items()
        }
    if isinstance(data, list):
        return [_open_values(value) for value in data]
    return data


# --- CSV -----------------------------------------------------------------------------------


def _feedback_row(site: Site, item: Feedback) -> list[str]:
    response = item.response
    return [
        item.id,
        item.proposal,
        item.section or "",
        item.from_ or "",
        " ".join(site.corpus.groups_of(item)),
        item.stance,
        item.submitted.isoformat(),
        item.source.kind,
        item.source.ref or "",
        item.source.recorded_by or "",
        item.body.strip(),
        response.status if response else "",
        response.by if response else "",
        _iso(response.date) if response else "",
        response.text.strip() if response else "",
        str(response.revision) if response and response.revision else "",
    ]


# --- Atom ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    day: date
    title: str
    summary: str
    page: str  # site page the change is shown on, without ".md"
    key: str


def changes(site: Site) -> list[Change]:
    """New proposals (when their consultation opened), revisions and answers; newest first."""
    t = site.t
    # Translators: the title of an entry of the site's Atom feed; {title} is the proposal's.
    opened = t("New proposal: {title}")
    # Translators: the title of an entry of the site's Atom feed; {title} is the proposal's.
    revised = t("{title}: version {version}")
    # Translators: the title of an entry of the site's Atom feed; {title} is the proposal's.
    answered = t("{title}: an answer to feedback")
    found: list[Change] = []
    for proposal in site.corpus.proposals.values():
        page = proposal_page(proposal.id).removesuffix(".md") + "/"
        if proposal.consultation:
            found.append(
                Change(
                    proposal.consultation.opens,
                    opened.format(title=proposal.title),
                    proposal.summary,
                    page,
                    f"{proposal.id}/opened",
                )
            )
        for revision in proposal.revisions:
            found.append(
                Change(
                    revision.date,
                    revised.format(title=proposal.title, version=revision.version),
                    revision.summary,
                    f"{page}#version-{revision.version}",
                    f"{proposal.id}/version-{revision.version}",
                )
            )
        for item in site.corpus.feedback_on(proposal.id):
            if item.response is not None:
                found.append(
                    Change(
                        item.response.date,
                        answered.format(title=proposal.title),
                        item.response.text,
                        feedback_location(site, item).removesuffix(".md") + f"/#{item.id}",
                        f"{item.id}/response",
                    )
                )
    found.sort(key=lambda c: (c.day, c.key), reverse=True)
    return found[:FEED_ENTRIES]


def atom_feed(site: Site, at: str) -> str:
    """The changes to the strategy as an Atom feed published at ``at`` (its own address)."""
    base = site.address or "https://example.invalid/"
    entries = changes(site)
    updated = (entries[0].day if entries else site.today).isoformat()
    # Translators: the title of the site's Atom feed.
    title = site.t("Changes to the strategy")
    # Translators: the author of the site's Atom feed.
    author = site.t("The strategy's owners")
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        f"  <title>{escape(title)}</title>",
        f"  <id>{escape(base)}</id>",
        f'  <link rel="alternate" href={quoteattr(base)}/>',
        f'  <link rel="self" href={quoteattr(base + at)}/>',
        f"  <updated>{updated}T00:00:00Z</updated>",
        f"  <author><name>{escape(author)}</name></author>",
    ]
    for change in entries:
        lines += [
            "  <entry>",
            f"    <title>{escape(_plain(change.title))}</title>",
            f"    <id>{escape(base + change.key)}</id>",
            f"    <link href={quoteattr(base + change.page)}/>",
            f"    <updated>{change.day.isoformat()}T00:00:00Z</updated>",
            f"    <summary>{escape(_plain(change.summary))}</summary>",
            "  </entry>",
        ]
    lines.append("</feed>")
    return "\n".join(lines) + "\n"


def _plain(value: str) -> str:
    # Text content only (type="text"): escaped by ``escape``; control characters, which XML
    # does not allow, and direction tricks removed.
    return " ".join(without_controls(value).split())


# --- the page that describes the data ------------------------------------------------------


def _data_page(site: Site) -> str:
    t = site.t
    moderation_log = "[" + t("moderation log") + "](../moderation/index.md)"
    # Translators: {team}, {proposal}, {translation} and {feedback} are links, each the word
    # "team", "proposal", "translation" or "feedback", to the JSON Schema of those files.
    schemas = t("{team}, {proposal}, {translation}, {feedback} schemas").format(
        # Translators: the JSON Schema of a team's file, in "team, proposal, feedback schemas".
        team="[" + t.p("schema", "team") + "](schemas/team.schema.json)",
        # Translators: the JSON Schema of a proposal's file.
        proposal="[" + t.p("schema", "proposal") + "](schemas/proposal.schema.json)",
        # Translators: the JSON Schema of a proposal's translation (proposals/<id>.<code>.md).
        translation="["
        + t.p("schema", "translation")
        + "](schemas/proposal-translation.schema.json)",
        # Translators: the JSON Schema of a piece of feedback's file.
        feedback="[" + t.p("schema", "feedback") + "](schemas/feedback.schema.json)",
    )
    files = [
        (
            "[strategy.json](strategy.json)",
            t(
                "The whole validated strategy: groups, teams, proposals (with their text) and"
                " feedback."
            ),
        ),
        (
            "[feedback.csv](feedback.csv)",
            t("One row per piece of feedback, with its answer."),
        ),
        ("[actions.csv](actions.csv)", t("One row per action.")),
        ("[measures.csv](measures.csv)", t("One row per reading of each measure.")),
        (
            "[moderations.csv](moderations.csv)",
            # Translators: {log} is a link, "moderation log"; {column} a column's name.
            t(
                "One row per piece of feedback hidden, withdrawn or reported: the {log} as a"
                " table. Its columns follow Decidim's moderations file where they mean the"
                " same, but for {column}: the words taken down are published nowhere."
            ).format(log=moderation_log, column="`reported_content`"),
        ),
        (
            "[feed.xml](feed.xml)",
            t("An Atom feed of changes: new proposals, revisions, answers."),
        ),
        (schemas, t("JSON Schemas of the source files.")),
    ]
    file_heading = t.p("table heading", "File")
    holds_heading = t.p("table heading", "What it holds")
    column_heading = t.p("table heading", "Column")
    meaning_heading = t.p("table heading", "Meaning")
    out = [
        "# " + t("Open data") + "\n",
        t(
            "Everything on this site, as files you can download and reuse. People who gave"
            " feedback are not named: only their team, if they spoke for one, and their"
            " stakeholder group. Individual team members appear only when they agreed to it."
        )
        + "\n",
        f"| {file_heading} | {holds_heading} |\n| --- | --- |",
        *(f"| {file} | {holds} |" for file, holds in files),
        "",
        "## " + t("Columns") + "\n",
        # Translators: keep the characters in backticks (`=`, `'`) and `strategy.json` as
        # they are.
        t(
            "A cell that would start with `=`, `+`, `-`, `@` or a tab is written with a `'` in"
            " front, so that spreadsheets show it as text instead of running it as a formula;"
            " `strategy.json` holds the exact text. Every file leaves out control characters"
            " and the invisible characters that change the direction of text."
        )
        + "\n",
    ]
    for file, (title, columns) in TABLES.items():
        name = t.marked("open data table", title)
        out.append(f'=== "{name} ({file})"\n')
        out.append(f"    | {column_heading} | {meaning_heading} |\n    | --- | --- |")
        out += [f"    | `{c.name}` | {c.shown(t)} |" for c in columns]
        out.append("")
    return "\n".join(out)
