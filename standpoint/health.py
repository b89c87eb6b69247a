"""The health of a data directory as tables: problems, coverage gaps and old positions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pandas as pd

from . import queries
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
    pairs = queries.by_pair(ds)
    rows = []
    for a, actor in ds.actors.items():
        for i, issue in ds.issues.items():
            if not queries.current(pairs.get((a, i), []), as_of):
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


def stale_cells(ds: Dataset, as_of: dt.date, days: int) -> pd.DataFrame:
    """Cells whose current position (as of ``as_of``) is more than ``days`` days old, oldest
    first."""
    pairs = queries.by_pair(ds)
    rows = []
    for (a, i), positions in pairs.items():
        current = queries.current(positions, as_of)
        if not current or a not in ds.actors or i not in ds.issues:
            continue
        first = current[0]
        age = (as_of - first.date.start).days
        if age <= days:
            continue
        value = queries.cell_value(current) or ""
        rows.append(
            {
                "actor": ds.actors[a].name,
                "issue": ds.issues[i].label,
                "position": level_label(value, ds.issues[i].labels),
                "date": first.date.text,
                "age (days)": age,
                "where": f"{first.path}:{first.line}",
            }
        )
    frame = pd.DataFrame(
        rows, columns=["actor", "issue", "position", "date", "age (days)", "where"]
    )
    return frame.sort_values("age (days)", ascending=False, kind="stable").reset_index(drop=True)
