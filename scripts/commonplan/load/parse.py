"""YAML into plain data, fast: libyaml's parser with the guards the data format needs.

Parsing every file with a position-keeping loader is the expensive part of validation, so
files are parsed with libyaml's C parser into plain data; positions are found later, only
for what must be reported (`load.positions`).
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

import yaml
from yaml.constructor import ConstructorError
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode


class DuplicateKeyError(yaml.MarkedYAMLError):
    pass


class AliasError(yaml.MarkedYAMLError):
    pass


class TooDeepError(yaml.MarkedYAMLError):
    pass


# No data file needs more than a handful of levels; the guard stops deeply nested input
# at the value that goes too deep, long before Python's recursion limit.
MAX_DEPTH = 32


_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_PLAIN_SCALARS = frozenset(f"tag:yaml.org,2002:{name}" for name in ("int", "float", "bool", "null"))


class FastLoader(yaml.CSafeLoader):
    """libyaml's parser and composer; dates stay text.

    Dates are left to pydantic so that 2026-02-30 is reported as a located value error
    rather than the parser raising half-way through a file. A lone '=' (YAML's "value"
    type) is text too: PyYAML's safe loader has nothing to make of it.
    """

    yaml_implicit_resolvers = {  # noqa: RUF012 (PyYAML reads it from the class)
        first: [
            (tag, regexp) for tag, regexp in resolvers if not tag.endswith((":timestamp", ":value"))
        ]
        for first, resolvers in yaml.CSafeLoader.yaml_implicit_resolvers.items()
    }

    def resolve(self, kind: type[Node], value: Any, implicit: Any) -> str:
        """PyYAML's own rules for plain scalars, without its path resolvers (unused here).

        The composer calls this for every node of every file; the lean version saves a
        tenth of the validation time.
        """
        if kind is ScalarNode:
            if implicit[0]:
                for tag, regexp in self.yaml_implicit_resolvers.get(value[:1], ()):
                    if regexp.match(value):
                        return str(tag)
            return _STR
        return _SEQ if kind is SequenceNode else _MAP


def _construct(loader: FastLoader, node: Node, seen: set[int] | None, depth: int = 0) -> Any:
    """Plain Python data from a composed node, with the guards the data format needs.

    - a key given twice is an error (never "last one wins");
    - with ``seen``, a node met twice is an alias: refused, since data files have no use
      for anchors and aliases and they are how "billion laughs" documents blow up.

    It replaces PyYAML's generic constructor, whose per-node bookkeeping costs more than
    the C parser itself; scalars other than plain text still go through PyYAML's own
    constructors, so YAML's int, float, bool and null rules are unchanged.
    """
    if seen is not None:
        if id(node) in seen:
            raise AliasError(None, None, "alias", node.start_mark)
        seen.add(id(node))
    if isinstance(node, ScalarNode):
        if node.tag == _STR:
            return node.value
        if node.tag not in _PLAIN_SCALARS:  # '!!binary', '!!timestamp', '<<' …
            raise ConstructorError(None, None, f"unsupported tag {node.tag}", node.start_mark)
        return loader.construct_object(node, deep=True)
    if depth >= MAX_DEPTH:
        raise TooDeepError(None, None, "too deep", node.start_mark)
    if isinstance(node, SequenceNode) and node.tag == _SEQ:
        return [_construct(loader, child, seen, depth + 1) for child in node.value]
    if isinstance(node, MappingNode) and node.tag == _MAP:
        mapping: dict[Hashable, Any] = {}
        for key_node, value_node in node.value:
            key = _construct(loader, key_node, seen, depth + 1)
            if not isinstance(key, Hashable):
                raise ConstructorError(None, None, "unhashable key", key_node.start_mark)
            if key in mapping:
                raise DuplicateKeyError(None, None, str(key), key_node.start_mark)
            mapping[key] = _construct(loader, value_node, seen, depth + 1)
        return mapping
    raise ConstructorError(None, None, f"unsupported tag {node.tag}", node.start_mark)


def load_yaml(text: str) -> Any:
    """Parse one YAML document (libyaml) into plain data; raises yaml.YAMLError."""
    loader = FastLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        # Only a file with '&' or '*' in it can hold an alias: the rest skip the guard.
        seen: set[int] | None = set() if "&" in text or "*" in text else None
        return _construct(loader, node, seen)
    finally:
        loader.dispose()


def mapping_of(text: str) -> dict[str, Any]:
    """The top-level mapping of a text that may not parse (another branch's version of a
    file, say): empty when it does not parse or is no mapping."""
    try:
        data = load_yaml(text)
    except (yaml.YAMLError, RecursionError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}
