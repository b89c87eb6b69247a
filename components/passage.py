"""From a quote to its passage in the source text, in one click: the one rule for the link.

A quote cited from a registry source links to the Sources page with the passage in the URL:
``sources?source=<source>&actor=<actor>&issue=<issue>&quote=<the quote's words>`` (source,
actor and issue by the labels their pickers show, as in every other link of the app). The
Sources page reads the same parameters back (:func:`read`), highlights every cited quote
naming whose words they are, and scrolls to the linked one, emphasised.

Every page builds its links through :func:`url` or :func:`link`; no page spells the URL.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from urllib.parse import quote as url_quote
from urllib.parse import urlencode

from standpoint import cells
from standpoint.model import Dataset, Position

from . import controls

PAGE = "sources"  # the url path of the Sources page
SOURCE, ACTOR, ISSUE, QUOTE = "source", "actor", "issue", "quote"
LINK_WORDS = "in its source text"
TEXT_WORDS = "in its text"  # a table's link to the passage of its quote (column "Text")


@dataclass(frozen=True, slots=True)
class Passage:
    """One quote of one actor on one issue, cited from one registry source."""

    source: str
    actor: str
    issue: str
    quote: str


def cited_from(ds: Dataset, actor: str, issue: str, quote: str) -> str | None:
    """The registry source from which ``actor``'s positions on ``issue`` cite ``quote`` (the
    first, oldest position first), or None."""
    for p in cells.history(ds, actor, issue):
        for c in p.citations:
            if c.quote == quote and c.source in ds.sources:
                return c.source
    return None


def url(
    ds: Dataset, actor: str, issue: str, quote: object, source: str | None = None
) -> str | None:
    """The link (relative to the app's pages) to ``quote`` in its source text, or None when it
    is not cited from a registry source. ``source`` is the registry id when the caller has the
    citation; otherwise it is looked up (:func:`cited_from`)."""
    if not isinstance(quote, str) or actor not in ds.actors or issue not in ds.issues:
        return None
    if source is None:
        source = cited_from(ds, actor, issue, quote)
    if source not in ds.sources:
        return None
    params = {
        SOURCE: controls.source_labels(ds)[source],
        ACTOR: controls.actor_labels(ds)[actor],
        ISSUE: controls.issue_labels(ds)[issue],
        QUOTE: quote,
    }
    return f"{PAGE}?{urlencode(params, quote_via=url_quote)}"


def link(ds: Dataset, actor: str, issue: str, quote: object, source: str | None = None) -> str:
    """:func:`url` as a markdown link to put after a quote's source line (" · in its source
    text"), or "" when there is none. The target is percent-encoded, so it holds no markdown."""
    target = url(ds, actor, issue, quote, source)
    return f" · [{LINK_WORDS}]({target})" if target else ""


def urls(ds: Dataset, positions: Iterable[Position]) -> list[str | None]:
    """:func:`url` of the first quote of each position (the one tables show)."""
    return [
        url(ds, p.actor, p.issue, p.citations[0].quote, p.citations[0].source)
        if p.citations
        else None
        for p in positions
    ]


def read(ds: Dataset, params: Mapping[str, object], source: str) -> Passage | None:
    """The passage a link asks for on the Sources page showing ``source``, when the data holds
    it: a position of that actor on that issue citing exactly that quote from that source."""
    wanted = {k: params.get(k) for k in (ACTOR, ISSUE, QUOTE)}
    if not all(isinstance(v, str) and v for v in wanted.values()):
        return None
    actors = {label: a for a, label in controls.actor_labels(ds).items()}
    issues = {label: i for i, label in controls.issue_labels(ds).items()}
    actor, issue = actors.get(str(wanted[ACTOR])), issues.get(str(wanted[ISSUE]))
    if actor is None or issue is None:
        return None
    found = Passage(source, actor, issue, str(wanted[QUOTE]))
    return found if any(_cites(p, found) for p in cells.history(ds, actor, issue)) else None


def _cites(p: Position, passage: Passage) -> bool:
    return any(c.source == passage.source and c.quote == passage.quote for c in p.citations)


def who(ds: Dataset, actor: str, issue: str) -> str:
    """Whose words a highlighted quote is: "Poland on European troops in Ukraine"."""
    return f"{ds.actors[actor].name} on {ds.issues[issue].label}"
