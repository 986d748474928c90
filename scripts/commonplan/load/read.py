"""Reading the repository's files: fast parsing, and positions only where they are needed.

Parsing every file with a position-keeping loader is the expensive part of validation, so
files are parsed with libyaml's C parser into plain data. Only when something must be
reported does a file go back through ``Source.position``, which composes its node tree (with
line and column marks) once and walks it to the offending value.

Reading never raises on bad input: every problem becomes a Diagnostic and the file is left
out of the corpus (never modified).
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Hashable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import ConstructorError
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.reader import ReaderError

from commonplan.diagnostics import Diagnostics
from commonplan.validate.privacy import offset_to_position, offsets_to_positions

MAX_BYTES = 1024 * 1024
Loc = Sequence[str | int]
Position = tuple[int, int]
START: Position = (1, 1)


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


_ALIAS_OR_ANCHOR = ("found undefined alias", "found duplicate anchor")
# Errors best shown where the thing left open starts (the quote or bracket), not where the
# parser gave up, which is often the next line or the end of the file.
_OPENED_HERE = {
    "while scanning a quoted scalar": "a quote opened here is never closed",
    "while parsing a flow sequence": (
        "a list in '[…]' opened here is not closed with ']', or its items are not separated by ','"
    ),
    "while parsing a flow mapping": (
        "a '{…}' opened here is not closed with '}', or its entries are not separated by ','"
    ),
}


def explain_yaml_error(exc: yaml.YAMLError, text: str) -> tuple[str, str, Position | None]:
    """A YAML error as (code, plain-language message, 0-based (line, col) in ``text``)."""
    mark = _mark(exc)
    if isinstance(exc, ReaderError):
        # libyaml's reader reports a character offset without line or column: find it.
        offset = text.find(chr(exc.character)) if isinstance(exc.character, int) else -1
        where = offset_to_position(text, offset) if offset >= 0 else None
        return (
            "bad-character",
            f"the file contains a control character (U+{exc.character:04X}) that is not allowed",
            where,
        )
    if isinstance(exc, DuplicateKeyError):
        return (
            "duplicate-key",
            f"'{exc.problem}' is given twice; keep one (the file would otherwise lose a value)",
            mark,
        )
    if isinstance(exc, AliasError):
        return (
            "yaml-alias",
            "anchors and aliases (& and *) are not allowed in data files; write the value out",
            _first_alias(text) or mark,
        )
    problem = str(getattr(exc, "problem", None) or exc).strip()
    context = str(getattr(exc, "context", None) or "").strip()
    if "\t" in problem or "tab character" in problem or _char_at(text, mark) == "\t":
        return "yaml-tab", "a tab character is used; indent with spaces instead", mark
    if isinstance(exc, TooDeepError) or "maximum nesting depth" in problem:
        return (
            "too-deep",
            f"the data is nested more than {MAX_DEPTH} levels deep; no commonplan file needs that",
            mark,
        )
    if problem.startswith(_ALIAS_OR_ANCHOR):
        return (
            "yaml-alias",
            "anchors and aliases (& and *) are not allowed in data files; write the value out",
            mark,
        )
    if context in _OPENED_HERE and isinstance(exc, yaml.MarkedYAMLError) and exc.context_mark:
        opened = exc.context_mark
        return "yaml-syntax", _OPENED_HERE[context], (opened.line, opened.column)
    if "mapping values are not allowed" in problem:
        return (
            "yaml-syntax",
            "unexpected ':' — put a value that contains ': ' in quotes, or check the indentation",
            mark,
        )
    if "could not find expected ':'" in problem:
        return (
            "yaml-syntax",
            "a line is missing the ':' after its key, or is indented wrongly",
            mark,
        )
    if "found unexpected end of stream" in problem:
        return (
            "yaml-syntax",
            "the file ends inside a value: is a quote or bracket left open?",
            mark,
        )
    if "expected a single document" in context or "expected a single document" in problem:
        return (
            "yaml-syntax",
            "the file holds more than one YAML document ('---'); keep one",
            mark,
        )
    if problem == "unhashable key":
        return "wrong-type", "a field name must be a plain word, not a list or a mapping", mark
    if problem.endswith(":merge"):
        return (
            "yaml-alias",
            "merge keys ('<<') are not allowed in data files; write the fields out",
            mark,
        )
    if problem.startswith(("unsupported tag", "could not determine a constructor")):
        return (
            "yaml-tag",
            "YAML tags ('!!…', '!…') are not allowed in data files; write plain values",
            mark,
        )
    if "special characters are not allowed" in problem or "unacceptable character" in problem:
        return "bad-character", "the file contains a control character that is not allowed", mark
    return "yaml-syntax", f"YAML syntax error: {problem}", mark


def _mark(exc: yaml.YAMLError) -> Position | None:
    if not isinstance(exc, yaml.MarkedYAMLError):
        return None
    mark = exc.problem_mark or exc.context_mark
    return (mark.line, mark.column) if mark else None


def _first_alias(text: str) -> Position | None:
    """Where the first alias (``*name``) is: the composed tree only knows the anchor."""
    try:
        for token in yaml.scan(text, Loader=yaml.CSafeLoader):
            if isinstance(token, yaml.AliasToken):
                return (token.start_mark.line, token.start_mark.column)
    except yaml.YAMLError:
        return None
    return None


def _char_at(text: str, position: Position | None) -> str:
    if position is None:
        return ""
    lines = text.split("\n")
    line, col = position
    return lines[line][col] if line < len(lines) and col < len(lines[line]) else ""


@dataclass
class Source:
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


@dataclass
class RawDocument:
    """A file that parsed to a mapping, waiting for its model."""

    kind: str  # team | proposal | feedback
    id: str
    source: Source
    data: dict[str, Any]
    body: str = ""
    body_line: int = 1


def _decode(rel: str, raw: bytes, diagnostics: Diagnostics, size: int | None = None) -> str | None:
    """Bytes → text, or None with a located diagnostic."""
    if len(raw) > MAX_BYTES:
        diagnostics.error(
            rel,
            START,
            "file-too-large",
            f"the file is {max(size or 0, len(raw)):,} bytes; the limit is 1 MiB"
            f" ({MAX_BYTES:,} bytes)",
        )
        return None
    if raw.startswith(b"\xef\xbb\xbf"):
        diagnostics.error(
            rel,
            START,
            "bom",
            "the file starts with a byte-order mark; save it as UTF-8 without BOM",
        )
        return None
    nul = raw.find(b"\x00")
    if nul != -1:
        diagnostics.error(
            rel,
            _byte_position(raw, nul),
            "nul-byte",
            "the file contains a NUL byte: is it a binary file or saved as UTF-16?",
        )
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        diagnostics.error(
            rel,
            _byte_position(raw, exc.start),
            "encoding",
            "the file is not valid UTF-8; save it as UTF-8",
        )
        return None
    if not text.strip():
        diagnostics.error(rel, START, "empty-file", "the file is empty")
        return None
    # Files saved on Windows: lines and columns stay the same without the '\r'.
    return text.replace("\r\n", "\n") if "\r" in text else text


def _byte_position(raw: bytes, offset: int) -> Position:
    line_start = raw.rfind(b"\n", 0, offset) + 1
    return (raw.count(b"\n", 0, offset) + 1, offset - line_start + 1)


def parse_yaml(source: Source, diagnostics: Diagnostics) -> dict[str, Any] | None:
    """The YAML of ``source`` as a mapping, or None with a located diagnostic."""
    try:
        data = load_yaml(source.yaml_text)
    except yaml.YAMLError as exc:
        code, message, where = explain_yaml_error(exc, source.yaml_text)
        position = source.text_position(*where) if where else (source.yaml_line, 1)
        diagnostics.error(source.rel, position, code, message)
        return None
    except RecursionError:
        diagnostics.error(
            source.rel, START, "too-deep", "the data is nested too deeply to be a commonplan file"
        )
        return None
    if data is None:
        diagnostics.error(source.rel, (source.yaml_line, 1), "empty-file", "the file has no fields")
        return None
    if not isinstance(data, dict):
        diagnostics.error(
            source.rel,
            source.position(),
            "not-a-mapping",
            "expected `field: value` lines at the top level of the file",
        )
        return None
    bad_key = next((k for k in data if not isinstance(k, str)), None)
    if bad_key is not None:
        diagnostics.error(
            source.rel,
            source.position(),
            "wrong-type",
            f"field names are words; {bad_key!r} is not",
        )
        return None
    return data


FRONT_MATTER_FENCE = re.compile(r"^---[ \t]*$")
FRONT_MATTER_END = re.compile(r"^(---|\.\.\.)[ \t]*$")


def split_front_matter(
    rel: str, text: str, diagnostics: Diagnostics
) -> tuple[Source, str, int] | None:
    """A proposal's text → (Source of its front matter, body, 1-based line of the body)."""
    lines = text.split("\n")
    if not FRONT_MATTER_FENCE.match(lines[0]):
        diagnostics.error(
            rel,
            START,
            "front-matter",
            "a proposal starts with a line '---', its fields, then another '---'; "
            "the first line is not '---'",
        )
        return None
    end = next((i for i in range(1, len(lines)) if FRONT_MATTER_END.match(lines[i])), None)
    if end is None:
        diagnostics.error(
            rel,
            START,
            "front-matter",
            "the front matter is never closed: add a line '---' after the last field",
        )
        return None
    yaml_text = "\n".join(lines[1:end]) + "\n"
    body = "\n".join(lines[end + 1 :])
    return Source(rel, text, yaml_text, yaml_line=2), body, end + 2


def read_file(
    path: Path, rel: str, kind: str, id_: str, diagnostics: Diagnostics
) -> RawDocument | None:
    """Read and parse one file of ``kind``; None (with diagnostics) when it cannot be used."""
    try:
        with path.open("rb") as stream:
            size = os.fstat(stream.fileno()).st_size
            # A huge file is refused by its size, without reading it.
            raw = stream.read() if size <= MAX_BYTES else stream.read(MAX_BYTES + 1)
    except OSError as exc:
        diagnostics.error(rel, START, "unreadable", f"the file cannot be read: {exc.strerror}")
        return None
    text = _decode(rel, raw, diagnostics, size)
    if text is None:
        return None
    return parse_document(rel, kind, id_, text, diagnostics)


def parse_document(
    rel: str, kind: str, id_: str, text: str, diagnostics: Diagnostics
) -> RawDocument | None:
    """Parse one file's text of ``kind``; None (with diagnostics) when it cannot be used."""
    if kind == "proposal":
        split = split_front_matter(rel, text, diagnostics)
        if split is None:
            return None
        source, body, body_line = split
    else:
        source, body, body_line = Source(rel, text, text), "", 1
    data = parse_yaml(source, diagnostics)
    if data is None:
        return None
    return RawDocument(kind, id_, source, data, body, body_line)


# --- Where files are -------------------------------------------------------------------------

FOLDERS = {"team": "teams", "proposal": "proposals", "feedback": "feedback"}
SUFFIXES = {"team": ".yml", "proposal": ".md", "feedback": ".yml"}


@dataclass(frozen=True)
class Entry:
    """A path found in a data folder, with what it should be."""

    kind: str
    path: Path
    rel: str
    folder_id: str | None = None  # feedback: the proposal folder it sits in


def _visible(path: Path) -> bool:
    return not path.name.startswith(".")


def discover(root: Path, diagnostics: Diagnostics) -> Iterator[Entry]:
    """Every data file under the repository, in a stable order.

    Anything in a data folder that is not a data file is reported, never silently skipped.
    """
    if not any((root / folder).exists() for folder in FOLDERS.values()):
        # Most likely the command was run in the wrong folder: say so rather than "all good".
        diagnostics.warning(
            ".",
            START,
            "no-data",
            "there is no teams/, proposals/ or feedback/ folder here: is this the strategy's"
            " repository?",
        )
    for kind in ("team", "proposal"):
        folder = root / FOLDERS[kind]
        if not _is_folder(folder, diagnostics):
            continue
        for path in sorted(folder.iterdir()):
            if _visible(path):
                yield from _entry(FOLDERS[kind], kind, path, None, diagnostics)
    folder = root / FOLDERS["feedback"]
    if not _is_folder(folder, diagnostics):
        return
    for sub in sorted(folder.iterdir()):
        if not _visible(sub):
            continue
        rel = _printable(sub.relative_to(root).as_posix())
        if sub.is_symlink():
            diagnostics.error(
                rel,
                START,
                "not-a-file",
                "this is a link to another folder; feedback folders must be real folders here",
            )
            continue
        if not sub.is_dir():
            diagnostics.error(
                rel,
                START,
                "misplaced-file",
                "feedback files go in a folder named after their proposal: "
                f"feedback/<proposal-id>/{sub.name}",
            )
            continue
        for path in sorted(sub.iterdir()):
            if _visible(path):
                yield from _entry(
                    f"{folder.name}/{sub.name}", "feedback", path, sub.name, diagnostics
                )


def _is_folder(folder: Path, diagnostics: Diagnostics) -> bool:
    """A data folder may be absent (nothing of that kind yet), but not a file."""
    if folder.exists() and not folder.is_dir():
        diagnostics.error(
            folder.name,
            START,
            "not-a-folder",
            f"'{folder.name}' should be a folder holding the data files, but it is a file",
        )
    return folder.is_dir()


def _printable(rel: str) -> str:
    """A path as text that can always be printed: undecodable bytes become '�'."""
    return rel.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _entry(
    parent: str, kind: str, path: Path, folder_id: str | None, diagnostics: Diagnostics
) -> Iterator[Entry]:
    """``parent`` is the folder as shown to people (`teams`, `feedback/carers-breaks`)."""
    rel = f"{parent}/{path.name}"
    if _printable(rel) != rel:
        diagnostics.error(
            _printable(rel),
            START,
            "bad-id",
            "the file name is not UTF-8 text, so it cannot be an id: rename it with lowercase"
            " letters, digits and '-'",
        )
        return
    suffix = SUFFIXES[kind]
    if path.suffix != suffix:
        if path.suffix in {".yaml", ".markdown"} or (kind != "proposal" and path.suffix == ".md"):
            diagnostics.error(
                rel,
                START,
                "wrong-extension",
                f"{FOLDERS[kind]}/ files end in '{suffix}'; rename it to '{path.stem}{suffix}'",
            )
        else:
            diagnostics.warning(
                rel,
                START,
                "not-data",
                f"not a {kind} file (those end in '{suffix}'), so it is not read",
            )
        return
    # One lstat call answers every question; this runs for every file of the repository.
    try:
        mode = path.lstat().st_mode
    except OSError:
        mode = 0
    if stat.S_ISLNK(mode):
        diagnostics.error(
            rel,
            START,
            "not-a-file",
            "this is a link to another file; data files must be real files here, since a link"
            " could publish a file from outside the repository",
        )
        return
    if stat.S_ISDIR(mode):
        diagnostics.error(
            rel, START, "not-a-file", f"expected a {kind} file here, but this is a folder"
        )
        return
    if not stat.S_ISREG(mode):
        diagnostics.error(rel, START, "not-a-file", "not a regular file (a broken link?)")
        return
    yield Entry(kind, path, rel, folder_id)
