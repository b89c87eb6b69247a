"""Who holds each level of one issue as of a date: the names under the counts of the Issue page.

It takes one issue's cells as the cell query gives them (``cells.issue_cells``), so the names
listed are exactly the actors counted.
"""

from __future__ import annotations

import pandas as pd

from .model import Dataset
from .ordering import name_key
from .scale import DIVIDED, STANCE_KEYS

HOLDER_COLUMNS = ["stance", "actors", "ids", "names"]


def holders(ds: Dataset, cells: pd.DataFrame) -> pd.DataFrame:
    """One row per level in scale order, then ``divided``: how many actors hold it (``actors``)
    and who they are, by name (case and accents aside) as ids (``ids``) and names (``names``).
    Levels nobody holds have a count of 0 and empty lists."""
    rows = []
    for key in (*STANCE_KEYS, DIVIDED):
        ids = sorted(
            (str(a) for a in cells.loc[cells["stance"] == key, "actor"]),
            key=lambda a: name_key(ds, a),
        )
        names = [ds.actors[a].name if a in ds.actors else a for a in ids]
        rows.append({"stance": key, "actors": len(ids), "ids": ids, "names": names})
    return pd.DataFrame(rows, columns=HOLDER_COLUMNS)
