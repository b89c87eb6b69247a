"""The agreement heatmap: how alike chosen actors are, and how many issues each score rests on."""

from __future__ import annotations

import datetime as dt

import numpy as np
import plotly.graph_objects as go

from ..agreement import Agreement
from ..model import Dataset
from .frame import SCREEN, Size, frame_for, place, text_px, topic_title
from .hover import data_name, unique_labels

# Sequential, colour-blind safe (ColorBrewer BrBG, green half), kept apart from the stance
# colours: pale = little agreement, dark teal = full agreement.
# ColorBrewer BrBG (colour-blind safe), both ends strong: "opposite ends" (0) is a brown that
# cannot be taken for a pair with no shared issue (left blank)
AGREEMENT_SCALE = [
    [0.0, "#8c510a"],
    [0.25, "#d8b365"],
    [0.5, "#f5f5f5"],
    [0.75, "#5ab4ac"],
    [1.0, "#01665e"],
]


def cell_text(score: float, shared: int) -> str:
    """What a heatmap cell prints: the score to two places and the issues it rests on."""
    if shared == 0 or np.isnan(score):
        return "no shared<br>issue"
    return f"{score:.2f}<br>n={shared}"


def agreement_heatmap(
    ds: Dataset,
    result: Agreement,
    as_of: dt.date,
    dataset_name: str | None = None,
    size: Size = SCREEN,
) -> go.Figure:
    """Actor-by-actor agreement as of ``as_of``; every cell says its score and ``n``."""
    ids = list(result.score.index)
    labels = unique_labels(ids, [ds.actors[a].name for a in ids])
    y = [labels[a] for a in ids]
    score = result.score.to_numpy(dtype=float)
    shared = result.shared.to_numpy(dtype=int)
    text = [
        [cell_text(score[i][j], shared[i][j]) for j in range(len(ids))] for i in range(len(ids))
    ]
    hover = [
        [
            f"<b>{y[i]}</b> and <b>{y[j]}</b><br>"
            + (
                f"agreement {score[i][j]:.2f} over {shared[i][j]} shared issue"
                + ("s" if shared[i][j] != 1 else "")
                if shared[i][j]
                else "no issue on which both hold a level"
            )
            for j in range(len(ids))
        ]
        for i in range(len(ids))
    ]
    z = np.where(shared > 0, score, np.nan)
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=y,
            y=y,
            zmin=0,
            zmax=1,
            colorscale=AGREEMENT_SCALE,
            text=text,
            texttemplate="%{text}",
            textfont={"size": size.font},
            hovertext=hover,
            hovertemplate="%{hovertext}<extra></extra>",
            xgap=2,
            ygap=2,
            colorbar={
                "title": {"text": "Agreement", "side": "right"},
                "tickvals": [0, 0.5, 1],
                "ticktext": ["0 opposite ends", "0.5", "1 same level"],
            },
        )
    )
    fig.update_yaxes(autorange="reversed", type="category", automargin=False)
    fig.update_xaxes(type="category", side="top", automargin=False, tickangle=-30)
    n = len(ids)
    subtitle = [
        f"As of {as_of.isoformat()}. Score = 1 − mean |difference of levels| / 4 over the issues"
        " where both hold a level (1 = same level on every one, 0 = opposite ends; divided"
        " cells left out); n = how many issues it rests on",
    ]
    frame = frame_for(
        ds,
        topic_title(ds, "How much do they agree?"),
        as_of,
        subtitle=subtitle,
        dataset_name=data_name(ds.root, dataset_name),
        size=size,
    )
    plain = [ds.actors[a].name for a in ids]
    # the actor names sit above the columns, slanted
    names_px = min(24 + int(0.3 * size.font * max((len(a) for a in plain), default=0)), 220)
    place(
        fig,
        frame,
        size,
        plot_px=round(size.row_px * 2.4) * n,
        top_extra=names_px,
        left=text_px(plain, size),
        right=text_px(["0 opposite ends"], size) + 60,
    )
    return fig
