"""The YAML reader's places and limits, and the compiled schema check agreeing with jsonschema."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from standpoint import yamlnodes
from standpoint.loader import _VALIDATORS, schema_valid
from tests.paths import REPO

FIXTURES = REPO / "tests" / "fixtures"

KINDS = {
    "issues.yaml": "issues",
    "actors.yaml": "actors",
    "events.yaml": "events",
    "sources.yaml": "sources",
}


def read(text: str):
    return yamlnodes.to_data(yamlnodes.parse(text))


@pytest.mark.parametrize("brk", ["\x85", "\u2028", "\u2029"])
def test_places_count_lines_as_editors_do(brk: str) -> None:
    text = f"a: 'x{brk}y'\nb: 1\n{brk}c: [2, {brk}3]\n"
    root = yamlnodes.parse(text)
    assert yamlnodes.key_position(root, (), "b") == (2, 1)
    assert yamlnodes.key_position(root, (), "c") == (3, 2)
    assert yamlnodes.locate(root, ("c", 1)) == (3, 10)
    with pytest.raises(yamlnodes.YamlError) as caught:
        yamlnodes.parse(f"a: 1\n{brk}b: [\n")
    assert caught.value.finding.line <= 2


def test_values_written_out_are_not_counted_as_alias_expansion() -> None:
    many = yamlnodes.MAX_EXPANDED_NODES + 50_000
    data, findings = read("items:\n" + "- 1\n" * many)
    assert len(data["items"]) == many
    assert findings == []


def test_aliases_still_expand_within_the_budget_only() -> None:
    ten = "[" + ", ".join(["x"] * 10) + "]"
    lines = [f"a0: &a0 {ten}"]
    for i in range(1, 7):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]")
    with pytest.raises(yamlnodes.YamlError) as caught:
        read("\n".join(lines) + "\n")
    assert caught.value.finding.code == "yaml-limit"
    small = read("a: &a [1, 2]\nb: [*a, *a, *a]\n")[0]
    assert small["b"] == [["1", "2"]] * 3  # scalars are kept as text


def _kind(path: Path) -> str:
    return KINDS.get(path.name, "positions")


def _documents() -> list[tuple[str, object]]:
    found = []
    for root in (FIXTURES, REPO / "stances"):
        for path in sorted(root.rglob("*.yaml")):
            try:
                data, _ = read(path.read_text(encoding="utf-8"))
            except (UnicodeDecodeError, yamlnodes.YamlError):
                continue
            found.append((_kind(path), data))
    return found


def test_the_compiled_check_agrees_with_jsonschema_on_every_fixture() -> None:
    documents = _documents()
    assert len(documents) > 300
    invalid = 0
    for kind, data in documents:
        expected = not any(True for _ in _VALIDATORS[kind].iter_errors(data))
        assert schema_valid(kind, data) == expected, (kind, data)
        invalid += not expected
    assert invalid >= 20  # the broken fixtures do reach the schema


_scalar = st.one_of(
    st.none(), st.booleans(), st.integers(), st.text(max_size=12), st.sampled_from(["2025-02-17"])
)
_values = st.recursive(
    _scalar,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(
            st.sampled_from(["id", "name", "kind", "issue", "date", "stance", "quote", "x"]),
            inner,
            max_size=4,
        ),
    ),
    max_leaves=12,
)


@settings(max_examples=300, deadline=None)
@given(kind=st.sampled_from(sorted(_VALIDATORS)), data=_values)
def test_the_compiled_check_agrees_with_jsonschema_on_any_value(kind: str, data) -> None:
    expected = not any(True for _ in _VALIDATORS[kind].iter_errors(data))
    assert schema_valid(kind, data) == expected


def test_an_unclosed_bracket_is_told_where_it_was_opened() -> None:
    with pytest.raises(yamlnodes.YamlError) as caught:
        yamlnodes.parse("actor: x\npositions:\n  - issue: [a, b\n    date: 2025\n")
    found = caught.value.finding
    assert found.code == "yaml-syntax"
    assert (found.line, found.col) == (4, 9)
    assert "(begun on line 3)" in found.fields["problem"]
