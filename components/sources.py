"""Sources page: the registry, the positions citing each source, and its local text with every
cited quote highlighted."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from standpoint.model import Dataset, Position
from standpoint.quotes import find_all_spans
from standpoint.scale import level_label

from . import controls, data, layout, passage
from .safe import TARGET, Mark, highlighted_markdown, link, marked_lines, md, safe_url

SOURCE_KEY = passage.SOURCE
PASSAGE_KEY = "linked_passage"  # the container of the linked passage's line
# Scrolls the text box (and the page) to the linked passage. It holds no data: it finds the
# passage by the container's key, set above. The tables above it draw a moment later and push
# it down, so it scrolls again while the page settles (for under two seconds).
SCROLL_TO_PASSAGE = """<script>
(() => {
  let tries = 0;
  const go = () => {
    const line = document.querySelector(".st-key-KEY");
    if (!line) { if (++tries < 50) setTimeout(go, 100); return; }
    for (const ms of [0, 300, 700, 1200, 1800]) {
      setTimeout(() => line.scrollIntoView({block: "center"}), ms);
    }
  };
  go();
})();
</script>""".replace("KEY", PASSAGE_KEY)


# tables in columns that wrap their text (components/layout.text_table)
INLINE_SHOWN = {
    "Source": [("outlet", "**{}**"), ("title", "{}"), ("published", "{}"), ("link", "{}")],
    "Actor": [("actor", "{}"), ("issue", "on {}")],
    "Quote": [("quote", "*{}*")],
}
CITING_SHOWN = {
    "Actor": [("actor", "**{}**"), ("speaker", "{}")],
    "Issue": [("issue", "{}")],
    "Position": [("position", "{}"), ("date", "{}")],
    "Quotes": [("quotes", "*{}*")],
}


def citing(ds: Dataset, source_id: str) -> list[tuple[Position, str]]:
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
        labels = controls.source_labels(ds)
        chosen = st.selectbox(
            "Source",
            list(ds.sources),
            format_func=lambda s: labels.get(s, s),
            key=SOURCE_KEY,
            bind="query-params",
        )
        if chosen in ds.sources:
            show_source(ds, chosen, passage.read(ds, st.query_params, chosen))
    inline = inline_frame(ds)
    if len(inline):
        st.subheader(f"Inline sources ({len(inline)})")
        st.caption("Citations that describe their source in the position itself.")
        layout.text_table(inline, INLINE_SHOWN, links={"link": "open"})


def show_source(ds: Dataset, source_id: str, target: passage.Passage | None = None) -> None:
    src = ds.sources[source_id]
    st.subheader(md(src.title))
    facts = [md(x) for x in (src.outlet, src.published.text) if x]
    facts.append(f"registry id {md(src.id)}")
    if safe_url(src.url):
        facts.append(link("original", src.url))
    st.markdown(" · ".join(facts))

    cites = citing(ds, source_id)
    grouped: dict[int, tuple[Position, list[str]]] = {}
    for p, quote in cites:  # one row per position, its quotes from this source together
        grouped.setdefault(id(p), (p, []))[1].append(quote)
    st.markdown(f"**Positions citing it ({len(grouped)})**")
    if grouped:
        layout.text_table(
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
            CITING_SHOWN,
        )
    text = ds.texts.get(source_id)
    if text is None:
        st.caption("No local text of this source is kept under seeds/.")
        return
    show_text(ds, source_id, text, cites, target)


def show_text(
    ds: Dataset,
    source_id: str,
    text: str,
    cites: list[tuple[Position, str]],
    target: passage.Passage | None,
) -> None:
    """The local text, a paragraph for each of its lines, with every cited quote highlighted
    and named (whose words, on which issue); a linked passage emphasised and scrolled to."""
    src = ds.sources[source_id]
    quotes = [quote for _, quote in cites]
    marks, missing = [], []
    for (p, quote), found in zip(cites, find_all_spans(quotes, text), strict=True):
        if not found:
            missing.append(quote)
            continue
        aimed = target is not None and (p.actor, p.issue, quote) == (
            target.actor,
            target.issue,
            target.quote,
        )
        marks.append(Mark(tuple(found), passage.who(ds, p.actor, p.issue), aimed))
    aimed_found = any(m.target for m in marks)
    legend = "cited words :orange-background[**highlighted like this**] :gray-badge[whose words]"
    if aimed_found:
        legend += " · the linked passage :blue-background[**like this**]"
    st.markdown(f"**Local text** ({md(src.file or '')}) · {legend}")
    if aimed_found and target is not None:
        st.info(
            f"The linked quote, {md(passage.who(ds, target.actor, target.issue))}, is shown "
            "below :blue-background[**like this**], followed by :blue-badge[▶ whose words]."
        )
    elif target is not None:
        st.warning("The linked quote could not be found in this text.")
    if missing:
        st.warning(f"{len(missing)} cited quote(s) could not be found in the text.")
    scrolled = False
    with st.container(border=True, height=700):
        for pieces in marked_lines(text, marks):
            line = highlighted_markdown(pieces)
            if not scrolled and any(kind == TARGET for _, kind in pieces):
                scrolled = True
                with st.container(key=PASSAGE_KEY):
                    st.markdown(line)
            else:
                st.markdown(line)
    if scrolled:
        st.html(SCROLL_TO_PASSAGE, unsafe_allow_javascript=True)
