"""How counts are said in words: one rule for the whole project."""

from __future__ import annotations


def plural(n: int, one: str, many: str | None = None) -> str:
    """``1 state``, ``2 states``; ``many`` for irregular plurals."""
    return f"{n} {one if n == 1 else (many or one + 's')}"
