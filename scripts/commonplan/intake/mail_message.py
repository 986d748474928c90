"""One e-mail read into feedback fields (pure; never raises).

The site's "have your say by e-mail" link fills in the subject and body of
`vocabulary.mail_subject` and `vocabulary.MAIL_BODY_TEMPLATE`: "Feedback on warm-spaces
#where-the-spaces-are", then "I am a: …", "My view: …" and free text. A subject written by
hand may name the proposal by its title instead, with a section's heading after it.
The sender's address and name are never read into the feedback: only the subject, the
text and the Message-ID (for the id) are used, and the text is stopped if it still holds
an address or a phone number. Quoted replies and signatures are cut off first.
"""

from __future__ import annotations

import email
import hashlib
import re
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import date
from email import policy
from email.message import EmailMessage
from html.parser import HTMLParser
from typing import Any

from commonplan.corpus import Corpus
from commonplan.validate.privacy import find_personal_data
from commonplan.vocabulary import (
    UnknownWord,
    is_blank,
    normalise,
    resolve_group,
    resolve_section,
    resolve_stance,
)

SLUG_TOKEN = re.compile(r"[a-z0-9][a-z0-9-]*[a-z0-9]")
SECTION_TAG = re.compile(r"#\s*([A-Za-z0-9][A-Za-z0-9-]*)")
SUBJECT_SEPARATORS = " \t—–-:#,.;()[]"
TEMPLATE_LINE = re.compile(
    r"^\s*(?P<key>i am an?|i'm an?|my view|section|which part)\s*[:\-–]\s*(?P<value>.*)$",
    re.IGNORECASE,
)
# A closing line, then at most this many short lines (a name, a group): the signature.
SIGN_OFF = re.compile(
    r"^\s*(kind(est)? regards|best regards|warm(est)? regards|regards|best wishes|"
    r"all the best|many thanks|thanks( again)?|thank you|cheers|yours( sincerely| faithfully|"
    r" truly)?|take care|love|best)\b,?(\s+\w+){0,3}\s*,?\s*$",
    re.IGNORECASE,
)
SIGNATURE_LINES = 3
# Where a reply's quoted part or a signature starts: everything from there on is dropped.
CUT_LINES = (
    re.compile(r"^--\s?$"),  # the signature separator "-- "
    re.compile(r"^On .{0,200}wrote:\s*$", re.IGNORECASE),
    re.compile(r"^-{2,}\s*(Original|Forwarded) Message\s*-{2,}", re.IGNORECASE),
    re.compile(r"^_{10,}\s*$"),  # Outlook's line above the quoted message
    re.compile(r"^(Sent from my|Get Outlook for) ", re.IGNORECASE),
)
BLOCK_TAGS = frozenset(
    {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table"}
)
HIDDEN_TAGS = frozenset({"script", "style", "head", "title", "blockquote"})


class _TextOfHtml(HTMLParser):
    """The words of an HTML mail, never its markup; quoted replies (<blockquote>) left out."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in HIDDEN_TAGS:
            self.hidden += 1
        elif tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in HIDDEN_TAGS:
            self.hidden = max(0, self.hidden - 1)
        elif tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(re.sub(r"\s+", " ", data))


def html_to_text(html: str) -> str:
    parser = _TextOfHtml()
    parser.feed(html)
    parser.close()
    lines = (line.strip() for line in "".join(parser.parts).split("\n"))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def message_text(message: EmailMessage) -> str:
    """The message's own text: plain text preferred, else HTML made text; never attachments."""
    part = message.get_body(preferencelist=("plain", "html"))
    if part is None or not isinstance(part, EmailMessage):
        return ""
    try:
        content = part.get_content()
    except (LookupError, UnicodeError):  # an unknown or lying charset
        payload = part.get_payload(decode=True)
        content = payload.decode("utf-8", errors="replace") if isinstance(payload, bytes) else ""
    if not isinstance(content, str):
        return ""
    if part.get_content_type() == "text/html":
        return html_to_text(content)
    return content


def own_words(text: str) -> str:
    """Text without the quoted message it replies to and without the signature."""
    kept: list[str] = []
    for line in text.replace("\r\n", "\n").split("\n"):
        if any(pattern.match(line) for pattern in CUT_LINES):
            break
        if line.lstrip().startswith(">"):
            continue
        kept.append(line.rstrip())
    return "\n".join(_without_sign_off(kept)).strip()


def _without_sign_off(lines: list[str]) -> list[str]:
    """Lines without a closing "Kind regards, / Jane Smith": a signature without the "-- "
    line still names the sender, who never agreed to be published."""
    filled = [i for i, line in enumerate(lines) if line.strip()]
    for position, index in enumerate(filled):
        after = [lines[i].strip() for i in filled[position + 1 :]]
        looks_signed = len(after) <= SIGNATURE_LINES and all(
            len(line.split()) <= 4 and not line.endswith((".", "?", "!")) for line in after
        )
        if SIGN_OFF.match(lines[index]) and looks_signed:
            return lines[:index]
    return lines


def _names_sender(text: str, message: EmailMessage) -> bool:
    """Whether the text holds the sender's display name (read for this check, never kept)."""
    address = message.get("from")
    name = getattr(address, "addresses", ())
    display = name[0].display_name if name else ""
    words = [word for word in re.split(r"\W+", display.casefold()) if len(word) >= 3]
    said = set(re.split(r"\W+", text.casefold()))
    return bool(words) and all(word in said for word in words)


@dataclass
class MailReading:
    """What a message says, or why it cannot be used."""

    data: dict[str, Any] = field(default_factory=dict)
    problem: str = ""
    key: str = ""  # Message-ID, or a hash of the message when it has none


def read_message(raw: bytes, corpus: Corpus) -> MailReading:
    """A message's feedback fields from its subject and text (pure; never raises)."""
    try:
        message = email.message_from_bytes(raw, policy=policy.default)
        assert isinstance(message, EmailMessage)
        subject = str(message.get("subject", "") or "")
        message_id = str(message.get("message-id", "") or "").strip()
        text = own_words(message_text(message))
        day = _sent_on(message, corpus.today)
    except Exception as exc:  # any malformed mail is flagged for a person, never fatal
        return MailReading(problem=f"the message cannot be read ({type(exc).__name__})")
    reading = MailReading(key=message_id or hashlib.sha256(raw).hexdigest())
    proposal_id, rest = _proposal_named(subject, corpus)
    if proposal_id is None:
        reading.problem = "the subject names no proposal (by its title or its id)"
        return reading
    proposal = corpus.proposals[proposal_id]
    fields: dict[str, str] = {}
    body_lines: list[str] = []
    for line in text.split("\n"):
        match = TEMPLATE_LINE.match(line)
        key = _template_field(match["key"]) if match else ""
        # A template line counts once; a later "My view: …" is part of what they wrote.
        if match and key not in fields:
            fields[key] = match["value"]
        else:
            body_lines.append(line)
    body = "\n".join(body_lines).strip()
    section = fields.get("section")
    tag = SECTION_TAG.search(rest)
    if is_blank(section) and tag:
        section = tag.group(1)
    elif is_blank(section):
        # The site's link puts the section's title after the proposal's; other words
        # there ("– a quick question") are the sender's own, and name no section.
        with suppress(UnknownWord):
            section = resolve_section(rest.strip(SUBJECT_SEPARATORS), proposal)
    data: dict[str, Any] = {"proposal": proposal_id, "submitted": day, "body": body}
    try:
        if not is_blank(section):
            data["section"] = resolve_section(str(section), proposal)
        if is_blank(fields.get("group")):
            raise UnknownWord("it does not say who is writing ('I am a: …' is not filled in)")
        data["group"] = resolve_group(fields["group"], corpus.settings.groups)
        if is_blank(fields.get("stance")):
            raise UnknownWord("it does not give a view ('My view: …' is not filled in)")
        data["stance"] = resolve_stance(fields["stance"])
    except UnknownWord as exc:
        reading.problem = str(exc)
        return reading
    if not body:
        reading.problem = "the message has no feedback text"
    elif _names_sender(body, message):
        reading.problem = (
            "the text seems to name the person who wrote it; a person must record it without"
            " their name"
        )
    elif find_personal_data(body):
        kinds = sorted({finding.describe() for finding in find_personal_data(body)})
        reading.problem = (
            f"the text contains {' and '.join(kinds)}; a person must record it without them"
        )
    reading.data = data
    return reading


def _proposal_named(subject: str, corpus: Corpus) -> tuple[str | None, str]:
    """The proposal a subject names by title (the longest that fits) or by id, and the
    subject's text after it (lower case), where the section is named."""
    said = _plain(subject)
    titles = sorted(
        ((_plain(p.title), p.id) for p in corpus.proposals.values()),
        key=lambda entry: -len(entry[0]),
    )
    for title, proposal_id in titles:
        start = said.find(title) if title else -1
        if start != -1:
            return proposal_id, said[start + len(title) :]
    for token in SLUG_TOKEN.finditer(said):
        if token.group() in corpus.proposals:
            return token.group(), said[token.end() :]
    return None, ""


def _plain(text: str) -> str:
    """Lower case, one space between words, and a typographic apostrophe made plain."""
    return normalise(text.replace("\u2019", "'"))


def _template_field(key: str) -> str:
    key = key.lower()
    if key.startswith(("i am", "i'm")):
        return "group"
    return "stance" if key == "my view" else "section"


def _sent_on(message: EmailMessage, today: date) -> date:
    header = message.get("date")
    moment = getattr(header, "datetime", None)
    return moment.date() if moment is not None else today
