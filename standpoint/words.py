"""Words for counts, shared by every figure, note and text: one rule for plurals."""

from __future__ import annotations


def plural(n: int, one: str, many: str | None = None) -> str:
    """``1 state``, ``2 states``; ``many`` for irregular plurals."""
    return f"{n} {one if n == 1 else (many or one + 's')}"
