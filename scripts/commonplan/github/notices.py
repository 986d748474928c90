"""The words the GitHub loop says back to people, each with a hidden marker.

A marker (an HTML comment, invisible on GitHub) records on GitHub itself what was already
said, so a rerun finds it and never says the same thing twice.
"""

from __future__ import annotations

import hashlib
import re

from commonplan.characters import without_controls
from commonplan.corpus import Corpus
from commonplan.model import Feedback, Team
from commonplan.urls import feedback_url
from commonplan.vocabulary import RESPONSE_STATUS

RECORDED_MARKER = "<!-- commonplan:recorded -->"
MARKER_START = "<!--"
BACKTICKS = re.compile(r"`+")


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


def needs_info(problems: list[str], checked_text: str, *, review: bool = False) -> str:
    where = "your comment" if review else "this issue"
    how = (
        "edit your comment"
        if review
        else "edit this issue (the '...' menu at the top right of it, then 'Edit')"
    )
    lines = [
        needs_info_marker(checked_text),
        f"Thank you for taking part. We could not add {where} to the strategy yet:",
        "",
        *(f"- {quoted(problem)}" for problem in problems),
        "",
        f"Please {how} and we will try again automatically. Nothing has been published.",
    ]
    return "\n".join(lines) + "\n"


def too_long(length: int, limit: int, *, review: bool = False) -> str:
    """The problem with a text longer than is read: said in plain words, none of it echoed."""
    where, another = ("your comment", "comment") if review else ("this issue", "issue")
    return (
        f"{where} is {length:,} characters long, and we read at most {limit:,}. Please shorten"
        f" it; you can say the rest in another {another}."
    )


def recorded(pull_url: str | None, claim_note: str | None) -> str:
    lines = [RECORDED_MARKER, "Thank you: your feedback has been written down for the strategy."]
    if pull_url:
        lines += [
            "",
            f"It is waiting in {pull_url}. Once that is merged it appears on the website, and"
            " the people who own the proposal will answer it here.",
        ]
    else:
        lines += ["", "It is already part of the strategy; the owners will answer it here."]
    if claim_note:
        lines += ["", claim_note]
    return "\n".join(lines) + "\n"


def claim_refused(team_id: str, team: Team | None, author: str) -> str:
    if team is None:
        return (
            f"You said you speak for {quoted(team_id)}, but there is no team with that short"
            " name, so your feedback is recorded as coming from your group."
        )
    return (
        f"You said you speak for {quoted(team.name)}, but the GitHub name {author} is not on that"
        f" team's list (teams/{team_id}.yml), so your feedback is recorded as coming from your"
        " group. The team can add you to its `github` list if you speak for it."
    )


def answered(item: Feedback, owner: Team | None, corpus: Corpus) -> str:
    response = item.response
    if response is None:
        raise ValueError(f"{item.id} has no response")
    who = quoted(owner.name if owner else response.by)
    lines = [
        answered_marker(item),
        f"{who} answered your feedback on {response.date}:"
        f" they {RESPONSE_STATUS[response.status].phrase}.",
        "",
        *(f"> {line}" if line else ">" for line in quoted(response.text.strip()).split("\n")),
    ]
    url = feedback_url(corpus, item)
    if url:
        lines += ["", f"You can read it on the website: {url}"]
    if response.final:
        lines += ["", "This issue is now closed. Thank you for taking part."]
    return "\n".join(lines) + "\n"


def pull_request_body(source_url: str, rel: str) -> str:
    return (
        f"Feedback from {source_url}, written to `{rel}` by `commonplan ingest`.\n\n"
        "It passed `commonplan validate`. Merge it to publish it; the owners answer it by"
        " adding a `response:` to the file.\n"
    )


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


def moderation_url(corpus: Corpus) -> str | None:
    """The site's moderation log (from `site_url`): what was hidden, and why."""
    site_url = corpus.settings.site_url
    return f"{site_url.rstrip('/')}/moderation/" if site_url else None


def taken_down(item: Feedback, corpus: Corpus) -> str:
    """Said on the issue of feedback hidden or withdrawn: what was done, when and why, and
    what can still be asked for. Never its words, nor its answer: the site shows neither."""
    if item.withdrawn is not None:
        lines = [
            taken_down_marker(item),
            f"Your feedback was withdrawn on {item.withdrawn.date}, as you asked. Its words are"
            " no longer shown on the website.",
            "",
            "They are still kept in this repository's history, the record of every earlier"
            " version of its files. If you would like them erased from there too, reply here"
            " and ask the organisers: they can remove them.",
            "",
            "What you wrote at the top of this issue is still there: you can change or remove"
            " it yourself (the '...' menu at the top right of it, then 'Edit').",
        ]
    elif item.moderation is not None:
        lines = [taken_down_marker(item), *_hidden(item, corpus)]
    else:
        raise ValueError(f"{item.id} was not taken down")
    lines += ["", "This issue is now closed. Thank you for taking part."]
    return "\n".join(lines) + "\n"


def _hidden(item: Feedback, corpus: Corpus) -> list[str]:
    moderation = item.moderation
    assert moderation is not None
    team = corpus.teams.get(moderation.by)
    label = corpus.settings.moderation_reasons.get(moderation.reason) or moderation.reason
    lines = [
        f"The moderators ({quoted(team.name if team else moderation.by)}) hid your feedback on"
        f" {moderation.date}: its words are no longer shown on the website.",
        "",
        f"The reason they gave: {quoted(label)}",
    ]
    if moderation.note and moderation.note.strip():
        lines += [
            "",
            "They added:",
            "",
            *(f"> {line}" if line else ">" for line in quoted(moderation.note.strip()).split("\n")),
        ]
    url = moderation_url(corpus)
    if url:
        lines += ["", f"You can read how moderation works, and what was hidden and why: {url}"]
    lines += [
        "",
        "If you think this was a mistake, reply here and ask the organisers to look at it again.",
    ]
    return lines
