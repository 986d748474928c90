"""A proposal's page in another language than the default: what it says of its translation.
One not translated yet is shown as written; one older than its original in git (the
original's words changed since its last commit, `history.translations`) may be out of date,
and says what changed, since when, and where the original is."""

from __future__ import annotations

from commonplan.history.translations import SECTIONS, Changed, outdated, said_changes
from commonplan.language import language
from commonplan.model import Proposal
from commonplan.site.render import safe
from commonplan.site.render.anchors import proposal_ids
from commonplan.site.render.common import Site
from commonplan.translated import is_translated
from commonplan.urls import proposal_page


def not_translated(site: Site, proposal: Proposal) -> str:
    """On a page in another language than the default, a proposal with no translation into
    it says so: its words are shown as they were written."""
    t = site.t
    default = site.corpus.settings.languages[0]
    if is_translated(site.corpus, proposal.id, t.code):
        return ""
    # Translators: {language} is the name of the site's default language, in itself.
    said = t(
        "This proposal has not been translated yet: it is shown as it was written, in {language}."
    )
    note = said.format(language=language(default).name)
    title = t.p("admonition", "Not translated yet")
    return f'!!! note "{title}"\n\n    {note}\n'


def translation_outdated(site: Site, proposal: Proposal) -> str:
    """On a page in another language, a translation the original changed after since its
    last commit says so: what changed, since when, and a link to the original's page."""
    t = site.t
    default = site.corpus.settings.languages[0]
    translation = site.corpus.translations.get(proposal.id, {}).get(t.code)
    if t.code == default or translation is None:
        return ""
    found = outdated(site.history, translation)
    if found is None:
        return ""
    name = language(default).name_in(t.code)
    title = t.p("admonition", "This translation may be out of date")
    # Translators: {language} is the name of the site's default language in the page's
    # language ("Saesneg"); {day} is the day the translation last changed. A list follows.
    said = t(
        "The {language} text has changed since this translation was last updated, on {day}:"
    ).format(language=name, day=t.day(found.day))
    ids = proposal_ids(site, proposal)

    def shown(change: Changed) -> str:
        """A change's name as this page shows it: a section's heading, linked to it."""
        index = change.key if change.kind in SECTIONS and isinstance(change.key, int) else None
        if index is not None and index < len(proposal.sections):
            section = proposal.sections[index]
            return f"[“{safe.text(section.title)}”](#{ids.heading(section.anchor)})"
        shown_here = {
            **{("action", a.id): a.title for a in proposal.actions},
            **{("measure", m.id): m.name for m in proposal.measures},
        }.get((change.kind, str(change.key)))
        if shown_here is not None:
            return f"“{safe.text(shown_here)}”"
        return f'“<span lang="{default}">{safe.text(change.name)}</span>”'

    items = "\n".join(f"    - {item.in_language(t)}" for item in said_changes(found.changed, shown))
    out = f'!!! warning "{title}"\n\n    {said}\n\n{items}\n'
    site_url = site.corpus.settings.site_url
    if site_url:
        # The default language's pages are at the site's root (`site_url`), each other's
        # under `<code>/`: the original's page is the same page there.
        page = proposal_page(proposal.id).removesuffix(".md")
        # Translators: {language} is as above, "Saesneg".
        read = t("Read this page in {language}").format(language=name)
        out += f'\n    [{read}]({site_url.rstrip("/")}/{page}/){{ hreflang="{default}" }}\n'
    return out
