"""Questions asked of a dataset, answered as plain lists or pandas frames.

The command line and the dashboard call these same functions, so what
``python -m standpoint matrix`` prints is what the dashboard draws.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from .model import Dataset, Position
from .problems import Problem
from .scale import DIVIDED, VALUE


def default_as_of() -> dt.date:
    """The command line's default date: today."""
    return dt.date.today()


def latest_date(ds: Dataset) -> dt.date:
    """The latest date any position counts from (today when there are none)."""
    return max((p.date.start for p in ds.positions), default=dt.date.today())


def by_pair(ds: Dataset) -> dict[tuple[str, str], list[Position]]:
    """Positions of each (actor, issue) pair, oldest first (stable for equal dates)."""
    pairs: dict[tuple[str, str], list[Position]] = defaultdict(list)
    for p in ds.positions:
        pairs[(p.actor, p.issue)].append(p)
    for positions in pairs.values():
        positions.sort(key=lambda p: p.date.start)
    return pairs


def current(positions: list[Position], as_of: dt.date) -> list[Position]:
    """The positions that make the cell as of ``as_of``: all of those sharing the latest
    date on or before it (several when different speakers spoke that day)."""
    held = [p for p in positions if p.date.start <= as_of]
    if not held:
        return []
    last = held[-1].date.start
    return [p for p in held if p.date.start == last]


def cell_value(positions: list[Position]) -> str | None:
    """A stance key, ``divided`` when the positions disagree, or None when there are none."""
    stances = {p.stance for p in positions}
    if not stances:
        return None
    return stances.pop() if len(stances) == 1 else DIVIDED


def level_value(stance: str | None) -> float:
    """A cell's level on the -2..2 scale; NaN for ``divided`` and no position."""
    return float(VALUE[stance]) if stance in VALUE else float("nan")


def join_distinct(values: Iterable[str | None], sep: str = " / ") -> str | None:
    """Distinct non-empty values, in order, joined; None when there are none."""
    seen: list[str] = []
    for v in values:
        if v and v not in seen:
            seen.append(v)
    return sep.join(seen) if seen else None


def cell_words(ds: Dataset, made: list[Position], sep: str = "\n") -> dict[str, str | None]:
    """The words behind a cell or step made by ``made``: distinct speakers and sources joined
    by " / ", summaries and quotes (each position's first citation) by ``sep``."""
    firsts = [p.citations[0] for p in made if p.citations]
    return {
        "speaker": join_distinct(p.speaker for p in made),
        "summary": join_distinct((p.summary for p in made), sep=sep),
        "quote": join_distinct((c.quote for c in firsts), sep=sep),
        "source": join_distinct(ds.source_label(c) for c in firsts),
    }


def actors_with_positions(ds: Dataset) -> list[str]:
    """Actors with at least one position at any date, in the order of actors.yaml."""
    have = {p.actor for p in ds.positions}
    return [a for a in ds.actors if a in have]


def matrix_as_of(ds: Dataset, as_of: dt.date) -> pd.DataFrame:
    """The stance matrix: one row per actor with a position at any date (actors.yaml order),
    one column per issue (issues.yaml order); each cell a stance key, ``divided`` or None."""
    pairs = by_pair(ds)
    rows = actors_with_positions(ds)
    issues = list(ds.issues)
    data = [[cell_value(current(pairs.get((a, i), []), as_of)) for i in issues] for a in rows]
    frame = pd.DataFrame(
        data,
        index=pd.Index(rows, name="actor"),
        columns=pd.Index(issues, name="issue"),
        dtype=object,
    )
    return frame


def matrix_values(frame: pd.DataFrame) -> pd.DataFrame:
    """The matrix as numbers on the -2..2 scale (``divided`` and no position are NaN)."""
    return frame.map(lambda v: VALUE.get(v, float("nan")) if v is not None else float("nan"))


def cell_positions(ds: Dataset, actor: str, issue: str, as_of: dt.date) -> list[Position]:
    """The positions behind one cell as of a date."""
    return current(by_pair(ds).get((actor, issue), []), as_of)


def history(ds: Dataset, actor: str, issue: str) -> list[Position]:
    """Every position of an actor on an issue, oldest first."""
    return by_pair(ds).get((actor, issue), [])


def positions_frame(ds: Dataset, positions: Iterable[Position] | None = None) -> pd.DataFrame:
    """One row per position (default: every position of the data), with the first citation's
    quote and source, for tables."""
    rows = []
    for p in ds.positions if positions is None else positions:
        first = p.citations[0] if p.citations else None
        rows.append(
            {
                "actor": p.actor,
                "actor_name": ds.actors[p.actor].name,
                "issue": p.issue,
                "issue_label": ds.issues[p.issue].label,
                "date": pd.Timestamp(p.date.start),
                "date_text": p.date.text,
                "stance": p.stance,
                "value": VALUE[p.stance],
                "speaker": p.speaker,
                "summary": p.summary,
                "conditions": p.conditions,
                "evidence": p.evidence,
                "quote": first.quote if first else None,
                "source": ds.source_label(first) if first else None,
                "path": p.path,
                "line": p.line,
            }
        )
    columns = [
        "actor",
        "actor_name",
        "issue",
        "issue_label",
        "date",
        "date_text",
        "stance",
        "value",
        "speaker",
        "summary",
        "conditions",
        "evidence",
        "quote",
        "source",
        "path",
        "line",
    ]
    return pd.DataFrame(rows, columns=columns)


def problems_about(ds: Dataset, actor: str) -> list[Problem]:
    """The problems in the positions files about ``actor``: what they hold may be missing
    from its row, so pages about the actor say so."""
    if not ds.problems:
        return []
    files = {path for path, about in ds.file_actors.items() if about == actor}
    return [p for p in ds.problems if p.path in files]


def likely_file(ds: Dataset, actor: str) -> str | None:
    """The positions file most likely meant for ``actor`` when no file is matched to it.

    ``None`` when a file is matched to the actor, or none looks meant for it. A file named for
    the actor (``stances/deu.yaml`` for ``deu``) comes first, then one whose ``actor:`` names
    no actor and is the nearest spelling of the actor's id.
    """
    if actor in ds.file_actors.values():
        return None
    named = [f for f in ds.files if f.startswith("stances/") and Path(f).stem == actor]
    if named:
        return named[0]
    strays = {f: c for f, c in ds.claims.items() if c not in ds.actors}
    close = difflib.get_close_matches(actor, list(strays.values()), n=1, cutoff=0.6)
    return next((f for f, c in strays.items() if close and c == close[0]), None)
