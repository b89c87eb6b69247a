"""The stance matrix: actors (rows) by issues (columns) as of a date.

Each cell shows its level twice, as a colour and as a symbol, so it never rests on colour
alone. A cell whose positions are only *reported* (attributed by others) or *inferred* carries
a mark after the symbol and a frame (dotted for reported, dashed for inferred); a selected cell
gets a dark frame round its symbol (the click trace's own selection, so that a click in the
browser frames the cell without a new figure). A tall matrix repeats the column labels under
its last row. Hovering a cell gives the issue's own wording of the level with the date,
evidence, speaker and source; the summary, conditions and quotes are in the evidence panel a
click opens (hover text is sent for every cell). Every piece of data text is escaped.
"""

from __future__ import annotations

import base64
import datetime as dt
import functools
import html
import math
import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

import plotly.graph_objects as go

from ..cells import DEFAULT_WINDOW_DAYS, Cell, behind, grid
from ..credits import Cited
from ..credits import cited as credits_cited
from ..dates import age_words
from ..model import Dataset, Position
from ..scale import DIVIDED, EVIDENCE_LABEL, LEVELS, level_label
from ..words import plural
from .common import COLOURS, FONT, NO_POSITION_COLOUR, SYMBOLS, esc, legend_items
from .frame import (
    CHAR_EM,
    HOVER_CHARS,
    HOVER_FONT,
    LABEL_GAP_PX,
    LINE_EM,
    SCREEN,
    SUBTITLE,
    TITLE,
    Frame,
    Legend,
    Size,
    beside_or_below,
    frame_for,
    legends_px,
    place,
    plot_width,
    room,
    text_px,
    topic_title,
    wrap,
)

OLD_PREFIX = "old:"
OLD_FADE = 0.62  # an old cell's colour, mixed with this share of white
# z code of every cell state; the colour scale maps each code to its colour
LIVE_STATES: tuple[str, ...] = (*(lvl.key for lvl in LEVELS), DIVIDED)
STATES: tuple[str, ...] = (*LIVE_STATES, "none", *(OLD_PREFIX + k for k in LIVE_STATES))
CODE: dict[str, int] = {key: i for i, key in enumerate(STATES)}
EVIDENCE_MARK: dict[str, str] = {"stated": "", "reported": "ʳ", "inferred": "?"}
DIFFER_MARK = "≠"  # officials of one actor said different things within the window
DROPPED_MARK = "!"  # the cell's only positions were left out for errors

FRAME_DASH: dict[str, str] = {"reported": "dot", "inferred": "dash"}
CLICK_HINT = "Click the cell for its summary, quotes and every source"
HOVER_LIMIT = 120  # characters of a speaker or a source in a hover box
TALL_ROWS = 40  # a matrix with more rows repeats its column labels at the bottom
EVIDENCE_NOTE: dict[str, str] = {
    "reported": "reported by others",
    "inferred": "inferred by an analyst",
}
GRID = "#d0d0d0"
CELL_GAP = 2  # px between cells
FRAME = "#222222"
DARK_TEXT = "#444444"  # a symbol on a light cell
OLD_TEXT = "#222222"  # an old cell's symbols and year, on its faded fill
BAND_PX = 130  # room on the right for the names of groups
SLANT = 55  # degrees of the column labels when there are many columns
SLANT_ACROSS = 0.31  # at SLANT degrees, the width a character takes, as a share of the font
FEW_COLUMNS = 6  # up to this many columns, labels are wrapped level; more are slanted
LEFT_SHARE = 0.3  # the most of the figure's width that the row labels take
NARROW_CELL_PX = 34  # a column narrower than this writes its symbols at the labels' size
SLANTED_MOST = 40  # the most characters of a slanted column label
LEGEND_LINE_CHARS = 26  # beside the plot on the page, longer legend entries take two lines


def cell_text(
    key: str | None, evidence: str | None, *, differ: bool = False, dropped: bool = False
) -> str:
    """What a cell shows in text: the level's symbol, the evidence mark and the mark
    "officials differ"; ``!`` for a cell whose only positions were left out for errors."""
    if key is None:
        return DROPPED_MARK if dropped else ""
    return SYMBOLS[key] + EVIDENCE_MARK.get(evidence or "stated", "") + (DIFFER_MARK * differ)


def cell_label(cell: Cell) -> str:
    """The cell's symbols as text (escaped): level, evidence mark, "officials differ"; ``!``
    for a cell whose only positions were left out for errors."""
    return esc(
        cell_text(
            cell.value, cell.evidence, differ=cell.officials_differ, dropped=cell.only_dropped
        )
    )


def _old_cell_trace(
    cells: list[list[Cell]],
    z: list[list[int]],
    size: Size,
    drawn: bool = True,
    one_line: bool = False,
) -> list[dict]:
    """An old cell's two small lines: its symbols over the year of its latest date (the main
    heatmap leaves these cells' text empty). A second heatmap holding only the old cells
    (the others empty), so that plotly draws one image and a text per old cell, where a text
    trace per line drew a point group of its own for each. Its type is the year's size, so
    that the two lines sit as close as the cell needs; the symbols are a span a little
    larger. ``drawn=False`` (on screen): the text is in the cells' image instead. With
    ``one_line`` (rows too low for two lines) the year follows the symbols."""
    if not any(c.old for row in cells for c in row):
        return []
    symbol_px, year_px = _old_cell_px(size)
    old_z: list[list[int | None]] = []
    text: list[list[str]] = []
    for row, codes in zip(cells, z, strict=True):
        old_z.append([code if c.old else None for c, code in zip(row, codes, strict=True)])
        text.append(
            [
                f'<span style="font-size:{symbol_px}px">{cell_label(c)}</span>'
                + (" " if one_line else "<br>")
                + (str(c.date.start.year) if c.date else "")
                if c.old
                else ""
                for c in row
            ]
        )
    return [
        trace(
            "heatmap",
            z=old_z,
            x=list(range(len(z[0]))),
            y=list(range(len(z))),
            text=text,
            texttemplate="%{text}" if drawn else None,
            textfont={"size": year_px, "color": OLD_TEXT},
            # text only: the main heatmap below draws the old cells' colours. Transparent,
            # without gaps and drawn "fast", its image is a pixel a cell, not a canvas the
            # size of the plot (for 193 rows, 4 MB of pixels encoded as a PNG on every draw)
            colorscale=[[0, "rgba(0,0,0,0)"], [1, "rgba(0,0,0,0)"]],
            zsmooth="fast",
            showscale=False,
            hoverinfo="skip",
            name="old cells",
        )
    ]


def old_on_one_line(old: Sequence[Cell], cell_px: float, size: Size) -> bool:
    """Whether columns ``cell_px`` wide hold every one of the ``old`` cells' symbols and year
    on one line ("−−ʳ 2014"), at the size's type."""
    longest = max(
        (len(cell_text(c.value, c.evidence, differ=c.officials_differ)) for c in old), default=0
    )
    return cell_px >= (longest + 6) * CHAR_EM * size.font


def _old_cell_px(size: Size) -> tuple[int, int]:
    """The type sizes of an old cell's two lines: its symbols and its year."""
    return max(size.font - 1, size.min_font), max(size.font - 4, size.min_font)


def _luminance(colour: str) -> float:
    """The relative luminance of ``#rrggbb`` (WCAG 2)."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def text_colour(fill: str) -> str:
    """The colour of a symbol on a cell of ``fill``: white or plotly's dark grey, whichever
    contrasts more with the fill (WCAG contrast ratio); the colours plotly gives a heatmap's
    text on these fills."""
    fill_l = _luminance(fill)
    white = 1.05 / (fill_l + 0.05)
    dark = (fill_l + 0.05) / (_luminance(DARK_TEXT) + 0.05)
    return "#ffffff" if white > dark else DARK_TEXT


def _cell_text_image(
    cells: list[list[Cell]], z: list[list[int]], text: list[list[str]], font_px: int, size: Size
) -> dict:
    """Every cell's symbols (an old cell's over its year) as one SVG image over the cells, for
    the page: the browser draws it in one go, where plotly laid out and measured a text
    element per cell (a third of the matrix's drawing time on a page switch). Places are
    shares of the plot area and type is in pixels, so the symbols keep their shape at any
    width the chart is stretched to. The texts are the figure's own (symbols and years),
    escaped all the same."""
    n_rows, n_cols = len(cells), len(cells[0])
    old_symbol_px, year_px = _old_cell_px(size)
    by_fill: dict[str, list[str]] = {}  # texts grouped by colour, each its place and text

    def share(i: int, n: int) -> str:  # the centre of the i-th of n, in % to 1/100
        return f"{(i + 0.5) / n * 100:.2f}".rstrip("0").rstrip(".") + "%"

    for r, row in enumerate(cells):
        for c, cell in enumerate(row):
            at = f'x="{share(c, n_cols)}" y="{share(r, n_rows)}"'
            if cell.old:
                year = str(cell.date.start.year) if cell.date else ""
                by_fill.setdefault(OLD_TEXT, []).append(
                    f'<text {at} dy="{-year_px * 0.55:.1f}" font-size="{old_symbol_px}">'
                    f"{html.escape(cell_label(cell))}</text>"
                    f'<text {at} dy="{old_symbol_px * 0.55:.1f}" font-size="{year_px}">'
                    f"{year}</text>"
                )
            elif text[r][c]:
                fill = text_colour(state_colour(STATES[z[r][c]]))
                by_fill.setdefault(fill, []).append(f"<text {at}>{html.escape(text[r][c])}</text>")
    parts = [
        '<svg xmlns="http://www.w3.org/2000/svg" width="100%" height="100%" '
        f'font-family="{html.escape(FONT)}" font-size="{font_px}" text-anchor="middle" '
        'dominant-baseline="central">',
        *(f'<g fill="{fill}">{"".join(texts)}</g>' for fill, texts in by_fill.items()),
        "</svg>",
    ]
    svg = "".join(parts).encode()
    return {
        "source": "data:image/svg+xml;base64," + base64.b64encode(svg).decode(),
        "xref": "x",
        "yref": "y",
        "x": -0.5,
        "y": -0.5,
        "sizex": n_cols,
        "sizey": n_rows,
        "sizing": "stretch",
        "xanchor": "left",
        "yanchor": "top",
        "layer": "above",
        "name": "cell symbols",
    }


def cell_code(cell: Cell) -> int:
    """The colour code of a cell: its level, faded when old."""
    if cell.value is None:
        return CODE["none"]
    return CODE[OLD_PREFIX + cell.value if cell.old else cell.value]


def _wrap(text: str, width: int = HOVER_CHARS, limit: int = 320) -> str:
    """Escape data text and break it into lines for a hover box."""
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return "<br>".join(esc(line) for line in textwrap.wrap(text, width)) or ""


@functools.lru_cache(maxsize=32768)
def _hover_line(bold: str, rest: str = "", tag: str = "b", width: int = HOVER_CHARS) -> str:
    """``<b>bold</b> rest`` for a hover box: escaped, wrapped to ``width`` characters (so that
    the box fits the chart), the tag closed and opened again on every line it spans; with
    ``tag`` "i", all of it in italics. A pure function of its arguments, kept for the
    next view: a cell's first lines (its actor and issue, its level and dates) come again in
    every view that shows it."""
    bold, rest = " ".join(bold.split()), " ".join(rest.split())
    text = f"{bold} {rest}".strip()
    out, at = [], 0
    short = [text] if text else []  # what textwrap makes of a text that needs no break
    for line in short if len(text) <= width else textwrap.wrap(text, width, break_on_hyphens=False):
        start = text.index(line, at)
        cut = min(max(len(bold) - start, 0), len(line))
        head = f"<{tag}>{esc(line[:cut])}</{tag}>" if cut else ""
        out.append(head + esc(line[cut:]))
        at = start + len(line)
    return "<br>".join(out)


def _position_lines(
    ds: Dataset, p: Position, labels: dict[str, str], cell_level: str | None, said: str
) -> tuple[str, ...]:
    source = ds.source_label(p.citations[0]) if p.citations else ""
    words = "" if p.stance == cell_level else level_label(p.stance, labels)
    return _position_hover(p, words, p.date.shown not in said, source)


@functools.lru_cache(maxsize=8192)
def _position_hover(p: Position, level_words: str, dated: bool, source: str) -> tuple[str, ...]:
    """The hover lines of one position: its level (``level_words``, empty when the cell's
    level line already says it), its date (when ``dated``: not already said), its evidence
    when not stated in its own words (the cell's mark and frame say it too), its speaker and
    first source. The summary, the conditions and the quotes are in the evidence panel, one
    click away: hover text goes to the browser for every cell, and they made most of a large
    matrix's weight. A pure function of its arguments, so that lines are escaped once, not
    on every rerun of the app."""
    parts = [f"({SYMBOLS[p.stance]})"] if level_words else []
    if dated:
        parts.append(p.date.shown)
    if p.evidence != "stated":
        parts.append(EVIDENCE_LABEL.get(p.evidence, p.evidence))
    lines = [_hover_line(level_words, " · ".join(parts))] if level_words or parts else []
    if p.speaker:
        lines.append(_wrap("Speaker: " + p.speaker, limit=HOVER_LIMIT))
    if source:
        more = len(p.citations) - 1
        cited = "— " + shorten(source, HOVER_LIMIT) + (f" (+{more} more)" if more else "")
        lines.append(_wrap(cited, limit=len(cited)))
    return tuple(lines)


def _speaker(ds: Dataset, p: Position) -> str:
    """Who spoke: the named speaker, or the actor itself."""
    return p.speaker or (ds.actors[p.actor].name if p.actor in ds.actors else p.actor)


def hover_text(ds: Dataset, cell: Cell) -> str:
    """The hover box of one cell; all data text escaped."""
    actor = ds.actors[cell.actor].name if cell.actor in ds.actors else cell.actor
    issue = ds.issues[cell.issue]
    head = _hover_line(actor, f"· {issue.label}")
    if cell.value is None:
        lines = [head, "No stated position"]
        if cell.dropped:
            lines.append(_hover_line(f"{DROPPED_MARK} {dropped_words(cell)}"))
            lines.extend(
                _wrap(f"{d.path}, line {d.line}" + (f" ({d.date.shown})" if d.date else ""))
                for d in cell.dropped[:5]
            )
        return "<br>".join(lines)
    lines = [head]
    dates = f"({SYMBOLS[cell.value]})"
    if cell.since is not None:
        dates += f" · since {cell.since.shown}"
        if cell.date is not None and cell.date.start != cell.since.start:
            dates += f" · latest {cell.date.shown}"
    level = _hover_line(level_label(cell.value, issue.labels), dates)
    lines.append(level)
    if cell.old and cell.date is not None:  # its date is on the line above
        words = f"Old: {age_words(cell.date, cell.as_of)} before the as-of date"
        lines.append(_hover_line(words, tag="i"))
    if cell.officials_differ:
        lines.append(_hover_line(f"{DIFFER_MARK} Officials differ:", differ_words(ds, cell)))
    for p in cell.latest:
        lines.extend(_position_lines(ds, p, issue.labels, cell.value, level))
    return "<br>".join(lines)


def old_words(cell: Cell) -> str:
    """ "last stated 2008, 17 years before the as-of date"."""
    if cell.date is None:
        return ""
    return (
        f"last stated {cell.date.shown}, {age_words(cell.date, cell.as_of)} before the as-of date"
    )


def differ_words(ds: Dataset, cell: Cell) -> str:
    """Who spoke last, and who said otherwise within the window before."""
    latest = " / ".join(dict.fromkeys(_speaker(ds, p) for p in cell.latest))
    others = "; ".join(
        f"{_speaker(ds, p)} ({SYMBOLS[p.stance]}, {p.date.shown})" for p in cell.differ
    )
    return f"the latest word is {latest}'s; shortly before, {others}"


def dropped_words(cell: Cell) -> str:
    n = len(cell.dropped)
    return f"{plural(n, 'position')} left out for errors in the data"


def column_labels(
    labels: Sequence[str], size: Size = SCREEN, cell_px: float | None = None
) -> tuple[list[str], int, int]:
    """Column labels, their angle and the height they need in pixels: a few columns get
    labels wrapped on level lines, as wide as a column (``cell_px``, at the narrowest the
    figure is drawn), many get one slanted line each (long ones shortened)."""
    line = size.line(size.font)
    if len(labels) <= FEW_COLUMNS:
        width = 18 if len(labels) <= 3 else 12
        if size.width:  # wrapped for the room each column has
            width = max(width, size.chars(size.font, (size.width * 0.55) / max(len(labels), 1)))
        if cell_px is not None:  # never wider than a column (at the narrowest on the page)
            fit = max(6, label_chars(size, cell_px))
            width = min(width, fit) if size.width else fit
        lines = [textwrap.wrap(text, width) or [text] for text in labels]
        height = line * max((len(x) for x in lines), default=1) + 12
        return ["<br>".join(esc(x) for x in ls) for ls in lines], 0, height
    cut = [shorten(text, slanted_chars(size)) for text in labels]
    # at 55 degrees a character takes about 0.44 em up and 0.31 em across
    height = int(max((len(x) for x in cut), default=1) * 0.44 * size.font) + 16
    if size.width and cell_px is not None:  # a slide: level lines, when they take less height
        level = level_labels(labels, size, cell_px)
        if level is not None and level[1] < height:
            return level[0], 0, level[1]
    return [esc(x) for x in cut], -SLANT, height


def label_chars(size: Size, cell_px: float) -> int:
    """Characters of a column label's line in a column ``cell_px`` wide, a quarter of a type
    size clear of each edge, so that the labels of two columns never run into each other."""
    return int((cell_px - size.font / 2) / (CHAR_EM * size.font))


def level_labels(labels: Sequence[str], size: Size, cell_px: float) -> tuple[list[str], int] | None:
    """Column labels wrapped on level lines as wide as a column (``cell_px``) and the height
    they take; None when a word is wider than a column (it would run into its neighbours)."""
    chars = label_chars(size, cell_px)
    lines = [textwrap.wrap(t, max(chars, 1), break_long_words=False) or [t] for t in labels]
    if chars < 1 or any(len(x) > chars for ls in lines for x in ls):
        return None
    height = size.line(size.font) * max((len(x) for x in lines), default=1) + 12
    return ["<br>".join(esc(x) for x in ls) for ls in lines], height


def slanted_chars(size: Size) -> int:
    """The most characters of a slanted column label: 40 on a slide; on the page from 24 in
    the narrowest room to 40 in a wide one (the hover has the whole label)."""
    if size.width:
        return SLANTED_MOST
    return min(SLANTED_MOST, max(24, size.room // 22))


def shorten(text: str, most: int) -> str:
    """``text`` cut to at most ``most`` characters, with an ellipsis when cut."""
    return text if len(text) <= most else text[: most - 1].rstrip() + "…"


@dataclass(frozen=True, slots=True)
class Fit:
    """How a matrix fits its width: row labels, the margins beside the plot and the width of
    a column at the narrowest the figure is drawn (see :attr:`Size.room`)."""

    row_labels: list[str]  # plain text, shortened to fit
    left: int
    right: int
    cell_px: float


def fit_width(
    names: Sequence[str],
    issue_labels: Sequence[str],
    size: Size,
    bands: bool,
    legends: Sequence[Legend] = (),
) -> Fit:
    """Size the row labels and margins of a matrix for the room it has: the row labels take
    at most :data:`LEFT_SHARE` of it (longer names shortened; the hover names them whole),
    ``legends`` beside the plot their margin, slanted column labels the margin they reach past
    the last column (above the legends), the columns the rest. ``right`` is the margin
    between the plot and the legends beside it."""
    room = size.room
    most = max(8, int((room * LEFT_SHARE - 8) / (CHAR_EM * size.font)) - 2)
    rows = [shorten(n, most) for n in names]
    # a person under its parent: "↳ name"; and a gap between the labels and the cells
    left = text_px([f"↳ {r}" for r in rows], size) + LABEL_GAP_PX
    bands_px = int(BAND_PX * size.font / 12) if bands else 8
    beside = legends_px(size, legends)
    n = max(len(issue_labels), 1)
    right = bands_px
    cell = (room - 2 * size.pad - left - right - beside) / n
    if len(issue_labels) > FEW_COLUMNS:  # slanted labels of the last columns reach past the plot
        cut = [shorten(t, slanted_chars(size)) for t in issue_labels]
        for _ in range(2):  # the reach depends on the columns' width, and that on the margin
            reach = max(
                SLANT_ACROSS * len(t) * size.font - (n - 1 - c + 0.5) * cell
                for c, t in enumerate(cut)
            )
            # above the plot, so the legends beside it (below the labels) share its room
            right = max(right, int(reach) + 10 - beside)
            cell = (room - 2 * size.pad - left - right - beside) / n
    return Fit(rows, left, right, max(cell, 1.0))


LOW_ROW_EM = 1.6  # rows lower than this share of the type write their symbols at its size


@dataclass(frozen=True, slots=True)
class Layout:
    """How a matrix is laid out at a size: the size (its legend beside or below the plot, its
    type), the legend, the row labels and margins, and the column labels."""

    size: Size
    legend: Legend
    fit: Fit
    col_text: list[str]
    col_angle: int
    labels_px: int


def layout(
    names: Sequence[str],
    issue_labels: Sequence[str],
    size: Size,
    marks: Sequence[tuple[str, str, str]],
    bands: bool = False,
) -> Layout:
    """The layout of a matrix with rows ``names`` and columns ``issue_labels`` at ``size``;
    on the page its legend below the plot where beside it the cells would be too narrow."""
    legend = matrix_legend(marks, size)
    room_for = fit_width(names, issue_labels, size, bands, [legend])
    n_cols = len(issue_labels)
    fitted = beside_or_below(
        size, [legend], plot_px=room_for.cell_px * n_cols, least_px=n_cols * NARROW_CELL_PX
    )
    if fitted != size:
        size = fitted
        legend = matrix_legend(marks, size)
        room_for = fit_width(names, issue_labels, size, bands, [legend])
    col_text, col_angle, labels_px = column_labels(issue_labels, size, room_for.cell_px)
    return Layout(size, legend, room_for, col_text, col_angle, labels_px)


def plot_room(frame: Frame, lay: Layout) -> int | None:
    """The height a layout leaves to the rows at a size of fixed height (None on the page),
    as :func:`place` lays it out: a legend below the plot in rows as wide as the plot, half a
    pad above the footer."""
    size = lay.size
    left = room(frame, size, top_extra=lay.labels_px, bottom_extra=8)
    if left is None or size.legend != "below":
        return left
    plot_w = plot_width(size, left=lay.fit.left, right=lay.fit.right)
    return left - lay.legend.below_px(size, plot_w) - size.pad // 2


def row_label(ds: Dataset, actor: str, previous: Sequence[str], name: str | None = None) -> str:
    """An actor's row label (``name``, default its name); a person listed right under its
    parent is marked with ↳."""
    record = ds.actors.get(actor)
    if name is None:
        name = record.name if record else actor
    if record and record.kind == "person" and record.parent and record.parent in previous:
        return "↳ " + esc(name)
    return esc(name)


def _discrete_scale() -> list[list[float | str]]:
    """A colour scale giving each integer code in 0..len(STATES)-1 its own colour (pairs as
    lists, as plotly's JSON has them)."""
    n = len(STATES)
    colours = [state_colour(key) for key in STATES]
    scale: list[list[float | str]] = []
    for i, colour in enumerate(colours):
        scale.append([i / n, colour])
        scale.append([(i + 1) / n, colour])
    return scale


def state_colour(key: str) -> str:
    """The fill of a cell state; an old cell's level faded towards white."""
    if key.startswith(OLD_PREFIX):
        return fade(COLOURS[key[len(OLD_PREFIX) :]], OLD_FADE)
    return COLOURS.get(key, NO_POSITION_COLOUR)


def fade(colour: str, share: float) -> str:
    """``#rrggbb`` mixed with ``share`` of white."""
    rgb = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(c + (255 - c) * share):02x}" for c in rgb)


def short_words(words: str) -> str:
    """A legend entry's words cut to their first clause ("Leans support / supports with
    conditions" -> "Leans support"); hover and evidence panel give the full wording."""
    for sep in (" / ", ", ", " ("):
        words = words.split(sep)[0]
    return words


def mark_entries(
    max_age: int | None = None, differ: bool = False, dropped: bool = False
) -> list[tuple[str, str, str]]:
    """(key, swatch colour, words) of the legend entries of the marks the cells shown carry:
    old under ``max_age``, officials differ, left out for errors."""
    marks: list[tuple[str, str, str]] = []
    if max_age is not None:
        words = f"year: old, last stated over {plural(max_age, 'month')} before"
        marks.append(("old", fade("#808080", OLD_FADE), words))
    if differ:
        marks.append(("differ", "rgba(0,0,0,0)", f"{DIFFER_MARK} officials differ"))
    if dropped:
        marks.append(("dropped", "rgba(0,0,0,0)", f"{DROPPED_MARK} left out for errors"))
    return marks


def _legend_name(words: str, size: Size) -> str:
    return "<br>".join(esc(line) for line in legend_lines(words, size))


def _legend_traces(size: Size = SCREEN, marks: Sequence[tuple[str, str, str]] = ()) -> list[dict]:
    """Legend entries in words: one per cell state, then the evidence marks, then ``marks``
    (from :func:`mark_entries`)."""
    traces = []
    for key, colour, words in legend_items():
        traces.append(
            trace(
                "scatter",
                x=[None],
                y=[None],
                mode="markers",
                name=_legend_name(short_words(words), size),
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
            trace(
                "scatter",
                x=[None],
                y=[None],
                mode="lines",
                name=_legend_name(f"{EVIDENCE_MARK[evidence]} {EVIDENCE_NOTE[evidence]}", size),
                line={"color": "#333333", "width": 2, "dash": FRAME_DASH[evidence]},
                hoverinfo="skip",
                showlegend=True,
                meta=evidence,
            )
        )
    for key, colour, words in marks:
        traces.append(
            trace(
                "scatter",
                x=[None],
                y=[None],
                mode="markers",
                name=_legend_name(words, size),
                marker={
                    "symbol": "square",
                    "size": size.font + 3,
                    "color": colour,
                    "line": {"width": 1 if key == "old" else 0, "color": "#888888"},
                },
                hoverinfo="skip",
                showlegend=True,
                meta=key,
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
    own_title: str | None = None,
    notes: Sequence[str] = (),
    size: Size = SCREEN,
    max_age: int | None = None,
    cells: list[list[Cell]] | None = None,
    cited: list[Cited] | None = None,
) -> Frame:
    """The words around a matrix of ``actors`` by ``issues``. With an age limit ``max_age``
    (months) the subtitle counts the old cells. ``cells``: their grid, when the caller has it
    (with the same ``max_age``; its window of "officials differ" does not matter here);
    ``cited``: the names its cells' positions cite (:func:`shown_cited`), likewise."""
    if cells is None:
        cells = grid(ds, as_of, actors, issues, max_age=max_age, window=None)
    what = (
        f"As of {as_of.isoformat()}: each actor's latest position on or before that date"
        f" · {plural(len(actors), 'actor')} × {plural(len(issues), 'issue')}"
    )
    subtitle = [what]
    if max_age is not None:
        subtitle.append(old_count(sum(c.old for row in cells for c in row), max_age))
    return frame_for(
        ds,
        title or matrix_title(ds),
        as_of,
        subtitle=subtitle,
        notices=notes,
        dataset_name=dataset_name,
        size=size,
        own_title=own_title,
        cited=shown_cited(ds, cells) if cited is None else cited,
    )


def shown_cited(ds: Dataset, cells: list[list[Cell]]) -> list[Cited]:
    """The names the positions a matrix of ``cells`` shows cite: its sources line."""
    return credits_cited(ds, behind(c for row in cells for c in row))


def old_count(n: int, max_age: int) -> str:
    """The subtitle's count of old cells under an age limit of ``max_age`` months."""
    limit = f"over {plural(max_age, 'month')} before the as-of date"
    if not n:
        return f"Age limit {plural(max_age, 'month')}: no cell's latest date is {limit}"
    return f"{plural(n, 'old cell')} (latest date {limit}): faded, with the year"


def legend_lines(words: str, size: Size) -> list[str]:
    """A legend entry's lines: beside the plot on the page, a long entry takes two lines
    (narrower legend, wider cells), and below the plot on a slide (narrower entries, more to
    a row); elsewhere one."""
    page_beside = not size.width and size.legend == "right"
    slide_below = bool(size.width) and size.legend == "below"
    if not (page_beside or slide_below) or len(words) <= LEGEND_LINE_CHARS:
        return [words]
    return wrap(words, LEGEND_LINE_CHARS) or [words]


def legend_entries(marks: Sequence[tuple[str, str, str]] = ()) -> list[str]:
    """The words of the matrix's legend entries, in order."""
    entries = [short_words(words) for _key, _colour, words in legend_items()]
    entries += [f"{EVIDENCE_MARK[e]} {EVIDENCE_NOTE[e]}" for e in ("reported", "inferred")]
    return entries + [words for _key, _colour, words in marks]


def matrix_legend(marks: Sequence[tuple[str, str, str]] = (), size: Size = SCREEN) -> Legend:
    lines = [legend_lines(words, size) for words in legend_entries(marks)]
    widest = max(len(line) for entry in lines for line in entry)
    across = bool(size.width) and size.legend == "below"  # on a slide, entries share rows
    return Legend("legend", "Cells", tuple(len(entry) for entry in lines), widest, across)


MIN_ROW_EM = 1.4  # the tightest a slide's rows get, as a share of its smallest type: a line


def _marks_of(cells: list[list[Cell]], max_age: int | None) -> list[tuple[str, str, str]]:
    flat = [c for row in cells for c in row]
    return mark_entries(
        max_age,
        differ=any(c.officials_differ for c in flat),
        dropped=any(c.only_dropped for c in flat),
    )


def rows_that_fit(
    ds: Dataset,
    as_of: dt.date,
    issues: Sequence[str],
    size: Size,
    *,
    actors: Sequence[str] = (),
    dataset_name: str = "",
    notes: Sequence[str] = (),
    title: str | None = None,
    own_title: str | None = None,
    max_age: int | None = None,
    window: int | None = DEFAULT_WINDOW_DAYS,
    row_px: int | None = None,
    parts: bool = True,
    cells: list[list[Cell]] | None = None,
    cited: list[Cited] | None = None,
) -> int | None:
    """How many rows of ``actors`` a matrix image of ``size`` holds, rows ``row_px`` tall
    (default: the size's own; None: no limit); laid out as :func:`matrix_figure` lays out
    every part of them (``layout_rows``), with a line "Part k of n" (``parts``) or on one
    image. An age limit ``max_age`` adds its line to the subtitle and its entry to the
    legend. ``cells``: the grid of ``actors`` by ``issues`` with ``max_age`` and ``window``,
    and ``cited`` the names its positions cite, when the caller has them."""
    if cells is None:
        cells = grid(ds, as_of, list(actors), list(issues), max_age=max_age, window=window)
    frame = matrix_frame(  # its sources line names the outlets the rows cite
        ds,
        as_of,
        list(actors),
        issues,
        dataset_name=dataset_name,
        notes=notes,
        title=title,
        own_title=own_title,
        size=size,
        max_age=max_age,
        cells=cells,
        cited=cited,
    ).with_notices("Part 1 of 2: rows 1–20 of 40" if parts else "")
    names = [ds.actors[a].name if a in ds.actors else a for a in actors]
    labels = [ds.issues[i].label for i in issues]
    lay = layout(names, labels, size, _marks_of(cells, max_age))
    left = plot_room(frame, lay)
    return None if left is None else max(1, left // (row_px or size.row_px))


def slide_fit(
    ds: Dataset,
    as_of: dt.date,
    actors: Sequence[str],
    issues: Sequence[str],
    size: Size,
    **frame: Any,
) -> tuple[Size, int]:
    """The size to draw a matrix of ``actors`` at and how many rows each image holds.

    All rows on one image where they fit: at the size's type, else at its smallest type with
    rows as tight as :data:`MIN_ROW_EM` of it (or as an old cell's two lines, where its
    column cannot hold them on one). Of many columns, the legend below the plot is
    tried first (the columns wider, their labels level where their words fit), then beside
    it. Where the rows do not fit one image so, as many as fit at the size's type, with the
    legend where more fit, the rest in further images. ``frame``: the words of
    :func:`rows_that_fit`."""
    n = max(len(actors), 1)
    if size.height is None:
        return size, n
    max_age = frame.get("max_age")
    # the cells and the names they cite once, for every layout tried
    cells = grid(
        ds,
        as_of,
        list(actors),
        list(issues),
        max_age=max_age,
        window=frame.get("window", DEFAULT_WINDOW_DAYS),
    )
    names = shown_cited(ds, cells)

    def fit(at: Size, row_px: int | None = None, parts: bool = False) -> int:
        got = rows_that_fit(
            ds,
            as_of,
            issues,
            at,
            actors=actors,
            row_px=row_px,
            parts=parts,
            cells=cells,
            cited=names,
            **frame,
        )
        return n if got is None else got

    def placed(at: Size) -> list[Size]:  # the legend below first, then beside
        if len(issues) <= FEW_COLUMNS or at.legend != "right":
            return [at]
        return [replace(at, legend="below"), at]

    small = replace(size, font=size.min_font)
    old = [c for row in cells for c in row if c.old]  # on one line where their column holds them

    def rows_px(at: Size, tight: bool) -> int | None:
        """Rows as tight as a line (or the size's own), at least an old cell's two lines."""
        lines = at.font * MIN_ROW_EM if tight else None
        if old:
            names = [ds.actors[a].name if a in ds.actors else a for a in actors]
            labels = [ds.issues[i].label for i in issues]
            marks = _marks_of([old], max_age)
            cell_px = layout(names, labels, at, marks).fit.cell_px
            if not old_on_one_line(old, cell_px, at):
                lines = max(lines or at.row_px, LINE_EM * sum(_old_cell_px(at)))
        return None if lines is None else math.ceil(lines)

    tries = [(size, False)]
    if small.font < size.font:
        tries.append((small, True))
    for at, tight in tries:
        for option in placed(at):
            if fit(option, rows_px(option, tight)) >= n:
                return option, n
    best = max(placed(size), key=lambda option: fit(option, rows_px(option, False), parts=True))
    return best, fit(best, rows_px(best, False), parts=True)


def matrix_figure(
    ds: Dataset,
    as_of: dt.date,
    actors: Sequence[str],
    issues: Sequence[str],
    **options: Any,
) -> go.Figure:
    """The stance matrix as a plotly figure: :func:`matrix_spec` (whose arguments it takes),
    checked by plotly."""
    return go.Figure(matrix_spec(ds, as_of, actors, issues, **options))


def matrix_spec(
    ds: Dataset,
    as_of: dt.date,
    actors: Sequence[str],
    issues: Sequence[str],
    *,
    selected: tuple[str, str] | None = None,
    dataset_name: str = "",
    bands: Sequence[tuple[str, int, int]] = (),
    title: str | None = None,
    own_title: str | None = None,
    notes: Sequence[str] = (),
    size: Size = SCREEN,
    max_age: int | None = None,
    window: int | None = DEFAULT_WINDOW_DAYS,
    layout_rows: Sequence[str] | None = None,
) -> dict:
    """The stance matrix as plotly's JSON (a dict), laid out for ``size`` (the page, or a
    slide): what :func:`matrix_figure` draws, and what the app sends as it is.

    ``actors`` and ``issues`` give the rows and columns in order; ``selected`` an
    (actor, issue) cell to frame; ``bands`` runs of rows (name, first, last) to separate with a
    line and label, as from :func:`standpoint.ordering.group_bands`. Rows are numbered from the
    top; every cell carries ``customdata`` [actor id, issue id] for clicks. ``notes`` are
    further subtitle lines, e.g. the filters that narrow the view or that data is missing.
    Cells come from :func:`standpoint.cells.grid`: with ``max_age`` (months) old cells keep
    their level, faded and with their year, and the subtitle counts them; ``window`` (days)
    is that of the mark "officials differ". ``layout_rows``: the rows of the whole matrix
    these ``actors`` are a part of; the row labels' margin, the legend and so the columns are
    laid out for all of them, so that every part has the same columns.

    The traces, and the large layout values, go into the JSON as they are (:func:`trace`);
    plotly's objects make the rest of the layout: they check and copy every property, and
    an array element by element, once when it is set and again for the JSON, which took
    most of the build of a large matrix.
    """
    actors, issues = list(actors), list(issues)
    cells = grid(ds, as_of, actors, issues, max_age=max_age, window=window)
    n_rows, n_cols = len(actors), len(issues)
    z = [[cell_code(c) for c in row] for row in cells]
    labels = [[cell_label(c) for c in row] for row in cells]
    text = [
        ["" if c.old else label for c, label in zip(row, ls, strict=True)]
        for row, ls in zip(cells, labels, strict=True)
    ]
    whole = list(layout_rows) if layout_rows is not None else actors
    if whole == actors:
        marks = _marks_of(cells, max_age)
    else:
        marks = _marks_of(grid(ds, as_of, whole, issues, max_age=max_age, window=window), max_age)
    frame = matrix_frame(
        ds,
        as_of,
        actors,
        issues,
        dataset_name=dataset_name,
        title=title,
        own_title=own_title,
        notes=[n for n in notes if n],
        size=size,
        max_age=max_age,
        cells=cells,
    )
    names = {a: ds.actors[a].name if a in ds.actors else a for a in [*whole, *actors]}
    issue_labels = [ds.issues[i].label for i in issues]
    # on the page, the legend beside the cells where they keep a comfortable width, else below;
    # on a slide, where the size puts it (see slide_fit)
    lay = layout([names[a] for a in whole], issue_labels, size, marks, bool(bands))
    size, legend = lay.size, lay.legend
    col_text, col_angle, labels_px = lay.col_text, lay.col_angle, lay.labels_px
    room_for = lay.fit
    if whole != actors:  # a part: its own rows' labels, cut as the whole's are
        part = fit_width([names[a] for a in actors], issue_labels, size, bool(bands), [legend])
        room_for = replace(lay.fit, row_labels=part.row_labels)
    row_px = size.row_px if n_rows <= TALL_ROWS or size.width else max(20, size.row_px - 4)
    plot_px = max(row_px * max(n_rows, 1), 120)
    fit = plot_room(frame, lay)
    if fit is not None:  # a slide: rows of at most a comfortable height, filling the rest
        plot_px = min(fit, max(plot_px, 2 * size.row_px * n_rows // 2))
    left, right = room_for.left, room_for.right
    low = bool(size.width) and plot_px < LOW_ROW_EM * size.font * n_rows  # a slide's rows
    roomy = room_for.cell_px >= NARROW_CELL_PX and not low
    previous: list[str] = []
    ticktext = []
    for a, name in zip(actors, room_for.row_labels, strict=True):
        ticktext.append(row_label(ds, a, previous, name))
        previous.append(a)
    tall = n_rows > TALL_ROWS and not size.width

    screen = not size.width
    # a narrow column's or a low row's symbols ("−−ʳ≠") at the labels' size, else a little
    # larger
    symbol_px = size.font + 2 if roomy else size.font
    fig = go.Figure()  # the layout's; the traces are plotly's JSON as they are (see below)
    traces = [
        trace(
            "heatmap",
            z=z,
            x=list(range(n_cols)),
            y=list(range(n_rows)),
            text=text,
            # on screen the symbols are one image over the cells (_cell_text_image)
            texttemplate=None if screen else "%{text}",
            textfont={"size": symbol_px},
            colorscale=_discrete_scale(),
            zmin=0,
            zmax=len(STATES),
            showscale=False,
            # on screen, no gaps: plotly then draws a pixel a cell and lets the browser
            # scale it, where gaps made it fill and encode a canvas the size of the plot on
            # every draw (about 4 MB of pixels for the 193 UN states); the gaps are one path
            # over the cells (_grid_shape). An image keeps the gaps: a PDF or SVG viewer may
            # smooth a scaled image
            xgap=0 if screen else CELL_GAP,
            ygap=0 if screen else CELL_GAP,
            hoverinfo="skip",
            name="cells",
        )
    ]
    xs, ys, custom, hovers, symbols = [], [], [], [], []
    for r, row in enumerate(cells):
        for c, cell in enumerate(row):
            xs.append(c)
            ys.append(r)
            custom.append([cell.actor, cell.issue])
            hovers.append(hover_text(ds, cell))
            symbols.append(labels[r][c])
    traces.append(
        trace(
            "scatter",
            x=xs,
            y=ys,
            customdata=custom,
            text=symbols,  # every cell's symbols (not drawn here), old ones too
            hovertext=hovers,
            mode="markers",
            # never seen: plotly finds the cell under the pointer from the points' places, not
            # from drawn markers, so one marker is drawn (``maxdisplayed``) where a marker a
            # cell took a third of the matrix's drawing. The selected cell is framed by a
            # trace of its own (selection_traces); its size is read from here
            marker={
                "symbol": "square-open",
                # inside the cell, clear of the grid's lines over the cells' edges
                "size": row_px - CELL_GAP,
                "color": FRAME,
                "line": {"width": 3.5},
                "opacity": 0,
                "maxdisplayed": 1,
            },
            # the hint once in the template, not in the text of every cell
            hovertemplate="%{hovertext}<br><br><i>" + CLICK_HINT + "</i><extra></extra>",
            hoverlabel={
                "align": "left",
                "bgcolor": "#ffffff",
                # wrapped for the page's hover font (an image has no hover: its type size)
                "font": {"color": "#111111", "size": size.font if size.width else HOVER_FONT},
            },
            showlegend=False,
            name="click a cell",
            selected={"marker": {"opacity": 0}},
            unselected={"marker": {"opacity": 0}},
        )
    )
    # a heatmap: plotly draws it under the click layer (which stays data[1]) and its frame
    # rows too low for the symbols' line and the year's: one line, where the column holds it
    two_lines = LINE_EM * sum(_old_cell_px(size))
    tight = bool(size.width) and plot_px < math.ceil(two_lines) * n_rows  # on a slide
    old = [c for row in cells for c in row if c.old]
    one_line = tight and old_on_one_line(old, room_for.cell_px, size)
    traces += _old_cell_trace(cells, z, size, drawn=not screen, one_line=one_line)
    traces += _legend_traces(size, marks)
    traces += _frame_traces(cells)
    shapes = [_grid_shape(n_rows, n_cols)] if screen and cells else []
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
        traces.append(
            trace("scatter", x=[None], y=[None], xaxis="x2", showlegend=False, hoverinfo="skip")
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
    late = dict(  # into the JSON as they are, as the arrays of a value per cell
        shapes=shapes,
        images=[_cell_text_image(cells, z, text, symbol_px, size)] if screen and cells else [],
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
            "ticklabelstandoff": LABEL_GAP_PX,
            "ticklabeloverflow": "allow",
        },
    )
    spec = fig.to_dict()
    spec["data"] = traces
    _merge(spec["layout"], late)
    return with_selection(spec, actors, issues, selected)


def trace(kind: str, **props: Any) -> dict:
    """A trace of the matrix as plotly's JSON has it: its ``type`` and the properties given,
    those set to None left out (as plotly leaves them out). The matrix's traces go into its
    JSON as they are, not through plotly's objects, which check and copy each property, and
    each array element by element (most of the build of a large matrix); a test checks that
    plotly takes the JSON as it is."""
    return {"type": kind, **{k: v for k, v in props.items() if v is not None}}


def _merge(into: dict, more: Mapping) -> None:
    """Set ``more`` in ``into`` as plotly's ``update_layout`` does, and as its JSON then
    reads: a dict into the dict it updates, key by key; an empty list (no shapes, no images)
    leaves the key out; anything else replaces what was there."""
    for key, value in more.items():
        if isinstance(value, Mapping) and isinstance(into.get(key), dict):
            _merge(into[key], value)
        elif isinstance(value, list) and not value:
            into.pop(key, None)
        else:
            into[key] = value


def selected_points(
    actors: Sequence[str], issues: Sequence[str], selected: tuple[str, str] | None
) -> list[int] | None:
    """The selected (actor, issue) cell as the click trace's ``selectedpoints`` (cells are
    numbered row by row), None when no cell shown is selected."""
    if not selected or selected[0] not in actors or selected[1] not in issues:
        return None
    return [list(actors).index(selected[0]) * len(issues) + list(issues).index(selected[1])]


SELECTED = "selected cell"  # the name of the trace that frames the selected cell


def selection_traces(
    click: Mapping, actors: Sequence[str], issues: Sequence[str], selected: tuple[str, str] | None
) -> tuple[dict, dict | None]:
    """The click layer ``click`` (a trace's dict) with the (actor, issue) cell ``selected``
    as its ``selectedpoints``, and the trace that frames that cell: a dark open square, as
    large as a cell less its gap, last over the cells (``click`` as it is and None when no
    cell shown is selected).
    Its points stay drawn whatever plotly selects on a click, until the app's rerun moves
    the frame to the cell clicked."""
    points = selected_points(actors, issues, selected)
    if points is None:
        return dict(click), None
    (index,) = points
    marker = click["marker"]
    frame = {
        "type": "scatter",
        "x": [click["x"][index]],
        "y": [click["y"][index]],
        "mode": "markers",
        "marker": {
            "symbol": marker["symbol"],
            "size": marker["size"],
            "color": marker["color"],
            "line": dict(marker["line"]),
        },
        "selected": {"marker": {"opacity": 1}},
        "unselected": {"marker": {"opacity": 1}},
        "hoverinfo": "skip",
        "showlegend": False,
        "name": SELECTED,
        "customdata": [click["customdata"][index]],
    }
    return {**click, "selectedpoints": points}, frame


def with_selection(
    spec: Mapping, actors: Sequence[str], issues: Sequence[str], selected: tuple[str, str] | None
) -> dict:
    """The matrix ``spec`` (its JSON) with the (actor, issue) cell ``selected`` selected in
    its click layer and framed by a trace of its own, drawn last (:func:`selection_traces`);
    ``spec`` itself when no cell shown is selected. A new dict and list of traces: the
    traces of ``spec`` are shared, not copied, and never changed."""
    click, frame = selection_traces(spec["data"][1], actors, issues, selected)
    if frame is None:
        return spec
    data = list(spec["data"])
    data[1] = click
    return {**spec, "data": [*data, frame]}


HEAD_GAP_PX = 6  # between a split matrix's head and its first row


def split_head(spec: Mapping) -> tuple[dict, dict]:
    """A tall matrix's JSON cut in two for a page that scrolls its rows in a box: the *head*
    (the title, the subtitle and the column labels, as drawn above the rows), to be kept in
    sight at the box's top while the rows scroll under it, and the *body* (the rows, the
    labels under them, the legend and the footer). Put one above the other, at the same
    width, they draw what ``spec`` draws: the body's plot starts :data:`HEAD_GAP_PX` from its
    top, the rest as it was. Nothing of ``spec`` is changed; the traces are shared."""
    lay = spec["layout"]
    top = int(lay["margin"]["t"])
    cut = max(top - HEAD_GAP_PX, 0)
    height = int(lay["height"])
    notes = lay.get("annotations", [])
    over = [a for a in notes if a.get("name") in (TITLE, SUBTITLE)]
    head_lay = {
        key: lay[key]
        for key in ("template", "font", "paper_bgcolor", "width", "autosize")
        if key in lay
    }
    head_lay |= {
        "height": top + HEAD_GAP_PX,
        "margin": {**lay["margin"], "t": top, "b": 0, "autoexpand": False},
        "plot_bgcolor": lay.get("paper_bgcolor", "#ffffff"),
        "xaxis": lay["xaxis"],
        "yaxis": {"visible": False, "range": [0, 1], "fixedrange": True},
        "annotations": over,
        "showlegend": False,
        "hovermode": False,
        "dragmode": False,
    }
    head = {"data": [], "layout": head_lay}  # plotly draws the axes of a figure with no data
    body_lay = {
        **lay,
        "height": height - cut,
        "margin": {**lay["margin"], "t": top - cut},
        "annotations": [a for a in notes if a.get("name") not in (TITLE, SUBTITLE)],
        "xaxis": {**lay["xaxis"], "showticklabels": False},
    }
    for key, legend in lay.items():
        if key.startswith("legend") and isinstance(legend, Mapping):
            if legend.get("yref") == "container" and "y" in legend:
                # as many pixels below the plot's top as before
                below_top = (1 - legend["y"]) * height - top
                body_lay[key] = {**legend, "y": 1 - (top - cut + below_top) / (height - cut)}
    return head, {**spec, "layout": body_lay}


def _grid_shape(n_rows: int, n_cols: int) -> dict:
    """The gaps between the cells on screen: one path of lines in the grid's colour along
    every cell's edges, over the gapless heatmap (one element, where a gap drawn into the
    heatmap's image made plotly paint a canvas the size of the plot)."""
    top, bottom, left, right = -0.5, n_rows - 0.5, -0.5, n_cols - 0.5
    rows = "".join(f"M{left},{r - 0.5}H{right}" for r in range(n_rows + 1))
    cols = "".join(f"M{c - 0.5},{top}V{bottom}" for c in range(n_cols + 1))
    return {
        "type": "path",
        "path": rows + cols,
        "xref": "x",
        "yref": "y",
        "line": {"color": GRID, "width": CELL_GAP},
        "layer": "above",
        "name": "cell gaps",
    }


def _frame_traces(cells: list[list[Cell]], half: float = 0.40) -> list[dict]:
    """The frames of reported (dotted) and inferred (dashed) cells: one line trace per kind,
    a closed square round each cell. (One path each, where a layout shape per cell made
    plotly lay out and draw hundreds of shapes, and weighed twice as much.)"""
    traces = []
    for evidence, dash in FRAME_DASH.items():
        xs: list[float | None] = []
        ys: list[float | None] = []
        for r, row in enumerate(cells):
            for c, cell in enumerate(row):
                if cell.value is not None and cell.evidence == evidence:
                    xs += [c - half, c + half, c + half, c - half, c - half, None]
                    ys += [r - half, r - half, r + half, r + half, r - half, None]
        if xs:
            traces.append(
                trace(
                    "scatter",
                    x=xs,
                    y=ys,
                    mode="lines",
                    line={"color": "#333333", "width": 1.5, "dash": dash},
                    hoverinfo="skip",
                    showlegend=False,
                    name=f"{evidence} frames",
                    meta=evidence,
                )
            )
    return traces
