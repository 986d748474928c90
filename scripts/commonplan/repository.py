"""A strategy's repository opened by a command or a build: every file checked as
`commonplan validate` checks it, today's date read once, and the generated files handed in.

The command line and the mkdocs plugin both start here, so the site and `validate` never
judge the same data differently.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from commonplan.clock import today as clock_today
from commonplan.config import CONFIG_FILE, Settings
from commonplan.corpus import Corpus
from commonplan.diagnostics import Diagnostic, Diagnostics
from commonplan.errors import CommonplanError
from commonplan.files import Generated, write_atomic
from commonplan.github.codeowners import expected_codeowners
from commonplan.github.form import expected_forms
from commonplan.github.report_form import expected_report_forms
from commonplan.history.git import History, read_history
from commonplan.language import Said, say
from commonplan.report import as_lines
from commonplan.schema import expected_schemas
from commonplan.validate.pipeline import Validation, validate_repository
from commonplan.validate.published_versions import check_published_versions


def generated_files(corpus: Corpus) -> list[Generated]:
    """The files made from the data that must stay in step with it."""
    return [
        *expected_schemas(corpus.settings.groups),
        *(item for makers in GENERATORS.values() for make in makers for item in make(corpus)),
    ]


def check_repository(
    root: Path,
    settings: Settings | None = None,
    *,
    base: str | None = None,
    author: str | None = None,
    today: date | None = None,
) -> Validation:
    """Validate ``root`` as of ``today`` (the clock, or SOURCE_DATE_EPOCH, when not given)."""
    return validate_repository(
        root,
        settings,
        today=today or clock_today(),
        base=base,
        author=author,
        generated=generated_files,
    )


def published_history(validation: Validation) -> History:
    """The proposals' git history, for the history pages: refused, with every finding
    located, when an earlier version they would show holds personal data."""
    history = read_history(validation.corpus.root)
    found = Diagnostics()
    check_published_versions(found, validation.sources, validation.corpus.proposals, history)
    if not found.ok:
        raise CommonplanError(
            say("an earlier version of a proposal holds personal data, so the site was not built"),
            as_lines(found),
        )
    return history


def open_repository(root: Path) -> Validation:
    """The strategy at ``root``, checked; refuses a folder that is not a strategy's."""
    if not (root / CONFIG_FILE).is_file():
        raise CommonplanError(
            # Translators: {root} is a folder's path.
            say("{root}: no mkdocs.yml here; use --root to name the repository", root=str(root))
        )
    return check_repository(root)


def open_trusted(root: Path) -> Validation:
    """The strategy at ``root``, checked, for a run that acts on others' words (the GitHub
    loop): refused when mkdocs.yml is broken, since feedback checked against default groups
    and teams would be recorded or refused wrongly."""
    result = check_repository(root)
    broken_config = [d for d in result.diagnostics.errors if d.code == "config"]
    if broken_config:
        raise CommonplanError(
            say("fix mkdocs.yml first; nothing was read from GitHub"),
            as_lines(Diagnostics(broken_config)),
        )
    return result


# What `commonplan forms` and `commonplan codeowners` write.
GENERATORS: dict[str, tuple[Callable[[Corpus], list[Generated]], ...]] = {
    "issue forms": (expected_forms, expected_report_forms),
    "CODEOWNERS": (lambda corpus: [expected_codeowners(corpus)],),
}


# Why each kind is not written while the data has errors.
REFUSALS = {
    "issue forms": say("fix the errors above before making the issue forms"),
    "CODEOWNERS": say("fix the errors above before making CODEOWNERS"),
}

# What the writers of the generated files fix: every other error must go first.
FIXED_BY_WRITING = frozenset({"out-of-date", "missing-generated"})


def _errors_of_the_data(result: Validation) -> list[Diagnostic]:
    return [d for d in result.diagnostics.errors if d.code not in FIXED_BY_WRITING]


def _checked_data(root: Path, refusal: Said) -> Corpus:
    """The corpus the generated files are made from; refused while the data has errors."""
    result = check_repository(root)
    blocking = _errors_of_the_data(result)
    if blocking:
        report = as_lines(Diagnostics(blocking, result.diagnostics.files_checked))
        raise CommonplanError(refusal, report)
    return result.corpus


def write_generated(root: Path, kind: str) -> list[str]:
    """Write the files made from the data of one kind (a key of GENERATORS), after checking
    the data they are made from; the paths written, relative to ``root``."""
    corpus = _checked_data(root, REFUSALS[kind])
    written = []
    for make in GENERATORS[kind]:
        for item in make(corpus):
            write_atomic(root / item.rel, item.content)
            written.append(item.rel)
    return written


def in_step_files(root: Path) -> dict[str, str]:
    """The issue forms and CODEOWNERS as the data makes them now (path → text), after
    checking the data they are made from."""
    corpus = _checked_data(
        root, say("fix the errors above before making the issue forms and CODEOWNERS")
    )
    return {
        item.rel: item.content
        for makers in GENERATORS.values()
        for make in makers
        for item in make(corpus)
    }


def write_in_step(root: Path) -> list[str]:
    """Write the issue form and CODEOWNERS as the data makes them, whether they were there
    or not (`commonplan forms` and `commonplan codeowners` together); the paths written."""
    files = in_step_files(root)
    for rel, text in files.items():
        write_atomic(root / rel, text)
    return sorted(files)


def refresh_generated(root: Path) -> list[str]:
    """Bring the issue form and CODEOWNERS a repository has back in step with its data, so
    that a new proposal or team never stops the site publishing; the paths rewritten.
    Nothing is written while the data has errors of its own (they are what to fix first)."""
    try:
        files = in_step_files(root)
    except CommonplanError:
        return []
    rewritten = []
    for rel, text in files.items():
        path = root / rel
        if path.is_file() and path.read_text(encoding="utf-8") != text:
            write_atomic(path, text)
            rewritten.append(rel)
    return rewritten
