"""Putting a data directory together: each file on its own, then the checks across files."""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Callable
from pathlib import Path

from ..dates import PartialDate, parse_date
from ..model import Actor, Dataset, Dropped
from ..problems import Problem
from .cache import FileCache, QuoteBook
from .reading import ACTORS, EVENTS, ISSUES, MAX_YAML_BYTES, positions_files
from .records import (
    FileRecords,
    actors_file,
    events_file,
    issues_file,
    positions_file,
    sources_file,
)
from .references import CrossChecks, Ref
from .salvage import Document, Ledger, Where
from .store import Snapshot


def load(
    root: Path | str,
    today: dt.date | None = None,
    cache: bool = True,
    *,
    build: bool = True,
    ahead: Snapshot | None = None,
) -> Dataset:
    """Load and validate the data directory ``root``.

    With ``cache`` (the default), each file's own result is kept between runs and used again
    while the file, the code and the sides of today its dates lie on stay the same (see
    :mod:`.cache`); ``cache=False`` reads and checks everything afresh and keeps nothing.
    With ``build=False`` (for ``validate``, which only reports and counts), positions that
    come from the cache are checked but stay light rows (:class:`.cache.PositionRow`) in
    ``positions``. ``ahead`` holds files already read and hashed, which the cache then reads
    no second time (:mod:`.report`).
    """
    # The YAML trees of every file are alive until the cross-file checks are done: millions of
    # objects, none in a cycle, that the cycle collector would scan again and again (it took
    # three quarters of a load's time). It is paused while loading, and restarted after.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return assemble(Path(root), today or dt.date.today(), cache, build, ahead)
    finally:
        if collecting:
            gc.enable()


def assemble(
    root: Path,
    today: dt.date,
    cache: bool = False,
    build: bool = True,
    ahead: Snapshot | None = None,
) -> Dataset:
    """Every file's records (per file), then the references, quotes and duplicates that
    join them (across files), into one :class:`Dataset` with every problem sorted: errors in
    ``problems`` (each leaves data out), warnings in ``warnings``."""
    ds = Dataset(root=root)
    files = FileCache(root, today, build=build, ahead=ahead) if cache else None

    def each(rel: str, build: Callable[[], FileRecords]) -> FileRecords:
        return build() if files is None else files.records(rel, build, MAX_YAML_BYTES)

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
    issues = each(ISSUES, lambda: issues_file(root, today))
    ds.title, ds.credit = issues.title, issues.credit
    ds.issues = {issue.id: issue for _, issue in issues.records}
    actors = each(ACTORS, lambda: actors_file(root, today))
    for _, record in actors.records:
        if isinstance(record, Actor):
            ds.actors[record.id] = record
        else:
            ds.groups[record.id] = record
    sources = sources_file(root, today)
    events = each(EVENTS, lambda: events_file(root, today)) if (root / EVENTS).is_file() else None
    positions = [
        each(rel, lambda rel=rel: positions_file(root, rel, today)) for rel in positions_files(root)
    ]

    for part in (issues, actors, sources):
        if part is None:
            continue
        ledger.add(part.doc, part.unchecked)
        if part is sources:
            ds.sources = {source.id: source for _, source in part.records}
            ds.texts = part.texts
            ds.text_states = part.text_states
    quotes = QuoteBook(ds.texts, files.folder if files is not None else None)
    checks = CrossChecks(ds, ledger, quotes)
    checks.registry_absent = sources is None
    if events is not None:
        ds.events = _checked(checks, events)
    claimed: dict[str, str] = {}  # actor -> the first positions file that says it
    for part in positions:
        _dropped(ds, part, _positions(ds, checks, part, claimed), today)
    for part in (issues, actors, sources, events, *positions):
        if part is not None:
            if part.present:
                ds.files.append(part.doc.path)
            problems += part.doc.problems
    problems.sort(key=lambda p: (p.path, p.line, p.col, p.code))
    ds.problems = [p for p in problems if p.severity == "error"]
    ds.warnings = [p for p in problems if p.severity != "error"]
    quotes.save()
    return ds


def _checked(checks: CrossChecks, part: FileRecords) -> list:
    """The records of ``part`` whose references all hold."""
    for ref in part.refs:
        checks.check(part.doc, ref)
    return [record for path, record in part.records if not part.doc.faulty(path)]


def _positions(
    ds: Dataset, checks: CrossChecks, part: FileRecords, claimed: dict[str, str]
) -> set[Where]:
    """Keep the valid positions of ``part``; return the paths of those kept."""
    kept: set[Where] = set()
    doc = part.doc
    actor = part.actor
    stem = Path(doc.path).stem
    if isinstance(actor, str):
        ds.claims[doc.path] = actor
    about = actor if isinstance(actor, str) and actor in ds.actors else stem
    if about in ds.actors:
        ds.file_actors[doc.path] = about
    if not doc.readable or not isinstance(doc.data, dict):
        return kept
    actor_ok = isinstance(actor, str) and checks.check(
        doc, Ref(("actor",), "actor", actor, "actor"), prefer=stem
    )
    if actor_ok:
        _claim(ds, doc, actor, stem, claimed)
    for ref in part.refs:
        checks.check(doc, ref)
    if not actor_ok or doc.lost(("positions",)):
        return kept
    for path, position in part.records:
        if doc.faulty(path):
            continue
        if not checks.duplicate(doc, path, position):
            ds.positions.append(position)
            kept.add(path)
    return kept


def _dropped(ds: Dataset, part: FileRecords, kept: set[Where], today: dt.date) -> None:
    """Remember the positions of ``part`` left out for errors, where their actor and issue
    are known, so that their cells can say so rather than look like silence: those with an
    error of their own (``part.left_out``), and those the checks across files left out."""
    actor = part.actor
    if not isinstance(actor, str) or actor not in ds.actors:
        return
    found: list[tuple[Where, str, PartialDate | None, int]] = [
        (path, record.issue, record.date, record.line)
        for path, record in part.records
        if path not in kept
    ]
    for path, issue, written, line in part.left_out:
        try:
            date = parse_date(written) if isinstance(written, str) else None
        except ValueError:
            date = None
        if date is not None and date.start > today:
            date = None
        found.append((path, issue, date, line))
    for _, issue, date, line in sorted(found, key=lambda f: f[0]):  # in the file's order
        if issue in ds.issues:
            ds.dropped.append(Dropped(actor, issue, date, part.doc.path, line))


def _claim(ds: Dataset, doc: Document, actor: str, stem: str, claimed: dict[str, str]) -> None:
    """Warn when the file is named for another actor, or another file claims its actor."""
    if stem != actor and stem in ds.actors:
        doc.report(
            doc.at(("actor",)),
            "file-name-actor",
            named=stem,
            named_name=ds.actors[stem].name,
            actor=actor,
            actor_name=ds.actors[actor].name,
        )
    if actor in claimed:
        doc.report(doc.at(("actor",)), "actor-claimed-twice", actor=actor, first=claimed[actor])
    else:
        claimed[actor] = doc.path
