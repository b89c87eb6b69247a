"""Hover text and labels built from data: always escaped, wrapped, and kept short."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go

from .common import esc


def present(value: object) -> bool:
    """False for None, NaN and empty text (pandas turns missing text into NaN)."""
    if value is None:
        return False
    if isinstance(value, float) and pd.isna(value):
        return False
    return str(value).strip() != ""


def wrap(text: object, width: int = 70, limit: int = 400) -> str:
    """Escaped text broken into ``<br>``-separated lines, cut at ``limit`` characters."""
    if not present(text):
        return ""
    raw = " ".join(str(text).split())
    if len(raw) > limit:
        raw = raw[: limit - 1].rstrip() + "…"
    return "<br>".join(esc(line) for line in textwrap.wrap(raw, width=width))


def lines(*parts: tuple[str, object]) -> str:
    """``<b>label</b> value`` lines for the parts that have a value (values escaped)."""
    out = []
    for label, value in parts:
        if present(value):
            out.append(f"{label}{wrap(value)}" if label else wrap(value))
    return "<br>".join(out)


def quoted(text: object) -> str:
    """A quote in typographic quotation marks, escaped and wrapped; empty when missing."""
    if not present(text):
        return ""
    return wrap(f"“{' '.join(str(text).split())}”")


def unique_labels(ids: list[str], names: list[str]) -> dict[str, str]:
    """An escaped display label per id; names that occur twice get their id appended."""
    counts: dict[str, int] = {}
    for name in names:
        counts[name] = counts.get(name, 0) + 1
    return {
        i: esc(name) if counts[name] == 1 else f"{esc(name)} ({esc(i)})"
        for i, name in zip(ids, names, strict=True)
    }


def data_name(root: Path, given: str | None) -> str:
    """How a figure's source line names the data: as given, or the data folder's name."""
    return given or root.resolve().name or str(root)


def subtitle_lines(text: str, width: int = 120) -> str:
    """Plain text broken into lines of at most ``width`` characters, joined by newlines (which
    :func:`common.finish` turns into subtitle lines)."""
    return "\n".join(textwrap.wrap(" ".join(text.split()), width=width)) or ""


TITLE_TOP_PX = 12  # the title's distance from the top of the figure
TITLE_PX = 22
SUBTITLE_LINE_PX = 17


def title_block_px(subtitle: str) -> int:
    """Height of the title and its subtitle lines, from the top of the figure."""
    return TITLE_TOP_PX + TITLE_PX + SUBTITLE_LINE_PX * (subtitle.count("\n") + 1) + 6


def pin_title(fig: go.Figure, subtitle: str, below_px: int = 10) -> int:
    """Pin the title (set by :func:`common.finish`) to the top of the figure and make the top
    margin hold it and ``below_px`` more, so that long subtitles never run into the plot.
    The figure needs its height set. Returns the top margin."""
    top = title_block_px(subtitle) + below_px
    height = fig.layout.height or 450
    fig.update_layout(
        margin={"t": top},
        title={"yref": "container", "y": 1 - TITLE_TOP_PX / height, "yanchor": "top"},
    )
    return top


def nice_step(biggest: int, ticks: int = 8) -> int:
    """A round axis step (1, 2, 5, 10, 20, 50, 100, …) giving at most about ``ticks``."""
    step = 1
    while biggest / step > ticks:
        for factor in (2, 2.5, 2):
            step = int(step * factor)
            if biggest / step <= ticks:
                break
    return step
