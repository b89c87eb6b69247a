"""Who holds each level of one issue: the names under the Issue page's counts."""

from __future__ import annotations

import datetime as dt
from urllib.parse import quote, urlencode

import pandas as pd
import streamlit as st

from standpoint.figures.common import SYMBOLS
from standpoint.figures.maps import plural
from standpoint.holders import holders
from standpoint.model import Dataset
from standpoint.scale import level_label

from . import controls
from .safe import md

OPEN_UP_TO = 25  # a level held by at most this many actors is listed open
MATRIX = "matrix"  # the url path of the Matrix page


def matrix_url(ds: Dataset, issue: str, key: str, as_of: dt.date) -> str:
    """The matrix showing only the actors holding level ``key`` on ``issue`` as of the date
    (the URL of its level filter, :func:`controls.level_filter`)."""
    params = {
        controls.ASOF: as_of.isoformat(),
        controls.LEVEL_ISSUE: controls.issue_labels(ds)[issue],
        controls.LEVELS: controls.level_words(key),
    }
    return f"{MATRIX}?{urlencode(params, quote_via=quote)}"


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
            st.markdown(f"[Show them in the matrix]({matrix_url(ds, issue, key, as_of)})")
