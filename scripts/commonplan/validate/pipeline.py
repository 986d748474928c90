"""The validation pipeline: files → documents with positions → models → rules → Corpus."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from commonplan.config import (
    CONFIG_FILE,
    Settings,
    SettingsError,
    load_settings,
    option_position,
)
from commonplan.config_checks import language_problems, repository_mismatches
from commonplan.corpus import Corpus
from commonplan.diagnostics import Diagnostics
from commonplan.fields import SLUG
from commonplan.files import Generated, check_generated
from commonplan.language import say
from commonplan.load.discover import discover
from commonplan.load.positions import START, SourceText
from commonplan.load.read import build_record, parse_document, read_file
from commonplan.model import ProposalTranslation, Record
from commonplan.validate import rules
from commonplan.validate.attribution import check_attribution, check_team_names
from commonplan.validate.checker import Checker
from commonplan.validate.discipline import check_against_base
from commonplan.validate.moderation import check_moderators
from commonplan.validate.personal_data import check_personal_data, scan_personal_data
from commonplan.validate.published_versions import check_withheld
from commonplan.validate.translations import (
    check_feedback_languages,
    check_team_languages,
    check_translations,
)
from commonplan.validate.warnings import warn

# What a repository keeps in step with its data (schemas, issue form, CODEOWNERS): made by
# the layers that own those files and handed in by the command or build that validates.
GeneratedFiles = Callable[[Corpus], list[Generated]]


@dataclass
class Validation:
    corpus: Corpus
    diagnostics: Diagnostics
    sources: dict[str, SourceText]  # repository-relative path → its text, for positions


def validate_repository(
    root: Path,
    settings: Settings | None = None,
    *,
    today: date,
    base: str | None = None,
    author: str | None = None,
    generated: GeneratedFiles | None = None,
) -> Validation:
    """Read and check every data file under ``root``; never raises on bad data.

    Dates are judged against ``today``. With ``base`` (a git branch or commit), proposals
    are also compared with their published versions there (see `discipline`); with
    ``generated``, the files it lists are reported when they fall behind the data.
    """
    diagnostics = Diagnostics()
    options_read = True
    if settings is None:
        try:
            settings = load_settings(root)
        except SettingsError as exc:
            for position, message in exc.said_problems:
                diagnostics.error(CONFIG_FILE, position, "config", message)
            settings = Settings()
            options_read = False
        for position, message in repository_mismatches(root, settings):
            diagnostics.error(CONFIG_FILE, position, "repo-mismatch", message)
        for position, message in language_problems(root, settings):
            diagnostics.error(CONFIG_FILE, position, "config", message)
    corpus = Corpus(root=root, settings=settings, today=today)
    sources: dict[str, SourceText] = {}
    records: dict[str, list[Record]] = {
        "team": [],
        "proposal": [],
        "translation": [],
        "feedback": [],
    }

    present: dict[str, set[str]] = {kind: set() for kind in records}
    for entry in discover(root, diagnostics):
        diagnostics.files_checked += 1
        present[entry.kind].add(entry.path.stem)
        id_ = entry.path.stem
        document = read_file(entry.path, entry.rel, entry.kind, id_, diagnostics)
        if document is None:
            continue
        sources[entry.rel] = document.source
        # A translation's id is its proposal's, a dot and the language (`discover` read it).
        if SLUG.match(id_.rpartition(".")[0] if entry.kind == "translation" else id_) is None:
            diagnostics.error(
                entry.rel,
                START,
                "bad-id",
                say(
                    "'{id}' is not a valid id: file names use lowercase letters, digits and"
                    " '-' (for example 'carers-breaks'), with no spaces or dots",
                    id=id_,
                ),
            )
        record = build_record(document, diagnostics, settings.languages[0])
        if record is None:
            # Rules across files cannot run on it, but personal data must still be caught.
            scan_personal_data(
                diagnostics, document.source, document.data, document.body, document.body_line
            )
            continue
        if entry.folder_id is not None and entry.folder_id != getattr(record, "proposal", None):
            proposal = getattr(record, "proposal", "")
            diagnostics.error(
                entry.rel,
                document.source.position(("proposal",)),
                "wrong-folder",
                say(
                    "this feedback is on '{proposal}' but sits in feedback/{folder}/; move it"
                    " to feedback/{proposal}/",
                    proposal=proposal,
                    folder=entry.folder_id,
                ),
            )
        records[entry.kind].append(record)

    checker = Checker(corpus, sources, diagnostics, present, options_read=options_read)
    rules.run_all(checker, records)
    translations = [r for r in records["translation"] if isinstance(r, ProposalTranslation)]
    for translation in translations:
        check_personal_data(checker.diagnostics, sources[translation.path], translation)
    check_translations(checker, translations)
    check_feedback_languages(checker)
    check_team_languages(checker)
    warn(checker)
    check_team_names(checker)
    check_withheld(checker)
    check_moderators(checker)
    if base is not None:
        check_against_base(checker, base)
        if author is not None:
            check_attribution(checker, base, author)
    if generated is not None:
        made = generated(corpus)
        # Files made from data with errors would be made wrong, and the commands that make
        # them refuse: the errors are what to fix first, so these checks wait until then.
        if diagnostics.ok:
            check_generated(root, made, diagnostics)
            if settings.repo is not None:
                _check_linked_files(root, made, diagnostics)
    return Validation(corpus, diagnostics, sources)


def _check_linked_files(root: Path, made: list[Generated], diagnostics: Diagnostics) -> None:
    """A file the site links to on GitHub (the issue form) must be in the repository, or
    every such link leads to nothing. Located at the plugin's `repo`, which makes the links."""
    for item in made:
        if item.linked_from is not None and not (root / item.rel).is_file():
            diagnostics.error(
                CONFIG_FILE,
                option_position(root, "repo"),
                "missing-generated",
                # Translators: {linked_from} is what links to the file, "the site's
                # feedback links"; {file} its path; {command} a commonplan command line.
                say(
                    "{linked_from} open {file} on GitHub, and this repository does not have"
                    " it: run `{command}` and commit it",
                    linked_from=item.linked_from,
                    file=item.rel,
                    command=item.command,
                ),
            )


@dataclass
class CheckedDocument:
    """One file's would-be text, checked against a repository as `validate` would check it."""

    record: Record | None
    source: SourceText | None
    diagnostics: Diagnostics


def check_document(corpus: Corpus, kind: str, rel: str, text: str) -> CheckedDocument:
    """Check a file that is about to be written (by intake or an organiser's command)
    against ``corpus``, with the same loader, model and rules as `validate_repository`."""
    diagnostics = Diagnostics()
    document = parse_document(rel, kind, Path(rel).stem, text, diagnostics)
    if document is None:
        return CheckedDocument(None, None, diagnostics)
    record = build_record(document, diagnostics, corpus.settings.languages[0])
    if record is None:
        # The model refused it, so the rules across files cannot run; personal data is
        # still looked for, so that one reply can name every problem.
        scan_personal_data(
            diagnostics, document.source, document.data, document.body, document.body_line
        )
    else:
        rules.check_record(Checker(corpus, {rel: document.source}, diagnostics), record)
    return CheckedDocument(record, document.source, diagnostics)
