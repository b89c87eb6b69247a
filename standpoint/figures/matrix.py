"""The stance matrix: actors (rows) by issues (columns) as of a date.

Each cell shows its level twice, as a colour and as a symbol, so it never rests on colour
alone. A cell whose positions are only *reported* (attributed by others) or *inferred* carries
a mark after the symbol and a frame (dotted for reported, dashed for inferred); a selected cell
gets a dark frame round its symbol (the click trace's own selection, so that a click in the
browser frames the cell without a new figure). A tall matrix repeats the column labels under
its last row. Hovering a cell gives the issue's own wording of the level with the date,
speaker, summary, quote and outlet; every piece of data text is escaped.
"""

from __future__ import annotations

import datetime as dt
import functools
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

import plotly.graph_objects as go

from .. import queries
from ..model import Dataset, Position
from ..scale import DIVIDED, EVIDENCE_LABEL, LEVELS, level_label
from ..words import plural
from .common import COLOURS, NO_POSITION_COLOUR, SYMBOLS, esc, legend_items
from .frame import SCREEN, Frame, Legend, Size, frame_for, place, room, text_px, topic_title

# z code of every cell state, in legend order; the colour scale maps each code to its colour
STATES: tuple[str, ...] = (*(lvl.key for lvl in LEVELS), DIVIDED, "none")
CODE: dict[str, int] = {key: i for i, key in enumerate(STATES)}
EVIDENCE_MARK: dict[str, str] = {"stated": "", "reported": "ʳ", "inferred": "?"}
FRAME_DASH: dict[str, str] = {"reported": "dot", "inferred": "dash"}
CLICK_HINT = "Click the cell for every position, quote and source"
TALL_ROWS = 40  # a matrix with more rows repeats its column labels at the bottom
EVIDENCE_NOTE: dict[str, str] = {
    "reported": "reported by others",
    "inferred": "inferred by an analyst",
}
EVIDENCE_RANK: dict[str, int] = {"stated": 0, "reported": 1, "inferred": 2}
GRID = "#d0d0d0"
FRAME = "#222222"
BAND_PX = 130  # room on the right for the names of groups
SLANT = 55  # degrees of the column labels when there are many columns


@dataclass(frozen=True, slots=True)
class Cell:
    """One cell of the matrix as of a date."""

    actor: str
    issue: str
    key: str | None  # a stance key, ``divided``, or None for no position
    evidence: str | None  # strongest evidence among the positions making the cell
    positions: tuple[Position, ...]

    @property
    def text(self) -> str:
        """What the cell shows: the level's symbol and the evidence mark."""
        return cell_text(self.key, self.evidence)


def cell_text(key: str | None, evidence: str | None) -> str:
    if key is None:
        return ""
    return SYMBOLS[key] + EVIDENCE_MARK.get(evidence or "stated", "")


def strongest(positions: Sequence[Position]) -> str | None:
    """``stated`` when any position is in the actor's own words, else ``reported``, etc."""
    if not positions:
        return None
    return min((p.evidence for p in positions), key=lambda e: EVIDENCE_RANK.get(e, 9))


def matrix_cells(
    ds: Dataset, as_of: dt.date, actors: Sequence[str], issues: Sequence[str]
) -> list[list[Cell]]:
    """The cells, one list per actor (row) in the order given."""
    pairs = queries.by_pair(ds)
    rows = []
    for a in actors:
        row = []
        for i in issues:
            current = queries.current(pairs.get((a, i), []), as_of)
            row.append(Cell(a, i, queries.cell_value(current), strongest(current), tuple(current)))
        rows.append(row)
    return rows


def _wrap(text: str, width: int = 64, limit: int = 320) -> str:
    """Escape data text and break it into lines for a hover box."""
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return "<br>".join(esc(line) for line in textwrap.wrap(text, width)) or ""


def _position_lines(ds: Dataset, p: Position, labels: dict[str, str]) -> tuple[str, ...]:
    source = ds.source_label(p.citations[0]) if p.citations else ""
    return _position_hover(p, level_label(p.stance, labels), source)


@functools.lru_cache(maxsize=8192)
def _position_hover(p: Position, level_words: str, source: str) -> tuple[str, ...]:
    """The hover lines of one position. A pure function of its arguments, so that they are
    wrapped and escaped once, not again on every rerun of the app (they are most of the time
    a large matrix takes to draw)."""
    lines = [
        f"<b>{esc(level_words)}</b> ({esc(SYMBOLS[p.stance])})"
        f" · {esc(p.date.text)} · {esc(EVIDENCE_LABEL.get(p.evidence, p.evidence))}"
    ]
    if p.speaker:
        lines.append("Speaker: " + _wrap(p.speaker))
    if p.summary:
        lines.append(_wrap(p.summary))
    if p.conditions:
        lines.append("Conditions: " + _wrap(p.conditions))
    if p.citations:
        lines.append("<i>“" + _wrap(p.citations[0].quote, limit=240) + "”</i>")
        if source:
            lines.append("— " + _wrap(source))
        if len(p.citations) > 1:
            lines.append(f"(+{len(p.citations) - 1} more source(s) in the evidence panel)")
    return tuple(lines)


def hover_text(ds: Dataset, cell: Cell) -> str:
    """The hover box of one cell; all data text escaped."""
    actor = ds.actors[cell.actor].name if cell.actor in ds.actors else cell.actor
    issue = ds.issues[cell.issue]
    head = f"<b>{esc(actor)}</b> · {esc(issue.label)}"
    if cell.key is None:
        return f"{head}<br>No stated position"
    lines = [head]
    if cell.key == DIVIDED:
        lines.append(f"<b>{esc(level_label(DIVIDED))}</b> ({esc(SYMBOLS[DIVIDED])})")
    for p in cell.positions:
        lines.append("")
        lines.extend(_position_lines(ds, p, issue.labels))
    return "<br>".join(lines)


def column_labels(labels: Sequence[str], size: Size = SCREEN) -> tuple[list[str], int, int]:
    """Column labels, their angle and the height they need in pixels: a few columns get
    labels wrapped on level lines, many get one slanted line each (long ones shortened)."""
    line = size.line(size.font)
    if len(labels) <= 6:
        width = 18 if len(labels) <= 3 else 12
        if size.width:  # wrapped for the room each column has
            width = max(width, size.chars(size.font, (size.width * 0.55) / max(len(labels), 1)))
        lines = [textwrap.wrap(text, width) or [text] for text in labels]
        height = line * max((len(x) for x in lines), default=1) + 12
        return ["<br>".join(esc(x) for x in ls) for ls in lines], 0, height
    most = 40 if size.width else 24  # on the page, short: the hover has the whole label
    cut = [text if len(text) <= most else text[: most - 1].rstrip() + "…" for text in labels]
    # at 55 degrees a character takes about 0.44 em up and 0.31 em across
    height = int(max((len(x) for x in cut), default=1) * 0.44 * size.font) + 16
    return [esc(x) for x in cut], -SLANT, height


def row_label(ds: Dataset, actor: str, previous: Sequence[str]) -> str:
    """An actor's row label; a person listed right under its parent is marked with ↳."""
    record = ds.actors.get(actor)
    name = record.name if record else actor
    if record and record.kind == "person" and record.parent and record.parent in previous:
        return "↳ " + esc(name)
    return esc(name)


def _discrete_scale() -> list[tuple[float, str]]:
    """A colour scale giving each integer code in 0..len(STATES)-1 its own colour."""
    n = len(STATES)
    colours = [COLOURS.get(key, NO_POSITION_COLOUR) for key in STATES]
    scale: list[tuple[float, str]] = []
    for i, colour in enumerate(colours):
        scale.append((i / n, colour))
        scale.append(((i + 1) / n, colour))
    return scale


def short_words(words: str) -> str:
    """A legend entry's words cut to their first clause ("Leans support / supports with
    conditions" -> "Leans support"); hover and evidence panel give the full wording."""
    for sep in (" / ", ", ", " ("):
        words = words.split(sep)[0]
    return words


def _legend_traces(size: Size = SCREEN) -> list[go.Scatter]:
    """Legend entries in words: one per cell state, then the evidence marks."""
    traces = []
    for key, colour, words in legend_items():
        traces.append(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                name=esc(short_words(words)),
                marker={
                    "symbol": "square",
                    "size": size.font + 3,
                    "color": colour,
                    "line": {"width": 1, "color": "#888888"},
                },
                hoverinfo="skip",
                showlegend=True,
                meta=key,
            )
        )
    for evidence in ("reported", "inferred"):
        traces.append(
            go.Scatter(
                x=[None],
                y=[None],
                mode="lines",
                name=esc(f"{EVIDENCE_MARK[evidence]} {EVIDENCE_NOTE[evidence]}"),
                line={"color": "#333333", "width": 2, "dash": FRAME_DASH[evidence]},
                hoverinfo="skip",
                showlegend=True,
                meta=evidence,
            )
        )
    return traces


def matrix_title(ds: Dataset) -> str:
    """The matrix's title, naming the topic when the data has a title."""
    return topic_title(ds, "who stands where")


def matrix_frame(
    ds: Dataset,
    as_of: dt.date,
    actors: Sequence[str],
    issues: Sequence[str],
    *,
    dataset_name: str = "",
    title: str | None = None,
    notes: Sequence[str] = (),
    size: Size = SCREEN,
) -> Frame:
    """The words around a matrix of ``actors`` by ``issues``."""
    cells = matrix_cells(ds, as_of, actors, issues)
    what = (
        f"As of {as_of.isoformat()}: each actor's latest position on or before that date"
        f" · {plural(len(actors), 'actor')} × {plural(len(issues), 'issue')}"
    )
    shown = [p for row in cells for cell in row for p in cell.positions]
    return frame_for(
        ds,
        title or matrix_title(ds),
        as_of,
        subtitle=[what],
        notices=notes,
        positions=shown,
        dataset_name=dataset_name,
        size=size,
    )


def matrix_legend() -> Legend:
    entries = [short_words(words) for _key, _colour, words in legend_items()]
    entries += [f"{EVIDENCE_MARK[e]} {EVIDENCE_NOTE[e]}" for e in ("reported", "inferred")]
    return Legend("legend", "Cells", tuple(1 for _ in entries), max(map(len, entries)))


def rows_that_fit(
    ds: Dataset,
    as_of: dt.date,
    issues: Sequence[str],
    size: Size,
    *,
    dataset_name: str = "",
    notes: Sequence[str] = (),
    title: str | None = None,
) -> int | None:
    """How many rows a matrix image of ``size`` holds at its type size (None: no limit)."""
    frame = matrix_frame(
        ds, as_of, [], issues, dataset_name=dataset_name, notes=notes, title=title, size=size
    ).with_notices("Part 1 of 2: rows 1–20 of 40")
    _, _, labels_px = column_labels([ds.issues[i].label for i in issues], size)
    left = room(frame, size, legends=[matrix_legend()], top_extra=labels_px, bottom_extra=8)
    return None if left is None else max(1, left // size.row_px)


def matrix_figure(
    ds: Dataset,
    as_of: dt.date,
    actors: Sequence[str],
    issues: Sequence[str],
    *,
    selected: tuple[str, str] | None = None,
    dataset_name: str = "",
    bands: Sequence[tuple[str, int, int]] = (),
    title: str | None = None,
    notes: Sequence[str] = (),
    size: Size = SCREEN,
) -> go.Figure:
    """The stance matrix as a plotly figure, laid out for ``size`` (the page, or a slide).

    ``actors`` and ``issues`` give the rows and columns in order; ``selected`` an
    (actor, issue) cell to frame; ``bands`` runs of rows (name, first, last) to separate with a
    line and label, as from :func:`standpoint.ordering.group_bands`. Rows are numbered from the
    top; every cell carries ``customdata`` [actor id, issue id] for clicks. ``notes`` are
    further subtitle lines, e.g. the filters that narrow the view or that data is missing.
    """
    actors, issues = list(actors), list(issues)
    cells = matrix_cells(ds, as_of, actors, issues)
    n_rows, n_cols = len(actors), len(issues)
    z = [[CODE[c.key or "none"] for c in row] for row in cells]
    text = [[esc(c.text) for c in row] for row in cells]
    frame = matrix_frame(
        ds,
        as_of,
        actors,
        issues,
        dataset_name=dataset_name,
        title=title,
        notes=[n for n in notes if n],
        size=size,
    )
    legend = matrix_legend()
    col_text, col_angle, labels_px = column_labels([ds.issues[i].label for i in issues], size)
    row_px = size.row_px if n_rows <= TALL_ROWS or size.width else max(20, size.row_px - 4)
    plot_px = max(row_px * max(n_rows, 1), 120)
    fit = room(frame, size, legends=[legend], top_extra=labels_px, bottom_extra=8)
    if fit is not None:  # a slide: rows of at most a comfortable height, filling the rest
        plot_px = min(fit, max(plot_px, 2 * size.row_px * n_rows // 2))
    right = int(BAND_PX * size.font / 12) if bands else 8
    if col_angle:  # slanted labels of the last columns reach past the plot's right edge
        right = max(right, int(max(len(t) for t in col_text[-2:]) * 0.31 * size.font) + 10)
    previous: list[str] = []
    ticktext = []
    for a in actors:
        ticktext.append(row_label(ds, a, previous))
        previous.append(a)
    tall = n_rows > TALL_ROWS and not size.width
    plain = [ds.actors[a].name if a in ds.actors else a for a in actors]
    left = text_px([f"↳ {x}" for x in plain], size)

    fig = go.Figure()
    fig.add_trace(
        go.Heatmap(
            z=z,
            x=list(range(n_cols)),
            y=list(range(n_rows)),
            text=text,
            texttemplate="%{text}",
            textfont={"size": size.font + 2},
            colorscale=_discrete_scale(),
            zmin=0,
            zmax=len(STATES),
            showscale=False,
            xgap=2,
            ygap=2,
            hoverinfo="skip",
            name="cells",
        )
    )
    xs, ys, custom, hovers = [], [], [], []
    for r, row in enumerate(cells):
        for c, cell in enumerate(row):
            xs.append(c)
            ys.append(r)
            custom.append([cell.actor, cell.issue])
            hovers.append(hover_text(ds, cell))
    fig.add_trace(
        go.Scatter(
            x=xs,
            y=ys,
            mode="markers",
            # invisible until selected: then a dark frame round the cell's symbol. The
            # browser draws the selection itself on a click, so the figure need not change
            marker={
                "symbol": "square-open",
                "size": row_px,
                "color": FRAME,
                "line": {"width": 3.5},
                "opacity": 0,
            },
            selectedpoints=selected_points(actors, issues, selected),
            customdata=custom,
            hovertext=hovers,
            # the hint once in the template, not in the text of every cell
            hovertemplate="%{hovertext}<br><br><i>" + CLICK_HINT + "</i><extra></extra>",
            hoverlabel={"align": "left", "bgcolor": "#ffffff", "font": {"color": "#111111"}},
            showlegend=False,
            name="click a cell",
            selected={"marker": {"opacity": 1}},
            unselected={"marker": {"opacity": 0}},
        )
    )
    for trace in _legend_traces(size):
        fig.add_trace(trace)

    shapes = []
    for r, row in enumerate(cells):
        for c, cell in enumerate(row):
            if cell.key is not None and cell.evidence in FRAME_DASH:
                shapes.append(_frame(c, r, 0.40, "#333333", 1.5, FRAME_DASH[cell.evidence]))
    for name, first, _last in bands:
        if first > 0:
            shapes.append(
                {
                    "type": "line",
                    "xref": "paper",
                    "x0": -0.005,
                    "x1": 1,
                    "y0": first - 0.5,
                    "y1": first - 0.5,
                    "line": {"color": "#444444", "width": 2},
                }
            )
        fig.add_annotation(
            text="<br>".join(f"<b>{esc(line)}</b>" for line in textwrap.wrap(name, 18)),
            xref="paper",
            x=1.0,
            y=first - 0.5,
            xanchor="left",
            yanchor="top",
            showarrow=False,
            font={"size": size.font - 1, "color": "#444444"},
            align="left",
            xshift=6,
        )
    place(
        fig,
        frame,
        size,
        plot_px=plot_px,
        legends=[legend],
        top_extra=labels_px,
        bottom_extra=(labels_px if tall else 0) + 8,
        left=left,
        right=right,
    )
    if tall:  # the column labels again under the last row
        fig.add_trace(
            go.Scatter(x=[None], y=[None], xaxis="x2", showlegend=False, hoverinfo="skip")
        )
        fig.update_layout(
            xaxis2={
                "overlaying": "x",
                "side": "bottom",
                "tickmode": "array",
                "tickvals": list(range(n_cols)),
                "ticktext": col_text,
                "tickangle": -col_angle if col_angle else 0,
                "range": [-0.5, n_cols - 0.5],
                "showgrid": False,
                "zeroline": False,
                "fixedrange": True,
                "automargin": False,
                "ticklabeloverflow": "allow",
            }
        )
    fig.update_layout(
        shapes=shapes,
        plot_bgcolor=GRID,
        hovermode="closest",
        hoverdistance=-1,
        dragmode=False,
        clickmode="event+select",
        xaxis={
            "side": "top",
            "tickmode": "array",
            "tickvals": list(range(n_cols)),
            "ticktext": col_text,
            "tickangle": col_angle,
            "range": [-0.5, n_cols - 0.5],
            "showgrid": False,
            "zeroline": False,
            "fixedrange": True,
            "automargin": False,
            "ticklabeloverflow": "allow",
        },
        yaxis={
            "tickmode": "array",
            "tickvals": list(range(n_rows)),
            "ticktext": ticktext,
            "range": [n_rows - 0.5, -0.5],
            "showgrid": False,
            "zeroline": False,
            "fixedrange": True,
            "automargin": False,
            "ticks": "",
            "ticklabeloverflow": "allow",
        },
    )
    return fig


def selected_points(
    actors: Sequence[str], issues: Sequence[str], selected: tuple[str, str] | None
) -> list[int] | None:
    """The selected (actor, issue) cell as the click trace's ``selectedpoints`` (cells are
    numbered row by row), None when no cell shown is selected."""
    if not selected or selected[0] not in actors or selected[1] not in issues:
        return None
    return [list(actors).index(selected[0]) * len(issues) + list(issues).index(selected[1])]


def _frame(x: int, y: int, half: float, colour: str, width: float, dash: str) -> dict[str, object]:
    return {
        "type": "rect",
        "x0": x - half,
        "x1": x + half,
        "y0": y - half,
        "y1": y + half,
        "line": {"color": colour, "width": width, "dash": dash},
        "fillcolor": "rgba(0,0,0,0)",
    }
