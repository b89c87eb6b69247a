"""Load a data directory: read every file, validate it, and keep all that is valid.

All problems are collected in one pass. A record (issue, group, actor, source, event,
position) with an error is left out and the rest is kept, so one bad file never hides the
good ones. Records that refer to a left-out record are left out too, without a second error
(the first one says what to fix). See docs/format.md for the rules as maintainers read them.

One module for each job:

- :mod:`.salvage` -- the bookkeeping: where a file's errors lie and what survives them;
- :mod:`.reading` -- reading and decoding a file into a document (tree and data);
- :mod:`.schema_errors` -- what the file schemas reject, told as the format's problems;
- :mod:`.records` -- the typed records of one file, from that file alone;
- :mod:`.references` -- ids that name records elsewhere, quotes against their source's text,
  positions told twice;
- :mod:`.cache` -- each file's own result kept between runs (JSON, keyed by the file's hash
  and the code's), and quote results kept by the text's hash;
- :mod:`.store` -- where the cache lives, how an entry is written, what keys it (the code's
  version, the local texts as found);
- :mod:`.report` -- ``validate``'s whole result kept as one entry, keyed by every file it
  read, so a run with nothing changed loads nothing;
- :mod:`.dataset` -- puts these together: :func:`load`.

**Per file, then across files.** :mod:`.records` builds each file's
:class:`~.records.FileRecords` from that file alone (read, decode, schema check, dates, ids
unique within the file, records built), with the references it makes listed, not yet
checked. :mod:`.dataset` then runs the cross-file work on those results: references to other
files, quotes against the registry's texts, positions told twice across files. A per-file
result depends only on its file (the source registry: also on the texts it names) and on
today's date, so it is cached by file (:mod:`.cache`, docs/performance.md); the cross-file
checks run again on every load.
A cross-file check can only add faults (and leave records out), never take one away.

**The bookkeeping's words** (the same in every module):

- *fault*: the path (keys and list indices) of a value holding an error; a file's
  :attr:`~.salvage.Document.faults` list them. Each reported problem makes its path faulty.
- *faulty*: a fault lies at, inside or above a path; a faulty record is left out unless it
  can be salvaged.
- *lost*: a fault lies at a path or above it, so nothing of it can be used (a whole list).
- *salvage*: cut away the optional fields (of issues, actors, groups) that hold a record's
  only faults; what is left is kept. Other kinds are kept whole or not at all.
- *keep*: salvage a record, or else note its id as *dropped*.
- *dropped*: the ids of records that were defined but left out; references to them stay
  quiet (and the referring record is left out too).
- *unchecked*: a kind of record whose file could not be read (or is missing), so references
  to it cannot be told right or wrong and stay quiet.
- *unread*: a value under a refused YAML tag; no schema error is told inside it.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .dataset import load
    from .schema_errors import _VALIDATORS, schema_valid
    from .store import MAX_TEXT_BYTES, MAX_YAML_BYTES

__all__ = ["MAX_TEXT_BYTES", "MAX_YAML_BYTES", "_VALIDATORS", "load", "schema_valid"]

# Imported on first use, not with the package (see standpoint.loader.report): the module
# that holds each name.
_HOME = {
    "load": ".dataset",
    "MAX_TEXT_BYTES": ".store",
    "MAX_YAML_BYTES": ".store",
    "_VALIDATORS": ".schema_errors",
    "schema_valid": ".schema_errors",
}


def __getattr__(name: str) -> Any:
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(home, __name__), name)
    globals()[name] = value
    return value
