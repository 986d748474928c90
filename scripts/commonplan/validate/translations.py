"""Proposals in the site's other languages: `proposals/<id>.<language>.md` translates the
proposal `<id>`; its headings are the original's, in the same order and at the same levels
(each is shown at the original's anchor, so feedback on a section is shown in every
language), and the actions, measures and revisions it names are the original's.

A translation that passes is indexed in ``corpus.translations``; a proposal without one
into a language of the site is a warning (an error with `require_translations: true`).
"""

from __future__ import annotations

from itertools import zip_longest

from commonplan.fields import SLUG
from commonplan.language import SOURCE_LANGUAGE
from commonplan.language import language as language_of
from commonplan.model import Proposal, ProposalTranslation, Section
from commonplan.validate.rules import Checker
from commonplan.words import suggest


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
                    f"this translates '{translation.proposal}', and there is no"
                    f" proposals/{translation.proposal}.md"
                    f"{suggest(translation.proposal, corpus.proposals)}",
                )
            continue
        if translation.language not in languages[1:]:
            _not_published(checker, translation, languages)
            continue
        if _matches(checker, proposal, translation):
            corpus.translations.setdefault(proposal.id, {})[translation.language] = translation
    _missing(checker, languages)


def _not_published(
    checker: Checker, translation: ProposalTranslation, languages: list[str]
) -> None:
    if translation.language == languages[0]:
        message = (
            f"'{translation.language}' is the site's default language, in which the proposal"
            f" itself is written: proposals/{translation.proposal}.md is the text in it"
        )
    else:
        message = (
            f"'{translation.language}' is not one of the site's languages (the option"
            f" `languages` in mkdocs.yml: {', '.join(languages)}), so this translation is not"
            " published"
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
                checker.diagnostics.error(
                    translation.path,
                    checker.at(translation, (field, key), key=True),
                    "unknown-id",
                    f"proposals/{proposal.id}.md has no {field[:-1]} '{key}'{suggest(key, ids)}",
                )
                ok = False
    versions = {r.version for r in proposal.revisions}
    for version in translation.revisions:
        if version not in versions:
            checker.diagnostics.error(
                translation.path,
                checker.at(translation, ("revisions", version), key=True),
                "unknown-id",
                f"proposals/{proposal.id}.md has no revision {version}",
            )
            ok = False
    return ok


def _same_headings(checker: Checker, proposal: Proposal, translation: ProposalTranslation) -> bool:
    """The first heading that differs from the original's is reported (the ones after it
    would all differ too)."""
    name = language_of(translation.language).name_in(SOURCE_LANGUAGE)
    original_file = f"proposals/{proposal.id}.md"
    for number, (original, translated) in enumerate(
        zip_longest(proposal.sections, translation.sections), start=1
    ):
        if original is not None and translated is not None and original.level == translated.level:
            continue
        if translated is None:
            assert original is not None
            end = translation.body_line + translation.body.count("\n")
            message = (
                f"the original's heading {number}, {_shown(original)} (line {original.line} of"
                f" {original_file}), has no heading here: the {name} text needs each of the"
                " original's headings, in the same order"
            )
            checker.diagnostics.error(translation.path, (end, 1), "translation-headings", message)
        elif original is None:
            message = (
                f"{_shown(translated)} is heading {number}, and {original_file} has only"
                f" {number - 1}: the {name} text has the original's headings, no more"
            )
            _at_heading(checker, translation, translated, message)
        else:
            message = (
                f"{_shown(translated)} is a level {translated.level} heading where the"
                f" original's heading {number}, {_shown(original)} (line {original.line} of"
                f" {original_file}), is level {original.level}"
            )
            _at_heading(checker, translation, translated, message)
        return False
    return True


def _shown(section: Section) -> str:
    return f"'{'#' * section.level} {section.title}'"


def _at_heading(
    checker: Checker, translation: ProposalTranslation, heading: Section, message: str
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
            name = language_of(code).name_in(SOURCE_LANGUAGE)
            message = (
                f"there is no {name} translation of this proposal (proposals/{proposal.id}"
                f".{code}.md), so the {name} site shows it as it is written here"
            )
            if required:
                checker.error(proposal, ("title",), "translation-missing", message)
            else:
                checker.warning(proposal, ("title",), "translation-missing", message)


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
                    f"this feedback was written in '{written}': a translation is into another"
                    " language",
                )
            checker.team(item, ("translation", "by"), translation.by, "translation by")
        response = item.response
        if response is None or written == default or written in response.translations:
            continue
        name = language_of(written).name_in(SOURCE_LANGUAGE)
        site = language_of(default).name_in(SOURCE_LANGUAGE)
        checker.warning(
            item,
            ("response",),
            "answer-language",
            f"this feedback was written in {name} and its answer is only in {site}: add it in"
            f" {name} too, as response.translations.{written}",
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
                        f"'{code}' is not one of the site's languages (the option `languages`"
                        f" in mkdocs.yml: {', '.join(languages)}), so these words are not"
                        " published",
                    )
