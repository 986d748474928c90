"""The home page: what is open now, the headline figures, whose voices are missing."""

from __future__ import annotations

from collections import Counter

from commonplan.feedback import Feedback
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

PAGE = "index.md"
LATEST_ANSWERS = 5
# Cards for the consultations closing soonest; the rest are on the proposals index, which
# keeps the home page light when hundreds are open at once.
OPEN_CARDS = 9


def render(site: Site) -> dict[str, str]:
    # Translators: the home page's title when the strategy has not written its own.
    title = site.t("Our strategy")
    parts = [
        site.intro.strip() or f"# {safe.text(title)}",
        _open_now(site),
        _figures(site),
        _voices(site),
        missing_voices(site, PAGE),
        agreement_summary(site, PAGE),
        _latest_answers(site),
    ]
    return {PAGE: "\n\n".join(p for p in parts if p) + "\n"}


def _open_now(site: Site) -> str:
    t = site.t
    open_ = [p for p in site.corpus.proposals.values() if p.is_open(site.today)]
    open_.sort(key=lambda p: (p.consultation.closes if p.consultation else site.today, p.id))
    heading = t("Open for comment now")
    if not open_:
        nothing = t("Nothing is open for comment today.")
        return f"## {heading}\n\n{nothing}"
    # Translators: {left} is "3 days left", in bold; {day} the day the consultation closes.
    closes = t("{left}: closes {day}")
    have_your_say = t.p("button", "Have your say")
    cards = []
    for proposal in open_[:OPEN_CARDS]:
        assert proposal.consultation is not None  # is_open() guarantees a window
        days = (proposal.consultation.closes - site.today).days
        left = t.n("{count} day left", "{count} days left", days)
        when = closes.format(left=f"**{left}**", day=t.day(proposal.consultation.closes))
        url = have_your_say_url(site.corpus.settings, proposal, code=site.t.code) or proposal_page(
            proposal.id
        )
        cards.append(
            f'-   :material-comment-text-multiple-outline:{{ .lg .middle aria-hidden="true" }}'
            f" __{proposal_link(site, PAGE, proposal)}__\n\n"
            "    ---\n\n"
            f"    {safe.text(proposal.summary)}\n\n"
            f"    {when}\n\n"
            f"    {button(url, have_your_say, 'comment-plus-outline', primary=True)}\n"
        )
    more = ""
    if len(open_) > OPEN_CARDS:
        more_proposals = t.n(
            "{count} more proposal", "{count} more proposals", len(open_) - OPEN_CARDS
        )
        see_them = t("see them all")
        # Translators: {more} is "12 more proposals"; {link} a link, its words "see them all".
        and_more = t("And {more} open for comment: {link}.").format(
            more=more_proposals, link=f"[{see_them}](proposals/index.md#open-for-comment)"
        )
        more = f"\n\n{and_more}"
    soonest = t.n(
        "{count} proposal open, closing soonest first.",
        "{count} proposals open, closing soonest first.",
        len(open_),
    )
    return (
        f"## {heading}\n\n{soonest}"
        '\n\n<div class="grid cards" markdown>\n\n' + "\n".join(cards) + "\n</div>" + more
    )


def _figures(site: Site) -> str:
    t = site.t
    corpus = site.corpus
    statuses: Counter[str] = Counter(p.status for p in corpus.proposals.values())
    status_words = PROPOSAL_STATUS.in_language(t)
    by_status = ", ".join(
        f"{statuses[s]} {status_words[s].badge_label.lower()}"
        for s in PROPOSAL_STATUS.ids()
        if statuses[s]
    )
    feedback = list(corpus.feedback.values())
    # Teams that spoke (not every team listed): a team that gave no feedback was not heard.
    teams_heard = {item.from_ for item in feedback if item.from_}
    answered = sum(1 for f in feedback if f.response is not None and f.response.final)
    actions = [a for _, a in actions_of(site)]
    done = sum(1 for a in actions if a.status == "done")
    # Translators: {actions} is "5 actions"; "2 of 5 actions done".
    actions_done = t("{done} of {actions} done").format(
        done=done, actions=t.n("{count} action", "{count} actions", len(actions))
    )
    cards = [
        (
            "file-document-multiple-outline",
            t.n("{count} proposal", "{count} proposals", len(corpus.proposals)),
            by_status or t("none yet"),
            "proposals/index.md",
        ),
        (
            "comment-text-multiple-outline",
            t.n("{count} piece of feedback", "{count} pieces of feedback", len(feedback)),
            t.n(
                "from {count} team and the public",
                "from {count} teams and the public",
                len(teams_heard),
            ),
            "proposals/index.md",
        ),
        (
            "reply-outline",
            # Translators: {percent} is a share of the feedback, "40%".
            t("{percent} answered").format(percent=percent(answered, len(feedback))),
            t("{answered} of {total} have a final answer").format(
                answered=answered, total=len(feedback)
            ),
            "answers/index.md",
        ),
        (
            "check-circle-outline",
            actions_done,
            t("small, concrete things delivered"),
            "actions/index.md",
        ),
    ]
    see_them = t("See them")
    items = [
        f'-   :material-{icon}:{{ .lg .middle aria-hidden="true" }} __{big}__\n\n'
        f"    ---\n\n    {small}\n\n    [:material-arrow-right: {see_them}]({target})\n"
        for icon, big, small, target in cards
    ]
    at_a_glance = t("At a glance")
    return (
        f'## {at_a_glance}\n\n<div class="grid cards" markdown>\n\n' + "\n".join(items) + "\n</div>"
    )


def _voices(site: Site) -> str:
    t = site.t
    corpus = site.corpus
    heard: Counter[str] = Counter()
    for item in corpus.feedback.values():
        heard.update(corpus.groups_of(item))
    invited = {g for p in corpus.proposals.values() for g in p.invite}
    groups = list(dict.fromkeys([*corpus.settings.groups, *sorted(invited), *sorted(heard)]))
    heard_words, not_heard = t("Heard"), t("Not heard yet")
    invited_words = "**" + t("Invited, not heard yet") + "**"
    rows = [
        f"| {safe.text(corpus.group_label(g))} | {heard[g]} | "
        + (heard_words if heard[g] else (invited_words if g in invited else not_heard))
        + " |"
        for g in groups
    ]
    voices_heard = t("Voices heard")
    received = t("Feedback received from each stakeholder group.")
    group, given = t.p("column", "Group"), t.p("column", "Feedback")
    out = (
        f"## {voices_heard}\n\n{received}\n\n"
        f"| {group} | {given} | |\n| --- | ---: | --- |\n" + "\n".join(rows)
    )
    # Translators: {link} is a link to the page "Voices heard".
    every = t("Every proposal, group by group: {link}.")
    out += "\n\n" + every.format(link=f"[{voices_heard}](voices.md)")
    missing = [g for g in groups if g in invited and not heard[g]]
    if missing:
        names = ", ".join(safe.text(corpus.group_label(g)) for g in missing)
        # Translators: {groups} are the names of stakeholder groups.
        these = t(
            "These groups were invited but nobody from them has been heard yet: {groups}. If"
            " that is you, please have your say."
        ).format(groups=names)
        out += f'\n\n!!! warning "{not_heard}"\n\n    {these}'
    return out


def _latest_answers(site: Site) -> str:
    t = site.t
    answered: list[Feedback] = [
        f for f in site.corpus.feedback.values() if f.response is not None and f.response.final
    ]
    answered.sort(key=lambda f: (f.response.date if f.response else site.today, f.id), reverse=True)
    if not answered:
        return ""
    heading = t("You said, we did: the latest answers")
    # Translators: {proposal} is a link titled with the proposal's name; {day} a date.
    on = t("On {proposal}, answered {day}.")
    out = [f"## {heading}\n"]
    for item in answered[:LATEST_ANSWERS]:
        assert item.response is not None  # filtered above
        where = on.format(proposal=feedback_link(site, PAGE, item), day=t.day(item.response.date))
        out.append(
            f'???+ quote "{safe.text(_shorten(item.body))}"\n\n'
            f"    {badge(site, 'response', item.response.status, RESPONSE_STATUS)}"
            f" {safe.text(item.response.text)}\n\n"
            f"    {where}\n"
        )
    all_answers = t("All answers")
    out.append(f"[{all_answers}](answers/index.md)")
    return "\n".join(out)


def _shorten(text: str, limit: int = 90) -> str:
    words = " ".join(text.split())
    return words if len(words) <= limit else words[: limit - 1].rsplit(" ", 1)[0] + "…"
