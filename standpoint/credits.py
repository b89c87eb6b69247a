"""Who a chart's data comes from, in a few words, for the ``Sources: …`` line of every figure."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from .model import Dataset, Position
from .words import and_list, plural


def outlets(ds: Dataset, positions: Iterable[Position] | None = None) -> tuple[list[str], int, int]:
    """The outlets cited by ``positions`` (default: all), most cited first; how many distinct
    texts they cite (registry sources, or inline outlet and date); how many of those texts
    name no outlet."""
    counts: Counter[str] = Counter()
    texts: set[tuple[str, str]] = set()
    unnamed: set[str] = set()
    for position in ds.positions if positions is None else positions:
        for citation in position.citations:
            name = ""
            if citation.source is not None:
                texts.add(("source", citation.source))
                source = ds.sources.get(citation.source)
                name = (source.outlet or "").strip() if source is not None else ""
                if not name:
                    unnamed.add(citation.source)
            elif citation.outlet:
                name = citation.outlet.strip()
                published = citation.published.text if citation.published else ""
                texts.add((name, published))
            if name:
                counts[name] += 1
    ranked = [n for n, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
    return ranked, len(texts), len(unnamed)


def credit_line(
    ds: Dataset, positions: Iterable[Position] | None = None, room: int = 10_000
) -> str:
    """Who a chart's data comes from, for its ``Sources: …`` line: every outlet named in full
    ("Euractiv and Defence Talks") when every text cited has one and the names fit in
    ``room`` characters; else the texts counted ("5 texts"), followed by the data set's own
    ``credit`` from issues.yaml when it has one ("5 texts · Curated from five news texts").
    Empty when nothing is cited."""
    named, n_texts, unnamed = outlets(ds, positions)
    if not n_texts:
        return ""
    full = and_list(named, most=len(named))
    if full and not unnamed and len(full) <= room:
        return full
    count = plural(n_texts, "text")
    return f"{count} · {ds.credit}" if ds.credit else count
