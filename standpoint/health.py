"""The health of a data directory as tables: problems, coverage gaps and old positions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pandas as pd

from .cells import cell
from .dates import age_words
from .model import Dataset
from .problems import Problem
from .scale import level_label


def problems_frame(problems: Sequence[Problem]) -> pd.DataFrame:
    """One row per problem: where (path:line:col), code, message, hint; in file order."""
    ordered = sorted(problems, key=lambda p: (p.path, p.line, p.col))
    return pd.DataFrame(
        [
            {
                "where": f"{p.path}:{p.line}:{p.col}",
                "code": p.code,
                "message": p.message,
                "hint": p.hint,
            }
            for p in ordered
        ],
        columns=["where", "code", "message", "hint"],
    )


def coverage_gaps(ds: Dataset, as_of: dt.date) -> pd.DataFrame:
    """Every (actor, issue) pair with no position on or before ``as_of``: all actors of
    actors.yaml by all issues, in file order."""
    rows = []
    for a, actor in ds.actors.items():
        for i, issue in ds.issues.items():
            if cell(ds, a, i, as_of, window=None).value is None:
                rows.append(
                    {"actor": actor.name, "issue": issue.label, "actor_id": a, "issue_id": i}
                )
    return pd.DataFrame(rows, columns=["actor", "issue", "actor_id", "issue_id"])


def percent(part: int, whole: int) -> str:
    """``part`` of ``whole`` in whole percent, the one format the health page uses: "45%",
    "2%"; "<1%" and ">99%" for shares that would round to 0 or 100 without being none or
    all; "–" when ``whole`` is 0."""
    if whole <= 0:
        return "–"
    share = 100 * part / whole
    if 0 < share < 1:
        return "<1%"
    if 99 < share < 100:
        return ">99%"
    return f"{round(share):d}%"


def coverage_table(ds: Dataset, gaps: pd.DataFrame) -> pd.DataFrame:
    """Per issue (issues.yaml order), how many actors have no position, as a count and as a
    share of all actors (text, see :func:`percent`). ``gaps`` from :func:`coverage_gaps`."""
    missing = gaps.groupby("issue_id", sort=False).size()
    counts = [int(missing.get(i, 0)) for i in ds.issues]
    return pd.DataFrame(
        {
            "issue": [ds.issues[i].label for i in ds.issues],
            "actors without a position": counts,
            "share of actors": [percent(c, len(ds.actors)) for c in counts],
        },
        columns=["issue", "actors without a position", "share of actors"],
    )


OLD_COLUMNS = ["actor", "issue", "position", "last stated", "before the as-of date", "where"]


def old_cells(ds: Dataset, as_of: dt.date, max_age: int) -> pd.DataFrame:
    """The cells that are old as of ``as_of`` under an age limit of ``max_age`` months, by
    the one rule of :func:`standpoint.cells.is_old`; oldest first (then actors.yaml and
    issues.yaml order)."""
    found = []
    for a, actor in ds.actors.items():
        for i, issue in ds.issues.items():
            c = cell(ds, a, i, as_of, max_age=max_age, window=None)
            if c.old and c.date is not None and c.last_day is not None:
                first = c.latest[0]
                row = {
                    "actor": actor.name,
                    "issue": issue.label,
                    "position": level_label(c.value or "", issue.labels),
                    "last stated": c.date.shown,
                    "before the as-of date": age_words(c.date, as_of),
                    "where": f"{first.path}:{first.line}",
                }
                found.append((c.last_day, row))
    found.sort(key=lambda item: item[0])  # stable: file order among equal days
    return pd.DataFrame([row for _, row in found], columns=OLD_COLUMNS)
