"""Open data: the whole corpus as JSON, three CSV tables, the JSON Schemas, an Atom feed of
changes, and a page that describes every column."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from commonplan.characters import without_controls
from commonplan.model import Feedback, Proposal, Team
from commonplan.schema import expected_schemas
from commonplan.site.render.common import Site, actions_of
from commonplan.site.render.exchange import feedback_location
from commonplan.site.render.moderation import MODERATION_COLUMNS
from commonplan.site.render.tables import Column, csv_table
from commonplan.urls import proposal_page
from commonplan.vocabulary import ACTION_STATUS, RESPONSE_STATUS, SOURCE, STANCE

FEED_ENTRIES = 50
# How json.dumps writes a character below U+0020 that `without_controls` leaves out.
C0_ESCAPES = ("\\u00", "\\b", "\\f", "\\r")


FEEDBACK_COLUMNS = [
    Column("id", "The feedback's id."),
    Column("proposal", "Id of the proposal it is about."),
    Column("section", "Anchor of the section of the text it is about; empty for general comments."),
    Column("from", "Id of the team the speaker spoke for; empty when they spoke for themselves."),
    Column("groups", "The stakeholder groups it speaks for, separated by spaces."),
    Column("stance", f"{STANCE.in_words}."),
    Column("submitted", "The day it was given (YYYY-MM-DD)."),
    Column(
        "source",
        f"How it reached us: {SOURCE.in_words}.",
    ),
    Column("source_ref", "A link or reference for the source, when there is one."),
    Column("recorded_by", "Team that wrote down feedback given offline."),
    Column("body", "What was said."),
    Column("response_status", f"{RESPONSE_STATUS.in_words}; empty when not answered."),
    Column("response_by", "Team that answered."),
    Column("response_date", "The day of the answer."),
    Column("response_text", "The answer."),
    Column("response_revision", "The version of the proposal that answers it, if any."),
]
ACTION_COLUMNS = [
    Column("proposal", "Id of the proposal the action belongs to."),
    Column("id", "The action's id, unique within its proposal."),
    Column("title", "What will be done."),
    Column("owner", "Id of the team responsible."),
    Column("due", "When it should be done."),
    Column("status", f"{ACTION_STATUS.in_words}."),
    Column("done", "The day it was done."),
]
MEASURE_COLUMNS = [
    Column("proposal", "Id of the proposal the measure belongs to."),
    Column("measure", "The measure's id, unique within its proposal."),
    Column("name", "What is measured."),
    Column("unit", "Unit of the values."),
    Column("baseline", "Value before the work started."),
    Column("target", "Value the work aims for."),
    Column("date", "Day of this reading; one row per reading."),
    Column("value", "The reading."),
]
TABLES = {
    "feedback.csv": ("Feedback", FEEDBACK_COLUMNS),
    "actions.csv": ("Actions", ACTION_COLUMNS),
    "measures.csv": ("Measures", MEASURE_COLUMNS),
    "moderations.csv": ("Moderation", MODERATION_COLUMNS),
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
        "data/feed.xml": atom_feed(site),
        "data/index.md": _data_page(),
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
    found: list[Change] = []
    for proposal in site.corpus.proposals.values():
        page = proposal_page(proposal.id).removesuffix(".md") + "/"
        if proposal.consultation:
            found.append(
                Change(
                    proposal.consultation.opens,
                    f"New proposal: {proposal.title}",
                    proposal.summary,
                    page,
                    f"{proposal.id}/opened",
                )
            )
        for revision in proposal.revisions:
            found.append(
                Change(
                    revision.date,
                    f"{proposal.title}: version {revision.version}",
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
                        f"{proposal.title}: an answer to feedback",
                        item.response.text,
                        feedback_location(site, item).removesuffix(".md") + f"/#{item.id}",
                        f"{item.id}/response",
                    )
                )
    found.sort(key=lambda c: (c.day, c.key), reverse=True)
    return found[:FEED_ENTRIES]


def atom_feed(site: Site) -> str:
    base = (site.corpus.settings.site_url or "https://example.invalid/").rstrip("/") + "/"
    entries = changes(site)
    updated = (entries[0].day if entries else site.today).isoformat()
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        "  <title>Changes to the strategy</title>",
        f"  <id>{escape(base)}</id>",
        f'  <link rel="alternate" href={quoteattr(base)}/>',
        f'  <link rel="self" href={quoteattr(base + "data/feed.xml")}/>',
        f"  <updated>{updated}T00:00:00Z</updated>",
        "  <author><name>The strategy's owners</name></author>",
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


def _data_page() -> str:
    out = [
        "# Open data\n",
        "Everything on this site, as files you can download and reuse. People who gave"
        " feedback are not named: only their team, if they spoke for one, and their"
        " stakeholder group. Individual team members appear only when they agreed to it.\n",
        "| File | What it holds |\n| --- | --- |",
        "| [strategy.json](strategy.json) | The whole validated strategy: groups, teams,"
        " proposals (with their text) and feedback. |",
        "| [feedback.csv](feedback.csv) | One row per piece of feedback, with its answer. |",
        "| [actions.csv](actions.csv) | One row per action. |",
        "| [measures.csv](measures.csv) | One row per reading of each measure. |",
        "| [moderations.csv](moderations.csv) | One row per piece of feedback hidden, withdrawn"
        " or reported: the [moderation log](../moderation/index.md) as a table. Its columns"
        " follow Decidim's moderations file where they mean the same, but for"
        " `reported_content`: the words taken down are published nowhere. |",
        "| [feed.xml](feed.xml) | An Atom feed of changes: new proposals, revisions, answers. |",
        "| [team](schemas/team.schema.json), [proposal](schemas/proposal.schema.json),"
        " [feedback](schemas/feedback.schema.json) schemas | JSON Schemas of the source files. |",
        "",
        "## Columns\n",
        "A cell that would start with `=`, `+`, `-`, `@` or a tab is written with a `'` in"
        " front, so that spreadsheets show it as text instead of running it as a formula;"
        " `strategy.json` holds the exact text. Every file leaves out control characters and"
        " the invisible characters that change the direction of text.\n",
    ]
    for file, (title, columns) in TABLES.items():
        out.append(f'=== "{title} ({file})"\n')
        out.append("    | Column | Meaning |\n    | --- | --- |")
        out += [f"    | `{c.name}` | {c.meaning} |" for c in columns]
        out.append("")
    return "\n".join(out)
