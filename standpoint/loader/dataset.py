"""Putting a data directory together: each file on its own, then the checks across files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..model import Actor, Dataset
from ..problems import Problem
from .reading import positions_files
from .records import (
    FileRecords,
    actors_file,
    events_file,
    issues_file,
    positions_file,
    sources_file,
)
from .references import CrossChecks, Ref
from .salvage import Document, Ledger


def load(root: Path | str, today: dt.date | None = None) -> Dataset:
    """Load and validate the data directory ``root``."""
    return assemble(Path(root), today or dt.date.today())


def assemble(root: Path, today: dt.date) -> Dataset:
    """Every file's records (per file), then the references, quotes and duplicates that
    join them (across files), into one :class:`Dataset` with every problem sorted."""
    ds = Dataset(root=root)
    problems: list[Problem] = []
    if not (root / "stances").is_dir():
        missing = Document("stances")
        missing.report(
            (1, 1),
            "data-dir",
            message=f"{root} has no stances/ folder",
            hint="point at a data directory holding stances/ and seeds/",
        )
        problems += missing.problems
    ledger = Ledger()
    issues = issues_file(root, today)
    ds.title, ds.credit = issues.title, issues.credit
    ds.issues = {issue.id: issue for _, issue in issues.records}
    actors = actors_file(root, today)
    for _, record in actors.records:
        if isinstance(record, Actor):
            ds.actors[record.id] = record
        else:
            ds.groups[record.id] = record
    sources = sources_file(root, today)
    events = events_file(root, today)
    positions = [positions_file(root, rel, today) for rel in positions_files(root)]

    normalised: dict[str, str] = {}
    for part in (issues, actors, sources):
        if part is None:
            continue
        ledger.add(part.doc, part.unchecked)
        if part is sources:
            ds.sources = {source.id: source for _, source in part.records}
            ds.texts, normalised = part.texts, part.normalised
    checks = CrossChecks(ds, ledger, normalised)
    checks.registry_absent = sources is None
    if events is not None:
        ds.events = _checked(checks, events)
    for part in positions:
        _positions(ds, checks, part)
    for part in (issues, actors, sources, events, *positions):
        if part is not None:
            if part.present:
                ds.files.append(part.doc.path)
            problems += part.doc.problems
    problems.sort(key=lambda p: (p.path, p.line, p.col, p.code))
    ds.problems = problems
    return ds


def _checked(checks: CrossChecks, part: FileRecords) -> list:
    """The records of ``part`` whose references all hold."""
    for ref in part.refs:
        checks.check(part.doc, ref)
    return [record for path, record in part.records if not part.doc.faulty(path)]


def _positions(ds: Dataset, checks: CrossChecks, part: FileRecords) -> None:
    doc = part.doc
    actor = part.actor
    about = actor if isinstance(actor, str) else Path(doc.path).stem
    if about in ds.actors:
        ds.file_actors[doc.path] = about
    if not doc.readable or not isinstance(doc.data, dict):
        return
    actor_ok = isinstance(actor, str) and checks.check(
        doc, Ref(("actor",), "actor", actor, "actor")
    )
    for ref in part.refs:
        checks.check(doc, ref)
    for path, position in part.records:
        if doc.faulty(path) or not actor_ok or doc.lost(("positions",)):
            continue
        if not checks.duplicate(doc, path, position):
            ds.positions.append(position)
