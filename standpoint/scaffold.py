"""``python -m standpoint new position|actor|issue|source|event``: append a valid entry.

The entry is appended to the right file with ruamel.yaml's round trip, set as the shipped files
are laid out (``indent(mapping=2, sequence=4, offset=2)``, a wide ``width``,
``preserve_quotes``), so comments, key order and layout survive. Before anything is written:

1. the new text is checked to differ from the old only by added lines (byte for byte outside
   the new entry), else nothing is written and the reason is told;
2. the data directory is validated with the new text in place (a copy in a temporary folder):
   an error the entry would bring (an unknown id, a quote not in its source's text, a date in
   the future...) leaves the file untouched and is told, with its hint.
"""

from __future__ import annotations

import datetime as dt
import difflib
import io
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from .entry_fields import CITATION, CITATION_NAMES, FIELDS, Field
from .loader import load
from .problems import Problem
from .schemas import modeline

ISSUES = "stances/issues.yaml"
ACTORS = "stances/actors.yaml"
EVENTS = "stances/events.yaml"
SOURCES = "seeds/sources.yaml"


class ScaffoldError(Exception):
    """The entry cannot be written; the message says why (the file is left untouched)."""

    def __init__(self, message: str, problems: list[Problem] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []


def yaml() -> YAML:
    """The round-trip reader and writer, set as the shipped files are laid out."""
    y = YAML()
    y.indent(mapping=2, sequence=4, offset=2)
    y.width = 4096
    y.preserve_quotes = True
    return y


def round_trip(text: str) -> str:
    """``text`` read and written again (unchanged for the shipped and UN files)."""
    y = yaml()
    out = io.StringIO()
    y.dump(y.load(text), out)
    return out.getvalue()


def missing(kind: str, values: dict[str, Any]) -> list[Field]:
    found = [f for f in FIELDS[kind] if f.required and not values.get(f.name)]
    if kind == "position" and not values.get("source"):
        found += [
            f for f in CITATION if f.name in ("outlet", "published") and not values.get(f.name)
        ]
    return found


def ask_missing(kind: str, values: dict[str, Any], ask: Callable[[str], str]) -> dict[str, Any]:
    """``values`` with each missing required field asked for."""
    values = dict(values)
    for f in missing(kind, values):
        answer = ask(f"{f.name} ({f.prompt}): ").strip()
        if answer:
            values[f.name] = answer
    return values


def _scalar(name: str, value: str) -> Any:
    """A value as the shipped files write it: dates plain, quotes in double quotes."""
    if name in ("date", "published"):
        try:
            return (
                dt.date.fromisoformat(value)
                if len(value) == 10
                else (int(value) if len(value) == 4 and value.isdigit() else value)
            )
        except ValueError:
            return value  # the validator will say what is wrong with it
    if name == "quote":
        return DoubleQuotedScalarString(value)
    return value


def entry(kind: str, values: dict[str, Any]) -> CommentedMap:
    """The new record, its keys in the format's order."""
    item = CommentedMap()
    for f in FIELDS[kind]:
        value = values.get(f.name)
        citing = kind == "position" and (f.name == "actor" or f.name in CITATION_NAMES)
        if not value or citing:
            continue
        if f.many:
            seq = CommentedSeq([v.strip() for v in str(value).split(",") if v.strip()])
            seq.fa.set_flow_style()
            item[f.name] = seq
        else:
            item[f.name] = _scalar(f.name, str(value))
    if kind == "position":
        cite = CommentedMap()
        for f in CITATION:
            if values.get(f.name):
                cite[f.name] = _scalar(f.name, str(values[f.name]))
        item["sources"] = CommentedSeq([cite])
    return item


def target(root: Path, kind: str, values: dict[str, Any]) -> tuple[str, str, str]:
    """(file, list key, text of the file as it is: for a new positions file, its start)."""
    if kind == "position":
        actor = str(values["actor"])
        ds = load(root, cache=False)
        files = [f for f, about in ds.file_actors.items() if about == actor]
        rel = files[0] if files else f"stances/{actor}.yaml"
        path = root / rel
        if path.exists():
            return rel, "positions", path.read_text(encoding="utf-8")
        return rel, "positions", f"{modeline(rel)}\nactor: {actor}\npositions: []\n"
    rel, key = {
        "actor": (ACTORS, "actors"),
        "issue": (ISSUES, "issues"),
        "source": (SOURCES, "sources"),
        "event": (EVENTS, "events"),
    }[kind]
    path = root / rel
    text = path.read_text(encoding="utf-8") if path.exists() else f"{modeline(rel)}\n{key}: []\n"
    return rel, key, text


def appended(text: str, key: str, item: CommentedMap) -> str:
    """``text`` with ``item`` appended to its list under ``key``; only lines added."""
    y = yaml()
    data = y.load(text)
    if not isinstance(data, dict):
        raise ScaffoldError("the file is not a mapping; fix it first (validate says how)")
    seq = data.get(key)
    if seq is None:
        seq = data[key] = CommentedSeq()
    if not isinstance(seq, list):
        raise ScaffoldError(f"{key}: is not a list; fix it first (validate says how)")
    if isinstance(seq, CommentedSeq):
        seq.fa.set_block_style()
    seq.append(item)
    out = io.StringIO()
    y.dump(data, out)
    new = out.getvalue()
    before = text.replace("positions: []\n", "positions:\n").replace(f"{key}: []\n", f"{key}:\n")
    ops = difflib.SequenceMatcher(None, before.splitlines(True), new.splitlines(True), False)
    if any(op not in ("equal", "insert") for op, *_ in ops.get_opcodes()):
        raise ScaffoldError(
            "writing the entry would change the file beyond it (its layout is not one this "
            "tool keeps byte for byte); add the entry by hand"
        )
    return new


def _copy(root: Path, dest: Path) -> None:
    def link_or_copy(src: str, dst: str) -> None:
        try:
            os.link(src, dst)
        except OSError:
            shutil.copy2(src, dst)

    for part in ("stances", "seeds"):
        if (root / part).is_dir():
            shutil.copytree(root / part, dest / part, copy_function=link_or_copy)


def _key(p: Problem) -> tuple[str, str, str]:
    return (p.path, p.code, p.message)


def add(root: Path, kind: str, values: dict[str, Any]) -> tuple[str, list[Problem]]:
    """Append the entry; (the file written, warnings). Raises :class:`ScaffoldError` (with the
    problems it would bring) and writes nothing when the entry would be invalid."""
    lacking = missing(kind, values)
    if lacking:
        names = ", ".join(f"--{f.name}" for f in lacking)
        raise ScaffoldError(f"missing: {names}")
    rel, key, text = target(root, kind, values)
    new = appended(text, key, entry(kind, values))
    before = load(root, cache=False)
    with tempfile.TemporaryDirectory(prefix="standpoint-new-") as tmp:
        copy = Path(tmp)
        _copy(root, copy)
        (copy / rel).unlink(missing_ok=True)  # a linked file must not be written through
        (copy / rel).parent.mkdir(parents=True, exist_ok=True)
        (copy / rel).write_text(new, encoding="utf-8")
        after = load(copy, cache=False)
    old = {_key(p) for p in before.problems}
    brought = [p for p in after.problems if _key(p) not in old]
    if brought or len(after.problems) > len(before.problems):
        raise ScaffoldError(f"the new {kind} would not be valid; {rel} is left untouched", brought)
    old_warnings = {_key(p) for p in before.warnings}
    warnings = [p for p in after.warnings if _key(p) not in old_warnings]
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(new, encoding="utf-8")
    return rel, warnings
