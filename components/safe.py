"""Data text made safe for Streamlit markdown, links only to http(s), quote highlighting.

Nothing from the data reaches the page as HTML: text shown through ``st.markdown`` passes
through :func:`md` first, which backslash-escapes every ASCII punctuation character (so no
emphasis, link, image, HTML tag, ``:directive[...]`` or ``$math$`` can be formed from data).
Pure functions; no Streamlit import.
"""

from __future__ import annotations

import string
from collections.abc import Iterable, Sequence
from urllib.parse import quote, urlsplit

_PUNCT = set(string.punctuation)


def md(text: object) -> str:
    """Escape data text for markdown; whitespace runs (newlines too) become one space."""
    raw = " ".join(("" if text is None else str(text)).split())
    return "".join("\\" + ch if ch in _PUNCT else ch for ch in raw)


def safe_url(url: object) -> str | None:
    """The URL when it is an http(s) URL with a host, made safe inside a markdown link
    target; otherwise None."""
    if not isinstance(url, str):
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    # keep the URL's own reserved characters, encode what markdown would misread
    return quote(url, safe=":/?#@!$&*+,;=%~-._")


def link(label: object, url: object) -> str:
    """A markdown link when ``url`` is http(s), else the escaped label alone."""
    target = safe_url(url)
    text = md(label) or md(url)
    return f"[{text}]({target})" if target else text


def merge(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sort and merge overlapping or touching (start, end) spans."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(s for s in spans if s[1] > s[0]):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the paragraphs of a text (split at blank lines)."""
    out: list[tuple[int, int]] = []
    start = None
    pos = 0
    for line in text.splitlines(keepends=True):
        if line.strip():
            if start is None:
                start = pos
            end = pos + len(line.rstrip("\r\n"))
        elif start is not None:
            out.append((start, end))
            start = None
        pos += len(line)
    if start is not None:
        out.append((start, end))
    return out


def segments(text: str, spans: Sequence[tuple[int, int]]) -> list[list[tuple[str, bool]]]:
    """The text as paragraphs of (piece, highlighted) segments, highlighted where ``spans``
    (raw offsets, as from ``quotes.find_spans``) cover it."""
    marks = merge(spans)
    out: list[list[tuple[str, bool]]] = []
    for p_start, p_end in paragraphs(text):
        pieces: list[tuple[str, bool]] = []
        at = p_start
        for s, e in marks:
            s, e = max(s, p_start), min(e, p_end)
            if s >= e:
                continue
            if s > at:
                pieces.append((text[at:s], False))
            pieces.append((text[s:e], True))
            at = e
        if at < p_end:
            pieces.append((text[at:p_end], False))
        out.append(pieces)
    return out


def highlighted_markdown(pieces: Sequence[tuple[str, bool]], colour: str = "orange") -> str:
    """One paragraph of segments as markdown: escaped text, highlights in bold on a coloured
    background."""
    out = []
    for piece, marked in pieces:
        body = md(piece)
        if not body:
            out.append(" " if piece else "")
            continue
        lead = " " if piece[:1].isspace() else ""
        tail = " " if piece[-1:].isspace() else ""
        shown = f":{colour}-background[**{body}**]" if marked else body  # bold: not only hue
        out.append(f"{lead}{shown}{tail}")
    return "".join(out)
