"""Dates of day, month or year precision (``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY``)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_FORM = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date as written, and the first day it counts from."""

    text: str
    start: dt.date
    precision: str  # "day" | "month" | "year"

    def __str__(self) -> str:
        return self.text


def parse_date(text: str) -> PartialDate:
    """Parse ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``; raise ValueError saying why not."""
    match = _FORM.match(text.strip())
    if not match:
        raise ValueError("not of the form YYYY-MM-DD, YYYY-MM or YYYY")
    year, month, day = match.groups()
    if year == "0000":
        raise ValueError("there is no year 0")
    try:
        start = dt.date(int(year), int(month or 1), int(day or 1))
    except ValueError as exc:
        raise ValueError(str(exc)) from None
    precision = "day" if day else "month" if month else "year"
    return PartialDate(text.strip(), start, precision)


def parse_as_of(text: str) -> dt.date:
    """A full date for --as-of and the dashboard; raise ValueError otherwise."""
    try:
        parsed = parse_date(text)
    except ValueError as exc:
        shaped = re.fullmatch(r"[0-9]{4}(-[0-9]{2}){0,2}", text.strip()) is not None
        reason = f" ({exc})" if shaped else ""
        raise ValueError(f"expected a date YYYY-MM-DD, found {text!r}{reason}") from None
    if parsed.precision != "day":
        raise ValueError(f"expected a full date YYYY-MM-DD, found {text!r}")
    return parsed.start
