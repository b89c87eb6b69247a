"""A world map of states' levels on one issue as of a date."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go

from ..cells import mappable
from ..model import Dataset
from ..scale import DIVIDED, LEVELS, NO_POSITION_LABEL, level_label
from .common import COLOURS, NO_POSITION_COLOUR, SYMBOLS, esc, finish, source_line
from .hover import data_name, pin_title, present, quoted, subtitle_lines, title_block_px, wrap

BORDER = "#9a9a9a"


def _hover(row: pd.Series, words: str) -> str:
    bits = [
        f"<b>{esc(row['actor_name'])}</b>",
        f"{SYMBOLS[row['stance']]} {esc(words)}",
        f"since {esc(row['date_text'])}",
    ]
    if present(row["speaker"]):
        bits.append(f"Speaker: {wrap(row['speaker'])}")
    if present(row["summary"]):
        bits.append(wrap(row["summary"]))
    if present(row["quote"]):
        bits.append(quoted(row["quote"]))
    if present(row["source"]):
        bits.append(f"Source: {esc(row['source'])}")
    return "<br>".join(bits)


def world_map(
    ds: Dataset,
    cells: pd.DataFrame,
    issue: str,
    as_of: dt.date,
    drawable: set[str] | None = None,
    dataset_name: str | None = None,
) -> go.Figure:
    """States coloured by their level on ``issue`` as of ``as_of`` (``cells`` from
    :func:`standpoint.cells.issue_cells`). States with no position are left blank. Actors
    that are not states or have no ISO code cannot be mapped, nor can states missing from
    the map's outlines (``drawable``: the ISO codes it has; small island states at 1:110m);
    the subtitle counts them."""
    it = ds.issues[issue]
    on_map = mappable(cells)
    if drawable is not None:
        on_map &= cells["iso3"].isin(drawable)
    shown, off = cells[on_map], cells[~on_map]
    fig = go.Figure()
    for key in [lvl.key for lvl in LEVELS] + [DIVIDED]:
        part = shown[shown["stance"] == key]
        if part.empty:
            continue
        words = level_label(key, it.labels)
        fig.add_trace(
            go.Choropleth(
                locations=list(part["iso3"]),
                locationmode="ISO-3",
                z=[1] * len(part),
                zmin=0,
                zmax=1,
                colorscale=[[0, COLOURS[key]], [1, COLOURS[key]]],
                showscale=False,
                marker={"line": {"color": BORDER, "width": 0.4}},
                hovertext=[_hover(row, words) for _, row in part.iterrows()],
                hovertemplate="%{hovertext}<extra></extra>",
                name=f"{SYMBOLS[key]}  {esc(words)} ({len(part)})",
                showlegend=True,
            )
        )
    # a legend entry for the blank countries, which are drawn by the base map
    fig.add_trace(
        go.Scattergeo(
            lon=[None],
            lat=[None],
            mode="markers",
            marker={
                "symbol": "square",
                "size": 12,
                "color": NO_POSITION_COLOUR,
                "line": {"color": BORDER, "width": 1},
            },
            name=f"(blank)  {NO_POSITION_LABEL}",
            hoverinfo="skip",
        )
    )
    fig.update_geos(
        projection_type="natural earth",
        showframe=False,
        showcoastlines=False,
        showcountries=True,
        countrycolor=BORDER,
        showland=True,
        landcolor=NO_POSITION_COLOUR,
        showocean=True,
        oceancolor="#eef3f7",
        showlakes=False,
        lataxis_range=[-58, 85],
    )
    fig.update_layout(
        legend={"title": {"text": "Level"}, "yanchor": "top", "y": 1, "font": {"size": 11}}
    )
    lines = [
        subtitle_lines(f"“{it.proposition}”"),
        f"As of {as_of.isoformat()}: {len(shown)} states on the map",
    ]
    if len(off):
        names = ", ".join(off["actor_name"].head(4))
        more = f" and {len(off) - 4} more" if len(off) > 4 else ""
        noun = "actor" if len(off) == 1 else "actors"
        lines.append(
            f"Not on the map: {len(off)} {noun} with a position that are not states or are too"
            f" small to draw ({names}{more})"
        )
    subtitle = "\n".join(lines)
    finish(
        fig,
        f"{it.label}: where states stand",
        subtitle,
        source_line(data_name(ds.root, dataset_name), as_of),
        height=500 + title_block_px(subtitle),
    )
    pin_title(fig, subtitle)
    return fig


def topojson_ids(path: Path) -> set[str]:
    """The ISO codes of the countries a plotly topojson file (e.g. world_110m.json) draws."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        geometries = data["objects"]["countries"]["geometries"]
    except (OSError, ValueError, KeyError, TypeError):
        return set()
    return {g["id"] for g in geometries if isinstance(g.get("id"), str)}
