"""Helpers for the validator's tests (test_validation, test_quotes, test_properties)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from standpoint.loader import load

TODAY = dt.date(2026, 11, 21)
FIXTURES = Path(__file__).resolve().parent / "fixtures"
VALID = FIXTURES / "valid"
BROKEN = FIXTURES / "broken"


def load_dir(path: Path, today: dt.date = TODAY):
    """Load a data directory as of the fixed test date."""
    return load(Path(path), today=today)


def triples(ds) -> set[tuple[str, int, str]]:
    """The problems (errors and warnings) of a dataset as (path, line, code) triples."""
    return {(p.path, p.line, p.code) for p in [*ds.problems, *ds.warnings]}


def codes(ds) -> set[str]:
    return {p.code for p in ds.problems}


def copy_valid(dest: Path) -> Path:
    """A fresh copy of the valid fixture at ``dest``."""
    shutil.copytree(VALID, dest)
    return dest


def replace_in(path: Path, old: str, new: str) -> None:
    """Replace the single occurrence of ``old`` in the file at ``path``."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} must occur once in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8", newline="")


def line_of(path: Path, needle: str) -> int:
    """1-based line of the single occurrence of ``needle`` in ``path``."""
    text = path.read_text(encoding="utf-8")
    assert text.count(needle) == 1, f"{needle!r} must occur once in {path}"
    return text[: text.index(needle)].count("\n") + 1
