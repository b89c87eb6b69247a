"""Reading and decoding: one file's bytes into a :class:`Document` with its tree and data."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .. import yamlnodes
from .salvage import Document, Where
from .schema_errors import check_schema
from .store import MAX_TEXT_BYTES, MAX_YAML_BYTES, local_text, text_state

ISSUES = "stances/issues.yaml"
ACTORS = "stances/actors.yaml"
EVENTS = "stances/events.yaml"
SOURCES = "seeds/sources.yaml"
SPECIAL = {ISSUES, ACTORS, EVENTS}
KIND_OF_FILE = {ISSUES: "issues", ACTORS: "actors", EVENTS: "events", SOURCES: "sources"}


def positions_files(root: Path) -> list[str]:
    """Every positions file under ``root``'s stances/, relative to ``root``, sorted."""
    stances = root / "stances"
    if not stances.is_dir():
        return []
    files = sorted(p.relative_to(root).as_posix() for p in stances.rglob("*.yaml") if p.is_file())
    return [rel for rel in files if rel not in SPECIAL]


def read(root: Path, rel: str, kind: str) -> Document:
    """Read, decode, parse and schema-check the file ``rel`` (a file of ``kind``)."""
    doc = Document(rel)
    path = root / rel
    try:
        size = path.stat().st_size
        if size > MAX_YAML_BYTES:
            doc.report((1, 1), "file-too-large", size=size, limit=MAX_YAML_BYTES)
            return doc
        raw = path.read_bytes()
    except OSError as exc:
        doc.report(
            (1, 1),
            "data-dir",
            message=f"cannot read the file: {exc.strerror}",
            hint="check the file's permissions",
        )
        return doc
    text = decode(doc, raw)
    if text is None:
        return doc
    try:
        doc.root = yamlnodes.parse(text)
        doc.data, findings = yamlnodes.to_data(doc.root)
    except yamlnodes.YamlError as exc:
        found = exc.finding
        doc.report((found.line, found.col), found.code, **found.fields)
        return doc
    for found in findings:
        doc.report((found.line, found.col), found.code, fault=found.path, **found.fields)
        if found.code == "yaml-tag" and found.path is not None:
            doc.unread.append(found.path)
    doc.readable = True
    check_schema(doc, kind)
    return doc


def decode(doc: Document, raw: bytes) -> str | None:
    """The text of ``raw`` (UTF-8, with or without a byte-order mark), or ``None`` reported."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        doc.report((line, col), "encoding", byte=raw[exc.start], offset=exc.start)
        return None
    if "\x00" in text:
        offset = text.index("\x00")
        line = text.count("\n", 0, offset) + 1
        doc.report((line, 1), "encoding", byte=0, offset=offset)
        return None
    return text


def read_text(
    root: Path, doc: Document, path: Where, ident: str, file: str, seen: list | None = None
) -> str | None:
    """The local text of the source at ``path`` in ``doc``: ``seeds/<file>``, or ``None``
    reported (missing, outside seeds/, too large, not UTF-8). What was found is added to
    ``seen`` (:func:`.store.text_state`), for the cache of ``validate``'s result."""
    where = doc.at((*path, "file"))
    how, target, raw = local_text(root, file)
    state = text_state(root, file, how, target, raw)
    if seen is not None:
        seen.append(state)
    if target is None:
        why = "does not exist in seeds/" if how == "missing" else "lies outside seeds/"
        doc.report(where, "source-file-missing", fault=path, file=file, source=ident, why=why)
        return None
    if raw is None:
        doc.report(where, "file-too-large", fault=path, size=state[3], limit=MAX_TEXT_BYTES)
        return None
    text_doc = Document(target.relative_to(root.resolve()).as_posix())
    text = decode(text_doc, raw)
    doc.problems.extend(text_doc.problems)  # told at the text file, found through this one
    if text is None:
        doc.faults.append(path)
    return text


def items(doc: Document, key: str) -> Iterator[tuple[Where, dict[str, Any]]]:
    """Every mapping in the list under ``key``, with its path, faulty or not."""
    if not doc.readable or not isinstance(doc.data, dict):
        return
    values = doc.data.get(key)
    if isinstance(values, list):
        for i, item in enumerate(values):
            if isinstance(item, dict):
                yield (key, i), item
