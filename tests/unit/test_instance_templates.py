"""The demo is an instance like any other: every platform file it has is the package's
template, rendered with the demo's name, groups and examples (kept in its
`.commonplan/platform-files.json`), byte for byte. One source: editing a template and not
running `commonplan upgrade` here fails, and so does editing the demo's copy by hand."""

from __future__ import annotations

from pathlib import Path

import pytest

from commonplan.instance.init import contexts
from commonplan.instance.manifest import platform_files, read_manifest
from commonplan.instance.upgrade import instance_of, upgrade

ROOT = Path(__file__).resolve().parents[2]
MANIFEST = read_manifest(ROOT)
PLATFORM = platform_files(contexts(instance_of(ROOT), MANIFEST.examples))
# This repository installs the platform from its own source, and ignores its tools' caches.
OWN = {"requirements.txt", ".gitignore"}


def test_the_demo_keeps_only_what_a_source_checkout_needs_as_its_own() -> None:
    assert MANIFEST.kept == OWN
    guides = {"site/facilitators.md", "site/organisers.md", "site/take-part/index.md"}
    in_welsh = {"site/facilitators.cy.md", "site/take-part/feedback-template.cy.csv"}
    assert guides | in_welsh <= set(PLATFORM)


@pytest.mark.parametrize("rel", sorted(set(PLATFORM) - OWN))
def test_the_demos_copy_is_the_template(rel: str) -> None:
    assert (ROOT / rel).read_text(encoding="utf-8") == PLATFORM[rel]


def test_upgrade_has_nothing_to_do_here() -> None:
    plan = upgrade(ROOT, check=True)
    assert plan.up_to_date, (plan.replaced, plan.added, list(plan.changed_by_hand))
    assert plan.kept == sorted(OWN)
