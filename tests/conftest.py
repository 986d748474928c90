"""Shared fixtures: the demo repository, and a way to build small repositories in tmp_path."""

from __future__ import annotations

import ipaddress
import shutil
import socket
from collections.abc import Callable
from pathlib import Path

import pytest

# The site-building fixtures live in their own module.
pytest_plugins = ["tests.site_fixtures"]

ROOT = Path(__file__).resolve().parent.parent
# The data, and the files made from it (the issue form the site links to, CODEOWNERS).
DATA_FOLDERS = ("teams", "proposals", "feedback", ".github")


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pin "today" to 2026-11-26 so that windows and "days left" never drift."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795651200")


@pytest.fixture
def demo_copy(tmp_path: Path) -> Path:
    """A copy of the demo repository's data and configuration, safe to change."""
    for folder in DATA_FOLDERS:
        shutil.copytree(ROOT / folder, tmp_path / folder)
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    return tmp_path


@pytest.fixture(autouse=True)
def only_this_machine(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never reach an address outside 127.0.0.0/8: a connection elsewhere fails."""
    connect = socket.socket.connect

    def guarded(self: socket.socket, address: object) -> None:
        if self.family in (socket.AF_INET, socket.AF_INET6) and isinstance(address, tuple):
            host = str(address[0])
            try:
                local = ipaddress.ip_address(host) in ipaddress.ip_network("127.0.0.0/8")
            except ValueError:
                local = False
            if not local:
                raise ConnectionRefusedError(f"tests may not connect to {host}")
        connect(self, address)

    resolve = socket.getaddrinfo

    def guarded_lookup(host: object, *args: object, **kwargs: object) -> object:
        # No name lookups either: a lookup of a real host name would reach a DNS server.
        name = host.decode() if isinstance(host, bytes) else host
        if name not in (None, "localhost") and not str(name).startswith("127."):
            raise socket.gaierror(f"tests may not look up {host}")
        return resolve(host, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(socket.socket, "connect", guarded)
    monkeypatch.setattr(socket, "getaddrinfo", guarded_lookup)


WriteFile = Callable[[str, str | bytes], Path]


@pytest.fixture
def write(demo_copy: Path) -> WriteFile:
    """Write a file (text or bytes) into the demo copy, creating folders as needed."""

    def _write(rel: str, content: str | bytes) -> Path:
        path = demo_copy / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return _write
