"""Questions asked of a dataset, answered as plain lists or pandas frames.

The command line and the dashboard call these same functions, so what
``python -m standpoint matrix`` prints is what the dashboard draws.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from .cells import (
    cell_words,
    grid,
    has_position,
    join_distinct,
    kept,
    level_value,
    positions_stamp,
)
from .model import Dataset, Position
from .near_miss import nearest
from .problems import Problem
from .scale import VALUE

__all__ = ["cell_words", "join_distinct", "level_value"]  # kept here for callers of queries


def default_as_of() -> dt.date:
    """The command line's default date: today."""
    return dt.date.today()


def date_span(ds: Dataset) -> tuple[dt.date, dt.date] | None:
    """The earliest and the latest date any position counts from (None when there are none),
    kept with the data set: every page asks for them on every run (the as-of control)."""
    return kept(ds, "date_span", _date_span)


def _date_span(ds: Dataset) -> tuple[dt.date, dt.date] | None:
    starts = [p.date.start for p in ds.positions]
    return (min(starts), max(starts)) if starts else None


def latest_date(ds: Dataset) -> dt.date:
    """The latest date any position counts from (today when there are none)."""
    span = date_span(ds)
    return span[1] if span else dt.date.today()


def actors_with_positions(ds: Dataset) -> list[str]:
    """Actors with at least one position at any date, in the order of actors.yaml."""
    return [a for a in ds.actors if has_position(ds, a)]


MATRIX_MEMO = 8  # matrices kept with a data set (dates and age limits asked for lately)


def matrix_as_of(ds: Dataset, as_of: dt.date, max_age: int | None = None) -> pd.DataFrame:
    """The stance matrix: one row per actor with a position at any date (actors.yaml order),
    one column per issue (issues.yaml order); each cell a stance key, ``divided`` or None.
    With ``max_age`` (months, the format's age limit) old cells are left empty.

    Worked out once per data set, date and age limit and kept with the data set (a chart's
    rows, counts and notes each ask for it: 0.8 s at 300 actors x 40 issues); the caller gets
    its own copy."""
    memo = ds.index_cache.setdefault("matrix_as_of", {})
    key = (positions_stamp(ds), tuple(ds.actors), tuple(ds.issues), as_of, max_age)
    frame = memo.get(key)
    if frame is None:
        frame = _matrix(ds, as_of, max_age)
        while len(memo) >= MATRIX_MEMO:
            memo.pop(next(iter(memo)), None)
        memo[key] = frame
    return frame.copy()


def _matrix(ds: Dataset, as_of: dt.date, max_age: int | None) -> pd.DataFrame:
    rows = actors_with_positions(ds)
    issues = list(ds.issues)
    data = [
        [c.shown_value for c in row]
        for row in grid(ds, as_of, rows, issues, max_age=max_age, window=None)
    ]
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
                "date_text": p.date.shown,
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
    close = nearest(actor, strays.values())
    return next((f for f, c in strays.items() if close and c == close), None)
