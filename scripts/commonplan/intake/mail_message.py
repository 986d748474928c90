"""One e-mail read into feedback fields (pure; never raises).

The site's "have your say by e-mail" link fills in the subject and body of
`vocabulary.mail_subject` and `vocabulary.MAIL_BODY_TEMPLATE`: "Feedback on warm-spaces
#where-the-spaces-are", then "I am a: …", "My view: …" and free text. A subject written by
hand may name the proposal by its title instead, with a section's heading after it.
The sender's address and name are never read into the feedback: only the subject, the
text and the Message-ID (for the id) are used, and the text is stopped if it still holds
an address or a phone number. Quoted replies and signatures are cut off first.

A message is anyone's text, read on every run until it is recorded or flagged: every step
takes time in proportion to its size. The standard library's e-mail parser does not on
some crafted headers (comments in a Content-Type, a long From) and very many parts, so a
message past the limits below is flagged for a person without being parsed; its HTML is
made text by a one-pass reader here, not `html.parser` (quadratic on unclosed markup).
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
from html import unescape
from typing import Any

from commonplan.corpus import Corpus
from commonplan.language import ENGLISH, Said, language, said_list, say, spoken_languages
from commonplan.terms import UnknownWord, normalise
from commonplan.validate.privacy import find_personal_data
from commonplan.vocabulary import (
    MAIL_GROUP_KEY,
    MAIL_VIEW_KEY,
    REPORT_SUBJECT_START,
    is_blank,
    resolve_group,
    resolve_section,
    resolve_stance,
)

SLUG_TOKEN = re.compile(r"[a-z0-9][a-z0-9-]*[a-z0-9]")
SECTION_TAG = re.compile(r"#\s*([A-Za-z0-9][A-Za-z0-9-]*)")
SUBJECT_SEPARATORS = " \t—–-:#,.;()[]"
# The template's keys in every language the platform speaks ("Rwy'n", "Fy marn" in Welsh).
_SPOKEN = [language(code) for code in (ENGLISH.code, *spoken_languages())]
GROUP_KEYS = {"i am a", "i am an", "i'm a", "i'm an"} | {
    t.marked("e-mail template", MAIL_GROUP_KEY).casefold() for t in _SPOKEN
}
VIEW_KEYS = {t.marked("e-mail template", MAIL_VIEW_KEY).casefold() for t in _SPOKEN}
SECTION_KEYS = {"section", "which part", "adran", "pa ran"}
TEMPLATE_LINE = re.compile(
    r"^\s*(?P<key>"
    + "|".join(re.escape(k) for k in sorted(GROUP_KEYS | VIEW_KEYS | SECTION_KEYS, key=len)[::-1])
    + r")\s*[:\-–]\s*(?P<value>.*)$",
    re.IGNORECASE,
)
# A closing line, then at most this many short lines (a name, a group): the signature.
# Possessive quantifiers (`*+`, `++`): a run of spaces is never tried two ways.
SIGN_OFF = re.compile(
    r"^\s*+(kind(est)? regards|best regards|warm(est)? regards|regards|best wishes|"
    r"all the best|many thanks|thanks( again)?|thank you|cheers|yours( sincerely| faithfully|"
    r" truly)?|take care|love|best)\b,?(?:\s++\w++){0,3}+\s*+,?\s*+$",
    re.IGNORECASE,
)
SIGNATURE_LINES = 3
# Where a reply's quoted part or a signature starts: everything from there on is dropped.
# Each is a line of its own (`[^\S\n]` is a space that is not a line's end), found in one
# search of the whole text.
CUT_LINE = re.compile(
    r"^(?:--[^\S\n]?$"  # the signature separator "-- "
    r"|On [^\n]{0,200}wrote:[^\S\n]*+$"
    r"|-{2,}+[^\S\n]*+(?:Original|Forwarded) Message[^\S\n]*+--"
    r"|_{10,}+[^\S\n]*+$"  # Outlook's line above the quoted message
    r"|(?:Sent from my|Get Outlook for) )",
    re.IGNORECASE | re.MULTILINE,
)
QUOTED_LINE = re.compile(r"^[^\S\n]*+>[^\n]*+\n?", re.MULTILINE)
# Spaces at a line's end, matched only from the first of them (so never tried twice).
LINE_END_SPACES = re.compile(r"(?<![^\S\n])[^\S\n]++(?=\n|\Z)")
BLOCK_TAGS = frozenset(
    {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table"}
)
HIDDEN_TAGS = frozenset({"script", "style", "head", "title", "blockquote"})
# Markup, tried only at a "<": a tag (never past the next "<", nor inside quotes), or a
# comment, declaration or stray end tag, skipped whole (to the end when it is never
# closed). Possessive and lazy-to-the-end: no character is looked at more than a few times.
MARKUP = re.compile(
    r"""<(?:(?P<closing>/?)(?P<name>[A-Za-z][^\s/<>]*+)"""
    r"""(?P<attributes>(?:[^<>"']++|"[^<"]*+"|'[^<']*+')*+)>"""
    r"|!--.*?(?:-->|\Z)|!\[CDATA\[.*?(?:\]\]>|\Z)|[!/?][^>]*+(?:>|\Z))",
    re.DOTALL,
)
RAW_TEXT_END = {
    "script": re.compile(r"</\s*+script\s*+>", re.IGNORECASE),
    "style": re.compile(r"</\s*+style\s*+>", re.IGNORECASE),
}
SPACES = re.compile(r"\s+")
BLANK_LINES = re.compile(r"\n{3,}")
# Past these a message is flagged for a person, never parsed (see the module's docstring).
MAX_MESSAGE_BYTES = 10 * 2**20  # attachments included
MAX_TEXT_CHARS = 2**20  # its text: the plain text, or the HTML made text
MAX_PARTS = 200  # lines starting "--", which is how each part of a message starts
MAX_HEADER_CHARS = 1_000  # each header line that is parsed: From, Subject, Content-Type …
MAX_HEADERS_CHARS = 20_000  # all of those, in every part
# A header line that is parsed (a name these start, then its folded lines), in any part.
PARSED_HEADER = re.compile(
    rb"^(?:from|subject|date|message-id|content-)[^\n:]{0,80}+:[^\n]*+(?:\n[ \t][^\n]*+)*+",
    re.IGNORECASE | re.MULTILINE,
)


class _Text:
    """The text of HTML as `html_to_text` collects it: block tags end lines, and the words
    inside hidden tags (quoted replies, scripts, styles, the head) are left out."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.run: list[str] = []
        self.hidden = 0

    def flush(self) -> None:
        if self.run and not self.hidden:
            self.parts.append(SPACES.sub(" ", unescape("".join(self.run))))
        self.run = []

    def tag(self, name: str, *, closing: bool) -> None:
        self.flush()
        if name in HIDDEN_TAGS:
            self.hidden = max(0, self.hidden - 1) if closing else self.hidden + 1
        elif name in BLOCK_TAGS:
            self.parts.append("\n")


def html_to_text(html: str) -> str:
    """The words of an HTML mail, never its markup; quoted replies (<blockquote>) left out.

    One pass from markup to markup: a "<" that starts none is text."""
    text = _Text()
    at = 0
    while (markup := MARKUP.search(html, at)) is not None:
        text.run.append(html[at : markup.start()])
        at = markup.end()
        name = (markup.group("name") or "").lower()
        if not name:  # a comment, a declaration
            text.flush()
            continue
        closing = markup.group("closing") == "/"
        text.tag(name, closing=closing)
        if not closing and markup.group("attributes").endswith("/"):  # <br/>: start and end
            text.tag(name, closing=True)
        elif not closing and name in RAW_TEXT_END:  # a script's text is not markup
            end_tag = RAW_TEXT_END[name].search(html, at)
            at = end_tag.end() if end_tag else len(html)
            text.tag(name, closing=True)
    text.run.append(html[at:])
    text.flush()
    lines = (line.strip() for line in "".join(text.parts).split("\n"))
    return BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def _too_large(raw: bytes) -> Said | None:
    """Why a message is not parsed at all (None when it may be): a few passes over its
    bytes, counting conservatively (a line of its text that looks like a header counts too)."""
    if len(raw) > MAX_MESSAGE_BYTES:
        return say("the message is larger than {size} MiB", size=MAX_MESSAGE_BYTES >> 20)
    if raw.startswith(b"--") + raw.count(b"\n--") > MAX_PARTS:
        return say("the message has more than {parts} parts", parts=MAX_PARTS)
    total = 0
    for header in PARSED_HEADER.finditer(raw):
        total += header.end() - header.start()
        if header.end() - header.start() > MAX_HEADER_CHARS:
            name = header.group().split(b":", 1)[0].strip().decode("ascii", "replace")
            # Translators: {header} is the header's name ("Subject", "From"); {limit} a
            # number, "1,000".
            return say(
                "its {header} header is longer than {limit} characters",
                header=name.title(),
                limit=format(MAX_HEADER_CHARS, ","),
            )
    if total > MAX_HEADERS_CHARS:
        return say(
            "its headers are longer than {limit} characters in all",
            limit=format(MAX_HEADERS_CHARS, ","),
        )
    return None


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
    text = text.replace("\r\n", "\n")
    cut = CUT_LINE.search(text)
    kept = LINE_END_SPACES.sub("", QUOTED_LINE.sub("", text[: cut.start()] if cut else text))
    return _without_sign_off(kept).strip()


def _without_sign_off(text: str) -> str:
    """Text without a closing "Kind regards, / Jane Smith": a signature without the "-- "
    line still names the sender, who never agreed to be published.

    Backwards over the last few filled lines only: the closing line is the first filled
    line with at most SIGNATURE_LINES filled lines after it, all of them short."""
    cut = None
    after = 0  # filled lines below the one looked at, each of them short
    end = len(text.rstrip())
    while end:
        start = text.rfind("\n", 0, end) + 1
        line = text[start:end].strip()
        if SIGN_OFF.match(line):
            cut = start
        if after == SIGNATURE_LINES or len(line.split()) > 4 or line.endswith((".", "?", "!")):
            break
        after += 1
        end = len(text[:start].rstrip())
    return text if cut is None else text[:cut]


def _display_name(message: EmailMessage) -> str:
    """The sender's name as the From header gives it (read for a check, never kept)."""
    address = message.get("from")
    name = getattr(address, "addresses", ())
    return str(name[0].display_name) if name else ""


def _names_sender(text: str, display: str) -> bool:
    """Whether the text holds the sender's display name."""
    words = [word for word in re.split(r"\W+", display.casefold()) if len(word) >= 3]
    said = set(re.split(r"\W+", text.casefold()))
    return bool(words) and all(word in said for word in words)


@dataclass
class MailReading:
    """What a message says, or why it cannot be used."""

    data: dict[str, Any] = field(default_factory=dict)
    said: str | Said = ""  # why it cannot be used, to be said in the reader's language
    key: str = ""  # Message-ID, or a hash of the message when it has none

    @property
    def problem(self) -> str:
        """Why it cannot be used, in English ("" when it can)."""
        return str(self.said)


def read_message(raw: bytes, corpus: Corpus) -> MailReading:
    """A message's feedback fields from its subject and text (pure; never raises)."""
    digest = hashlib.sha256(raw).hexdigest()
    too_large = _too_large(raw)
    if too_large is not None:
        # Translators: {problem} is how large the message is ("the message has more than
        # 200 parts").
        problem = say("{problem}, more than is read automatically", problem=too_large)
        return MailReading(said=problem, key=digest)
    try:
        message = email.message_from_bytes(raw, policy=policy.default)
        assert isinstance(message, EmailMessage)
        subject = str(message.get("subject", "") or "")
        message_id = str(message.get("message-id", "") or "").strip()
        whole_text = message_text(message)
        display = _display_name(message)
        day = _sent_on(message, corpus.today)
    except Exception as exc:  # any malformed mail is flagged for a person, never fatal
        # Translators: {error} is the name of the error, as Python gives it.
        unreadable = say("the message cannot be read ({error})", error=type(exc).__name__)
        return MailReading(said=unreadable)
    if len(whole_text) > MAX_TEXT_CHARS:
        # Translators: {limit} is a number, "1,048,576".
        too_long = say(
            "its text is longer than {limit} characters (1 MiB), more than is read automatically",
            limit=format(MAX_TEXT_CHARS, ","),
        )
        return MailReading(said=too_long, key=digest)
    text = own_words(whole_text)
    reading = MailReading(key=message_id or digest)
    if _plain(subject).startswith(_plain(REPORT_SUBJECT_START)):
        # Translators: {start} is how a report's subject starts, as the site writes it.
        reading.said = say(
            "it reports feedback to the moderators (its subject starts '{start}'): it is not"
            " feedback; pass it to the moderators",
            start=REPORT_SUBJECT_START,
        )
        return reading
    proposal_id, rest = _proposal_named(subject, corpus)
    if proposal_id is None:
        reading.said = say("the subject names no proposal (by its title or its id)")
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
            # Translators: 'I am a: …' is the e-mail template's line, in English.
            raise UnknownWord(say("it does not say who is writing ('I am a: …' is not filled in)"))
        settings = corpus.settings
        data["group"] = resolve_group(fields["group"], settings.groups, settings.group_words())
        if is_blank(fields.get("stance")):
            # Translators: 'My view: …' is the e-mail template's line, in English.
            raise UnknownWord(say("it does not give a view ('My view: …' is not filled in)"))
        data["stance"] = resolve_stance(fields["stance"])
    except UnknownWord as exc:
        reading.said = exc.said
        return reading
    if not body:
        reading.said = say("the message has no feedback text")
    elif _names_sender(body, display):
        reading.said = say(
            "the text seems to name the person who wrote it; a person must record it without"
            " their name"
        )
    elif find_personal_data(body):
        kinds = {finding.describe(): finding.described() for finding in find_personal_data(body)}
        found = said_list([kinds[kind] for kind in sorted(kinds)], "and")
        # Translators: {found} is what was found, "an e-mail address and a phone number".
        reading.said = say(
            "the text contains {found}; a person must record it without them", found=found
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
    key = key.casefold()
    if key in GROUP_KEYS:
        return "group"
    return "stance" if key in VIEW_KEYS else "section"


def _sent_on(message: EmailMessage, today: date) -> date:
    header = message.get("date")
    moment = getattr(header, "datetime", None)
    return moment.date() if moment is not None else today
