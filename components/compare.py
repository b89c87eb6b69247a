"""Compare: 2 to 8 actors side by side, issue by issue in their own words, and how much they
agree (each score with the number of issues it rests on)."""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd
import streamlit as st

from standpoint import queries
from standpoint.agreement import MAX_COMPARE, MIN_COMPARE, agreement, compare, spread
from standpoint.charts import Chart
from standpoint.figures.common import SYMBOLS
from standpoint.figures.compare import agreement_heatmap
from standpoint.figures.matrix import DIFFER_MARK
from standpoint.model import Dataset
from standpoint.scale import EVIDENCE_LABEL, NO_POSITION_LABEL, level_label
from standpoint.words import plural

from . import controls, data, layout, passage, room
from .downloads import chart_downloads
from .safe import md

KEY = "actors"
PASSAGE = ["actor", "issue", "quote"]  # a card's quote, for its link to the source text
NBSP = "\u00a0"  # keeps a level's symbol on the line of its first word
NB_HYPHEN = "\u2011"  # a hyphen no line breaks after: dates never split
_DATE = re.compile(r"\b(\d{4})-(\d{2})(?:-(\d{2}))?\b")
# In their own words: cards side by side filling the row, each at least this wide (px), as
# many to a line as fit: two at 1024 px with the sidebar open, eight at 1920.
CARD_MIN_PX = 200
CARDS = "compare_cards_"  # the key of each issue's row of cards, followed by its number


def nobreak_dates(text: str) -> str:
    """``text`` with the hyphens of its dates (``2025-02-24``, ``2025-02``) made
    non-breaking, so that a narrow column never splits a date over two lines."""
    return _DATE.sub(lambda m: NB_HYPHEN.join(g for g in m.groups() if g), text)


WORD_JOINER = "\u2060"  # no line break between a level's symbols ("−−" stays whole)


def _level(ds: Dataset, issue: str, stance: object) -> str:
    if not isinstance(stance, str):
        return NO_POSITION_LABEL
    symbol = WORD_JOINER.join(SYMBOLS.get(stance, ""))
    return f"{symbol}{NBSP}{level_label(stance, ds.issues[issue].labels)}"


def _md_keep_nbsp(text: str) -> str:
    """:func:`md` (which turns every whitespace into a space) keeping the no-break spaces."""
    return NBSP.join(md(part) for part in text.split(NBSP))


def _glance_cell(text: str) -> str:
    if text == NO_POSITION_LABEL:
        return f":gray[{md(text)}]"
    return _md_keep_nbsp(text)


def overview(ds: Dataset, table: pd.DataFrame, chosen: list[str]) -> pd.DataFrame:
    """Issues down, chosen actors across, each cell the level in words; actors down and
    issues across when there are more actors than issues, so that the table has as few
    columns as it can and fits a narrow page."""
    labels = controls.actor_labels(ds)
    rows = []
    for issue, part in table.groupby("issue", sort=False):
        row = {"Issue": ds.issues[issue].label}
        for actor, stance in zip(part["actor"], part["stance"], strict=True):
            row[labels[actor]] = _level(ds, issue, stance)
        rows.append(row)
    frame = pd.DataFrame(rows, columns=["Issue", *[labels[a] for a in chosen]])
    if len(chosen) <= len(frame):
        return frame
    across = frame.set_index("Issue").T.rename_axis(None, axis=1)
    return across.rename_axis("Actor").reset_index()


def _spread_words(gap: float) -> str:
    if pd.isna(gap):
        return "fewer than two of them hold a level here"
    if gap == 0:
        return "all of them that hold a level hold the same one"
    if gap >= 4:
        return "they are at opposite ends of the scale"
    return f"their levels are {plural(round(gap), 'step')} apart"


def _card(ds: Dataset, row: pd.Series) -> None:
    st.markdown(f"**{md(row['actor_name'])}**")
    if not isinstance(row["stance"], str):
        st.caption(NO_POSITION_LABEL)
        return
    level = _md_keep_nbsp(_level(ds, row["issue"], row["stance"]))
    dates = f"since {md(nobreak_dates(row['since_text']))}"
    if isinstance(row["latest_text"], str) and row["latest_text"] != row["since_text"]:
        dates += f" · latest statement {md(nobreak_dates(row['latest_text']))}"
    st.markdown(f"{level}  \n:gray[{dates}]")
    if row["old"]:
        st.caption(f":material/history: Old: last stated {md(nobreak_dates(row['latest_text']))}")
    if row["differ"]:
        st.caption(
            f"{DIFFER_MARK} Officials differ: others speaking for it said otherwise shortly "
            "before; the matrix's evidence panel lists who said what"
        )
    if isinstance(row["speaker"], str):
        st.caption(f"Speaker: {md(row['speaker'])}")
    if isinstance(row["summary"], str):
        st.markdown(md(row["summary"]))
    if isinstance(row["conditions"], str):
        st.markdown(f"**Conditions:** {md(row['conditions'])}")
    if isinstance(row["quote"], str):
        st.markdown(f"> “{md(row['quote'])}”")
    if isinstance(row["source"], str):
        st.caption(f"— {md(nobreak_dates(row['source']))}" + passage.link(ds, *row[PASSAGE]))
    if isinstance(row["evidence"], str) and row["evidence"] != "stated":
        st.caption(f"Evidence: {md(EVIDENCE_LABEL.get(row['evidence'], row['evidence']))}")
    if row["more"]:
        st.caption(
            f"{plural(int(row['more']), 'more position')} at this level (the Actor page and "
            "the matrix's evidence panel list them)"
        )


def _side_by_side(ds: Dataset, table: pd.DataFrame, only_differ: bool) -> None:
    gaps = spread(table)
    layout.tiles(CARDS, CARD_MIN_PX)
    shown = 0
    for issue, part in table.groupby("issue", sort=False):
        gap = gaps.get(issue)
        if only_differ and not (isinstance(gap, float) and gap > 0):
            continue
        shown += 1
        it = ds.issues[issue]
        with st.container(border=True):
            st.markdown(f"##### {md(it.label)}")
            st.caption(f"Proposition: {md(it.proposition)} · {_spread_words(gap)}")
            with st.container(horizontal=True, key=f"{CARDS}{shown}", gap="small"):
                for _, row in part.iterrows():
                    with st.container():
                        _card(ds, row)
    if shown == 0:
        st.info("They hold the same level on every issue both speak to, as of this date.")


def choose(ds: Dataset) -> list[str]:
    """The actors to compare (URL ``actors``, repeated), 2 to 8 of those with a position."""
    have = queries.actors_with_positions(ds)
    labels = controls.actor_labels(ds)
    chosen = st.multiselect(
        f"Actors to compare ({MIN_COMPARE} to {MAX_COMPARE})",
        have,
        default=have[:3],
        max_selections=MAX_COMPARE,
        format_func=lambda a: labels.get(a, a),
        key=KEY,
        bind="query-params",
        placeholder="Choose actors",
    )
    return [a for a in chosen if a in ds.actors]


def _agreement(ds: Dataset, chosen: list[str], as_of: dt.date) -> None:
    result = agreement(ds, as_of, chosen)
    fig = agreement_heatmap(ds, result, as_of, dataset_name=data.dataset_name(), size=room.size())
    # a few actors on a wide page: the chart is as wide as its cells need, not the column
    width = "content" if fig.layout.width else "stretch"
    st.plotly_chart(fig, theme=None, config={"displaylogo": False}, width=width)
    chart_downloads(ds, Chart("agreement", as_of, actors=tuple(chosen)), key="compare-agreement")


def render() -> None:
    ds = data.dataset()
    as_of = controls.asof(ds)
    st.header("Compare")
    st.caption(
        "Side by side, issue by issue, each actor's latest position on or before the as-of "
        "date, in its own words; and how much they agree, with the number of issues each "
        "score rests on."
    )
    chosen = choose(ds)
    if len(chosen) < MIN_COMPARE:
        st.info(f"Choose at least {MIN_COMPARE} actors to compare.")
        return
    table = compare(ds, chosen, as_of, max_age=controls.max_age())
    st.subheader("Levels at a glance")
    # a static table: it wraps level words at spaces and fits eight actors without scrolling;
    # it renders markdown, in the header too, so data text is escaped
    # as the matrix leaves out empty rows: the issues none of them holds a position on
    held = table.groupby("issue", sort=False)["stance"].apply(lambda s: s.notna().any())
    blank = [i for i, h in held.items() if not h]
    glance = overview(
        ds, table[~table["issue"].isin(blank)] if len(blank) < len(held) else table, chosen
    )
    first = glance.columns[0]  # Issue, or Actor when actors are down the side
    shown = glance.map(_glance_cell).assign(**{first: [f"**{md(i)}**" for i in glance[first]]})
    st.table(shown.rename(columns=md), hide_index=True)
    if blank and len(blank) < len(held):
        names = ", ".join(md(ds.issues[i].label) for i in blank)
        st.caption(
            f"Left out: {plural(len(blank), 'issue')} none of them holds a position on ({names})."
        )
    st.space("small")
    _agreement(ds, chosen, as_of)  # the chart carries its own title
    st.subheader("In their own words")
    only_differ = st.toggle(
        "Only issues where they differ", key="differ", bind="query-params", value=False
    )
    _side_by_side(ds, table, only_differ)
