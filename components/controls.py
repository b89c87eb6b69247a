"""Controls shared by the pages, each bound to a URL query parameter of its key's name.

Because every control that shapes a view is bound to the URL (``bind="query-params"``), a
copied link reproduces the view: the page, the date, the filters and the selected cell.
Selection widgets put the option's label in the URL (``?actor=Poland``); a value equal to the
default is left out of the URL.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import streamlit as st

from standpoint import queries
from standpoint.cells import DEFAULT_MAX_AGE_MONTHS, DEFAULT_WINDOW_DAYS
from standpoint.model import Dataset
from standpoint.ordering import CELL_KEYS
from standpoint.scale import ACTOR_KINDS, BY_KEY, DIVIDED, level_label
from standpoint.timeline import start_words

ASOF = "asof"
CHOSEN_ASOF = "_standpoint_asof"  # the as-of date last chosen, None for the default


def unique_labels(ids: Iterable[str], label_of: Callable[[str], str]) -> dict[str, str]:
    """A label for every id; labels shared by several ids get the id added, so that each
    label (which is what the URL holds) names one option."""
    ids = list(ids)
    labels = {i: label_of(i) for i in ids}
    counts: dict[str, int] = {}
    for label in labels.values():
        counts[label] = counts.get(label, 0) + 1
    return {i: (f"{lab} ({i})" if counts[lab] > 1 else lab) for i, lab in labels.items()}


def actor_labels(ds: Dataset) -> dict[str, str]:
    return unique_labels(ds.actors, lambda a: ds.actors[a].name)


def issue_labels(ds: Dataset) -> dict[str, str]:
    return unique_labels(ds.issues, lambda i: ds.issues[i].label)


def source_labels(ds: Dataset) -> dict[str, str]:
    return unique_labels(ds.sources, lambda s: ds.sources[s].title)


def date_range(ds: Dataset) -> tuple[dt.date, dt.date]:
    """The dates the as-of control offers: from the earliest position to today (or the latest
    position, should the data hold a later one)."""
    first, latest = queries.date_span(ds) or (dt.date(2000, 1, 1), dt.date.today())
    return first, max(dt.date.today(), latest)


def asof(ds: Dataset, where: Any = None) -> dt.date:
    """The as-of date (URL ``asof``), by default the latest date in the data."""
    where = where if where is not None else st.sidebar
    latest = queries.latest_date(ds)
    first, last = date_range(ds)
    value = where.date_input(
        "As of",
        value=latest,
        min_value=first,
        max_value=last,
        format="YYYY-MM-DD",
        key=ASOF,
        bind="query-params",
        help="Show each actor's latest position on or before this date. "
        "It starts at the latest date in the data.",
    )
    value = value if isinstance(value, dt.date) else latest
    st.session_state[CHOSEN_ASOF] = value if value != latest else None
    return value


def max_age(where: Any = None) -> int | None:
    """The age limit in months (URL ``maxage``), 12 by default; 0 turns it off (None)."""
    where = where if where is not None else st.sidebar
    value = where.number_input(
        "Age limit (months; 0 = off)",
        min_value=0,
        max_value=1200,
        value=DEFAULT_MAX_AGE_MONTHS,
        step=1,
        key="maxage",
        bind="query-params",
        help="A cell whose latest date surely lies more than this many calendar months "
        "before the as-of date is marked old (faded, with its year). It keeps its level. "
        "0 turns the limit off.",
    )
    months = int(value) if isinstance(value, int | float) else DEFAULT_MAX_AGE_MONTHS
    return months if months >= 1 else None


def window(where: Any = None) -> int:
    """The window of "officials differ" in days (URL ``window``), 30 by default."""
    where = where if where is not None else st.sidebar
    value = where.number_input(
        "Officials differ within (days)",
        min_value=1,
        max_value=3650,
        value=DEFAULT_WINDOW_DAYS,
        step=1,
        key="window",
        bind="query-params",
        help="A cell is marked ≠ when, up to this many days before its latest date, another "
        "speaker of the same actor took a different level on the issue.",
    )
    return int(value) if isinstance(value, int | float) else DEFAULT_WINDOW_DAYS


def actor_picker(
    ds: Dataset,
    key: str = "actor",
    label: str = "Actor",
    *,
    actors: Sequence[str] | None = None,
    allow_none: bool = False,
    where: Any = None,
    help: str | None = None,
) -> str | None:
    """An actor chosen by name (URL ``<key>=<name>``). Without ``allow_none`` the first actor
    is the default."""
    labels = actor_labels(ds)
    options = [a for a in (actors if actors is not None else ds.actors) if a in labels]
    return _pick(options, labels, key, label, allow_none, where, help, "Choose an actor")


def issue_picker(
    ds: Dataset,
    key: str = "issue",
    label: str = "Issue",
    *,
    issues: Sequence[str] | None = None,
    allow_none: bool = False,
    where: Any = None,
    help: str | None = None,
) -> str | None:
    """An issue chosen by its label (URL ``<key>=<label>``)."""
    labels = issue_labels(ds)
    options = [i for i in (issues if issues is not None else ds.issues) if i in labels]
    return _pick(options, labels, key, label, allow_none, where, help, "Choose an issue")


def _pick(
    options: list[str],
    labels: dict[str, str],
    key: str,
    label: str,
    allow_none: bool,
    where: Any,
    help: str | None,
    placeholder: str,
) -> str | None:
    where = where if where is not None else st.sidebar
    if not options:
        where.caption(f"{label}: none in the data")
        return None
    value = where.selectbox(
        label,
        options,
        index=None if allow_none else 0,
        format_func=lambda x: labels.get(x, x),
        key=key,
        bind="query-params",
        placeholder=placeholder,
        help=help,
    )
    return value if value in labels else (None if allow_none else options[0])


def kinds_picker(ds: Dataset, where: Any) -> list[str]:
    """The actor kinds to show (URL ``kinds``), of those in the data; empty means all."""
    present = [k for k in ACTOR_KINDS if any(a.kind == k for a in ds.actors.values())]
    return multi(where, "Actor kinds", present, {k: k for k in present}, "kinds", "All kinds")


def groups_picker(ds: Dataset, where: Any, help: str | None = None) -> list[str]:
    """The groups whose actors to show (URL ``groups``); empty means all."""
    names = {g: group.name for g, group in ds.groups.items()}
    return multi(where, "Groups", list(ds.groups), names, "groups", "All groups", help=help)


LEVEL_ISSUE = "level_issue"
LEVELS = "levels"


def level_words(key: str) -> str:
    """A cell key of ``ordering.CELL_KEYS`` as the matrix legend says it ("−− Opposes")."""
    symbol = BY_KEY[key].symbol if key in BY_KEY else ("±" if key == DIVIDED else "(blank)")
    return f"{symbol} {level_label(key)}"


def level_filter(ds: Dataset, where: Any) -> tuple[str | None, list[str]]:
    """One issue (URL ``level_issue``) and the levels held on it (URL ``levels``, repeated;
    empty means all): the rows holding them, and the issue to order rows by level."""
    issue = issue_picker(
        ds,
        LEVEL_ISSUE,
        "Level on an issue",
        allow_none=True,
        where=where,
        help="Filter the rows by the level they hold on this issue, or order them by it "
        "(Order rows: by level on one issue).",
    )
    if issue is None:
        return None, []
    labels = {k: level_words(k) for k in CELL_KEYS}
    held = multi(
        where,
        "Holding",
        list(CELL_KEYS),
        labels,
        LEVELS,
        "Any level",
        help="Only the actors whose cell on this issue, as of the date, is one of these levels.",
    )
    return issue, held


def multi(
    where: Any,
    label: str,
    options: Sequence[str],
    labels: dict[str, str],
    key: str,
    placeholder: str,
    help: str | None = None,
) -> list[str]:
    """A multiselect bound to the URL whose empty value means "all"."""
    chosen = where.multiselect(
        label,
        list(options),
        default=[],
        format_func=lambda x: labels.get(x, x),
        key=key,
        bind="query-params",
        placeholder=placeholder,
        help=help,
    )
    return [c for c in chosen if c in labels]


def date_picker(
    ds: Dataset,
    key: str,
    label: str,
    default: dt.date | None,
    *,
    where: Any = None,
    help: str | None = None,
) -> dt.date | None:
    """A full date (URL ``<key>=YYYY-MM-DD``) within the data's date range; ``default`` when
    the URL gives none. With a ``default`` of None the field may be left empty (None)."""
    where = where if where is not None else st.sidebar
    first, last = date_range(ds)
    if default is not None:
        default = min(max(default, first), last)
    value = where.date_input(
        label,
        value=default,
        min_value=first,
        max_value=last,
        format="YYYY-MM-DD",
        key=key,
        bind="query-params",
        help=help,
    )
    return value if isinstance(value, dt.date) else default


def focus_caption(start: dt.date | None, where_to_set: str) -> None:
    """Say that a time chart starts late on its own (``standpoint.timeline.timeline_start``)."""
    if start is not None:
        st.caption(f"{start_words(start)}. Set {where_to_set} to see another period.")
