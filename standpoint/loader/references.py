"""Reference checks: ids that name records of another file (or of the same one), quotes
against their source's text, and positions told twice across files."""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Collection
from dataclasses import dataclass

from ..model import Dataset, Position
from ..quotes import occurs_in
from .reading import ACTORS, ISSUES, SOURCES
from .salvage import Document, Ledger, Where
from .schema_errors import shorten


@dataclass(frozen=True, slots=True)
class Ref:
    """A reference written at ``path`` (a field named ``name``) to the ``kind`` id ``value``.

    A citation's reference to a registry source also carries its ``quote``, to be found in
    the source's text; the citation is the path's parent.
    """

    path: Where
    kind: str  # issue, actor, group or source
    value: str
    name: str
    quote: str | None = None


def resolve(
    doc: Document,
    path: Where,
    kind: str,
    value: str,
    known: Collection[str],
    ledger: Ledger,
    where: str,
    name: str,
    prefer: str | None = None,
) -> bool:
    """True when ``value`` names a valid record; reports it when it names nothing.

    A reference to a dropped record, or to an unchecked kind, is quietly faulty. The hint
    suggests ``prefer`` (what the file itself says, such as its name) where that names a
    record, else the nearest spelling.
    """
    if value in known:
        return True
    if ledger.quiet(kind, value):
        if path:
            doc.faults.append(path)
        return False
    if prefer is not None and prefer in known:
        suggestion = f"did you mean {prefer!r}, as the file's name says?"
    elif close := difflib.get_close_matches(value, list(known), n=1, cutoff=0.6):
        suggestion = f"did you mean {close[0]!r}?"
    else:
        suggestion = f"define {value!r} in {where}"
    doc.report(
        doc.at(path),
        "ref-unresolved",
        fault=path,
        field=name,
        value=value,
        kind=kind,
        where=where,
        suggestion=suggestion,
    )
    return False


class CrossChecks:
    """The checks that need other files: run once every file has been read on its own."""

    def __init__(self, ds: Dataset, ledger: Ledger, normalised: dict[str, str]) -> None:
        self.ds = ds
        self.ledger = ledger
        self.normalised = normalised  # source id -> its text, normalised for quote matching
        self.registry_absent = False  # seeds/sources.yaml does not exist
        self.told_absent: set[str] = set()  # files told that the registry is absent
        self.seen: dict[tuple[str, str, dt.date, str | None], str] = {}  # position -> where

    def check(self, doc: Document, ref: Ref, prefer: str | None = None) -> bool:
        """Whether ``ref`` holds; reported (and its path made faulty) when it does not."""
        if ref.kind == "source":
            return self.source(doc, ref)
        known, where = {
            "issue": (self.ds.issues, ISSUES),
            "actor": (self.ds.actors, ACTORS),
            "group": (self.ds.groups, ACTORS + " groups"),
        }[ref.kind]
        return resolve(
            doc, ref.path, ref.kind, ref.value, known, self.ledger, where, ref.name, prefer
        )

    def source(self, doc: Document, ref: Ref) -> bool:
        """A reference to a registry source, and its quote against the source's text.

        A source that is left out for its own error, or a registry that is missing or cannot
        be read, is reported once there; the citing record is kept, unchecked.
        """
        if self.registry_absent and doc.path not in self.told_absent:
            self.told_absent.add(doc.path)  # once per file, at its first registry citation
            doc.report(doc.at(ref.path), "registry-missing", source=ref.value)
            self.ledger.unchecked.add("source")
        source = ref.value
        if source not in self.ds.sources and not self.ledger.quiet("source", source):
            return resolve(
                doc, ref.path, "source", source, self.ds.sources, self.ledger, SOURCES, "source"
            )
        cite = ref.path[:-1]
        if (
            source in self.normalised
            and ref.quote is not None
            and not occurs_in(ref.quote, self.normalised[source])
        ):
            doc.report(
                doc.at((*cite, "quote")),
                "quote-not-found",
                fault=cite,
                file=f"seeds/{self.ds.sources[source].file}",
                quote=shorten(ref.quote),
            )
            return False
        return True

    def duplicate(self, doc: Document, path: Where, position: Position) -> bool:
        """True (and reported) when the same actor, issue, date and speaker came before."""
        key = (position.actor, position.issue, position.date.start, position.speaker)
        if key in self.seen:
            doc.report(
                doc.at(path),
                "position-duplicate",
                fault=path,
                actor=position.actor,
                issue=position.issue,
                date=position.date.text,
                speaker=repr(position.speaker) if position.speaker else "no named speaker",
                first=self.seen[key],
            )
            return True
        self.seen[key] = f"{doc.path}:{position.line}"
        return False
