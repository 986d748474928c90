"""The site built by Zensical, the successor of Material for MkDocs from the same team: it
reads mkdocs.yml but runs no mkdocs plugin, so each language is rendered into a complete
docs folder first (``publish.render_language``), then built by Zensical from a
configuration that inherits the strategy's `zensical.yml` (itself inheriting mkdocs.yml:
one source of truth).

Zensical wants its configuration file, docs folder and site inside one project folder:
all three are in a staging folder in the repository, and the finished site replaces the
old one only when every language has built.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

from commonplan.config import CONFIG_FILE
from commonplan.errors import CommonplanError
from commonplan.language import say
from commonplan.site.languages import address_in, alternates
from commonplan.site.publish import checked, render_language

ZENSICAL_CONFIG = "zensical.yml"
STAGING_PREFIX = ".commonplan-zensical-"
# Lines of Zensical's own output kept when it fails (its last words say what went wrong).
TAIL = 20


def build_with_zensical(root: Path, out: Path, today: date) -> list[str]:
    """Validate ``root``, render each of its languages and build them with Zensical into
    ``out`` (the default language at its root, each other under `<code>/`). Returns the
    languages built; CommonplanError, with ``out`` as it was, when anything fails."""
    zensical = _zensical()
    repository = checked(root, today)
    settings = repository.validation.corpus.settings
    _refuse_overwriting(root, out, settings.docs_dir)
    inherited = ZENSICAL_CONFIG if (root / ZENSICAL_CONFIG).is_file() else CONFIG_FILE
    staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=root))
    try:
        site = staging / "site"
        for code in settings.languages:
            docs = staging / "docs" / code
            render_language(repository, docs, None, code)
            config = root / f"{staging.name}.{code}.yml"
            config.write_text(
                json.dumps(
                    _configuration(
                        root, inherited, docs, site, code, settings.languages, settings.site_url
                    ),
                    indent=2,
                ),
                encoding="utf-8",
            )
            try:
                _run(zensical, config, root, code)
            finally:
                config.unlink()
        _replace(out, site)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return list(settings.languages)


def _configuration(
    root: Path,
    inherited: str,
    docs: Path,
    site: Path,
    code: str,
    languages: list[str],
    site_url: str | None,
) -> dict[str, object]:
    """One language's build: everything from ``inherited``, but the docs folder, the site's
    folder and address, the theme's language and the other languages' addresses. JSON is
    YAML, so nothing written here can break the file."""
    default = code == languages[0]
    config: dict[str, object] = {
        "INHERIT": inherited,
        "docs_dir": docs.relative_to(root).as_posix(),
        "site_dir": (site if default else site / code).relative_to(root).as_posix(),
        "theme": {"language": code},
    }
    if len(languages) > 1 and site_url:
        config["extra"] = {"alternate": [vars(a) for a in alternates(languages, site_url)]}
        if not default:
            config["site_url"] = address_in(code, languages, site_url)
    return config


def _refuse_overwriting(root: Path, out: Path, docs_dir: str) -> None:
    """The finished site replaces ``out`` whole: never the repository, its hand-written
    pages or a folder holding them."""
    site, docs = out.resolve(), (root / docs_dir).resolve()
    # The docs folder, a folder in it, or one holding it (the repository's root, say).
    if site == docs or docs in site.parents or site in docs.parents:
        raise CommonplanError(
            # Translators: {folder} is the folder named; {docs} the hand-written pages' folder.
            say(
                "the site cannot be built into {folder}: it would replace the repository or"
                " its hand-written pages ({docs}); name a folder of its own, such as"
                " build-site-zensical",
                folder=str(out),
                docs=docs_dir,
            )
        )


def _zensical() -> str:
    """The `zensical` command beside this Python's, else on the PATH."""
    beside = Path(sys.executable).with_name("zensical")
    found = str(beside) if beside.is_file() else shutil.which("zensical")
    if found is None:
        raise CommonplanError(
            say(
                "Zensical is not installed here: install it with"
                " pip install 'commonplan[zensical]' (the version commonplan is tested with)"
            )
        )
    return found


def _run(zensical: str, config: Path, root: Path, code: str) -> None:
    done = subprocess.run(
        [zensical, "build", "-f", config.name],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "NO_COLOR": "1"},
    )
    if done.returncode != 0:
        said = (done.stdout + done.stderr).strip().splitlines()
        raise CommonplanError(
            # Translators: {code} is a language's code.
            say("Zensical could not build the site in {code}; it said:", code=code),
            _without_traceback(said)[-TAIL:],
        )


def _without_traceback(lines: list[str]) -> list[str]:
    """Zensical's words without a Python traceback's frames (they name no file of the
    strategy): the traceback's last line, the error itself, is kept."""
    kept: list[str] = []
    in_traceback = False
    for line in lines:
        if line.startswith("Traceback (most recent call last)"):
            in_traceback = True
            continue
        if in_traceback and (line.startswith(" ") or not line.strip()):
            continue
        in_traceback = False
        kept.append(line)
    return kept


def _replace(out: Path, site: Path) -> None:
    """``site`` in ``out``'s place: the old site is moved aside first, then removed."""
    out.parent.mkdir(parents=True, exist_ok=True)
    old = out.with_name(f".{out.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if out.exists():
        out.rename(old)
    shutil.move(str(site), out)
    shutil.rmtree(old, ignore_errors=True)
