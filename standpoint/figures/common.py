"""What every figure shares: the colour and symbol of each level, the font, escaping.

The words around a chart (title, subtitle, legends, footer) are laid out by :mod:`.frame`."""

from __future__ import annotations

import html

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


def esc(text: object) -> str:
    """Text from data, made safe for plotly labels and hover text (which render some HTML)."""
    return html.escape("" if text is None else str(text), quote=False)


def legend_items() -> list[tuple[str, str, str]]:
    """(key, colour, words) for every cell state, scale order, then divided and none."""
    items = [(lvl.key, COLOURS[lvl.key], f"{lvl.symbol}  {lvl.label}") for lvl in LEVELS]
    items.append((DIVIDED, COLOURS[DIVIDED], f"{SYMBOLS[DIVIDED]}  {DIVIDED_LABEL}"))
    items.append(("none", NO_POSITION_COLOUR, f"(blank)  {NO_POSITION_LABEL}"))
    return items
