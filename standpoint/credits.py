"""Who a chart's data comes from, in a few words: the ``Sources: …`` line of every figure and
the "as reported by …" of its speaker note.

A cited text is named by its outlet (``outlet`` in seeds/sources.yaml, or an inline
citation's ``outlet``); a registry text without an outlet by its title, in quotes and cut at
a word when long. Texts that are not named are counted: "Euractiv, Defence Talks and 2 other
texts". The data set's own ``credit`` (issues.yaml) is not a list of cited texts and never
appears here: the figure's data line carries it (:func:`standpoint.figures.frame.data_line`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .model import Dataset, Position
from .words import and_list, plural

TITLE_CHARS = 60  # a title naming a text without an outlet is cut at a word past this


@dataclass(frozen=True, slots=True)
class Cited:
    """One name under which cited texts are credited."""

    name: str  # the outlet, or the text's title in quotes
    texts: int  # how many distinct cited texts go under it
    outlet: bool  # named by an outlet (else by a title)


def short_title(title: str, chars: int = TITLE_CHARS) -> str:
    """A text's title in typographic quotes, cut at a word with "…" past ``chars``."""
    title = " ".join(title.split())
    if len(title) > chars:
        cut = title[:chars].rsplit(" ", 1)[0].rstrip(" ,;:-–—")
        title = cut + "…"
    return f"“{title}”"


def cited(ds: Dataset, positions: Iterable[Position] | None = None) -> list[Cited]:
    """The names under which ``positions`` (default: all) cite their texts: outlets first,
    most cited first, then the titles of texts with no outlet, in the registry's order."""
    citations: Counter[str] = Counter()
    texts: dict[str, set[tuple[str, str]]] = {}
    titled: dict[str, str] = {}  # source id -> its short title, for texts with no outlet
    for position in ds.positions if positions is None else positions:
        for citation in position.citations:
            if citation.source is not None:
                source = ds.sources.get(citation.source)
                outlet = (source.outlet or "").strip() if source is not None else ""
                if not outlet:
                    title = source.title if source is not None and source.title else ""
                    titled[citation.source] = short_title(title or citation.source)
                    continue
                key = ("source", citation.source)
            elif citation.outlet:
                outlet = citation.outlet.strip()
                key = (outlet, citation.published.text if citation.published else "")
            else:
                continue
            citations[outlet] += 1
            texts.setdefault(outlet, set()).add(key)
    ranked = sorted(citations, key=lambda n: (-citations[n], n))
    order = {sid: k for k, sid in enumerate(ds.sources)}
    out = [Cited(n, len(texts[n]), True) for n in ranked]
    for sid in sorted(titled, key=lambda s: (order.get(s, len(order)), s)):
        out.append(Cited(titled[sid], 1, False))
    return out


def name_texts(
    names: list[Cited],
    *,
    room: int | None = None,
    most: int | None = None,
    article: Callable[[str], str] = str,
) -> str:
    """``names`` as words: all of them ("Euractiv and Defence Talks") when they are at most
    ``most`` and fit in ``room`` characters; else as many as fit, the texts of the rest
    counted ("Euractiv, Defence Talks and 2 other texts"); else only the count ("5 texts").
    ``article`` puts a name into running text (e.g. :func:`standpoint.words.the`)."""
    total = sum(c.texts for c in names)
    if not total:
        return ""
    words = [article(c.name) for c in names]
    cap = len(words) if most is None else min(most, len(words))
    if room is not None:  # k names take their lengths and 2 characters between each at least
        used = -2
        for k, word in enumerate(words[:cap]):
            used += len(word) + 2
            if used > room:
                cap = k
                break
    rest_after = [0] * (len(names) + 1)  # the texts of the names from k on
    for k in range(len(names) - 1, -1, -1):
        rest_after[k] = rest_after[k + 1] + names[k].texts
    for k in range(cap, 0, -1):
        rest = rest_after[k]
        shown = words[:k]
        text = and_list([*shown, plural(rest, "other text")] if rest else shown, most=k + 1)
        if room is None or len(text) <= room:
            return text
    return plural(total, "text")


def credit_line(
    ds: Dataset,
    positions: Iterable[Position] | None = None,
    room: int = 10_000,
    *,
    names: list[Cited] | None = None,
) -> str:
    """The ``Sources: …`` line's words for ``positions`` (what a chart shows): every cited
    text named, by its outlet or else its title, when the names fit in ``room`` characters;
    else the outlets that fit and the rest counted; empty when nothing is cited. ``names``:
    ``cited(ds, positions)``, when the caller has it (a layout tried at several sizes)."""
    return name_texts(cited(ds, positions) if names is None else names, room=room)
