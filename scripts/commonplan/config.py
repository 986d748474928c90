"""The platform's settings: the `commonplan` plugin's options in `mkdocs.yml`.

They are declared once, here, as a pydantic model. The mkdocs plugin validates its options
through the same model, and the command line reads them from `mkdocs.yml` without starting
mkdocs, so `commonplan validate` and the site always agree on the groups and windows.
"""

from __future__ import annotations

import ipaddress
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ModelWrapValidatorHandler,
    PrivateAttr,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from commonplan.errors import CommonplanError
from commonplan.fields import Label, LanguageCode, Slug
from commonplan.language import (
    SOURCE_LANGUAGE,
    Language,
    Said,
    has_catalog,
    is_language,
    language,
    mark,
    said_in_turn,
    say,
    spoken_languages,
    verbatim,
)
from commonplan.load.explain import SaidValueError, explain
from commonplan.load.positions import Position, SourceText
from commonplan.load.yaml_errors import explain_yaml_error

DEFAULT_GROUPS: dict[str, str] = {
    "public-sector": mark("stakeholder group", "Public sector bodies"),
    "voluntary-org": mark("stakeholder group", "Voluntary organisations"),
    "community-group": mark("stakeholder group", "Community and self-help groups"),
    "carer": mark("stakeholder group", "Carers"),
    "citizen": mark("stakeholder group", "Residents and people who use services"),
    "family": mark("stakeholder group", "Families and neighbours"),
}

# Options whose labels a strategy may give in each language (`carer: {en: Carers, cy:
# Gofalwyr}`), each with the context its default labels are translated in.
LABELS_IN_LANGUAGES = {"groups": "stakeholder group", "moderation_reasons": "moderation reason"}


CONFIG_FILE = "mkdocs.yml"
PLUGIN_NAME = "commonplan"


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


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

    @model_validator(mode="after")
    def _tls_off_only_on_this_machine(self) -> ImapSettings:
        """Without TLS the password crosses the network in clear: only loopback may do that."""
        if not self.tls and not _is_loopback(self.host):
            raise SaidValueError(
                # Translators: keep `tls: false` as it is; {host} is the server's name.
                say(
                    "tls: false is only allowed for a server on this machine (127.0.0.1 or"
                    " localhost), not '{host}'",
                    host=self.host,
                )
            )
        return self

    recorded_folder: str = Field("Recorded", description="Folder recorded messages move to.")
    recorded_by: str | None = Field(
        None, description="Team recorded as having received the e-mail (source.recorded_by)."
    )


# Why moderators may hide feedback, in plain words (a strategy may give its own).
DEFAULT_MODERATION_REASONS = {
    "personal-data": mark("moderation reason", "It held personal details"),
    "abusive": mark("moderation reason", "It was abusive"),
    "off-topic": mark("moderation reason", "It was not about this plan"),
    "duplicate": mark("moderation reason", "It repeated other feedback"),
    "spam": mark("moderation reason", "It was advertising or spam"),
    "legal": mark("moderation reason", "It could not be published for legal reasons"),
}
# A report may give a reason the moderators have no code for: this one.
OTHER_REPORT_REASON = ("other", mark("moderation reason", "Something else"))


class Settings(BaseModel):
    """Options of the `commonplan` plugin in `mkdocs.yml`."""

    model_config = ConfigDict(extra="forbid")

    repo: str | None = Field(
        None,
        pattern=r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$",
        description="GitHub repository (owner/name) for 'have your say' and edit links.",
    )
    groups: dict[Slug, Label] = Field(
        default_factory=lambda: dict(DEFAULT_GROUPS),
        description="Stakeholder groups: id → label (or its label in each language). Feedback"
        " and teams name these ids.",
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
    moderators: list[Slug] = Field(
        default_factory=list, description="Team ids that may hide feedback (`moderation`)."
    )
    moderation_reasons: dict[Slug, Label] = Field(
        default_factory=lambda: dict(DEFAULT_MODERATION_REASONS),
        description="Why feedback may be hidden: id → plain label (or its label in each language).",
    )
    languages: list[LanguageCode] = Field(
        default_factory=lambda: [SOURCE_LANGUAGE],
        min_length=1,
        description="Languages of the site, the first the default (at /), each other under"
        " /<code>/: codes such as `en` and `cy`.",
    )
    require_translations: bool = Field(
        False,
        description="Whether a proposal without a translation into each of the site's"
        " languages is an error (a warning otherwise).",
    )
    ask_language_effects: bool = Field(
        False,
        description="Whether feedback is asked what effects the proposal would have on the"
        " Welsh language (the Welsh Language Standards): on the issue form, the printed pack"
        " and each proposal's page.",
    )
    engine: Literal["mkdocs", "zensical"] = Field(
        "mkdocs",
        description="What `commonplan build` (and the publish workflow) builds the site with:"
        " `mkdocs` (Material for MkDocs, with this plugin) or `zensical` (its successor).",
    )
    # Not plugin options: filled from mkdocs.yml's own (the theme's, for `custom_dir`).
    site_url: str | None = Field(None, exclude=True)
    site_name: str | None = Field(None, exclude=True)
    docs_dir: str = Field("docs", exclude=True)
    custom_dir: str | None = Field(None, exclude=True)

    # Option → id → language → its label, for labels given in each language.
    _labels: dict[str, dict[str, dict[str, str]]] = PrivateAttr(default_factory=dict)

    @model_validator(mode="wrap")
    @classmethod
    def _read_labels_in_languages(
        cls, data: Any, handler: ModelWrapValidatorHandler[Settings], info: ValidationInfo
    ) -> Settings:
        """`carer: {en: Carers, cy: Gofalwyr}` holds the first language's label and keeps
        the others beside it."""
        given: dict[str, dict[str, dict[str, str]]] = {}
        if isinstance(data, dict):
            languages = data.get("languages")
            first = languages[0] if isinstance(languages, list) and languages else None
            default = first if isinstance(first, str) else SOURCE_LANGUAGE
            data = dict(data)
            for option in LABELS_IN_LANGUAGES:
                labels = data.get(option)
                if not isinstance(labels, dict):
                    continue
                data[option] = dict(labels)
                for key, value in labels.items():
                    if isinstance(value, dict) and all(isinstance(v, str) for v in value.values()):
                        words = {str(code): text for code, text in value.items()}
                        given.setdefault(option, {})[str(key)] = words
                        # Without the first language's words the mapping stays, and is reported.
                        data[option][key] = value.get(default, value)
        settings = handler(data)
        settings._labels = given
        return settings

    @field_validator("languages")
    @classmethod
    def _known_languages(cls, codes: list[str]) -> list[str]:
        for code in codes:
            if not has_catalog(code):
                spoken = ", ".join(sorted({SOURCE_LANGUAGE, *spoken_languages()}))
                if is_language(code):
                    # Translators: {code} is the language code as written ("xx"), {spoken}
                    # the codes of the languages the platform writes in ("cy, en").
                    unknown = say(
                        "'{code}' is not a language the platform writes in; it writes in: {spoken}",
                        code=code,
                        spoken=spoken,
                    )
                else:
                    # Translators: as above; CLDR is the Unicode data of every language.
                    unknown = say(
                        "'{code}' is not a language the platform writes in (it is no language"
                        " code CLDR knows); it writes in: {spoken}",
                        code=code,
                        spoken=spoken,
                    )
                raise SaidValueError(unknown)
        if len(set(codes)) != len(codes):
            raise SaidValueError(say("each language is named once"))
        return codes

    @property
    def default_language(self) -> str:
        return self.languages[0]

    def group_words(self) -> dict[str, tuple[str, ...]]:
        """Each group's id and its label in every language the platform speaks, so that a
        Welsh form, spreadsheet or e-mail names it as well as an English one."""
        labels = [
            self.in_language(language(code)).groups
            for code in (SOURCE_LANGUAGE, *spoken_languages())
        ]
        return {
            group: tuple(dict.fromkeys([group, *(each[group] for each in labels)]))
            for group in self.groups
        }

    def in_language(self, t: Language) -> Settings:
        """These options with their labels in ``t``'s language: as the strategy gave them in
        it, else the platform's words for its default groups and moderation reasons, else as
        written."""
        update = {}
        for option, context in LABELS_IN_LANGUAGES.items():
            given = self._labels.get(option, {})
            labels: dict[str, str] = getattr(self, option)
            update[option] = {
                key: given.get(key, {}).get(t.code) or t.marked(context, label)
                for key, label in labels.items()
            }
        return self.model_copy(update=update)


class SettingsError(CommonplanError):
    """mkdocs.yml cannot be read, or the plugin's options are not valid.

    ``problems`` holds each problem as (1-based (line, col) in mkdocs.yml, message), in
    English; ``said_problems`` the same with each message to be said in the reader's
    language.
    """

    def __init__(self, problems: list[tuple[tuple[int, int], Said]]):
        self.said_problems = problems
        self.problems: list[tuple[tuple[int, int], str]] = [
            (position, str(message)) for position, message in problems
        ]
        located = [
            # Translators: a problem in a file: {path}:{line}:{col}: {message}, kept as it is.
            say("{path}:{line}:{col}: {message}", path=CONFIG_FILE, line=line, col=col, message=m)
            for (line, col), m in problems
        ]
        super().__init__(said_in_turn(located))


class _PermissiveLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, whose theme settings may carry `!!python/name:` and `!ENV` tags."""


def _any_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return None


_PermissiveLoader.add_multi_constructor("", _any_tag)


def _plugin_entry(mkdocs_config: dict[str, Any]) -> tuple[tuple[str | int, ...], Any] | None:
    """Where the `commonplan` entry of `plugins:` is, and its options; None when absent."""
    plugins = mkdocs_config.get("plugins") or []
    if isinstance(plugins, dict):
        if PLUGIN_NAME in plugins:
            return ("plugins", PLUGIN_NAME), plugins[PLUGIN_NAME]
        return None
    if not isinstance(plugins, list):
        return None
    for index, entry in enumerate(plugins):
        if entry == PLUGIN_NAME:
            return ("plugins", index), {}
        if isinstance(entry, dict) and PLUGIN_NAME in entry:
            return ("plugins", index, PLUGIN_NAME), entry[PLUGIN_NAME]
    return None


def read_config(root: Path) -> tuple[dict[str, Any], SourceText] | None:
    """mkdocs.yml as data and as located text; None when it cannot be read (load_settings
    says what is wrong with it)."""
    try:
        text = (root / CONFIG_FILE).read_text(encoding="utf-8")
        raw = yaml.load(text, Loader=_PermissiveLoader)  # noqa: S506
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
    if not isinstance(raw, dict):
        return None
    return raw, SourceText(CONFIG_FILE, text, text)


def option_position(root: Path, option: str) -> Position:
    """Where mkdocs.yml gives the plugin's ``option`` (the plugin's entry when it does not,
    the file's start when there is none)."""
    config = read_config(root)
    if config is None:
        return (1, 1)
    raw, source = config
    found = _plugin_entry(raw)
    return source.position((*found[0], option)) if found is not None else (1, 1)


def load_settings(root: Path) -> Settings:
    """Settings from `root/mkdocs.yml`; defaults when the file or the plugin entry is absent.

    Raises SettingsError with every problem located in mkdocs.yml and told in plain words.
    """
    path = root / CONFIG_FILE
    if not path.is_file():
        return Settings()
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        # Translators: {reason} is the system's own words, in English.
        unreadable = say(
            "the file cannot be read as UTF-8 text: {reason}", reason=verbatim(str(exc))
        )
        raise SettingsError([((1, 1), unreadable)]) from exc
    try:
        raw = yaml.load(text, Loader=_PermissiveLoader)  # noqa: S506
    except yaml.YAMLError as exc:
        _code, message, where = explain_yaml_error(exc, text)
        position = (where[0] + 1, where[1] + 1) if where else (1, 1)
        raise SettingsError([(position, message)]) from exc
    if not isinstance(raw, dict):
        raise SettingsError([((1, 1), say("expected `key: value` settings at the top level"))])
    found = _plugin_entry(raw)
    where_options, options = found if found is not None else ((), {})
    if options is None:
        options = {}  # `- commonplan:` with nothing under it
    try:
        settings = Settings.model_validate(options)
    except ValidationError as exc:
        source = SourceText(CONFIG_FILE, text, text)
        raise SettingsError(
            [
                (
                    source.position((*where_options, *problem.loc), key=problem.at_key),
                    # Translators: {plugin} is the plugin's name, commonplan; {problem} what
                    # is wrong with one of its options.
                    say("plugin '{plugin}': {problem}", plugin=PLUGIN_NAME, problem=problem.said),
                )
                for problem in explain(Settings, exc)
            ]
        ) from exc
    site_url, site_name, docs_dir = raw.get("site_url"), raw.get("site_name"), raw.get("docs_dir")
    if isinstance(site_url, str):
        settings.site_url = site_url
    if isinstance(site_name, str):
        settings.site_name = site_name
    if isinstance(docs_dir, str):
        settings.docs_dir = docs_dir
    theme = raw.get("theme")
    if isinstance(theme, dict) and isinstance(theme.get("custom_dir"), str):
        settings.custom_dir = theme["custom_dir"]
    return settings
