"""Proposals in the site's other languages: `proposals/<id>.<language>.md` translates the
proposal `<id>`; its headings are the original's, in the same order and at the same levels
(each is shown at the original's anchor, so feedback on a section is shown in every
language), and the actions, measures and revisions it names are the original's.

A translation that passes is indexed in ``corpus.translations``; a proposal without one
into a language of the site is a warning (an error with `require_translations: true`). One
older than its original in git (the original's words changed after its last commit) is a
warning, `translation-outdated`, naming what changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import zip_longest

from commonplan.fields import SLUG
from commonplan.history.translations import (
    Changed,
    outdated,
    said_changes,
    translations_history,
)
from commonplan.language import Language, Said, said_list, say
from commonplan.language import language as language_of
from commonplan.model import Proposal, ProposalTranslation, Section
from commonplan.validate.checker import Checker
from commonplan.words import suggest


@dataclass(frozen=True)
class _LanguageName(Said):
    """A language's name in the reader's language ("Welsh", "Cymraeg")."""

    code: str = ""

    def in_language(self, t: Language) -> str:
        return language_of(self.code).name_in(t.code)


def _name(code: str) -> Said:
    return _LanguageName("{name}", code=code)


def check_translations(checker: Checker, translations: list[ProposalTranslation]) -> None:
    corpus = checker.corpus
    languages = corpus.settings.languages
    for translation in translations:
        proposal = corpus.proposals.get(translation.proposal)
        if proposal is None:
            if not checker.exists("proposal", translation.proposal):
                checker.error(
                    translation,
                    (),
                    "unknown-proposal",
                    say(
                        "this translates '{proposal}', and there is no proposals/{proposal}.md"
                        "{hint}",
                        proposal=translation.proposal,
                        hint=suggest(translation.proposal, corpus.proposals),
                    ),
                )
            continue
        if translation.language not in languages[1:]:
            _not_published(checker, translation, languages)
            continue
        if _matches(checker, proposal, translation):
            corpus.translations.setdefault(proposal.id, {})[translation.language] = translation
    _missing(checker, languages)
    _outdated(checker)


def _not_published(
    checker: Checker, translation: ProposalTranslation, languages: list[str]
) -> None:
    if translation.language == languages[0]:
        message = say(
            "'{language}' is the site's default language, in which the proposal itself is"
            " written: proposals/{proposal}.md is the text in it",
            language=translation.language,
            proposal=translation.proposal,
        )
    else:
        # Translators: keep `languages` and mkdocs.yml as they are; {languages} is the
        # site's language codes, "en, cy".
        message = say(
            "'{language}' is not one of the site's languages (the option `languages` in"
            " mkdocs.yml: {languages}), so this translation is not published",
            language=translation.language,
            languages=", ".join(languages),
        )
    checker.warning(translation, (), "unpublished-translation", message)


def _matches(checker: Checker, proposal: Proposal, translation: ProposalTranslation) -> bool:
    """Whether the translation's headings and ids are the original's (reported if not)."""
    ok = _same_headings(checker, proposal, translation)
    for field, ids in (
        ("actions", [a.id for a in proposal.actions]),
        ("measures", [m.id for m in proposal.measures]),
    ):
        named = translation.actions if field == "actions" else translation.measures
        for key in named:
            if key not in ids:
                args = {"proposal": proposal.id, "key": key, "hint": suggest(key, ids)}
                checker.diagnostics.error(
                    translation.path,
                    checker.at(translation, (field, key), key=True),
                    "unknown-id",
                    say("proposals/{proposal}.md has no action '{key}'{hint}", **args)
                    if field == "actions"
                    else say("proposals/{proposal}.md has no measure '{key}'{hint}", **args),
                )
                ok = False
    versions = {r.version for r in proposal.revisions}
    for version in translation.revisions:
        if version not in versions:
            checker.diagnostics.error(
                translation.path,
                checker.at(translation, ("revisions", version), key=True),
                "unknown-id",
                say(
                    "proposals/{proposal}.md has no revision {version}",
                    proposal=proposal.id,
                    version=version,
                ),
            )
            ok = False
    return ok


def _same_headings(checker: Checker, proposal: Proposal, translation: ProposalTranslation) -> bool:
    """The first heading that differs from the original's is reported (the ones after it
    would all differ too)."""
    name = _name(translation.language)
    original_file = f"proposals/{proposal.id}.md"
    for number, (original, translated) in enumerate(
        zip_longest(proposal.sections, translation.sections), start=1
    ):
        if original is not None and translated is not None and original.level == translated.level:
            continue
        if translated is None:
            assert original is not None
            end = translation.body_line + translation.body.count("\n")
            # Translators: {heading} is a heading as written, "## Why this matters";
            # {language} is the name of the translation's language, "Welsh".
            message = say(
                "the original's heading {number}, '{heading}' (line {line} of {file}), has no"
                " heading here: the {language} text needs each of the original's headings, in"
                " the same order",
                number=number,
                heading=_shown(original),
                line=original.line,
                file=original_file,
                language=name,
            )
            checker.diagnostics.error(translation.path, (end, 1), "translation-headings", message)
        elif original is None:
            # Translators: {heading} is a heading as written, "## Why this matters".
            message = say(
                "'{heading}' is heading {number}, and {file} has only {count}: the {language}"
                " text has the original's headings, no more",
                heading=_shown(translated),
                number=number,
                file=original_file,
                count=number - 1,
                language=name,
            )
            _at_heading(checker, translation, translated, message)
        else:
            # Translators: {heading} and {original} are headings as written, "## Why".
            message = say(
                "'{heading}' is a level {level} heading where the original's heading"
                " {number}, '{original}' (line {line} of {file}), is level {original_level}",
                heading=_shown(translated),
                level=translated.level,
                number=number,
                original=_shown(original),
                line=original.line,
                file=original_file,
                original_level=original.level,
            )
            _at_heading(checker, translation, translated, message)
        return False
    return True


def _shown(section: Section) -> str:
    return f"{'#' * section.level} {section.title}"


def _at_heading(
    checker: Checker, translation: ProposalTranslation, heading: Section, message: Said
) -> None:
    checker.diagnostics.error(translation.path, (heading.line, 1), "translation-headings", message)


def _missing(checker: Checker, languages: list[str]) -> None:
    corpus = checker.corpus
    required = corpus.settings.require_translations
    # A proposal with errors of its own is not asked for a translation on top of them.
    with_errors = {d.path for d in checker.diagnostics.errors}
    for proposal in corpus.proposals.values():
        if proposal.path in with_errors or not SLUG.match(proposal.id):
            continue
        for code in languages[1:]:
            if code in corpus.translations.get(proposal.id, {}):
                continue
            if checker.exists("translation", f"{proposal.id}.{code}"):
                continue  # there is one, with errors of its own
            # Translators: {language} is the name of a language, "Welsh"; {code} its code.
            message = say(
                "there is no {language} translation of this proposal (proposals/{proposal}"
                ".{code}.md), so the {language} site shows it as it is written here",
                language=_name(code),
                proposal=proposal.id,
                code=code,
            )
            if required:
                checker.error(proposal, ("title",), "translation-missing", message)
            else:
                checker.warning(proposal, ("title",), "translation-missing", message)


def _outdated(checker: Checker) -> None:
    """Each translation the original's words changed after, since its last commit: the
    history is read only when there are translations, with three git processes in all."""
    corpus = checker.corpus
    translations = [t for by_language in corpus.translations.values() for t in by_language.values()]
    if not translations:
        return
    history = translations_history(corpus.root, translations)
    for translation in translations:
        found = outdated(history, translation, corpus.proposals[translation.proposal])
        if found is None:
            continue
        first = found.first_section
        line = 1
        if first is not None and first < len(translation.sections):
            line = translation.sections[first].line
        checker.diagnostics.warning(
            translation.path,
            (line, 1),
            "translation-outdated",
            # Translators: {day} and {commit} are the translation's last commit (2026-11-02,
            # 1a2b3c4d5e6f); {changes} lists what changed, "the section 'Why' and the title".
            say(
                "this translation may be out of date: proposals/{proposal}.md has changed since"
                " the translation was last committed ({day}, commit {commit}), in {changes};"
                " bring it up to date and commit it",
                proposal=translation.proposal,
                day=found.day.isoformat(),
                commit=found.commit[:12],
                changes=said_list(said_changes(found.changed, _quoted), "and"),
            ),
        )


def _quoted(change: Changed) -> str:
    return f"'{change.name}'"


def check_feedback_languages(checker: Checker) -> None:
    """Feedback is shown as written, in its own language: a translation is into another,
    by a team there is; an answer reaches a person in the language they wrote in."""
    corpus = checker.corpus
    default = corpus.settings.languages[0]
    for item in corpus.feedback.values():
        written = item.language or default
        translation = item.translation
        if translation is not None:
            if translation.language == written:
                checker.error(
                    item,
                    ("translation", "language"),
                    "bad-value",
                    say(
                        "this feedback was written in '{language}': a translation is into"
                        " another language",
                        language=written,
                    ),
                )
            checker.team(item, ("translation", "by"), translation.by, say("translation by"))
        response = item.response
        if response is None or written == default or written in response.translations:
            continue
        checker.warning(
            item,
            ("response",),
            "answer-language",
            # Translators: {language} and {site} are names of languages, "Welsh", "English";
            # keep response.translations.{code} as it is (a field name and a language code).
            say(
                "this feedback was written in {language} and its answer is only in {site}: add"
                " it in {language} too, as response.translations.{code}",
                language=_name(written),
                site=_name(default),
                code=written,
            ),
        )


def check_team_languages(checker: Checker) -> None:
    """A team's words in several languages: each language one of the site's."""
    languages = checker.corpus.settings.languages
    for team in checker.corpus.teams.values():
        for field, given in team.languages_given.items():
            for code in given:
                if code not in languages:
                    checker.diagnostics.warning(
                        team.path,
                        checker.at(team, (field, code), key=True),
                        "unpublished-translation",
                        # Translators: keep `languages` and mkdocs.yml as they are;
                        # {languages} is the site's language codes, "en, cy".
                        say(
                            "'{language}' is not one of the site's languages (the option"
                            " `languages` in mkdocs.yml: {languages}), so these words are not"
                            " published",
                            language=code,
                            languages=", ".join(languages),
                        ),
                    )
