"""Where a value is in a file: line and column, found only when something must be reported.

A file goes back through ``SourceText.position``, which composes its node tree (with line
and column marks) once and walks it to the offending value.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

Loc = Sequence[str | int]
Position = tuple[int, int]
START: Position = (1, 1)
NEWLINE = re.compile("\n")


def offsets_to_positions(text: str, offsets: Sequence[int]) -> list[tuple[int, int]]:
    """0-based character offsets in ``text`` → (0-based line, 0-based column), in one pass."""
    line_starts = [0, *(match.end() for match in NEWLINE.finditer(text))]
    positions = []
    for offset in offsets:
        line = bisect.bisect_right(line_starts, offset) - 1
        positions.append((line, offset - line_starts[line]))
    return positions


def offset_to_position(text: str, offset: int) -> tuple[int, int]:
    """0-based character offset in ``text`` → (0-based line, 0-based column)."""
    line = text.count("\n", 0, offset)
    col = offset - (text.rfind("\n", 0, offset) + 1)
    return line, col


@dataclass
class SourceText:
    """One file's text and where its YAML starts; finds positions on demand."""

    rel: str  # the path shown to people: relative to the repository, with '/'
    text: str
    yaml_text: str
    yaml_line: int = 1  # 1-based line of the file where yaml_text starts
    _tree: Node | None = field(default=None, repr=False)
    _composed: bool = field(default=False, repr=False)
    # Built once per file on demand, so that thousands of problems in one file cost
    # thousands of lookups, not thousands of scans of the file.
    _keys: dict[int, dict[str, tuple[Node, Node]]] = field(default_factory=dict, repr=False)
    _lines: list[str] | None = field(default=None, repr=False)
    _searches: int = field(default=0, repr=False)

    def _root(self) -> Node | None:
        if not self._composed:
            self._composed = True
            try:
                self._tree = yaml.compose(self.yaml_text, Loader=yaml.CSafeLoader)
            except yaml.YAMLError:
                self._tree = None
        return self._tree

    def _node_at(self, loc: Loc, key: bool) -> Node | None:
        node = self._root()
        key_node: Node | None = None
        for step in loc:
            if isinstance(node, MappingNode) and isinstance(step, str):
                match = self._entries(node).get(step)
                if match is None:
                    continue
                key_node, node = match
            elif isinstance(node, SequenceNode) and isinstance(step, int):
                if not 0 <= step < len(node.value):
                    continue
                key_node, node = None, node.value[step]
        return key_node if key and key_node is not None else node

    def _entries(self, mapping: MappingNode) -> dict[str, tuple[Node, Node]]:
        entries = self._keys.get(id(mapping))
        if entries is None:
            entries = {}
            for key_node, value_node in mapping.value:
                name = getattr(key_node, "value", None)
                if isinstance(name, str):
                    entries.setdefault(name, (key_node, value_node))
            self._keys[id(mapping)] = entries
        return entries

    def lines(self) -> list[str]:
        if self._lines is None:
            self._lines = self.text.split("\n")
        return self._lines

    def position(self, loc: Loc = (), *, key: bool = False) -> Position:
        """1-based (line, col) of the value at ``loc`` (the key itself with ``key=True``).

        Missing steps fall back to the nearest enclosing value, so a missing field is
        reported at the mapping that should hold it.
        """
        # A text search is cheaper than composing the file for a warning or two; a file
        # with many problems is composed once and looked up in its tree.
        if len(loc) == 1 and isinstance(loc[0], str) and not self._composed and self._searches < 4:
            self._searches += 1
            found = self._top_level(loc[0], key)
            if found is not None:
                return found
        node = self._node_at(loc, key)
        if node is None:
            return (self.yaml_line, 1)
        return (self.yaml_line + node.start_mark.line, node.start_mark.column + 1)

    def _top_level(self, name: str, key: bool) -> Position | None:
        """A top-level `name: value` written on one line, found without composing the file.

        Most warnings point at such a value (`submitted`, `proposal`); composing a file
        costs more than parsing it, so this plain text search answers them. Anything less
        simple (the value on the next lines, a comment, the key written twice or quoted)
        returns None and goes through the composed tree.
        """
        text, prefix = self.yaml_text, name + ":"
        start = 0 if text.startswith(prefix) else text.find("\n" + prefix) + 1
        if start == 0 and not text.startswith(prefix):
            return None
        if text.find("\n" + prefix, start) != -1:
            return None
        line_end = text.find("\n", start)
        rest = text[start + len(prefix) : line_end if line_end != -1 else len(text)]
        value = rest.lstrip(" ")
        if not rest.startswith(" ") or not value.strip() or value.startswith("#"):
            return None
        line = self.yaml_line + text.count("\n", 0, start)
        return (line, 1) if key else (line, len(prefix) + len(rest) - len(value) + 1)

    def value_positions(self, loc: Loc, value: str, offsets: Sequence[int]) -> list[Position]:
        """Where characters of the text value at ``loc`` are in the file.

        ``value`` is the value as parsed and ``offsets`` are 0-based places in it, in order.
        A literal block (``|``) keeps the file's lines, so each place is counted there.
        Other values are folded or unquoted when parsed, so each place is found again in
        the value's raw text by the word that starts there, searching onwards from the
        place before.
        """
        node = self._node_at(loc, False)
        start = self.position(loc)
        if not isinstance(node, ScalarNode):
            return [start for _ in offsets]
        if node.style == "|":
            file_lines = self.lines()
            positions = []
            for line0, col0 in offsets_to_positions(value, offsets):
                target = start[0] + 1 + line0  # the text starts on the line after the '|'
                text_line = file_lines[target - 1] if target - 1 < len(file_lines) else ""
                indent = len(text_line) - len(text_line.lstrip(" "))
                positions.append((target, indent + col0 + 1) if text_line else start)
            return positions
        text, raw_end = self.yaml_text, node.end_mark.index
        cursor = node.start_mark.index
        line0 = node.start_mark.line  # the line of ``cursor``, kept up to date as it moves
        positions = []
        for offset in offsets:
            word = value[offset : offset + 80].split(maxsplit=1)
            at = text.find(word[0], cursor, raw_end) if word else -1
            if at == -1:
                positions.append(start)
                continue
            line0 += text.count("\n", cursor, at)
            positions.append(self.text_position(line0, at - (text.rfind("\n", 0, at) + 1)))
            cursor = at + 1
        return positions

    def text_position(self, line0: int, col0: int) -> Position:
        """A 0-based position inside yaml_text → 1-based position in the file."""
        return (self.yaml_line + line0, col0 + 1)
