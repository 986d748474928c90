"""The printable consultation pack: one page per proposal that still welcomes comments.

A facilitator prints it for a meeting or a drop-in: the plan in brief, the headings of its
parts, and a form whose boxes are exactly the columns of the spreadsheet template
(``vocabulary.HEADERS``), so what people write on paper is typed into the spreadsheet box by
box and imported with ``commonplan import-csv``. The tick boxes carry the words the import
accepts as they are written (group labels, stance labels, section headings).

Personal-data columns are not in the template, so the form has no name, e-mail or phone box.
With the site option `ask_language_effects`, one more box after the feedback asks about the
plan's effects on the Welsh language (the template has no column for it yet).
"""

from __future__ import annotations

from collections.abc import Callable

from commonplan.language import mark
from commonplan.model import Proposal
from commonplan.site.render import safe
from commonplan.site.render.common import Site, relative, team_link
from commonplan.urls import pack_page, proposal_page
from commonplan.vocabulary import HEADERS, STANCE

# The button on the plan's page (the guides name it so, in English).
PACK_LABEL = mark("button", "Print a consultation pack")


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
    t = site.t
    page = pack_page(proposal.id)
    title = t("Consultation pack: {title}").format(title=safe.text(proposal.title))
    back = t("Back to the plan's page")
    # Translators: "Print" is the name of the browser's own command (its menu's word).
    how = t("Print this page with your browser's Print command; it fits A4 paper.")
    written = t("Written by {team}").format(team=team_link(site, page, proposal.owner))
    version = t("version {version}").format(version=proposal.version)
    no_name = t("You do not need to give your name.")
    advice = [
        t("Use one form for each point you want to make; ask for more forms if you need them."),
        f"**{no_name}** "
        + t(
            "Please do not write your name, e-mail address or phone number anywhere on the"
            " form: we do not need them, and we never publish them."
        ),
        t(
            "Give the form back to the person who handed it to you. What you write is published"
            " on the plan's page, and the people who wrote the plan answer it there."
        ),
    ]
    out = [
        # Out of the site's search: it repeats the plan's page, which is the one to find.
        "---\nsearch:\n  exclude: true\n---\n",
        f"# {title}\n",
        f"[{back}]({relative(page, proposal_page(proposal.id))}) · {how}\n{{ .cp-screen-only }}\n",
        "## " + t("The plan in brief") + "\n",
        f"{safe.text(proposal.summary)}\n{{ .cp-summary }}\n",
        f"{written} · {version}{_when(site, proposal)}\n{{ .cp-facts }}\n",
        "## " + t("What the plan covers") + "\n",
        _contents(site, proposal),
        "## " + t("How to give your feedback") + "\n",
        "".join(f"- {line}\n" for line in advice),
        '<div class="cp-form" markdown>\n',
        "## " + t("Your feedback") + "\n",
        *_fields(site, proposal),
        "</div>\n",
    ]
    return "\n".join(out)


def _when(site: Site, proposal: Proposal) -> str:
    t = site.t
    window = proposal.consultation
    if window is None:
        return " · " + t("a draft, not yet open for comment")
    if proposal.is_open(site.today):
        return " · " + t("open for comment until {day}").format(day=t.day(window.closes))
    when = t("open for comment from {opens} to {closes}")
    return " · " + when.format(opens=t.day(window.opens), closes=t.day(window.closes))


def _contents(site: Site, proposal: Proposal) -> str:
    if not proposal.sections:
        return site.t("The plan has no separate parts.") + "\n"
    # Nested by heading level, one step at a time (a list cannot skip a level of nesting).
    top = min(section.level for section in proposal.sections)
    lines, depth = [], 0
    for section in proposal.sections:
        depth = min(section.level - top, depth + 1)
        lines.append(f"{'    ' * depth}1. {safe.text(section.title)}")
    return "\n".join(lines) + "\n"


# --- the form: one field per column of the spreadsheet template ----------------------------


def _fields(site: Site, proposal: Proposal) -> list[str]:
    """The template's columns; after the feedback, the question on the Welsh language when
    the site asks it (`ask_language_effects`)."""
    fields = [_field(site, proposal, column) for column in HEADERS]
    if site.corpus.settings.ask_language_effects:
        fields.insert(list(HEADERS).index("feedback") + 1, _language_effects(site))
    return fields


def _field(site: Site, proposal: Proposal, column: str) -> str:
    """A field headed by its column's name, as the spreadsheet template has it (in another
    language, its name in that language with the column's beside it)."""
    heading, question, answer = FIELDS[column](site, proposal)
    shown = heading if heading == column.capitalize() else f"{heading} ({column})"
    return (
        f'<div class="cp-field" markdown>\n\n### {shown} {{ #field-{column} }}\n\n'
        f"{question}\n{{ .cp-question }}\n\n{answer}\n\n</div>\n"
    )


def _language_effects(site: Site) -> str:
    t = site.t
    heading = t("What effects would this have on the Welsh language?")
    question = t(
        "If you wish: would the plan make it easier or harder for people to use Welsh, or"
        " treat Welsh less favourably than English?"
    )
    return (
        f'<div class="cp-field" markdown>\n\n### {heading} {{ #field-language-effects }}\n\n'
        f"{question}\n{{ .cp-question }}\n\n{_box('cp-box-language-effects')}\n\n</div>\n"
    )


def _ticks(labels: list[str]) -> str:
    items = "".join(f"<li>{safe.text(label)}</li>" for label in labels)
    return f'<ul class="cp-ticks">{items}</ul>'


def _box(css_class: str, filled: str = "") -> str:
    return f'<div class="cp-box {css_class}">{filled}</div>'


# Each field: its heading (the template's column, named in the page's language), the
# question it asks, and the box to write in or the answers to tick.


def _proposal(site: Site, proposal: Proposal) -> tuple[str, str, str]:
    t = site.t
    filled = f"{safe.text(proposal.title)} (<code>{proposal.id}</code>)"
    return (
        # Translators: a printed form's box, named as the spreadsheet column it goes in
        t.p("form field", "Proposal"),
        t("The plan this form is about (filled in for you)."),
        _box("cp-box-filled", filled),
    )


def _section(site: Site, proposal: Proposal) -> tuple[str, str, str]:
    t = site.t
    # Translators: a printed form's box, named as the spreadsheet column it goes in
    heading = t.p("form field", "Section")
    if not proposal.sections:
        return heading, t("The plan has no separate parts: leave this empty."), _box("cp-box-line")
    return (
        heading,
        t("Which part of the plan is it about? Tick one, or none if it is about the whole plan."),
        _ticks([section.title for section in proposal.sections]),
    )


def _group(site: Site, proposal: Proposal) -> tuple[str, str, str]:
    t = site.t
    return (
        # Translators: a printed form's box, named as the spreadsheet column it goes in
        t.p("form field", "Group"),
        t("Who is speaking? Tick the one that fits best."),
        _ticks(list(site.corpus.settings.groups.values())),
    )


def _stance(site: Site, proposal: Proposal) -> tuple[str, str, str]:
    t = site.t
    stances = STANCE.in_language(t).terms
    return (
        # Translators: a printed form's box, named as the spreadsheet column it goes in
        t.p("form field", "Stance"),
        t("What is your view? Tick one."),
        _ticks([term.label for term in stances]),
    )


def _feedback(site: Site, proposal: Proposal) -> tuple[str, str, str]:
    t = site.t
    return (
        # Translators: a printed form's box, named as the spreadsheet column it goes in
        t.p("form field", "Feedback"),
        t("What you want to say, in your own words."),
        _box("cp-box-feedback"),
    )


def _team(site: Site, proposal: Proposal) -> tuple[str, str, str]:
    t = site.t
    return (
        # Translators: a printed form's box, named as the spreadsheet column it goes in
        t.p("form field", "Team"),
        t("If you speak for a group or team, its name. Leave it empty if you speak for yourself."),
        _box("cp-box-line"),
    )


def _date(site: Site, proposal: Proposal) -> tuple[str, str, str]:
    t = site.t
    return (
        # Translators: a printed form's box, named as the spreadsheet column it goes in
        t.p("form field", "Date"),
        t("The day you write this (day / month / year)."),
        _box("cp-box-line"),
    )


# Keyed by the template's columns; a column without a field here fails every render, and
# tests/test_printpack.py checks the printed fields against the template file itself.
FIELDS: dict[str, Callable[[Site, Proposal], tuple[str, str, str]]] = {
    "proposal": _proposal,
    "section": _section,
    "group": _group,
    "stance": _stance,
    "feedback": _feedback,
    "team": _team,
    "date": _date,
}
