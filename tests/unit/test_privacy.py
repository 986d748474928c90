"""find_personal_data: e-mail addresses and phone numbers, not dates, years, counts or ids
(a number to dial in a link is one: see also tests/unit/test_personal_data_corpus.py)."""

from __future__ import annotations

import pytest

from commonplan.load.positions import offset_to_position
from commonplan.validate.privacy import find_personal_data

PHONES = [
    "Call 07700 900123 today",
    "ring 01632 960123.",
    "+44 7700 900123",
    "(01632) 960 123",
    "0161-496-0000",
    "07700900123",
    "+447700900123",
    "020 7946 0018",
    "call 0300 123 4567 after six",
    "+1 (555) 010-9999",
    "on 2026-11-26 ring 07700 900123",
    # A number to dial is one inside a link too (it was once let through as part of a path).
    "https://example.org/tel/07700900123",
]

NOT_PHONES = [
    "From 2026-10-01 to 2026-12-15",
    "2026-10-01 - 2026-12-15",
    "we met on 2026-11-26 10:00 at the hall",
    "2026-11-26 (10 people came)",
    "In 2026 and 2027",
    "figures for 2024 2025 2026",
    "between 1999 and 2026",
    "1,200 carers",
    "12 000 people",
    "£1,250,000 over three years",
    "40 to 120 people",
    "open 10.00 - 12.00 and 14.00 - 16.00",
    "10:00-12:30",
    "version 1.2.3.4.5.6",
    "https://example.org/issues/1234567890",
    "see issue #1234567890",
    "id carers-breaks-0001",
    "feedback home-from-hospital-0012 and warm-spaces-0003",
    "in 2026-2027 and 2027-2028",
]


@pytest.mark.parametrize("text", PHONES)
def test_phone_numbers_are_found(text: str) -> None:
    assert [f.kind for f in find_personal_data(text)] == ["phone number"]


@pytest.mark.parametrize("text", NOT_PHONES)
def test_dates_years_counts_links_and_ids_are_not_phone_numbers(text: str) -> None:
    assert find_personal_data(text) == []


@pytest.mark.parametrize(
    "text",
    ["write to sam@example.org", "sam.smith+carers@mail.example.co.uk", "A.B@hollowmere.gov.uk"],
)
def test_email_addresses_are_found(text: str) -> None:
    assert [f.kind for f in find_personal_data(text)] == ["e-mail address"]


@pytest.mark.parametrize("text", ["thanks @octocat", "a@b", "meet @ the library", "Tea & cake @ 3"])
def test_handles_and_at_signs_are_not_email_addresses(text: str) -> None:
    assert find_personal_data(text) == []


def test_a_number_after_a_date_is_found_where_it_starts() -> None:
    text = "On 2026-11-26 07700 900123 rang."
    assert [(f.kind, f.start) for f in find_personal_data(text)] == [("phone number", 14)]


def test_findings_come_in_order_with_their_offsets() -> None:
    text = "Sam (sam@example.org)\nor 07700 900123"
    findings = find_personal_data(text)
    assert [(f.kind, f.start) for f in findings] == [
        ("e-mail address", 5),
        ("phone number", 25),
    ]
    assert [offset_to_position(text, f.start) for f in findings] == [(0, 5), (1, 3)]
    assert [f.describe() for f in findings] == ["an e-mail address", "a phone number"]


@pytest.mark.parametrize(
    ("text", "starts"),
    [
        ("Numbers: 07700 900123 01632 960123", [9, 22]),
        ("+44 7700 900123 +44 1632 960123.", [0, 16]),
        ("(01632) 960 123 (01632) 960 124", [0, 16]),
        ("figures 12 000 15 000 20 000 25 000", []),
        ("0 10 20 30 40 50 60 70 80 90 100", []),
        ("2024 2025 2026 2027 2028 2029", []),
    ],
)
def test_numbers_written_one_after_another_are_each_found(text: str, starts: list[int]) -> None:
    """Two numbers side by side make one run of too many digits to dial; each is found."""
    assert [f.start for f in find_personal_data(text)] == starts


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # 10 digits is the shortest number to dial: 9 is not one, whatever the spacing.
        ("ring 016329601 today", []),
        ("ring 01632 9601 today", []),
        ("ring 0163296012 today", [("phone number", 5)]),
        ("ring 01632 96012 today", [("phone number", 5)]),
        ("(01632) 96012", [("phone number", 0)]),
        ("+44 1632 9601", [("phone number", 0)]),
        # 15 digits is the longest (the international plan's limit); 16 on its own is not one.
        ("ring 016329601234567 today", [("phone number", 5)]),
        ("ring 0163296012345678 today", []),
    ],
)
def test_a_phone_number_has_10_to_15_digits(text: str, found: list[tuple[str, int]]) -> None:
    assert [(f.kind, f.start) for f in find_personal_data(text)] == found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("someone@example.uk", [("e-mail address", 0)]),
        ("x@y.io", [("e-mail address", 0)]),
        ("mail someone@example.uk.", [("e-mail address", 5)]),
        # A one-letter ending is no domain anyone can have.
        ("x@y.z", []),
        ("write to x@y.z now", []),
    ],
)
def test_an_address_ends_in_two_letters_or_more(text: str, found: list[tuple[str, int]]) -> None:
    assert [(f.kind, f.start) for f in find_personal_data(text)] == found
