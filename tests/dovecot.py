"""A private Dovecot IMAP server on 127.0.0.1 for the mail tests.

Each server gets its own configuration, mail folders, runtime and log in a temporary
folder, listens on a free port, and is stopped at teardown. Debian's `dovecot-imapd` is
installed by `make system-deps` (tools/system-deps.sh).

Run as root (as CI does), Dovecot refuses to deliver mail as root, so the mail user is
`nobody`; the folder then lives directly under /tmp, where `nobody` can reach it (pytest's
own tmp_path is private to root).
"""

from __future__ import annotations

import imaplib
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

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

    def connect(self) -> imaplib.IMAP4:
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


def _config(work: Path, port: int, capabilities: str | None) -> str:
    running_as_root = os.getuid() == 0
    lines = [
        f"base_dir = {work}/run",
        f"state_dir = {work}/state",
        f"log_path = {work}/dovecot.log",
        "protocols = imap",
        "listen = 127.0.0.1",
        "ssl = no",
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
        f"    port = {port}",
        "  }",
        "  inet_listener imaps {",
        "    port = 0",
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
def running_dovecot(capabilities: str | None = None) -> Iterator[ImapServer]:
    """Start a private Dovecot; ``capabilities`` replaces what it advertises."""
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
        (work / "dovecot.conf").write_text(_config(work, port, capabilities), encoding="utf-8")
        process = subprocess.Popen(
            [DOVECOT, "-F", "-c", str(work / "dovecot.conf")],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        server = ImapServer("127.0.0.1", port, "feedback", "letmein", work / "dovecot.log")
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
