"""Load a data directory: read every file, validate it, and keep all that is valid.

All problems are collected in one pass. A record (issue, group, actor, source, event,
position) with an error is left out and the rest is kept, so one bad file never hides the
good ones. Records that refer to a left-out record are left out too, without a second error
(the first one says what to fix). See docs/format.md for the rules as maintainers read them.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import fastjsonschema
from jsonschema import Draft202012Validator

from . import yamlnodes
from .dates import PartialDate, parse_date
from .model import Actor, Citation, Dataset, Dropped, Event, Group, Issue, Position, Source
from .problems import Problem, problem
from .quotes import normalise, occurs_in
from .schema import ACTOR, FILE_SCHEMAS, GROUP, ISSUE

MAX_YAML_BYTES = 2_000_000
MAX_TEXT_BYTES = 20_000_000
ISSUES = "stances/issues.yaml"
ACTORS = "stances/actors.yaml"
EVENTS = "stances/events.yaml"
SOURCES = "seeds/sources.yaml"
SPECIAL = {ISSUES, ACTORS, EVENTS}
INLINE_FIELDS = ("url", "outlet", "title", "published")

_VALIDATORS = {kind: Draft202012Validator(schema) for kind, schema in FILE_SCHEMAS.items()}
# Compiled checks that only say valid or not, several times faster than jsonschema's; a file
# they pass needs no walk for errors (tests check that both agree on every fixture).
_FAST_CHECKS = {kind: fastjsonschema.compile(schema) for kind, schema in FILE_SCHEMAS.items()}


def schema_valid(kind: str, data: Any) -> bool:
    """Whether ``data`` passes the schema of a file of ``kind``, by the compiled check."""
    try:
        _FAST_CHECKS[kind](data)
    except fastjsonschema.JsonSchemaException:
        return False
    return True


# Fields whose mistakes cost only the field: the record keeps its row, column or group.
# (A position, citation, source or event with any error is left out: each of their fields
# bears on what a reader concludes.)
_SALVAGE = {
    "issue": (frozenset(ISSUE["properties"]), frozenset({"labels", "description"})),
    "actor": (frozenset(ACTOR["properties"]), frozenset({"iso3", "role", "groups"})),
    "group": (frozenset(GROUP["properties"]), frozenset()),
}


def _salvaged(
    doc: Document, path: tuple[Any, ...], kind: str, item: dict[str, Any]
) -> dict[str, Any] | None:
    """:meth:`Document.salvage` with the fields a record of ``kind`` may lose: its optional
    descriptive ones and any the format does not know."""
    known, optional = _SALVAGE[kind]
    return doc.salvage(path, item, optional | (frozenset(item) - known))


_WORD = re.compile(r"\w")  # a quote holds at least one letter or digit
_TYPE_WORDS = {"string": "text", "array": "a list", "object": "a mapping"}


@dataclass
class Document:
    """One YAML file as read: its tree, its data and which records hold errors."""

    path: str
    root: yamlnodes.Node | None = None
    data: Any = None
    readable: bool = False
    bad: list[tuple[Any, ...]] = field(default_factory=list)  # paths with errors
    tagged: list[tuple[Any, ...]] = field(default_factory=list)  # values under a refused tag

    def at(self, path: tuple[Any, ...]) -> tuple[int, int]:
        return yamlnodes.locate(self.root, path)

    def key_at(self, path: tuple[Any, ...], name: str) -> tuple[int, int]:
        return yamlnodes.key_position(self.root, path, name) or self.at(path)

    def salvage(
        self, path: tuple[Any, ...], item: dict[str, Any], optional: frozenset[str]
    ) -> dict[str, Any] | None:
        """The record at ``path`` without the fields that hold its only errors.

        Errors inside the ``optional`` fields (or in fields the format does not know) can be cut
        away: the field is dropped, or just its one bad entry where it is a list or a mapping.
        Any other error leaves nothing to keep (``None``).
        """
        n = len(path)
        cuts: dict[Any, set[Any] | None] = {}  # field -> bad entries (None: the whole field)
        for b in self.bad:
            if path[: len(b)] == b:
                return None  # an error at the record or above it
            if b[:n] != path:
                continue
            head = b[n]
            if head not in optional:
                return None
            if len(b) == n + 2 and cuts.get(head, set()) is not None:
                cuts.setdefault(head, set()).add(b[n + 1])
            else:
                cuts[head] = None
        if not cuts:
            return item
        kept = {k: v for k, v in item.items() if k not in cuts or cuts[k] is not None}
        for head, entries in cuts.items():
            value = kept.get(head)
            if isinstance(value, dict):
                kept[head] = {k: v for k, v in value.items() if k not in entries}
            elif isinstance(value, list):
                kept[head] = [v for i, v in enumerate(value) if i not in entries]
        return kept

    def broken_at(self, path: tuple[Any, ...]) -> bool:
        """True when an error lies at ``path`` or above it (the whole thing is unusable)."""
        return any(path[: len(b)] == b for b in self.bad)

    def is_bad(self, path: tuple[Any, ...]) -> bool:
        """True when an error lies at, inside or around ``path``."""
        n = len(path)
        return any(b[:n] == path or path[: len(b)] == b for b in self.bad)


class Loader:
    def __init__(self, root: Path, today: dt.date) -> None:
        self.root = root
        self.today = today
        self.ds = Dataset(root=root)
        self.problems: list[Problem] = []
        # ids that were defined but left out for errors: references to them stay quiet
        self.broken: dict[str, set[str]] = {
            "issue": set(),
            "actor": set(),
            "group": set(),
            "source": set(),
        }
        self.unreadable: set[str] = set()  # namespaces whose file could not be read at all
        self.registry_absent = False  # seeds/sources.yaml does not exist
        self.told_absent: set[str] = set()  # files told that the registry is absent
        self.normalised: dict[str, str] = {}

    # -- reporting ---------------------------------------------------------------------------
    def report(
        self,
        doc: Document | str,
        loc: tuple[int, int],
        code: str,
        bad: tuple[Any, ...] | None = None,
        **fields: Any,
    ) -> None:
        path = doc.path if isinstance(doc, Document) else doc
        self.problems.append(problem(path, loc[0], loc[1], code, **fields))
        if bad is not None and isinstance(doc, Document):
            doc.bad.append(bad)

    # -- reading -----------------------------------------------------------------------------
    def read(self, rel: str, kind: str) -> Document:
        doc = Document(rel)
        path = self.root / rel
        try:
            size = path.stat().st_size
            if size > MAX_YAML_BYTES:
                self.report(doc, (1, 1), "file-too-large", size=size, limit=MAX_YAML_BYTES)
                return doc
            raw = path.read_bytes()
        except OSError as exc:
            self.report(
                doc,
                (1, 1),
                "data-dir",
                message=f"cannot read the file: {exc.strerror}",
                hint="check the file's permissions",
            )
            return doc
        text = self.decode(doc, raw)
        if text is None:
            return doc
        try:
            doc.root = yamlnodes.parse(text)
            doc.data, findings = yamlnodes.to_data(doc.root)
        except yamlnodes.YamlError as exc:
            found = exc.finding
            self.report(doc, (found.line, found.col), found.code, **found.fields)
            return doc
        for found in findings:
            self.report(doc, (found.line, found.col), found.code, bad=found.path, **found.fields)
            if found.code == "yaml-tag" and found.path is not None:
                doc.tagged.append(found.path)
        doc.readable = True
        self.check_schema(doc, kind)
        return doc

    def decode(self, doc: Document, raw: bytes) -> str | None:
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            before = raw[: exc.start]
            line = before.count(b"\n") + 1
            col = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
            self.report(doc, (line, col), "encoding", byte=raw[exc.start], offset=exc.start)
            return None
        if "\x00" in text:
            offset = text.index("\x00")
            line = text.count("\n", 0, offset) + 1
            self.report(doc, (line, 1), "encoding", byte=0, offset=offset)
            return None
        return text

    def check_schema(self, doc: Document, kind: str) -> None:
        if schema_valid(kind, doc.data):
            return
        seen: set[tuple[Any, ...]] = set()
        for error in _VALIDATORS[kind].iter_errors(doc.data):
            path = tuple(error.absolute_path)
            if any(path[: len(t)] == t for t in doc.tagged):
                continue  # the tag is the mistake; its value is not read
            for where, code, fields in self.describe(doc, error, path):
                key = (where, code, repr(sorted(fields.items())))
                if key in seen:
                    continue
                seen.add(key)
                bad = (*path, fields["field"]) if code == "field-unknown" else path
                self.report(doc, where, code, bad=bad, **fields)

    def describe(
        self, doc: Document, error: Any, path: tuple[Any, ...]
    ) -> Iterator[tuple[tuple[int, int], str, dict[str, Any]]]:
        schema, instance, validator = error.schema, error.instance, error.validator
        name = _field_name(path, doc.path)
        if validator == "required":
            where_desc = schema.get("description", "this record")
            for missing in error.validator_value:
                if missing in instance:
                    continue
                if missing == "sources" and where_desc == "a position":
                    yield doc.at(path), "no-source", {}
                else:
                    yield doc.at(path), "field-missing", {"where": where_desc, "field": missing}
        elif validator == "additionalProperties":
            allowed = list(schema.get("properties", {}))
            for extra in instance:
                if extra in allowed:
                    continue
                close = difflib.get_close_matches(extra, allowed, n=1, cutoff=0.6)
                suggestion = (
                    f"did you mean {close[0]!r}?"
                    if close
                    else f"remove it, or use one of: {', '.join(allowed)}"
                )
                yield (
                    doc.key_at(path, extra),
                    "field-unknown",
                    {
                        "field": extra,
                        "where": schema.get("description", "this record"),
                        "allowed": ", ".join(allowed),
                        "suggestion": suggestion,
                    },
                )
        elif validator == "type":
            expected = _TYPE_WORDS.get(error.validator_value, str(error.validator_value))
            if path == ():
                name = "the file"
                keys = " and ".join(schema.get("required", []))
                expected = f"a mapping with the key{'s' if ' and ' in keys else ''} {keys}"
            yield (
                doc.at(path),
                "type",
                {"field": name, "expected": expected, "found": _describe_value(instance)},
            )
        else:
            code = schema.get("x-code", "type")
            fields: dict[str, Any] = {"field": name, "value": instance}
            if code == "id-invalid":
                fields["example"] = _slugify(str(instance)) or "my-id"
            elif code == "date-invalid":
                fields["reason"] = ""
            elif code in ("stance-invalid", "evidence-invalid", "kind-invalid"):
                allowed = schema.get("enum", [])
                fields["allowed"] = ", ".join(allowed)
                close = difflib.get_close_matches(str(instance).lower(), allowed, n=1, cutoff=0.5)
                fields["suggestion"] = (
                    f"did you mean {close[0]!r}?" if close else f"use one of: {', '.join(allowed)}"
                )
            yield doc.at(path), code, fields

    # -- checks shared by several files ------------------------------------------------------
    def date(
        self, doc: Document, path: tuple[Any, ...], item: dict[str, Any], name: str
    ) -> PartialDate | None:
        """The date in ``item[name]``, checked to be real and not in the future."""
        value = item.get(name)
        if not isinstance(value, str):
            return None
        where = doc.at((*path, name))
        try:
            parsed = parse_date(value)
        except ValueError as exc:
            if not doc.is_bad((*path, name)):  # the pattern check already said so
                self.report(
                    doc,
                    where,
                    "date-invalid",
                    bad=path,
                    field=name,
                    value=value,
                    reason=f" ({exc})",
                )
            else:
                doc.bad.append(path)
            return None
        if parsed.start > self.today:
            self.report(
                doc,
                where,
                "date-future",
                bad=path,
                field=name,
                value=value,
                today=self.today.isoformat(),
            )
            return None
        return parsed

    def unique(
        self,
        doc: Document,
        path: tuple[Any, ...],
        kind: str,
        ident: Any,
        first: dict[str, tuple[str, int]],
    ) -> None:
        if not isinstance(ident, str):
            return
        if ident in first:
            self.report(
                doc,
                doc.at((*path, "id")),
                "id-duplicate",
                bad=path,
                kind=kind,
                value=ident,
                first_line=first[ident][1],
            )
        else:
            first[ident] = (doc.path, doc.at(path)[0])

    def resolve(
        self,
        doc: Document,
        path: tuple[Any, ...],
        kind: str,
        value: str,
        known: Iterable[str],
        where: str,
        name: str,
    ) -> bool:
        """True when ``value`` names a valid record; reports it when it names nothing."""
        known = list(known)
        if value in known:
            return True
        if value in self.broken[kind] or kind in self.unreadable:
            if doc.path != "" and path:
                doc.bad.append(path)
            return False
        close = difflib.get_close_matches(value, known, n=1, cutoff=0.6)
        suggestion = f"did you mean {close[0]!r}?" if close else f"define {value!r} in {where}"
        self.report(
            doc,
            doc.at(path),
            "ref-unresolved",
            bad=path,
            field=name,
            value=value,
            kind=kind,
            where=where,
            suggestion=suggestion,
        )
        return False

    # -- the files ---------------------------------------------------------------------------
    def load_issues(self) -> None:
        doc = self.required(ISSUES, "issues", "issue")
        if doc is None:
            return
        if isinstance(doc.data, dict):
            for key in ("title", "credit"):
                if isinstance(value := doc.data.get(key), str) and value.strip():
                    setattr(self.ds, key, value.strip())
        first: dict[str, tuple[str, int]] = {}
        for path, item in self.all_items(doc, "issues"):
            self.unique(doc, path, "issue", item.get("id"), first)
            if (item := self.usable(doc, path, "issue", item)) is not None:
                self.ds.issues[item["id"]] = Issue(
                    item["id"],
                    item["label"],
                    item["proposition"],
                    dict(item.get("labels") or {}),
                    item.get("description"),
                )

    def load_actors(self) -> None:
        doc = self.required(ACTORS, "actors", "actor")
        if doc is None:
            self.unreadable.add("group")
            return
        first: dict[str, tuple[str, int]] = {}
        for path, item in self.all_items(doc, "groups"):
            self.unique(doc, path, "group", item.get("id"), first)
            if (item := self.usable(doc, path, "group", item)) is not None:
                self.ds.groups[item["id"]] = Group(item["id"], item["name"])
        if doc.broken_at(("groups",)):
            self.unreadable.add("group")
        first = {}
        actors = list(self.all_items(doc, "actors"))
        ids = {item["id"] for _, item in actors if isinstance(item.get("id"), str)}
        parents: dict[str, str] = {}
        for path, item in actors:
            self.unique(doc, path, "actor", item.get("id"), first)
            groups = item.get("groups")
            for i, group in enumerate(groups if isinstance(groups, list) else []):
                if isinstance(group, str):
                    self.resolve(
                        doc,
                        (*path, "groups", i),
                        "group",
                        group,
                        self.ds.groups,
                        ACTORS + " groups",
                        "group",
                    )
            parent = item.get("parent")
            if isinstance(parent, str):
                self.resolve(doc, (*path, "parent"), "actor", parent, ids, ACTORS, "parent")
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
                self.report(
                    doc,
                    doc.at((*path, "parent")),
                    "parent-cycle",
                    bad=path,
                    value=ident,
                    chain=" -> ".join([*chain, step]),
                )
        self.drop_orphans(doc, actors)
        for path, item in actors:
            if (item := self.usable(doc, path, "actor", item)) is not None:
                self.ds.actors[item["id"]] = Actor(
                    item["id"],
                    item["name"],
                    item["kind"],
                    item.get("iso3"),
                    tuple(item.get("groups") or ()),
                    item.get("parent"),
                    item.get("role"),
                )

    def drop_orphans(self, doc: Document, actors: list[tuple[tuple[Any, ...], dict]]) -> None:
        """Leave out, quietly, actors whose parent is left out (down the whole chain)."""
        kept = {  # ids are text here
            item["id"] for path, item in actors if _salvaged(doc, path, "actor", item) is not None
        }
        changed = True
        while changed:
            changed = False
            for path, item in actors:
                parent = item.get("parent")
                ident = item.get("id")
                if (
                    isinstance(ident, str)
                    and ident in kept
                    and isinstance(parent, str)
                    and parent not in kept
                ):
                    kept.discard(item["id"])
                    doc.bad.append(path)
                    changed = True

    def load_sources(self) -> None:
        if not (self.root / SOURCES).is_file():
            self.registry_absent = True
            return
        doc = self.read(SOURCES, "sources")
        self.ds.files.append(SOURCES)
        if not doc.readable or doc.broken_at(("sources",)):
            self.unreadable.add("source")
        first: dict[str, tuple[str, int]] = {}
        for path, item in self.all_items(doc, "sources"):
            ident = item.get("id")
            self.unique(doc, path, "source", ident, first)
            published = self.date(doc, path, item, "published")
            file = item.get("file")
            text = None
            if isinstance(file, str) and isinstance(ident, str):
                text = self.read_text(doc, path, ident, file)
            if self.keep(doc, path, "source", item) and published is not None:
                self.ds.sources[ident] = Source(
                    ident, item["title"], published, item.get("outlet"), item.get("url"), file
                )
                if text is not None:
                    self.ds.texts[ident] = text
                    self.normalised[ident] = normalise(text)

    def read_text(self, doc: Document, path: tuple[Any, ...], ident: str, file: str) -> str | None:
        seeds = (self.root / "seeds").resolve()
        where = doc.at((*path, "file"))
        try:
            target = (seeds / file).resolve()
            inside = target.is_relative_to(seeds)
            usable = inside and target.is_file()
        except (OSError, ValueError, RuntimeError):  # too long, NUL byte, symlink loop
            inside = usable = False
        if not usable:
            why = "does not exist in seeds/" if inside else "lies outside seeds/"
            self.report(
                doc, where, "source-file-missing", bad=path, file=file, source=ident, why=why
            )
            return None
        if target.stat().st_size > MAX_TEXT_BYTES:
            self.report(
                doc,
                where,
                "file-too-large",
                bad=path,
                size=target.stat().st_size,
                limit=MAX_TEXT_BYTES,
            )
            return None
        raw = target.read_bytes()
        text_doc = Document(target.relative_to(self.root.resolve()).as_posix())
        text = self.decode(text_doc, raw)
        if text is None:
            doc.bad.append(path)
        return text

    def load_events(self) -> None:
        if not (self.root / EVENTS).is_file():
            return
        doc = self.read(EVENTS, "events")
        self.ds.files.append(EVENTS)
        for path, item in self.all_items(doc, "events"):
            date = self.date(doc, path, item, "date")
            source = item.get("source")
            if isinstance(source, str):
                self.source_ref(doc, (*path, "source"), source)
            if self.keep(doc, path, "event", item) and date is not None:
                self.ds.events.append(Event(date, item["label"], source))

    def load_positions(self) -> None:
        stances = self.root / "stances"
        files = sorted(
            p.relative_to(self.root).as_posix() for p in stances.rglob("*.yaml") if p.is_file()
        )
        seen: dict[tuple[str, str, dt.date, str | None], str] = {}
        for rel in files:
            if rel in SPECIAL:
                continue
            doc = self.read(rel, "positions")
            self.ds.files.append(rel)
            named = doc.data.get("actor") if isinstance(doc.data, dict) else None
            about = named if isinstance(named, str) else Path(rel).stem
            if about in self.ds.actors:
                self.ds.file_actors[rel] = about
            if not doc.readable or not isinstance(doc.data, dict):
                continue
            actor = doc.data.get("actor")
            actor_ok = isinstance(actor, str) and self.resolve(
                doc, ("actor",), "actor", actor, self.ds.actors, ACTORS, "actor"
            )
            for path, item in self.all_items(doc, "positions"):
                position = self.position(doc, path, item, actor)
                if position is None or not actor_ok or doc.broken_at(("positions",)):
                    self.note_dropped(doc, path, item, actor)
                    continue
                key = (actor, position.issue, position.date.start, position.speaker)
                if key in seen:
                    self.report(
                        doc,
                        doc.at(path),
                        "position-duplicate",
                        bad=path,
                        actor=actor,
                        issue=position.issue,
                        date=position.date.text,
                        speaker=repr(position.speaker) if position.speaker else "no named speaker",
                        first=seen[key],
                    )
                    self.note_dropped(doc, path, item, actor)
                    continue
                seen[key] = f"{rel}:{position.line}"
                self.ds.positions.append(position)

    def note_dropped(
        self, doc: Document, path: tuple[Any, ...], item: dict[str, Any], actor: Any
    ) -> None:
        """Remember a position left out for errors, where its actor and issue are known, so
        that its cell can say so rather than look like silence."""
        issue = item.get("issue")
        if not isinstance(actor, str) or not isinstance(issue, str):
            return
        if actor not in self.ds.actors or issue not in self.ds.issues:
            return
        try:
            date = parse_date(item["date"]) if isinstance(item.get("date"), str) else None
        except ValueError:
            date = None
        if date is not None and date.start > self.today:
            date = None
        self.ds.dropped.append(Dropped(actor, issue, date, doc.path, doc.at(path)[0]))

    def position(
        self, doc: Document, path: tuple[Any, ...], item: dict[str, Any], actor: Any
    ) -> Position | None:
        issue = item.get("issue")
        if isinstance(issue, str):
            self.resolve(doc, (*path, "issue"), "issue", issue, self.ds.issues, ISSUES, "issue")
        date = self.date(doc, path, item, "date")
        citations = []
        sources = item.get("sources")
        for i, cite in enumerate(sources if isinstance(sources, list) else []):
            if isinstance(cite, dict):
                citation = self.citation(doc, (*path, "sources", i), cite)
                if citation is not None:
                    citations.append(citation)
        if doc.is_bad(path) or date is None:
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

    def source_ref(self, doc: Document, path: tuple[Any, ...], source: str) -> bool:
        """Check a reference to a registry source; False when it names nothing at all.

        A source that is left out for its own error, or a registry that is missing or cannot
        be read, is reported once there; the citing record is kept, unchecked.
        """
        if self.registry_absent and doc.path not in self.told_absent:
            self.told_absent.add(doc.path)  # once per file, at its first registry citation
            self.report(doc, doc.at(path), "registry-missing", source=source)
            self.unreadable.add("source")
        if source in self.ds.sources or source in self.broken["source"]:
            return True
        if "source" in self.unreadable:
            return True
        return self.resolve(doc, path, "source", source, self.ds.sources, SOURCES, "source")

    def citation(
        self, doc: Document, path: tuple[Any, ...], cite: dict[str, Any]
    ) -> Citation | None:
        source = cite.get("source")
        published = None
        quote = cite.get("quote")
        if isinstance(quote, str) and not _WORD.search(quote):
            self.report(doc, doc.at((*path, "quote")), "quote-empty", bad=path, value=quote)
            return None
        if isinstance(source, str):
            inline = [f for f in INLINE_FIELDS if f in cite]
            if inline:
                self.report(
                    doc,
                    doc.key_at(path, inline[0]),
                    "citation-mixed",
                    bad=path,
                    source=source,
                    fields=", ".join(inline),
                )
                return None
            if not self.source_ref(doc, (*path, "source"), source):
                return None
            if (
                source in self.normalised
                and isinstance(cite.get("quote"), str)
                and not occurs_in(cite["quote"], self.normalised[source])
            ):
                self.report(
                    doc,
                    doc.at((*path, "quote")),
                    "quote-not-found",
                    bad=path,
                    file=f"seeds/{self.ds.sources[source].file}",
                    quote=_shorten(cite["quote"]),
                )
                return None
        else:
            missing = [f for f in ("outlet", "published") if f not in cite]
            if missing:
                found = ", ".join(f for f in cite if f != "quote") or "neither"
                self.report(doc, doc.at(path), "citation-incomplete", bad=path, found=found)
                return None
            published = self.date(doc, path, cite, "published")
            if published is None:
                return None
        if doc.is_bad(path):
            return None
        return Citation(
            cite["quote"], source, cite.get("outlet"), published, cite.get("url"), cite.get("title")
        )

    # -- helpers -----------------------------------------------------------------------------
    def required(self, rel: str, key: str, kind: str) -> Document | None:
        if not (self.root / rel).is_file():
            self.report(rel, (1, 1), "file-missing", name=rel)
            self.unreadable.add(kind)
            return None
        doc = self.read(rel, FILE_SCHEMAS_KIND[rel])
        self.ds.files.append(rel)
        if not doc.readable or doc.broken_at((key,)):
            self.unreadable.add(kind)
        return doc

    def all_items(
        self, doc: Document, key: str
    ) -> Iterator[tuple[tuple[Any, ...], dict[str, Any]]]:
        """Every mapping in the list under ``key``, with its path, errors or not."""
        if not doc.readable or not isinstance(doc.data, dict):
            return
        values = doc.data.get(key)
        if isinstance(values, list):
            for i, item in enumerate(values):
                if isinstance(item, dict):
                    yield (key, i), item

    def usable(
        self, doc: Document, path: tuple[Any, ...], kind: str, item: dict[str, Any]
    ) -> dict[str, Any] | None:
        """The record at ``path``, less the optional fields that hold its only errors.

        ``None`` when it cannot be kept; its id is then noted as broken.
        """
        kept = _salvaged(doc, path, kind, item)
        if kept is None:
            self.keep(doc, path, kind, item)
        return kept

    def keep(self, doc: Document, path: tuple[Any, ...], kind: str, item: dict[str, Any]) -> bool:
        """True when the record at ``path`` has no error; otherwise note its id as broken."""
        if not doc.is_bad(path):
            return True
        ident = item.get("id")
        if isinstance(ident, str) and kind in self.broken:
            self.broken[kind].add(ident)
        return False

    def run(self) -> Dataset:
        if not (self.root / "stances").is_dir():
            self.report(
                "stances",
                (1, 1),
                "data-dir",
                message=f"{self.root} has no stances/ folder",
                hint="point at a data directory holding stances/ and seeds/",
            )
        self.load_issues()
        self.load_actors()
        self.load_sources()
        self.load_events()
        if (self.root / "stances").is_dir():
            self.load_positions()
        self.problems.sort(key=lambda p: (p.path, p.line, p.col, p.code))
        self.ds.problems = self.problems
        return self.ds


FILE_SCHEMAS_KIND = {ISSUES: "issues", ACTORS: "actors"}


def load(root: Path | str, today: dt.date | None = None) -> Dataset:
    """Load and validate the data directory ``root``."""
    return Loader(Path(root), today or dt.date.today()).run()


def _field_name(path: tuple[Any, ...], file: str) -> str:
    if not path:
        return file
    names = [p for p in path if isinstance(p, str)]
    last = path[-1]
    if isinstance(last, int):
        return f"item {last + 1} of {names[-1] if names else 'the list'}"
    return str(last)


def _describe_value(value: Any) -> str:
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, str):
        return f"the text {_shorten(value)!r}"
    if isinstance(value, list):
        return f"a list of {len(value)}"
    if isinstance(value, dict):
        return "a mapping"
    return repr(value)


def _shorten(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
