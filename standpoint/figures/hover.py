"""Hover text and labels built from data: always escaped, wrapped, and kept short."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pandas as pd

from .common import esc


def present(value: object) -> bool:
    """False for None, NaN and empty text (pandas turns missing text into NaN)."""
    if value is None:
        return False
    if isinstance(value, float) and pd.isna(value):
        return False
    return str(value).strip() != ""


def wrap(text: object, width: int = 70, limit: int = 400) -> str:
    """Escaped text broken into ``<br>``-separated lines, cut at ``limit`` characters."""
    if not present(text):
        return ""
    raw = " ".join(str(text).split())
    if len(raw) > limit:
        raw = raw[: limit - 1].rstrip() + "…"
    return "<br>".join(esc(line) for line in textwrap.wrap(raw, width=width))


def lines(*parts: tuple[str, object]) -> str:
    """``<b>label</b> value`` lines for the parts that have a value (values escaped)."""
    out = []
    for label, value in parts:
        if present(value):
            out.append(f"{label}{wrap(value)}" if label else wrap(value))
    return "<br>".join(out)


def quoted(text: object) -> str:
    """A quote in typographic quotation marks, escaped and wrapped; empty when missing."""
    if not present(text):
        return ""
    return wrap(f"“{' '.join(str(text).split())}”")


def unique_labels(ids: list[str], names: list[str]) -> dict[str, str]:
    """An escaped display label per id; names that occur twice get their id appended."""
    counts: dict[str, int] = {}
    for name in names:
        counts[name] = counts.get(name, 0) + 1
    return {
        i: esc(name) if counts[name] == 1 else f"{esc(name)} ({esc(i)})"
        for i, name in zip(ids, names, strict=True)
    }


def data_name(root: Path, given: str | None) -> str:
    """How a figure's source line names the data: as given, or the data folder's name."""
    return given or root.resolve().name or str(root)


def nice_step(biggest: int, ticks: int = 8) -> int:
    """A round axis step (1, 2, 5, 10, 20, 50, 100, …) giving at most about ``ticks``."""
    step = 1
    while biggest / step > ticks:
        for factor in (2, 2.5, 2):
            step = int(step * factor)
            if biggest / step <= ticks:
                break
    return step
