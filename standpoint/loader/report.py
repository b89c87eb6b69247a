"""``validate``'s result for a whole data directory, kept between runs as one entry.

``validate`` prints the problems, the warnings and four counts (files, actors, issues,
positions). When nothing it depends on changed, it prints them from one entry instead of
loading the data again through the per-file cache (:mod:`.cache`: 300 entries to read and
the checks across files to run again, on the data set of issue 10). The entry's key is
everything the result depends on:

- the code's version (:func:`.store.code_version`), the format of entries, and today's date
  (a date after today is an error);
- the data directory as named on the command line (a missing ``stances/`` says so by name);
- every file of ``stances/`` the loader reads (``*.yaml``, the list of them and a SHA-256 of
  each one's bytes; the size of one too large to read, which is all the loader tells of it)
  and ``seeds/sources.yaml``;
- each local text the registry names, as the loader found it: where, and a SHA-256 of the
  bytes it read (:func:`.store.text_state`), so an edited, added or removed text is seen.

Every file is hashed on every run (16.6 MB in about 20 ms): no modification time is trusted.
The entry is JSON, written whole or not at all (:func:`.store.write_atomic`); a missing,
corrupt, stale or unwritable entry only costs the load it would have saved. It is written only
when the files hashed after the load are those hashed before it, so a file edited while
``validate`` runs is never taken for the one it read.

This module imports neither the parser nor the records: a run whose entry holds imports them
not at all.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from ..problems import Problem
from . import store

if TYPE_CHECKING:
    from ..model import Dataset

ENTRY = "validate.json"


@dataclass(frozen=True)
class Report:
    """What ``validate`` prints: errors, warnings, and what the valid data counts."""

    problems: list[Problem]
    warnings: list[Problem]
    files: int
    actors: int
    issues: int
    positions: int

    @classmethod
    def of(cls, ds: Dataset) -> Report:
        return cls(
            list(ds.problems),
            list(ds.warnings),
            len(ds.files),
            len(ds.actors),
            len(ds.issues),
            len(ds.positions),
        )


def check(root: Path, today: dt.date | None = None, cache: bool = True) -> Report:
    """Load and validate ``root`` for ``validate``: from the entry of the last run when
    nothing it depends on changed since, else by :func:`~.dataset.load` (which uses the
    per-file cache), keeping the result for the next run."""
    today = today or dt.date.today()
    if not cache:
        from .dataset import load

        return Report.of(load(root, today, cache=False, build=False))
    path = store.cache_dir(root) / ENTRY
    key = {
        "format": store.FORMAT,
        "code": store.code_version(),
        "root": str(root),
        "today": today.isoformat(),
    }
    stored = _read(path)
    inputs = yaml_inputs(root)  # read and hashed before the load, which uses them: see _keep
    if stored is not None and stored.get("key") == key and inputs is not None:
        kept = _kept(root, stored, inputs[0])
        if kept is not None:
            return kept
    from .dataset import load

    ahead = inputs[1] if inputs is not None else None
    ds = load(root, today, build=False, ahead=ahead)
    report = Report.of(ds)
    if inputs is not None and not inputs[1].changed and _unchanged(root, inputs[0]):
        _keep(path, key, inputs[0], ds.text_states, report)
    return report


def yaml_inputs(root: Path) -> tuple[list[Any], store.Snapshot] | None:
    """Every file of ``stances/`` the loader reads, and ``seeds/sources.yaml``, each with a
    hash of its bytes (a file too large to read: its size), and the bytes themselves for the
    load; ``None`` when one cannot be read (then nothing is kept)."""
    stances = root / "stances"
    listed: list[Any] = [stances.is_dir()]
    ahead: dict[str, tuple[bytes, str]] = {}
    try:
        for rel in _yaml_files(root) if listed[0] else []:
            size = (root / rel).stat().st_size
            if size > store.MAX_YAML_BYTES:  # told as too large, by its size: not read
                listed.append([rel, size])
                continue
            raw = (root / rel).read_bytes()
            ahead[rel] = (raw, hashlib.sha256(raw).hexdigest())
            listed.append([rel, ahead[rel][1]])
        listed.append(_registry(root))
    except OSError:
        return None
    return listed, store.Snapshot(ahead)


def _yaml_files(root: Path) -> list[str]:
    found = (p for p in (root / "stances").rglob("*.yaml") if p.is_file())
    return sorted(p.relative_to(root).as_posix() for p in found)


def _registry(root: Path) -> list[Any]:
    registry = root / "seeds" / "sources.yaml"
    digest = hashlib.sha256(registry.read_bytes()).hexdigest() if registry.is_file() else None
    return ["seeds/sources.yaml", digest]


def _unchanged(root: Path, listed: list[Any]) -> bool:
    """True when, after the load, the files of ``listed`` are still all the files there are
    and the registry holds the same bytes (a file the per-file cache read changed is told by
    :attr:`.store.Snapshot.changed`)."""
    try:
        here = (root / "stances").is_dir()
        names = _yaml_files(root) if here else []
        return (
            listed[0] == here
            and [rel for rel, _ in listed[1:-1]] == names
            and listed[-1] == _registry(root)
            and all(
                (root / rel).stat().st_size == size
                for rel, size in listed[1:-1]
                if isinstance(size, int)
            )
        )
    except OSError:
        return False


def _kept(root: Path, stored: dict[str, Any], files: list[Any]) -> Report | None:
    """The report of ``stored`` when the files and texts it was made from are unchanged."""
    try:
        texts = [_text(root, name) for name in stored["texts"]]
        if stored["inputs"] == _digest(files, texts):
            return _report(stored["report"])
    except Exception:  # corrupt or foreign: a miss
        return None
    return None


def _text(root: Path, name: str) -> list[Any]:
    return store.text_state(root, name, *store.local_text(root, name))


def _digest(files: list[Any], texts: list[Any]) -> str:
    return hashlib.sha256(orjson.dumps([files, texts])).hexdigest()


def _read(path: Path) -> dict[str, Any] | None:
    try:
        entry = orjson.loads(path.read_bytes())
    except Exception:  # missing, unreadable, corrupt: a miss
        return None
    return entry if isinstance(entry, dict) else None


def _report(v: dict[str, Any]) -> Report:
    return Report(
        [Problem(*p) for p in v["problems"]],
        [Problem(*p) for p in v["warnings"]],
        *(int(v[name]) for name in ("files", "actors", "issues", "positions")),
    )


def _row(p: Problem) -> list[Any]:
    return [p.path, p.line, p.col, p.code, p.message, p.hint, p.severity]


def _keep(
    path: Path, key: dict[str, Any], files: list[Any], texts: list[Any], report: Report
) -> None:
    """Write the entry: ``files`` as hashed before the load (and again after it, the same),
    ``texts`` as the loader read them."""
    try:
        body = orjson.dumps(
            {
                "key": key,
                "texts": [state[0] for state in texts],
                "inputs": _digest(files, texts),
                "report": {
                    "problems": [_row(p) for p in report.problems],
                    "warnings": [_row(p) for p in report.warnings],
                    "files": report.files,
                    "actors": report.actors,
                    "issues": report.issues,
                    "positions": report.positions,
                },
            }
        )
    except (TypeError, ValueError):  # a value JSON cannot hold: keep no entry
        return
    store.write_atomic(path, body)
