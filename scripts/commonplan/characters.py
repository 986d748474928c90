"""Characters that carry no meaning a reader needs and can hide what text says: one table
for the site, the open data, the bot's replies and the personal-data check."""

from __future__ import annotations

# Bidirectional controls can make text appear in another order than it is stored, hiding
# what it says (a "Trojan Source" trick).
BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
# C0 and C1 control characters other than tab and newline: invisible, and read as commands by
# the programs open data is opened in (a carriage return rewrites a line, ESC a terminal).
CONTROLS = "".join(map(chr, (*range(0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0))))
_WITHOUT_CONTROLS = dict.fromkeys(map(ord, BIDI + CONTROLS))


def without_controls(value: str) -> str:
    """``value`` exactly as written, but for bidi controls and control characters (a tab and
    a newline stay)."""
    return value.translate(_WITHOUT_CONTROLS)
