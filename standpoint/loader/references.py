"""Reference checks: ids that name records of another file (or of the same one), quotes
against their source's text, and positions told twice across files."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from typing import TYPE_CHECKING, NamedTuple

from ..model import Dataset, Position
from ..near_miss import NearMiss, closest, light, nearest
from .reading import ACTORS, ISSUES, SOURCES
from .salvage import Document, Ledger, Where
from .schema_errors import shorten

if TYPE_CHECKING:
    from .cache import QuoteBook


class Ref(NamedTuple):
    """A reference written at ``path`` (a field named ``name``) to the ``kind`` id ``value``.

    A citation's reference to a registry source also carries its ``quote``, to be found in
    the source's text; the citation is the path's parent. (A named tuple: quick to make,
    as a warm load makes one for every reference in the data.)
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
    elif close := nearest(value, known):
        suggestion = f"did you mean {close!r}?"
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

    def __init__(self, ds: Dataset, ledger: Ledger, quotes: QuoteBook) -> None:
        self.ds = ds
        self.ledger = ledger
        self.quotes = quotes  # quotes against the sources' local texts (kept by text hash)
        self.registry_absent = False  # seeds/sources.yaml does not exist
        self.told_absent: set[str] = set()  # files told that the registry is absent
        # position -> (file, line) where it was first told
        self.seen: dict[tuple[str, str, dt.date, str | None], tuple[str, int]] = {}
        self.lit: dict[str, str] = {}  # source id -> its text folded for near misses
        self.targets = {
            "issue": (ds.issues, ISSUES),
            "actor": (ds.actors, ACTORS),
            "group": (ds.groups, ACTORS + " groups"),
        }

    def near_miss(self, source: str, quote: str) -> NearMiss | None:
        """The passage of the source's text closest to a quote not found in it."""
        text = self.ds.texts.get(source)
        if text is None:
            return None
        if source not in self.lit:
            self.lit[source] = light(text)
        return closest(quote, text, self.lit[source])

    def check(self, doc: Document, ref: Ref, prefer: str | None = None) -> bool:
        """Whether ``ref`` holds; reported (and its path made faulty) when it does not."""
        if ref.kind == "source":
            return self.source(doc, ref)
        known, where = self.targets[ref.kind]
        if ref.value in known:
            return True
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
            source in self.quotes
            and ref.quote is not None
            and not self.quotes.holds(source, ref.quote)
        ):
            file = f"seeds/{self.ds.sources[source].file}"
            near = self.near_miss(source, ref.quote)
            doc.report(
                doc.at((*cite, "quote")),
                "quote-not-found",
                fault=cite,
                file=file,
                quote=shorten(ref.quote),
                nearest=f"; the closest passage, at {file}:{near.line}, reads "
                f"{shorten(near.passage, 160)!r}"
                if near
                else "",
                differs=f"the quote has {near.describe()}; " if near else "",
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
                first="{}:{}".format(*self.seen[key]),
            )
            return True
        self.seen[key] = (doc.path, position.line)
        return False
