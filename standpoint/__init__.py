"""Standpoint: who stands where on a contested question, since when, and on whose word."""

from .loader import load

__all__ = ["load"]
__version__ = "0.1.0"
