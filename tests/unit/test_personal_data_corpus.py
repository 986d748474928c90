"""Personal data however it is written, and ordinary text that only looks like it.

EVASIONS are ways a security review (and the brief after it) found to slip a phone number or
an e-mail address past a pattern: hidden characters, unusual spaces and dashes, look-alike
letters, links, addresses spelt out. Each must be found, and found where it starts as
written (the anchor: the text from where the finding must point). ORDINARY texts are
numbers and phrases people write in feedback that must not be taken for personal data.
The routes (validate, import-csv, GitHub) run a subset: tests/test_personal_data_routes.py.
"""

from __future__ import annotations

import sys
import unicodedata

import pytest

from commonplan.validate.normalise import INVISIBLE_CHAR, NEEDS_CHANGE, normalise
from commonplan.validate.privacy import SEPARATOR, find_personal_data

PHONE, EMAIL = "phone number", "e-mail address"

# (text, kind, anchor): the finding starts where ``anchor`` starts in ``text``.
EVASIONS: list[tuple[str, str, str]] = [
    # --- hidden characters and unusual separators inside a number -------------------------
    ("Call 07700\u200b900123 today", PHONE, "07700"),  # zero-width space
    ("Call 0770\u00ad0900123", PHONE, "0770"),  # soft hyphen
    ("Call 07700\u00a0900123", PHONE, "07700"),  # no-break space
    ("Call 07700\u2009900123", PHONE, "07700"),  # thin space
    ("Call 07700\u202f900\u202f123", PHONE, "07700"),  # narrow no-break space
    ("Call 07700\u2013900\u2013123", PHONE, "07700"),  # en dash
    ("Call 07700\u2014900123", PHONE, "07700"),  # em dash
    ("Call 07700 \u2212 900123", PHONE, "07700"),  # minus sign
    ("Call 07700/900/123", PHONE, "07700"),  # slashes
    ("Call \u202d07700 900123\u202c", PHONE, "07700"),  # bidi override around it
    ("Call 07700\u2066900123\u2069", PHONE, "07700"),  # bidi isolate inside it
    ("\u200e+44\u200e7700\u200e900123", PHONE, "+44"),  # left-to-right marks
    ("Call 07700\u2060900\u2060123", PHONE, "07700"),  # word joiner
    ("Call 07700\ufeff900123", PHONE, "07700"),  # byte-order mark
    ("Call ０７７００ ９００１２３", PHONE, "０７７００"),  # full-width digits
    ("Call ٠٧٧٠٠ ٩٠٠١٢٣", PHONE, "٠٧٧٠٠"),  # Arabic-Indic digits
    ("Call 07700\t900123", PHONE, "07700"),  # a tab
    ("Call 07700\n  900123 after six", PHONE, "07700"),  # over two lines of a body
    ("Ring Sam\u201407700 900123\u2014any time", PHONE, "07700"),  # em dash before it
    ("Ring 07700&nbsp;900123", PHONE, "07700"),  # an HTML reference the page shows as a space
    ("Ring 07700\\-900\\-123", PHONE, "07700"),  # Markdown escapes
    ("Tel07700 900123", PHONE, "07700"),  # a label run into it
    ("0 7 7 0 0 9 0 0 1 2 3", PHONE, "0 7"),  # spelt digit by digit
    # --- in links -------------------------------------------------------------------------
    ("Message me: https://wa.me/447700900123", PHONE, "447700900123"),
    ("wa.me/+447700900123", PHONE, "+447700900123"),
    ("tel:+447700900123", PHONE, "+447700900123"),
    ('<a href="tel:07700900123">ring</a>', PHONE, "07700900123"),
    ("[text me](sms:+447700900123)", PHONE, "+447700900123"),
    ("https://api.whatsapp.com/send?phone=447700900123", PHONE, "447700900123"),
    ("https://example.org/tel/07700900123", PHONE, "07700900123"),
    # --- national and international forms -------------------------------------------------
    ("ring 01632 960123", PHONE, "01632"),
    ("ring 020 7946 0018", PHONE, "020"),
    ("ring +44 20 7946 0018", PHONE, "+44"),
    ("ring +44 (0)20 7946 0018", PHONE, "+44"),
    ("ring 0044 7700 900123", PHONE, "0044"),
    ("ring +1 (202) 555-0143", PHONE, "+1"),
    ("ring (202) 555-0143", PHONE, "(202)"),
    ("ring +33 6 12 34 56 78", PHONE, "+33"),
    ("ring (+44) 7700 900123", PHONE, "(+44)"),
    ("ring 07700.900.123", PHONE, "07700"),
    ("appelez le 06.12.10.34.56", PHONE, "06.12"),  # the first three pairs look like a date
    ("ISBN 0306406153 is not one: its check digit is wrong", PHONE, "0306406153"),
    # --- e-mail addresses -----------------------------------------------------------------
    ("write to sam dot patel at gmail dot com", EMAIL, "sam dot"),
    ("SAM AT GMAIL DOT COM", EMAIL, "SAM"),
    ("sam.patel(at)gmail.com", EMAIL, "sam.patel"),
    ("sam.patel [at] gmail [dot] com", EMAIL, "sam.patel"),
    ("sam.patel {at} gmail {dot} com", EMAIL, "sam.patel"),
    ("sam(at)gmail(dot)com", EMAIL, "sam"),
    ("sam@gmail[.]com", EMAIL, "sam"),
    ("sam.patel @ gmail.com", EMAIL, "sam.patel"),
    ("sam . patel @ gmail . com", EMAIL, "sam . patel"),
    ("sam.patel＠gmail.com", EMAIL, "sam.patel"),  # full-width at sign
    ("sam.patel\u200b@gmail.com", EMAIL, "sam.patel"),
    ("s\u00adam@gmail.com", EMAIL, "s\u00adam"),
    ("sam&#64;gmail.com", EMAIL, "sam"),
    ("sam\\@gmail.com", EMAIL, "sam"),
    ("sam.patel@gmail\u3002com", EMAIL, "sam.patel"),  # ideographic full stop
    ("sam at gmail.com", EMAIL, "sam"),
    ("jo_99 at hollowmere.org.uk", EMAIL, "jo_99"),
    ("contact me at sam dot patel at gmail dot com", EMAIL, "sam dot"),
    ("josé@correo.españa.es", EMAIL, "josé"),
    ("jose\u0301@correo.es", EMAIL, "jose"),  # a combining accent
    ("δοκιμή@παράδειγμα.δοκιμή", EMAIL, "δοκιμή"),
    ("प्रयोक्ता@उदाहरण.भारत", EMAIL, "प्रयोक्ता"),
    ("sam@example.xn--p1ai", EMAIL, "sam"),
    ("mailto:sam.patel@gmail.com", EMAIL, "sam.patel"),
    ("write to 'sam.patel@gmail.com'", EMAIL, "sam.patel"),
    ("sam @gmail.com", EMAIL, "sam"),
]

ORDINARY = [
    # counts, scores and lists
    "visits went 140 162 198 231 265",
    "buses 10 11 12 14 15 16",
    "ages 65 70 75 80 85 90",
    "in weeks 1 2 3 4 5 6 7 8 9 10",
    "weeks 01 02 03 04 05 06 07 08 09 10",
    "scores 1.5 2.5 3.5 4.5 5.5",
    "changes +1.5 2.5 3.5 4.5 5.5",
    "0.5 0.25 0.75 1.25 2.5 3.75",
    "rooms 101 102 103 104 105",
    "scale 0 5 10 15 20 25 30",
    "0 10 20 30 40 50 60 70 80 90 100",
    "1983 1990 2001 2010 2020",
    "ZIP codes 02134 02135 02136",
    # amounts
    "12 000 000 000 euros",
    "£1,200,000",
    "12 000 000",
    "£1 200 000 over three years",
    "budget 12.000.000 euros",
    "about 3 000 000 people, 1 500 000 of them carers",
    "the 2026\u20132027 budget: £12\u00a0000\u00a0000",
    # ISBNs with a right check digit
    "ISBN 978-0-306-40615-7",
    "ISBN-13: 979-10-90636-07-1",
    "ISBN 0-306-40615-2",
    "ISBN 0306406152",
    "9780306406157",
    "978 0306406157",
    # coordinates
    "53.4808, -2.2426",
    "53.4808 -2.2426 and 51.5072 -0.1276",
    "\u22122.2426, 53.4808",
    # dates and times
    "24/11/2026",
    "24.11.2026",
    "2026-11-24 10:00",
    "between 01/12/2026 and 31/01/2027",
    "2026-11-24T10:00:00Z",
    "12.11.2026 10:30",
    "sessions 24/11/2026 09:30-12:00 01/12/2026 14:00",
    "times 09.30 10.15 11.00 11.45 12.30",
    "11/24/2026 and 12/01/2026",
    # versions, references, ids, links
    "version 1.2.3",
    "1.2.3 1.2.4 1.3.0 2.0.0 2.1.0",
    "0.1.0 0.2.0 0.3.0 0.4.0 0.5.0",
    "charity no. 1098765",
    "ref 2026/00123",
    "see https://example.org/issues/1234567890",
    "ids carers-breaks-0001 and warm-spaces-0003",
    "PROPOSAL-0013 and PROPOSAL-0014",
    "the sum 1234567890 is made up",
    "hex e3b0c44298fc1c149afbf4c8996fb92427ae41e4",
    "sha256:0123456789abcdef",
    "https://www.legislation.gov.uk/ukpga/2010/15/contents",
    "NHS 111 or 999",
    # "at" and "@" in ordinary sentences
    "meet at the hall at 10",
    "look at gov.uk",
    "we met at noon dot com",
    "find us at hollowmere.gov.uk",
    "e.g. at gov.uk",
    "page 12 at nhs.uk",
    "café at the library, more at www.hollowmere.gov.uk",
    "thanks @octocat",
    "Tea & cake @ 3",
    "meet @ St.Mary's",
    "Tom at home.Then we left",
    "I was at school.Then I went home",
    "jo.smith at the hall",
    "Mary at 3.30pm",
    "cc @sam-patel",
    "use @pytest.mark.parametrize for it",
    "Fish &amp; chips",
    # other numbers people write
    "scores 3-0 2-1 0-0 1-1",
    "week 04/2026",
    "10 % 20 % 30 %",
    "1 in 3 people, 2 in 5 carers",
    "between 09.00 and 17.00, 09.30 to 12.30",
]


def _start(text: str, anchor: str) -> int:
    assert anchor in text, anchor
    return text.index(anchor)


@pytest.mark.parametrize(("text", "kind", "anchor"), EVASIONS)
def test_every_evasion_is_found_where_it_is_written(text: str, kind: str, anchor: str) -> None:
    findings = find_personal_data(text)
    assert [(f.kind, f.start) for f in findings] == [(kind, _start(text, anchor))]


@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_text_is_let_through(text: str) -> None:
    assert find_personal_data(text) == []


def test_the_corpus_is_large_enough() -> None:
    assert len(EVASIONS) >= 40
    assert len(ORDINARY) >= 40


def test_several_in_one_text_are_each_found_at_their_place() -> None:
    text = "Sam\u200b: 07700\u00a0900123, sam(at)gmail(dot)com, or wa.me/447700900124."
    assert [(f.kind, f.start) for f in find_personal_data(text)] == [
        (PHONE, text.index("07700")),
        (EMAIL, text.index("sam(at)")),
        (PHONE, text.index("447700900124")),
    ]


# Neighbours that would join on to a text if nothing stood between them.
NEIGHBOURS = ["ring 0161", "ISBN", "tel", "sam.patel", "sam at", "2026", "+44", "x(at)", "@"]


@pytest.mark.parametrize("neighbour", NEIGHBOURS)
def test_texts_joined_by_the_separator_are_each_read_as_if_alone(neighbour: str) -> None:
    """scan_personal_data rules a file out by one search of its values joined by SEPARATOR:
    that search must find whatever a search of each value finds, and no more."""
    for text, kind, anchor in EVASIONS:
        joined = SEPARATOR.join([neighbour, text, neighbour])
        at = len(neighbour) + len(SEPARATOR) + _start(text, anchor)
        assert [(f.kind, f.start) for f in find_personal_data(joined)] == [(kind, at)], text
    assert find_personal_data(SEPARATOR.join([neighbour, *ORDINARY, neighbour])) == []


def test_the_copy_maps_back_to_the_text_as_written() -> None:
    text = "a\u200b½\u00a0b０"
    norm = normalise(text)
    assert norm.text == "a1⁄2 b0"
    # "½" became three characters; each points at it. The zero-width space is gone.
    assert [norm.original(i) for i in range(len(norm.text))] == [0, 2, 2, 2, 3, 4, 5]
    assert norm.original(len(norm.text)) == len(text)


def test_ascii_text_is_its_own_copy() -> None:
    norm = normalise("Call\t07700 900123")
    assert norm.text == "Call 07700 900123"
    assert norm.original(5) == 5


def _chars(*categories: str) -> list[str]:
    return [
        chr(code)
        for code in range(sys.maxunicode + 1)
        if unicodedata.category(chr(code)) in categories
    ]


def test_every_invisible_space_and_dash_of_unicode_is_known() -> None:
    """The character lists are written out (Python's patterns have no Unicode categories);
    this checks them against the running Python's Unicode database."""
    assert [c for c in _chars("Cf") if not INVISIBLE_CHAR.match(c)] == []
    assert [c for c in _chars("Zs", "Pd") if c not in " -" and not NEEDS_CHANGE.match(c)] == []
