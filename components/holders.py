"""Who holds each level of one issue: the names under the Issue page's counts."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from standpoint.figures.common import SYMBOLS
from standpoint.figures.maps import plural
from standpoint.holders import holders
from standpoint.model import Dataset
from standpoint.scale import level_label

from .safe import md

OPEN_UP_TO = 25  # a level held by at most this many actors is listed open


def render_holders(ds: Dataset, cells: pd.DataFrame, issue: str, as_of: dt.date) -> None:
    """Each level held on ``issue`` as of the date, with how many hold it and their names."""
    table = holders(ds, cells)
    held = table[table["actors"] > 0]
    if held.empty:
        return
    st.markdown(f"**Who holds each level as of {as_of.isoformat()}**")
    labels = ds.issues[issue].labels
    for key, names in zip(held["stance"], held["names"], strict=True):
        title = f"{SYMBOLS[key]} {level_label(key, labels)}: {plural(len(names), 'actor')}"
        with st.expander(md(title), expanded=len(names) <= OPEN_UP_TO):
            st.markdown(", ".join(md(n) for n in names))
