"""`commonplan ingest-mail` against a real Dovecot on 127.0.0.1, messages appended over IMAP."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result

from commonplan.cli.app import main

from .dovecot import ImapServer, running_dovecot

SENDER = "Mary Holt <mary.holt@example.net>"
RECEIVER = "have-your-say@hollowmere.example.org"


@pytest.fixture
def imap_server() -> Iterator[ImapServer]:
    with running_dovecot() as server:
        yield server


def configure(root: Path, server: ImapServer) -> None:
    """Point the demo copy's mkdocs.yml at the test server."""
    config = root / "mkdocs.yml"
    text = config.read_text()
    line = f"      email: {RECEIVER}\n"
    assert line in text
    imap = (
        f"      imap: {{host: 127.0.0.1, port: {server.port}, user: {server.user},"
        f" tls: {'true' if server.certificate else 'false'},"
        " recorded_by: hollowmere-cvs}\n"
    )
    config.write_text(text.replace(line, line + imap))


def ingest(root: Path, server: ImapServer, password: str | None = None, **env: str) -> Result:
    return CliRunner().invoke(
        main,
        ["ingest-mail", "--root", str(root)],
        env={"COMMONPLAN_IMAP_PASSWORD": password or server.password, **env},
    )


def mail(
    subject: str, text: str | None = None, html: str | None = None, **headers: str
) -> EmailMessage:
    message = EmailMessage()
    message["From"] = headers.pop("sender", SENDER)
    message["To"] = RECEIVER
    message["Subject"] = subject
    message["Date"] = format_datetime(datetime(2026, 11, 24, 18, 30, tzinfo=UTC))
    message["Message-ID"] = headers.pop("message_id", make_msgid(domain="mail.example.net"))
    charset = headers.pop("charset", "utf-8")
    if text is not None:
        message.set_content(text, charset=charset)
    if html is not None:
        if text is None:
            message.set_content(html, subtype="html", charset=charset)
        else:
            message.add_alternative(html, subtype="html", charset=charset)
    return message


PLAIN = mail(
    "Feedback on warm-spaces #where-the-spaces-are",
    "I am a: Carers\n"
    "My view: I have a question\n"
    "\n"
    "Is there anywhere warm in Upper Dale on a Sunday?\n"
    "The bus does not run then.\n"
    "\n"
    "On Tue, 24 Nov 2026 at 10:02, Hollowmere Together"
    " <have-your-say@hollowmere.example.org> wrote:\n"
    "> Have your say on the warm spaces plan\n"
    "> Reply to this message\n",
)

SIGNED = mail(
    "Re: Feedback on getting-about",
    "I am a: family\nMy view: concern\n\nMy dad cannot get to the surgery on a Wednesday.\n"
    "-- \nMary Holt\n07700 900123\nmary.holt@example.net\n",
)

HTML_ONLY = mail(
    "Feedback on warm-spaces",
    html=(
        "<html><head><style>p {color: red}</style></head><body>"
        "<p>I am a: Residents and people who use services</p><p>My view: support</p>"
        "<p>The caf&eacute; at St Mark&rsquo;s is lovely &amp; warm.<br>"
        "<script>alert('x')</script><b>Thank you.</b></p>"
        "<div class='gmail_quote'><blockquote>Earlier message from "
        "someone@example.net</blockquote></div></body></html>"
    ),
    charset="iso-8859-1",
)

WITH_ATTACHMENT = mail(
    "Feedback on getting-about",
    "I am a: voluntary-org\nMy view: idea\n\nOur drivers could do Saturday runs.\n",
)
WITH_ATTACHMENT.add_attachment(
    b"%PDF-1.4 SECRET ATTACHMENT TEXT", maintype="application", subtype="pdf", filename="rota.pdf"
)

WINDOWS_1252 = (
    b"From: =?windows-1252?q?Ren=E9e?= <renee@example.net>\r\n"
    b"To: have-your-say@hollowmere.example.org\r\n"
    b"Subject: =?windows-1252?q?Feedback_on_getting-about_=96_na=EFve_question?=\r\n"
    b"Message-ID: <cp1252-1@example.net>\r\n"
    b"Date: Mon, 23 Nov 2026 09:00:00 +0000\r\n"
    b"MIME-Version: 1.0\r\n"
    b"Content-Type: text/plain; charset=windows-1252\r\n"
    b"Content-Transfer-Encoding: 8bit\r\n"
    b"\r\n"
    b"I am a: carer\r\nMy view: question\r\n\r\nWill the minibus take a wheelchair \x96 and a "
    b"carer\x92s bag?\r\n"
)

NO_PROPOSAL = mail("Hello", "I am a: carer\nMy view: support\n\nLovely website.\n")
NO_GROUP = mail("Feedback on warm-spaces", "I am a: …\nMy view: support\n\nGood idea.\n")
PHONE_IN_TEXT = mail(
    "Feedback on warm-spaces", "I am a: carer\nMy view: idea\n\nRing me on 07700 900456.\n"
)
GARBAGE = b"\x00\xff\xfe not a mail at all \x80\x81"


def feedback_files(root: Path) -> dict[str, str]:
    """The feedback files ingest-mail wrote: by e-mail, with the digest it keeps in `ref`."""
    found = {}
    for path in sorted((root / "feedback").glob("*/*.yml")):
        source = (yaml.safe_load(path.read_text()) or {}).get("source", {})
        if source.get("kind") == "email" and str(source.get("ref", "")).startswith("sha256:"):
            found[path.relative_to(root).as_posix()] = path.read_text()
    return found


def repository_bytes(root: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file())


def test_mail_becomes_feedback_without_any_address(
    demo_copy: Path, imap_server: ImapServer
) -> None:
    configure(demo_copy, imap_server)
    understood = [PLAIN, SIGNED, HTML_ONLY, WITH_ATTACHMENT]
    for message in understood:
        imap_server.append(message.as_bytes())
    imap_server.append(WINDOWS_1252)
    for raw in (NO_PROPOSAL.as_bytes(), NO_GROUP.as_bytes(), PHONE_IN_TEXT.as_bytes(), GARBAGE):
        imap_server.append(raw)

    outcome = ingest(demo_copy, imap_server)

    assert outcome.exit_code == 0, outcome.output
    assert "Recorded 5 new messages; 4 messages flagged and left in the mailbox" in outcome.output
    files = feedback_files(demo_copy)
    assert len(files) == 5
    records = [yaml.safe_load(text) for text in files.values()]
    for record in records:
        ref = record["source"].pop("ref")
        assert re.fullmatch(r"sha256:[0-9a-f]{16}", ref), ref  # a digest, never an address
        assert record["source"] == {"kind": "email", "recorded_by": "hollowmere-cvs"}
    # Readable ids: the next free numbers of the proposal.
    assert all(re.fullmatch(r"feedback/([a-z-]+)/\1-\d{4}\.yml", rel) for rel in files)
    by_text = {r["body"]: r for r in records}

    sunday = by_text[
        "Is there anywhere warm in Upper Dale on a Sunday?\nThe bus does not run then.\n"
    ]
    assert sunday["proposal"] == "warm-spaces"
    assert sunday["section"] == "where-the-spaces-are"
    assert sunday["group"] == "carer"
    assert sunday["stance"] == "question"
    assert str(sunday["submitted"]) == "2026-11-24"

    assert "My dad cannot get to the surgery on a Wednesday.\n" in by_text  # signature gone
    assert "The café at St Mark’s is lovely & warm.\nThank you.\n" in by_text
    assert "Our drivers could do Saturday runs.\n" in by_text
    assert "Will the minibus take a wheelchair – and a carer’s bag?\n" in by_text

    everything = repository_bytes(demo_copy)
    for secret in (
        b"mary.holt",
        b"Mary Holt",
        b"renee@",
        b"Ren\xc3\xa9e",
        b"07700",
        b"SECRET",
        b"someone@example.net",
        b"alert(",
    ):
        assert secret not in everything, secret

    inbox = imap_server.messages("INBOX")
    recorded = imap_server.messages("Recorded")
    assert len(recorded) == 5
    assert len(inbox) == 4
    assert all(b"\\Flagged" in flags for flags, _ in inbox)
    flagged_subjects = {
        raw.split(b"Subject: ")[1].split(b"\r\n")[0] for _, raw in inbox if b"Subject: " in raw
    }
    assert flagged_subjects == {b"Hello", b"Feedback on warm-spaces"}
    assert "the subject names no proposal" in outcome.output
    assert "'I am a: …' is not filled in" in outcome.output
    assert "contains a phone number" in outcome.output
    assert "07700" not in outcome.output and "mary.holt" not in outcome.output

    again = ingest(demo_copy, imap_server)
    assert again.exit_code == 0, again.output
    assert "Recorded 0 new messages (recorded ones moved to Recorded)." in again.output
    assert feedback_files(demo_copy) == files


def test_a_message_seen_before_is_not_recorded_twice(
    demo_copy: Path, imap_server: ImapServer
) -> None:
    """A message copied back into the inbox (or a run stopped before moving) adds nothing."""
    configure(demo_copy, imap_server)
    imap_server.append(PLAIN.as_bytes())
    assert ingest(demo_copy, imap_server).exit_code == 0
    files = feedback_files(demo_copy)
    imap_server.append(PLAIN.as_bytes())

    outcome = ingest(demo_copy, imap_server)

    assert outcome.exit_code == 0, outcome.output
    assert "1 message recorded before, moved now" in outcome.output
    assert feedback_files(demo_copy) == files
    assert len(imap_server.messages("Recorded")) == 2
    assert imap_server.messages("INBOX") == []


def test_without_move_messages_are_copied_then_removed(demo_copy: Path) -> None:
    with running_dovecot(capabilities="IMAP4rev1 LITERAL+ UIDPLUS") as server:
        configure(demo_copy, server)
        server.append(PLAIN.as_bytes())
        server.append(NO_PROPOSAL.as_bytes())
        outcome = ingest(demo_copy, server)
        assert outcome.exit_code == 0, outcome.output
        assert len(server.messages("Recorded")) == 1
        inbox = server.messages("INBOX")
        assert len(inbox) == 1
        assert b"\\Flagged" in inbox[0][0]


def test_refusals_are_clear_and_write_nothing(demo_copy: Path, imap_server: ImapServer) -> None:
    before = hashlib.sha256(repository_bytes(demo_copy)).hexdigest()
    outcome = ingest(demo_copy, imap_server)
    assert outcome.exit_code == 1
    assert "no mailbox configured" in outcome.output

    configure(demo_copy, imap_server)
    imap_server.append(PLAIN.as_bytes())
    before = hashlib.sha256(repository_bytes(demo_copy)).hexdigest()
    outcome = ingest(demo_copy, imap_server, password="wrong")
    assert outcome.exit_code == 1
    assert "login as 'feedback' was refused" in outcome.output
    assert "Traceback" not in outcome.output

    outcome = CliRunner().invoke(
        main, ["ingest-mail", "--root", str(demo_copy)], env={"COMMONPLAN_IMAP_PASSWORD": ""}
    )
    assert outcome.exit_code == 1
    assert "put it in the environment variable COMMONPLAN_IMAP_PASSWORD" in outcome.output
    assert hashlib.sha256(repository_bytes(demo_copy)).hexdigest() == before
    assert len(imap_server.messages("INBOX")) == 1


def test_an_unreachable_server_is_a_clear_error(demo_copy: Path) -> None:
    with running_dovecot() as server:
        configure(demo_copy, server)
    outcome = ingest(demo_copy, server)  # stopped now: nothing listens on its port
    assert outcome.exit_code == 1
    assert f"cannot reach 127.0.0.1:{server.port}" in outcome.output


def test_tls_is_used_and_its_certificate_checked(demo_copy: Path) -> None:
    with running_dovecot(tls=True) as server:
        configure(demo_copy, server)
        server.append(PLAIN.as_bytes())

        # A certificate nobody vouches for is refused: nothing is sent or recorded.
        refused = ingest(demo_copy, server)
        assert refused.exit_code == 1
        assert "CERTIFICATE_VERIFY_FAILED" in refused.output
        assert feedback_files(demo_copy) == {}

        # Trusted (as a real server's would be), the same mailbox is read over TLS.
        trusted = ingest(demo_copy, server, SSL_CERT_FILE=str(server.certificate))
        assert trusted.exit_code == 0, trusted.output
        assert len(feedback_files(demo_copy)) == 1


@pytest.mark.parametrize(
    ("proposal_id", "section"),
    [
        ("getting-about", "upper-dale-and-the-villages"),
        ("carers-breaks", "what-we-propose"),
        ("warm-spaces", None),
    ],
)
def test_the_site_mailto_link_reads_back(
    demo_copy: Path, proposal_id: str, section: str | None
) -> None:
    """A message written from the site's own mailto link, as a mail client fills it in."""
    from urllib.parse import parse_qs, urlsplit

    from commonplan.intake.mail_message import read_message
    from commonplan.repository import check_repository
    from commonplan.site.render.common import Site
    from commonplan.urls import email_url

    corpus = check_repository(demo_copy).corpus
    site = Site(corpus)
    url = email_url(site.corpus.settings, corpus.proposals[proposal_id], section)
    assert url is not None
    query = parse_qs(urlsplit(url).query)
    subject, template = query["subject"][0], query["body"][0]
    assert template.startswith("I am a:")
    # As people fill it in: after the prompt, sometimes leaving the "…" behind.
    filled = (
        template.replace("I am a: …", "I am a: Families and neighbours", 1).replace(
            "My view: …", "My view: I object …", 1
        )
        + "Not another bus that never comes."
    )
    reading = read_message(mail(f"Re: {subject}", filled).as_bytes(), corpus)
    assert reading.problem == "", (subject, reading.problem)
    assert reading.data["proposal"] == proposal_id
    assert reading.data.get("section") == section, subject
    assert (reading.data["group"], reading.data["stance"]) == ("family", "objection")
    assert reading.data["body"] == "Not another bus that never comes."

    untouched = read_message(mail(subject, template).as_bytes(), corpus)
    assert "is not filled in" in untouched.problem


@pytest.mark.parametrize(
    "hidden",
    [
        "Ring me on 07700\u200b900\u00ad456 after six.",
        "Ring me on 07700\u2013900456 after six.",
        "Write to sam dot patel at gmail dot com.",
        "Write to sam.patel\uff20gmail.com.",
        "Text me: https://wa.me/447700900456",
    ],
)
def test_personal_data_however_written_stops_a_message(
    demo_copy: Path, imap_server: ImapServer, hidden: str
) -> None:
    """The e-mail route reads text as the site would show it, as every route does."""
    configure(demo_copy, imap_server)
    imap_server.append(
        mail("Feedback on warm-spaces", f"I am a: carer\nMy view: idea\n\n{hidden}\n").as_bytes()
    )
    outcome = ingest(demo_copy, imap_server)
    assert outcome.exit_code == 0, outcome.output
    assert feedback_files(demo_copy) == {}
    [(flags, _)] = imap_server.messages("INBOX")
    assert b"\\Flagged" in flags
    assert "contains a" in outcome.output
