"""The agreement heatmap: how alike chosen actors are, and how many issues each score rests on."""

from __future__ import annotations

import datetime as dt
import itertools
import math
from dataclasses import replace

import numpy as np
import plotly.graph_objects as go

from ..agreement import Agreement
from ..cells import cited_by_cells
from ..model import Dataset
from ..words import plural
from .common import NO_POSITION_COLOUR, text_on
from .frame import (
    CHAR_EM,
    LABEL_GAP_PX,
    PAGE_MIN_PX,
    SCREEN,
    Size,
    blocks,
    frame_for,
    place,
    screen,
    text_px,
    topic_title,
)
from .hover import data_name, unique_labels

# Sequential, colour-blind safe, kept apart from the stance colours: a pale tan for "opposite
# ends" (0) through teal to a dark teal for "same level" (1). Darker means more agreement, so
# every score prints as a grey of its own (1 and 0 are not both dark greys), and 0 is tinted
# enough not to be taken for a pair with no shared issue (left white).
AGREEMENT_SCALE = [
    [0.0, "#e9c98a"],
    [0.5, "#5ab4ac"],
    [1.0, "#01665e"],
]


def scale_colour(score: float) -> str:
    """The fill of a cell with this score (0-1) on AGREEMENT_SCALE, as plotly interpolates it."""
    score = min(max(score, 0.0), 1.0)
    for (a, low), (b, high) in itertools.pairwise(AGREEMENT_SCALE):
        if score <= b:
            t = (score - a) / (b - a)
            ends = [(int(low[i : i + 2], 16), int(high[i : i + 2], 16)) for i in (1, 3, 5)]
            return "#" + "".join(f"{round(x + t * (y - x)):02x}" for x, y in ends)
    return AGREEMENT_SCALE[-1][1]


# How much a cell says, as room allows: the score and n on two lines, the score alone, nothing.
FULL, SCORE_ONLY, COLOUR_ONLY = 2, 1, 0


def cell_text(score: float, shared: int, detail: int = FULL) -> str:
    """What a heatmap cell prints: the score to two places and the issues it rests on; with
    less ``detail`` the score alone (a pair with no shared issue left blank), or nothing."""
    if detail == COLOUR_ONLY:
        return ""
    if shared == 0 or np.isnan(score):
        return "no shared<br>issue" if detail == FULL else ""
    return f"{score:.2f}<br>n={shared}" if detail == FULL else f"{score:.2f}"


def cell_detail(size: Size, cell_w: float, cell_h: float) -> int:
    """How much a cell of ``cell_w`` x ``cell_h`` pixels can say in the figure's type without
    its words running into the next cell's."""
    line = size.line(size.font)

    def fits(text: str) -> bool:
        return len(text) * CHAR_EM * size.font <= cell_w

    if cell_h >= 2 * line and fits("no shared"):
        return FULL
    if cell_h >= line and fits("0.00"):
        return SCORE_ONLY
    return COLOUR_ONLY


NOTE = {
    FULL: "n = how many issues it rests on",
    SCORE_ONLY: "blank: no shared issue; how many issues each score rests on is{where}",
    COLOUR_ONLY: "each score by its colour; the scores, and how many issues each rests on,"
    " are{where}",
}


def agreement_heatmap(
    ds: Dataset,
    result: Agreement,
    as_of: dt.date,
    dataset_name: str | None = None,
    size: Size = SCREEN,
    title: str | None = None,
) -> go.Figure:
    """Actor-by-actor agreement as of ``as_of``; every cell says its score and ``n``."""
    ids = list(result.score.index)
    labels = unique_labels(ids, [ds.actors[a].name for a in ids])
    y = [labels[a] for a in ids]
    score = result.score.to_numpy(dtype=float)
    shared = result.shared.to_numpy(dtype=int)
    n = len(ids)
    plain = [ds.actors[a].name for a in ids]
    left = text_px(plain, size) + LABEL_GAP_PX
    right = text_px(["0 opposite ends"], size) + 60
    size = fitted(size, n, left + right)
    cell_w = (size.room - 2 * size.pad - left - right) / max(n, 1)
    # the actor names sit above the columns: level where each fits its column, else slanted
    level = text_px(plain, size) <= cell_w
    angle = 0 if level else NAMES_ANGLE
    names_px = size.line(size.font) + 8 if level else slanted_px(plain, size)
    where = " in the hover" if not size.print else " in the CSV export"
    subtitle = (
        f"As of {as_of.isoformat()}. Score = 1 − mean |difference of levels| / 4 over the issues"
        " where both hold a level (1 = same level on every one, 0 = opposite ends; divided"
        " cells left out)"
    )
    frame = frame_for(
        ds,
        topic_title(ds, "How much do they agree?"),
        as_of,
        subtitle=[f"{subtitle}; {NOTE[FULL]}"],
        positions=cited_by_cells(ds, itertools.product(ids, ds.issues), as_of),
        dataset_name=data_name(ds.root, dataset_name),
        size=size,
        own_title=title,
    )
    # a cell's room: on the page the plot is as tall as its rows and at least as wide as the
    # narrowest column it meets; on a slide both are what the slide leaves
    b = blocks(frame, size)
    row_px = round(size.row_px * 2.4)
    plot_h = (size.height - b.top_px - names_px - b.footer_px) if size.height else row_px * n
    plot_w = size.room - 2 * size.pad - left - right
    detail = cell_detail(size, plot_w / max(n, 1), plot_h / max(n, 1))
    lines = (*frame.subtitle[:-1], f"{subtitle}; {NOTE[detail].format(where=where)}")
    frame = replace(frame, subtitle=lines)  # the last line, the note for this cell size
    text = [[cell_text(score[i][j], shared[i][j], detail) for j in range(n)] for i in range(n)]
    hover = [
        [
            f"<b>{y[i]}</b> and <b>{y[j]}</b><br>"
            + (
                f"agreement {score[i][j]:.2f} over {plural(shared[i][j], 'shared issue')}"
                if shared[i][j]
                else "no issue on which both hold a level"
            )
            for j in range(len(ids))
        ]
        for i in range(len(ids))
    ]
    z = np.where(shared > 0, score, np.nan)
    # each cell's words in a colour read on its fill (white on dark, near-black on light)
    fills = [
        [
            NO_POSITION_COLOUR if np.isnan(z[i][j]) else scale_colour(z[i][j])
            for j in range(len(ids))
        ]
        for i in range(len(ids))
    ]
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=y,
            y=y,
            zmin=0,
            zmax=1,
            colorscale=AGREEMENT_SCALE,
            text=text,
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
    fig.add_trace(
        go.Scatter(
            x=[y[j] for i in range(len(ids)) for j in range(len(ids))],
            y=[y[i] for i in range(len(ids)) for j in range(len(ids))],
            text=[cell for row in text for cell in row],
            mode="text",
            textfont={
                "size": size.font,
                "color": [text_on(fill) for row in fills for fill in row],
            },
            hoverinfo="skip",
            showlegend=False,
            name="cell text",
        )
    )
    fig.update_yaxes(
        autorange="reversed", type="category", automargin=False, ticklabelstandoff=LABEL_GAP_PX
    )
    fig.update_xaxes(type="category", side="top", automargin=False, tickangle=-angle)
    place(fig, frame, size, plot_px=row_px * n, top_extra=names_px, left=left, right=right)
    _name_every_kth(fig, y, size, angle)
    return fig


NAMES_ANGLE = 30  # degrees the column names are slanted by (where they do not fit level)
CELL_MAX_EM = 12  # on the page a cell is at most this many times the type size wide


def slanted_px(names: list[str], size: Size) -> int:
    """The height slanted column names take above the plot."""
    return min(24 + int(0.3 * size.font * max((len(a) for a in names), default=0)), 220)


def fitted(size: Size, n: int, labels_px: int) -> Size:
    """The size of the heatmap of ``n`` actors with ``labels_px`` of row names and colour bar:
    on the page, no wider than its cells at CELL_MAX_EM times the type each need (a wide page
    would stretch a few cells into long flat bars), with its text wrapped for that width; on a
    slide, the slide."""
    if size.width:
        return size
    need = n * CELL_MAX_EM * size.font + labels_px + 2 * size.pad
    if need >= size.room:
        return size
    narrow = screen(max(need, PAGE_MIN_PX))
    return replace(narrow, width=narrow.room)


def _name_every_kth(fig: go.Figure, names: list[str], size: Size, angle: int) -> None:
    """Name every k-th row and column, k as small as keeps the names apart at the figure's
    type: slanted names need their cells' width times sin(angle) between them, row names
    their cells' height (plotly's own thinning of category ticks lets slanted names touch)."""
    lay, n = fig.layout, max(len(names), 1)
    line = size.line(size.font)
    width = (lay.width or size.room) - lay.margin.l - lay.margin.r
    cell_w, cell_h = width / n, (lay.height - lay.margin.t - lay.margin.b) / n
    across = math.ceil(line / (cell_w * math.sin(math.radians(angle)))) if angle else 1
    down = math.ceil(line / cell_h)
    for axis, k in ((fig.layout.xaxis, across), (fig.layout.yaxis, down)):
        axis.update(tickmode="array", tickvals=names[:: max(k, 1)], ticktext=names[:: max(k, 1)])
