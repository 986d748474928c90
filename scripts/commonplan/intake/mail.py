"""Feedback sent by e-mail: an IMAP mailbox read into feedback files.

The site's "have your say by e-mail" link fills in the subject and body of
`vocabulary.mail_subject` and `vocabulary.MAIL_BODY_TEMPLATE`: "Feedback on warm-spaces
#where-the-spaces-are", then "I am a: …", "My view: …" and free text. A subject written by
hand may name the proposal by its title instead, with a section's heading after it.
Each new message that can be read that way becomes a feedback file with `source.kind:
email` and is moved to the Recorded folder. A message that cannot be understood is
flagged for a person and left where it is.

The sender's address and name are never read into the feedback: only the subject, the
text and the Message-ID (for the id) are used, and the text is stopped if it still holds
an address or a phone number. Quoted replies and signatures are cut off first.
"""

from __future__ import annotations

import contextlib
import email
import hashlib
import imaplib
import re
import ssl
from dataclasses import dataclass, field
from datetime import date
from email import policy
from email.message import EmailMessage
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, Literal

from commonplan.config import ImapSettings, today
from commonplan.corpus import Corpus
from commonplan.intake.candidate import Candidate, check_candidate, content_id, write_candidate
from commonplan.validate.privacy import find_personal_data
from commonplan.vocabulary import (
    UnknownWord,
    is_blank,
    normalise,
    resolve_group,
    resolve_section,
    resolve_stance,
)

TIMEOUT_SECONDS = 60
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


class MailError(Exception):
    """The mailbox cannot be used (connection, login, folder); nothing was recorded."""


# --- Reading one message ---------------------------------------------------------------------


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
class Reading:
    """What a message says, or why it cannot be used."""

    data: dict[str, Any] = field(default_factory=dict)
    problem: str = ""
    key: str = ""  # Message-ID, or a hash of the message when it has none


def read_message(raw: bytes, corpus: Corpus) -> Reading:
    """A message's feedback fields from its subject and text (pure; never raises)."""
    try:
        message = email.message_from_bytes(raw, policy=policy.default)
        assert isinstance(message, EmailMessage)
        subject = str(message.get("subject", "") or "")
        message_id = str(message.get("message-id", "") or "").strip()
        text = own_words(message_text(message))
        day = _sent_on(message)
    except Exception as exc:  # any malformed mail is flagged for a person, never fatal
        return Reading(problem=f"the message cannot be read ({type(exc).__name__})")
    reading = Reading(key=message_id or hashlib.sha256(raw).hexdigest())
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
        with contextlib.suppress(UnknownWord):
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


def _body_of(corpus: Corpus, planned: dict[str, Candidate], feedback_id: str) -> str | None:
    """The words of the feedback that already holds an id, recorded earlier or in this run."""
    if feedback_id in corpus.feedback:
        return corpus.feedback[feedback_id].body
    candidate = planned.get(feedback_id)
    return candidate.feedback.body if candidate and candidate.feedback else None


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


def _sent_on(message: EmailMessage) -> date:
    header = message.get("date")
    moment = getattr(header, "datetime", None)
    return moment.date() if moment is not None else today()


# --- The mailbox -----------------------------------------------------------------------------


@dataclass
class IngestReport:
    recorded: list[str] = field(default_factory=list)  # paths written
    already: int = 0  # messages recorded by an earlier run, moved now
    flagged: list[tuple[str, str]] = field(default_factory=list)  # (uid, why)


def _quoted(name: str) -> str:
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _ok(response: tuple[str, Any], doing: str) -> Any:
    status, data = response
    if status != "OK":
        detail = b" ".join(d for d in data if isinstance(d, bytes)).decode(errors="replace")
        raise MailError(f"the mail server refused to {doing}: {detail}")
    return data


def connect(settings: ImapSettings, password: str) -> imaplib.IMAP4:
    """Log in to the mailbox (TLS unless the settings turn it off)."""
    try:
        connection: imaplib.IMAP4
        if settings.tls:
            context = ssl.create_default_context()
            connection = imaplib.IMAP4_SSL(
                settings.host, settings.port, ssl_context=context, timeout=TIMEOUT_SECONDS
            )
        else:
            connection = imaplib.IMAP4(settings.host, settings.port, timeout=TIMEOUT_SECONDS)
    except (OSError, imaplib.IMAP4.error) as exc:
        raise MailError(f"cannot reach {settings.host}:{settings.port}: {exc}") from exc
    try:
        connection.login(settings.user, password)
    except imaplib.IMAP4.error as exc:
        connection.shutdown()
        raise MailError(f"login as '{settings.user}' was refused: {exc}") from exc
    return connection


def disconnect(connection: imaplib.IMAP4) -> None:
    """Log out; a connection that already broke has nothing left to close."""
    with contextlib.suppress(OSError, imaplib.IMAP4.error):
        connection.logout()


def ingest(
    root: Path,
    corpus: Corpus,
    connection: imaplib.IMAP4,
    settings: ImapSettings,
    recorded_by: str,
) -> IngestReport:
    """Record every new message of the mailbox that can be understood."""
    report = IngestReport()
    try:
        _ok(connection.select(_quoted(settings.mailbox)), f"open the folder {settings.mailbox}")
        # CREATE answers NO when the folder exists already: that is fine.
        connection.create(_quoted(settings.recorded_folder))
        capabilities = _ok(connection.capability(), "list its capabilities")[0].split()
        can_move = b"MOVE" in capabilities
        found = _ok(connection.uid("SEARCH", "UNDELETED", "UNFLAGGED"), "search")[0]
        uids = [uid.decode() for uid in found.split()]
        moved: list[str] = []
        planned: dict[str, Candidate] = {}
        for uid in uids:
            fetched = _ok(connection.uid("FETCH", uid, "(BODY.PEEK[])"), "fetch a message")
            raw = next((part[1] for part in fetched if isinstance(part, tuple)), b"")
            outcome = _record(root, corpus, raw, recorded_by, planned)
            if outcome.kind == "flagged":
                report.flagged.append((uid, _printable(outcome.detail)))
                _ok(connection.uid("STORE", uid, "+FLAGS", "(\\Flagged)"), "flag a message")
                continue
            if outcome.kind == "recorded":
                report.recorded.append(outcome.detail)
            else:
                report.already += 1
            moved.append(uid)
        for uid in moved:
            _move(connection, uid, settings.recorded_folder, can_move)
        if moved and not can_move:
            # Only the messages moved here: other clients' deleted mail is not ours to purge.
            if b"UIDPLUS" in capabilities:
                _ok(connection.uid("EXPUNGE", ",".join(moved)), "remove moved messages")
            else:
                connection.expunge()
    except (OSError, imaplib.IMAP4.error) as exc:
        raise MailError(f"the mail server connection failed: {exc}") from exc
    return report


@dataclass(frozen=True)
class Outcome:
    """What became of one message: recorded (detail: the path), already recorded before
    (detail: the id), or flagged for a person (detail: why)."""

    kind: Literal["recorded", "already", "flagged"]
    detail: str


def _record(
    root: Path, corpus: Corpus, raw: bytes, recorded_by: str, planned: dict[str, Candidate]
) -> Outcome:
    reading = read_message(raw, corpus)
    if reading.problem:
        return Outcome("flagged", reading.problem)
    data = reading.data
    data["source"] = {"kind": "email", "recorded_by": recorded_by}
    feedback_id = content_id(
        data["proposal"],
        "email",
        reading.key,
        str(data.get("section") or ""),
        data["group"],
        data["stance"],
        data["body"],
        body=data["body"],
        held_by=lambda taken: _body_of(corpus, planned, taken),
    )
    if feedback_id in corpus.feedback or feedback_id in planned:
        return Outcome("already", feedback_id)
    candidate = check_candidate(corpus, feedback_id, data)
    if (root / candidate.rel).exists():
        return Outcome("already", feedback_id)
    if not candidate.ok:
        return Outcome("flagged", "; ".join(candidate.problems()))
    planned[feedback_id] = candidate
    write_candidate(root, candidate)
    return Outcome("recorded", candidate.rel)


def _printable(reason: str) -> str:
    """A reason quotes what the sender wrote; it is printed only when it holds no contacts."""
    if find_personal_data(reason):
        return "its details could not be read (they hold contact details)"
    return reason


def _move(connection: imaplib.IMAP4, uid: str, folder: str, can_move: bool) -> None:
    if can_move:
        _ok(connection.uid("MOVE", uid, _quoted(folder)), f"move a message to {folder}")
        return
    _ok(connection.uid("COPY", uid, _quoted(folder)), f"copy a message to {folder}")
    _ok(connection.uid("STORE", uid, "+FLAGS", "(\\Deleted)"), "mark a message as moved")
