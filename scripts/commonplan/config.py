"""The platform's settings: the `commonplan` plugin's options in `mkdocs.yml`.

They are declared once, here, as a pydantic model. The mkdocs plugin validates its options
through the same model, and the command line reads them from `mkdocs.yml` without starting
mkdocs, so `commonplan validate` and the site always agree on the groups and windows.
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

DEFAULT_GROUPS: dict[str, str] = {
    "public-sector": "Public sector bodies",
    "voluntary-org": "Voluntary organisations",
    "community-group": "Community and self-help groups",
    "carer": "Carers",
    "citizen": "Residents and people who use services",
    "family": "Families and neighbours",
}

CONFIG_FILE = "mkdocs.yml"
PLUGIN_NAME = "commonplan"


class ImapSettings(BaseModel):
    """Where `commonplan ingest-mail` reads feedback sent by e-mail."""

    model_config = ConfigDict(extra="forbid")

    host: str = Field(description="IMAP server name.")
    port: int = Field(993, description="IMAP port (993 with TLS, 143 without).")
    user: str = Field(description="Mailbox user name.")
    mailbox: str = Field("INBOX", description="Folder to read new feedback from.")
    password_env: str = Field(
        "COMMONPLAN_IMAP_PASSWORD",
        description="Environment variable that holds the password (never the password itself).",
    )
    tls: bool = Field(True, description="Use TLS. Only turn off for a server on this machine.")
    recorded_folder: str = Field("Recorded", description="Folder recorded messages move to.")
    recorded_by: str | None = Field(
        None, description="Team recorded as having received the e-mail (source.recorded_by)."
    )


class Settings(BaseModel):
    """Options of the `commonplan` plugin in `mkdocs.yml`."""

    model_config = ConfigDict(extra="forbid")

    repo: str | None = Field(
        None,
        pattern=r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$",
        description="GitHub repository (owner/name) for 'have your say' and edit links.",
    )
    groups: dict[str, str] = Field(
        default_factory=lambda: dict(DEFAULT_GROUPS),
        description="Stakeholder groups: id → label. Feedback and teams name these ids.",
    )
    response_due_days: int = Field(
        28, ge=1, description="Days within which feedback should get an answer."
    )
    stale_after_days: int = Field(
        120, ge=1, description="A measure whose latest value is older than this is stale."
    )
    email: str | None = Field(
        None, description="Address for 'have your say by e-mail' links (an organisation's)."
    )
    imap: ImapSettings | None = Field(None, description="Mailbox read by `ingest-mail`.")
    # Filled from mkdocs.yml's top-level `site_url`, not a plugin option of its own.
    site_url: str | None = Field(None, exclude=True)


class SettingsError(Exception):
    """mkdocs.yml cannot be read, or the plugin's options are not valid."""


class _PermissiveLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, whose theme settings may carry `!!python/name:` and `!ENV` tags."""


def _any_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return None


_PermissiveLoader.add_multi_constructor("", _any_tag)


def plugin_options(mkdocs_config: dict[str, Any]) -> dict[str, Any] | None:
    """The `commonplan` entry of `plugins:`, or None when the plugin is not listed."""
    plugins = mkdocs_config.get("plugins") or []
    if isinstance(plugins, dict):
        plugins = [{k: v} for k, v in plugins.items()]
    for entry in plugins:
        if entry == PLUGIN_NAME:
            return {}
        if isinstance(entry, dict) and PLUGIN_NAME in entry:
            return dict(entry[PLUGIN_NAME] or {})
    return None


def load_settings(root: Path) -> Settings:
    """Settings from `root/mkdocs.yml`; defaults when the file or the plugin entry is absent."""
    path = root / CONFIG_FILE
    if not path.is_file():
        return Settings()
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_PermissiveLoader)  # noqa: S506
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise SettingsError(f"{CONFIG_FILE}: cannot be read: {exc}") from exc
    if not isinstance(raw, dict):
        raise SettingsError(f"{CONFIG_FILE}: expected `key: value` settings at the top level")
    options = plugin_options(raw) or {}
    try:
        settings = Settings.model_validate(options)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}" for err in exc.errors()
        )
        raise SettingsError(f"{CONFIG_FILE}: plugin '{PLUGIN_NAME}' options: {problems}") from exc
    site_url = raw.get("site_url")
    if isinstance(site_url, str):
        settings.site_url = site_url
    return settings


def today() -> date:
    """Today, or the date in SOURCE_DATE_EPOCH so that builds and tests are reproducible."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=UTC).date()
    return date.today()
