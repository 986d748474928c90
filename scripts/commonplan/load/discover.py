"""Where the data files are: every file in the data folders, and what each should be.

Anything in a data folder that is not a data file is reported, never silently skipped.
A link (symlink) is never followed, anywhere under the data folders or the site's pages: it
could publish a file from outside the repository (a pull request can add one).
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from commonplan.diagnostics import Diagnostics
from commonplan.language import Said, say
from commonplan.load.positions import START

FOLDERS = {"team": "teams", "proposal": "proposals", "feedback": "feedback"}
SUFFIXES = {"team": ".yml", "proposal": ".md", "feedback": ".yml"}
# A proposal's translation: its id, a dot and a language code ("warm-spaces.cy").
TRANSLATION = re.compile(r"[^.]+\.[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*\Z")


@dataclass(frozen=True)
class Entry:
    """A path found in a data folder, with what it should be."""

    kind: str
    path: Path
    rel: str
    folder_id: str | None = None  # feedback: the proposal folder it sits in


def _visible(path: Path) -> bool:
    return not path.name.startswith(".")


def discover(root: Path, diagnostics: Diagnostics) -> Iterator[Entry]:
    """Every data file under the repository, in a stable order.

    Anything in a data folder that is not a data file is reported, never silently skipped.
    """
    if not any((root / folder).exists() for folder in FOLDERS.values()):
        # Most likely the command was run in the wrong folder: say so rather than "all good".
        diagnostics.warning(
            ".",
            START,
            "no-data",
            say(
                "there is no teams/, proposals/ or feedback/ folder here: is this the strategy's"
                " repository?"
            ),
        )
    for kind in ("team", "proposal"):
        folder = root / FOLDERS[kind]
        if not _is_folder(root, folder, diagnostics):
            continue
        for path in _listing(root, folder, diagnostics):
            yield from _entry(FOLDERS[kind], kind, path, None, diagnostics)
    folder = root / FOLDERS["feedback"]
    if not _is_folder(root, folder, diagnostics):
        return
    for sub in _listing(root, folder, diagnostics):
        rel = _printable(sub.relative_to(root).as_posix())
        if not sub.is_dir():
            diagnostics.error(
                rel,
                START,
                "misplaced-file",
                # Translators: {name} is the file's name; keep feedback/<proposal-id>/.
                say(
                    "feedback files go in a folder named after their proposal: "
                    "feedback/<proposal-id>/{name}",
                    name=sub.name,
                ),
            )
            continue
        for path in _listing(root, sub, diagnostics):
            yield from _entry(f"{folder.name}/{sub.name}", "feedback", path, sub.name, diagnostics)


def links_under(root: Path, folder: Path, diagnostics: Diagnostics) -> None:
    """Report ``folder`` when it is a link, and every link under it, following none of them
    (the site's pages; a folder inside a data folder, which is never read but is searched)."""
    if folder.is_symlink():
        _refuse_link(root, folder, diagnostics)
        return
    for top, folders, files in os.walk(folder, followlinks=False):
        for name in sorted(folders + files):
            path = Path(top, name)
            if path.is_symlink():
                _refuse_link(root, path, diagnostics)


def _refuse_link(root: Path, path: Path, diagnostics: Diagnostics) -> None:
    """A link is an error at its own path, and nothing is read through it."""
    try:
        target = _printable(str(path.readlink()))
    except OSError:  # gone since it was listed
        target = "?"
    if path.is_dir():
        # Translators: {target} is where the link leads, a path.
        said = say(
            "this is a link to a folder elsewhere ({target}); commonplan does not follow"
            " links, so nothing from outside the repository is published: replace it with the"
            " folder itself",
            target=target,
        )
    else:
        # Translators: {target} is where the link leads, a path.
        said = say(
            "this is a link to a file elsewhere ({target}); commonplan does not follow links,"
            " so nothing from outside the repository is published: replace it with the file"
            " itself",
            target=target,
        )
    diagnostics.error(
        _printable(Path(os.path.relpath(path, root)).as_posix()), START, "symlink", said
    )


def _listing(root: Path, folder: Path, diagnostics: Diagnostics) -> list[Path]:
    """A data folder's visible entries, in order. A link is reported (a hidden one too) and
    left out; a real folder where a file belongs is searched for links too."""
    with os.scandir(folder) as scanned:
        entries = sorted(scanned, key=lambda entry: entry.name)
    found = []
    for entry in entries:
        path = Path(entry.path)
        if entry.is_symlink():
            _refuse_link(root, path, diagnostics)
            continue
        if _visible(path):
            found.append(path)
        # feedback/'s own folders are listed in their turn; any other folder is never read.
        if entry.is_dir(follow_symlinks=False) and folder != root / FOLDERS["feedback"]:
            links_under(root, path, diagnostics)
    return found


def _is_folder(root: Path, folder: Path, diagnostics: Diagnostics) -> bool:
    """A data folder may be absent (nothing of that kind yet), but not a file or a link."""
    if folder.is_symlink():
        _refuse_link(root, folder, diagnostics)
        return False
    if folder.exists() and not folder.is_dir():
        diagnostics.error(
            folder.name,
            START,
            "not-a-folder",
            # Translators: {name} is the folder's name: teams, proposals or feedback.
            say(
                "'{name}' should be a folder holding the data files, but it is a file",
                name=folder.name,
            ),
        )
    return folder.is_dir()


def _printable(rel: str) -> str:
    """A path as text that can always be printed: undecodable bytes become '�'."""
    return rel.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _entry(
    parent: str, kind: str, path: Path, folder_id: str | None, diagnostics: Diagnostics
) -> Iterator[Entry]:
    """``parent`` is the folder as shown to people (`teams`, `feedback/carers-breaks`)."""
    rel = f"{parent}/{path.name}"
    if _printable(rel) != rel:
        diagnostics.error(
            _printable(rel),
            START,
            "bad-id",
            say(
                "the file name is not UTF-8 text, so it cannot be an id: rename it with"
                " lowercase letters, digits and '-'"
            ),
        )
        return
    suffix = SUFFIXES[kind]
    if path.suffix != suffix:
        if path.suffix in {".yaml", ".markdown"} or (kind != "proposal" and path.suffix == ".md"):
            diagnostics.error(
                rel,
                START,
                "wrong-extension",
                # Translators: {folder} is teams, proposals or feedback; {suffix} .yml or
                # .md; {name} the file's new name.
                say(
                    "{folder}/ files end in '{suffix}'; rename it to '{name}'",
                    folder=FOLDERS[kind],
                    suffix=suffix,
                    name=path.stem + suffix,
                ),
            )
        else:
            diagnostics.warning(
                rel,
                START,
                "not-data",
                _not_data(kind, suffix),
            )
        return
    # One lstat call answers every question; this runs for every file of the repository.
    try:
        mode = path.lstat().st_mode
    except OSError:
        mode = 0
    if stat.S_ISLNK(mode):  # made since its folder was listed
        root = path.parents[parent.count("/") + 1]  # `parent` is its folder from the root
        _refuse_link(root, path, diagnostics)
        return
    if stat.S_ISDIR(mode):
        diagnostics.error(rel, START, "not-a-file", _a_folder(kind))
        return
    if not stat.S_ISREG(mode):
        not_regular = say("not a regular file (a device or a pipe?)")
        diagnostics.error(rel, START, "not-a-file", not_regular)
        return
    if kind == "proposal" and TRANSLATION.match(path.stem):
        kind = "translation"  # proposals/<id>.<language>.md
    yield Entry(kind, path, rel, folder_id)


def _not_data(kind: str, suffix: str) -> Said:
    """A file in a data folder that is not a data file: ``kind``'s folder holds it."""
    # Translators: {suffix} is how the folder's data files end: .yml or .md.
    if kind == "team":
        return say("not a team file (those end in '{suffix}'), so it is not read", suffix=suffix)
    if kind == "proposal":
        return say(
            "not a proposal file (those end in '{suffix}'), so it is not read", suffix=suffix
        )
    return say("not a feedback file (those end in '{suffix}'), so it is not read", suffix=suffix)


def _a_folder(kind: str) -> Said:
    """A folder where a data file of ``kind`` belongs."""
    if kind == "team":
        return say("expected a team file here, but this is a folder")
    if kind == "proposal":
        return say("expected a proposal file here, but this is a folder")
    return say("expected a feedback file here, but this is a folder")
