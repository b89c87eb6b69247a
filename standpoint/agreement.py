"""How far actors agree, as of a date, over the issues on which both hold a level.

Two actors *share* an issue when both have a position on it as of the date and neither cell
is ``divided``. Their agreement is ``1 - mean(|a - b|) / 4`` over the shared issues, with
``a`` and ``b`` on the -2..2 scale: 1 when they hold the same level on every shared issue,
0 when they are at opposite ends on every one. It always comes with ``n``, the number of
shared issues it rests on; with no shared issue there is no score.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .cells import cell, cell_words, join_distinct, level_value, strongest_first
from .model import Dataset
from .queries import matrix_as_of, matrix_values
from .scale import DIVIDED

SPAN = 4.0  # the distance between the ends of the scale
MIN_COMPARE, MAX_COMPARE = 2, 8
COMPARE_COLUMNS = [
    "issue",
    "issue_label",
    "actor",
    "actor_name",
    "stance",
    "value",
    "date_text",
    "since_text",
    "latest_text",
    "evidence",
    "more",
    "old",
    "differ",
    "speaker",
    "summary",
    "conditions",
    "quote",
    "source",
]


@dataclass(frozen=True)
class Agreement:
    """Square frames indexed by actor id on both axes."""

    score: pd.DataFrame  # 0..1, NaN where no issue is shared
    shared: pd.DataFrame  # number of shared issues (int)


def gaps(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For rows of levels on the -2..2 scale (NaN: no level), every pair of rows: the mean
    distance of their levels over the issues both have one, as a share of the scale's span
    (NaN when they share none), and how many issues that is. Agreement is 1 minus the gap."""
    have = ~np.isnan(values)
    both = have[:, None, :] & have[None, :, :]
    shared = both.sum(axis=2)
    v = np.nan_to_num(values)
    diff = np.where(both, np.abs(v[:, None, :] - v[None, :, :]), 0)
    with np.errstate(invalid="ignore", divide="ignore"):
        gap = np.where(shared > 0, diff.sum(axis=2) / np.maximum(shared, 1) / SPAN, np.nan)
    return gap, shared


def agreement(ds: Dataset, as_of: dt.date, actors: list[str] | None = None) -> Agreement:
    """Pairwise agreement as of ``as_of`` between ``actors`` (default: every actor with a
    position at any date, in actors.yaml order)."""
    values = matrix_values(matrix_as_of(ds, as_of))
    ids = list(values.index) if actors is None else list(actors)
    gap, shared = gaps(values.reindex(ids).to_numpy(dtype=float))
    score = 1.0 - gap
    index = pd.Index(ids, name="actor")
    return Agreement(
        score=pd.DataFrame(score, index=index, columns=index.rename("other")),
        shared=pd.DataFrame(shared.astype(int), index=index, columns=index.rename("other")),
    )


def check_actors(ds: Dataset, actors: list[str]) -> list[str]:
    """The actors to compare, de-duplicated; ValueError unless 2 to 8 known actors."""
    chosen = list(dict.fromkeys(actors))
    unknown = [a for a in chosen if a not in ds.actors]
    if unknown:
        raise ValueError(f"unknown actor(s): {', '.join(unknown)}")
    if not MIN_COMPARE <= len(chosen) <= MAX_COMPARE:
        raise ValueError(f"choose {MIN_COMPARE} to {MAX_COMPARE} actors, not {len(chosen)}")
    return chosen


def compare(
    ds: Dataset, actors: list[str], as_of: dt.date, *, max_age: int | None = None
) -> pd.DataFrame:
    """Issue by issue, each chosen actor's cell as of ``as_of`` in its strongest words: one
    row per (issue, actor), issues in issues.yaml order, actors in the order given. The words
    are those of the first of the cell's positions with the actor's own words first
    (:attr:`standpoint.cells.Cell.words`), for a divided cell those of its latest date;
    ``more`` counts the others at that level.
    ``since_text`` is when the level began, ``latest_text`` the latest statement (dates at
    their precision). An actor with no position on an issue has a row with ``stance`` None."""
    chosen = check_actors(ds, actors)
    rows = []
    for issue in ds.issues:
        for actor in chosen:
            c = cell(ds, actor, issue, as_of, max_age=max_age)
            # a divided cell shows every side of its latest date; another its strongest words
            lead = strongest_first(c.latest) if c.value == DIVIDED else c.words[:1]
            rows.append(
                {
                    "issue": issue,
                    "issue_label": ds.issues[issue].label,
                    "actor": actor,
                    "actor_name": ds.actors[actor].name,
                    "stance": c.value,
                    "value": level_value(c.value),
                    "date_text": lead[0].date.shown if lead else None,
                    "since_text": c.since.shown if c.since else None,
                    "latest_text": c.date.shown if c.date else None,
                    "evidence": lead[0].evidence if lead else None,
                    "more": max(len(c.words) - len(lead), 0),
                    "old": c.old,
                    "differ": c.officials_differ,
                    **cell_words(ds, lead, sep=" / "),
                    "conditions": join_distinct(p.conditions for p in lead),
                }
            )
    return pd.DataFrame(rows, columns=COMPARE_COLUMNS)


def spread(table: pd.DataFrame) -> pd.Series:
    """Per issue of a :func:`compare` table: the distance between the furthest-apart levels
    of the chosen actors (0 = all alike, 4 = opposite ends; NaN with fewer than two levels)."""
    grouped = table.groupby("issue", sort=False)["value"]
    counts = grouped.count()
    gap = grouped.max() - grouped.min()
    return gap.where(counts >= 2)
