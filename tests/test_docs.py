"""Every field of the format and every problem code is documented for maintainers."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from standpoint.problems import CODES
from standpoint.schema import FILE_SCHEMAS

DOC = (Path(__file__).resolve().parent.parent / "docs" / "format.md").read_text(encoding="utf-8")


def fields(schema, prefix=""):
    for name, sub in schema.get("properties", {}).items():
        yield f"{prefix}{name}"
        item = sub.get("items", sub)
        yield from fields(item, f"{prefix}{name}.")


ALL_FIELDS = sorted({f.split(".")[-1] for s in FILE_SCHEMAS.values() for f in fields(s)})


@pytest.mark.parametrize(
    "name",
    [
        f
        for f in ALL_FIELDS
        if f not in {"support", "lean-support", "ambiguous", "lean-oppose", "oppose"}
    ],
)
def test_every_field_is_in_a_table_of_the_docs(name):
    assert re.search(rf"^\| `{re.escape(name)}`", DOC, re.MULTILINE), name


@pytest.mark.parametrize("code", sorted(CODES))
def test_every_problem_code_is_documented(code):
    assert f"| `{code}` |" in DOC


@pytest.mark.parametrize("key", ["support", "lean-support", "ambiguous", "lean-oppose", "oppose"])
def test_every_level_is_documented(key):
    assert f"| `{key}` |" in DOC


EXPORTS = (Path(__file__).resolve().parent.parent / "docs" / "exports.md").read_text(
    encoding="utf-8"
)


def test_every_deck_key_and_chart_option_is_in_the_exports_doc():
    import argparse

    from standpoint.cli import _parser
    from standpoint.exports import DECK_KEYS

    for key in sorted(DECK_KEYS):
        assert re.search(rf"^\| `{re.escape(key)}` \|", EXPORTS, re.MULTILINE), key
    commands = next(
        a for a in _parser()._actions if isinstance(a, argparse._SubParsersAction)
    ).choices
    for action in commands["chart"]._actions:
        for flag in action.option_strings:
            if flag.startswith("--") and flag not in ("--help", "--output"):
                assert f"[{flag}" in EXPORTS, flag
