"""The demo is an instance like any other: the platform files it shares with every new
strategy are the package's templates, byte for byte (so the linters that check this
repository's workflows check every instance's too)."""

from __future__ import annotations

from pathlib import Path

import pytest

from commonplan.instance.init import Instance, context
from commonplan.instance.templates import instance_files

ROOT = Path(__file__).resolve().parents[2]
RENDERED = instance_files(context(Instance("Anytown Together", "anytown/strategy")))
# Written for every instance alike: the same in this repository as in a new one.
SHARED = sorted(
    rel
    for rel in RENDERED
    if rel.startswith((".github/workflows/", "overrides/", "site/stylesheets/"))
    or rel in (".github/pull_request_template.md", "site/take-part/feedback-template.csv")
)


def test_the_shared_files_are_found() -> None:
    assert len(SHARED) >= 8


@pytest.mark.parametrize("rel", SHARED)
def test_this_repository_has_the_templates_copy(rel: str) -> None:
    assert (ROOT / rel).read_text(encoding="utf-8") == RENDERED[rel]
