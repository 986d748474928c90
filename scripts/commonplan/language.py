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

    def n(self, singular: str, plural: str, count: int) -> str:
        """The form for ``count``, its ``{count}`` filled in."""
        return self._translations.ngettext(singular, plural, count).format(count=count)

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
