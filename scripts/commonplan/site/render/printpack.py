"""The printable consultation pack: one page per proposal that still welcomes comments.

A facilitator prints it for a meeting or a drop-in: the plan in brief, the headings of its
parts, and a form whose boxes are exactly the columns of the spreadsheet template
(``vocabulary.HEADERS``), so what people write on paper is typed into the spreadsheet box by
box and imported with ``commonplan import-csv``. The tick boxes carry the words the import
accepts as they are written (group labels, stance labels, section headings).

Personal-data columns are not in the template, so the form has no name, e-mail or phone box.
"""

from __future__ import annotations

from collections.abc import Callable

from commonplan.model import Proposal
from commonplan.site.render import safe
from commonplan.site.render.common import Site, relative, team_link
from commonplan.urls import pack_page, proposal_page
from commonplan.vocabulary import HEADERS, STANCE

PACK_LABEL = "Print a consultation pack"


def has_pack(site: Site, proposal: Proposal) -> bool:
    """Open now, or still to come (a draft, or a consultation not yet closed).

    A pack for a closed, adopted or withdrawn plan would invite comments nobody is
    gathering any more (the import would warn that they fall outside the consultation);
    drafts get one because groups often shape a draft at their own meetings first.
    """
    window = proposal.consultation
    still_open = window is None or site.today <= window.closes
    return proposal.status in ("draft", "consultation") and still_open


def render(site: Site) -> dict[str, str]:
    return {
        pack_page(proposal.id): _pack(site, proposal)
        for proposal in site.corpus.proposals.values()
        if has_pack(site, proposal)
    }


def _pack(site: Site, proposal: Proposal) -> str:
    page = pack_page(proposal.id)
    title = safe.text(proposal.title)
    out = [
        # Out of the site's search: it repeats the plan's page, which is the one to find.
        "---\nsearch:\n  exclude: true\n---\n",
        f"# Consultation pack: {title}\n",
        f"[Back to the plan's page]({relative(page, proposal_page(proposal.id))}) · "
        "Print this page with your browser's Print command; it fits A4 paper.\n"
        "{ .cp-screen-only }\n",
        "## The plan in brief\n",
        f"{safe.text(proposal.summary)}\n{{ .cp-summary }}\n",
        f"Written by {team_link(site, page, proposal.owner)} · version {proposal.version}"
        f"{_when(site, proposal)}\n{{ .cp-facts }}\n",
        "## What the plan covers\n",
        _contents(proposal),
        "## How to give your feedback\n",
        "- Use one form for each point you want to make; ask for more forms if you need them.\n"
        "- **You do not need to give your name.** Please do not write your name, e-mail"
        " address or phone number anywhere on the form: we do not need them, and we never"
        " publish them.\n"
        "- Give the form back to the person who handed it to you. What you write is published"
        " on the plan's page, and the people who wrote the plan answer it there.\n",
        '<div class="cp-form" markdown>\n',
        "## Your feedback\n",
        *(_field(site, proposal, column) for column in HEADERS),
        "</div>\n",
    ]
    return "\n".join(out)


def _when(site: Site, proposal: Proposal) -> str:
    window = proposal.consultation
    if window is None:
        return " · a draft, not yet open for comment"
    if proposal.is_open(site.today):
        return f" · open for comment until {site.t.day(window.closes)}"
    return f" · open for comment from {site.t.day(window.opens)} to {site.t.day(window.closes)}"


def _contents(proposal: Proposal) -> str:
    if not proposal.sections:
        return "The plan has no separate parts.\n"
    # Nested by heading level, one step at a time (a list cannot skip a level of nesting).
    top = min(section.level for section in proposal.sections)
    lines, depth = [], 0
    for section in proposal.sections:
        depth = min(section.level - top, depth + 1)
        lines.append(f"{'    ' * depth}1. {safe.text(section.title)}")
    return "\n".join(lines) + "\n"


# --- the form: one field per column of the spreadsheet template ----------------------------


def _field(site: Site, proposal: Proposal, column: str) -> str:
    """A field headed by its column's name, as the spreadsheet template has it."""
    question, answer = FIELDS[column](site, proposal)
    return (
        f'<div class="cp-field" markdown>\n\n### {column.capitalize()} {{ #field-{column} }}\n\n'
        f"{question}\n{{ .cp-question }}\n\n{answer}\n\n</div>\n"
    )


def _ticks(labels: list[str]) -> str:
    items = "".join(f"<li>{safe.text(label)}</li>" for label in labels)
    return f'<ul class="cp-ticks">{items}</ul>'


def _box(css_class: str, filled: str = "") -> str:
    return f'<div class="cp-box {css_class}">{filled}</div>'


def _proposal(site: Site, proposal: Proposal) -> tuple[str, str]:
    filled = f"{safe.text(proposal.title)} (<code>{proposal.id}</code>)"
    return "The plan this form is about (filled in for you).", _box("cp-box-filled", filled)


def _section(site: Site, proposal: Proposal) -> tuple[str, str]:
    if not proposal.sections:
        return "The plan has no separate parts: leave this empty.", _box("cp-box-line")
    return (
        "Which part of the plan is it about? Tick one, or none if it is about the whole plan.",
        _ticks([section.title for section in proposal.sections]),
    )


def _group(site: Site, proposal: Proposal) -> tuple[str, str]:
    return (
        "Who is speaking? Tick the one that fits best.",
        _ticks(list(site.corpus.settings.groups.values())),
    )


def _stance(site: Site, proposal: Proposal) -> tuple[str, str]:
    return "What is your view? Tick one.", _ticks([term.label for term in STANCE.terms])


def _feedback(site: Site, proposal: Proposal) -> tuple[str, str]:
    return "What you want to say, in your own words.", _box("cp-box-feedback")


def _team(site: Site, proposal: Proposal) -> tuple[str, str]:
    return (
        "If you speak for a group or team, its name. Leave it empty if you speak for yourself.",
        _box("cp-box-line"),
    )


def _date(site: Site, proposal: Proposal) -> tuple[str, str]:
    return "The day you write this (day / month / year).", _box("cp-box-line")


# Keyed by the template's columns; a column without a field here fails every render, and
# tests/test_printpack.py checks the printed fields against the template file itself.
FIELDS: dict[str, Callable[[Site, Proposal], tuple[str, str]]] = {
    "proposal": _proposal,
    "section": _section,
    "group": _group,
    "stance": _stance,
    "feedback": _feedback,
    "team": _team,
    "date": _date,
}
