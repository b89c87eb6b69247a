"""Issue: the proposition and the wording of its levels, how many actors hold each level as of
the date, a world map of the states, and every position taken on it."""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd
import streamlit as st

from standpoint import queries
from standpoint.cells import cell, distribution, issue_cells, mappable
from standpoint.charts import Chart
from standpoint.figures.common import SYMBOLS
from standpoint.figures.distribution import distribution_figure
from standpoint.figures.maps import world_assets, world_map
from standpoint.model import Dataset
from standpoint.scale import LEVELS, level_label

from . import controls, data, layout, passage, room
from .downloads import chart_downloads
from .holders import render_holders
from .safe import md, safe_url

KEY = "issue"
# every position, in five columns that wrap their text (components/layout.text_table)
TABLE_SHOWN = {
    "Date": [("Date", "{}")],
    "Actor": [("Actor", "**{}**"), ("Speaker", "{}")],
    "Level": [("Level", "{}"), ("Current", ":blue-badge[current]"), ("Evidence", ":gray[{}]")],
    "Quote": [("Summary", "{}"), ("Quote", "*{}*"), ("Text", "{}")],
    "Source": [("Source", "{}")],
}
_LINK = re.compile(r"(!?)\[([^\]]*)\]\(\s*<?([^)\s>]*)>?(?:\s+\"[^\"]*\")?\s*\)")
_REF_DEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S+.*$", re.MULTILINE)
_BRACKET = re.compile(r"\\*([\[\]])")


def safe_markdown(text: str) -> str:
    """Maintainers' markdown from the data, kept as markdown, made safe: links only to
    http(s), no images (they would load from anywhere), no link definitions, no raw HTML or
    autolinks (``<`` becomes ``&lt;``). Only the links found here stay links: every other
    square bracket is escaped, so no other link or image can be formed."""
    text = _REF_DEF.sub("", text)
    out: list[str] = []
    at = 0
    for match in _LINK.finditer(text):
        out.append(_no_links(text[at : match.start()]))
        bang, label, target = match.groups()
        url = safe_url(target)
        out.append(md(label) if bang or url is None else f"[{md(label)}]({url})")
        at = match.end()
    out.append(_no_links(text[at:]))
    return "".join(out)


def _no_links(text: str) -> str:
    """Text in which no link, image or HTML can start: brackets escaped (whatever
    backslashes stood before them), ``<`` as ``&lt;``."""
    return _BRACKET.sub(r"\\\1", text).replace("<", "&lt;")


def _about(ds: Dataset, issue: str) -> None:
    it = ds.issues[issue]
    st.subheader(md(it.label))
    st.markdown(f"**Proposition:** {md(it.proposition)}")
    st.caption(
        "Every level is relative to this proposition: support means the actor backs it, "
        "oppose that it rejects it."
    )
    wording = "\n".join(
        f"- **{md(lvl.symbol)}** {md(level_label(lvl.key, it.labels))}"
        + (f" :gray[({md(lvl.label)})]" if lvl.key in it.labels else "")
        for lvl in LEVELS
    )
    left, right = st.columns([1, 1.4])
    with left:
        st.markdown("**The levels on this issue**\n\n" + wording)
    with right:
        if it.description:
            st.markdown(safe_markdown(it.description))


def positions_table(ds: Dataset, issue: str, as_of: dt.date) -> pd.DataFrame:
    """Every position on the issue, newest first, with whether it makes the actor's cell as
    of the date."""
    positions = [p for p in ds.positions if p.issue == issue]
    frame = queries.positions_frame(ds, positions).assign(text=passage.urls(ds, positions))
    labels = ds.issues[issue].labels
    current = {
        (p.actor, p.path, p.line)
        for actor in set(frame["actor"])
        for p in cell(ds, actor, issue, as_of).latest
    }
    held = [
        (a, p, n) in current
        for a, p, n in zip(frame["actor"], frame["path"], frame["line"], strict=True)
    ]
    frame = frame.assign(held=held).sort_values(["date", "actor_name"], ascending=[False, True])
    return pd.DataFrame(
        {
            "Date": frame["date_text"],
            "Actor": frame["actor_name"],
            "Level": [f"{SYMBOLS[s]} {level_label(s, labels)}" for s in frame["stance"]],
            "Current": frame["held"],
            "Text": frame["text"],
            "Speaker": frame["speaker"],
            "Summary": frame["summary"],
            "Quote": frame["quote"],
            "Source": frame["source"],
            "Evidence": frame["evidence"],
        }
    ).fillna("")


def _map(ds: Dataset, cells: pd.DataFrame, issue: str, as_of: dt.date) -> None:
    if not mappable(cells).any():
        st.caption("No state with an ISO code holds a position here, so there is no map.")
        return
    url, outlines = world_assets()
    fig = world_map(
        ds,
        cells,
        issue,
        as_of,
        outlines=outlines,
        dataset_name=data.dataset_name(),
        size=room.size(),
    )
    st.plotly_chart(fig, theme=None, config={"displaylogo": False, "topojsonURL": url})
    chart_downloads(ds, Chart("map", as_of, issue=issue), key="issue-map")


def render() -> None:
    ds = data.dataset()
    as_of = controls.asof(ds)
    st.header("Issue")
    if not ds.issues:
        st.info("There are no issues in the data. See Data health for what went wrong.")
        return
    issue = controls.issue_picker(ds, KEY, "Issue", where=st)
    if issue is None:
        return
    _about(ds, issue)
    cells = issue_cells(ds, issue, as_of)
    if cells.empty:
        st.info(f"No actor has a position on this issue on or before {as_of.isoformat()}.")
    else:
        name = data.dataset_name()
        st.plotly_chart(
            distribution_figure(
                ds,
                distribution(cells),
                issue,
                as_of,
                dataset_name=name,
                dates=list(cells["date_text"]),
                size=room.size(),
            ),
            theme=None,
            config={"displaylogo": False},
        )
        chart_downloads(ds, Chart("distribution", as_of, issue=issue), key="issue-counts")
        render_holders(ds, cells, issue, as_of)
        _map(ds, cells, issue, as_of)
    st.markdown("#### Every position on this issue, newest first")
    table = positions_table(ds, issue, as_of)
    st.caption(
        "“Current” marks the positions that make an actor's cell as of the date. "
        "The Matrix and Actor pages show each position with all its quotes and sources."
    )
    layout.text_table(table, TABLE_SHOWN, links={"Text": passage.TEXT_WORDS})
