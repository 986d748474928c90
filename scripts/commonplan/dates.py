"""The dates people write, read one way for every command and every spreadsheet."""

from __future__ import annotations

import re
from datetime import date, datetime

from commonplan.fields import ISO_DATE

DAY_FIRST = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$")


def parse_day(text: str) -> date:
    """ISO dates (2026-11-26), day-first dates as spreadsheets in Britain write them
    (26/11/2026, 26.11.2026) and form timestamps (2026-11-26T10:04:00). Raises ValueError
    for anything else, and for a day that does not exist."""
    text = text.strip()
    if ISO_DATE.match(text[:10]) and (len(text) == 10 or text[10] in " T"):
        return date.fromisoformat(text[:10])
    day_first = DAY_FIRST.match(text.split(" ")[0])
    if day_first:
        day, month, year = (int(part) for part in day_first.groups())
        return date(year, month, day)
    return datetime.fromisoformat(text).date()
