"""A strategy's own labels in each language: a stakeholder group or a moderation reason it
named itself may be given as `{en: …, cy: …}`, and each language's pages, forms and
spreadsheets use its words (a plain label stays valid and means the first language)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from commonplan.config import load_settings
from commonplan.language import language
from commonplan.repository import check_repository, write_in_step

from .site_fixtures import Built, build, copy_demo

GROUP = "        carer: Carers\n"
OWN_GROUP = "        carer: {en: Unpaid carers, cy: Gofalwyr di-dâl}\n"
REASONS = (
    "      moderation_reasons:\n"
    "        personal-data: It held personal details\n"
    "        abusive: {en: It was rude to someone, cy: Roedd yn anghwrtais at rywun}\n"
    "        off-topic: It was not about this plan\n"
    "        duplicate: It repeated other feedback\n"
    "        spam: {en: It was an advert, cy: Hysbyseb oedd hi}\n"
    "        legal: It could not be published for legal reasons\n"
)


def with_own_labels(root: Path, group: str = OWN_GROUP) -> Path:
    config = root / "mkdocs.yml"
    text = config.read_text()
    assert GROUP in text
    text = text.replace(GROUP, group).replace("      groups:\n", REASONS + "      groups:\n", 1)
    config.write_text(text)
    return root


def test_a_label_in_each_language_is_read_as_the_first_languages_and_kept_for_the_others(
    demo_copy: Path,
) -> None:
    settings = load_settings(with_own_labels(demo_copy))
    assert settings.groups["carer"] == "Unpaid carers"
    assert settings.moderation_reasons["abusive"] == "It was rude to someone"
    welsh = settings.in_language(language("cy"))
    assert welsh.groups["carer"] == "Gofalwyr di-dâl"
    assert welsh.moderation_reasons["abusive"] == "Roedd yn anghwrtais at rywun"
    # The platform's own labels are still given in Welsh; a plain label of its own as written.
    assert welsh.groups["family"] == language("cy").marked(
        "stakeholder group", "Families and neighbours"
    )
    assert welsh.groups["family"] != "Families and neighbours"
    assert "gofalwyr di-dâl" in [w.casefold() for w in settings.group_words()["carer"]]
    write_in_step(demo_copy)  # the issue forms name the groups: `commonplan forms`
    assert check_repository(demo_copy).diagnostics.ok


def test_a_label_without_the_first_language_is_a_located_error(demo_copy: Path) -> None:
    with_own_labels(demo_copy, "        carer: {cy: Gofalwyr di-dâl}\n")
    [problem] = check_repository(demo_copy).diagnostics.errors
    assert (problem.path, problem.code) == ("mkdocs.yml", "config")
    assert "first language" in problem.message
    line = (demo_copy / "mkdocs.yml").read_text().splitlines()[problem.line - 1]
    assert "carer:" in line
    assert "iaith gyntaf" in problem.text(language("cy"))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    from .test_languages import bilingual

    root = with_own_labels(copy_demo(tmp_path_factory.mktemp("labels")))
    done = build(bilingual(root), tmp_path_factory.mktemp("out"))
    assert done.returncode == 0, done.log
    return done


def test_each_languages_pages_and_forms_say_the_strategys_own_labels(built: Built) -> None:
    english = built.html("voices/").get_text(" ")
    welsh = built.html("cy/voices/").get_text(" ")
    assert "Unpaid carers" in english and "Gofalwyr di-dâl" not in english
    assert "Gofalwyr di-dâl" in welsh and "Unpaid carers" not in welsh
    form = (built.root / ".github/ISSUE_TEMPLATE/feedback.cy.yml").read_text(encoding="utf-8")
    assert "Gofalwyr di-dâl" in form
    assert "Unpaid carers" in (built.root / ".github/ISSUE_TEMPLATE/feedback.yml").read_text()


def test_each_languages_moderation_log_says_the_reason_in_its_words(built: Built) -> None:
    english = built.html("moderation/").get_text(" ")
    welsh = built.html("cy/moderation/").get_text(" ")
    assert "It was an advert" in english
    assert "Hysbyseb oedd hi" in welsh and "It was an advert" not in welsh
    for prefix, label in (("", "It was an advert"), ("cy/", "Hysbyseb oedd hi")):
        log = (built.out / prefix / "data/moderations.csv").read_text(encoding="utf-8")
        [hidden] = [r for r in csv.DictReader(io.StringIO(log)) if r["id"] == "warm-spaces-0017"]
        assert hidden["reason_label"] == label
