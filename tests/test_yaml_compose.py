"""libyaml's composer (the quick way) and the event stream (the careful way) read every text
alike: the same data, the same findings, every node at the same place."""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from standpoint import yamlnodes
from tests.paths import REPO

SNIPPETS = [
    "a: 1\nb: [x, ~, null, '', 'null']\nc: {d: e, f: !!null x}\n",
    "base: &b {x: 1, y: 2}\nmore:\n  <<: *b\n  y: 3\n",
    "a: !foo x\nb: ! ~\nc: !!str 2025-01-01\nd: !!python/object:os.system ls\n",
    "a: 1\na: 2\n? [k]\n: v\n? {k: 1}\n: w\n",
    "- - - a\n    - b\n  - c\n- d: e\n",
    "key: |\n  literal\n  text\nfolded: >\n  folded\n  text\n",
    "seq: &s [1, 2]\nuse: [*s, *s]\n",
    "",
    "# only a comment\n",
    "~\n",
]


def _places(node: Any, seen: set[int] | None = None) -> list[tuple[int, int, str | None]]:
    """Every node's place, tag and (scalar) value, in document order."""
    seen = set() if seen is None else seen
    if node is None or id(node) in seen:
        return []
    seen.add(id(node))
    line, col = node.start_mark.line + 1, node.start_mark.column + 1
    out = [(line, col, node.tag, node.value if isinstance(node.value, str) else None)]
    if isinstance(node, yaml.SequenceNode):
        for child in node.value:
            out += _places(child, seen)
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            out += _places(key, seen) + _places(value, seen)
    return out


def _data(root: Any) -> Any:
    try:
        return yamlnodes.to_data(root)
    except yamlnodes.YamlError as exc:  # an alias bomb: the same error, at the same place
        return exc.finding


def _alike(text: str) -> None:
    careful = yamlnodes._parse_events(text)
    quick = yamlnodes.parse(text)
    assert _places(quick) == _places(careful)
    assert _data(quick) == _data(careful)


@pytest.mark.parametrize("text", SNIPPETS)
def test_snippets_read_alike(text):
    assert yamlnodes._composable(text)
    _alike(text)


def test_every_yaml_file_of_the_repository_reads_alike():
    paths = sorted((REPO / "tests" / "fixtures").rglob("*.yaml")) + sorted(
        (REPO / "stances").rglob("*.yaml")
    )
    composed = 0
    for path in paths:
        try:
            text = path.read_bytes().decode("utf-8-sig")
            yamlnodes._parse_events(text)
        except (UnicodeDecodeError, yamlnodes.YamlError):
            continue
        composed += yamlnodes._composable(text)
        _alike(text)
    assert composed > 100


scalars = st.one_of(
    st.none(),
    st.text(max_size=12),
    st.sampled_from(["~", "null", "2025-02-30", "yes", "1e3", "<<", "- x", "a: b", "[x]"]),
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4)
    ),
    max_leaves=20,
)


@settings(max_examples=150, deadline=None)
@given(values, st.booleans(), st.integers(min_value=2, max_value=6))
def test_any_dumped_data_reads_alike(value, flow, indent):
    text = yaml.safe_dump(value, default_flow_style=flow, indent=indent, allow_unicode=True)
    _alike(text)


@pytest.mark.parametrize(
    "text",
    [
        "a: " + "[" * 150 + "]" * 150 + "\n",
        "".join(" " * i + f"k{i}:\n" for i in range(120)) + " " * 120 + "v: 1\n",
        "a: 1\u2028b: 2\n",
        "a: 1\n---\nb: 2\n",
    ],
)
def test_deep_odd_or_broken_text_is_read_from_the_event_stream(text):
    if yamlnodes._composable(text):  # the one broken text: composing fails, the stream tells
        with pytest.raises(yamlnodes.YamlError) as caught:
            yamlnodes.parse(text)
        assert caught.value.finding.code == "yaml-syntax"
        return
    try:
        expected: Any = _places(yamlnodes._parse_events(text))
    except yamlnodes.YamlError as exc:
        expected = exc.finding
    try:
        found: Any = _places(yamlnodes.parse(text))
    except yamlnodes.YamlError as exc:
        found = exc.finding
    assert found == expected
