"""Does a quote occur in a source text?

Matching ignores whitespace, letter case, and typographic versus straight quotes, apostrophes
and dashes; an ellipsis (``...`` or ``…``) in a quote stands for omitted text, so the pieces
around it must occur in the text in order.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_TRANSLATE = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "`": "'",
        "\u00b4": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\ufe58": "-",
        "\ufe63": "-",
        "\uff0d": "-",
    }
)
_SPACE = re.compile(r"\s+")
_ELLIPSIS = re.compile(r"\.{3,}|\u2026")


_FOLDS = [(chr(k), v) for k, v in _TRANSLATE.items()]


def fold(text: str) -> str:
    """``text`` with typographic quotes, apostrophes and dashes made straight, one character
    for one (as ``str.translate`` with the table above, but many times faster on a long
    text: one C-speed pass for each character that is folded)."""
    for char, straight in _FOLDS:
        if char in text:
            text = text.replace(char, straight)
    return text


def normalise(text: str) -> str:
    """Fold case, typographic punctuation and whitespace (removed entirely)."""
    return _SPACE.sub("", fold(text).casefold())


def quote_pieces(quote: str) -> list[str]:
    """The normalised pieces of a quote between ellipses (empty pieces dropped)."""
    return [p for p in (normalise(part) for part in _ELLIPSIS.split(quote)) if p]


def occurs_in(quote: str, normalised_text: str) -> bool:
    """True when every piece of ``quote`` occurs in ``normalised_text``, in order.

    ``normalised_text`` is a text passed through :func:`normalise` (done once per file).
    A quote made only of ellipses and whitespace does not match anything.
    """
    pieces = quote_pieces(quote)
    if not pieces:
        return False
    at = 0
    for piece in pieces:
        found = normalised_text.find(piece, at)
        if found < 0:
            return False
        at = found + len(piece)
    return True


def find_spans(quote: str, text: str) -> list[tuple[int, int]]:
    """Where the pieces of ``quote`` occur in the raw ``text``, as (start, end) offsets.

    Used to highlight quotes in a source text. Empty when the quote does not occur.
    """
    return find_all_spans([quote], text)[0]


def find_all_spans(quotes: Iterable[str], text: str) -> list[list[tuple[int, int]]]:
    """:func:`find_spans` of each quote in one text, which is folded only once."""
    kept: list[int] = []  # raw offset of each kept (non-space) character
    chars: list[str] = []
    for i, ch in enumerate(text):
        folded = ch.translate(_TRANSLATE).casefold()
        if _SPACE.fullmatch(ch):
            continue
        for f in folded:
            chars.append(f)
            kept.append(i)
    flat = "".join(chars)
    return [_spans(quote, flat, kept) for quote in quotes]


def _spans(quote: str, flat: str, kept: list[int]) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    at = 0
    for piece in quote_pieces(quote):
        found = flat.find(piece, at)
        if found < 0:
            return []
        end = found + len(piece)
        spans.append((kept[found], kept[end - 1] + 1))
        at = end
    return spans
