"""Typed records of a loaded data directory."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .dates import PartialDate
from .problems import Problem


@dataclass(frozen=True, slots=True)
class Issue:
    id: str
    label: str
    proposition: str
    labels: dict[str, str] = field(default_factory=dict)
    description: str | None = None


@dataclass(frozen=True, slots=True)
class Group:
    id: str
    name: str


@dataclass(frozen=True, slots=True)
class Actor:
    id: str
    name: str
    kind: str
    iso3: str | None = None
    groups: tuple[str, ...] = ()
    parent: str | None = None
    role: str | None = None


@dataclass(frozen=True, slots=True)
class Source:
    id: str
    title: str
    published: PartialDate
    outlet: str | None = None
    url: str | None = None
    file: str | None = None


@dataclass(frozen=True, slots=True)
class Citation:
    quote: str
    source: str | None = None  # registry id; None for an inline source
    outlet: str | None = None
    published: PartialDate | None = None
    url: str | None = None
    title: str | None = None


@dataclass(frozen=True, slots=True)
class Position:
    actor: str
    issue: str
    date: PartialDate
    stance: str
    citations: tuple[Citation, ...]
    speaker: str | None = None
    summary: str | None = None
    conditions: str | None = None
    evidence: str = "stated"
    path: str = ""  # file, relative to the data directory
    line: int = 0


@dataclass(frozen=True, slots=True)
class Dropped:
    """A position left out for errors: what could be read of it, and where it is written.
    ``date`` is None where the date itself could not be read (or lies in the future)."""

    actor: str
    issue: str
    date: PartialDate | None
    path: str
    line: int


@dataclass(frozen=True, slots=True)
class Event:
    date: PartialDate
    label: str
    source: str | None = None


@dataclass(slots=True)
class Dataset:
    """Everything valid in a data directory, and every problem found in it."""

    root: Path
    title: str | None = None  # issues.yaml's optional topic, for chart titles
    credit: str | None = None  # issues.yaml's optional credit line, for charts
    issues: dict[str, Issue] = field(default_factory=dict)
    groups: dict[str, Group] = field(default_factory=dict)
    actors: dict[str, Actor] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)
    positions: list[Position] = field(default_factory=list)
    dropped: list[Dropped] = field(default_factory=list)  # positions left out for errors
    events: list[Event] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # errors: each leaves data out
    warnings: list[Problem] = field(default_factory=list)  # legal, probably unintended
    texts: dict[str, str] = field(default_factory=dict)  # source id -> local text
    files: list[str] = field(default_factory=list)  # every YAML file read
    # positions file -> the actor it is about (its ``actor:`` where that names an actor, else
    # the actor whose id is the file's name), so problems can be told on that actor
    file_actors: dict[str, str] = field(default_factory=dict)
    # positions file -> the text of its ``actor:`` as written (known actor or not)
    claims: dict[str, str] = field(default_factory=dict)
    # the local texts the registry names, each as found: name, how, where, hash (see
    # standpoint.loader.store.text_state); what validate's cached result depends on
    text_states: list[list[Any]] = field(default_factory=list, repr=False, compare=False)
    # indexes built from the records on first use (standpoint.cells), not part of the data
    index_cache: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def source_label(self, citation: Citation) -> str:
        """Outlet and date of a citation, for hover text and tables."""
        if citation.source and citation.source in self.sources:
            src = self.sources[citation.source]
            return ", ".join(x for x in (src.outlet or src.title, src.published.shown) if x)
        return ", ".join(
            x
            for x in (citation.outlet, citation.published.shown if citation.published else None)
            if x
        )
