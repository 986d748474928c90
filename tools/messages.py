"""The platform's words for translators: extract them from the code into the template
`locale/commonplan.pot`, and bring each language's catalog (`locale/<code>/LC_MESSAGES/
commonplan.po`) up to date with it, keeping every translation already made.

Usage: python tools/messages.py [--check]   (make messages)

With --check, writes nothing and exits 1 when the template is behind the code (a test runs
the same comparison). Locations name the file without a line number, so moving code does
not rewrite every catalog.
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

PACKAGE = Path(__file__).resolve().parent.parent / "scripts" / "commonplan"
LOCALE = PACKAGE / "locale"
TEMPLATE = LOCALE / "commonplan.pot"
# Language.__call__, .p, .n, .np (commonplan/language.py), `mark` for words kept in a
# table and translated where they are shown, and `say`, `say_n` for words said later (a
# diagnostic, an error: in the language of the person reading them).
KEYWORDS = {
    "t": None,
    "say": None,
    "say_n": (1, 2),
    "p": ((1, "c"), 2),
    "n": (1, 2),
    "np": ((1, "c"), 2, 3),
    "mark": ((1, "c"), 2),
}
WIDTH = 100


def extract() -> Catalog:
    """Every message the code gives a Language, with its context and its files."""
    catalog = Catalog(project="commonplan", domain="commonplan", fuzzy=False)
    found = extract_from_dir(
        str(PACKAGE),
        method_map=[("**.py", "python")],
        keywords=KEYWORDS,
        comment_tags=("Translators:",),
        strip_comment_tags=True,
    )
    for filename, _line, message, comments, context in found:
        catalog.add(
            message,
            locations=[(f"commonplan/{filename}", None)],
            auto_comments=comments,
            context=context,
        )
    return catalog


def as_text(catalog: Catalog) -> str:
    stream = io.BytesIO()
    write_po(
        stream,
        catalog,
        width=WIDTH,
        sort_output=True,
        include_lineno=False,
        omit_header=False,
        # A message the code no longer has is dropped, not kept commented out: the catalog
        # is the one file a reviewer reads.
        ignore_obsolete=True,
    )
    lines = stream.getvalue().decode("utf-8").splitlines(keepends=True)
    # The creation date would change the file on every run.
    return "".join(line for line in lines if not line.startswith('"POT-Creation-Date:'))


def catalogs() -> list[Path]:
    return sorted(LOCALE.glob("*/LC_MESSAGES/commonplan.po"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="Only say whether it is behind.")
    args = parser.parse_args()
    template = extract()
    text = as_text(template)
    if args.check:
        behind = not TEMPLATE.is_file() or TEMPLATE.read_text(encoding="utf-8") != text
        print(f"{TEMPLATE}: {'behind the code: run make messages' if behind else 'up to date'}")
        return 1 if behind else 0
    TEMPLATE.parent.mkdir(parents=True, exist_ok=True)
    TEMPLATE.write_text(text, encoding="utf-8")
    for path in catalogs():
        code = path.parent.parent.name
        with path.open("rb") as po:
            catalog = read_po(po, locale=code, domain="commonplan")
        catalog.update(template, no_fuzzy_matching=True, update_header_comment=False)
        path.write_text(as_text(catalog), encoding="utf-8")
        missing = [m.id for m in catalog if m.id and not m.string]
        print(f"{path}: {len(missing)} messages still to translate")
    return 0


if __name__ == "__main__":
    sys.exit(main())
