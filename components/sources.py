"""Sources page: the registry, the positions citing each source, and its local text with every
cited quote highlighted."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from standpoint.model import Dataset
from standpoint.quotes import find_all_spans
from standpoint.scale import level_label

from . import controls, data
from .safe import highlighted_markdown, link, md, safe_url, segments

SOURCE_KEY = "source"


def citing(ds: Dataset, source_id: str) -> list[tuple[object, str]]:
    """(position, quote) for every citation of a registry source."""
    return [(p, c.quote) for p in ds.positions for c in p.citations if c.source == source_id]


def registry_frame(ds: Dataset) -> pd.DataFrame:
    counts: dict[str, int] = {}
    for p in ds.positions:
        for sid in {c.source for c in p.citations if c.source}:
            counts[sid] = counts.get(sid, 0) + 1
    rows = [
        {
            "id": s.id,
            "title": s.title,
            "outlet": s.outlet or "",
            "published": s.published.text,
            "positions citing it": counts.get(s.id, 0),
            "local text": "yes" if s.id in ds.texts else "no",
            "link": safe_url(s.url),
        }
        for s in ds.sources.values()
    ]
    return pd.DataFrame(
        rows,
        columns=["id", "title", "outlet", "published", "positions citing it", "local text", "link"],
    )


def inline_frame(ds: Dataset) -> pd.DataFrame:
    rows = [
        {
            "outlet": c.outlet or "",
            "title": c.title or "",
            "published": c.published.text if c.published else "",
            "actor": ds.actors[p.actor].name,
            "issue": ds.issues[p.issue].label,
            "quote": c.quote,
            "link": safe_url(c.url),
        }
        for p in ds.positions
        for c in p.citations
        if not c.source
    ]
    return pd.DataFrame(
        rows, columns=["outlet", "title", "published", "actor", "issue", "quote", "link"]
    )


def render() -> None:
    ds = data.dataset()
    st.header("Sources")
    st.caption(
        "The source registry (seeds/sources.yaml): what each source is, which positions cite "
        "it, and its local text with every cited quote highlighted."
    )
    link_column = st.column_config.LinkColumn("link", display_text="open")
    if not ds.sources:
        st.info("The data has no registry sources.")
    else:
        st.dataframe(
            registry_frame(ds),
            hide_index=True,
            width="stretch",
            column_config={"link": link_column},
        )
        labels = controls.unique_labels(ds.sources, lambda s: ds.sources[s].title)
        chosen = st.selectbox(
            "Source",
            list(ds.sources),
            format_func=lambda s: labels.get(s, s),
            key=SOURCE_KEY,
            bind="query-params",
        )
        if chosen in ds.sources:
            show_source(ds, chosen)
    inline = inline_frame(ds)
    if len(inline):
        st.subheader(f"Inline sources ({len(inline)})")
        st.caption("Citations that describe their source in the position itself.")
        st.dataframe(inline, hide_index=True, width="stretch", column_config={"link": link_column})


def show_source(ds: Dataset, source_id: str) -> None:
    src = ds.sources[source_id]
    st.subheader(md(src.title))
    facts = [md(x) for x in (src.outlet, src.published.text) if x]
    facts.append(f"registry id {md(src.id)}")
    if safe_url(src.url):
        facts.append(link("original", src.url))
    st.markdown(" · ".join(facts))

    cites = citing(ds, source_id)
    grouped: dict[int, tuple[object, list[str]]] = {}
    for p, quote in cites:  # one row per position, its quotes from this source together
        grouped.setdefault(id(p), (p, []))[1].append(quote)
    st.markdown(f"**Positions citing it ({len(grouped)})**")
    if grouped:
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        "actor": ds.actors[p.actor].name,
                        "issue": ds.issues[p.issue].label,
                        "date": p.date.shown,
                        "position": level_label(p.stance, ds.issues[p.issue].labels),
                        "speaker": p.speaker or "",
                        "quotes": " / ".join(quotes),
                    }
                    for p, quotes in grouped.values()
                ]
            ),
            hide_index=True,
            width="stretch",
        )
    text = ds.texts.get(source_id)
    if text is None:
        st.caption("No local text of this source is kept under seeds/.")
        return
    quotes = [quote for _, quote in cites]
    spans: list[tuple[int, int]] = []
    missing = []
    for quote, found in zip(quotes, find_all_spans(quotes, text), strict=True):
        if found:
            spans.extend(found)
        else:
            missing.append(quote)
    st.markdown(
        f"**Local text** ({md(src.file or '')}) · cited words "
        ":orange-background[highlighted like this]"
    )
    if missing:
        st.warning(f"{len(missing)} cited quote(s) could not be found in the text.")
    with st.container(border=True, height=700):
        for pieces in segments(text, spans):
            st.markdown(highlighted_markdown(pieces))
