"""Today's date: read here, by the command or build that starts, and passed down from there."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime


def today() -> date:
    """Today, or the date in SOURCE_DATE_EPOCH so that builds and tests are reproducible."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=UTC).date()
    return date.today()
