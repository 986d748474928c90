"""Positions: the text-search shortcut agrees with the composed tree, and parsing rules."""

from __future__ import annotations

import pytest
import yaml

from commonplan.load.parse import FastLoader, load_yaml
from commonplan.load.positions import SourceText
from commonplan.load.read import source_of

from ..conftest import ROOT


def _composed(source: SourceText, name: str, key: bool) -> tuple[int, int]:
    """The position by way of the composed node tree (the slow, sure way)."""
    node = source._node_at((name,), key)
    assert node is not None
    return (source.yaml_line + node.start_mark.line, node.start_mark.column + 1)


def _sources() -> list[SourceText]:
    sources = []
    for path in sorted(ROOT.glob("teams/*.yml")) + sorted(ROOT.glob("feedback/*/*.yml")):
        text = path.read_text(encoding="utf-8")
        sources.append(SourceText(path.name, text, text))
    for path in sorted(ROOT.glob("proposals/*.md")):
        sources.append(source_of(path.name, "proposal", path.read_text(encoding="utf-8"))[0])
    return sources


@pytest.mark.parametrize("key", [False, True], ids=["value", "key"])
def test_top_level_shortcut_agrees_with_the_tree_on_every_demo_file(key: bool) -> None:
    checked = 0
    for source in _sources():
        for name in load_yaml(source.yaml_text):
            assert source.position((name,), key=key) == _composed(source, name, key), (
                source.rel,
                name,
            )
            checked += 1
    assert checked > 500


@pytest.mark.parametrize(
    "text",
    [
        "a: 1\nname: plain\n",
        "name: 'quoted'\n",
        'name:    "spaced"  # comment\n',
        "name: |\n  block\n",
        "name: # comment\n  value\n",
        "name:\n  value on the next line\n",
        "name:\n  - item\n",
        "{a: 1, name: flow}\n",
        "a: |\n  name: inside a block\nname: real\n",
        "? name\n: complex key\n",
        "'name': quoted key\n",
        "nam: x\nnamex: y\n",
    ],
)
@pytest.mark.parametrize("key", [False, True], ids=["value", "key"])
def test_tricky_layouts_give_the_same_position(text: str, key: bool) -> None:
    source = SourceText("x.yml", text, text)
    data = load_yaml(text)
    expected = _composed(source, "name", key) if "name" in data else (1, 1)
    assert source.position(("name",), key=key) == expected


def test_front_matter_positions_count_the_opening_line() -> None:
    text = "---\ntitle: T\nowner: someone\n---\n## Body\n"
    source, body, body_line = source_of("p.md", "proposal", text)
    assert source.position(("owner",)) == (3, 8)
    assert (body, body_line) == ("## Body\n", 5)


def test_scalars_follow_yaml_rules_but_dates_stay_text() -> None:
    data = load_yaml(
        "n: 3\nf: 1.5\nb: true\nnone: ~\ns: text\nd: 2026-11-02\nq: '3'\ne: ''\nneg: -2\neq: =\n"
    )
    assert data == {
        "n": 3,
        "f": 1.5,
        "b": True,
        "none": None,
        "s": "text",
        "d": "2026-11-02",
        "q": "3",
        "e": "",
        "neg": -2,
        "eq": "=",
    }


def test_the_lean_resolver_resolves_like_pyyaml_apart_from_dates() -> None:
    values = ["3", "0x1F", "1_000", "1.5e3", ".inf", "yes", "No", "null", "", "~", "<<", "x"]
    for value in values:
        ours = FastLoader(f"v: {value}\n")
        theirs = yaml.CSafeLoader(f"v: {value}\n")
        try:
            assert ours.get_single_node().value[0][1].tag == (
                theirs.get_single_node().value[0][1].tag
            ), value
        finally:
            ours.dispose()
            theirs.dispose()
