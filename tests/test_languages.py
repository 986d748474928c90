"""A site in several languages: the option, the catalogs, and the per-language builds read
from the built HTML (the default language at the root, Welsh under cy/)."""

from __future__ import annotations

import ast
import contextlib
import csv
import io
import re
import sys
from pathlib import Path
from string import Formatter

import pytest
from babel.messages.pofile import read_po

from commonplan.errors import CommonplanError
from commonplan.repository import check_repository, write_in_step

from .conftest import ROOT
from .site_fixtures import Built, build, copy_demo, copy_site_folders

sys.path.insert(0, str(ROOT / "tools"))
import messages


def bilingual(root: Path, languages: str = "[en, cy]") -> Path:
    """The repository with more languages, and their issue forms written (`commonplan
    forms`, as the docs ask after adding a language)."""
    config = root / "mkdocs.yml"
    text = re.sub(r"(?m)^      languages: .*\n", "", config.read_text())  # the demo's own
    config.write_text(
        text.replace("  - commonplan:\n", f"  - commonplan:\n      languages: {languages}\n", 1)
    )
    copy_site_folders(root)
    with contextlib.suppress(CommonplanError):  # options with errors: nothing to write
        write_in_step(root)
    return root


# --- the catalogs ----------------------------------------------------------------------------


def test_the_template_holds_every_message_the_code_gives() -> None:
    assert messages.TEMPLATE.read_text(encoding="utf-8") == messages.as_text(messages.extract()), (
        "run `make messages`"
    )


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in Formatter().parse(text) if name is not None}


@pytest.mark.parametrize("path", messages.catalogs(), ids=lambda p: p.parent.parent.name)
def test_every_catalog_is_complete_and_keeps_every_placeholder(path: Path) -> None:
    with path.open("rb") as po:
        catalog = read_po(po, domain="commonplan")
    template = {(m.context, m.id if isinstance(m.id, str) else m.id[0]) for m in catalog if m.id}
    with messages.TEMPLATE.open("rb") as pot:
        expected = {
            (m.context, m.id if isinstance(m.id, str) else m.id[0]) for m in read_po(pot) if m.id
        }
    assert template == expected, "run `make messages`"
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        assert all(strings), f"not translated: {message.context}: {ids[0]}"
        assert not message.fuzzy, f"fuzzy: {ids[0]}"
        for string in strings:
            assert _fields(string) <= _fields(ids[-1]) | _fields(ids[0]), (ids[0], string)
    assert list(catalog.check()) == []


# How many of a call's first arguments are the message (and its context): literal text.
MESSAGE_ARGUMENTS = {"t": 1, "p": 2, "n": 2, "np": 3, "mark": 2, "say": 1, "say_n": 2}


def test_every_message_is_written_where_the_extraction_can_see_it() -> None:
    """Literal text (a variable's is never extracted: look one up with `Language.marked`),
    and never inside an f-string (Python 3.11's tokenizer hides calls there)."""
    found = []
    for path in sorted((ROOT / "scripts" / "commonplan").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        inside_f_strings = {
            id(inner)
            for node in ast.walk(tree)
            if isinstance(node, ast.JoinedStr)
            for inner in ast.walk(node)
        }
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "attr", getattr(node.func, "id", ""))
            count = MESSAGE_ARGUMENTS.get(name)
            if count is None or not node.args:
                continue
            literal = all(
                isinstance(a, ast.Constant) and isinstance(a.value, str) for a in node.args[:count]
            )
            if not literal or id(node) in inside_f_strings:
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert found == []


# --- the option ------------------------------------------------------------------------------


def test_a_language_the_platform_has_no_words_for_is_a_located_error(demo_copy: Path) -> None:
    bilingual(demo_copy, "[en, xx]")
    [problem] = check_repository(demo_copy).diagnostics.errors
    assert (problem.path, problem.code) == ("mkdocs.yml", "config")
    assert "'xx' is not a language the platform writes in" in problem.message
    assert "cy, en" in problem.message
    line = (demo_copy / "mkdocs.yml").read_text().splitlines()[problem.line - 1]
    assert "languages:" in line


# --- the built site --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    root = copy_demo(tmp_path_factory.mktemp("bilingual"))
    done = build(bilingual(root), tmp_path_factory.mktemp("out"))
    assert done.returncode == 0, done.log
    return done


def pages(out: Path) -> set[str]:
    return {
        p.relative_to(out).as_posix()
        for p in out.rglob("*.html")
        if not p.relative_to(out).as_posix().startswith("cy/")
    }


def test_every_page_is_built_in_welsh_under_cy_with_its_language(built: Built) -> None:
    english = pages(built.out)
    welsh = {p.relative_to(built.out / "cy").as_posix() for p in (built.out / "cy").rglob("*.html")}
    assert english == welsh
    assert len(english) > 30
    for page in ("", "proposals/warm-spaces/", "moderation/"):
        assert built.html(page).html["lang"] == "en"
        assert built.html(f"cy/{page}").html["lang"] == "cy"
    assert (built.out / "cy/search/search_index.json").is_file()  # a search of its own


def test_the_switcher_and_hreflang_lead_to_the_same_page_in_the_other_language(
    built: Built,
) -> None:
    site = "https://hollowmere-together.github.io/strategy/"
    for page in ("proposals/warm-spaces/", "teams/hollowmere-cvs/", ""):
        for prefix in ("", "cy/"):
            html = built.html(prefix + page)
            switcher = {a["hreflang"]: a["href"] for a in html.select("a.md-select__link")}
            assert switcher == {"en": site + page, "cy": site + "cy/" + page}
            heads = {
                link["hreflang"]: link["href"]
                for link in html.find_all("link", rel="alternate", hreflang=True)
            }
            assert heads == switcher


def test_the_navigation_is_in_the_pages_language(built: Built) -> None:
    welsh = [a.get_text(" ", strip=True) for a in built.html("cy/").select("nav.md-nav--primary a")]
    assert "Cynigion" in " ".join(welsh) and "Proposals" not in welsh
    english = " ".join(a.get_text() for a in built.html("").select("nav.md-nav--primary a"))
    assert "Proposals" in english


def test_one_language_is_the_site_as_before_with_no_switcher(tmp_path: Path) -> None:
    root = bilingual(copy_demo(tmp_path), "[en]")
    for translation in root.glob("proposals/*.cy.md"):
        translation.unlink()  # a translation into no language of the site is only a warning
    one = build(root, tmp_path / "out")
    assert one.returncode == 0, one.log
    assert not (tmp_path / "out" / "cy").exists()
    home = one.html("")
    assert home.select("a.md-select__link") == []
    assert home.find_all("link", rel="alternate", hreflang=True) == []
    assert not re.search(r'hreflang="cy"', (tmp_path / "out/index.html").read_text())


def test_several_languages_without_the_sites_address_is_a_located_error(demo_copy: Path) -> None:
    bilingual(demo_copy)
    config = demo_copy / "mkdocs.yml"
    config.write_text(re.sub(r"(?m)^site_url:.*\n", "", config.read_text()))
    [problem] = check_repository(demo_copy).diagnostics.errors
    assert (problem.path, problem.code) == ("mkdocs.yml", "config")
    assert "needs `site_url`" in problem.message
    assert "languages:" in config.read_text().splitlines()[problem.line - 1]


GUIDES = ("facilitators/", "organisers/", "moderators/", "take-part/")


def _platform_sentences() -> list[str]:
    """The catalog's English words that could only be the platform's: a few words or more,
    with no placeholder (a placeholder's text is the data's, in any language)."""
    with messages.TEMPLATE.open("rb") as pot:
        found = []
        for message in read_po(pot):
            for text in (message.id,) if isinstance(message.id, str) else message.id:
                if text and "{" not in text and len(text.split()) >= 3:
                    found.append(text)
    return found


def test_the_welsh_pages_carry_none_of_the_platforms_english_words(built: Built) -> None:
    sentences = _platform_sentences()
    assert len(sentences) > 50
    english_left = {}
    for page in sorted((built.out / "cy").rglob("*.html")):
        rel = page.relative_to(built.out / "cy").as_posix()
        if rel.startswith("assets/"):
            continue
        page = built.html(f"cy/{rel}")
        for example in page.select("pre, code"):  # commands and settings: the data format
            example.decompose()
        text = " ".join(page.get_text(" ").split())
        left = [s for s in sentences if s in text]
        if left:
            english_left[rel] = left[:3]
    assert english_left == {}


@pytest.mark.parametrize("guide", GUIDES)
def test_the_guides_are_in_welsh_on_the_welsh_site(built: Built, guide: str) -> None:
    """The platform's guides (`commonplan init` writes them in each language of the site):
    no paragraph of the English guide is left on its Welsh page."""
    english = built.html(f"{guide}index.html")
    welsh = built.html(f"cy/{guide}index.html")
    assert welsh.html is not None and welsh.html.get("lang") == "cy"
    welsh_text = " ".join(welsh.get_text(" ").split())
    paragraphs = [" ".join(p.get_text(" ").split()) for p in english.select("article p")]
    sentences = [p for p in paragraphs if len(p.split()) >= 8]
    assert len(sentences) >= 3
    assert [s for s in sentences if s in welsh_text] == []


def test_each_languages_open_data_and_feed_link_its_own_pages(built: Built) -> None:
    for prefix, page in (
        ("", "/proposals/warm-spaces/"),
        ("cy/", "/cy/proposals/warm-spaces/"),
    ):
        log = (built.out / prefix / "data/moderations.csv").read_text(encoding="utf-8")
        [hidden] = [r for r in csv.DictReader(io.StringIO(log)) if r["id"] == "warm-spaces-0017"]
        assert hidden["reported_url"].endswith(f"{page}#warm-spaces-0017")
        feed = (built.out / prefix / "data/feed.xml").read_text(encoding="utf-8")
        assert f"{page.rsplit('/proposals/', 1)[0]}/proposals/" in feed
    assert "/cy/" not in (built.out / "data/moderations.csv").read_text(encoding="utf-8")


def test_the_welsh_pages_report_by_e_mail_in_welsh(built: Built) -> None:
    from urllib.parse import parse_qs, urlsplit

    def report_bodies(page: str) -> list[str]:
        links = built.html(page).select('a[href^="mailto:"]')
        queries = [parse_qs(urlsplit(str(link["href"])).query) for link in links]
        return [q["body"][0] for q in queries if q["subject"][0].startswith("Report: ")]

    [english, *_] = report_bodies("proposals/warm-spaces/")
    [welsh, *_] = report_bodies("cy/proposals/warm-spaces/")
    assert english.startswith("I am reporting feedback warm-spaces-")
    assert welsh.startswith("Rwy'n rhoi gwybod i'r cymedrolwyr am yr adborth warm-spaces-")
