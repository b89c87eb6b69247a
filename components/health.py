"""Data health page: every problem in the data, counts, coverage and stale positions."""

from __future__ import annotations

import streamlit as st

from standpoint.health import coverage_gaps, coverage_table, old_cells, percent, problems_frame
from standpoint.words import agree, plural

from . import controls, data, layout
from .compare import nobreak_dates
from .safe import md

TABLE_ROWS = 300  # more problems than this are listed in a scrolling table


def render() -> None:
    ds = data.dataset()
    as_of = controls.asof(ds)
    st.header("Data health")
    root = data.data_dir()
    st.caption(f"Data directory: {md(str(root))}")

    n_problems = len(ds.problems)
    cols = st.columns(7)
    counts = [
        ("Problems", n_problems),
        ("Actors", len(ds.actors)),
        ("Issues", len(ds.issues)),
        ("Positions", len(ds.positions)),
        ("Sources", len(ds.sources)),
        ("Events", len(ds.events)),
        ("Files read", len(ds.files)),
    ]
    for col, (label, value) in zip(cols, counts, strict=True):
        col.metric(label, f"{value:,}")

    st.subheader(f"Problems ({n_problems})")
    if n_problems:
        st.caption(
            "Each row is one mistake, where it is (file:line:column, relative to the data "
            "directory) and how to fix it. The records with problems are left out; everything "
            "else is shown. `python -m standpoint validate` prints the same list."
        )
        frame = problems_frame(ds.problems)
        if len(frame) <= TABLE_ROWS:  # a static table wraps long messages
            st.table(frame.map(md).set_index("where"))  # st.table renders markdown
        else:
            st.dataframe(frame, hide_index=True, width="stretch")
    else:
        st.success("No problems: every file is valid.")
    if ds.warnings:
        st.subheader(f"Warnings ({len(ds.warnings)})")
        st.caption(
            "Legal, but probably not what was meant. Nothing is left out for a warning; "
            "`python -m standpoint validate` prints them too."
        )
        st.table(problems_frame(ds.warnings).map(md).set_index("where"))

    st.subheader("Coverage")
    gaps = coverage_gaps(ds, as_of)
    total = len(ds.actors) * len(ds.issues)
    st.caption(
        f"Actor-issue pairs with no position on or before {as_of.isoformat()}: "
        f"{len(gaps):,} of {total:,} ({percent(len(gaps), total)})."
    )
    if total:
        table = coverage_table(ds, gaps)
        st.dataframe(
            table,
            hide_index=True,
            width="stretch",
            height=_height(len(table)),
            column_config={
                "share of actors": st.column_config.TextColumn(
                    alignment="right",
                    help="Whole percent; <1% is more than none, >99% less than all.",
                )
            },
        )
        with st.expander(f"Every pair with no position ({len(gaps):,})"):
            st.dataframe(gaps, hide_index=True, width="stretch")

    st.subheader("Old positions")
    months = controls.max_age(where=st.columns([1, 3])[0])
    if months is None:
        st.caption("No age limit is set: no cell counts as old. Set one above to list them.")
        return
    stale = old_cells(ds, as_of, months)
    st.caption(
        f"{plural(len(stale), 'cell')} as of {as_of.isoformat()} "
        f"{agree(len(stale), 'is', 'are')} old: the last day their latest date can mean "
        f"lies more than {plural(months, 'month')} before it (the matrix marks the same cells)."
    )
    if len(stale):  # a table whose text wraps: every column in view on a narrow page
        layout.text_table(
            stale.assign(**{"last stated": stale["last stated"].map(nobreak_dates)}),
            {
                "Cell": [("actor", "**{}**"), ("issue", "{}")],
                "Position": [("position", "{}")],
                "Last stated": [("last stated", "{}"), ("before the as-of date", ":gray[{}]")],
                "Where": [("where", "{}")],
            },
        )


def _height(rows: int, cap: int = 600) -> int:
    """A table height showing every row up to ``cap`` pixels."""
    return min(cap, 35 * (rows + 1) + 3)
