"""JSON Schemas for editors, generated from :mod:`standpoint.schema` (the validator's own).

``python -m standpoint schema [--out DIR]`` writes one file per kind (``issues.schema.json``,
``actors.schema.json``, ``positions.schema.json``, ``sources.schema.json``,
``events.schema.json``); the repository ships them in ``schemas/`` and a test fails when they
drift from the code. A data file names its schema on its first line::

    # yaml-language-server: $schema=../schemas/positions.schema.json

so that VS Code (the YAML extension), Neovim (yamlls) and JetBrains editors complete field
names and stance levels and flag mistakes while typing.

The schemas describe the files as an editor's YAML 1.2 reader sees them, and as a YAML 1.1
reader (PyYAML) does once carried as JSON. A bare scalar is text to the validator, but a number
or a boolean to such a reader: ``date: 2008`` is an integer, ``2025-02-17`` a string (a YAML 1.1
reader's date, carried as the same string), ``label: yes`` a boolean to YAML 1.1. So where the
format wants text, a number or boolean is accepted too; where it wants a date, a four-digit
integer (a year); an id may be a whole number. Checks that need more than one file (references,
quotes, duplicates) and real calendar dates are left to ``validate``.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from .scale import EVIDENCE, EVIDENCE_LABEL, LEVELS
from .schema import DATE, FILE_SCHEMAS, SLUG

DRAFT = "https://json-schema.org/draft/2020-12/schema"
TITLES = {
    "issues": "Standpoint issues (stances/issues.yaml)",
    "actors": "Standpoint actors and groups (stances/actors.yaml)",
    "positions": "Standpoint positions of one actor (stances/<actor>.yaml)",
    "sources": "Standpoint source registry (seeds/sources.yaml)",
    "events": "Standpoint events (stances/events.yaml)",
}
# the file a data file of each kind lives in, relative to the data directory (positions: any)
KIND_OF_FILE = {
    "stances/issues.yaml": "issues",
    "stances/actors.yaml": "actors",
    "stances/events.yaml": "events",
    "seeds/sources.yaml": "sources",
}
_SCALARS = [{"type": "string"}, {"type": "number"}, {"type": "boolean"}]
_ENUM_WORDS = {
    "stance": {level.key: f"{level.label} ({level.value:+d}, {level.symbol})" for level in LEVELS},
    "evidence": {key: EVIDENCE_LABEL[key] for key in EVIDENCE},
}


def kind_of(rel: str) -> str:
    """The kind of the data file at ``rel`` (relative to the data directory)."""
    return KIND_OF_FILE.get(rel, "positions")


def file_name(kind: str) -> str:
    return f"{kind}.schema.json"


def editor_schema(kind: str) -> dict[str, Any]:
    """The JSON Schema of a file of ``kind`` for editors (see the module's docstring)."""
    schema = _editor(copy.deepcopy(FILE_SCHEMAS[kind]), None)
    return {"$schema": DRAFT, "title": TITLES[kind], **schema}


def _editor(node: Any, name: str | None) -> Any:
    if isinstance(node, list):
        return [_editor(item, None) for item in node]
    if not isinstance(node, dict):
        return node
    node.pop("x-code", None)
    if "properties" in node:
        node["properties"] = {k: _editor(v, k) for k, v in node["properties"].items()}
    if "items" in node:
        node["items"] = _editor(node["items"], None)
    if node.get("type") != "string":
        return node
    description = node.get("description")
    head = {"description": description} if description else {}
    if name in _ENUM_WORDS:  # a closed list: each value with its meaning
        words = _ENUM_WORDS[name]
        return {
            **head,
            "type": "string",
            "enum": list(words),
            "enumDescriptions": list(words.values()),
            "markdownEnumDescriptions": [f"`{k}`: {v}" for k, v in words.items()],
        }
    if "enum" in node:
        return node
    pattern = node.get("pattern")
    if pattern == DATE:
        year = {"type": "integer", "minimum": 1000, "maximum": 9999}
        return {**head, "anyOf": [{"type": "string", "pattern": DATE}, year]}
    if pattern == SLUG:
        return {
            **head,
            "anyOf": [{"type": "string", "pattern": SLUG}, {"type": "integer", "minimum": 0}],
        }
    if pattern is not None:
        return node
    return {**head, "anyOf": _SCALARS}


def render(kind: str) -> str:
    """The text of the schema file of ``kind``, as shipped in schemas/."""
    return json.dumps(editor_schema(kind), indent=2, ensure_ascii=False) + "\n"


def write_all(out: Path) -> list[Path]:
    """Write every kind's schema into ``out``; the paths written."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in FILE_SCHEMAS:
        path = out / file_name(kind)
        path.write_text(render(kind), encoding="utf-8")
        written.append(path)
    return written


def modeline(rel: str, schemas: str = "schemas") -> str:
    """The first line naming the schema of the data file at ``rel`` (relative to the data
    directory, whose ``schemas`` folder holds the schemas)."""
    up = "../" * (len(Path(rel).parts) - 1)
    return f"# yaml-language-server: $schema={up}{schemas}/{file_name(kind_of(rel))}"
