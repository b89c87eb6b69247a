"""Dates of day, month or year precision (``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY``)."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from .words import plural

_FORM = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date as written, and the first day it counts from."""

    text: str
    start: dt.date
    precision: str  # "day" | "month" | "year"

    def __str__(self) -> str:
        return self.text

    @property
    def last(self) -> dt.date:
        """The last day the date can mean: the day itself, the month's last day for
        ``YYYY-MM``, 31 December for ``YYYY``."""
        if self.precision == "day":
            return self.start
        if self.precision == "month":
            days = calendar.monthrange(self.start.year, self.start.month)[1]
            return self.start.replace(day=days)
        return self.start.replace(month=12, day=31)

    @property
    def shown(self) -> str:
        """The date as readers see it, at its own precision: ``2025-02-17``, ``Feb 2025``,
        ``2008``; never a month or a year shown as its first day."""
        return show(self)


def show(date: PartialDate | None) -> str:
    """A date at its precision, the one way dates of the data are shown (cells, hover, the
    evidence panel, timelines, tables, exports): ``2025-02-17``, ``Feb 2025``, ``2008``.
    Empty for None."""
    if date is None:
        return ""
    if date.precision == "day":
        return date.start.isoformat()
    if date.precision == "month":
        return f"{calendar.month_abbr[date.start.month]} {date.start.year}"
    return str(date.start.year)


def months_back(day: dt.date, months: int) -> dt.date:
    """``day`` moved back ``months`` calendar months, the day clamped to that month's end
    (2025-03-31 back one month is 2025-02-28)."""
    index = day.year * 12 + (day.month - 1) - months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def age_words(date: PartialDate, as_of: dt.date) -> str:
    """How long before ``as_of`` a date lies, counted at the date's own precision: whole
    years for a year ("17 years"), months for a month, and for a day days (under two
    months), months (under two years) or years. Counted from the date's first day, the way
    a reader counts ("2008" as of April 2025 is 17 years before)."""
    start = date.start
    months = (as_of.year - start.year) * 12 + as_of.month - start.month
    if date.precision == "day" and as_of.day < start.day:
        months -= 1
    if date.precision == "year":
        return plural(as_of.year - start.year, "year")
    if date.precision == "day" and months < 2:
        return plural((as_of - start).days, "day")
    if months < 24:
        return plural(months, "month")
    return plural(months // 12, "year")


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
