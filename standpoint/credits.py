"""Who a chart's data comes from, in a few words, for the source line under every figure."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from .model import Dataset, Position

MAX_NAMED = 3  # outlets named before "and N more"


def credit(ds: Dataset, positions: Iterable[Position] | None = None) -> str:
    """The outlets behind ``positions`` (default: all), most cited first.

    Registry sources are named by their outlet; a source without an outlet is counted as
    a text. For example "Euractiv, Defence Talks and 3 more texts" or "UN General Assembly".
    Empty when nothing is cited.
    """
    outlets: Counter[str] = Counter()
    unnamed: set[str] = set()
    for position in ds.positions if positions is None else positions:
        for citation in position.citations:
            if citation.source is not None:
                source = ds.sources.get(citation.source)
                if source is not None and source.outlet:
                    outlets[source.outlet.strip()] += 1
                else:
                    unnamed.add(citation.source)
            elif citation.outlet:
                outlets[citation.outlet.strip()] += 1
    named = [name for name, _ in sorted(outlets.items(), key=lambda kv: (-kv[1], kv[0]))]
    shown = named[:MAX_NAMED]
    more = len(named) - len(shown) + len(unnamed)
    if not shown:
        return f"{more} text{'s' if more != 1 else ''}" if more else ""
    if not more:
        return shown[0] if len(shown) == 1 else f"{', '.join(shown[:-1])} and {shown[-1]}"
    return f"{', '.join(shown)} and {more} more text{'s' if more != 1 else ''}"
