"""The validation pipeline: files → documents with positions → models → checks → Corpus."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from commonplan import insight
from commonplan.config import CONFIG_FILE, Settings, SettingsError, load_settings, today
from commonplan.corpus import Corpus
from commonplan.diagnostics import Diagnostics
from commonplan.files import check_generated
from commonplan.github.codeowners import expected_codeowners
from commonplan.github.form import expected_form
from commonplan.load.explain import explain
from commonplan.load.read import START, RawDocument, Source, discover, parse_document, read_file
from commonplan.load.sections import find_sections
from commonplan.model import KINDS, SLUG, Feedback, Proposal, Record, Team
from commonplan.schema import expected_schemas
from commonplan.validate import rules as checks
from commonplan.validate.discipline import check_against_base


@dataclass
class Validation:
    corpus: Corpus
    diagnostics: Diagnostics
    sources: dict[str, Source]  # repository-relative path → its text, for positions


def validate_repository(
    root: Path, settings: Settings | None = None, *, base: str | None = None
) -> Validation:
    """Read and check every data file under ``root``; never raises on bad data.

    With ``base`` (a git branch or commit), proposals are also compared with their
    published versions there (see `discipline`).
    """
    diagnostics = Diagnostics()
    if settings is None:
        try:
            settings = load_settings(root)
        except SettingsError as exc:
            for position, message in exc.problems:
                diagnostics.error(CONFIG_FILE, position, "config", message)
            settings = Settings()
    corpus = Corpus(root=root, settings=settings)
    sources: dict[str, Source] = {}
    records: dict[str, list[Record]] = {"team": [], "proposal": [], "feedback": []}

    present: dict[str, set[str]] = {kind: set() for kind in records}
    for entry in discover(root, diagnostics):
        diagnostics.files_checked += 1
        present[entry.kind].add(entry.path.stem)
        id_ = entry.path.stem
        document = read_file(entry.path, entry.rel, entry.kind, id_, diagnostics)
        if document is None:
            continue
        sources[entry.rel] = document.source
        valid_id = SLUG.match(id_) is not None
        if not valid_id:
            diagnostics.error(
                entry.rel,
                START,
                "bad-id",
                f"'{id_}' is not a valid id: file names use lowercase letters, digits and '-'"
                " (for example 'carers-breaks'), with no spaces or dots",
            )
        record = build_record(document, diagnostics)
        if record is None:
            # Rules across files cannot run on it, but personal data must still be caught.
            checks.scan_personal_data(
                diagnostics, document.source, document.data, document.body, document.body_line
            )
            continue
        if entry.folder_id is not None and entry.folder_id != getattr(record, "proposal", None):
            proposal = getattr(record, "proposal", "")
            diagnostics.error(
                entry.rel,
                document.source.position(("proposal",)),
                "wrong-folder",
                f"this feedback is on '{proposal}' but sits in feedback/{entry.folder_id}/;"
                f" move it to feedback/{proposal}/",
            )
        records[entry.kind].append(record)

    checks.run_all(corpus, records, sources, diagnostics, present)
    checker = checks.Checker(corpus, sources, diagnostics)
    insight.warn(checker, today())
    if base is not None:
        check_against_base(checker, base)
    generated = [*expected_schemas(settings.groups), expected_form(corpus)]
    generated.append(expected_codeowners(corpus))
    check_generated(root, generated, diagnostics)
    return Validation(corpus, diagnostics, sources)


def build_record(document: RawDocument, diagnostics: Diagnostics) -> Record | None:
    """The model of one parsed file, or None with located diagnostics."""
    model = KINDS[document.kind]
    try:
        record = model.model_validate(document.data)
    except ValidationError as exc:
        for problem in explain(model, exc):
            position = document.source.position(problem.loc, key=problem.at_key)
            diagnostics.error(document.source.rel, position, problem.code, problem.message)
        return None
    record.locate(document.id, document.source.rel)
    if isinstance(record, Proposal):
        record.attach_body(
            document.body, document.body_line, find_sections(document.body, document.body_line)
        )
    return record


__all__ = ["Feedback", "Proposal", "Team", "Validation", "validate_repository"]


@dataclass
class CheckedDocument:
    """One file's would-be text, checked against a repository as `validate` would check it."""

    record: Record | None
    source: Source | None
    diagnostics: Diagnostics


def check_document(corpus: Corpus, kind: str, rel: str, text: str) -> CheckedDocument:
    """Check a file that is about to be written (by intake or an organiser's command)
    against ``corpus``, with the same loader, model and rules as `validate_repository`."""
    diagnostics = Diagnostics()
    document = parse_document(rel, kind, Path(rel).stem, text, diagnostics)
    if document is None:
        return CheckedDocument(None, None, diagnostics)
    record = build_record(document, diagnostics)
    if record is None:
        # The model refused it, so the rules across files cannot run; personal data is
        # still looked for, so that one reply can name every problem.
        checks.scan_personal_data(
            diagnostics, document.source, document.data, document.body, document.body_line
        )
    else:
        checks.check_record(checks.Checker(corpus, {rel: document.source}, diagnostics), record)
    return CheckedDocument(record, document.source, diagnostics)
