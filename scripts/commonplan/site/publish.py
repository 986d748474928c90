"""`commonplan render`: validate, then write every rendered page to a folder."""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from commonplan.errors import CommonplanError
from commonplan.files import write_atomic
from commonplan.language import say
from commonplan.report import as_lines
from commonplan.repository import check_repository, published_history
from commonplan.site.render import render_site

MANIFEST = ".commonplan-rendered"


@dataclass(frozen=True)
class Rendered:
    out_dir: Path
    files: int


def render_to(root: Path, out_dir: Path, intro: Path, today: date) -> Rendered:
    """Validate ``root``, render it and publish the pages into ``out_dir``.

    Raises CommonplanError, with nothing written, when the data has errors.
    """
    validation = check_repository(root, today=today)
    if not validation.diagnostics.ok:
        raise CommonplanError(
            say("the data has errors, so nothing was rendered"),
            as_lines(validation.diagnostics),
        )
    intro_path = intro if intro.is_absolute() else root / intro
    if intro_path.is_symlink():
        raise CommonplanError(
            # Translators: {path} is a file's path.
            say(
                "{path} is a link to a file elsewhere; commonplan does not follow links, so"
                " nothing from outside the repository is published: put the file itself there",
                path=str(intro_path),
            )
        )
    try:
        intro_text = intro_path.read_text(encoding="utf-8") if intro_path.is_file() else ""
    except (OSError, UnicodeDecodeError) as exc:
        # Translators: {error} is the system's words, as they are.
        raise CommonplanError(
            say("{path}: cannot be read: {error}", path=str(intro_path), error=str(exc))
        ) from exc
    pages = render_site(validation.corpus, intro_text, published_history(validation))
    try:
        _publish(out_dir, pages)
    except OSError as exc:
        raise CommonplanError(
            say("cannot write to {path}: {error}", path=str(out_dir), error=str(exc))
        ) from exc
    return Rendered(out_dir, len(pages))


def _publish(out_dir: Path, pages: dict[str, str]) -> None:
    """Write every page into a staging folder first, so that a failure leaves ``out_dir`` as
    it was; then move them in, and remove pages an earlier render wrote that are gone now
    (listed in the manifest; files of anyone else in ``out_dir`` are never touched)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", dir=out_dir.parent))
    try:
        for rel, content in pages.items():
            write_atomic(staging / rel, content)
        manifest = out_dir / MANIFEST
        earlier = manifest.read_text(encoding="utf-8").splitlines() if manifest.is_file() else []
        for rel in sorted(pages):
            (out_dir / rel).parent.mkdir(parents=True, exist_ok=True)
            (staging / rel).replace(out_dir / rel)
        for rel in set(earlier) - pages.keys():
            stale = out_dir / rel
            if stale.is_file() and out_dir.resolve() in stale.resolve().parents:
                stale.unlink()
        write_atomic(manifest, "".join(f"{rel}\n" for rel in sorted(pages)))
    finally:
        shutil.rmtree(staging, ignore_errors=True)
