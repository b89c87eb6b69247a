"""The incremental cache: each file's own result, kept between runs, as JSON.

What one file yields on its own (:class:`~.records.FileRecords`: its problems, faults, records
and the references it makes) depends only on the file's bytes, on this code and on today's
date (a date after today is refused). So it is kept per file, keyed by

- the file's path and a hash of its bytes,
- the code's version: a hash of the source of the whole ``standpoint`` package (a version
  string would not change when the code does),
- the range of days on which the result holds: from the latest date the file holds that was
  not in the future, to the day before the earliest one that was.

The cross-file checks (references, positions told twice, "did you mean" hints) run on every
load from these results; they are cheap. Quotes against a source's local text are the costly
cross-file check: their results are kept by the text's hash and the quote, so an edited text
checks again every quote that cites it, and nothing else.

The source registry (``seeds/sources.yaml``) is read on every run: its result depends on the
texts it names, and it is small.

Where: ``STANDPOINT_CACHE`` names a folder (one subfolder per data directory); otherwise
``<data>/.standpoint-cache/`` when the data directory is writable, else
``$XDG_CACHE_HOME/standpoint/`` (``~/.cache/standpoint/``). Never under ``stances/`` or
``seeds/``, where the app's change detection looks. Entries are JSON (nothing that runs code
when read), written to a temporary file and renamed into place, so readers sharing the
folder (replicas of the app) see a whole entry or none. A missing, corrupt, stale or
unwritable cache only costs time: every doubt is a miss, every failed write is ignored.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson

from ..dates import PartialDate, parse_date
from ..model import Actor, Citation, Event, Group, Issue, Position
from ..problems import Problem
from ..quotes import normalise, occurs_in
from .references import Ref
from .salvage import Document
from .store import (  # noqa: F401  (where the cache lives and how it is written: one place)
    ENV,
    FOLDER,
    FORMAT,
    PACKAGE,
    Snapshot,
    cache_dir,
    code_version,
    source_hash,
)
from .store import short_hash as _short_hash
from .store import write_atomic as _write_atomic


class FileCache:
    """Per-file results of one data directory, read and written as JSON."""

    def __init__(
        self,
        root: Path,
        today: dt.date,
        folder: Path | None = None,
        build: bool = True,
        ahead: Snapshot | None = None,
    ) -> None:
        self.root = root
        self.ahead = ahead  # files already read and hashed (by validate's check: .report)
        self.build = build  # False: positions from the cache stay light rows (see PositionRow)
        self.today = today
        self.folder = folder if folder is not None else cache_dir(root)
        self.files = self.folder / "files"
        self.hits = 0
        self.misses = 0
        self.dates: dict[str, PartialDate] = {}  # one record of each date text, shared

    def _entry(self, rel: str) -> Path:
        return self.files / f"{_short_hash(rel)}.json"

    def records(self, rel: str, build: Callable[[], Any], max_bytes: int) -> Any:
        """``build()`` (a :class:`~.records.FileRecords` of ``rel``), from the cache when it
        holds the result for the file's bytes, this code and today; stored when it did not."""
        path = self.root / rel
        known = self.ahead.take(rel) if self.ahead is not None else None
        if known is not None:
            raw, digest = known
            if len(raw) > max_bytes:
                return build()  # told as too large
        else:
            try:
                if path.stat().st_size > max_bytes:
                    return build()  # told as too large, without reading it
                raw = path.read_bytes()
            except OSError:
                return build()  # unreadable: the reader says why
            digest = hashlib.sha256(raw).hexdigest()
        key = {"format": FORMAT, "code": code_version(), "path": rel, "content": digest}
        found = self._get(rel, key, raw)
        if found is not None:
            self.hits += 1
            return found
        self.misses += 1
        result = build()
        try:  # store it only if the file did not change while it was being read
            unchanged = hashlib.sha256(path.read_bytes()).hexdigest() == digest
        except OSError:
            unchanged = False
        if unchanged:
            self._put(rel, key, result)
        elif self.ahead is not None:
            self.ahead.changed = True  # what was read is not what was hashed ahead
        return result

    def _get(self, rel: str, key: dict[str, Any], raw: bytes) -> Any:
        try:
            with open(self._entry(rel), "rb") as stream:
                head = stream.readline()
                if orjson.loads(head) != key:
                    return None
                entry = orjson.loads(stream.read())
            first, last = entry["days"]
            today = self.today.toordinal()
            if (first is not None and today < first) or (last is not None and today > last):
                return None  # a date in the file crossed today since the entry was written
            return decode_records(rel, entry["result"], raw, self.dates, self.build)
        except Exception:  # missing, unreadable, corrupt, another format: a miss
            return None

    def _put(self, rel: str, key: dict[str, Any], result: Any) -> None:
        try:
            doc = result.doc
            entry = {"days": [doc.days[0], doc.days[1]], "result": encode_records(result)}
            body = orjson.dumps(key) + b"\n" + orjson.dumps(entry)
        except (TypeError, ValueError):  # a value JSON cannot hold: keep no entry
            return
        _write_atomic(self._entry(rel), body)


class QuoteBook:
    """Whether each quote occurs in its source's local text, kept by the text's hash."""

    def __init__(self, texts: dict[str, str], folder: Path | None) -> None:
        self.texts = texts
        self.folder = folder / "quotes" if folder is not None else None
        self.normalised: dict[str, str] = {}
        self.books: dict[str, dict[str, bool]] = {}  # text hash -> quote -> occurs
        self.hashes: dict[str, str] = {}  # source id -> text hash
        self.changed: set[str] = set()

    def __contains__(self, source: str) -> bool:
        return source in self.texts

    def _book(self, source: str) -> tuple[str, dict[str, bool]]:
        digest = self.hashes.get(source)
        if digest is None:
            digest = self.hashes[source] = hashlib.sha256(
                self.texts[source].encode("utf-8", "surrogatepass")
            ).hexdigest()
        book = self.books.get(digest)
        if book is None:
            book = self.books[digest] = self._read(digest)
        return digest, book

    def _path(self, digest: str) -> Path | None:
        if self.folder is None:
            return None
        return self.folder / f"{digest}-{code_version()[:24]}.json"

    def _read(self, digest: str) -> dict[str, bool]:
        path = self._path(digest)
        if path is None:
            return {}
        try:
            book = orjson.loads(path.read_bytes())
        except Exception:  # missing or corrupt: check again
            return {}
        if isinstance(book, dict) and all(type(v) is bool for v in book.values()):
            return book
        return {}

    def holds(self, source: str, quote: str) -> bool:
        """True when ``quote`` occurs in the local text of ``source``."""
        digest, book = self._book(source)
        found = book.get(quote)
        if found is None:
            if source not in self.normalised:
                self.normalised[source] = normalise(self.texts[source])
            found = book[quote] = occurs_in(quote, self.normalised[source])
            self.changed.add(digest)
        return found

    def save(self) -> None:
        for digest in self.changed:
            path = self._path(digest)
            if path is not None:
                _write_atomic(path, orjson.dumps(self.books[digest]))
        self.changed.clear()


# -- one file's result as JSON ----------------------------------------------------------------
def _date(d: PartialDate | None) -> str | None:
    return None if d is None else d.text


def _undate(text: str | None, dates: dict[str, PartialDate]) -> PartialDate | None:
    """The date written ``text`` (it was checked when the entry was made)."""
    if text is None:
        return None
    found = dates.get(text)
    if found is None:
        found = dates[text] = parse_date(text)
    return found


def _record(r: Any) -> list[Any]:
    if isinstance(r, Position):
        cites = [
            [c.quote, c.source, c.outlet, _date(c.published), c.url, c.title] for c in r.citations
        ]
        return [
            "P",
            r.actor,
            r.issue,
            _date(r.date),
            r.stance,
            cites,
            r.speaker,
            r.summary,
            r.conditions,
            r.evidence,
            r.line,
        ]
    if isinstance(r, Issue):
        return ["I", r.id, r.label, r.proposition, r.labels, r.description]
    if isinstance(r, Actor):
        return ["A", r.id, r.name, r.kind, r.iso3, list(r.groups), r.parent, r.role]
    if isinstance(r, Group):
        return ["G", r.id, r.name]
    if isinstance(r, Event):
        return ["E", _date(r.date), r.label, r.source]
    raise TypeError(f"no cache form for {type(r).__name__}")


class PositionRow:
    """A position restored from the cache, not built: what the cross-file checks and a count
    need (its actor, issue, date, speaker and line), for ``load(..., build=False)``."""

    __slots__ = ("actor", "date", "issue", "line", "speaker")

    def __init__(self, actor: str, issue: str, date: PartialDate, speaker: Any, line: int):
        self.actor = actor
        self.issue = issue
        self.date = date
        self.speaker = speaker
        self.line = line


def _unrecord(v: list[Any], rel: str, dates: dict[str, PartialDate], build: bool = True) -> Any:
    tag = v[0]
    if tag == "P" and not build:
        return PositionRow(v[1], v[2], _undate(v[3], dates), v[6], v[10])  # type: ignore[arg-type]
    if tag == "P":
        _, actor, issue, date, stance, cites, speaker, summary, conditions, evidence, line = v
        citations = tuple(Citation(q, s, o, _undate(p, dates), u, t) for q, s, o, p, u, t in cites)
        return Position(
            actor,
            issue,
            _undate(date, dates),  # type: ignore[arg-type]
            stance,
            citations,
            speaker,
            summary,
            conditions,
            evidence,
            rel,
            line,
        )
    if tag == "I":
        return Issue(v[1], v[2], v[3], dict(v[4]), v[5])
    if tag == "A":
        return Actor(v[1], v[2], v[3], v[4], tuple(v[5]), v[6], v[7])
    if tag == "G":
        return Group(v[1], v[2])
    if tag == "E":
        return Event(_undate(v[1], dates), v[2], v[3])  # type: ignore[arg-type]
    raise ValueError(f"unknown record tag {tag!r}")


def encode_records(part: Any) -> dict[str, Any]:
    """The JSON form of a :class:`~.records.FileRecords` (not of the source registry's)."""
    doc = part.doc
    if part.texts:
        raise TypeError("the source registry is not cached")
    return {
        "readable": doc.readable,
        "data": "dict" if isinstance(doc.data, dict) else None,
        "problems": [
            [p.path, p.line, p.col, p.code, p.message, p.hint, p.severity] for p in doc.problems
        ],
        "faults": [list(f) for f in doc.faults],
        "dropped": {kind: sorted(ids) for kind, ids in doc.dropped.items()},
        "present": part.present,
        "records": [[list(path), _record(r)] for path, r in part.records],
        "refs": [[list(r.path), r.kind, r.value, r.name, r.quote] for r in part.refs],
        "left_out": [[list(path), issue, date, line] for path, issue, date, line in part.left_out],
        "unchecked": sorted(part.unchecked),
        "actor": part.actor,
        "title": part.title,
        "credit": part.credit,
    }


class CachedDocument(Document):
    """A document restored from the cache: its tree is parsed again only when a cross-file
    check needs the place of an error in it."""

    def __init__(self, path: str, raw: bytes) -> None:
        super().__init__(path)
        self._raw = raw

    def _tree(self) -> None:
        if self.root is None and self._raw is not None:
            from .. import yamlnodes

            raw, self._raw = self._raw, None
            try:
                self.root = yamlnodes.parse(raw.decode("utf-8-sig"))
            except (UnicodeDecodeError, yamlnodes.YamlError):
                self.root = None

    def at(self, path: Any) -> tuple[int, int]:
        self._tree()
        return super().at(path)

    def key_at(self, path: Any, name: str) -> tuple[int, int]:
        self._tree()
        return super().key_at(path, name)


def decode_records(
    rel: str,
    v: dict[str, Any],
    raw: bytes,
    dates: dict[str, PartialDate] | None = None,
    build: bool = True,
) -> Any:
    """The :class:`~.records.FileRecords` of ``rel`` from its JSON form."""
    from .records import FileRecords

    dates = {} if dates is None else dates
    doc = CachedDocument(rel, raw)
    doc.readable = bool(v["readable"])
    doc.data = {} if v["data"] == "dict" else None
    doc.problems = [Problem(*p) for p in v["problems"]]
    doc.faults = [tuple(f) for f in v["faults"]]
    doc.dropped = {kind: set(ids) for kind, ids in v["dropped"].items()}
    return FileRecords(
        doc,
        present=bool(v["present"]),
        records=[(tuple(path), _unrecord(r, rel, dates, build)) for path, r in v["records"]],
        refs=[Ref(tuple(p), k, val, n, q) for p, k, val, n, q in v["refs"]],
        left_out=[(tuple(p), issue, date, line) for p, issue, date, line in v["left_out"]],
        unchecked=set(v["unchecked"]),
        actor=v["actor"],
        title=v["title"],
        credit=v["credit"],
    )
