"""The words the GitHub loop says back to people, each with a hidden marker.

A marker (an HTML comment, invisible on GitHub) records on GitHub itself what was already
said, so a rerun finds it and never says the same thing twice. Markers are keys: they are
the same in every language.

Every text goes through a `Language`: a reply in the language of the person it answers
(the form their issue was written with, the language their feedback was written in), and
what is said to the owners (a pull request) in the site's default language.
"""

from __future__ import annotations

import hashlib
import re

from commonplan.characters import without_controls
from commonplan.corpus import Corpus
from commonplan.feedback import Feedback, Response
from commonplan.language import ENGLISH, Language, has_catalog, language
from commonplan.model import Team
from commonplan.urls import feedback_url
from commonplan.vocabulary import RESPONSE_STATUS

RECORDED_MARKER = "<!-- commonplan:recorded -->"
MARKER_START = "<!--"
BACKTICKS = re.compile(r"`+")


def site_language(corpus: Corpus) -> Language:
    """The site's default language: what the owners and moderators are told in."""
    return language(corpus.settings.languages[0])


def reply_language(item: Feedback, corpus: Corpus) -> Language:
    """The language a piece of feedback is answered in: the one it was written in when the
    platform writes in it, the site's default otherwise."""
    code = item.language or corpus.settings.languages[0]
    return language(code) if has_catalog(code) else site_language(corpus)


def answer_in(response: Response, code: str) -> str:
    """The answer in the language ``code`` when it was given in it, as written otherwise."""
    return response.translations.get(code) or response.text


def text_digest(text: str) -> str:
    return hashlib.sha256(text.replace("\r\n", "\n").strip().encode("utf-8")).hexdigest()


def needs_info_marker(text: str) -> str:
    """Keyed by the text that was checked: an edited issue gets a fresh answer."""
    return f"<!-- commonplan:needs-info sha256={text_digest(text)} -->"


def answered_marker(item: Feedback) -> str:
    """Keyed by the response, so a changed response is told once more, the same one never."""
    response = item.response
    said = f"{response.status}\n{response.text}" if response else ""
    return f"<!-- commonplan:answered {item.id} sha256={text_digest(said)} -->"


def has_marker(bodies: list[str], marker: str) -> bool:
    return any(marker in body for body in bodies)


def quoted(text: str) -> str:
    """What a person wrote (an answer, a team's name, a problem that echoes their words), as
    text to read in a comment, never as Markdown: each of its lines a code span.

    GitHub renders nothing inside code: no link, image, heading, list, HTML, @mention,
    #reference or bare web address there becomes live. Escaping Markdown characters cannot
    promise as much: GitHub finds mentions, references and addresses in the text *after*
    Markdown is rendered, when the escapes are gone. A span per line rather than a fenced
    block, so that a long answer still wraps on a phone (a code block scrolls sideways);
    each line is closed on itself, so nothing of it reaches the next. A span's fence is
    longer than any run of backticks in it, so none of them can close it.
    """
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    # Bidi controls would reorder what the bot itself says after them.
    return "\n".join(_code_span(without_controls(line)) for line in lines)


def _code_span(line: str) -> str:
    if not line.strip():
        return ""
    # A marker in someone's words must not look like one of ours (`has_marker`) in the
    # comment's text: a zero-width space breaks it without changing what is read.
    line = line.replace(MARKER_START, "<\u200b!--")
    fence = "`" * (max((len(run) for run in BACKTICKS.findall(line)), default=0) + 1)
    # One space inside each end is dropped by Markdown: it lets a span start or end with a
    # backtick, and keeps the spaces the line had at its ends.
    pad = " " if line[0] in "` " or line[-1] in "` " else ""
    return f"{fence}{pad}{line}{pad}{fence}"


def _block_quote(text: str) -> list[str]:
    return [f"> {line}" if line else ">" for line in quoted(text.strip()).split("\n")]


def needs_info(
    problems: list[str], checked_text: str, *, review: bool = False, t: Language = ENGLISH
) -> str:
    if review:
        opening = t("Thank you for taking part. We could not add your comment to the strategy yet:")
        closing = t(
            "Please edit your comment and we will try again automatically. Nothing has been"
            " published."
        )
    else:
        opening = t("Thank you for taking part. We could not add this issue to the strategy yet:")
        closing = t(
            "Please edit this issue (the '...' menu at the top right of it, then 'Edit') and we"
            " will try again automatically. Nothing has been published."
        )
    lines = [
        needs_info_marker(checked_text),
        opening,
        "",
        *(f"- {quoted(problem)}" for problem in problems),
        "",
        closing,
    ]
    return "\n".join(lines) + "\n"


def too_long(length: int, limit: int, *, review: bool = False, t: Language = ENGLISH) -> str:
    """The problem with a text longer than is read: said in plain words, none of it echoed."""
    if review:
        # Translators: {length} and {limit} are numbers of characters, such as 65,536.
        said = t(
            "your comment is {length} characters long, and we read at most {limit}. Please"
            " shorten it; you can say the rest in another comment."
        )
    else:
        # Translators: {length} and {limit} are numbers of characters, such as 65,536.
        said = t(
            "this issue is {length} characters long, and we read at most {limit}. Please"
            " shorten it; you can say the rest in another issue."
        )
    return said.format(length=f"{length:,}", limit=f"{limit:,}")


def recorded(pull_url: str | None, claim_note: str | None, t: Language = ENGLISH) -> str:
    lines = [RECORDED_MARKER, t("Thank you: your feedback has been written down for the strategy.")]
    if pull_url:
        # Translators: {pull} is the address of a pull request on GitHub.
        waiting = t(
            "It is waiting in {pull}. Once that is merged it appears on the website, and the"
            " people who own the proposal will answer it here."
        )
        lines += ["", waiting.format(pull=pull_url)]
    else:
        lines += ["", t("It is already part of the strategy; the owners will answer it here.")]
    if claim_note:
        lines += ["", claim_note]
    return "\n".join(lines) + "\n"


def claim_refused(team_id: str, team: Team | None, author: str, t: Language = ENGLISH) -> str:
    if team is None:
        # Translators: {team} is the short name of a team, as the person wrote it.
        said = t(
            "You said you speak for {team}, but there is no team with that short name, so your"
            " feedback is recorded as coming from your group."
        )
        return said.format(team=quoted(team_id))
    # Translators: {team} is a team's name, {author} a GitHub name, {file} the team's file
    # (teams/<id>.yml); keep `github` as it is.
    said = t(
        "You said you speak for {team}, but the GitHub name {author} is not on that team's"
        " list ({file}), so your feedback is recorded as coming from your group. The team can"
        " add you to its `github` list if you speak for it."
    )
    return said.format(team=quoted(team.name), author=author, file=f"teams/{team_id}.yml")


def answered(item: Feedback, owner: Team | None, corpus: Corpus) -> str:
    """The "you said, we did" comment, in the language the feedback was written in
    (`reply_language`): the answer as given in it, and a link to its page in it."""
    response = item.response
    if response is None:
        raise ValueError(f"{item.id} has no response")
    t = reply_language(item, corpus)
    status = RESPONSE_STATUS.in_language(t)[response.status].phrase
    # Translators: {who} is the team that answered, {date} a date (2026-11-25), {status} what
    # they did with it ("accepted it", "is looking at it").
    said = t("{who} answered your feedback on {date}: they {status}.")
    who = quoted(owner.name if owner else response.by)
    lines = [
        answered_marker(item),
        said.format(who=who, date=response.date, status=status),
        "",
        *_block_quote(answer_in(response, t.code)),
    ]
    url = feedback_url(corpus, item, t.code)
    if url:
        lines += ["", t("You can read it on the website: {url}").format(url=url)]
    if response.final:
        lines += ["", t("This issue is now closed. Thank you for taking part.")]
    return "\n".join(lines) + "\n"


def pull_request_body(source_url: str, rel: str, t: Language = ENGLISH) -> str:
    # Translators: {source} is the address of an issue, {file} a file's path.
    came = t("Feedback from {source}, written to `{file}` by `commonplan ingest`.")
    merge = t(
        "It passed `commonplan validate`. Merge it to publish it; the owners answer it by"
        " adding a `response:` to the file."
    )
    return f"{came.format(source=source_url, file=rel)}\n\n{merge}\n"


def taken_down_marker(item: Feedback) -> str:
    """Keyed by what was done and when (and, for a hide, why): a later withdrawal, or a hide
    for another reason, is told once more; the same one never."""
    if item.withdrawn is not None:
        what = f"withdrawn date={item.withdrawn.date}"
    elif item.moderation is not None:
        what = f"hidden reason={item.moderation.reason} date={item.moderation.date}"
    else:
        raise ValueError(f"{item.id} was not taken down")
    return f"<!-- commonplan:taken-down {item.id} {what} -->"


def moderation_url(corpus: Corpus, code: str = "") -> str | None:
    """The site's moderation log (from `site_url`): what was hidden, and why; in the ``code``
    language's pages (the default's when left out)."""
    site_url = corpus.settings.site_url
    under = f"{code}/" if code and code in corpus.settings.languages[1:] else ""
    return f"{site_url.rstrip('/')}/{under}moderation/" if site_url else None


def taken_down(item: Feedback, corpus: Corpus) -> str:
    """Said on the issue of feedback hidden or withdrawn: what was done, when and why, and
    what can still be asked for. Never its words, nor its answer: the site shows neither.
    In the language the feedback was written in (`reply_language`)."""
    t = reply_language(item, corpus)
    if item.withdrawn is not None:
        withdrawn = t(
            "Your feedback was withdrawn on {date}, as you asked. Its words are no longer shown"
            " on the website."
        )
        lines = [
            taken_down_marker(item),
            withdrawn.format(date=item.withdrawn.date),
            "",
            t(
                "They are still kept in this repository's history, the record of every earlier"
                " version of its files. If you would like them erased from there too, reply"
                " here and ask the organisers: they can remove them."
            ),
            "",
            t(
                "What you wrote at the top of this issue is still there: you can change or"
                " remove it yourself (the '...' menu at the top right of it, then 'Edit')."
            ),
        ]
    elif item.moderation is not None:
        lines = [taken_down_marker(item), *_hidden(item, corpus, t)]
    else:
        raise ValueError(f"{item.id} was not taken down")
    lines += ["", t("This issue is now closed. Thank you for taking part.")]
    return "\n".join(lines) + "\n"


def _hidden(item: Feedback, corpus: Corpus, t: Language) -> list[str]:
    moderation = item.moderation
    assert moderation is not None
    team = corpus.teams.get(moderation.by)
    reasons = corpus.settings.in_language(t).moderation_reasons
    label = reasons.get(moderation.reason) or moderation.reason
    # Translators: {team} is the moderators' team, {date} a date (2026-11-25).
    hid = t(
        "The moderators ({team}) hid your feedback on {date}: its words are no longer shown on"
        " the website."
    )
    lines = [
        hid.format(team=quoted(team.name if team else moderation.by), date=moderation.date),
        "",
        t("The reason they gave: {reason}").format(reason=quoted(label)),
    ]
    if moderation.note and moderation.note.strip():
        lines += ["", t("They added:"), "", *_block_quote(moderation.note)]
    url = moderation_url(corpus, t.code)
    if url:
        read = t("You can read how moderation works, and what was hidden and why: {url}")
        lines += ["", read.format(url=url)]
    again = t(
        "If you think this was a mistake, reply here and ask the organisers to look at it again."
    )
    return [*lines, "", again]
