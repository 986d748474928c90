"""`commonplan render`: validate, then write a complete docs folder (the generated pages and
the hand-written files, in one of the site's languages) for any engine to build."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from commonplan.config import CONFIG_FILE
from commonplan.config_checks import missing_navigation
from commonplan.diagnostics import Diagnostics
from commonplan.errors import CommonplanError
from commonplan.files import write_atomic
from commonplan.history.git import History
from commonplan.language import language, say
from commonplan.load.discover import links_under
from commonplan.report import as_lines
from commonplan.repository import check_repository, published_history
from commonplan.site.languages import hand_written_in
from commonplan.site.render import render_site, with_edit_url
from commonplan.urls import file_edit_url
from commonplan.validate.pipeline import Validation

MANIFEST = ".commonplan-rendered"
HOME = "index.md"  # the home page: its hand-written text opens the generated one


@dataclass(frozen=True)
class Rendered:
    out_dir: Path
    files: int


@dataclass(frozen=True)
class Checked:
    """A repository ready to render in any of its languages: validated with no error, its
    history read once and its published versions checked."""

    root: Path
    validation: Validation
    history: History


def render_to(
    root: Path, out_dir: Path, intro: Path | None, today: date, code: str | None = None
) -> Rendered:
    """Validate ``root`` and publish it into ``out_dir`` in the language ``code`` (the
    first of the site's when not given): see ``render_language``.

    Raises CommonplanError, with nothing written, when the data has errors.
    """
    return render_language(checked(root, today), out_dir, intro, code)


def checked(root: Path, today: date) -> Checked:
    """``root`` validated as of ``today``, with every file of the docs folder, its history
    read; CommonplanError, located, when anything is wrong."""
    validation = check_repository(root, today=today)
    settings = validation.corpus.settings
    refuse_links(root, [settings.docs_dir, settings.custom_dir], validation.diagnostics)
    if not validation.diagnostics.ok:
        raise CommonplanError(
            say("the data has errors, so nothing was rendered"),
            as_lines(validation.diagnostics),
        )
    return Checked(root, validation, published_history(validation))


def render_language(
    repository: Checked, out_dir: Path, intro: Path | None, code: str | None = None
) -> Rendered:
    """Publish a complete docs folder into ``out_dir``: the generated pages in the language
    ``code`` and the hand-written files of `docs_dir` shown in it, so that any engine can
    build the site from it. ``intro`` is the home page's hand-written text when given; the
    docs folder's own home page otherwise. Nothing is written when something is wrong."""
    root, settings = repository.root, repository.validation.corpus.settings
    docs = root / settings.docs_dir
    if out_dir.resolve() == docs.resolve() or docs.resolve() in out_dir.resolve().parents:
        raise CommonplanError(
            # Translators: {folder} is the folder of hand-written pages (docs_dir).
            say(
                "the pages cannot be written into {folder}, the folder of hand-written pages:"
                " they would overwrite them; name another folder",
                folder=settings.docs_dir,
            )
        )
    building = code or settings.languages[0]
    if building not in settings.languages:
        raise CommonplanError(
            # Translators: {code} is a language's code; {codes} the site's, such as "en, cy".
            say(
                "{code} is not one of the site's languages ({codes})",
                code=building,
                codes=", ".join(settings.languages),
            )
        )
    hand_written = _hand_written(docs, settings.languages, building)
    home = hand_written.pop(HOME, None)
    intro_path = home if intro is None else intro if intro.is_absolute() else root / intro
    pages = render_site(
        repository.validation.corpus,
        _read_intro(intro_path),
        repository.history,
        language(building),
    )
    refuse_clashes(hand_written.keys(), pages.keys(), settings.docs_dir)
    nowhere = Diagnostics()
    for position, message in missing_navigation(root, pages.keys() | hand_written.keys()):
        nowhere.error(CONFIG_FILE, position, "navigation-missing", message)
    if not nowhere.ok:
        raise CommonplanError(
            say("the navigation leads nowhere, so nothing was rendered"), as_lines(nowhere)
        )
    # A translation shown in the original's place is edited in its own file.
    for rel, path in list(hand_written.items()):
        if path.name != rel.rpartition("/")[2]:
            written = path.relative_to(docs).as_posix()
            url = file_edit_url(settings, f"{settings.docs_dir}/{written}")
            pages[rel] = with_edit_url(_read_text(path), url)
            del hand_written[rel]
    try:
        _publish(out_dir, pages, hand_written)
    except OSError as exc:
        raise CommonplanError(
            say("cannot write to {path}: {error}", path=str(out_dir), error=str(exc))
        ) from exc
    return Rendered(out_dir, len(pages) + len(hand_written))


def refuse_links(root: Path, folders: Iterable[str | None], diagnostics: Diagnostics) -> None:
    """Every link in the hand-written pages' folder and the theme's overrides, as an error:
    an engine follows them, and would publish a file from outside the repository."""
    for folder in folders:
        if folder:
            links_under(root, root / folder, diagnostics)


def refuse_clashes(written: Collection[str], generated: Collection[str], folder: str) -> None:
    """CommonplanError when a hand-written file stands where a generated page goes."""
    clashes = sorted(set(written) & set(generated))
    if clashes:
        raise CommonplanError(
            # Translators: {files} are files' paths; {folder} the folder they are in.
            say(
                "{files} in {folder} would hide generated pages; rename or remove them",
                files=", ".join(clashes),
                folder=folder,
            )
        )


def _hand_written(docs: Path, languages: list[str], building: str) -> dict[str, Path]:
    """{path in the docs folder: the file shown there} for ``building``'s build (links were
    refused before, so none is followed)."""
    if not docs.is_dir():
        return {}
    written = {
        path.relative_to(docs).as_posix(): path
        for path in sorted(docs.rglob("*"))
        if path.is_file() and not path.is_symlink()
    }
    shown = hand_written_in(written, languages, building)
    return {rel: written[source] for rel, source in shown.items()}


def _read_intro(path: Path | None) -> str:
    """The home page's hand-written text; none when there is no such file."""
    if path is None:
        return ""
    if path.is_symlink():
        raise CommonplanError(
            # Translators: {path} is a file's path.
            say(
                "{path} is a link to a file elsewhere; commonplan does not follow links, so"
                " nothing from outside the repository is published: put the file itself there",
                path=str(path),
            )
        )
    return _read_text(path) if path.is_file() else ""


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        # Translators: {error} is the system's words, as they are.
        raise CommonplanError(
            say("{path}: cannot be read: {error}", path=str(path), error=str(exc))
        ) from exc


def _publish(out_dir: Path, pages: dict[str, str], copies: dict[str, Path]) -> None:
    """Write every page and copy every file into a staging folder first, so that a failure
    leaves ``out_dir`` as it was; then move them in, and remove files an earlier render
    wrote that are gone now (listed in the manifest; files of anyone else in ``out_dir``
    are never touched)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", dir=out_dir.parent))
    try:
        for rel, content in pages.items():
            write_atomic(staging / rel, content)
        for rel, source in copies.items():
            (staging / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, staging / rel)
        written = pages.keys() | copies.keys()
        manifest = out_dir / MANIFEST
        earlier = manifest.read_text(encoding="utf-8").splitlines() if manifest.is_file() else []
        for rel in sorted(written):
            (out_dir / rel).parent.mkdir(parents=True, exist_ok=True)
            (staging / rel).replace(out_dir / rel)
        for rel in set(earlier) - written:
            stale = out_dir / rel
            if stale.is_file() and out_dir.resolve() in stale.resolve().parents:
                stale.unlink()
        write_atomic(manifest, "".join(f"{rel}\n" for rel in sorted(written)))
    finally:
        shutil.rmtree(staging, ignore_errors=True)
