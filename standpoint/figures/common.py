"""What every figure shares: the colour of each level, escaping, title and source line."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterable

import plotly.graph_objects as go

from ..cells import dated_by
from ..credits import credit
from ..model import Dataset, Position
from ..scale import DIVIDED, DIVIDED_LABEL, LEVELS, NO_POSITION_LABEL

# ColorBrewer RdBu (5 classes, colour-blind safe), support blue and oppose red; ambiguous is a
# mid grey (dark enough that on a map it is never taken for a blank), "divided" a lavender
# outside the scale, and no position is left blank (white).
COLOURS: dict[str, str] = {
    "support": "#0571b0",
    "lean-support": "#92c5de",
    "ambiguous": "#a6a6a6",
    "lean-oppose": "#f4a582",
    "oppose": "#ca0020",
    DIVIDED: "#b2abd2",
}
NO_POSITION_COLOUR = "#ffffff"
SYMBOLS: dict[str, str] = {level.key: level.symbol for level in LEVELS} | {DIVIDED: "±"}
TEXT_ON: dict[str, str] = {  # text colour readable on each fill
    "support": "#ffffff",
    "oppose": "#ffffff",
}
FONT = "Arial, Helvetica, sans-serif"
SOURCE_LINE_PX = 13  # each further line of the source line


def esc(text: object) -> str:
    """Text from data, made safe for plotly labels and hover text (which render some HTML)."""
    return html.escape("" if text is None else str(text), quote=False)


def legend_items() -> list[tuple[str, str, str]]:
    """(key, colour, words) for every cell state, scale order, then divided and none."""
    items = [(lvl.key, COLOURS[lvl.key], f"{lvl.symbol}  {lvl.label}") for lvl in LEVELS]
    items.append((DIVIDED, COLOURS[DIVIDED], f"{SYMBOLS[DIVIDED]}  {DIVIDED_LABEL}"))
    items.append(("none", NO_POSITION_COLOUR, f"(blank)  {NO_POSITION_LABEL}"))
    return items


def source_line(
    dataset_name: str,
    as_of: dt.date | None = None,
    ds: Dataset | None = None,
    *,
    tell_problems: bool = True,
    positions: Iterable[Position] | None = None,
) -> str:
    """The lines under a figure: whose words the data rests on; which data, as of when; and,
    when problems in the data left records out, that the figure is incomplete.

    The sources named are those of ``positions`` (what the figure shows), by default every
    position dated on or before ``as_of``."""
    if positions is None and ds is not None:
        positions = dated_by(ds, as_of)
    cited = credit(ds, positions) if ds is not None else ""
    bits = [f"Standpoint data: {esc(dataset_name)}"]
    if as_of is not None:
        bits.append(f"as of {as_of.isoformat()}")
    lines = [f"Sources: {esc(cited)}"] if cited else []
    lines.append(" · ".join(bits))
    if tell_problems and ds is not None and ds.problems:
        n = len(ds.problems)
        lines.append(
            f"Incomplete: {n} problem{'s' if n != 1 else ''} in the data left records out"
            " (the app's Data health page lists them)"
        )
    return "<br>".join(lines)


def finish(
    fig: go.Figure, title: str, subtitle: str, source: str, *, height: int | None = None
) -> go.Figure:
    """Give a figure its title, subtitle (e.g. the as-of date) and source line. A subtitle
    may hold several lines, separated by newlines."""
    sub_lines = [esc(line) for line in subtitle.split("\n")]
    sub = "<br>".join(f"<sup>{line}</sup>" for line in sub_lines)
    fig.update_layout(
        # a little room from the left edge, so an exported image does not crop the title
        title={"text": f"{esc(title)}<br>{sub}", "x": 0.0, "xanchor": "left", "pad": {"l": 8}},
        font={"family": FONT, "size": 12},
        paper_bgcolor="#ffffff",
        plot_bgcolor="#ffffff",
        margin={
            "t": 90 + 16 * (len(sub_lines) - 1),
            "b": 80 + SOURCE_LINE_PX * source.count("<br>"),
            "l": 10,
            "r": 10,
        },
    )
    if height:
        fig.update_layout(height=height)
    fig.add_annotation(
        text=source,
        xref="paper",
        yref="paper",
        x=0,
        y=0,
        yshift=-60,
        xanchor="left",
        yanchor="top",
        align="left",
        showarrow=False,
        font={"size": 10, "color": "#555555"},
    )
    return fig
