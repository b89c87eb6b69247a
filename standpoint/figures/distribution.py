"""How many actors hold each level on one issue as of a date: a bar per level held, in words."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

from ..cells import cited_by_cells
from ..model import Dataset
from ..scale import DIVIDED, level_label
from ..words import plural
from .common import COLOURS, SYMBOLS, esc
from .frame import LABEL_GAP_PX, SCREEN, Size, frame_for, place, text_px, wrap_y_labels
from .hover import data_name, nice_step

LABEL_SHARE = 0.35  # level labels longer than this share of the room wrap


def distribution_figure(
    ds: Dataset,
    counts: pd.DataFrame,
    issue: str,
    as_of: dt.date,
    dataset_name: str | None = None,
    dates: Sequence[str] = (),
    size: Size = SCREEN,
    title: str | None = None,
) -> go.Figure:
    """``counts`` from :func:`standpoint.cells.distribution` (stance, actors). Only the levels
    that some actor holds get a bar (a bar of length zero would read as missing data); the
    subtitle names the levels of the scale that no actor holds. ``dates`` (the date of each
    actor's cell, e.g. ``issue_cells(...)["date_text"]``) lets the subtitle say when the
    counted positions were taken, where they are not all of one date (a vote count that mixes
    the last vote with earlier ones says so)."""
    it = ds.issues[issue]
    held = counts[counts["actors"] > 0]
    empty = [k for k in counts.loc[counts["actors"] == 0, "stance"] if k != DIVIDED]
    words = [f"{SYMBOLS[k]}  {esc(level_label(k, it.labels))}" for k in held["stance"]]
    numbers = [int(n) for n in held["actors"]]
    total = sum(numbers)
    fig = go.Figure(
        go.Bar(
            orientation="h",
            y=words,
            x=numbers,
            marker={
                "color": [COLOURS[k] for k in held["stance"]],
                "line": {"color": "#777777", "width": 0.5},
            },
            text=[str(n) for n in numbers],
            textposition="outside",
            textfont={"size": size.font},
            cliponaxis=False,
            customdata=[plural(n, "actor") for n in numbers],
            hovertemplate="%{y}: %{customdata}<extra></extra>",
            showlegend=False,
        )
    )
    fig.update_yaxes(autorange="reversed", type="category", automargin=False)
    biggest = max(numbers, default=0)
    fig.update_xaxes(
        title={"text": "actors"},
        rangemode="tozero",
        showgrid=True,
        gridcolor="#eeeeee",
        dtick=nice_step(biggest),  # whole actors, round steps
    )
    lines = [
        f"As of {as_of.isoformat()}: {plural(total, 'actor')} with a position (each actor's latest)"
    ]
    when = Counter(dates)
    if len(when) > 1:
        top = sorted(when.items(), key=lambda kv: (-kv[1], kv[0]))
        shown = ", ".join(f"{d} ({n})" for d, n in top[:3])
        more = len(top) - 3
        lines.append(
            f"Counted positions date from {shown}"
            + (f" and {plural(more, 'more date')}" if more > 0 else "")
        )
    if empty:
        names = "; ".join(f"{SYMBOLS[k]} {level_label(k, it.labels)}" for k in empty)
        lines.append(f"No actor holds: {names}")
    frame = frame_for(
        ds,
        f"{it.label}: how many actors hold each level",
        as_of,
        subtitle=lines,
        positions=cited_by_cells(ds, ((a, issue) for a in ds.actors), as_of),
        dataset_name=data_name(ds.root, dataset_name),
        size=size,
        own_title=title,
    )
    line = size.line(size.font)
    # long level labels wrap on two lines, so that the bars keep room; the rows grow to
    # hold them with a gap between
    labels_px, most = wrap_y_labels(fig, words, size, LABEL_SHARE * size.room, 2)
    row = round(size.row_px * 1.4)
    if most > 1:
        row = max(row, most * line + LABEL_GAP_PX)
    fig.update_yaxes(ticklabelstandoff=LABEL_GAP_PX)
    place(
        fig,
        frame,
        size,
        plot_px=row * max(len(held), 1),
        bottom_extra=3 * line + 8,  # tick labels and the axis title
        left=labels_px + LABEL_GAP_PX,
        right=text_px(["0000"], size),
    )
    return fig
