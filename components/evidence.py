"""The words behind a cell: every position of one actor on one issue, with its quotes and
sources: the one the cell shows first, then earlier ones (newest first), then any after the
as-of date. Every piece of data text passes through ``safe.md``.

Each position is one markdown block in a bordered box, and the panel's heading, proposition
and level one block: a page opened (a page switch mounts every element anew) mounts two
elements a position, where a block per line made six to nine."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from standpoint import queries
from standpoint.cells import DEFAULT_WINDOW_DAYS, Cell, cell, held_and_later
from standpoint.figures.common import SYMBOLS
from standpoint.figures.matrix import DIFFER_MARK, DROPPED_MARK, dropped_words, old_words
from standpoint.model import Citation, Dataset, Position
from standpoint.problems import WHOLE_FILE_CODES
from standpoint.scale import EVIDENCE_LABEL, level_label
from standpoint.words import agree, plural, the

from . import passage
from .safe import link, md


def citation_lines(ds: Dataset, c: Citation) -> tuple[str, str]:
    """(quote as a markdown blockquote, source line with a link when the URL is http(s))."""
    quote = f"> {md(c.quote)}"
    if c.source and c.source in ds.sources:
        src = ds.sources[c.source]
        parts = [link(src.title, src.url)]
        if src.outlet:
            parts.append(md(src.outlet))
        parts.append(md(src.published.text))
        parts.append(f"registry id {md(c.source)}")
    else:
        parts = [link(c.title or c.outlet or c.url or "inline source", c.url)]
        if c.title and c.outlet:
            parts.append(md(c.outlet))
        if c.published:
            parts.append(md(c.published.text))
    return quote, "— " + " · ".join(p for p in parts if p)


def small(text: str) -> str:
    """Markdown already made safe (``safe.md``, ``safe.link``) as a caption's small grey
    words, inside a block of other text."""
    return f":gray[:small[{text}]]"


def position_card(
    ds: Dataset, p: Position, current: bool, *, in_run: bool = False, later: bool = False
) -> None:
    """One position with all its quotes, in a box. ``current``: of the cell's latest date;
    ``in_run``: an earlier position at the cell's present level; ``later``: dated after the
    as-of date."""
    with st.container(border=True):
        st.markdown(position_markdown(ds, p, current, in_run=in_run, later=later))


def position_markdown(
    ds: Dataset, p: Position, current: bool, *, in_run: bool = False, later: bool = False
) -> str:
    """One position as one markdown block: date, level and badge; speaker and evidence; the
    summary and conditions; each quote with its source line; where it is recorded."""
    issue = ds.issues[p.issue]
    when = md(p.date.shown)
    note = ""
    if current:
        note = " · :blue-badge[current as of the date]"
    elif in_run:
        note = " · :blue-badge[same level, earlier]"
    elif later:
        note = " · :gray-badge[after the as-of date]"
    head = (
        f"**{when}** · **{md(level_label(p.stance, issue.labels))}** "
        f"({md(SYMBOLS[p.stance])}){note}"
    )
    facts = [f"Evidence: {md(EVIDENCE_LABEL.get(p.evidence, p.evidence))}"]
    if p.speaker:
        facts.insert(0, f"Speaker: {md(p.speaker)}")
    blocks = [head + "\n\n" + "  \n".join(facts)]
    if p.summary:
        blocks.append(md(p.summary))
    if p.conditions:
        blocks.append(f"**Conditions:** {md(p.conditions)}")
    for c in p.citations:
        quote, source = citation_lines(ds, c)
        blocks.append(quote)
        blocks.append(small(source + passage.link(ds, p.actor, p.issue, c.quote, c.source)))
    blocks.append(small(f"Recorded in {md(p.path)}, line {p.line}"))
    return "\n\n".join(blocks)


def render_evidence(
    ds: Dataset,
    actor: str,
    issue: str,
    as_of: dt.date,
    *,
    max_age: int | None = None,
    window: int | None = DEFAULT_WINDOW_DAYS,
) -> None:
    """The evidence panel of one cell: its level, since when, its marks, then every position
    of the actor on the issue: those at the present level first (own words first, then
    reports and readings), then earlier ones (newest first), then those after the date."""
    if actor not in ds.actors or issue not in ds.issues:
        st.info("Pick a cell to see the words behind it.")
        return
    a, i = ds.actors[actor], ds.issues[issue]
    c = cell(ds, actor, issue, as_of, max_age=max_age, window=window)
    st.markdown(
        f"#### {md(a.name)} on {md(i.label)}\n\n"
        + small(f"Proposition: {md(i.proposition)}")
        + "\n\n"
        + _level_line(c, ds.issues[issue].labels)
    )
    _cell_marks(ds, c)
    missing_data_warning(ds, actor)
    held, later = held_and_later(ds, actor, issue, as_of)
    positions = held + later
    if not positions:
        st.caption("The data holds no position of this actor on this issue at any date.")
        return
    words = c.words
    now = {id(p) for p in c.latest}
    shown = {id(p) for p in words}
    earlier = [p for p in reversed(held) if id(p) not in shown]
    n = len(positions)
    order = []
    if words:
        order.append(
            f"{plural(len(words), 'position')} at the present level, the actor's own words "
            "first, then reports and readings"
        )
    if earlier:
        order.append("then earlier ones, newest first" if words else "newest first")
    if later:
        order.append("then those after the as-of date")
    st.caption(f"{plural(n, 'position')}: " + ", ".join(order))
    for p in words:
        position_card(ds, p, id(p) in now, in_run=True)
    for p in earlier:
        position_card(ds, p, False)
    for p in later:
        position_card(ds, p, False, later=True)


def _level_line(c: Cell, labels: dict[str, str]) -> str:
    """The cell in words, as markdown: its level, since when, its latest statement."""
    when = c.as_of.isoformat()
    if c.value is None:
        return f"As of {when}: **no stated position**."
    dates = ""
    if c.since is not None:
        dates = f" · since {md(c.since.shown)}"
        if c.date is not None and c.date.start != c.since.start:
            dates += f" · latest statement {md(c.date.shown)}"
    return f"As of {when}: **{md(level_label(c.value, labels))}** ({md(SYMBOLS[c.value])})" + dates


def _cell_marks(ds: Dataset, c: Cell) -> None:
    """The cell's marks in words: old, officials differ, positions left out for errors."""
    labels = ds.issues[c.issue].labels
    if c.old:
        st.info(f"Old: {md(old_words(c))}.", icon=":material/history:")
    if c.officials_differ:
        speakers = [*c.latest, *sorted(c.differ, key=lambda p: p.date.start, reverse=True)]
        lines = "\n".join(
            f"- {md(p.speaker or ds.actors[p.actor].name)}: "
            f"{md(SYMBOLS[p.stance])} {md(level_label(p.stance, labels))}, {md(p.date.shown)}"
            + (" (latest)" if p in c.latest else "")
            for p in speakers
        )
        st.warning(
            f"**{DIFFER_MARK} Officials differ.** Within the window before the latest date, "
            f"speakers for {md(the(ds.actors[c.actor].name))} took different levels; the cell "
            f"shows the latest.\n\n{lines}",
            icon=":material/record_voice_over:",
        )
    if c.dropped:
        places = "; ".join(
            f"{md(d.path)} line {d.line}" + (f" ({md(d.date.shown)})" if d.date else "")
            for d in c.dropped
        )
        mark = f"{DROPPED_MARK} " if c.only_dropped else ""
        st.error(
            f"**{mark}{md(dropped_words(c).capitalize())}:** {places}. "
            "They are not shown; see Data health.",
            icon=":material/error:",
        )


def missing_data_warning(ds: Dataset, actor: str) -> None:
    """Say, with file and line, when problems in an actor's files leave positions out."""
    found = queries.problems_about(ds, actor)
    if not found:
        _likely_file_note(ds, actor)
        return
    n = len(found)
    lines: dict[str, list[int]] = {}
    for p in found:
        lines.setdefault(p.path, []).append(p.line)
    places = "; ".join(
        f"{md(path)} {agree(len(set(ns)), 'line', 'lines')} {', '.join(map(str, sorted(set(ns))))}"
        for path, ns in lines.items()
    )
    unreadable = sorted({p.path for p in found if p.code in WHOLE_FILE_CODES})
    if unreadable:
        effect = (
            f"{', '.join(md(f) for f in unreadable)} could not be read at all, so none of its "
            "positions are shown"
        )
    else:
        effect = "the positions with errors are left out of what is shown"
    st.warning(
        f"{plural(n, 'problem')} in the data about {md(the(ds.actors[actor].name))} "
        f"({places}): {effect}. See Data health.",
        icon=":material/warning:",
    )


def _likely_file_note(ds: Dataset, actor: str) -> None:
    """Point to the positions file most likely meant for an actor no file is matched to."""
    file = queries.likely_file(ds, actor)
    if file is None:
        return
    claim = ds.claims.get(file)
    if claim is None:
        says = "its actor: cannot be read"
    elif claim in ds.actors:
        says = f"it says actor: {md(claim)} ({md(ds.actors[claim].name)})"
    else:
        says = f"it says actor: {md(claim)}, which names no actor"
    st.warning(
        f"No positions file is matched to {md(the(ds.actors[actor].name))}. {md(file)} was most "
        f"likely meant, but {says}. See Data health.",
        icon=":material/warning:",
    )
