"""The home page: what is open now, the headline figures, whose voices are missing."""

from __future__ import annotations

from collections import Counter

from commonplan.model import Feedback
from commonplan.site.render import safe
from commonplan.site.render.common import (
    Site,
    actions_of,
    badge,
    button,
    percent,
    proposal_link,
)
from commonplan.site.render.exchange import feedback_link
from commonplan.site.render.listening import agreement_summary, missing_voices
from commonplan.urls import have_your_say_url, proposal_page
from commonplan.vocabulary import PROPOSAL_STATUS, RESPONSE_STATUS
from commonplan.words import plural

PAGE = "index.md"
LATEST_ANSWERS = 5
# Cards for the consultations closing soonest; the rest are on the proposals index, which
# keeps the home page light when hundreds are open at once.
OPEN_CARDS = 9


def render(site: Site) -> dict[str, str]:
    parts = [
        site.intro.strip() or f"# {safe.text('Our strategy')}",
        _open_now(site),
        _figures(site),
        _voices(site),
        missing_voices(site, PAGE),
        agreement_summary(site, PAGE),
        _latest_answers(site),
    ]
    return {PAGE: "\n\n".join(p for p in parts if p) + "\n"}


def _open_now(site: Site) -> str:
    open_ = [p for p in site.corpus.proposals.values() if p.is_open(site.today)]
    open_.sort(key=lambda p: (p.consultation.closes if p.consultation else site.today, p.id))
    if not open_:
        return "## Open for comment now\n\nNothing is open for comment today."
    cards = []
    for proposal in open_[:OPEN_CARDS]:
        assert proposal.consultation is not None  # is_open() guarantees a window
        left = (proposal.consultation.closes - site.today).days
        url = have_your_say_url(site.corpus.settings, proposal) or proposal_page(proposal.id)
        cards.append(
            f'-   :material-comment-text-multiple-outline:{{ .lg .middle aria-hidden="true" }}'
            f" __{proposal_link(site, PAGE, proposal)}__\n\n"
            "    ---\n\n"
            f"    {safe.text(proposal.summary)}\n\n"
            f"    **{plural(left, 'day')} left**: closes"
            f" {site.t.day(proposal.consultation.closes)}\n\n"
            f"    {button(url, 'Have your say', 'comment-plus-outline', primary=True)}\n"
        )
    more = ""
    if len(open_) > OPEN_CARDS:
        more = (
            f"\n\nAnd {plural(len(open_) - OPEN_CARDS, 'more proposal')} open for comment:"
            " [see them all](proposals/index.md#open-for-comment)."
        )
    return (
        f"## Open for comment now\n\n{plural(len(open_), 'proposal')} open, closing soonest"
        ' first.\n\n<div class="grid cards" markdown>\n\n' + "\n".join(cards) + "\n</div>" + more
    )


def _figures(site: Site) -> str:
    corpus = site.corpus
    statuses: Counter[str] = Counter(p.status for p in corpus.proposals.values())
    by_status = ", ".join(
        f"{statuses[s]} {PROPOSAL_STATUS[s].badge_label.lower()}"
        for s in PROPOSAL_STATUS.ids()
        if statuses[s]
    )
    feedback = list(corpus.feedback.values())
    # Teams that spoke (not every team listed): a team that gave no feedback was not heard.
    teams_heard = {item.from_ for item in feedback if item.from_}
    answered = sum(1 for f in feedback if f.response is not None and f.response.final)
    actions = [a for _, a in actions_of(site)]
    done = sum(1 for a in actions if a.status == "done")
    cards = [
        (
            "file-document-multiple-outline",
            plural(len(corpus.proposals), "proposal"),
            by_status or "none yet",
            "proposals/index.md",
        ),
        (
            "comment-text-multiple-outline",
            f"{plural(len(feedback), 'piece')} of feedback",
            f"from {plural(len(teams_heard), 'team')} and the public",
            "proposals/index.md",
        ),
        (
            "reply-outline",
            f"{percent(answered, len(feedback))} answered",
            f"{answered} of {len(feedback)} have a final answer",
            "answers/index.md",
        ),
        (
            "check-circle-outline",
            f"{done} of {plural(len(actions), 'action')} done",
            "small, concrete things delivered",
            "actions/index.md",
        ),
    ]
    items = [
        f'-   :material-{icon}:{{ .lg .middle aria-hidden="true" }} __{big}__\n\n'
        f"    ---\n\n    {small}\n\n    [:material-arrow-right: See them]({target})\n"
        for icon, big, small, target in cards
    ]
    return '## At a glance\n\n<div class="grid cards" markdown>\n\n' + "\n".join(items) + "\n</div>"


def _voices(site: Site) -> str:
    corpus = site.corpus
    heard: Counter[str] = Counter()
    for item in corpus.feedback.values():
        heard.update(corpus.groups_of(item))
    invited = {g for p in corpus.proposals.values() for g in p.invite}
    groups = list(dict.fromkeys([*corpus.settings.groups, *sorted(invited), *sorted(heard)]))
    rows = [
        f"| {safe.text(corpus.group_label(g))} | {heard[g]} | "
        + (
            "Heard"
            if heard[g]
            else ("**Invited, not heard yet**" if g in invited else "Not heard yet")
        )
        + " |"
        for g in groups
    ]
    out = (
        "## Voices heard\n\nFeedback received from each stakeholder group.\n\n"
        "| Group | Feedback | |\n| --- | ---: | --- |\n" + "\n".join(rows)
    )
    out += "\n\nEvery proposal, group by group: [Voices heard](voices.md)."
    missing = [g for g in groups if g in invited and not heard[g]]
    if missing:
        names = ", ".join(safe.text(corpus.group_label(g)) for g in missing)
        out += (
            f'\n\n!!! warning "Not heard yet"\n\n    These groups were invited but nobody from'
            f" them has been heard yet: {names}. If that is you, please have your say."
        )
    return out


def _latest_answers(site: Site) -> str:
    answered: list[Feedback] = [
        f for f in site.corpus.feedback.values() if f.response is not None and f.response.final
    ]
    answered.sort(key=lambda f: (f.response.date if f.response else site.today, f.id), reverse=True)
    if not answered:
        return ""
    out = ["## You said, we did: the latest answers\n"]
    for item in answered[:LATEST_ANSWERS]:
        assert item.response is not None  # filtered above
        out.append(
            f'???+ quote "{safe.text(_shorten(item.body))}"\n\n'
            f"    {badge(site, 'response', item.response.status, RESPONSE_STATUS)}"
            f" {safe.text(item.response.text)}\n\n"
            f"    On {feedback_link(site, PAGE, item)},"
            f" answered {site.t.day(item.response.date)}.\n"
        )
    out.append("[All answers](answers/index.md)")
    return "\n".join(out)


def _shorten(text: str, limit: int = 90) -> str:
    words = " ".join(text.split())
    return words if len(words) <= limit else words[: limit - 1].rsplit(" ", 1)[0] + "…"
