"""Matrix page: actors by issues as of a date; a click on a cell opens the words behind it."""

from __future__ import annotations

import datetime as dt
import functools
from functools import partial
from typing import NamedTuple

import plotly.graph_objects as go
import streamlit as st

from standpoint import queries
from standpoint.charts import Chart
from standpoint.figures.frame import Size
from standpoint.figures.matrix import matrix_spec, split_head, with_selection
from standpoint.model import Dataset
from standpoint.ordering import (
    ORDERS,
    group_bands,
    holding,
    order_actors,
    select_rows,
    view_notes,
)
from standpoint.words import plural, the

from . import cell_frame, controls, data, layout, reveal, room
from .downloads import chart_downloads
from .evidence import render_evidence
from .safe import md

CHART_KEY = "matrix_chart"
CELL_ACTOR = "cell_actor"
CELL_ISSUE = "cell_issue"
SCROLL_ABOVE_PX = 1100  # taller figures scroll inside a box of this height
MAX_CELLS = 2400  # a larger matrix is shown a page of rows at a time
MIN_PAGE_ROWS = 20
PANEL_MIN_PX = 260  # the evidence panel beside the matrix at least this wide, else below it
# the matrix beside its panel at least this wide: at 1024 px with the sidebar closed (a main
# column of 864 px) the matrix takes the whole column, its labels whole, the panel below it
CHART_BESIDE_PX = 600
PEOPLE = {"rows": "own rows", "hidden": "hidden"}
_CLICKED = "_matrix_clicked"  # set by a click on a cell, for the run it causes
_SHOWN = "_matrix_shown"  # (view, cell) the figure drawn last selects
PANEL_KEY = "evidence_box"
HEAD_KEY = "matrix_head"  # a tall matrix's title and column labels, over its scrolling rows


def _on_pick(key: str) -> None:
    """A click on a cell: remember it in the (URL-bound) cell pickers."""
    event = st.session_state.get(key)
    try:
        points = event["selection"]["points"]
    except (KeyError, TypeError):
        return
    for point in points:
        custom = point.get("customdata")
        if isinstance(custom, list | tuple) and len(custom) == 2:
            st.session_state[CELL_ACTOR] = custom[0]
            st.session_state[CELL_ISSUE] = custom[1]
            st.session_state[_CLICKED] = True
            reveal.ask(PANEL_KEY)  # below a narrow matrix the words would be out of view
            return


def _shown_selection(
    view: tuple, selected: tuple[str, str] | None
) -> tuple[tuple[str, str] | None, tuple[str, str] | None]:
    """The cell the figure selects, and the cell the browser must frame itself (else None).
    After a click the figure keeps selecting the cell it selected before: it stays the same
    figure, and the browser does not draw the matrix again; the clicked cell is framed in
    the browser (:mod:`.cell_frame`). Any other change (a cell picked in the panel, a new
    view, a page opened again) selects the current cell in the figure."""
    clicked = st.session_state.pop(_CLICKED, False)
    before = st.session_state.get(_SHOWN)
    if clicked and before is not None and before[0] == view:
        return before[1], (selected if selected != before[1] else None)
    st.session_state[_SHOWN] = (view, selected)
    return selected, None


def _filters(ds: Dataset) -> tuple[list[str], list[str], list[str], bool, str, str]:
    side = st.sidebar
    side.markdown("**Matrix**")
    issue_labels = controls.issue_labels(ds)
    chosen = controls.multi(side, "Issues", list(ds.issues), issue_labels, "issues", "All issues")
    issues = [i for i in ds.issues if i in chosen] or list(ds.issues)  # in issues.yaml order
    kinds = controls.kinds_picker(ds, side)
    groups = controls.groups_picker(
        ds, side, help="Show actors in any of these groups (people count in their parent's groups)."
    )
    people = side.segmented_control(
        "People",
        list(PEOPLE),
        format_func=PEOPLE.get,
        default="rows",
        key="people",
        bind="query-params",
        help="People (envoys, ministers) have rows of their own; the row of the state they "
        "speak for shows only positions filed under the state itself.",
    )
    text = side.text_input(
        "Search actors", key="q", bind="query-params", placeholder="Name, id or role"
    )
    order = side.selectbox(
        "Order rows", list(ORDERS), format_func=ORDERS.get, key="order", bind="query-params"
    )
    return issues, kinds, groups, people != "hidden", text or "", order


def _marks() -> tuple[int | None, int]:
    """The age limit (months, None for off) and the window of "officials differ" (days)."""
    side = st.sidebar
    side.markdown("**Marks**")
    return controls.max_age(side), controls.window(side)


@st.cache_resource(max_entries=64, show_spinner=False)
def _draw(
    _ds: Dataset,
    key: str,
    _view: tuple,
    _marks: tuple[int | None, int],
    _size: Size,
) -> go.Figure:
    """The matrix figure of a view (data key, date, rows, columns, bands, notes) with its
    marks (age limit, window) and no cell selected, laid out for the room it has, drawn once
    for all users whatever cell each selects (:func:`_selecting` adds it); ``key`` names all
    of them and the data set's name. Shared: never change it."""
    del key  # the cache key only
    _, as_of, actors, issues, bands, notes = _view
    spec = matrix_spec(
        _ds,
        as_of,
        actors,
        issues,
        dataset_name=data.dataset_name(),
        bands=bands,
        notes=notes,
        max_age=_marks[0],
        window=_marks[1],
        size=_size,
    )
    # st.plotly_chart asks the figure for its dict on every rerun, and plotly copies and
    # converts the whole figure each time (most of a rerun of a large matrix): the figure's
    # JSON, made once (without plotly's objects for its arrays), and kept alone
    return _sending(spec)


def _sending(spec: dict) -> go.Figure:
    """A figure that hands ``spec`` to st.plotly_chart as it is (its layout holds the size
    the page reads), without plotly's own copy of every trace."""
    out = go.Figure(layout={k: spec["layout"].get(k) for k in ("height", "width")})
    out.to_dict = lambda: spec
    return out


def _selecting(fig: go.Figure, view: tuple, shown: tuple[str, str] | None) -> go.Figure:
    """The shared figure of a view with the cell ``shown`` framed: the click layer's
    selection, set in a copy of its dict (the cells and their hover text are shared, not
    copied), and the trace that frames the cell, as the figure draws them
    (:func:`with_selection`), so that a selected cell never draws the matrix again."""
    _, _, actors, issues, _, _ = view
    spec = fig.to_dict()
    chosen = with_selection(spec, actors, issues, shown)
    return fig if chosen is spec else _sending(chosen)


@st.cache_resource(max_entries=16, show_spinner=False)
def _cells(_ds: Dataset, key: str, as_of: dt.date):
    """Every actor's cell on every issue as of a date, worked out once for all users of a
    data set (``key``); shared: never change it."""
    del key
    return queries.matrix_as_of(_ds, as_of)


def _page(ordered: list[str], n_cols: int) -> tuple[list[str], str | None]:
    """The rows of the page chosen (URL ``rows``) when the matrix has more cells than a page
    holds, with a subtitle line saying which; else all rows and None. Pages keep a large
    matrix quick to draw, send and hover: a chart's cost grows with its cells."""
    per = max(MIN_PAGE_ROWS, MAX_CELLS // max(n_cols, 1))
    if len(ordered) <= per:
        return ordered, None
    n = len(ordered)
    starts = list(range(0, n, per))
    labels = {k: f"{k + 1}–{min(k + per, n)} of {n}" for k in starts}
    first = st.selectbox(
        "Rows",
        starts,
        format_func=labels.get,
        key="rows",
        bind="query-params",
        help=f"{n} rows, in pages of {per}; search or filter in the sidebar to narrow them.",
    )
    first = first if first in labels else 0
    return ordered[first : first + per], f"Rows {labels[first]}"


def _order_note(ds: Dataset, order: str, ref: str | None, level_issue: str | None) -> None:
    """Say how the rows are ordered when the order compares stances."""
    if order == "agreement" and ref:
        st.caption(
            f"Rows by agreement with {md(the(ds.actors[ref].name))} on the issues shown: "
            "the same level counts fully, support against opposition not at all; "
            "rows that share no issue with it come last."
        )
    elif order == "cluster":
        st.caption(
            "Rows clustered so that actors whose levels are close on the issues shown sit together."
        )
    elif order == "level" and level_issue:
        st.caption(
            f"Rows by their level on {md(ds.issues[level_issue].label)}: support first, then "
            "divided, then no stated position; by name within a level."
        )
    elif order == "level":
        st.caption("Choose the issue to order by under “Level on an issue” in the sidebar.")


def render() -> None:
    ds = data.dataset()
    as_of = controls.asof(ds)
    issues, kinds, groups, people, text, order = _filters(ds)
    level_issue, levels = controls.level_filter(ds, st.sidebar)
    max_age, window = _marks()

    st.header("Stance matrix")
    st.caption(
        "Rows are actors, columns are issues; each cell is the actor's latest position on or "
        "before the as-of date. Click a cell for the words behind it: they open under "
        "Evidence for a cell, beside the matrix on a wide screen and below it on a narrower "
        "one, where the page scrolls to them. You can also pick the actor and issue there."
    )
    if not ds.issues or not ds.actors:
        st.info("There are no issues or actors to show. See Data health for what went wrong.")
        return
    # every cell as of the date only when the rows or their order read levels: a view
    # never drawn at 300 actors worked out 12,000 cells (80-380 ms) before its chart
    whole = functools.cache(lambda: _cells(ds, data.cache_key(), as_of))
    shown = functools.cache(lambda: whole()[issues])  # the columns chosen
    candidates = queries.actors_with_positions(ds)  # the rows before any filter
    rows = select_rows(ds, candidates, kinds=kinds, groups=groups, people=people, text=text)
    if level_issue:
        rows = holding(whole, rows, level_issue, levels)
    hide_empty = st.sidebar.toggle(
        "Hide empty rows",
        key="hide_empty",
        bind="query-params",
        help="Leave out the actors with no position on any of the chosen issues.",
    )
    empty: list[str] = []
    if hide_empty:
        held = shown().reindex(rows).notna().any(axis=1)
        empty = [a for a in rows if not held.get(a, False)]
        rows = [a for a in rows if held.get(a, False)]
    ref = None
    if order == "agreement":
        ref = controls.actor_picker(
            ds,
            "ref",
            "Agreement with",
            actors=candidates,
            where=st.sidebar,
            help="Rows sorted by how close their levels are to this actor's, issue by issue.",
        )
        if ref and ref not in rows:
            rows = [ref, *rows]
    ordered = order_actors(ds, whole if order == "level" else shown, rows, order, ref, level_issue)

    _chart_and_evidence(
        ds,
        as_of,
        candidates,
        View(issues, kinds, groups, people, text, order, ref, level_issue, levels, empty),
        ordered,
        (max_age, window),
    )


class View(NamedTuple):
    """The filters of a matrix view, as chosen in the sidebar."""

    issues: list[str]
    kinds: list[str]
    groups: list[str]
    people: bool
    text: str
    order: str
    ref: str | None
    level_issue: str | None
    levels: list[str]
    empty: list[str]  # rows left out as empty


@st.fragment
def _chart_and_evidence(
    ds: Dataset,
    as_of: dt.date,
    candidates: list[str],
    v: View,
    ordered: list[str],
    marks: tuple[int | None, int],
) -> None:
    """The chart and the evidence panel: a fragment, so that a click on a cell, a cell picked
    in the panel, another page of rows or a download reruns only this part of the page (the
    sidebar's filters, above, rerun the whole page)."""
    issues, kinds, groups, people, text, order, ref, level_issue, levels, empty = v
    max_age, window = marks
    # the matrix beside its evidence panel where both fit, else the panel below the matrix
    chart = layout.Box("matrix_box", 3, CHART_BESIDE_PX)
    panel = layout.Box(PANEL_KEY, 1, PANEL_MIN_PX)
    boxes = (chart, panel)
    row = layout.row(*boxes, key="matrix_row", room_px=room.px())
    with row as (chart_col, panel_col), panel_col:
        st.markdown("##### Evidence for a cell")
        actor = controls.actor_picker(
            ds, CELL_ACTOR, "Actor", actors=candidates, allow_none=True, where=st
        )
        issue = controls.issue_picker(ds, CELL_ISSUE, "Issue", allow_none=True, where=st)
    selected = (actor, issue) if actor and issue else None
    with chart_col:
        if not ordered:
            st.info("No actor matches the filters. Clear the search or the filters in the sidebar.")
            with_rows = set(candidates)
            rowless = select_rows(
                ds,
                [a for a in ds.actors if a not in with_rows],
                kinds=kinds,
                groups=groups,
                people=people,
                text=text,
            )
            if rowless:
                st.caption(
                    "These match but have no position at any date, so no row: "
                    + ", ".join(md(ds.actors[a].name) for a in rowless[:10])
                    + ". See their Actor page, and Data health for problems in their files."
                )
        else:
            every = ordered
            ordered, paged = _page(ordered, len(issues))
            bands = group_bands(ds, ordered) if order == "group" else []
            notes = view_notes(
                ds,
                rows=candidates,
                shown=every,
                issues=issues,
                kinds=kinds,
                groups=groups,
                people=people,
                text=text,
                level_issue=level_issue,
                levels=levels,
            )
            if empty:
                notes = [
                    *notes,
                    f"Hidden: {plural(len(empty), 'row')} with no position on the chosen issues",
                ]
            if paged:
                notes = [*notes, paged]
            view = (
                data.cache_key(),
                as_of,
                tuple(ordered),
                tuple(issues),
                tuple(bands),
                tuple(notes),
            )
            shown, clicked = _shown_selection(view, selected)
            size = room.box_size(boxes)  # the room the matrix has, as measured
            key = data.view_key(view, data.dataset_name(), marks, size)
            fig = _selecting(_draw(ds, key, view, marks, size), view, shown)
            height = int(fig.layout.height or 0)
            chart_key = CHART_KEY
            tall = height > SCROLL_ABOVE_PX
            unused = ["select", "lasso"]
            if tall:  # its rows scroll in a box, under its title and column labels
                head, body = split_head(fig.to_dict())
                fig = _sending(body)
                # a picture of the rows alone would not say what they are: the downloads
                # below draw the whole chart
                unused.append("toImage")
            # no gap between the head and the rows under it
            box = st.container(height=SCROLL_ABOVE_PX if tall else "content", gap=None)
            with box:
                if tall:
                    layout.sticky(HEAD_KEY)
                    with st.container(key=HEAD_KEY):
                        st.plotly_chart(
                            _sending(head),
                            key=f"{chart_key}_head",
                            theme=None,
                            config={"staticPlot": True},
                        )
                st.plotly_chart(
                    fig,
                    key=chart_key,
                    on_select=partial(_on_pick, chart_key),
                    selection_mode="points",
                    theme=None,
                    config={"displaylogo": False, "modeBarButtonsToRemove": unused},
                )
                if clicked:
                    cell_frame.draw(chart_key, fig.to_dict()["data"][1], ordered, issues, clicked)
            # the downloads straight under the chart, at every width: a panel put below a
            # narrow matrix comes after them, and a click on a cell scrolls it into view
            chart_downloads(ds, _chart(ds, as_of, v, ordered, notes, marks, paged), key="matrix")
            if tall:
                st.caption(
                    f"{len(ordered)} rows: scroll inside the chart to see them all; its title "
                    "and column labels stay in sight above them."
                )
            _order_note(ds, order, ref, level_issue)
    with panel_col:
        if selected:
            render_evidence(ds, selected[0], selected[1], as_of, max_age=max_age, window=window)
            reveal.here(PANEL_KEY)  # after a click on a cell only: its words into view
        else:
            st.info(
                "Click a cell of the matrix, or choose an actor and an issue above: its "
                "positions, with their quotes and sources, appear here."
            )


def _chart(
    ds: Dataset,
    as_of: dt.date,
    v: View,
    rows: list[str],
    notes: list[str],
    marks: tuple[int | None, int],
    paged: str | None,
) -> Chart:
    """The chart the downloads draw: the rows shown, in their order, and the view's notes. Its
    files name the rows only when an actor filter (or a page of rows) chose them, and the
    issues only when fewer than all are shown, as the command line's ``chart`` does."""
    chosen = bool(
        v.kinds or v.groups or not v.people or v.text.strip() or (v.level_issue and v.levels)
    )
    return Chart(
        "matrix",
        as_of,
        issues=tuple(v.issues) if len(v.issues) < len(ds.issues) else (),
        actors=tuple(rows),
        notes=tuple(notes),
        order=v.order,
        max_age=marks[0],
        window=marks[1],
        actors_named=chosen or paged is not None,
    )
