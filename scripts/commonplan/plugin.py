"""The mkdocs plugin: a thin adapter between mkdocs and the validation pipeline."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import Files
from pydantic import ValidationError

from .config import Settings
from .report import as_text
from .validate import Validation, validate_repository


class _Options(Config):  # type: ignore[no-untyped-call]
    """Empty: the options are declared in ``config.Settings`` and read in ``load_config``."""


class CommonplanPlugin(BasePlugin[_Options]):  # type: ignore[no-untyped-call]
    """Validates the repository once per build and stops the build on errors."""

    def __init__(self) -> None:
        super().__init__()
        self.settings = Settings()
        self.validation: Validation | None = None

    def load_config(
        self, options: dict[str, Any], config_file_path: str | None = None
    ) -> tuple[list[tuple[str, Exception]], list[tuple[str, str]]]:
        """Options are declared once, in ``config.Settings``; validate them there."""
        try:
            self.settings = Settings.model_validate(options)
        except ValidationError as exc:
            return [
                (".".join(str(p) for p in err["loc"]) or "commonplan", ValueError(err["msg"]))
                for err in exc.errors()
            ], []
        return [], []

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.settings.site_url = config.site_url
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        root = Path(config.config_file_path).parent
        self.validation = validate_repository(root, self.settings)
        if not self.validation.diagnostics.ok:
            raise PluginError(
                "commonplan: the data has errors, so the site was not built:\n"
                + as_text(self.validation.diagnostics)
            )
        return files
