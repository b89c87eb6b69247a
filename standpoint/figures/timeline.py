"""Time charts: one lane per actor (or per issue), a coloured bar for each step a cell took.

Every bar carries the level's symbol, so the chart reads without colour; dated events are
dotted vertical lines, numbered at the top and listed in words in a key beside or below the
lanes, and broken over a bar where they would run through its symbol.
The levels' legend is one column in scale order (support first, then oppose, then divided),
and every legend line is short enough for a chart 450 px wide.
"""

from __future__ import annotations

import datetime as dt
import html
import math
import textwrap
from dataclasses import replace

import pandas as pd
import plotly.graph_objects as go

from ..cells import cited_by_steps
from ..model import Dataset, Event, Position
from ..scale import DIVIDED, LEVELS, level_label
from .common import COLOURS, SYMBOLS, TEXT_ON, esc
from .frame import (
    BOLD_EM,
    CHAR_EM,
    LEGEND_BESIDE_PX,
    LEGEND_TITLE,
    PAGE_MIN_PX,
    SCREEN,
    SWATCH_PX,
    Frame,
    Legend,
    Size,
    beside_px,
    blocks,
    column_chars,
    frame_for,
    in_columns,
    legends_overrun_px,
    legends_tall_px,
    place,
    plot_height,
    plot_width,
    share_lines,
    text_px,
    wrap_y_labels,
)
from .hover import data_name, lines, present, quoted, unique_labels

KEY_WIDTH = 66  # characters to a line of the event key (fits a chart 450 px wide)
EVENT_COLOUR = "#444444"
ASOF_COLOUR = "#222222"
OPEN_TAIL = 0.06  # share of the time span an open step runs on past the as-of date
EVENT_CLUSTER = 0.02  # events closer than this share of the time span share a label
EVENT_NUMBER = "event-number"  # the name of the annotations numbering the events
EVENT_GAP_EM = 0.5  # numbers on one line keep at least this share of their font apart
MAX_EVENT_WORDS = 150  # characters of an event's key entry (the number's hover has it all)
TOP_AXIS_FROM = 25  # with more lanes than this the date axis is drawn above the lanes
DATED_LINE = "dated-line"  # the name of the shapes drawing the events' and the as-of lines
BARGAP = 0.25  # share of a lane left empty between its bar and the next lane's
SYMBOL_EM = 0.6  # width of a level symbol's character (+, −, ~) as a share of its font
TEXT_PAD_PX = 3  # plotly's padding between a bar's edge and its text
KEY_LEAST_CHARS = 30  # a key entry cut to one line keeps at least this much of its label
LINE_CLEAR_PX = 2  # a dated line keeps at least this far from a level symbol
# On the page a lane grows with the room (LANE_ROOM_PX a lane's type size more a pixel of
# room past PAGE_MIN_PX) and to fill the height of the legends beside the lanes, up to
# LANE_GROW times its least height (with the room, only while all the lanes take less than
# LANES_GROW_TO_PX); its symbol grows with it, up to SYMBOL_GROW times the type.
LANE_ROOM_PX = 40
BAND_LINES = 3  # legends beside the lanes may run on below them by this many lines, no more
LANES_GROW_TO_PX = 800  # lanes grow with the room until all of them take this much
LANE_GROW = 2.5
SYMBOL_GROW = 1.5
LANE_LABEL_SHARE = 0.22  # on a slide, longer lane labels are wrapped to this share of its width
LANE_LABEL_PAGE_SHARE = 0.4  # on the page, of its room
LANE_LABEL_LINES = 3  # on the page, a lane label's most lines
LANES_LEAST_EM = 30  # on a slide the lanes keep at least this many type sizes of width


def ticks_above_px(size: Size, n_lanes: int) -> int:
    """The room a date axis above the lanes takes (two lines: day, then year), which the
    event numbers go above; 0 when the axis is below them."""
    return 2 * size.line(size.font) + 6 if n_lanes > TOP_AXIS_FROM else 0


def _stance_order() -> list[str]:
    return [lvl.key for lvl in LEVELS] + [DIVIDED]


def _legend_words(key: str, labels: dict[str, str] | None) -> str:
    return f"{SYMBOLS[key]}  {esc(level_label(key, labels))}"


def _period(row: pd.Series) -> str:
    start = esc(row["date_text"])
    if row["open"]:
        return f"from {start}, still held on {row['end'].date().isoformat()}"
    return f"from {start} until {row['end'].date().isoformat()}"


def _hover(row: pd.Series, lane_title: str, level_words: str) -> str:
    head = f"<b>{lane_title}</b><br>{SYMBOLS[row['stance']]} {esc(level_words)}"
    if row["positions"] > 1:
        head += f" ({row['positions']} statements that day)"
    body = lines(
        ("", _period(row)),
        ("Speaker: ", row["speaker"]),
        ("", row["summary"]),
    )
    quote = quoted(row["quote"])
    src = f"Source: {esc(row['source'])}" if present(row["source"]) else ""
    evidence = f"Evidence: {esc(row['evidence'])}" if present(row["evidence"]) else ""
    return "<br>".join(x for x in (head, body, quote, src, evidence) if x)


def _event_clusters(events: list[Event], lo: dt.date, hi: dt.date) -> list[list[Event]]:
    """Events inside [lo, hi], date order, grouped where they would print on top of each
    other."""
    inside = sorted((e for e in events if lo <= e.date.start <= hi), key=lambda e: e.date.start)
    span = max((hi - lo).days, 1)
    clusters: list[list[Event]] = []
    for e in inside:
        if clusters and (e.date.start - clusters[-1][-1].date.start).days <= span * EVENT_CLUSTER:
            clusters[-1].append(e)
        else:
            clusters.append([e])
    return clusters


def key_chars(size: Size) -> int:
    """Characters to a line of the key: a chart 450 px wide on the page; beside the lanes on a
    slide."""
    return KEY_WIDTH if size.legend == "below" else 44


def cut_words(text: str, limit: int) -> str:
    """``text`` whole if it has at most ``limit`` characters, else cut after its last whole
    word that leaves room for "…" (inside a word only when its first word is too long)."""
    if len(text) <= limit:
        return text
    head = text[: limit - 1]
    if " " in head and text[limit - 1] != " ":
        head = head.rsplit(" ", 1)[0]
    return head.rstrip(" ·,;:") + "…"


def key_text(text: str, width: int = KEY_WIDTH, limit: int = MAX_EVENT_WORDS) -> str:
    """Plain text for a legend entry: escaped, in lines of at most ``width`` characters
    joined by ``<br>``, broken at spaces only (never inside a date such as 2025-02-17), and
    cut after a whole word within ``limit`` characters."""
    text = cut_words(" ".join(text.split()), limit)
    parts = textwrap.wrap(text, width=width, break_on_hyphens=False, break_long_words=False)
    return "<br>".join(esc(part) for part in parts)


def _dated_line(fig: go.Figure, when: dt.date, line: dict, name: str, **legend: object) -> None:
    """A vertical line across the lanes on ``when``, explained by ``name`` in the second
    legend."""
    x = when.isoformat()
    fig.add_shape(
        type="line",
        x0=x,
        x1=x,
        xref="x",
        yref="paper",
        y0=0,
        y1=1,
        line=line,
        layer="above",
        name=DATED_LINE,
    )
    fig.add_trace(
        go.Scatter(
            x=[None],
            y=[None],
            mode="lines",
            line=line,
            name=name,
            legend="legend2",
            hoverinfo="skip",
            **legend,
        )
    )


def _add_events(
    fig: go.Figure,
    events: list[Event],
    lo: dt.date,
    hi: dt.date,
    above_px: int = 0,
    size: Size = SCREEN,
) -> int:
    """Mark events: a dotted line each, a number at the top (``above_px`` higher, to clear
    tick labels), a legend entry in words. Events too close to tell apart share a number
    ("3–4"); :func:`stagger_numbers` raises numbers that would print over each other once the
    plot's width is known. Returns how many events were marked."""
    number = 0
    for cluster in _event_clusters(events, lo, hi):
        first = number + 1
        for e in cluster:
            number += 1
            _dated_line(
                fig,
                e.date.start,
                {"color": EVENT_COLOUR, "width": 1, "dash": "dot"},
                key_text(
                    f"{number} · {e.date.shown} · {e.label}",
                    key_chars(size),
                    # on a slide of fixed height, one line each until _finish knows the room
                    limit=key_chars(size) if size.height else MAX_EVENT_WORDS,
                ),
                legendgroup="events",
                meta={
                    "event": f"{number} · {e.date.shown} · {e.label}",
                    "key": cut_words(f"{number} · {e.date.shown} · {e.label}", MAX_EVENT_WORDS),
                },
            )
        label = str(first) if number == first else f"{first}–{number}"
        fig.add_annotation(
            x=cluster[0].date.start.isoformat(),
            xref="x",
            y=1,
            yref="paper",
            yanchor="bottom",
            yshift=above_px,
            text=label,
            name=EVENT_NUMBER,
            showarrow=False,
            font={"size": size.font - 1, "color": EVENT_COLOUR},
            hovertext="<br>".join(f"{esc(e.date.shown)}: {esc(e.label)}" for e in cluster),
        )
    return number


def number_boxes(fig: go.Figure, width_px: float) -> list[tuple[float, float, int]]:
    """Each event number's (left, right) in pixels from the plot's left edge on a plot
    ``width_px`` wide, and its font size: its date's place on the axis, its text's width."""
    lo, hi = (dt.date.fromisoformat(str(x)[:10]) for x in fig.layout.xaxis.range)
    span = max((hi - lo).days, 1)
    boxes = []
    for a in fig.layout.annotations:
        if a.name != EVENT_NUMBER:
            continue
        centre = (dt.date.fromisoformat(str(a.x)[:10]) - lo).days / span * width_px
        half = len(a.text) * CHAR_EM * a.font.size / 2
        boxes.append((centre - half, centre + half, int(a.font.size)))
    return boxes


def stagger_numbers(fig: go.Figure, width_px: float, size: Size) -> int:
    """Raise event numbers that would print over each other on a plot ``width_px`` wide: each
    goes to the lowest line where it keeps clear of the number before it on that line (a
    line of its type higher each). Returns how many lines numbers were raised by (0: none)."""
    ends: list[float] = []  # the right edge of the latest number on each line, from the lowest
    numbers = [a for a in fig.layout.annotations if a.name == EVENT_NUMBER]
    for a, (left, right, font) in zip(numbers, number_boxes(fig, width_px), strict=True):
        gap = EVENT_GAP_EM * font
        level = next((i for i, end in enumerate(ends) if left >= end + gap), len(ends))
        if level == len(ends):
            ends.append(right)
        ends[level] = right
        a.yshift = (a.yshift or 0) + level * size.line(font)
    return max(len(ends) - 1, 0)


def lanes_figure(
    steps: pd.DataFrame,
    *,
    by: str,
    lanes: list[str],
    lane_labels: dict[str, str],
    level_labels: dict[str, dict[str, str]],
    legend_labels: dict[str, str] | None,
    events: list[Event],
    since: dt.date | None,
    until: dt.date,
    size: Size = SCREEN,
) -> go.Figure:
    """The step chart itself. ``lanes``: lane ids top to bottom; ``lane_labels``: their
    escaped labels; ``level_labels``: per issue, its own wording of the levels."""
    shown = steps[steps[by].isin(lanes)]
    lo = since or (shown["start"].min().date() if not shown.empty else until)
    lo = min(lo, until)
    span_days = max((until - lo).days, 1)
    # open steps run on past the as-of date, so that a level taken on that very day shows
    tail = dt.timedelta(days=max(1, round(span_days * OPEN_TAIL)))
    tail_ms = tail.total_seconds() * 1000
    fig = go.Figure()
    for key in _stance_order():
        part = shown[shown["stance"] == key]
        if part.empty:
            continue
        ms = (part["end"] - part["start"]).dt.total_seconds() * 1000
        ms = ms + part["open"].astype(float) * tail_ms
        hover = [
            _hover(row, lane_labels[row[by]], level_label(key, level_labels.get(row["issue"])))
            for _, row in part.iterrows()
        ]
        fig.add_trace(
            go.Bar(
                orientation="h",
                y=[lane_labels[k] for k in part[by]],
                base=[t.isoformat() for t in part["start"]],
                x=list(ms),
                marker={"color": COLOURS[key], "line": {"color": "#ffffff", "width": 0.5}},
                text=[SYMBOLS[key]] * len(part),
                textposition="inside",
                textangle=0,
                insidetextanchor="start",
                textfont={"color": TEXT_ON.get(key, "#222222"), "size": size.font},
                hovertext=hover,
                hovertemplate="%{hovertext}<extra></extra>",
                name=_legend_words(key, legend_labels),
                legend="legend",
                legendgroup="levels",
            )
        )
    order = [lane_labels[k] for k in lanes]
    axis_on_top = len(order) > TOP_AXIS_FROM
    n_events = _add_events(
        fig, events, lo, until, above_px=ticks_above_px(size, len(order)), size=size
    )
    fig.update_layout(
        barmode="overlay",
        bargap=BARGAP,
        hovermode="closest",
        showlegend=True,
        # symbols too big for a short bar are hidden, never shrunk below the smallest type
        uniformtext={"minsize": size.min_font, "mode": "hide"},
    )
    fig.update_yaxes(
        type="category",
        categoryorder="array",
        categoryarray=order,
        range=[len(order) - 0.5, -0.5],
        automargin=False,
        showgrid=False,
        ticklabelstandoff=6,  # clear of a bar that runs in from the left edge
    )
    pad = dt.timedelta(days=max(1, span_days // 60))
    asof_words = f"{until.isoformat()}: the as-of date (to its right, the level still held)"
    _dated_line(
        fig,
        until,
        {"color": ASOF_COLOUR, "width": 1.5},
        key_text(asof_words, key_chars(size)),
        meta={"key": asof_words},
    )
    fig.update_xaxes(
        type="date",
        range=[(lo - pad).isoformat(), (until + tail).isoformat()],
        showgrid=True,
        gridcolor="#eeeeee",
        side="top" if axis_on_top else "bottom",
        automargin=False,
    )
    n_levels = sum(1 for t in fig.data if isinstance(t, go.Bar))
    fig.update_layout(meta={"events": n_events, "levels": n_levels, "lanes": len(order)})
    return fig


def _ms(when: object) -> float:
    """A date or datetime (ISO text or a timestamp) in milliseconds since the epoch."""
    return pd.Timestamp(str(when)).value / 1e6


def symbol_boxes(fig: go.Figure, width_px: float) -> list[tuple[int, float, float]]:
    """Each level symbol the lanes print, as (lane index from the top, left, right) in pixels
    from the plot's left edge on a plot ``width_px`` wide: at the start of its bar, as wide as
    its characters plus plotly's padding; a bar too short for its symbol prints none."""
    lo, hi = (_ms(x) for x in fig.layout.xaxis.range)
    per_ms = width_px / max(hi - lo, 1)
    lanes = {name: i for i, name in enumerate(fig.layout.yaxis.categoryarray)}
    boxes = []
    for bar in fig.data:
        if not isinstance(bar, go.Bar):
            continue
        font = bar.textfont.size
        for lane, base, length, text in zip(bar.y, bar.base, bar.x, bar.text, strict=True):
            wide = len(text) * SYMBOL_EM * font + 2 * TEXT_PAD_PX
            if length * per_ms >= wide:
                left = (_ms(base) - lo) * per_ms
                boxes.append((lanes[lane], left, left + wide))
    return boxes


def break_lines(fig: go.Figure, width_px: float) -> None:
    """Break each dated line over the bars where it would run through a level symbol on a plot
    ``width_px`` wide (the narrowest the figure meets: a wider plot only moves the line further
    off), so that every symbol prints whole, in greyscale too; the line runs on in the gaps
    between the lanes and over the other bars."""
    lo, hi = (_ms(x) for x in fig.layout.xaxis.range)
    per_ms = width_px / max(hi - lo, 1)
    boxes = symbol_boxes(fig, width_px)
    n = len(fig.layout.yaxis.categoryarray)
    half = (1 - BARGAP) / 2 + 0.03  # a bar's half height in lanes, and a hair more
    shapes = []
    for shape in fig.layout.shapes:
        if shape.name != DATED_LINE:
            shapes.append(shape)
            continue
        x = (_ms(shape.x0) - lo) * per_ms
        hit = sorted(
            {
                lane
                for lane, left, right in boxes
                if left - LINE_CLEAR_PX <= x <= right + LINE_CLEAR_PX
            }
        )
        if not hit:
            shapes.append(shape)
            continue
        top = -0.5  # the y axis runs from -0.5 (the top) to n - 0.5 (the bottom)
        spans = []
        for lane in hit:
            if lane - half > top:
                spans.append((top, lane - half))
            top = lane + half
        if top < n - 0.5:
            spans.append((top, n - 0.5))
        for y0, y1 in spans:
            shapes.append(
                go.layout.Shape(
                    type="line",
                    x0=shape.x0,
                    x1=shape.x1,
                    xref="x",
                    yref="y",
                    y0=y0,
                    y1=y1,
                    line=shape.line,
                    layer="above",
                    name=DATED_LINE,
                )
            )
    fig.layout.shapes = shapes


def lane_px(size: Size, n_lanes: int, legends_px: int = 0) -> int:
    """A lane's height: on a slide the type's row; on the page that row grown with the room,
    and to fill ``legends_px`` (the legends beside the lanes), at most LANE_GROW times it."""
    if size.height is not None:
        return size.row_px
    grown = size.row_px + (size.room - PAGE_MIN_PX) // LANE_ROOM_PX
    grown = min(grown, max(size.row_px, LANES_GROW_TO_PX // max(n_lanes, 1)))
    fill = -(-legends_px // max(n_lanes, 3))  # rounded up: the lanes reach the legends' end
    return min(max(grown, fill, size.row_px), round(LANE_GROW * size.row_px))


def key_width(size: Size, levels: Legend, title: str) -> int:
    """Characters to a line of the key: beside the lanes, as many as the legends' column
    holds (as wide as the levels' widest entry or the key's title, whichever is wider);
    below them, a chart 450 px wide."""
    chars = key_chars(size)
    if size.legend != "right":
        return chars
    column = max(levels.entry_px(size), math.ceil(len(title) * BOLD_EM * LEGEND_TITLE * size.font))
    return max(chars, int((column - SWATCH_PX) / (CHAR_EM * size.font)))


def _finish(
    fig: go.Figure,
    ds: Dataset,
    title: str,
    subtitle: list[str],
    until: dt.date,
    dataset_name: str,
    lane_names: list[str],
    size: Size,
    positions: list[Position] | None = None,
    own_title: str | None = None,
) -> go.Figure:
    """The frame around the lanes: title, subtitle, the levels' legend (one column, scale
    order) and the key to the dated lines beside or below, and room above the lanes for the
    date axis and the event numbers. The key's lines are as wide as its column; on the page,
    lanes grow with the room and fill the legends' height beside them, and legends taller than
    the lanes can fill go below them."""
    meta = fig.layout.meta or {}
    n_lanes = len(lane_names)
    levels = [t.name or "" for t in fig.data if getattr(t, "legend", None) == "legend"]
    keyed = [t for t in fig.data if getattr(t, "legend", None) == "legend2"]
    key_title = "Dated lines (events numbered above the lanes)" if meta.get("events") else ""

    def describe(name: str, entries: list[str], head: str, columns: bool) -> Legend:
        split = [e.split("<br>") for e in entries]
        widest = max((len(x) for lines in split for x in lines), default=10)
        return Legend(name, head, tuple(len(x) for x in split), widest, columns)

    line = size.line(size.font)
    frame = frame_for(
        ds,
        title,
        until,
        subtitle=subtitle,
        positions=positions,  # the texts behind the bars drawn
        dataset_name=dataset_name,
        size=size,
        own_title=own_title,
    )
    left, label_lines = _lane_labels(fig, lane_names, frame, size)
    bottom_px = 8 if n_lanes > TOP_AXIS_FROM else 2 * line + 8

    def right_of(size: Size) -> int:
        # the last date under the lanes is centred on their end: clear of legends beside them
        return text_px(["Apr 20"], size) // 2 if size.legend == "right" else 0

    def lay_out(size: Size, fixed: tuple[Legend, ...] = ()) -> tuple[list[Legend], int]:
        """The legends with their entries as they are (or as ``fixed``: a key or levels'
        legend laid out for a slide, by key), and the room the axis and numbers take."""
        key = [t.name or "" for t in keyed]
        below = size.legend != "right"
        chosen = {lg.key: lg for lg in fixed}
        legends = [
            chosen.get("legend") or describe("legend", levels, "Level", False),
            chosen.get("legend2")
            or describe("legend2", key, key_title, below and size.room >= LEGEND_BESIDE_PX),
        ]
        for a in fig.layout.annotations:  # stagger afresh from the numbers' own line
            if a.name == EVENT_NUMBER:
                a.yshift = ticks_above_px(size, n_lanes)
        width = plot_width(size, legends=legends, left=left, right=right_of(size))
        raised = stagger_numbers(fig, width, size)
        fig.update_layout(meta={**meta, "raised": raised})
        return legends, ticks_above_px(size, n_lanes) + line + 4 + size.line(size.font - 1) * raised

    def wrap_key(size: Size, axis_px: int) -> None:
        """Each key entry in lines as wide as the key's column; on a slide, one line each,
        then more in turn while the room beside the lanes lasts."""
        chars = key_width(size, describe("legend", levels, "Level", False), key_title)
        for t in keyed:
            t.name = key_text(t.meta["key"], chars)
        room = beside_px(frame, size, top_extra=axis_px)
        events = [t for t in keyed if "event" in t.meta]
        if room is not None and events:
            for t in events:
                t.name = key_text(t.meta["key"], chars, limit=chars)
            legends, _ = lay_out(size)
            spare = (room - legends_tall_px(size, legends)) // line
            split = share_lines([t.meta["key"] for t in events], chars, max(spare, 0))
            for trace, parts in zip(events, split, strict=True):
                trace.name = "<br>".join(esc(x) for x in parts)

    def whole(names: list[str]) -> bool:
        """Every event's words whole in the key (``names``: the key's entries, in order)."""
        return all(
            " ".join(html.unescape(n).replace("<br>", " ").split())
            == " ".join(t.meta["key"].split())
            for n, t in zip(names, keyed, strict=True)
            if "event" in t.meta
        )

    def fits(legends: list[Legend], axis_px: int, least_px: float) -> bool:
        """The lanes keep their least height and ``least_px`` of width, and the legends
        beside them end above the footer."""
        plot = plot_height(
            frame, size, legends=legends, top_extra=axis_px, bottom_extra=bottom_px,
            left=left, right=right_of(size),
        )  # fmt: skip
        width = plot_width(size, legends=legends, left=left, right=right_of(size))
        room = beside_px(frame, size, top_extra=axis_px) or 0
        return (
            plot is not None
            and plot >= size.row_px * max(n_lanes, 3)
            and width >= least_px
            and legends_tall_px(size, legends) <= room
        )

    def across(name: str, head: str, traces: list, beside: Legend) -> list:
        """Legends below the lanes, in columns across the slide beside ``beside``, easiest
        to read first (:func:`in_columns`)."""
        room_px = left + plot_width(size, legends=[beside], left=left, right=right_of(size))
        texts = [html.unescape((t.name or "").replace("<br>", " ")) for t in traces]
        if name == "legend2":
            texts = [" ".join(t.meta["key"].split()) for t in traces]
        return in_columns(name, head, texts, size, room_px)

    def slide_key(axis_px: int, least_px: float) -> tuple[tuple[Legend, ...], dict] | None:
        """On a slide whose key beside the lanes cuts a label short, the first layout that
        shows every label whole: the key below the lanes in columns across the slide (the
        levels beside them); else the levels below the lanes and the key beside them, as
        wide as it needs; None when neither fits. Returns the legends and each entry's
        lines by trace."""
        level = describe("legend", levels, "Level", False)
        level_traces = [t for t in fig.data if getattr(t, "legend", None) == "legend"]
        for key, split in across("legend2", key_title, keyed, level):
            if fits([level, key], axis_px, least_px):
                return (key,), dict(zip(map(id, keyed), split, strict=True))
        texts = [t.meta["key"] for t in keyed]
        start = key_width(size, level, key_title)
        for chars in range(start, max(len(x) for x in texts) + 1):
            split = [
                textwrap.wrap(
                    " ".join(x.split()), chars, break_on_hyphens=False, break_long_words=False
                )
                for x in texts
            ]
            widest = max(len(x) for parts in split for x in parts)
            key = Legend("legend2", key_title, tuple(len(p) for p in split), widest)
            if plot_width(size, legends=[key], left=left, right=right_of(size)) < least_px:
                return None
            for below, parts in across("legend", "Level", level_traces, key):
                if fits([below, key], axis_px, least_px):
                    lines = dict(zip(map(id, keyed), split, strict=True))
                    for t, x in zip(level_traces, parts, strict=True):
                        if len(x) > 1:  # one line: as it is (its symbol's two spaces kept)
                            lines[id(t)] = x
                    return (below, key), lines
        return None

    def cut_across(axis_px: int) -> tuple[Legend, list[list[str]]]:
        """The key below the lanes across the slide, each entry on one line, cut after a
        whole word: in the fewest columns (the longest lines) that leave these lanes their
        room; else in the most whose lines keep KEY_LEAST_CHARS characters (an issue's lanes
        are then split into more parts, each with fewer lanes), else in the most."""
        level = describe("legend", levels, "Level", False)
        room_px = left + plot_width(size, legends=[level], left=left, right=right_of(size))
        texts = [" ".join(t.meta["key"].split()) for t in keyed]
        tried: list[tuple[Legend, list[list[str]]]] = []
        for n in range(1, 5):
            chars = max(column_chars(size, room_px, n), 12)
            split = share_lines(texts, chars, 0)
            key = Legend("legend2", key_title, (1,) * len(split), chars, columns=True, across=True)
            if fits([level, key], axis_px, 0):
                return key, split
            tried.append((key, split))
        readable = [t for t in tried if t[0].chars >= KEY_LEAST_CHARS]
        return (readable or tried)[-1]

    legends, axis_px = lay_out(size)
    wrap_key(size, axis_px)
    legends, axis_px = lay_out(size)
    if size.height is not None and not whole([t.name or "" for t in keyed]):
        # the lanes as wide as beside this key, or LANES_LEAST_EM type sizes if that is less
        least_px = min(
            plot_width(size, legends=legends, left=left, right=right_of(size)),
            LANES_LEAST_EM * size.font,
        )
        chosen = slide_key(axis_px, least_px)
        if chosen is not None:
            before = {id(t): t.name for t in fig.data}
            for t in fig.data:
                if id(t) in chosen[1]:
                    t.name = "<br>".join(esc(x) for x in chosen[1][id(t)])
            legends, axis_px = lay_out(size, chosen[0])
            if not fits(legends, axis_px, least_px):  # the numbers took more lines: cut, beside
                for t in fig.data:
                    t.name = before[id(t)]
                legends, axis_px = lay_out(size)
    overrun = legends_overrun_px(frame, size, legends, top_extra=axis_px)
    if keyed and overrun is not None and overrun > 0:
        # more dated lines than the room beside the lanes holds, even at a line each: below
        # the lanes, a line each (the lanes of a timeline split into parts get fewer a part)
        key, split = cut_across(axis_px)
        for t, parts in zip(keyed, split, strict=True):
            t.name = "<br>".join(esc(x) for x in parts)
        legends, axis_px = lay_out(size, (key,))
    lane = lane_px(size, n_lanes)
    if size.height is None and size.legend == "right":
        tall = legends_tall_px(size, legends) - bottom_px
        lane = lane_px(size, n_lanes, tall)
        if lane * max(n_lanes, 3) + BAND_LINES * line < tall:  # far taller: below the lanes
            size = replace(size, legend="below")
            wrap_key(size, axis_px)
            legends, axis_px = lay_out(size)
    if size.height is None:  # on the page a lane holds its label's lines
        lane = max(lane, label_lines * line + 6)
    symbol = min(max(size.font, round(lane * 0.4)), round(SYMBOL_GROW * size.font))
    for bar in fig.data:
        if isinstance(bar, go.Bar):
            bar.textfont.size = symbol
    right = right_of(size)
    place(
        fig,
        frame,
        size,
        plot_px=lane * max(n_lanes, 3),
        legends=legends,
        top_extra=axis_px,
        bottom_extra=bottom_px,
        left=left,
        right=right,
    )
    break_lines(fig, plot_width(size, legends=legends, left=left, right=right))
    return fig


def _lane_labels(fig: go.Figure, names: list[str], frame: Frame, size: Size) -> tuple[int, int]:
    """Lane labels longer than LANE_LABEL_SHARE of a slide's width (LANE_LABEL_PAGE_SHARE of
    the page's room) are wrapped (:func:`wrap_y_labels`), so that the lanes keep the width
    their dates need: on a slide on as many lines as a lane's height holds (the lanes share
    the slide's height), on the page on up to LANE_LABEL_LINES (its lanes grow to hold
    them). Returns the labels' width in pixels and the most lines a label takes."""
    line = size.line(size.font)
    if size.width is not None and size.height is not None:
        share = LANE_LABEL_SHARE * size.width
        # the lanes' height: the slide less its frame, the dates and numbers above and below
        # the lanes and the level legend below them at most, a lane each (three at least)
        b = blocks(frame, size)
        pitch = (size.height - b.top_px - b.footer_px - 6 * line) / max(len(names), 3)
        most_lines = int(pitch // line)
    else:
        share, most_lines = LANE_LABEL_PAGE_SHARE * size.room, LANE_LABEL_LINES
    return wrap_y_labels(fig, names, size, share, most_lines)


def _range_text(lo: dt.date | None, until: dt.date) -> str:
    return f"{lo.isoformat()} to {until.isoformat()}" if lo else f"until {until.isoformat()}"


def issue_timeline(
    ds: Dataset,
    steps: pd.DataFrame,
    issue: str,
    *,
    until: dt.date,
    lanes: list[str] | None = None,
    since: dt.date | None = None,
    note: str | None = None,
    dataset_name: str | None = None,
    size: Size = SCREEN,
    title: str | None = None,
) -> go.Figure:
    """One lane per actor on ``issue``: the level each held, from when, until when.
    ``steps`` from :func:`standpoint.timeline.issue_steps`; ``lanes``: actor ids to show,
    top to bottom (default: every actor in ``steps``)."""
    lanes = list(dict.fromkeys(steps["actor"])) if lanes is None else lanes
    names = [ds.actors[a].name for a in lanes]
    it = ds.issues[issue]
    fig = lanes_figure(
        steps,
        by="actor",
        lanes=lanes,
        lane_labels=unique_labels(lanes, names),
        level_labels={issue: it.labels},
        legend_labels=it.labels,
        events=ds.events,
        since=since,
        until=until,
        size=size,
    )
    total = steps["actor"].nunique()
    noun = "actor" if total == 1 else "actors"
    shown = f"{len(lanes)} of {total} {noun}" if len(lanes) < total else f"{total} {noun}"
    lines = [f"“{it.proposition}”", f"{shown}, {_range_text(since, until)}"]
    if note:
        lines[1] += f" · {note}"
    return _finish(
        fig,
        ds,
        f"{it.label}: who held which level, and when",
        lines,
        until,
        data_name(ds.root, dataset_name),
        [unique_labels(lanes, names)[a] for a in lanes],
        size,
        cited_by_steps(ds, ((a, issue) for a in lanes), until, since),
        own_title=title,
    )


def actor_timeline(
    ds: Dataset,
    steps: pd.DataFrame,
    actor: str,
    *,
    until: dt.date,
    since: dt.date | None = None,
    note: str | None = None,
    dataset_name: str | None = None,
    size: Size = SCREEN,
    title: str | None = None,
) -> go.Figure:
    """One lane per issue: the level ``actor`` held on it over time (issues.yaml order).
    ``steps`` from :func:`standpoint.timeline.actor_steps`."""
    lanes = list(dict.fromkeys(steps["issue"]))
    labels = [ds.issues[i].label for i in lanes]
    name = ds.actors[actor].name
    fig = lanes_figure(
        steps,
        by="issue",
        lanes=lanes,
        lane_labels=unique_labels(lanes, labels),
        level_labels={i: ds.issues[i].labels for i in lanes},
        legend_labels=None,
        events=ds.events,
        since=since,
        until=until,
        size=size,
    )
    for trace in fig.data:  # hover names the issue; put the actor first
        if isinstance(trace, go.Bar):
            trace.hovertext = [f"<b>{esc(name)}</b> on {h}" for h in trace.hovertext]
    subtitle = [
        f"{len(lanes)} of {len(ds.issues)} issues with a position, {_range_text(since, until)}",
        "Levels are relative to each issue's proposition",
    ]
    if note:
        subtitle[0] += f" · {note}"
    return _finish(
        fig,
        ds,
        f"{name}: levels on each issue over time",
        subtitle,
        until,
        data_name(ds.root, dataset_name),
        [unique_labels(lanes, labels)[i] for i in lanes],
        size,
        cited_by_steps(ds, ((actor, i) for i in lanes), until, since),
        own_title=title,
    )
