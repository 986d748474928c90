"""What every page family shares: the site being rendered, labels, links, badges, dates."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING, TypeVar

from commonplan.corpus import Corpus
from commonplan.feedback import Feedback
from commonplan.history.git import History
from commonplan.insight import waiting_for_answer
from commonplan.language import ENGLISH, Language, mark
from commonplan.model import Action, PersonMember, Proposal, Team
from commonplan.site.render import safe
from commonplan.terms import Vocabulary
from commonplan.urls import proposal_page, team_page
from commonplan.vocabulary import (
    PROPOSAL_STATUS,
    SOURCE,
)

if TYPE_CHECKING:
    from commonplan.site.render.anchors import ProposalIds

T = TypeVar("T")


@dataclass(frozen=True)
class Site:
    """Everything a page needs: the validated corpus and the site's own home text."""

    corpus: Corpus
    intro: str = ""
    # The language of this build's pages: the platform's words, dates and plurals in it.
    t: Language = ENGLISH
    # Read once per build by the caller; rendering never runs git itself.
    history: History = field(
        default_factory=lambda: History(
            False, mark("history unavailable", "the history was not read for this build")
        ),
        compare=False,
    )
    # Per proposal: feedback id → the page that shows it (long lists span several pages).
    feedback_pages: dict[str, dict[str, str]] = field(default_factory=dict, compare=False)
    # Per proposal: the ids on its page (`anchors.proposal_ids`).
    page_ids: dict[str, ProposalIds] = field(default_factory=dict, compare=False)

    @property
    def today(self) -> date:
        """The day the corpus was read as of: the pages judge dates by it, as validation did."""
        return self.corpus.today

    @cached_property
    def waiting(self) -> dict[str, list[tuple[Feedback, int]]]:
        """Feedback waiting too long for an answer, per owning team (read once per build:
        the waiting page and every team's page show it)."""
        return waiting_for_answer(self.corpus, self.today)

    @property
    def address(self) -> str | None:
        """The site's address in this build's language (the default's at the site's address,
        each other's at `<code>/` under it), for links that leave the site: a feed, open
        data; None when the site's address is not set."""
        settings = self.corpus.settings
        if not settings.site_url:
            return None
        base = settings.site_url.rstrip("/") + "/"
        code = self.t.code
        other = code in settings.languages and code != settings.default_language
        # The settings may hold the default's address (read once for every language's build).
        if other and not base.endswith(f"/{code}/"):
            base += f"{code}/"
        return base


# --- links ---------------------------------------------------------------------------------


def relative(from_page: str, to_page: str) -> str:
    """A Markdown link target from one page to another, which mkdocs resolves and checks.

    Both are paths inside the docs folder, so no file system is needed (``os.path.relpath``
    resolves absolute paths and was a third of the rendering time at 20,000 items).
    """
    from_dirs = from_page.split("/")[:-1]
    to_parts = to_page.split("/")
    common = 0
    while (
        common < len(from_dirs)
        and common < len(to_parts) - 1
        and from_dirs[common] == to_parts[common]
    ):
        common += 1
    return "/".join([".."] * (len(from_dirs) - common) + to_parts[common:])


def team_link(site: Site, from_page: str, team_id: str) -> str:
    team = site.corpus.teams.get(team_id)
    if team is None:
        return safe.text(team_id)
    return f"[{safe.text(team.name)}]({relative(from_page, team_page(team_id))})"


def proposal_link(site: Site, from_page: str, proposal: Proposal, anchor: str = "") -> str:
    target = relative(from_page, proposal_page(proposal.id)) + (f"#{anchor}" if anchor else "")
    return f"[{safe.text(proposal.title)}]({target})"


def github_form_tip(site: Site) -> str:
    return site.t("Opens a short form on GitHub (free account needed); or write to us by e-mail")


def email_tip(site: Site) -> str:
    return site.t("Opens your e-mail program with a message ready to fill in")


def button(
    url: str, label: str, icon: str, *, primary: bool = False, tip: str | None = None
) -> str:
    """A mkdocs-material button with an optional tooltip; all of it our own words and URLs."""
    classes = ".md-button .md-button--primary" if primary else ".md-button"
    title = f' "{tip}"' if tip else ""
    return f"[:material-{icon}: {label}]({url}{title}){{ {classes} }}"


# --- badges and words ----------------------------------------------------------------------


def badge(site: Site, kind: str, value: str, vocabulary: Vocabulary) -> str:
    """A status badge that carries its word and an icon, never colour alone."""
    term = vocabulary.in_language(site.t).get(value)
    label, icon = (term.badge_label, term.icon) if term else (value, "circle-small")
    return (
        f'<span class="cp-badge cp-{kind}-{value}">:material-{icon}:{{ aria-hidden="true" }}'
        f" {label}</span>"
    )


def proposal_badge(site: Site, proposal: Proposal) -> str:
    if proposal.is_open(site.today):
        words = site.t("Open for comment")
        return (
            '<span class="cp-badge cp-proposal-open">'
            f":material-{PROPOSAL_STATUS['consultation'].icon}:"
            f'{{ aria-hidden="true" }} {words}</span>'
        )
    return badge(site, "proposal", proposal.status, PROPOSAL_STATUS)


def percent(part: int, whole: int) -> str:
    return "—" if whole == 0 else f"{round(100 * part / whole)}%"


def number(value: float) -> str:
    return f"{value:g}"


def speaker(site: Site, from_page: str, item: Feedback) -> str:
    """Who spoke: their team (linked) and the groups they speak for."""
    groups = ", ".join(safe.text(site.corpus.group_label(g)) for g in site.corpus.groups_of(item))
    if item.from_:
        return f"{team_link(site, from_page, item.from_)} ({groups})" if groups else ""
    return groups or site.t("Someone")


def source_words(site: Site, from_page: str, item: Feedback) -> str:
    t = site.t
    term = SOURCE.in_language(t).get(item.source.kind)
    how = term.phrase if term else item.source.kind
    icon = f':material-{term.icon if term else "github"}:{{ aria-hidden="true" }}'
    if item.source.offline:
        recorder = item.source.recorded_by
        if recorder:
            said = t("Said {how}, recorded by {team}")
            return f"{icon} " + said.format(how=how, team=team_link(site, from_page, recorder))
        return f"{icon} " + t("Said {how}").format(how=how)
    written = t("Written {how}").format(how=how)
    if item.source.ref and safe.is_safe_url(item.source.ref):
        return f"{icon} {safe.link(item.source.ref, written)}"
    return f"{icon} {written}"


def actions_of(site: Site) -> Iterator[tuple[Proposal, Action]]:
    for proposal in site.corpus.proposals.values():
        for action in proposal.actions:
            yield proposal, action


def consenting_people(team: Team) -> list[str]:
    return [m.name for m in team.members if isinstance(m, PersonMember) and m.consent]


PAGER_WINDOW = 2  # the pages shown either side of the current one


def pager(t: Language, from_page: str, pages: list[str], current: int) -> str:
    """Links to the other pages of a long list (``pages`` are page paths, 1-based order):
    first, previous, the pages nearby, next and last, never one to every page (a list of a
    thousand pages would be a thousand links on each)."""
    if len(pages) < 2:
        return ""

    def to(number: int) -> str:
        return relative(from_page, pages[number - 1])

    last = len(pages)
    nearby = range(max(1, current - PAGER_WINDOW), min(last, current + PAGER_WINDOW) + 1)
    first, previous = t.p("pager", "First"), t.p("pager", "Previous")
    following, final = t.p("pager", "Next"), t.p("pager", "Last")
    links = []
    if current > 1:
        links += [f"[{first}]({to(1)})", f"[{previous}]({to(current - 1)})"]
    if nearby[0] > 1:
        links.append("…")
    links += [f"**{n}**" if n == current else f"[{n}]({to(n)})" for n in nearby]
    if nearby[-1] < last:
        links.append("…")
    if current < last:
        links += [f"[{following}]({to(current + 1)})", f"[{final}]({to(last)})"]
    # Translators: before the links to the pages of a long list; {number} is this page's.
    lead = t("Page {number} of {count}:").format(number=current, count=last)
    label = t("Pages")
    return f'<nav class="cp-pager" aria-label="{label}" markdown>{lead} {" · ".join(links)}</nav>\n'
