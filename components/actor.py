"""Actor: everything on one actor — who it is, who speaks for it, where it stands as of the
date, and every position it took, with the quotes."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from standpoint.cells import cell, held_and_later
from standpoint.figures.common import SYMBOLS
from standpoint.model import Dataset
from standpoint.scale import level_label
from standpoint.timeline import actor_steps
from standpoint.words import the

from . import change, controls, data, layout, passage
from .evidence import missing_data_warning, position_card
from .safe import md

KEY = "actor"
FACTS, FACT_MIN_PX = "actor_facts_", 200  # the row of figures: its key, each figure's least width
# Text: the link to the quote's passage in its source text
TABLE = ["Issue", "Level", "Since", "Latest statement", "Speaker", "Text", "Quote", "Source"]
# shown in four columns that wrap their text (components/layout.text_table)
TABLE_SHOWN = {
    "Issue": [("Issue", "**{}**")],
    "Level": [("Level", "{}"), ("Since", "since {}"), ("Latest statement", "latest statement {}")],
    "Quote": [("Quote", "*{}*"), ("Speaker", "— {}"), ("Text", "{}")],
    "Source": [("Source", "{}")],
}


def _go_to(actor: str) -> None:
    """Show another actor (the bound picker follows, and so does the URL)."""
    st.session_state[KEY] = actor


def _details(ds: Dataset, actor: str) -> None:
    a = ds.actors[actor]
    facts = [f"**Kind:** {md(a.kind)}"]
    if a.role:
        facts.append(f"**Role:** {md(a.role)}")
    if a.iso3:
        facts.append(f"**ISO code:** {md(a.iso3)}")
    groups = [ds.groups[g].name for g in a.groups if g in ds.groups]
    facts.append(f"**Groups:** {md(', '.join(groups)) if groups else 'none'}")
    st.markdown(" · ".join(facts))
    people = [b for b in ds.actors.values() if b.parent == actor]
    related = []
    if a.parent and a.parent in ds.actors:
        related.append(("Speaks for", a.parent))
    related.extend(("Speaks for it", p.id) for p in people)
    if related:  # buttons as wide as their words, wrapping onto further lines
        row = st.container(horizontal=True, gap="small")
        for label, other in related:
            row.button(
                f"{label}: {md(ds.actors[other].name)}",
                key=f"goto-{other}",
                on_click=_go_to,
                args=(other,),
                icon=":material/person:",
                help="Show this actor",
            )
    if a.kind == "person" or people:
        st.caption(
            "A person has a row of its own: the positions of the people who speak for an "
            "actor are not counted as the actor's own."
        )


def current_table(ds: Dataset, actor: str, as_of: dt.date) -> pd.DataFrame:
    """Issue by issue, the actor's cell as of ``as_of``: its level, since when it holds it
    (the first of its run at that level), the latest statement where that is later, and the
    words of the latest date (issues without a position are left out)."""
    rows = []
    for issue_id, issue in ds.issues.items():
        c = cell(ds, actor, issue_id, as_of)
        if c.value is None or c.since is None or c.date is None:
            continue
        first = [p.citations[0] for p in c.latest if p.citations]
        rows.append(
            {
                "Issue": issue.label,
                "Level": f"{SYMBOLS.get(c.value, '')} {level_label(c.value, issue.labels)}",
                "Since": c.since.shown,
                "Latest statement": "" if c.date.start == c.since.start else c.date.shown,
                "Speaker": " / ".join(p.speaker for p in c.latest if p.speaker),
                "Quote": " / ".join(f"“{q.quote}”" for q in first),
                "Source": " / ".join(ds.source_label(q) for q in first),
                "Text": next(
                    (passage.url(ds, actor, issue_id, q.quote, q.source) for q in first), None
                ),
            }
        )
    return pd.DataFrame(rows, columns=TABLE)


def _history(ds: Dataset, actor: str, as_of: dt.date) -> None:
    for issue_id, issue in ds.issues.items():
        held, later = held_and_later(ds, actor, issue_id, as_of)
        positions = held + later
        if not positions:
            continue
        now = cell(ds, actor, issue_id, as_of).latest
        with st.expander(f"{md(issue.label)} ({len(positions)})", expanded=len(positions) <= 2):
            st.caption(f"Proposition: {md(issue.proposition)}")
            for p in reversed(positions):
                position_card(ds, p, current=p in now, later=p in later)


def _timeline(ds: Dataset, actor: str, steps: pd.DataFrame, as_of: dt.date) -> None:
    """The actor's levels over time; a few old positions do not squash the recent ones."""
    since = controls.date_picker(
        ds,
        "from",
        "Chart starts on",
        None,
        where=st,
        help="Zoom the chart in on a period. Empty: where most of the positions are.",
    )
    change.actor_chart(ds, actor, steps, as_of, since, key="actor", set_start="a start date above")


def render() -> None:
    ds = data.dataset()
    as_of = controls.asof(ds)
    st.header("Actor")
    if not ds.actors:
        st.info("There are no actors in the data. See Data health for what went wrong.")
        return
    actor = controls.actor_picker(ds, KEY, "Actor", where=st)
    if actor is None:
        return
    a = ds.actors[actor]
    st.subheader(md(a.name))
    _details(ds, actor)

    missing_data_warning(ds, actor)
    positions = [p for p in ds.positions if p.actor == actor]
    if not positions:
        st.info(f"The data holds no valid position of {md(the(a.name))}.")
        return
    by_date = sorted(positions, key=lambda p: p.date.start)
    # four figures, as many to a line as fit whole (two at 1024 px with the sidebar open)
    layout.tiles(FACTS, FACT_MIN_PX)
    with st.container(horizontal=True, key=f"{FACTS}0"):
        st.container().metric("Positions", len(positions))
        st.container().metric(
            "Issues", len({p.issue for p in positions}), help="with at least one position"
        )
        st.container().metric("First position", by_date[0].date.shown)
        st.container().metric("Latest position", by_date[-1].date.shown)

    st.markdown(f"#### Where {md(the(a.name))} stands as of {as_of.isoformat()}")
    table = current_table(ds, actor, as_of)
    if table.empty:
        st.info("No position on or before this date. Move the as-of date later.")
    else:
        layout.text_table(table, TABLE_SHOWN, links={"Text": passage.TEXT_WORDS})
    silent = [
        issue.label
        for issue_id, issue in ds.issues.items()
        if cell(ds, actor, issue_id, as_of).value is None
    ]
    if silent:
        st.caption(f"No stated position on: {md(', '.join(silent))}")

    steps = actor_steps(ds, actor, until=as_of)
    if not steps.empty:
        _timeline(ds, actor, steps, as_of)
    st.markdown("#### Every position, newest first, with its quotes")
    _history(ds, actor, as_of)
