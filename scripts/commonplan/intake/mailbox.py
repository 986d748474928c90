"""Feedback sent by e-mail: an IMAP mailbox read into feedback files.

Each new message that `intake.mail_message` can read becomes a feedback file with
`source.kind: email` and is moved to the Recorded folder. A message that cannot be
understood is flagged for a person and left where it is.
"""

from __future__ import annotations

import contextlib
import imaplib
import ssl
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from commonplan.config import ImapSettings
from commonplan.corpus import Corpus
from commonplan.errors import CommonplanError
from commonplan.intake.candidate import Batch, write_candidate
from commonplan.intake.mail_message import read_message
from commonplan.language import Said, said_in_turn, say
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
    flagged: list[tuple[str, str | Said]] = field(default_factory=list)  # (uid, why)


def _quoted(name: str) -> str:
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _ok(response: tuple[str, Any], refused: Callable[[str], Said]) -> Any:
    """The data of an answer that is OK; ``refused(detail)`` says what the server refused,
    with its own words."""
    status, data = response
    if status != "OK":
        detail = b" ".join(d for d in data if isinstance(d, bytes)).decode(errors="replace")
        raise MailError(refused(detail))
    return data


def _open_refused(folder: str) -> Callable[[str], Said]:
    # Translators: {folder} is a mail folder's name; {detail} the server's own words.
    return lambda detail: say(
        "the mail server refused to open the folder {folder}: {detail}",
        folder=folder,
        detail=detail,
    )


def _capabilities_refused(detail: str) -> Said:
    # Translators: {detail} is the mail server's own words, in English.
    return say("the mail server refused to list its capabilities: {detail}", detail=detail)


def _search_refused(detail: str) -> Said:
    # Translators: {detail} is the mail server's own words, in English.
    return say("the mail server refused to search: {detail}", detail=detail)


def _fetch_refused(detail: str) -> Said:
    # Translators: {detail} is the mail server's own words, in English.
    return say("the mail server refused to fetch a message: {detail}", detail=detail)


def _flag_refused(detail: str) -> Said:
    # Translators: {detail} is the mail server's own words, in English.
    return say("the mail server refused to flag a message: {detail}", detail=detail)


def _expunge_refused(detail: str) -> Said:
    # Translators: {detail} is the mail server's own words, in English.
    return say("the mail server refused to remove moved messages: {detail}", detail=detail)


def _move_refused(folder: str) -> Callable[[str], Said]:
    # Translators: {folder} is a mail folder's name; {detail} the server's own words.
    return lambda detail: say(
        "the mail server refused to move a message to {folder}: {detail}",
        folder=folder,
        detail=detail,
    )


def _copy_refused(folder: str) -> Callable[[str], Said]:
    # Translators: {folder} is a mail folder's name; {detail} the server's own words.
    return lambda detail: say(
        "the mail server refused to copy a message to {folder}: {detail}",
        folder=folder,
        detail=detail,
    )


def _mark_refused(detail: str) -> Said:
    # Translators: {detail} is the mail server's own words, in English.
    return say("the mail server refused to mark a message as moved: {detail}", detail=detail)


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
        # Translators: {host}:{port} is the mail server; {error} its own words, in English.
        unreachable = say(
            "cannot reach {host}:{port}: {error}",
            host=settings.host,
            port=settings.port,
            error=str(exc),
        )
        raise MailError(unreachable) from exc
    try:
        connection.login(settings.user, password)
    except imaplib.IMAP4.error as exc:
        connection.shutdown()
        # Translators: {user} is the mailbox's user name; {error} the server's own words.
        refused = say("login as '{user}' was refused: {error}", user=settings.user, error=str(exc))
        raise MailError(refused) from exc
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
        _ok(connection.select(_quoted(settings.mailbox)), _open_refused(settings.mailbox))
        # CREATE answers NO when the folder exists already: that is fine.
        connection.create(_quoted(settings.recorded_folder))
        capabilities = _ok(connection.capability(), _capabilities_refused)[0].split()
        can_move = b"MOVE" in capabilities
        found = _ok(connection.uid("SEARCH", "UNDELETED", "UNFLAGGED"), _search_refused)[0]
        uids = [uid.decode() for uid in found.split()]
        moved: list[str] = []
        batch = Batch(corpus)
        for uid in uids:
            fetched = _ok(connection.uid("FETCH", uid, "(BODY.PEEK[])"), _fetch_refused)
            raw = next((part[1] for part in fetched if isinstance(part, tuple)), b"")
            outcome = _record(root, batch, raw, recorded_by)
            if outcome.kind == "flagged":
                report.flagged.append((uid, _printable(outcome.detail)))
                _ok(connection.uid("STORE", uid, "+FLAGS", "(\\Flagged)"), _flag_refused)
                continue
            if outcome.kind == "recorded":
                report.recorded.append(str(outcome.detail))
            else:
                report.already += 1
            moved.append(uid)
        for uid in moved:
            _move(connection, uid, settings.recorded_folder, can_move)
        if moved and not can_move:
            # Only the messages moved here: other clients' deleted mail is not ours to purge.
            if b"UIDPLUS" in capabilities:
                _ok(connection.uid("EXPUNGE", ",".join(moved)), _expunge_refused)
            else:
                connection.expunge()
    except (OSError, imaplib.IMAP4.error) as exc:
        # Translators: {error} is the connection's own words, in English.
        failed = say("the mail server connection failed: {error}", error=str(exc))
        raise MailError(failed) from exc
    return report


@dataclass(frozen=True)
class Outcome:
    """What became of one message: recorded (detail: the path), already recorded before
    (detail: the id), or flagged for a person (detail: why)."""

    kind: Literal["recorded", "already", "flagged"]
    detail: str | Said


def _record(root: Path, batch: Batch, raw: bytes, recorded_by: str) -> Outcome:
    reading = read_message(raw, batch.corpus)
    if reading.problem:
        return Outcome("flagged", reading.said)
    data = reading.data
    data["source"] = {"kind": "email", "recorded_by": recorded_by}
    parts = (reading.key, str(data.get("section") or ""), data["group"], data["stance"])
    feedback_id, candidate = batch.candidate("email", (*parts, data["body"]), data)
    if candidate is None:
        return Outcome("already", feedback_id)
    if not candidate.ok:
        return Outcome("flagged", said_in_turn(candidate.said_problems()))
    write_candidate(root, candidate)
    return Outcome("recorded", candidate.rel)


def _printable(reason: str | Said) -> str | Said:
    """A reason quotes what the sender wrote; it is printed only when it holds no contacts."""
    if find_personal_data(str(reason)):
        return say("its details could not be read (they hold contact details)")
    return reason


def _move(connection: imaplib.IMAP4, uid: str, folder: str, can_move: bool) -> None:
    if can_move:
        _ok(connection.uid("MOVE", uid, _quoted(folder)), _move_refused(folder))
        return
    _ok(connection.uid("COPY", uid, _quoted(folder)), _copy_refused(folder))
    _ok(connection.uid("STORE", uid, "+FLAGS", "(\\Deleted)"), _mark_refused)


def record_configured_mailbox(
    root: Path, corpus: Corpus, recorded_by: str | None, environ: Mapping[str, str]
) -> MailboxReport:
    """Record the mailbox set in mkdocs.yml (`imap:`), as the team ``recorded_by`` (or the
    one the settings name), with the password from the variable the settings name."""
    settings = corpus.settings.imap
    if settings is None:
        raise MailError(
            # Translators: keep `imap: {{…}}` as it is (its braces doubled here).
            say(
                "no mailbox configured: add `imap: {{host: …, user: …, recorded_by: …}}` to the"
                " commonplan plugin's options in mkdocs.yml"
            )
        )
    team = recorded_by or settings.recorded_by
    if team is None or team not in corpus.teams:
        raise MailError(
            # Translators: {team} is the team id given (None when none was).
            say(
                "say which team receives the e-mail: '{team}' is not a team; set"
                " imap.recorded_by in mkdocs.yml or use --recorded-by",
                team=str(team),
            )
        )
    password = environ.get(settings.password_env)
    if not password:
        raise MailError(
            # Translators: {variable} is the environment variable's name.
            say(
                "the mailbox password is not set: put it in the environment variable {variable}",
                variable=settings.password_env,
            )
        )
    try:
        connection = connect(settings, password)
        try:
            return record_mailbox(root, corpus, connection, settings, team)
        finally:
            disconnect(connection)
    except MailError as exc:
        # Translators: {problem} is what went wrong with the mailbox.
        raise MailError(say("{problem}; nothing more was recorded", problem=exc.said)) from exc
