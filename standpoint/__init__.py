"""Standpoint: who stands where on a contested question, since when, and on whose word."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .loader import load

__all__ = ["load"]
__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    # ``load`` is imported on first use, not with the package: ``validate`` prints a result
    # kept from its last run without importing the parser at all (standpoint.loader.report)
    if name == "load":
        from .loader import load

        return load
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
