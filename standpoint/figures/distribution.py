"""How many actors hold each level on one issue as of a date: a bar per level, in words."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import plotly.graph_objects as go

from ..model import Dataset
from ..scale import level_label
from .common import COLOURS, SYMBOLS, esc, finish, source_line
from .hover import data_name, nice_step, pin_title


def distribution_figure(
    ds: Dataset,
    counts: pd.DataFrame,
    issue: str,
    as_of: dt.date,
    dataset_name: str | None = None,
) -> go.Figure:
    """``counts`` from :func:`standpoint.cells.distribution` (stance, actors)."""
    it = ds.issues[issue]
    words = [f"{SYMBOLS[k]}  {esc(level_label(k, it.labels))}" for k in counts["stance"]]
    total = int(counts["actors"].sum())
    fig = go.Figure(
        go.Bar(
            orientation="h",
            y=words,
            x=list(counts["actors"]),
            marker={
                "color": [COLOURS[k] for k in counts["stance"]],
                "line": {"color": "#777777", "width": 0.5},
            },
            text=[str(n) for n in counts["actors"]],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y}: %{x} actors<extra></extra>",
            showlegend=False,
        )
    )
    fig.update_yaxes(autorange="reversed", type="category", automargin=True)
    biggest = int(counts["actors"].max()) if len(counts) else 0
    fig.update_xaxes(
        title={"text": "actors"},
        rangemode="tozero",
        showgrid=True,
        gridcolor="#eeeeee",
        dtick=nice_step(biggest),  # whole actors, round steps
    )
    subtitle = f"As of {as_of.isoformat()}: {total} actors with a position (each actor's latest)"
    finish(
        fig,
        f"{it.label}: how many actors hold each level",
        subtitle,
        source_line(data_name(ds.root, dataset_name), as_of),
        height=360,
    )
    pin_title(fig, subtitle)
    return fig
