"""One issue's cells as of a date, with the positions behind them (for maps and counts)."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from .model import Dataset
from .queries import by_pair, cell_value, cell_words, current, level_value
from .scale import DIVIDED, LEVELS

CELL_COLUMNS = [
    "actor",
    "actor_name",
    "kind",
    "iso3",
    "stance",
    "value",
    "date_text",
    "speaker",
    "summary",
    "quote",
    "source",
]


def issue_cells(ds: Dataset, issue: str, as_of: dt.date) -> pd.DataFrame:
    """Every actor holding a position on ``issue`` as of ``as_of``: its cell (a stance key or
    ``divided``) and the position(s) behind it, actors in actors.yaml order."""
    pairs = by_pair(ds)
    rows = []
    for actor_id, actor in ds.actors.items():
        made = current(pairs.get((actor_id, issue), []), as_of)
        if not made:
            continue
        stance = cell_value(made) or DIVIDED
        rows.append(
            {
                "actor": actor_id,
                "actor_name": actor.name,
                "kind": actor.kind,
                "iso3": actor.iso3,
                "stance": stance,
                "value": level_value(stance),
                "date_text": made[0].date.text,
                **cell_words(ds, made),
            }
        )
    return pd.DataFrame(rows, columns=CELL_COLUMNS)


def distribution(cells: pd.DataFrame) -> pd.DataFrame:
    """How many actors hold each level (scale order, then divided), zeros included."""
    keys = [lvl.key for lvl in LEVELS] + [DIVIDED]
    counts = cells["stance"].value_counts()
    return pd.DataFrame(
        {"stance": keys, "actors": [int(counts.get(k, 0)) for k in keys]},
    )


def mappable(cells: pd.DataFrame) -> pd.Series:
    """True for the cells a world map can show: states with an ISO 3166-1 alpha-3 code."""
    has_code = cells["iso3"].map(lambda v: isinstance(v, str) and len(v) == 3)
    return has_code & (cells["kind"] == "state")
