"""A text table (components.layout.text_table) read back as a reader sees it."""

from __future__ import annotations

import re

import pandas as pd

_ESCAPED = re.compile(r"\\(.)")
_EMPHASIS = re.compile(r"(?<!\\)\*+")
_LINK = re.compile(r"\[(?P<words>[^\]]*)\]\((?P<url>[^)]*)\)")


def lines(cell: str) -> list[str]:
    """A cell's lines as plain text: emphasis and escapes undone, a link as its URL."""
    out = []
    for line in str(cell).split("  \n"):
        line = _LINK.sub(lambda m: m.group("url"), _EMPHASIS.sub("", line))
        out.append(_ESCAPED.sub(r"\1", line))
    return [x for x in out if x]


def plain(table) -> pd.DataFrame:
    """The cells of an AppTest table: for each, its lines (:func:`lines`) joined by a line
    break; the column names unescaped."""
    frame = table.value
    return pd.DataFrame(
        {_ESCAPED.sub(r"\1", c): ["\n".join(lines(v)) for v in frame[c]] for c in frame.columns}
    )


def urls(table) -> list[str]:
    """Every link target in an AppTest table."""
    return [
        m.group("url")
        for c in table.value.columns
        for v in table.value[c]
        for m in _LINK.finditer(str(v))
    ]
