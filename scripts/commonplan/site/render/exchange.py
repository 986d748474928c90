"""One piece of feedback with the owner's answer beside it ("you said, we did"), and
where on the site each piece of feedback is shown."""

from __future__ import annotations

from commonplan.feedback import Feedback
from commonplan.history.diff import given_on_earlier_text
from commonplan.language import language
from commonplan.model import Proposal
from commonplan.site.render import safe
from commonplan.site.render.common import (
    Site,
    badge,
    relative,
    source_words,
    speaker,
    team_link,
)
from commonplan.urls import (
    history_page,
    page_of_each,
    proposal_page,
    report_email_url,
    report_url,
)
from commonplan.vocabulary import RESPONSE_STATUS, STANCE

MODERATION_LOG = "moderation/index.md"


def feedback_location(site: Site, item: Feedback) -> str:
    """The page that shows a piece of feedback (long lists continue on further pages)."""
    located = site.feedback_pages.get(item.proposal)
    if located is None:
        located = page_of_each(site.corpus, site.corpus.proposals[item.proposal])
        site.feedback_pages[item.proposal] = located
    return located.get(item.id, proposal_page(item.proposal))


def feedback_link(site: Site, from_page: str, item: Feedback) -> str:
    """A link, titled with its proposal, to the place that shows a piece of feedback."""
    title = safe.text(site.corpus.proposals[item.proposal].title)
    return f"[{title}]({relative(from_page, feedback_location(site, item))}#{item.id})"


def exchange(site: Site, page: str, proposal: Proposal, item: Feedback) -> str:
    """One piece of feedback, with the owner's response beside it ("you said, we did")."""
    t = site.t
    # Translators: the label over a person's feedback, answered by "We did" below it.
    you_said = t("You said")
    # Translators: the label over the owners' answer to the feedback above ("You said").
    we_did = t("We did")
    said = (
        f'<div class="cp-said" markdown>\n\n'
        f"**{you_said}** {badge(site, 'stance', item.stance, STANCE)}\n\n"
        f"{_as_written(site, page, item)}\n\n"
        f"{speaker(site, page, item)} · {site.t.day(item.submitted)}"
        f" · {source_words(site, page, item)}"
        f"{_report_links(site, item)}\n"
        "{ .cp-meta }\n\n</div>"
    )
    if given_on_earlier_text(site.history, proposal, item):
        earlier_words = t("Given on an earlier version of this section")
        earlier = (
            f'[:material-history:{{ aria-hidden="true" }} {earlier_words}]'
            f"({relative(page, history_page(proposal.id))})\n{{ .cp-meta }}\n\n"
        )
        said = said.replace("\n\n</div>", f"\n\n{earlier}</div>", 1)
    response = item.response
    if response is None and item.taken_down:
        log_words = t("moderation log")
        log = f"[{log_words}]({relative(page, MODERATION_LOG)})"
        # Translators: {log} is a link to the moderation log, its words "moderation log".
        nothing = t("Nothing more to answer: it was taken down ({log}).").format(log=log)
        did = f'<div class="cp-did cp-did-taken-down" markdown>\n\n**{we_did}** {nothing}\n\n</div>'
    elif response is None:
        waiting = t("Not answered yet.")
        did = f'<div class="cp-did cp-did-waiting" markdown>\n\n**{we_did}** {waiting}\n\n</div>'
    else:
        history = relative(page, history_page(proposal.id))
        # Translators: a link to the proposal's history, where the version that answered
        # the feedback shows what changed.
        answered_in = t("answered in version {version} — see what changed")
        version = "".join(
            f" · [{answered_in.format(version=v)}]({history}#version-{v})"
            for v in _answering_versions(proposal, item)
        )
        kept = ""
        if item.taken_down:
            kept = " " + t("(kept, though the feedback was taken down)")
        did = (
            f'<div class="cp-did" markdown>\n\n'
            f"**{we_did}** {badge(site, 'response', response.status, RESPONSE_STATUS)}{kept}\n\n"
            f"{_answer(site, item)}\n\n"
            f"{team_link(site, page, response.by)} · {site.t.day(response.date)}{version}\n"
            "{ .cp-meta }\n\n</div>"
        )
    return f'<div class="cp-exchange" id="{item.id}" markdown>\n\n{said}\n\n{did}\n\n</div>\n'


def _as_written(site: Site, page: str, item: Feedback) -> str:
    """Its words as written, in their own language (marked when it is not the page's), and
    a translation into the page's language below them, labelled as one. Taken down: the
    published corpus holds what happened in their place, marked as the site's own words."""
    if item.taken_down:
        return f"*{safe.text(item.body)}*\n{{ .cp-taken-down }}"
    t = site.t
    written = item.language or site.corpus.settings.languages[0]
    if written == t.code:
        return safe.paragraphs(item.body)
    shown = _in_language(safe.paragraphs(item.body), written)
    # Translators: {language} is the name of a language in itself ("Cymraeg", "Polski").
    note = t("Written in {language}").format(language=language(written).name)
    out = f"{shown}\n\n{note}\n{{ .cp-meta }}"
    translation = item.translation
    if translation is not None and translation.language == t.code:
        if translation.machine:
            label = t("Machine translation: it may not say exactly what was meant")
        elif translation.by:
            label = t("Translated by {team}").format(team=team_link(site, page, translation.by))
        else:
            label = t("Translation")
        out += (
            f'\n\n<div class="cp-translation" markdown>\n\n{label}\n{{ .cp-meta }}\n\n'
            f"{safe.paragraphs(translation.text)}\n\n</div>"
        )
    return out


def _answer(site: Site, item: Feedback) -> str:
    """The answer in the page's language when it was given in it, else as it was given."""
    assert item.response is not None
    response = item.response
    default = site.corpus.settings.languages[0]
    translated = response.translations.get(site.t.code)
    if translated is not None or site.t.code == default:
        return safe.paragraphs(translated if translated is not None else response.text)
    return _in_language(safe.paragraphs(response.text), default)


def _in_language(html: str, code: str) -> str:
    """Text in another language than the page's, marked so (screen readers switch voice)."""
    return f'<div lang="{code}" markdown>\n\n{html}\n\n</div>'


def _report_links(site: Site, item: Feedback) -> str:
    """ "Report this" to the moderators: the report form, and e-mail where there is one."""
    if item.taken_down:
        return ""
    t = site.t
    settings = site.corpus.settings
    form, mail = report_url(settings, item, t.code), report_email_url(settings, item, t.code)
    links = []
    if form:
        report = t("Report this")
        tip = t("Tell the moderators it should not be here (a short form on GitHub)")
        links.append(f'[{report}]({form} "{tip}")')
    if mail:
        if form:
            by_mail = t("or by e-mail")
            links.append(f"([{by_mail}]({mail}))")
        else:
            by_mail = t("Report this by e-mail")
            links.append(f"[{by_mail}]({mail})")
    return f" · {' '.join(links)}" if links else ""


def _answering_versions(proposal: Proposal, item: Feedback) -> list[int]:
    """The versions that answer this feedback: its response's, and any revision that lists it
    in `responds_to` (the proposal's own revisions only: a linear scan of all would not
    scale)."""
    versions = {r.version for r in proposal.revisions if item.id in r.responds_to}
    if item.response is not None and item.response.revision:
        versions.add(item.response.revision)
    return sorted(versions)
