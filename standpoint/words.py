"""Words for counts, shared by every figure, note and text: one rule for plurals."""

from __future__ import annotations


def plural(n: int, one: str, many: str | None = None) -> str:
    """``1 state``, ``2 states``; ``many`` for irregular plurals."""
    return f"{n} {one if n == 1 else (many or one + 's')}"


def agree(n: int, one: str, many: str) -> str:
    """The form of a word that agrees with a count: ``agree(n, "is", "are")``."""
    return one if n == 1 else many


def and_list(names: list[str], most: int = 4) -> str:
    """``A``, ``A and B``, ``A, B and C``; past ``most`` names ``A, B, C, D and 3 more``."""
    shown = list(names[:most])
    more = len(names) - len(shown)
    if more:
        return ", ".join(shown) + f" and {more} more"
    if len(shown) <= 1:
        return "".join(shown)
    return ", ".join(shown[:-1]) + " and " + shown[-1]
