"""Salvage bookkeeping: where a file's errors lie, and what of a record survives them.

The words (see the package docstring): a *fault* is the path of a value that holds an error;
a record is *faulty* when a fault lies at, inside or above it, and *lost* when one lies at it or
above it; to *salvage* a record is to cut away the optional fields that hold its only faults;
to *keep* it is to salvage it or else note its id as *dropped*. A kind of record is *unchecked*
when its file could not be read, so references to it cannot be told right or wrong.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from .. import yamlnodes
from ..problems import Problem, problem
from ..schema import ACTOR, GROUP, ISSUE

Where = tuple[Any, ...]  # a path into a file's data: keys and list indices

# Fields whose mistakes cost only the field: the record keeps its row, column or group.
# (A position, citation, source or event with any error is left out: each of their fields
# bears on what a reader concludes.)
SALVAGEABLE: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "issue": (frozenset(ISSUE["properties"]), frozenset({"labels", "description"})),
    "actor": (frozenset(ACTOR["properties"]), frozenset({"iso3", "role", "groups"})),
    "group": (frozenset(GROUP["properties"]), frozenset()),
}

# kinds of record that other records refer to by id
REFERRED = ("issue", "actor", "group", "source")


@dataclass
class Document:
    """One YAML file as read: its tree, its data, its problems and where its faults lie."""

    path: str
    root: yamlnodes.Node | None = None
    data: Any = None
    readable: bool = False
    problems: list[Problem] = field(default_factory=list)
    faults: list[Where] = field(default_factory=list)
    # values under a refused tag: they are not read, so no schema error is told inside them
    unread: list[Where] = field(default_factory=list)
    # ids of the records this file defines that were left out, by kind
    dropped: dict[str, set[str]] = field(default_factory=lambda: {k: set() for k in REFERRED})
    # the days (ordinals) on which what was found here holds: from the latest date that was
    # not in the future to the day before the earliest that was (None: no bound)
    days: list[int | None] = field(default_factory=lambda: [None, None])

    def saw_date(self, start: dt.date, today: dt.date) -> None:
        """Note a date checked against ``today``: what holds here depends on its side."""
        day = start.toordinal()
        first, last = self.days
        if start > today:
            self.days[1] = day - 1 if last is None else min(last, day - 1)
        else:
            self.days[0] = day if first is None else max(first, day)

    def report(self, loc: tuple[int, int], code: str, fault: Where | None = None, **fields: Any):
        """Record a problem at ``loc``; ``fault`` is the path it makes faulty, if any."""
        self.problems.append(problem(self.path, loc[0], loc[1], code, **fields))
        if fault is not None:
            self.faults.append(fault)

    def at(self, path: Where) -> tuple[int, int]:
        return yamlnodes.locate(self.root, path)

    def key_at(self, path: Where, name: str) -> tuple[int, int]:
        return yamlnodes.key_position(self.root, path, name) or self.at(path)

    def lost(self, path: Where) -> bool:
        """True when a fault lies at ``path`` or above it: nothing of it can be used."""
        return any(path[: len(f)] == f for f in self.faults)

    def faulty(self, path: Where) -> bool:
        """True when a fault lies at, inside or above ``path``."""
        n = len(path)
        return any(f[:n] == path or path[: len(f)] == f for f in self.faults)

    def salvage(self, path: Where, kind: str, item: dict[str, Any]) -> dict[str, Any] | None:
        """The record of ``kind`` at ``path`` without the fields that hold its only faults.

        Faults inside the fields a record of ``kind`` may lose (its optional descriptive ones,
        and any the format does not know) are cut away: the field is dropped, or just its one
        faulty entry where it is a list or a mapping. Any other fault leaves nothing (``None``).
        A kind without salvageable fields is kept whole or not at all.
        """
        known, optional = SALVAGEABLE.get(kind, (frozenset(item), frozenset()))
        optional = optional | (frozenset(item) - known)
        n = len(path)
        cuts: dict[Any, set[Any] | None] = {}  # field -> faulty entries (None: the whole field)
        for f in self.faults:
            if path[: len(f)] == f:
                return None  # a fault at the record or above it
            if f[:n] != path:
                continue
            head = f[n]
            if head not in optional:
                return None
            if len(f) == n + 2 and cuts.get(head, set()) is not None:
                cuts.setdefault(head, set()).add(f[n + 1])
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

    def keep(self, path: Where, kind: str, item: dict[str, Any]) -> dict[str, Any] | None:
        """:meth:`salvage` the record; when nothing is left, note its id as dropped."""
        kept = self.salvage(path, kind, item)
        ident = item.get("id")
        if kept is None and isinstance(ident, str) and kind in self.dropped:
            self.dropped[kind].add(ident)
        return kept


@dataclass
class Ledger:
    """What the whole directory knows of left-out records, for quiet references to them."""

    dropped: dict[str, set[str]] = field(default_factory=lambda: {k: set() for k in REFERRED})
    unchecked: set[str] = field(default_factory=set)

    def add(self, doc: Document, unchecked: set[str]) -> None:
        for kind, ids in doc.dropped.items():
            self.dropped[kind] |= ids
        self.unchecked |= unchecked

    def quiet(self, kind: str, value: str) -> bool:
        """True when a reference to ``value`` goes untold: it names a dropped record, or its
        kind is unchecked (the first error already says what to fix)."""
        return value in self.dropped[kind] or kind in self.unchecked
