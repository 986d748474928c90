"""`commonplan render`: validate, then write every rendered page to a folder."""

from __future__ import annotations

from pathlib import Path

import click

from .config import today
from .files import write_atomic
from .history import read_history
from .render import render_site
from .report import as_text
from .validate import validate_repository


def render_to(root: Path, out_dir: Path, intro: Path) -> None:
    validation = validate_repository(root)
    if not validation.diagnostics.ok:
        click.echo(as_text(validation.diagnostics), err=True, nl=False)
        raise click.ClickException("the data has errors, so nothing was rendered")
    intro_path = intro if intro.is_absolute() else root / intro
    try:
        intro_text = intro_path.read_text(encoding="utf-8") if intro_path.is_file() else ""
    except (OSError, UnicodeDecodeError) as exc:
        raise click.ClickException(f"{intro_path}: cannot be read: {exc}") from exc
    pages = render_site(validation.corpus, today(), intro_text, read_history(root))
    try:
        for rel, content in sorted(pages.items()):
            write_atomic(out_dir / rel, content)
    except OSError as exc:
        raise click.ClickException(f"cannot write to {out_dir}: {exc}") from exc
    click.echo(f"wrote {len(pages)} files to {out_dir}")
