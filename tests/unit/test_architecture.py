"""The layers of docs/architecture.md hold: every module is in a family, and imports only
what its family may (the table in the doc is the rule this test reads)."""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "scripts" / "commonplan"
DOC = ROOT / "docs" / "architecture.md"
MAX_LINES = 400

# Libraries only one part of the package may use: the boundary each sits behind.
ONLY = {
    "click": ("cli.",),
    "github": ("github.client",),  # PyGithub
    "requests": ("github.client",),
    "mkdocs": ("site.plugin",),
}
# Reading the clock: only where a command or a build starts.
CLOCK_READERS = ("repository", "site.", "cli.")


@dataclass(frozen=True)
class Layer:
    family: str
    members: tuple[str, ...]  # "model", "load/" (a folder), "site/plugin" (one module)
    may_import: frozenset[str]


def layers() -> list[Layer]:
    text = DOC.read_text(encoding="utf-8")
    section = text.split("## Layers", 1)[1].split("\n## ", 1)[0]
    found = []
    for line in section.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) != 4 or cells[0] in ("family", "---"):
            continue
        members = tuple(re.findall(r"`([^`]+)`", cells[1]))
        may = frozenset(word.strip() for word in cells[3].split(","))
        found.append(Layer(cells[0], members, may))
    return found


def modules() -> dict[str, Path]:
    """Dotted module name (without 'commonplan.') → file."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def family_of(module: str, table: list[Layer]) -> str | None:
    best: tuple[int, str] | None = None
    for layer in table:
        for member in layer.members:
            prefix = member.rstrip("/").replace("/", ".")
            matches = (
                module == prefix or module.startswith(prefix + ".")
                if member.endswith("/")
                else module == prefix
            )
            if matches and (best is None or len(prefix) > best[0]):
                best = (len(prefix), layer.family)
    if best is None and module in ("", "site"):  # the packages' own __init__ files
        return "core" if module == "" else "site"
    return best[1] if best else None


def _type_checking_only(tree: ast.Module) -> set[int]:
    """Line numbers of imports inside `if TYPE_CHECKING:` (never run, so no dependency)."""
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and getattr(node.test, "id", None) == "TYPE_CHECKING":
            for inner in node.body:
                lines.update(range(inner.lineno, (inner.end_lineno or inner.lineno) + 1))
    return lines


def imports(path: Path, known: set[str]) -> set[str]:
    """What a module imports: package modules by dotted name, other libraries by top name."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = _type_checking_only(tree)
    found: set[str] = set()
    for node in ast.walk(tree):
        if getattr(node, "lineno", 0) in skipped:
            continue
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"{path.name}: the package imports absolutely"
            module = node.module or ""
            for alias in node.names:
                child = f"{module}.{alias.name}"
                sub = child.removeprefix("commonplan.")
                found.add(child if sub in known else module)
    result = set()
    for name in found:
        if name == "commonplan" or name.startswith("commonplan."):
            result.add(name.removeprefix("commonplan").removeprefix("."))
        else:
            result.add("EXT:" + name.split(".")[0])
    return result


TABLE = layers()
MODULES = modules()


def test_the_doc_has_the_table() -> None:
    assert {layer.family for layer in TABLE} >= {"core", "load", "github", "render", "cli"}


@pytest.mark.parametrize("module", sorted(MODULES))
def test_every_module_is_in_a_family(module: str) -> None:
    assert family_of(module, TABLE) is not None, f"add {module} to docs/architecture.md"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_follow_the_layers(module: str) -> None:
    family = family_of(module, TABLE)
    allowed = next(layer.may_import for layer in TABLE if layer.family == family)
    wrong = {}
    for target in imports(MODULES[module], set(MODULES)):
        if target.startswith("EXT:"):
            continue
        target_family = family_of(target, TABLE)
        if target_family != family and target_family not in allowed:
            wrong[target] = target_family
    assert wrong == {}, f"{module} ({family}) may import only {sorted(allowed)}"


@pytest.mark.parametrize("library", sorted(ONLY))
def test_a_library_is_used_behind_its_one_boundary(library: str) -> None:
    users = sorted(m for m, p in MODULES.items() if f"EXT:{library}" in imports(p, set(MODULES)))
    assert users, f"nothing imports {library}: is the check looking in the right place?"
    outside = [m for m in users if not m.startswith(ONLY[library])]
    assert outside == []


def test_only_the_entry_points_read_the_clock() -> None:
    readers = sorted(m for m, p in MODULES.items() if "clock" in imports(p, set(MODULES)))
    assert readers
    assert [m for m in readers if not m.startswith(CLOCK_READERS)] == []


@pytest.mark.parametrize("module", sorted(set(MODULES) - {"clock"}))
def test_nothing_else_asks_the_system_for_the_date(module: str) -> None:
    """`clock.today` is the one place (it also honours SOURCE_DATE_EPOCH)."""
    source = MODULES[module].read_text(encoding="utf-8")
    assert not re.search(r"\b(?:date\.today|datetime\.(?:now|today|utcnow))\(", source)


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_module_is_too_long_to_read(module: str) -> None:
    lines = MODULES[module].read_text(encoding="utf-8").count("\n")
    assert lines <= MAX_LINES, f"{module} has {lines} lines; split it by what it does"


def test_the_rules_catch_a_wrong_import(tmp_path: Path) -> None:
    """The checker itself: a render module importing the GitHub loop is refused."""
    bad = tmp_path / "bad.py"
    bad.write_text("from commonplan.github.ingest import ingest\nimport click\n")
    found = imports(bad, set(MODULES))
    assert found == {"github.ingest", "EXT:click"}
    render = next(layer for layer in TABLE if layer.family == "render")
    assert family_of("github.ingest", TABLE) not in render.may_import
