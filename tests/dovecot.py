"""A private Dovecot IMAP server on 127.0.0.1 for the mail tests.

Each server gets its own configuration, mail folders, runtime and log in a temporary
folder, listens on a free port, and is stopped at teardown. Debian's `dovecot-imapd` is
installed by `make system-deps` (tools/system-deps.sh).

Run as root (as CI does), Dovecot refuses to deliver mail as root, so the mail user is
`nobody`; the folder then lives directly under /tmp, where `nobody` can reach it (pytest's
own tmp_path is private to root).
"""

from __future__ import annotations

import datetime
import imaplib
import ipaddress
import os
import shutil
import socket
import ssl
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

DOVECOT = "/usr/sbin/dovecot"
NOBODY = 65534
READY_WITHIN_SECONDS = 20


@dataclass
class ImapServer:
    host: str
    port: int
    user: str
    password: str
    log: Path
    certificate: Path | None = None  # set when the server speaks only TLS

    def connect(self) -> imaplib.IMAP4:
        connection: imaplib.IMAP4
        if self.certificate is not None:
            context = ssl.create_default_context(cafile=str(self.certificate))
            connection = imaplib.IMAP4_SSL(self.host, self.port, ssl_context=context, timeout=10)
        else:
            connection = imaplib.IMAP4(self.host, self.port, timeout=10)
        connection.login(self.user, self.password)
        return connection

    def append(self, raw: bytes, folder: str = "INBOX") -> None:
        connection = self.connect()
        try:
            status, detail = connection.append(folder, None, None, raw)
            assert status == "OK", detail
        finally:
            connection.logout()

    def messages(self, folder: str) -> list[tuple[bytes, bytes]]:
        """(flags, raw message) of every message in ``folder``; empty when it does not exist."""
        connection = self.connect()
        try:
            status, _ = connection.select(f'"{folder}"', readonly=True)
            if status != "OK":
                return []
            _, found = connection.uid("SEARCH", "ALL")
            result = []
            for uid in found[0].split():
                _, data = connection.uid("FETCH", uid.decode(), "(FLAGS BODY.PEEK[])")
                head, raw = data[0]
                result.append((head, raw))
            return result
        finally:
            connection.logout()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def self_signed_certificate(folder: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 made here, so that TLS is tested with no outside CA."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    key_path.chmod(0o600)
    return cert_path, key_path


def _config(work: Path, port: int, capabilities: str | None, tls: tuple[Path, Path] | None) -> str:
    running_as_root = os.getuid() == 0
    plain_port, tls_port = (0, port) if tls else (port, 0)
    lines = [
        f"base_dir = {work}/run",
        f"state_dir = {work}/state",
        f"log_path = {work}/dovecot.log",
        "protocols = imap",
        "listen = 127.0.0.1",
        *(
            ["ssl = required", f"ssl_cert = <{tls[0]}", f"ssl_key = <{tls[1]}"]
            if tls
            else ["ssl = no"]
        ),
        "disable_plaintext_auth = no",
        "auth_mechanisms = plain login",
        "auth_failure_delay = 0",
        f"mail_location = maildir:{work}/mail/%u",
        "passdb {",
        "  driver = passwd-file",
        f"  args = scheme=PLAIN username_format=%u {work}/passwd",
        "}",
        "userdb {",
        "  driver = passwd-file",
        f"  args = username_format=%u {work}/passwd",
        "}",
        "service imap-login {",
        "  chroot =",
        "  inet_listener imap {",
        "    address = 127.0.0.1",
        f"    port = {plain_port}",
        "  }",
        "  inet_listener imaps {",
        "    address = 127.0.0.1",
        f"    port = {tls_port}",
        "  }",
        "}",
        "service anvil {",
        "  chroot =",
        "}",
    ]
    if not running_as_root:
        user = os.environ.get("USER") or str(os.getuid())
        lines += [f"default_internal_user = {user}", f"default_login_user = {user}"]
    if capabilities is not None:
        lines.append(f"imap_capability = {capabilities}")
    return "\n".join(lines) + "\n"


@contextmanager
def running_dovecot(capabilities: str | None = None, tls: bool = False) -> Iterator[ImapServer]:
    """Start a private Dovecot; ``capabilities`` replaces what it advertises; with ``tls`` it
    speaks only IMAP over TLS, with a certificate made for the test."""
    if not Path(DOVECOT).exists():
        raise RuntimeError("Dovecot is not installed; run `make system-deps`")
    work = Path(tempfile.mkdtemp(prefix="commonplan-dovecot-"))
    process: subprocess.Popen[bytes] | None = None
    try:
        work.chmod(0o755)
        uid, gid = (NOBODY, NOBODY) if os.getuid() == 0 else (os.getuid(), os.getgid())
        for folder in ("run", "state", "mail", "home"):
            (work / folder).mkdir()
        os.chown(work / "mail", uid, gid)
        os.chown(work / "home", uid, gid)
        (work / "passwd").write_text(
            f"feedback:{{PLAIN}}letmein:{uid}:{gid}::{work}/home::\n", encoding="utf-8"
        )
        port = _free_port()
        certificate = self_signed_certificate(work) if tls else None
        (work / "dovecot.conf").write_text(
            _config(work, port, capabilities, certificate), encoding="utf-8"
        )
        process = subprocess.Popen(
            [DOVECOT, "-F", "-c", str(work / "dovecot.conf")],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        server = ImapServer(
            "127.0.0.1",
            port,
            "feedback",
            "letmein",
            work / "dovecot.log",
            certificate[0] if certificate else None,
        )
        deadline = time.monotonic() + READY_WITHIN_SECONDS
        while True:
            try:
                server.connect().logout()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    log = server.log.read_text() if server.log.exists() else ""
                    raise RuntimeError(f"Dovecot did not start:\n{log}") from None
                time.sleep(0.1)
        yield server
    finally:
        if process is not None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            if process.stderr is not None:
                process.stderr.close()
        shutil.rmtree(work, ignore_errors=True)
