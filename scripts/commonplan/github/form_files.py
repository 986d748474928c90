"""Issue forms as files: their YAML, and one per language of the site, as `commonplan forms`
writes them (the feedback form and the report form alike)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import yaml

from commonplan.corpus import Corpus
from commonplan.diagnostics import Severity
from commonplan.files import Generated
from commonplan.language import Language, language

FORM_COMMAND = "commonplan forms"


class _FormDumper(yaml.SafeDumper):
    """Writes text of several lines as a `|` block, the way people write the form by hand."""


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    return dumper.represent_scalar(
        "tag:yaml.org,2002:str", value, style="|" if "\n" in value else None
    )


_FormDumper.add_representer(str, _text)


def form_text(document: dict[str, Any]) -> str:
    """An issue form as YAML, in the order it was given."""
    return yaml.dump(document, Dumper=_FormDumper, sort_keys=False, allow_unicode=True, width=100)


def in_every_language(
    corpus: Corpus,
    file_of: Callable[[str, Sequence[str]], str],
    document: Callable[[Corpus, Language], dict[str, Any]],
    header: str,
    linked_from: str,
) -> list[Generated]:
    """A form in each of the site's languages: ``file_of`` names its file in one."""
    languages = corpus.settings.languages
    return [
        Generated(
            f".github/ISSUE_TEMPLATE/{file_of(code, languages)}",
            header + form_text(document(corpus, language(code))),
            FORM_COMMAND,
            Severity.ERROR,
            linked_from=linked_from,
        )
        for code in languages
    ]
