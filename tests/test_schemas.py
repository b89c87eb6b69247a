"""The JSON Schemas editors use: generated from the validator's own schema, shipped in
schemas/ without drift, accepting the data as YAML 1.2 (ruamel.yaml) and YAML 1.1 (PyYAML) read
it, and rejecting the broken fixtures whose fault lies in a file's own structure."""

from __future__ import annotations

import datetime as dt
import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator
from ruamel.yaml import YAML

from standpoint.loader.reading import read
from standpoint.loader.schema_errors import schema_valid
from standpoint.schemas import editor_schema, file_name, kind_of, modeline, render
from tests.paths import REPO, UNGA

SCHEMAS = REPO / "schemas"
FIXTURES = REPO / "tests" / "fixtures"
KINDS = ["issues", "actors", "positions", "sources", "events"]
VALIDATORS = {kind: Draft202012Validator(editor_schema(kind)) for kind in KINDS}


def data_files(root: Path) -> list[str]:
    files = [p.relative_to(root).as_posix() for p in sorted((root / "stances").rglob("*.yaml"))]
    return files + (["seeds/sources.yaml"] if (root / "seeds" / "sources.yaml").exists() else [])


def as_json(data: Any) -> Any:
    """What JSON carries of a reader's data: a YAML 1.1 date becomes its ISO string."""

    def default(value: Any) -> str:
        if isinstance(value, dt.date | dt.datetime):
            return value.isoformat()
        raise TypeError(type(value).__name__)

    return json.loads(json.dumps(data, default=default))


def yaml12(text: str) -> Any:
    return YAML(typ="safe", pure=True).load(io.StringIO(text))


def yaml11(text: str) -> Any:
    return yaml.safe_load(text)


READERS = {"YAML 1.2 (ruamel.yaml)": yaml12, "YAML 1.1 (PyYAML)": yaml11}


def errors(kind: str, data: Any) -> list[str]:
    return [e.message for e in VALIDATORS[kind].iter_errors(as_json(data))]


@pytest.mark.parametrize("kind", KINDS)
def test_shipped_schemas_are_what_the_code_generates(kind):
    assert (SCHEMAS / file_name(kind)).read_text(encoding="utf-8") == render(kind), (
        "schemas/ drifted from standpoint/schema.py: run python -m standpoint schema"
    )


def test_the_command_writes_every_schema(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "standpoint", "schema", "--out", str(tmp_path / "s")],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (tmp_path / "s").iterdir()) == sorted(map(file_name, KINDS))
    for kind in KINDS:
        assert (tmp_path / "s" / file_name(kind)).read_text(encoding="utf-8") == render(kind)


def test_stance_and_evidence_are_lists_with_their_meanings():
    position = editor_schema("positions")["properties"]["positions"]["items"]["properties"]
    assert position["stance"]["enum"] == [
        "support",
        "lean-support",
        "ambiguous",
        "lean-oppose",
        "oppose",
    ]
    assert len(position["stance"]["enumDescriptions"]) == 5
    assert position["evidence"]["enum"] == ["stated", "reported", "inferred"]
    assert all(position["evidence"]["enumDescriptions"])
    assert "x-code" not in json.dumps(editor_schema("positions"))


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize("root", [REPO, UNGA, FIXTURES / "valid"], ids=["shipped", "un", "valid"])
def test_the_schemas_accept_the_valid_data(root, reader):
    for rel in data_files(root):
        data = READERS[reader]((root / rel).read_text(encoding="utf-8"))
        assert errors(kind_of(rel), data) == [], rel


def test_a_bare_year_and_a_date_read_either_way():
    text = "events:\n  - date: 2008\n    label: 2024\n  - date: 2025-02-17\n    label: yes\n"
    for reader in READERS.values():
        assert errors("events", reader(text)) == []
    assert errors("events", yaml12("events:\n  - date: 20080\n    label: x\n"))


def structural_cases() -> list[tuple[str, str]]:
    """(case, file) for each broken fixture file that the validator's own schema rejects."""
    found = []
    for case in sorted(p for p in (FIXTURES / "broken").iterdir() if p.is_dir()):
        for rel in data_files(case):
            doc = read(case, rel, kind_of(rel))
            if doc.readable and not schema_valid(kind_of(rel), doc.data):
                found.append((case.name, rel))
    return found


STRUCTURAL = structural_cases()


def test_the_structural_faults_cover_every_kind_of_mistake():
    names = {case.rsplit("-", 1)[0] for case, _ in STRUCTURAL} | {c for c, _ in STRUCTURAL}
    for fault in [
        "field-missing",
        "field-unknown",
        "type",
        "stance-invalid",
        "evidence-invalid",
        "id-invalid",
        "date-invalid",
    ]:
        assert any(n.startswith(fault) for n in names), fault


@pytest.mark.parametrize(("case", "rel"), STRUCTURAL)
def test_the_schemas_reject_a_broken_structure(case, rel):
    text = (FIXTURES / "broken" / case / rel).read_text(encoding="utf-8")
    for name, reader in READERS.items():
        try:
            data = reader(text)
        except Exception:  # this reader cannot read it at all (e.g. a tag it refuses)
            continue
        assert errors(kind_of(rel), data), (name, case, rel)


def test_every_shipped_data_file_names_its_schema():
    for rel in data_files(REPO):
        first = (REPO / rel).read_text(encoding="utf-8").splitlines()[0]
        assert first == modeline(rel), rel
        target = (REPO / rel).parent / first.split("$schema=", 1)[1]
        assert target.resolve() == (SCHEMAS / file_name(kind_of(rel))).resolve()
