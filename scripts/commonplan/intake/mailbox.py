"""Feedback sent by e-mail: an IMAP mailbox read into feedback files.

Each new message that `intake.mail_message` can read becomes a feedback file with
`source.kind: email` and is moved to the Recorded folder. A message that cannot be
understood is flagged for a person and left where it is.
"""

from __future__ import annotations

import contextlib
import imaplib
import ssl
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from commonplan.config import ImapSettings
from commonplan.corpus import Corpus
from commonplan.errors import CommonplanError
from commonplan.intake.candidate import Batch, write_candidate
from commonplan.intake.mail_message import read_message
from commonplan.validate.privacy import find_personal_data

TIMEOUT_SECONDS = 60


class MailError(CommonplanError):
    """The mailbox cannot be used (connection, login, folder); nothing was recorded."""


@dataclass
class MailboxReport:
    """What one run over the mailbox did."""

    recorded_folder: str
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


def record_mailbox(
    root: Path,
    corpus: Corpus,
    connection: imaplib.IMAP4,
    settings: ImapSettings,
    recorded_by: str,
) -> MailboxReport:
    """Record every new message of the mailbox that can be understood."""
    report = MailboxReport(settings.recorded_folder)
    try:
        _ok(connection.select(_quoted(settings.mailbox)), f"open the folder {settings.mailbox}")
        # CREATE answers NO when the folder exists already: that is fine.
        connection.create(_quoted(settings.recorded_folder))
        capabilities = _ok(connection.capability(), "list its capabilities")[0].split()
        can_move = b"MOVE" in capabilities
        found = _ok(connection.uid("SEARCH", "UNDELETED", "UNFLAGGED"), "search")[0]
        uids = [uid.decode() for uid in found.split()]
        moved: list[str] = []
        batch = Batch(corpus)
        for uid in uids:
            fetched = _ok(connection.uid("FETCH", uid, "(BODY.PEEK[])"), "fetch a message")
            raw = next((part[1] for part in fetched if isinstance(part, tuple)), b"")
            outcome = _record(root, batch, raw, recorded_by)
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


def _record(root: Path, batch: Batch, raw: bytes, recorded_by: str) -> Outcome:
    reading = read_message(raw, batch.corpus)
    if reading.problem:
        return Outcome("flagged", reading.problem)
    data = reading.data
    data["source"] = {"kind": "email", "recorded_by": recorded_by}
    parts = (reading.key, str(data.get("section") or ""), data["group"], data["stance"])
    feedback_id, candidate = batch.candidate("email", (*parts, data["body"]), data)
    if candidate is None:
        return Outcome("already", feedback_id)
    if not candidate.ok:
        return Outcome("flagged", "; ".join(candidate.problems()))
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


def record_configured_mailbox(
    root: Path, corpus: Corpus, recorded_by: str | None, environ: Mapping[str, str]
) -> MailboxReport:
    """Record the mailbox set in mkdocs.yml (`imap:`), as the team ``recorded_by`` (or the
    one the settings name), with the password from the variable the settings name."""
    settings = corpus.settings.imap
    if settings is None:
        raise MailError(
            "no mailbox configured: add `imap: {host: …, user: …, recorded_by: …}` to the"
            " commonplan plugin's options in mkdocs.yml"
        )
    team = recorded_by or settings.recorded_by
    if team is None or team not in corpus.teams:
        raise MailError(
            f"say which team receives the e-mail: '{team}' is not a team; set imap.recorded_by"
            " in mkdocs.yml or use --recorded-by"
        )
    password = environ.get(settings.password_env)
    if not password:
        raise MailError(
            f"the mailbox password is not set: put it in the environment variable"
            f" {settings.password_env}"
        )
    try:
        connection = connect(settings, password)
        try:
            return record_mailbox(root, corpus, connection, settings, team)
        finally:
            disconnect(connection)
    except MailError as exc:
        raise MailError(f"{exc}; nothing more was recorded") from exc
