"""The words behind a cell: every position of one actor on one issue, with its quotes and
sources: the one the cell shows first, then earlier ones (newest first), then any after the
as-of date. Every piece of data text passes through ``safe.md``."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from standpoint import queries
from standpoint.figures.common import SYMBOLS
from standpoint.model import Citation, Dataset, Position
from standpoint.problems import WHOLE_FILE_CODES
from standpoint.scale import EVIDENCE_LABEL, level_label

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


def position_card(ds: Dataset, p: Position, as_of: dt.date, current: bool) -> None:
    issue = ds.issues[p.issue]
    when = md(p.date.text)
    note = ""
    if current:
        note = " · :blue-badge[current as of the date]"
    elif p.date.start > as_of:
        note = " · :gray-badge[after the as-of date]"
    with st.container(border=True):
        st.markdown(
            f"**{when}** · **{md(level_label(p.stance, issue.labels))}** "
            f"({md(SYMBOLS[p.stance])}){note}"
        )
        facts = [f"Evidence: {md(EVIDENCE_LABEL.get(p.evidence, p.evidence))}"]
        if p.speaker:
            facts.insert(0, f"Speaker: {md(p.speaker)}")
        st.markdown("  \n".join(facts))
        if p.summary:
            st.markdown(md(p.summary))
        if p.conditions:
            st.markdown(f"**Conditions:** {md(p.conditions)}")
        for c in p.citations:
            quote, source = citation_lines(ds, c)
            st.markdown(quote)
            st.caption(source + passage.link(ds, p.actor, p.issue, c.quote, c.source))
        st.caption(f"Recorded in {md(p.path)}, line {p.line}")


def render_evidence(ds: Dataset, actor: str, issue: str, as_of: dt.date) -> None:
    """The evidence panel of one cell."""
    if actor not in ds.actors or issue not in ds.issues:
        st.info("Pick a cell to see the words behind it.")
        return
    a, i = ds.actors[actor], ds.issues[issue]
    st.markdown(f"#### {md(a.name)} on {md(i.label)}")
    st.caption(f"Proposition: {md(i.proposition)}")
    positions = queries.history(ds, actor, issue)
    current = queries.cell_positions(ds, actor, issue, as_of)
    value = queries.cell_value(current)
    if value is None:
        st.markdown(f"As of {as_of.isoformat()}: **no stated position**.")
    else:
        st.markdown(
            f"As of {as_of.isoformat()}: **{md(level_label(value, i.labels))}** "
            f"({md(SYMBOLS[value])})"
        )
    missing_data_warning(ds, actor)
    if not positions:
        st.caption("The data holds no position of this actor on this issue at any date.")
        return
    now = {id(p) for p in current}
    earlier = [p for p in reversed(positions) if id(p) not in now and p.date.start <= as_of]
    later = [p for p in positions if p.date.start > as_of]
    n = len(positions)
    order = ["the one the cell shows first"] if current else []
    if earlier:
        order.append("then earlier ones, newest first" if current else "newest first")
    if later:
        order.append("then those after the as-of date")
    st.caption(f"{n} position{'s' if n != 1 else ''}: " + ", ".join(order))
    for p in current:
        position_card(ds, p, as_of, True)
    for p in earlier:
        position_card(ds, p, as_of, False)
    for p in later:
        position_card(ds, p, as_of, False)


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
        f"{md(path)} line{'s' if len(ns) > 1 else ''} {', '.join(map(str, sorted(set(ns))))}"
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
        f"{n} problem{'s' if n != 1 else ''} in the data about {md(ds.actors[actor].name)} "
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
        f"No positions file is matched to {md(ds.actors[actor].name)}. {md(file)} was most "
        f"likely meant, but {says}. See Data health.",
        icon=":material/warning:",
    )
