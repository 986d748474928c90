"""The mkdocs plugin: a thin adapter between mkdocs and the validation pipeline."""

from __future__ import annotations

import gc
from datetime import date
from pathlib import Path
from typing import Any

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from pydantic import ValidationError

from commonplan.clock import today
from commonplan.config import Settings
from commonplan.errors import CommonplanError
from commonplan.history.git import History
from commonplan.language import language
from commonplan.load.explain import explain
from commonplan.report import as_text
from commonplan.repository import check_repository, published_history
from commonplan.site.languages import address_in, alternates, hand_written_in
from commonplan.site.publish import HOME, refuse_clashes, refuse_links
from commonplan.site.render import render_site
from commonplan.validate.pipeline import Validation


class _Options(Config):  # type: ignore[no-untyped-call]
    """Empty: the options are declared in ``config.Settings`` and read in ``load_config``."""


# What the generated pages are written with: admonitions, attributes, Markdown in HTML,
# collapsible quotes, tabs and icons.
PAGE_EXTENSIONS = (
    "admonition",
    "attr_list",
    "md_in_html",
    "pymdownx.details",
    "pymdownx.tabbed",
    "pymdownx.emoji",
)


class CommonplanPlugin(BasePlugin[_Options]):  # type: ignore[no-untyped-call]
    """Validates the repository once per build, stops on errors, adds the rendered pages."""

    def __init__(self) -> None:
        super().__init__()
        self.settings = Settings()
        self.validation: Validation | None = None
        self.history: History | None = None
        # Set by the default language's build on the plugin of each other language's build,
        # with what it read: the data is validated and its history read once per site.
        self.building: str | None = None
        self.home = ""  # the address of the default language's site
        self.inherited: tuple[Validation, History, date] | None = None

    def load_config(
        self, options: dict[str, Any], config_file_path: str | None = None
    ) -> tuple[list[tuple[str, Exception]], list[tuple[str, str]]]:
        """Options are declared once, in ``config.Settings``; validate them there."""
        try:
            self.settings = Settings.model_validate(options)
        except ValidationError as exc:
            # The same plain words as `commonplan validate` gives for mkdocs.yml.
            return [
                (
                    ".".join(str(step) for step in problem.loc) or "commonplan",
                    ValueError(problem.message),
                )
                for problem in explain(Settings, exc)
            ], []
        return [], []

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        enabled = set(config.markdown_extensions)
        missing = [name for name in PAGE_EXTENSIONS if name not in enabled]
        if missing:
            # Without them the pages show raw markup (":material-…:", "!!! tip", "???+").
            raise PluginError(
                "commonplan: the pages need these markdown_extensions in mkdocs.yml, which"
                f" it does not enable: {', '.join(missing)} (the mkdocs.yml `commonplan init`"
                " writes lists them all)"
            )
        self.settings.site_url = config.site_url
        self.settings.site_name = config.site_name
        languages = self.settings.languages
        building = self.building or languages[0]
        config.theme["language"] = building  # the theme's own words, and <html lang>
        if len(languages) > 1:
            if not config.site_url:
                raise PluginError(
                    "commonplan: a site in several languages needs `site_url` in mkdocs.yml,"
                    " the address it is published at: each page links to itself in the"
                    " other languages by its full address"
                )
            self.home = config.site_url  # the default language's, for every language's links
            # Each language's address; the templates add the page's own path to it.
            config.extra["alternate"] = [vars(a) for a in alternates(languages, self.home)]
            if building != languages[0]:
                self.settings.site_url = config.site_url = address_in(
                    building, languages, self.home
                )
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        root = Path(config.config_file_path).parent
        self._hand_written_in_its_language(files, config)
        if self.inherited is not None:
            self.validation, self.history, self.today = self.inherited
            return self._add(files, config, self._render(files))
        # One day for the whole build: validation and every page judge dates by it.
        self.today = today()
        # Under `mkdocs serve`, let the previous build's objects be collected again.
        gc.unfreeze()
        # Reading and rendering make many long-lived objects; the cyclic garbage collector
        # would scan them again and again for nothing (a fifth of the time at 20,000 items).
        gc.disable()
        try:
            self.validation = check_repository(root, self.settings, today=self.today)
            folders = (config.docs_dir, config.theme.custom_dir)
            refuse_links(root, folders, self.validation.diagnostics)
            if not self.validation.diagnostics.ok:
                raise PluginError(
                    "commonplan: the data has errors, so the site was not built:\n"
                    + as_text(self.validation.diagnostics)
                )
            pages = self._render(files)
        finally:
            gc.enable()
        # What stays alive for the whole build need not be scanned by the collector either.
        gc.freeze()
        return self._add(files, config, pages)

    def _add(self, files: Files, config: MkDocsConfig, pages: dict[str, str]) -> Files:
        try:
            refuse_clashes([file.src_uri for file in files], pages.keys(), config.docs_dir)
        except CommonplanError as exc:
            raise PluginError(f"commonplan: {exc}") from exc
        for path, content in pages.items():
            files.append(File.generated(config, path, content=content))
        return files

    def _render(self, files: Files) -> dict[str, str]:
        """Every generated page; the hand-written home page becomes the introduction."""
        assert self.validation is not None  # set by on_files just before
        intro = ""
        written_home = files.get_file_from_path(HOME)
        if written_home is not None:
            intro = written_home.content_string
            files.remove(written_home)
        # One read of the whole git history per build (two git processes), never per page.
        if self.history is None:
            try:
                self.history = published_history(self.validation)
            except CommonplanError as exc:
                raise PluginError("\n".join([f"commonplan: {exc}:", *exc.details])) from exc
        building = language(self.building or self.settings.languages[0])
        return render_site(self.validation.corpus, intro, self.history, building)

    def _hand_written_in_its_language(self, files: Files, config: MkDocsConfig) -> None:
        """Each hand-written page in the language being built (`languages.hand_written_in`)."""
        languages = self.settings.languages
        written = {file.src_uri: file for file in files}
        shown = hand_written_in(written, languages, self.building or languages[0])
        for file in written.values():
            if shown.get(file.src_uri) != file.src_uri:
                files.remove(file)
        for path, source in shown.items():
            translation = written[source].abs_src_path
            if path != source and translation:
                shown_here = File.generated(config, path, abs_src_path=translation)
                shown_here.edit_uri = source  # edited in its own file, not the original's
                files.append(shown_here)

    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
        building = language(self.building or self.settings.languages[0])
        for item in nav.items:
            if item.title:
                item.title = building.marked("navigation", item.title)
        return nav

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """The default language's build then builds each other language, into `<code>/`."""
        languages = self.settings.languages
        if self.building is not None or len(languages) == 1:
            return
        assert self.validation is not None and self.history is not None
        for code in languages[1:]:
            other = load_config(
                config.config_file_path,
                site_dir=str(Path(config.site_dir) / code),
                strict=config.strict,
            )
            plugin = other.plugins["commonplan"]
            assert isinstance(plugin, CommonplanPlugin)
            plugin.building = code
            plugin.inherited = (self.validation, self.history, self.today)
            build(other)
