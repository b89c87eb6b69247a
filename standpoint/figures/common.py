"""What every figure shares: the colour and symbol of each level, the font, escaping.

The words around a chart (title, subtitle, legends, footer) are laid out by :mod:`.frame`."""

from __future__ import annotations

import html

from ..scale import DIVIDED, DIVIDED_LABEL, LEVELS, NO_POSITION_LABEL

# Blue for support and red for oppose (colour-blind safe hues, from ColorBrewer's RdBu and
# YlGnBu), chosen so that every level keeps a grey of its own when printed in greyscale
# (luminance: support 29, oppose 72, leans support 128, ambiguous 166, leans against 199, no
# position 255, each at least 29 apart; tests/test_export.py checks it): ambiguous a mid grey,
# dark enough that on a map it is never taken for a blank; "divided" a lavender outside the
# scale, told by its symbol; no position left blank (white).
COLOURS: dict[str, str] = {
    "support": "#081d58",
    "lean-support": "#4393c3",
    "ambiguous": "#a6a6a6",
    "lean-oppose": "#f7b799",
    "oppose": "#b2182b",
    DIVIDED: "#e4dcf4",  # pale lavender: a grey of its own between "leans against" and none
}
NO_POSITION_COLOUR = "#ffffff"
SYMBOLS: dict[str, str] = {level.key: level.symbol for level in LEVELS} | {DIVIDED: "±"}
TEXT_ON: dict[str, str] = {  # text colour readable on each fill
    "support": "#ffffff",
    "oppose": "#ffffff",
}


def grey(colour: str) -> float:
    """The grey a colour prints as (ITU-R BT.601 luma, 0-255), as greyscale conversion does."""
    r, g, b = (int(colour.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4))
    return 0.299 * r + 0.587 * g + 0.114 * b


def text_on(fill: str) -> str:
    """Text colour readable on a fill: white on a dark one, near-black on a light one."""
    return "#ffffff" if grey(fill) < 128 else "#222222"


FONT = "Arial, Helvetica, sans-serif"


def esc(text: object) -> str:
    """Text from data, made safe for plotly labels and hover text (which render some HTML)."""
    return html.escape("" if text is None else str(text), quote=False)


def legend_items() -> list[tuple[str, str, str]]:
    """(key, colour, words) for every cell state, scale order, then divided and none."""
    items = [(lvl.key, COLOURS[lvl.key], f"{lvl.symbol}  {lvl.label}") for lvl in LEVELS]
    items.append((DIVIDED, COLOURS[DIVIDED], f"{SYMBOLS[DIVIDED]}  {DIVIDED_LABEL}"))
    items.append(("none", NO_POSITION_COLOUR, f"(blank)  {NO_POSITION_LABEL}"))
    return items
