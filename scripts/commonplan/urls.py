"""Where everything is published: the site's page paths and every address the platform
gives out (a piece of feedback on the site, the GitHub issue form, an edit link, a mailto).

One builder, below both the site and the GitHub loop, so the bot's replies link to exactly
the place the site shows, and the "have your say" links open exactly the form that
`ingest` reads back.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import TypeVar
from urllib.parse import quote, urlencode

from commonplan.config import Settings
from commonplan.corpus import Corpus
from commonplan.feedback import Feedback
from commonplan.language import language
from commonplan.model import Proposal, Section
from commonplan.vocabulary import mail_body_template, mail_subject, report_mail_subject

T = TypeVar("T")

ISSUE_FORM_FILE = "feedback.yml"  # in .github/ISSUE_TEMPLATE/
REPORT_FORM_FILE = "report.yml"  # the same folder
FEEDBACK_PER_PAGE = 50


# --- pages of the site (paths in the docs folder) ------------------------------------------


def proposal_page(proposal_id: str) -> str:
    return f"proposals/{proposal_id}.md"


def history_page(proposal_id: str) -> str:
    return f"proposals/{proposal_id}/history.md"


def pack_page(proposal_id: str) -> str:
    return f"proposals/{proposal_id}/print.md"


def team_page(team_id: str) -> str:
    return f"teams/{team_id}.md"


def paged(items: Sequence[T], size: int, first: str, later: str) -> list[tuple[str, Sequence[T]]]:
    """Items in pages of ``size`` (at least one page, even when empty), each with its path:
    ``first``, then ``later`` with ``{n}`` numbered from 2."""
    parts = [items[i : i + size] for i in range(0, len(items), size)] or [items[:0]]
    return [(first if n == 1 else later.format(n=n), part) for n, part in enumerate(parts, 1)]


FeedbackPage = tuple[str, Sequence[tuple[Section | None, Feedback]]]


def feedback_pages(corpus: Corpus, proposal: Proposal) -> list[FeedbackPage]:
    """The pages a proposal's feedback is shown on, with what each shows: the proposal's own
    page first, then `feedback-2`, `feedback-3`… General comments first, then each section
    in the order of the text."""
    by_section = corpus.feedback_by_section(proposal.id)
    anchors = {s.anchor: s for s in proposal.sections}
    ordered: list[tuple[Section | None, Feedback]] = [
        (None, item) for key, items in by_section.items() for item in items if key not in anchors
    ]
    for section in proposal.sections:
        ordered += [(section, item) for item in by_section.get(section.anchor, [])]
    later = f"proposals/{proposal.id}/feedback-{{n}}.md"
    return paged(ordered, FEEDBACK_PER_PAGE, proposal_page(proposal.id), later)


# --- addresses given out -------------------------------------------------------------------


def page_of_each(corpus: Corpus, proposal: Proposal) -> dict[str, str]:
    """Feedback id → the page that shows it, for one proposal's feedback."""
    return {item.id: path for path, part in feedback_pages(corpus, proposal) for _, item in part}


def feedback_url(corpus: Corpus, item: Feedback, code: str = "") -> str | None:
    """Where a piece of feedback is shown on the published site (from `site_url`): on the
    ``code`` language's page (`/<code>/...`), the default language's when left out."""
    proposal = corpus.proposals.get(item.proposal)
    site_url = corpus.settings.site_url
    if proposal is None or not site_url:
        return None
    page = page_of_each(corpus, proposal).get(item.id, proposal_page(proposal.id))
    under = f"{code}/" if code and code in corpus.settings.languages[1:] else ""
    return f"{site_url.rstrip('/')}/{under}{page.removesuffix('.md')}/#{item.id}"


def issue_form_file(code: str, languages: Sequence[str]) -> str:
    """The feedback form in a language of the site: `feedback.yml` in the default one,
    `feedback.<code>.yml` in each other."""
    return _in_language(ISSUE_FORM_FILE, code, languages)


def report_form_file(code: str, languages: Sequence[str]) -> str:
    return _in_language(REPORT_FORM_FILE, code, languages)


def _in_language(name: str, code: str, languages: Sequence[str]) -> str:
    if not languages or code == languages[0] or code not in languages:
        return name
    stem, _, extension = name.rpartition(".")
    return f"{stem}.{code}.{extension}"


def new_issue_url(
    repo: str, proposal: str, section: str | None = None, form: str = ISSUE_FORM_FILE
) -> str:
    """A link that opens the issue form with the proposal (and section) already filled in.

    The query keys are the form's question ids, which are the feedback field names.
    """
    query = {"template": form, "proposal": proposal}
    if section:
        query["section"] = section
    return f"https://github.com/{repo}/issues/new?{urlencode(query)}"


def have_your_say_url(
    settings: Settings, proposal: Proposal, section: str | None = None, code: str = ""
) -> str | None:
    """GitHub's new-issue page for the feedback form in the ``code`` language (the default's
    when left out), proposal and section filled in."""
    if not settings.repo:
        return None
    form = issue_form_file(code, settings.languages)
    return new_issue_url(settings.repo, proposal.id, section, form)


def email_url(
    settings: Settings, proposal: Proposal, section: str | None = None, code: str = ""
) -> str | None:
    """A mailto: link whose subject names the proposal (and section) and whose body guides,
    in the ``code`` language (the default's when left out); `ingest-mail` reads both back."""
    if settings.email is None:
        return None
    t = language(code or settings.languages[0])
    query = urlencode(
        {"subject": mail_subject(proposal.id, section, t), "body": mail_body_template(t)},
        quote_via=quote,
    )
    return f"mailto:{quote(settings.email, safe='@')}?{query}"


def report_url(settings: Settings, item: Feedback, code: str = "") -> str | None:
    """GitHub's new-issue page for the report form (in the ``code`` language), the
    feedback's id filled in."""
    if settings.repo is None:
        return None
    form = report_form_file(code, settings.languages)
    return _report_form_start(settings.repo, form) + quote(item.id, safe="")


def report_email_url(settings: Settings, item: Feedback, code: str = "") -> str | None:
    """A mailto: link that reports a piece of feedback to the strategy's e-mail address, its
    text in the ``code`` language (the default's when left out)."""
    if settings.email is None:
        return None
    parts = _report_mail_parts(settings.email, code or settings.languages[0])
    return quote(item.id, safe="").join(parts)


# Every item on a page has these links: the address is quoted once per site and language,
# the item's id put in its place (a page of 20,000 items would otherwise quote 20,000 times).
_ID = "\x00"


@lru_cache(maxsize=64)
def _report_form_start(repo: str, form: str) -> str:
    return f"https://github.com/{repo}/issues/new?" + urlencode({"template": form, "feedback": ""})


@lru_cache(maxsize=64)
def _report_mail_parts(email: str, code: str) -> list[str]:
    t = language(code)
    # Translators: the start of an e-mail reporting a piece of feedback (its id) to the
    # moderators; the person then says why.
    body = t("I am reporting feedback {feedback} to the moderators, because:")
    query = urlencode(
        {"subject": report_mail_subject(_ID), "body": body.format(feedback=_ID) + "\n\n"},
        quote_via=quote,
    )
    return f"mailto:{quote(email, safe='@')}?{query}".split(quote(_ID))


def edit_url(settings: Settings, proposal: Proposal) -> str | None:
    """GitHub's editor for the proposal's file."""
    return file_edit_url(settings, proposal.path)


def file_edit_url(settings: Settings, path: str) -> str | None:
    """GitHub's editor for a file of the repository (``path`` from its root)."""
    repo = settings.repo
    return None if repo is None else f"https://github.com/{repo}/edit/main/{quote(path)}"
