"""The languages the platform writes in: its words from gettext catalogs, dates and plurals
from Babel's CLDR data, one `Language` per code.

The platform's own words are written in English in the code, each through a `Language`:
``t("...")``, ``t.p(context, "...")`` when the same English words need different
translations, ``t.n(one, many, count)`` and ``t.np(context, one, many, count)`` for counts.
Placeholders are named (``"{count} comments"``) and filled after translating, so a
translation may put them in its own order; a call is never made inside an f-string, where
the extraction (`pybabel extract`, see docs/languages.md) cannot see it.

Catalogs are `locale/<code>/LC_MESSAGES/commonplan.po`, shipped as package data and
compiled when first used (in memory, a few milliseconds): the `.po` file is the one thing a
translator edits, and no compiled file can fall behind it.
"""

from __future__ import annotations

import gettext
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache
from importlib.resources import files

from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

DOMAIN = "commonplan"
SOURCE_LANGUAGE = "en"  # the language the platform's words are written in, in the code
# Day month year, in each language's own month names ("3 November 2026", "3 Tachwedd 2026").
DAY_PATTERN = "d MMMM y"


def mark(context: str, message: str) -> str:
    """A message kept in a table (a vocabulary's label) and translated where it is shown:
    marked here so that the extraction finds it, with the context it is looked up by."""
    del context  # read by `pybabel extract` (keyword mark:1c,2), not at run time
    return message


class Language:
    """One language of the site: its catalog, plurals and dates."""

    def __init__(self, code: str, translations: gettext.NullTranslations) -> None:
        self.code = code
        self._translations = translations

    def __repr__(self) -> str:
        return f"Language({self.code!r})"

    def __call__(self, message: str) -> str:
        return self._translations.gettext(message)

    def p(self, context: str, message: str) -> str:
        return self._translations.pgettext(context, message)

    def marked(self, context: str, message: str) -> str:
        """A message marked with `mark` (kept in a table), looked up in its context."""
        return self._translations.pgettext(context, message)

    def lookup(self, message: str) -> str:
        """A message extracted where it was written (a `say`), looked up later."""
        return self._translations.gettext(message)

    def n(self, singular: str, plural: str, count: int) -> str:
        """The form for ``count``, its ``{count}`` filled in."""
        return self.form(singular, plural, count).format(count=count)

    def form(self, singular: str, plural: str, count: int) -> str:
        """The form for ``count``, its placeholders left to fill."""
        return self._translations.ngettext(singular, plural, count)

    def np(self, context: str, singular: str, plural: str, count: int) -> str:
        return self._translations.npgettext(context, singular, plural, count).format(count=count)

    def day(self, value: date) -> str:
        return _day(value, self.code)

    @property
    def name(self) -> str:
        """The language's name in itself: "English", "Cymraeg"."""
        return self.name_in(self.code)

    def name_in(self, code: str) -> str:
        """The language's name in the language ``code``: "Welsh" in English."""
        shown = Locale.parse(self.code).get_display_name(code)
        return shown[:1].upper() + shown[1:] if shown else self.code


@lru_cache(maxsize=8192)
def _day(value: date, code: str) -> str:
    return format_date(value, DAY_PATTERN, locale=code)


def catalog_path(code: str) -> str:
    return f"locale/{code}/LC_MESSAGES/{DOMAIN}.po"


def has_catalog(code: str) -> bool:
    return code == SOURCE_LANGUAGE or files("commonplan").joinpath(catalog_path(code)).is_file()


def spoken_languages() -> list[str]:
    """Every language a catalog is shipped for, besides the source language."""
    locale = files("commonplan").joinpath("locale")
    if not locale.is_dir():
        return []
    return sorted(entry.name for entry in locale.iterdir() if has_catalog(entry.name))


def is_language(code: str) -> bool:
    """A code CLDR knows ("cy", "en", "pl"), so its dates and plurals can be written."""
    try:
        Locale.parse(code)
    except (ValueError, UnknownLocaleError):
        return False
    return True


def language_of_environment(environment: Mapping[str, str]) -> str:
    """The language a command speaks, read as gettext reads it: the first of `LANGUAGE`
    (a list, "cy:en"), `LC_ALL`, `LC_MESSAGES` and `LANG` ("cy_GB.UTF-8") that names a
    language the platform has words for; English otherwise (also for "C" and "POSIX")."""
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        for value in environment.get(variable, "").split(":"):
            code = value.split(".")[0].split("@")[0].split("_")[0].casefold()
            if code and code not in {"c", "posix"} and has_catalog(code):
                return code
    return SOURCE_LANGUAGE


def translation_of(rel: str, languages: Iterable[str]) -> tuple[str, str] | None:
    """(the file it translates, the language) for `name.<code>.ext` of one of ``languages``:
    `index.cy.md` is the Welsh of `index.md`."""
    stem, dot, extension = rel.rpartition(".")
    base, _, code = stem.rpartition(".")
    if not dot or not base or "/" in code or code not in languages:
        return None
    return f"{base}.{extension}", code


@cache
def language(code: str) -> Language:
    """The platform's words in ``code``: English as written, another from its catalog."""
    if code == SOURCE_LANGUAGE or not has_catalog(code):
        return Language(code, gettext.NullTranslations())
    with files("commonplan").joinpath(catalog_path(code)).open("rb") as po:
        catalog = read_po(po, locale=code, domain=DOMAIN)
    compiled = io.BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)
    compiled.seek(0)
    return Language(code, gettext.GNUTranslations(compiled))


ENGLISH = language(SOURCE_LANGUAGE)


@dataclass(frozen=True)
class Said:
    """Words to be said in a language chosen later: a diagnostic or an error is made where
    the problem is found, and said where it is reported, in the language of the person
    reading it (the organiser at the command line, the person a reply goes to)."""

    message: str
    plural: str | None = None
    count: int = 1
    args: tuple[tuple[str, object], ...] = ()
    context: str | None = None  # for words kept in a table, marked with `mark`

    def in_language(self, t: Language) -> str:
        if self.context is not None:
            template = t.marked(self.context, self.message)
        elif self.plural is None:
            template = t.lookup(self.message)
        else:
            template = t.form(self.message, self.plural, self.count)
        shown: dict[str, object] = {"count": self.count}
        shown.update(
            (name, value.in_language(t) if isinstance(value, Said) else value)
            for name, value in self.args
        )
        # Only the catalog's text is a template; the values (what people wrote) never are.
        return template.format(**shown)

    def __str__(self) -> str:
        return self.in_language(ENGLISH)


def say(message: str, /, **args: object) -> Said:
    """``message`` (literal text, with named placeholders) to be said later."""
    return Said(message, args=tuple(args.items()))


def say_n(singular: str, plural: str, count: int, /, **args: object) -> Said:
    """The form for ``count`` of a message to be said later; ``{count}`` is filled in."""
    return Said(singular, plural, count, tuple(args.items()))


def said_marked(context: str, message: str) -> Said:
    """Words kept in a table (marked with `mark`), to be said later in their context."""
    return Said(message, context=context)


def said_of(exc: BaseException) -> str | Said:
    """What an exception says: the words it was raised with when they are to be said later
    (its `said`), else its message as it is."""
    said = getattr(exc, "said", None)
    return said if isinstance(said, Said) else str(exc)


def verbatim(text: str) -> Said:
    """Text said as it is in every language: what a library or a person wrote."""
    # Not `say`: nothing to extract, and a catalog has no "{text}" to look up.
    return Said("{text}", args=(("text", text),))


def in_language(words: str | Said, t: Language) -> str:
    return words.in_language(t) if isinstance(words, Said) else words


def said_in_turn(items: Iterable[str | Said]) -> Said:
    """Items one after the other on one line, "a; b; c" (problems, parts of a summary)."""
    first, *rest = items
    joined = first if isinstance(first, Said) else verbatim(first)
    for item in rest:
        # Translators: two problems (or two parts of a summary) one after the other, on one line.
        joined = say("{first}; {next}", first=joined, next=item)
    return joined


def said_list(items: Iterable[str | Said], conjunction: str = "or") -> Said:
    """Items in a sentence, "a, b or c", said later ("a, b neu c")."""
    *rest, last = items
    if not rest:
        return last if isinstance(last, Said) else verbatim(last)
    first = rest[0]
    for item in rest[1:]:
        # Translators: the items of a list before its last, "a, b" of "a, b or c".
        first = say("{first}, {next}", first=first, next=item)
    if conjunction == "and":
        return say("{first} and {last}", first=first, last=last)
    return say("{first} or {last}", first=first, last=last)
