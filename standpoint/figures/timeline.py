"""Time charts: one lane per actor (or per issue), a coloured bar for each step a cell took.

Every bar carries the level's symbol, so the chart reads without colour; dated events are
dotted vertical lines, numbered at the top and listed in words in a key above the lanes.
The levels' legend is one column in scale order (support first, then oppose, then divided),
and every legend line is short enough for a chart 450 px wide.
"""

from __future__ import annotations

import datetime as dt
import html
import textwrap

import pandas as pd
import plotly.graph_objects as go

from ..model import Dataset, Event
from ..scale import DIVIDED, LEVELS, level_label
from .common import COLOURS, SYMBOLS, TEXT_ON, esc
from .frame import SCREEN, Legend, Size, frame_for, place, text_px
from .hover import data_name, lines, present, quoted, unique_labels

KEY_WIDTH = 66  # characters to a line of the event key (fits a chart 450 px wide)
EVENT_COLOUR = "#444444"
ASOF_COLOUR = "#222222"
OPEN_TAIL = 0.06  # share of the time span an open step runs on past the as-of date
EVENT_CLUSTER = 0.02  # events closer than this share of the time span share a label
EVENT_STAGGER = 0.08  # a label closer than this share of the span to the last is raised by:
EVENT_RAISE_PX = 14
MAX_EVENT_WORDS = 150  # characters of an event's key entry (the number's hover has it all)
TOP_AXIS_FROM = 25  # with more lanes than this the date axis is drawn above the lanes
EVENT_ABOVE_AXIS = 20  # px: event numbers clear the date labels of a top axis


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


def key_text(text: str, width: int = KEY_WIDTH, limit: int = MAX_EVENT_WORDS) -> str:
    """Plain text for a legend entry: escaped, in lines of at most ``width`` characters
    joined by ``<br>``, broken at spaces only (never inside a date such as 2025-02-17), and
    cut at ``limit`` characters."""
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    parts = textwrap.wrap(text, width=width, break_on_hyphens=False, break_long_words=False)
    return "<br>".join(esc(part) for part in parts)


def _dated_line(fig: go.Figure, when: dt.date, line: dict, name: str, **legend: str) -> None:
    """A vertical line across the lanes on ``when``, explained by ``name`` in the second
    legend."""
    x = when.isoformat()
    fig.add_shape(
        type="line", x0=x, x1=x, xref="x", yref="paper", y0=0, y1=1, line=line, layer="above"
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
) -> tuple[int, int]:
    """Mark events: a dotted line each, a number at the top (``above_px`` higher, to clear
    tick labels), a legend entry in words. A number close to an earlier one is raised a line
    (to the lowest line free of close numbers), so that none print over each other on a
    narrow chart. Returns how many events were marked and how many lines numbers were
    raised by (0: none)."""
    number = 0
    span = max((hi - lo).days, 1)
    last_on: list[dt.date] = []  # the latest number's date on each line, from the lowest
    top = 0
    for cluster in _event_clusters(events, lo, hi):
        start = cluster[0].date.start
        level = next(
            (i for i, d in enumerate(last_on) if (start - d).days > span * EVENT_STAGGER),
            len(last_on),
        )
        if level == len(last_on):
            last_on.append(start)
        last_on[level] = start
        top = max(top, level)
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
                    # on a slide of fixed height, one line each (the number's hover has all)
                    limit=key_chars(size) if size.height else MAX_EVENT_WORDS,
                ),
                legendgroup="events",
            )
        label = str(first) if number == first else f"{first}–{number}"
        fig.add_annotation(
            x=cluster[0].date.start.isoformat(),
            xref="x",
            y=1,
            yref="paper",
            yanchor="bottom",
            yshift=above_px + EVENT_RAISE_PX * level,
            text=label,
            showarrow=False,
            font={"size": size.font - 1, "color": EVENT_COLOUR},
            hovertext="<br>".join(f"{esc(e.date.shown)}: {esc(e.label)}" for e in cluster),
        )
    return number, top


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
    n_events, raised = _add_events(
        fig, events, lo, until, above_px=EVENT_ABOVE_AXIS if axis_on_top else 0, size=size
    )
    fig.update_layout(
        barmode="overlay",
        bargap=0.25,
        hovermode="closest",
        showlegend=True,
        uniformtext={"minsize": 8, "mode": "hide"},
    )
    fig.update_yaxes(
        type="category",
        categoryorder="array",
        categoryarray=order,
        range=[len(order) - 0.5, -0.5],
        automargin=False,
        showgrid=False,
    )
    pad = dt.timedelta(days=max(1, span_days // 60))
    _dated_line(
        fig,
        until,
        {"color": ASOF_COLOUR, "width": 1.5},
        key_text(
            f"{until.isoformat()}: the as-of date (to its right, the level still held)",
            key_chars(size),
        ),
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
    fig.update_layout(
        meta={"events": n_events, "raised": raised, "levels": n_levels, "lanes": len(order)}
    )
    return fig


def _finish(
    fig: go.Figure,
    ds: Dataset,
    title: str,
    subtitle: list[str],
    until: dt.date,
    dataset_name: str,
    lane_names: list[str],
    size: Size,
) -> go.Figure:
    """The frame around the lanes: title, subtitle, the levels' legend (one column, scale
    order) and the key to the dated lines beside or below, and room above the lanes for the
    date axis and the event numbers."""
    meta = fig.layout.meta or {}
    n_lanes = len(lane_names)
    levels = [t.name or "" for t in fig.data if getattr(t, "legend", None) == "legend"]
    key = [t.name or "" for t in fig.data if getattr(t, "legend", None) == "legend2"]
    key_title = "Dated lines (events numbered above the lanes)" if meta.get("events") else ""

    def describe(name: str, entries: list[str], head: str, columns: bool) -> Legend:
        split = [e.split("<br>") for e in entries]
        widest = max((len(x) for lines in split for x in lines), default=10)
        return Legend(name, head, tuple(len(x) for x in split), widest, columns)

    legends = [
        describe("legend", levels, "Level", False),
        describe("legend2", key, key_title, False),
    ]
    line = size.line(size.font)
    axis_px = 2 * line + EVENT_ABOVE_AXIS if n_lanes > TOP_AXIS_FROM else line + 4
    axis_px += EVENT_RAISE_PX * int(meta.get("raised") or 0)
    bottom_px = 8 if n_lanes > TOP_AXIS_FROM else 2 * line + 8
    frame = frame_for(ds, title, until, subtitle=subtitle, dataset_name=dataset_name, size=size)
    place(
        fig,
        frame,
        size,
        plot_px=size.row_px * max(n_lanes, 3),
        legends=legends,
        top_extra=axis_px,
        bottom_extra=bottom_px,
        left=text_px([html.unescape(x) for x in lane_names], size),
    )
    return fig


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
    )


def actor_timeline(
    ds: Dataset,
    steps: pd.DataFrame,
    actor: str,
    *,
    until: dt.date,
    since: dt.date | None = None,
    dataset_name: str | None = None,
    size: Size = SCREEN,
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
    return _finish(
        fig,
        ds,
        f"{name}: levels on each issue over time",
        subtitle,
        until,
        data_name(ds.root, dataset_name),
        [unique_labels(lanes, labels)[i] for i in lanes],
        size,
    )
