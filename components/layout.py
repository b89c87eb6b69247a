"""Boxes that share a row while it is wide enough and take a row of their own when it is not,
and tables whose text wraps.

Streamlit's columns keep their shares at any width, so at 1024 px with the sidebar open the
matrix would get three quarters of 564 px; its containers of a fixed width never grow to fill
a wide row. :func:`row` gives each box a share of the row and a least width: the boxes share
the row while their least widths fit, and wrap onto rows of their own, as wide as the row,
when not. It is done with a style rule naming the boxes' keys, which holds no data text.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from .safe import md

_KEY = re.compile(r"^[a-z][a-z0-9_-]*$")


@dataclass(frozen=True, slots=True)
class Box:
    """A box in a row: its key (also its CSS class, ``st-key-<key>``), its share of the
    row's width beyond the least widths, and its least width in pixels."""

    key: str
    share: int
    least_px: int


def style(boxes: Sequence[Box], *, alone: bool = False) -> str:
    """The style rule that makes each box of a row grow by its share from its least width
    (with ``alone``, each box a line of its own). Streamlit wraps every element of a
    horizontal container in a layout wrapper: that is the flex item, so the rule names the
    wrapper holding the keyed box."""
    rules = []
    for box in boxes:
        if not _KEY.match(box.key):
            raise ValueError(f"not a plain key: {box.key!r}")
        rules.append(
            _flex(
                f'[data-testid="stLayoutWrapper"]:has(> .st-key-{box.key})',
                box.share,
                None if alone else box.least_px,
            )
        )
    return "<style>" + "".join(rules) + "</style>"


def _flex(selector: str, share: float, least_px: float | None) -> str:
    """The one rule of these layouts: flex items under ``selector`` grow by ``share`` from at
    least ``least_px`` (never wider than their row; None: as wide as the row)."""
    least = "100%" if least_px is None else f"min({int(least_px)}px, 100%)"
    return f"{selector}{{flex:{int(share)} 1 {least} !important;min-width:{least} !important}}"


# Streamlit's gaps between the boxes of a horizontal container, in pixels
GAP_PX = {"xxsmall": 4, "xsmall": 8, "small": 16, "medium": 32, "large": 64}


def lines(row_px: float, boxes: Sequence[Box], gap: str = "medium") -> list[list[Box]]:
    """``boxes`` in the lines of a row ``row_px`` wide: a box joins the line before while the
    least widths and the gaps between them fit, else it starts a line."""
    between = GAP_PX.get(gap, 0)
    out: list[list[Box]] = []
    used = 0.0
    for box in boxes:
        least = min(box.least_px, row_px)
        if out and used + between + least <= row_px:
            out[-1].append(box)
            used += between + least
        else:
            out.append([box])
            used = least
    return out


def box_px(row_px: float, boxes: Sequence[Box], gap: str = "medium") -> list[int]:
    """The width of each of ``boxes`` in a :func:`row` ``row_px`` wide, as the browser lays
    them out: boxes fill a line while their least widths and the gaps between them fit (else
    the next box starts a line), and each grows from its least width by its share of what
    is left on its line."""
    between = GAP_PX.get(gap, 0)
    widths: dict[str, int] = {}
    for line in lines(row_px, boxes, gap):
        free = row_px - sum(min(b.least_px, row_px) for b in line) - between * (len(line) - 1)
        shares = sum(b.share for b in line) or 1
        for b in line:
            widths[b.key] = int(min(b.least_px, row_px) + free * b.share / shares)
    return [widths[b.key] for b in boxes]


@contextmanager
def row(*boxes: Box, key: str, gap: str = "medium", room_px: float | None = None):
    """A row of ``boxes``: ``with row(Box(...), Box(...), key=...) as (a, b):`` gives a
    container for each, in order. With ``room_px``, the row's width as measured (rounded
    down, see components/room.py), boxes that would not share a line in that width each take
    a line of their own whatever the page's exact width: as :func:`box_px` says, for the
    charts laid out for it."""
    alone = room_px is not None and len(lines(room_px, boxes, gap)) > 1
    st.html(style(boxes, alone=alone))
    with st.container(horizontal=True, gap=gap, key=key):
        made: list[DeltaGenerator] = [st.container(key=box.key) for box in boxes]
    yield made


def tiles_style(prefix: str, least_px: int) -> str:
    """The style rule that makes the boxes in every horizontal container keyed ``<prefix>…``
    tiles of at least ``least_px``: as many to a line as fit, each line filled (a last line
    of fewer tiles has wider ones)."""
    if not _KEY.match(prefix):
        raise ValueError(f"not a plain key: {prefix!r}")
    rule = _flex(f'[class*="st-key-{prefix}"] > [data-testid="stLayoutWrapper"]', 1, least_px)
    return f"<style>{rule}</style>"


def tiles(prefix: str, least_px: int) -> None:
    """Lay out the boxes of every horizontal container keyed ``<prefix>…`` on this page as
    :func:`tiles_style` says (call once a page; then
    ``st.container(horizontal=True, key=f"{prefix}{i}")``)."""
    st.html(tiles_style(prefix, least_px))


LONG_TABLE_ROWS = 30  # a table of more rows scrolls inside a box of LONG_TABLE_PX
LONG_TABLE_PX = 800


def _cell(value: object) -> str:
    if isinstance(value, bool):
        return "✓" if value else ""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return md(value)


def text_table(
    frame: pd.DataFrame,
    columns: Mapping[str, Sequence[tuple[str, str]]],
    *,
    links: Mapping[str, str] | None = None,
) -> None:
    """``frame`` as a table whose text wraps, so that every column stays in view (a dataframe
    grid keeps each cell on one line and scrolls long quotes off to the right). A few columns
    are shown, each made of some of ``frame``'s: ``columns`` maps a shown column to its parts,
    (column of ``frame``, format with ``{}`` for the value), one line each, left out when
    empty. Every value is escaped (the table renders markdown); ``links`` maps a column of URLs
    (made safe: ``passage.url``, ``safe.safe_url``) to the words its links show. A long
    table scrolls inside a box, its header in view."""
    links = links or {}

    def part(column: str, form: str, value: object) -> str:
        if column in links:
            return form.replace("{}", f"[{md(links[column])}]({value})") if value else ""
        text = _cell(value)
        return form.replace("{}", text) if text else ""

    shown = pd.DataFrame(
        {
            md(name): [
                "  \n".join(p for c, f in parts if (p := part(c, f, row[c])))
                for _, row in frame.iterrows()
            ]
            for name, parts in columns.items()
        },
        columns=[md(name) for name in columns],
    )
    height = LONG_TABLE_PX if len(shown) > LONG_TABLE_ROWS else "content"
    st.table(shown, hide_index=True, height=height)


def sticky_style(key: str) -> str:
    """The style rule that keeps the box keyed ``key`` at the top of the box that scrolls it,
    over what scrolls under it: on a white ground, so nothing shows through, that reaches up
    over the scrolling box's padding (it sticks at the padding's inner edge). Streamlit wraps
    the box in a layout wrapper as tall as it: that is what must stick."""
    if not _KEY.match(key):
        raise ValueError(f"not a plain key: {key!r}")
    at = f'[data-testid="stLayoutWrapper"]:has(> .st-key-{key})'
    rule = "position:sticky;top:0;z-index:3;background:#ffffff;box-shadow:0 -1rem 0 #ffffff"
    return f"<style>{at}{{{rule}}}</style>"


def sticky(key: str) -> None:
    """Keep the box keyed ``key`` in sight at the top of its scrolling box
    (:func:`sticky_style`; then ``st.container(key=key)``)."""
    st.html(sticky_style(key))
