"""Change over time: one issue's lanes of actors, one actor's lanes of issues, and the cells
that changed between two dates."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from standpoint import queries
from standpoint.charts import Chart
from standpoint.figures.common import SYMBOLS
from standpoint.figures.timeline import actor_timeline, issue_timeline
from standpoint.model import Dataset
from standpoint.ordering import select_rows
from standpoint.scale import level_label
from standpoint.timeline import actor_steps, changes, issue_steps, lane_order, shown_start
from standpoint.words import plural

from . import controls, data, layout, room
from .downloads import chart_downloads
from .safe import md

TABS = ("By issue", "By actor", "What changed")
ORDERS = {
    "changes": "most changes of level first",
    "level": "by latest level",
    "name": "by name",
    "data": "as in the data",
}
LIMITS = {"30": "30", "60": "60", "120": "120", "all": "all"}
SCROLL_ABOVE_PX = 1100  # taller charts scroll inside a box of this height
CHART_CONFIG = {"displaylogo": False}


def _chart(fig) -> None:
    """A chart, inside a scrolling box when it is very tall."""
    height = int(fig.layout.height or 0)
    if height > SCROLL_ABOVE_PX:
        with st.container(height=SCROLL_ABOVE_PX):
            st.plotly_chart(fig, theme=None, config=CHART_CONFIG)
        st.caption("A tall chart: scroll inside it to see every lane.")
    else:
        st.plotly_chart(fig, theme=None, config=CHART_CONFIG)


def _issue_filters(ds: Dataset) -> tuple[str | None, list[str], list[str], str, str, str]:
    top = st.columns([2, 1, 1])
    issue = controls.issue_picker(ds, "issue", "Issue", where=top[0])
    order = top[1].selectbox(
        "Order lanes",
        list(ORDERS),
        format_func=ORDERS.get,
        key="lanes",
        bind="query-params",
        help="Most changes first shows who moved; by latest level puts actors holding the "
        "same level together.",
    )
    limit = top[2].selectbox(
        "Show at most",
        list(LIMITS),
        format_func=lambda v: f"{LIMITS[v]} actors",
        key="top",
        bind="query-params",
        help="The first lanes in the chosen order; narrow them down with the filters.",
    )
    row = st.columns(3)
    kinds = controls.kinds_picker(ds, row[0])
    groups = controls.groups_picker(ds, row[1])
    text = row[2].text_input(
        "Search actors", key="q", bind="query-params", placeholder="Name, id or role"
    )
    return issue, kinds, groups, text or "", order or "changes", limit or "30"


def _by_issue(ds: Dataset, as_of: dt.date, since: dt.date | None) -> None:
    issue, kinds, groups, text, order, limit = _issue_filters(ds)
    if issue is None:
        return
    steps = issue_steps(ds, issue, until=as_of)
    if steps.empty:
        st.info(f"No actor has a position on this issue on or before {as_of.isoformat()}.")
        return
    lanes = select_rows(
        ds, lane_order(steps, order), kinds=kinds, groups=groups, people=True, text=text
    )
    if not lanes:
        st.info("No actor matches the filters. Clear the search or the filters.")
        return
    matched = len(lanes)
    if limit != "all":
        lanes = lanes[: int(limit)]
    note = f"{matched} match the filters" if matched < steps["actor"].nunique() else None
    start, auto = shown_start(ds, as_of, since, issue=issue, lanes=lanes)
    fig = issue_timeline(
        ds,
        steps,
        issue,
        until=as_of,
        lanes=lanes,
        since=start,
        note=note,
        dataset_name=data.dataset_name(),
        size=room.size(),
    )
    _chart(fig)
    chart_downloads(
        ds,
        Chart(
            "timeline",
            as_of,
            issue=issue,
            actors=tuple(lanes),
            start=since,
            notes=(note,) if note else (),
        ),
        key="change-issue",
    )
    controls.focus_caption(auto, "“Charts start on” in the sidebar")
    if len(lanes) < matched:
        st.caption(
            f"Showing the first {len(lanes)} of {matched} actors ({ORDERS[order]}). "
            "Choose a larger number under “Show at most”, or filter, to see others."
        )


def _by_actor(ds: Dataset, as_of: dt.date, since: dt.date | None) -> None:
    have = queries.actors_with_positions(ds)
    actor = controls.actor_picker(ds, "actor", "Actor", actors=have, where=st)
    if actor is None:
        return
    steps = actor_steps(ds, actor, until=as_of)
    if steps.empty:
        name = md(ds.actors[actor].name)
        st.info(f"{name} has no position on or before {as_of.isoformat()}.")
        return
    actor_chart(
        ds,
        actor,
        steps,
        as_of,
        since,
        key="change-actor",
        set_start="“Charts start on” in the sidebar",
    )
    st.caption("The Actor page lists every one of these positions with its quotes.")


def actor_chart(
    ds: Dataset,
    actor: str,
    steps: pd.DataFrame,
    as_of: dt.date,
    since: dt.date | None,
    *,
    key: str,
    set_start: str,
) -> None:
    """One actor's levels on each issue over time (Change over time and the Actor page): the
    chart from ``since`` or where most positions are, its downloads, and a caption saying
    where to set the start (``set_start``) when the chart chose it."""
    start, auto = shown_start(ds, as_of, since, actor=actor)
    _chart(
        actor_timeline(
            ds,
            steps,
            actor,
            until=as_of,
            since=start,
            dataset_name=data.dataset_name(),
            size=room.size(),
        )
    )
    chart_downloads(ds, Chart("timeline", as_of, actors=(actor,), start=since), key=key)
    controls.focus_caption(auto, set_start)


def _words(ds: Dataset, issue: str, key: object) -> str:
    if not isinstance(key, str):
        return "— no stated position"
    return f"{SYMBOLS.get(key, '')} {level_label(key, ds.issues[issue].labels)}"


def _previous_date(ds: Dataset) -> dt.date:
    """The date before the latest on which any position was taken (the default "from")."""
    dates = sorted({p.date.start for p in ds.positions})
    return dates[-2] if len(dates) > 1 else (dates[0] if dates else dt.date.today())


def changes_table(ds: Dataset, table: pd.DataFrame) -> pd.DataFrame:
    """The changes as a reader sees them: names, levels in words, the position behind it."""
    issues = list(table["issue"])
    return pd.DataFrame(
        {
            "Actor": table["actor_name"],
            "Issue": table["issue_label"],
            "Before": [_words(ds, i, b) for i, b in zip(issues, table["before"], strict=True)],
            "After": [_words(ds, i, a) for i, a in zip(issues, table["after"], strict=True)],
            "Since": table["date_text"],
            "Latest statement": [
                "" if latest == since else latest
                for since, latest in zip(table["date_text"], table["latest_text"], strict=True)
            ],
            "Speaker": table["speaker"],
            "Summary": table["summary"],
            "Quote": table["quote"],
            "Source": table["source"],
        }
    ).fillna("")


# the changes, in five columns that wrap their text (components/layout.text_table)
CHANGES_SHOWN = {
    "Actor": [("Actor", "**{}**"), ("Speaker", "{}")],
    "Issue": [("Issue", "{}")],
    "Change": [
        ("Before", "{}"),
        ("After", "→ {}"),
        ("Since", "since {}"),
        ("Latest statement", "latest statement {}"),
    ],
    "Quote": [("Summary", "{}"), ("Quote", "*{}*")],
    "Source": [("Source", "{}")],
}


def _what_changed(ds: Dataset) -> None:
    cols = st.columns(2)
    start = controls.date_picker(
        ds,
        "cfrom",
        "From (end of the day)",
        _previous_date(ds),
        where=cols[0],
        help="The cells as they stood at the end of this day…",
    )
    end = controls.date_picker(
        ds,
        "cto",
        "To (end of the day)",
        queries.latest_date(ds),
        where=cols[1],
        help="…compared with the cells at the end of this day.",
    )
    early, late = sorted((start, end))
    table = changes(ds, early, late)
    n = len(table)
    st.markdown(
        f"**{plural(n, 'cell')} changed** after {early.isoformat()} up to and "
        f"including {late.isoformat()}: a new position, a new level, or a new divided day."
    )
    if table.empty:
        st.info("Nothing changed between these dates. Move “From” earlier to see more.")
        return
    layout.text_table(changes_table(ds, table), CHANGES_SHOWN)


def render() -> None:
    ds = data.dataset()
    as_of = controls.asof(ds)
    st.header("Change over time")
    st.caption(
        "A position holds from its date until the actor's next position on the same issue. "
        "Dated events are dotted lines. Hover a bar for who said what, when, in their words."
    )
    if not ds.positions:
        st.info("There are no positions to show. See Data health for what went wrong.")
        return
    since = controls.date_picker(
        ds,
        "from",
        "Charts start on",
        None,
        help="Zoom the time charts in on a period. Empty: from the first position shown, or "
        "where most positions are when a few old ones would squash the rest into slivers. "
        "They end on the as-of date.",
    )
    if since is not None and since >= as_of:
        st.warning("The charts start on or after the as-of date; showing the whole period.")
        since = None
    issue_tab, actor_tab, changed_tab = st.tabs(list(TABS), key="view", bind="query-params")
    if issue_tab.open:
        with issue_tab:
            _by_issue(ds, as_of, since)
    if actor_tab.open:
        with actor_tab:
            _by_actor(ds, as_of, since)
    if changed_tab.open:
        with changed_tab:
            _what_changed(ds)
