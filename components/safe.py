"""Data text made safe for Streamlit markdown, links only to http(s), quote highlighting.

Nothing from the data reaches the page as HTML: text shown through ``st.markdown`` passes
through :func:`md` first, which backslash-escapes every ASCII punctuation character (so no
emphasis, link, image, HTML tag, ``:directive[...]`` or ``$math$`` can be formed from data).
Pure functions; no Streamlit import.
"""

from __future__ import annotations

import string
from collections.abc import Sequence
from dataclasses import dataclass
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


# the kinds of piece of a marked-up source text line
PLAIN, CITED, TARGET, WHO, WHO_TARGET = "plain", "cited", "target", "who", "who-target"


@dataclass(frozen=True, slots=True)
class Mark:
    """A quote found in a text: its raw (start, end) spans (``quotes.find_spans``), whose
    words they are, and whether it is the passage a link asked for."""

    spans: tuple[tuple[int, int], ...]
    who: str
    target: bool = False


def text_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the non-blank lines of a text, without their line break and
    trailing spaces. Every line of a source text is shown as a paragraph of its own, so texts
    whose paragraphs are separated by single line breaks keep them."""
    out: list[tuple[int, int]] = []
    pos = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip()
        if body.strip():
            out.append((pos, pos + len(body)))
        pos += len(line)
    return out


def marked_lines(text: str, marks: Sequence[Mark]) -> list[list[tuple[str, str]]]:
    """The text's lines (:func:`text_lines`) as (piece, kind) pieces: ``PLAIN`` text, ``CITED``
    words of a quote, ``TARGET`` words of the linked quote (above a cited one where they
    overlap), and after the last words of each quote who said it (``WHO``, ``WHO_TARGET``),
    one piece for all the quotes ending there."""
    level = bytearray(len(text))  # 0 plain, 1 cited, 2 target
    ends: dict[int, dict[bool, list[str]]] = {}
    for mark in marks:
        if not mark.spans:
            continue
        for start, end in mark.spans:
            for i in range(max(start, 0), min(end, len(text))):
                level[i] = max(level[i], 2 if mark.target else 1)
        names = ends.setdefault(mark.spans[-1][1], {}).setdefault(mark.target, [])
        if mark.who not in names:
            names.append(mark.who)
    kinds = (PLAIN, CITED, TARGET)
    out: list[list[tuple[str, str]]] = []
    for start, end in text_lines(text):
        pieces: list[tuple[str, str]] = []
        at = start
        while at < end:
            stop = at + 1
            while stop < end and level[stop] == level[at] and stop not in ends:
                stop += 1
            pieces.append((text[at:stop], kinds[level[at]]))
            for target, kind in ((True, WHO_TARGET), (False, WHO)):
                names = ends.get(stop, {}).get(target)
                if names:
                    pieces.append(("; ".join(names), kind))
            at = stop
        out.append(pieces)
    return out


def highlighted_markdown(pieces: Sequence[tuple[str, str]]) -> str:
    """One line of pieces (:func:`marked_lines`) as markdown: escaped text; cited words in bold
    on orange, the linked quote's in bold on blue (bold: not only hue); who said them in a
    badge after them, the linked quote's marked with an arrow."""
    out = []
    for piece, kind in pieces:
        body = md(piece)
        if kind == WHO:
            out.append(f" :gray-badge[{body}]")
            continue
        if kind == WHO_TARGET:
            out.append(f" :blue-badge[▶ {body}]")
            continue
        if not body:
            out.append(" " if piece else "")
            continue
        lead = " " if piece[:1].isspace() else ""
        tail = " " if piece[-1:].isspace() else ""
        if kind == CITED:
            body = f":orange-background[**{body}**]"
        elif kind == TARGET:
            body = f":blue-background[**{body}**]"
        out.append(f"{lead}{body}{tail}")
    return "".join(out).strip()
