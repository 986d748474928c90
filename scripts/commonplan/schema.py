"""JSON Schema for the file kinds, so editors check files while people type (a proposal's
translation, `proposals/<id>.<language>.md`, has its own: only the translatable fields)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from commonplan.feedback import Feedback
from commonplan.files import Generated, write_atomic
from commonplan.model import Proposal, ProposalTranslation, Record, Team

SCHEMA_DIR = "schemas"
MODELS: dict[str, type[Record]] = {
    "team": Team,
    "proposal": Proposal,
    "proposal-translation": ProposalTranslation,
    "feedback": Feedback,
}
# Fields whose values are stakeholder group ids (single, or a list of them).
GROUP_FIELDS = {"group"}
GROUP_LIST_FIELDS = {"groups", "invite"}


def _with_groups(node: Any, groups: list[str]) -> Any:
    """Add the configured groups as an enum wherever a field takes a group id."""
    if isinstance(node, dict):
        properties = node.get("properties")
        if isinstance(properties, dict):
            for name, prop in properties.items():
                if name in GROUP_FIELDS:
                    _add_enum(prop, groups)
                elif name in GROUP_LIST_FIELDS and isinstance(prop.get("items"), dict):
                    prop["items"]["enum"] = groups
        for child in node.values():
            _with_groups(child, groups)
    elif isinstance(node, list):
        for child in node:
            _with_groups(child, groups)
    return node


def _add_enum(prop: dict[str, Any], groups: list[str]) -> None:
    options = prop.get("anyOf")
    if isinstance(options, list):
        for option in options:
            if option.get("type") == "string":
                option["enum"] = groups
    else:
        prop["enum"] = groups


def schema_for(kind: str, groups: Mapping[str, str]) -> dict[str, Any]:
    schema = MODELS[kind].model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"{kind}.schema.json"
    return dict(_with_groups(schema, list(groups)))


def expected_schemas(groups: Mapping[str, str]) -> list[Generated]:
    return [
        Generated(
            f"{SCHEMA_DIR}/{kind}.schema.json",
            json.dumps(schema_for(kind, groups), indent=2, ensure_ascii=False) + "\n",
            "commonplan schema",
        )
        for kind in MODELS
    ]


def write_schemas(out_dir: Path, groups: Mapping[str, str]) -> list[Path]:
    written = []
    for item in expected_schemas(groups):
        path = out_dir / Path(item.rel).name
        write_atomic(path, item.content)
        written.append(path)
    return written
