"""The same site from both engines: Material for MkDocs with the plugin (`make site`) and
Zensical from the rendered docs folders (`make site-zensical`), compared page by page."""

from __future__ import annotations

import re
import subprocess
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner

from commonplan.cli.app import main
from commonplan.site.zensical import _without_traceback

from .conftest import ROOT
from .site_fixtures import COMMONPLAN, ENGINES, Built, build_with_zensical, copy_site_folders

PUBLISHED_AT = "https://hollowmere-together.github.io/strategy/"
LOCAL = "https://site.invalid/"
BASE_PATH = urlsplit(PUBLISHED_AT).path
# Each engine's own files: its theme's assets, its search index, a compressed sitemap.
ENGINE_FILES = re.compile(r"(^|/)(assets|search)/|(^|/)search\.json$|\.xml\.gz$")


def published_files(built: Built) -> set[str]:
    return {
        p.relative_to(built.out).as_posix()
        for p in built.out.rglob("*")
        if p.is_file() and not ENGINE_FILES.search(p.relative_to(built.out).as_posix())
    }


@cache
def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def content(built: Built, page: str) -> str:
    """A page's article with every address made absolute and its layout whitespace gone:
    what a reader reads, whichever engine wrote it."""
    article = soup(built.out / page).select_one("article")
    assert article is not None, page
    article = BeautifulSoup(str(article), "html.parser")
    for skip in article.select("a#__skip"):  # Zensical's target of "skip to content"
        skip.decompose()
    here = LOCAL + page
    for tag in article.find_all(href=True):
        tag["href"] = urljoin(here, str(tag["href"])).replace("/index.html", "/")
    for tag in article.find_all(src=True):
        tag["src"] = urljoin(here, str(tag["src"]))
    return re.sub(r">\s+<", "><", str(article))


def test_both_engines_publish_the_same_pages_and_files(
    demo_site: Built, zensical_site: Built
) -> None:
    pages = published_files(demo_site)
    assert len([p for p in pages if p.endswith(".html")]) > 70
    assert {"feed.xml", "cy/feed.xml", "data/strategy.json", "cy/index.html"} <= pages
    assert published_files(zensical_site) == pages


def test_every_page_says_the_same_in_both_engines(demo_site: Built, zensical_site: Built) -> None:
    pages = sorted(p for p in published_files(demo_site) if p.endswith(".html"))
    differing = [p for p in pages if content(demo_site, p) != content(zensical_site, p)]
    assert differing == []


def test_every_internal_link_and_anchor_resolves(engine_site: Built) -> None:
    broken = []
    for path in sorted(engine_site.out.rglob("*.html")):
        page = path.relative_to(engine_site.out).as_posix()
        for anchor in soup(path).select("a[href]"):
            href = str(anchor["href"]).replace(PUBLISHED_AT, LOCAL)
            if href.startswith(BASE_PATH):  # the 404 page's links, from the site's root
                href = "/" + href.removeprefix(BASE_PATH)
            target = urlsplit(urljoin(LOCAL + page, href))
            if f"{target.scheme}://{target.netloc}/" != LOCAL:
                continue  # another site, or mail
            file = engine_site.out / unquote(target.path.removeprefix("/"))
            if file.is_dir() or not file.suffix:
                file = file / "index.html"
            if not file.is_file():
                broken.append(f"{page}: {href}")
            elif (
                target.fragment
                and file.suffix == ".html"
                and soup(file).find(id=unquote(target.fragment)) is None
            ):
                broken.append(f"{page}: {href} (no such anchor)")
    assert broken == []


def test_the_home_page_has_the_sites_name_as_its_title(engine_site: Built) -> None:
    assert soup(engine_site.out / "index.html").title.get_text() == "Hollowmere Together"  # type: ignore[union-attr]
    voices = soup(engine_site.out / "voices" / "index.html").title
    assert voices is not None and voices.get_text() == "Voices heard - Hollowmere Together"


def test_each_engine_has_its_own_search_and_no_others(
    demo_site: Built, zensical_site: Built
) -> None:
    material = soup(demo_site.out / "index.html")
    assert material.select_one("input[data-md-component=search-query]") is not None
    zensical = soup(zensical_site.out / "index.html")
    assert zensical.select_one("input[data-md-component=search-query]") is None
    assert zensical.select_one(".md-search__button") is not None
    assert "Initializing search" not in str(zensical)


def test_the_one_setting_chooses_the_engine(demo_copy: Path, tmp_path: Path) -> None:
    copy_site_folders(demo_copy)
    (demo_copy / "zensical.yml").write_bytes((ROOT / "zensical.yml").read_bytes())
    config = demo_copy / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace("  - commonplan:\n", "  - commonplan:\n      engine: zensical\n", 1),
        encoding="utf-8",
    )
    out = tmp_path / "built"
    done = subprocess.run(
        [COMMONPLAN, "build", "--root", str(demo_copy), "--out", str(out)],
        capture_output=True,
        text=True,
        check=False,
        env={"SOURCE_DATE_EPOCH": "1795651200", "PATH": ""},
    )
    assert done.returncode == 0, done.stdout + done.stderr
    home = soup(out / "index.html")
    assert home.select_one(".md-search__button") is not None  # Zensical's
    assert (out / "cy" / "proposals" / "warm-spaces" / "index.html").is_file()
    # Nothing of the build is left in the repository but Zensical's own cache.
    assert not [p for p in demo_copy.iterdir() if p.name.startswith(".commonplan-zensical")]


@pytest.mark.parametrize("languages", ["en", "cy,en"])
def test_a_new_strategy_is_published_by_either_engine_by_one_setting(
    tmp_path: Path, languages: str
) -> None:
    root = tmp_path / "strategy"
    init = ["init", str(root), "--name", "Kettlebridge Food", "--repo", "kb/strategy"]
    started = CliRunner().invoke(main, [*init, "--languages", languages])
    assert started.exit_code == 0, started.output
    config = root / "mkdocs.yml"
    sites = {}
    for engine in ENGINES:
        if engine == "zensical":
            text = config.read_text(encoding="utf-8")
            config.write_text(
                text.replace("  - commonplan:\n", "  - commonplan:\n      engine: zensical\n", 1),
                encoding="utf-8",
            )
        done = subprocess.run(
            [COMMONPLAN, "build", "--root", str(root)],
            capture_output=True,
            text=True,
            check=False,
            env={"SOURCE_DATE_EPOCH": "1795651200", "PATH": ""},
        )
        assert done.returncode == 0, done.stdout + done.stderr
        built = Built(root, root / "build-site", done.returncode, done.stdout, engine)
        sites[engine] = {
            page: content(built, page)
            for page in sorted(published_files(built))
            if page.endswith(".html")
        }
    assert sites["mkdocs"] == sites["zensical"]
    assert "proposals/first-plan/index.html" in sites["zensical"]


def test_a_navigation_entry_that_leads_nowhere_is_located_and_nothing_is_built(
    demo_copy: Path, tmp_path: Path
) -> None:
    copy_site_folders(demo_copy)
    config = demo_copy / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("voices.md", "voicez.md"), encoding="utf-8")
    line = text[: text.index("voices.md")].count("\n") + 1
    built = build_with_zensical(demo_copy, tmp_path / "built")
    assert built.returncode == 1
    assert f"mkdocs.yml:{line}:" in built.log
    assert "error [navigation-missing] nav names voicez.md" in built.log
    assert "Traceback" not in built.log
    assert not (tmp_path / "built").exists()


@pytest.mark.parametrize("out", [".", "site", "site/built"])
def test_the_site_never_replaces_the_repository_or_its_pages(demo_copy: Path, out: str) -> None:
    copy_site_folders(demo_copy)
    before = sorted(p.relative_to(demo_copy) for p in demo_copy.rglob("*"))
    built = build_with_zensical(demo_copy, demo_copy / out)
    assert built.returncode == 1
    assert "name a folder of its own, such as build-site-zensical" in built.log
    assert sorted(p.relative_to(demo_copy) for p in demo_copy.rglob("*")) == before


def test_zensicals_words_are_kept_without_a_python_traceback() -> None:
    said = [
        "Build started",
        "Traceback (most recent call last):",
        '  File "zensical/main.py", line 1, in build',
        "    raise ValueError",
        "zensical.config.ConfigurationError: theme: unknown variant",
    ]
    assert _without_traceback(said) == [
        "Build started",
        "zensical.config.ConfigurationError: theme: unknown variant",
    ]


@pytest.mark.parametrize("page", ["proposals/warm-spaces/", "teams/hollowmere-cvs/", "voices/"])
def test_zensicals_edit_links_lead_to_the_file_people_edit(
    zensical_site: Built, demo_site: Built, page: str
) -> None:
    def edit(built: Built) -> str | None:
        found = soup(built.out / page / "index.html").select_one('a[rel="edit"]')
        return None if found is None else str(found["href"])

    assert edit(zensical_site) == edit(demo_site)
