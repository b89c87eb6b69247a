"""Record building: the typed records of one file, from that file alone.

Each function here reads one file and returns a :class:`FileRecords`: its document (with the
problems and faults found in it alone), the records it defines that have no fault of their
own, and the references it makes to other files. Nothing here looks at another file, so the
result depends only on the file (and, for the source registry, its texts) and on today's date
(dates in the future are refused).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..dates import PartialDate, parse_date
from ..model import Actor, Citation, Event, Group, Issue, Position, Source
from .reading import ACTORS, EVENTS, ISSUES, SOURCES, items, read, read_text
from .references import Ref, resolve
from .salvage import Document, Ledger, Where

INLINE_FIELDS = ("url", "outlet", "title", "published")
_WORD = re.compile(r"\w")  # a quote holds at least one letter or digit


@dataclass
class FileRecords:
    """What one file yields on its own."""

    doc: Document
    present: bool = True  # False: a required file that does not exist
    # (path, record) for each record with no fault in the file itself; the cross-file checks
    # may still find one in its references, which leaves the record out
    records: list[tuple[Where, Any]] = field(default_factory=list)
    refs: list[Ref] = field(default_factory=list)  # references to other files, in file order
    unchecked: set[str] = field(default_factory=set)  # kinds this file could not define
    texts: dict[str, str] = field(default_factory=dict)  # source id -> its local text
    # the local texts the registry names, each as found (:func:`.store.text_state`)
    text_states: list[list[Any]] = field(default_factory=list)
    # a positions file's positions with an error of their own, where their issue is text:
    # (path, issue, date as written, line), so their cells can say so (Dataset.dropped)
    left_out: list[tuple[Where, str, Any, int]] = field(default_factory=list)
    actor: Any = None  # a positions file's ``actor:``
    title: str | None = None  # issues.yaml's optional topic and credit line
    credit: str | None = None


def check_date(
    doc: Document, path: Where, item: dict[str, Any], name: str, today: dt.date
) -> PartialDate | None:
    """The date in ``item[name]``, checked to be real and not in the future."""
    value = item.get(name)
    if not isinstance(value, str):
        return None
    try:
        parsed = parse_date(value)
    except ValueError as exc:
        if not doc.faulty((*path, name)):  # the pattern check already said so
            doc.report(
                doc.at((*path, name)),
                "date-invalid",
                fault=path,
                field=name,
                value=value,
                reason=f" ({exc})",
            )
        else:
            doc.faults.append(path)
        return None
    doc.saw_date(parsed.start, today)
    if parsed.start > today:
        doc.report(
            doc.at((*path, name)),  # found only when told: most dates are fine
            "date-future",
            fault=path,
            field=name,
            value=value,
            today=today.isoformat(),
        )
        return None
    return parsed


def unique(
    doc: Document, path: Where, kind: str, ident: Any, first: dict[str, tuple[str, int]]
) -> None:
    """Report ``ident`` when an earlier record of this file has it too."""
    if not isinstance(ident, str):
        return
    if ident in first:
        doc.report(
            doc.at((*path, "id")),
            "id-duplicate",
            fault=path,
            kind=kind,
            value=ident,
            first_line=first[ident][1],
        )
    else:
        first[ident] = (doc.path, doc.at(path)[0])


def _required(root: Path, rel: str, key: str, kind: str) -> FileRecords:
    if not (root / rel).is_file():
        doc = Document(rel)
        doc.report((1, 1), "file-missing", name=rel)
        return FileRecords(doc, present=False, unchecked={kind})
    doc = read(root, rel, "issues" if rel == ISSUES else "actors")
    out = FileRecords(doc)
    if not doc.readable or doc.lost((key,)):
        out.unchecked.add(kind)
    return out


def issues_file(root: Path, today: dt.date) -> FileRecords:
    out = _required(root, ISSUES, "issues", "issue")
    doc = out.doc
    if isinstance(doc.data, dict):
        for key in ("title", "credit"):
            if isinstance(value := doc.data.get(key), str) and value.strip():
                setattr(out, key, value.strip())
    first: dict[str, tuple[str, int]] = {}
    for path, item in items(doc, "issues"):
        unique(doc, path, "issue", item.get("id"), first)
        if (item := doc.keep(path, "issue", item)) is not None:
            out.records.append(
                (
                    path,
                    Issue(
                        item["id"],
                        item["label"],
                        item["proposition"],
                        dict(item.get("labels") or {}),
                        item.get("description"),
                    ),
                )
            )
    return out


def actors_file(root: Path, today: dt.date) -> FileRecords:
    """Groups and actors; their references to each other lie in this one file."""
    out = _required(root, ACTORS, "actors", "actor")
    doc = out.doc
    if not out.present:
        out.unchecked.add("group")
        return out
    local = Ledger(dropped=doc.dropped, unchecked=out.unchecked)  # this file's own
    groups: dict[str, Group] = {}
    first: dict[str, tuple[str, int]] = {}
    for path, item in items(doc, "groups"):
        unique(doc, path, "group", item.get("id"), first)
        if (item := doc.keep(path, "group", item)) is not None:
            groups[item["id"]] = Group(item["id"], item["name"])
            out.records.append((path, groups[item["id"]]))
    if doc.lost(("groups",)):
        out.unchecked.add("group")
    first = {}
    actors = list(items(doc, "actors"))
    ids = {item["id"] for _, item in actors if isinstance(item.get("id"), str)}
    parents: dict[str, str] = {}
    for path, item in actors:
        unique(doc, path, "actor", item.get("id"), first)
        listed = item.get("groups")
        for i, group in enumerate(listed if isinstance(listed, list) else []):
            if isinstance(group, str):
                where = ACTORS + " groups"
                resolve(doc, (*path, "groups", i), "group", group, groups, local, where, "group")
        parent = item.get("parent")
        if isinstance(parent, str):
            resolve(doc, (*path, "parent"), "actor", parent, ids, local, ACTORS, "parent")
            if isinstance(item.get("id"), str):
                parents.setdefault(item["id"], parent)
    for path, item in actors:
        ident = item.get("id")
        chain = [ident]
        step = parents.get(ident) if isinstance(ident, str) else None
        while step is not None and step not in chain:
            chain.append(step)
            step = parents.get(step)
        if step is not None and step == ident:
            doc.report(
                doc.at((*path, "parent")),
                "parent-cycle",
                fault=path,
                value=ident,
                chain=" -> ".join([*chain, step]),
            )
    _drop_orphans(doc, actors)
    for path, item in actors:
        if (item := doc.keep(path, "actor", item)) is not None:
            actor = Actor(
                item["id"],
                item["name"],
                item["kind"],
                item.get("iso3"),
                tuple(item.get("groups") or ()),
                item.get("parent"),
                item.get("role"),
            )
            out.records.append((path, actor))
    return out


def _drop_orphans(doc: Document, actors: list[tuple[Where, dict[str, Any]]]) -> None:
    """Make faulty, quietly, actors whose parent is left out (down the whole chain)."""
    kept = {  # ids are text here
        item["id"] for path, item in actors if doc.salvage(path, "actor", item) is not None
    }
    changed = True
    while changed:
        changed = False
        for path, item in actors:
            parent = item.get("parent")
            ident = item.get("id")
            if isinstance(ident, str) and ident in kept and isinstance(parent, str):
                if parent not in kept:
                    kept.discard(ident)
                    doc.faults.append(path)
                    changed = True


def sources_file(root: Path, today: dt.date) -> FileRecords | None:
    """The source registry with the local texts it names; ``None`` when it does not exist."""
    if not (root / SOURCES).is_file():
        return None
    doc = read(root, SOURCES, "sources")
    out = FileRecords(doc)
    if not doc.readable or doc.lost(("sources",)):
        out.unchecked.add("source")
    first: dict[str, tuple[str, int]] = {}
    for path, item in items(doc, "sources"):
        ident = item.get("id")
        unique(doc, path, "source", ident, first)
        published = check_date(doc, path, item, "published", today)
        file = item.get("file")
        text = None
        if isinstance(file, str) and isinstance(ident, str):
            text = read_text(root, doc, path, ident, file, out.text_states)
        if doc.keep(path, "source", item) is not None and published is not None:
            source = Source(
                ident, item["title"], published, item.get("outlet"), item.get("url"), file
            )
            out.records.append((path, source))
            if text is not None:
                out.texts[ident] = text
    return out


def events_file(root: Path, today: dt.date) -> FileRecords | None:
    """The events file; ``None`` when it does not exist."""
    if not (root / EVENTS).is_file():
        return None
    doc = read(root, EVENTS, "events")
    out = FileRecords(doc)
    for path, item in items(doc, "events"):
        date = check_date(doc, path, item, "date", today)
        source = item.get("source")
        if isinstance(source, str):
            out.refs.append(Ref((*path, "source"), "source", source, "source"))
        if not doc.faulty(path) and date is not None:
            out.records.append((path, Event(date, item["label"], source)))
    return out


def positions_file(root: Path, rel: str, today: dt.date) -> FileRecords:
    """One actor's positions file (its ``actor:`` is checked with the other references)."""
    doc = read(root, rel, "positions")
    out = FileRecords(doc)
    if isinstance(doc.data, dict):
        out.actor = doc.data.get("actor")
    if not doc.readable or not isinstance(doc.data, dict):
        return out
    for path, item in items(doc, "positions"):
        position = _position(doc, path, item, out.actor, today, out.refs)
        if position is not None:
            out.records.append((path, position))
        elif isinstance(item.get("issue"), str):
            out.left_out.append((path, item["issue"], item.get("date"), doc.at(path)[0]))
    return out


def _position(
    doc: Document,
    path: Where,
    item: dict[str, Any],
    actor: Any,
    today: dt.date,
    refs: list[Ref],
) -> Position | None:
    issue = item.get("issue")
    if isinstance(issue, str):
        refs.append(Ref((*path, "issue"), "issue", issue, "issue"))
    date = check_date(doc, path, item, "date", today)
    citations = []
    sources = item.get("sources")
    for i, cite in enumerate(sources if isinstance(sources, list) else []):
        if isinstance(cite, dict):
            citation = _citation(doc, (*path, "sources", i), cite, today, refs)
            if citation is not None:
                citations.append(citation)
    if doc.faulty(path) or date is None:
        return None
    return Position(
        actor=actor,
        issue=issue,
        date=date,
        stance=item["stance"],
        citations=tuple(citations),
        speaker=item.get("speaker"),
        summary=item.get("summary"),
        conditions=item.get("conditions"),
        evidence=item.get("evidence") or "stated",
        path=doc.path,
        line=doc.at(path)[0],
    )


def _citation(
    doc: Document, path: Where, cite: dict[str, Any], today: dt.date, refs: list[Ref]
) -> Citation | None:
    source = cite.get("source")
    published = None
    quote = cite.get("quote")
    if isinstance(quote, str) and not _WORD.search(quote):
        doc.report(doc.at((*path, "quote")), "quote-empty", fault=path, value=quote)
        return None
    if isinstance(source, str):
        inline = [f for f in INLINE_FIELDS if f in cite]
        if inline:
            doc.report(
                doc.key_at(path, inline[0]),
                "citation-mixed",
                fault=path,
                source=source,
                fields=", ".join(inline),
            )
            return None
        quote = quote if isinstance(quote, str) else None
        refs.append(Ref((*path, "source"), "source", source, "source", quote))
    else:
        missing = [f for f in ("outlet", "published") if f not in cite]
        if missing:
            found = ", ".join(f for f in cite if f != "quote") or "neither"
            doc.report(doc.at(path), "citation-incomplete", fault=path, found=found)
            return None
        published = check_date(doc, path, cite, "published", today)
        if published is None:
            return None
    if doc.faulty(path):
        return None
    return Citation(
        cite["quote"], source, cite.get("outlet"), published, cite.get("url"), cite.get("title")
    )
