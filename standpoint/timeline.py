"""Positions over time: the steps an actor's cell takes, and what changed between two dates.

A position holds from its date (a ``YYYY-MM`` date from the 1st of the month, a ``YYYY`` date
from 1 January) until the actor's next position on the same issue. Positions of one actor on
one issue that share a date make one step; when their stances differ the step is ``divided``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import pandas as pd

from .cells import Step, cell, cell_words, join_distinct, level_value, pair_steps
from .model import Dataset
from .queries import actors_with_positions, latest_date

STEP_COLUMNS = [
    "actor",
    "actor_name",
    "issue",
    "issue_label",
    "start",
    "end",
    "open",
    "date_text",
    "stance",
    "value",
    "evidence",
    "speaker",
    "summary",
    "quote",
    "source",
    "positions",
]
CHANGE_COLUMNS = [
    "actor",
    "actor_name",
    "issue",
    "issue_label",
    "before",
    "after",
    "date",
    "date_text",
    "latest_text",
    "speaker",
    "summary",
    "quote",
    "source",
]


def default_until(ds: Dataset) -> dt.date:
    """The right edge of a time chart: today, or the latest position if that is later."""
    return max(dt.date.today(), latest_date(ds))


def _step_rows(ds: Dataset, steps: tuple[Step, ...], until: dt.date) -> list[dict]:
    """The rows of one actor's steps on one issue (dated on or before ``until``)."""
    rows = []
    for i, step in enumerate(steps):
        run = step.positions
        first = run[0]
        is_open = i + 1 == len(steps)
        end = until if is_open else steps[i + 1].start
        rows.append(
            {
                "actor": first.actor,
                "actor_name": ds.actors[first.actor].name,
                "issue": first.issue,
                "issue_label": ds.issues[first.issue].label,
                "start": pd.Timestamp(step.start),
                "end": pd.Timestamp(end),
                "open": is_open,
                "date_text": min((p.date for p in run), key=lambda d: d.last).shown,
                "stance": step.value,
                "value": level_value(step.value),
                "evidence": join_distinct(p.evidence for p in run),
                **cell_words(ds, run),
                "positions": len(run),
            }
        )
    return rows


def _frame(rows: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=STEP_COLUMNS)
    frame["start"] = pd.to_datetime(frame["start"])
    frame["end"] = pd.to_datetime(frame["end"])
    frame["value"] = frame["value"].astype(float)
    return frame.reset_index(drop=True)


def issue_steps(ds: Dataset, issue: str, until: dt.date | None = None) -> pd.DataFrame:
    """Every actor's level on ``issue`` over time: one row per step, actors in the order of
    actors.yaml, steps oldest first. The last step of each actor ends at ``until`` (default:
    :func:`default_until`) with ``open`` set; positions dated after ``until`` are left out."""
    return _steps(ds, [(actor, issue) for actor in ds.actors], until)


def actor_steps(ds: Dataset, actor: str, until: dt.date | None = None) -> pd.DataFrame:
    """One actor's level on every issue over time, issues in the order of issues.yaml."""
    return _steps(ds, [(actor, issue) for issue in ds.issues], until)


def _steps(ds: Dataset, cells: list[tuple[str, str]], until: dt.date | None) -> pd.DataFrame:
    """The steps of the (actor, issue) ``cells``, in the order given."""
    until = until or default_until(ds)
    return _frame(
        [row for a, i in cells for row in _step_rows(ds, pair_steps(ds, a, i, until), until)]
    )


def level_at(steps: pd.DataFrame, key: str, when: dt.date, by: str = "actor") -> str | None:
    """The stance of lane ``key`` (an actor, or an issue with ``by="issue"``) at ``when``."""
    ts = pd.Timestamp(when)
    held = steps[(steps[by] == key) & (steps["start"] <= ts)]
    return None if held.empty else str(held.iloc[-1]["stance"])


def level_changes(steps: pd.DataFrame, by: str = "actor") -> pd.Series:
    """Per lane, how many times its level changed (a step whose stance differs from the one
    before it; the first step is not a change)."""
    moved = steps["stance"].ne(steps.groupby(by, sort=False)["stance"].shift())
    first = ~steps[by].duplicated()
    return (moved & ~first).groupby(steps[by], sort=False).sum().astype(int)


def lane_order(steps: pd.DataFrame, how: str = "data", by: str = "actor") -> list[str]:
    """Lane ids in display order.

    ``data``: the order of the data files; ``name``: alphabetical; ``level``: by the latest
    level, support first and divided last; ``changes``: most changes of level first (then
    most steps)."""
    lanes = list(dict.fromkeys(steps[by]))
    if how == "data" or not lanes:
        return lanes
    label_col = "actor_name" if by == "actor" else "issue_label"
    names = dict(zip(steps[by], steps[label_col], strict=True))
    if how == "name":
        return sorted(lanes, key=lambda k: names[k].casefold())
    if how == "changes":
        moves = level_changes(steps, by)
        counts = steps.groupby(by, sort=False).size()
        return sorted(lanes, key=lambda k: (-moves[k], -counts[k], lanes.index(k)))
    if how == "level":
        last = steps.groupby(by, sort=False)["value"].agg(lambda s: s.iloc[-1])
        rank = {k: (-last[k] if pd.notna(last[k]) else 2.5) for k in lanes}
        return sorted(lanes, key=lambda k: (rank[k], names[k].casefold()))
    raise ValueError(f"unknown lane order {how!r}")


def changes(ds: Dataset, date_a: dt.date, date_b: dt.date) -> pd.DataFrame:
    """Cells of the matrix that differ between two dates (given in either order): the actor,
    the issue, the cell before and after (a stance key, ``divided`` or None), dated by when
    the change happened (the first position of the later cell's run at its level), with the
    words of that position; ``latest_text`` is the latest statement as of the later date.
    Actors in actors.yaml order, issues in issues.yaml order."""
    early, late = sorted((date_a, date_b))
    rows = []
    for actor in actors_with_positions(ds):  # the rows of the matrix
        for issue in ds.issues:
            before, after = cell(ds, actor, issue, early), cell(ds, actor, issue, late)
            if before.value == after.value:
                continue
            since = after.since
            made = [p for p in after.run if since is not None and p.date.start == since.start]
            rows.append(
                {
                    "actor": actor,
                    "actor_name": ds.actors[actor].name,
                    "issue": issue,
                    "issue_label": ds.issues[issue].label,
                    "before": before.value,
                    "after": after.value,
                    "date": pd.Timestamp(since.start) if since else pd.NaT,
                    "date_text": since.shown if since else None,
                    "latest_text": after.date.shown if after.date else None,
                    **cell_words(ds, made),
                }
            )
    frame = pd.DataFrame(rows, columns=CHANGE_COLUMNS)
    frame["date"] = pd.to_datetime(frame["date"])
    return frame


def focus_start(dates: Iterable[dt.date], until: dt.date) -> dt.date | None:
    """Where a time chart should start so that a few old positions do not squash the recent
    ones into slivers: the first of the month of the earliest date in the last year before
    ``until``, when that year holds most (60%) of the dates and the dates reach back more
    than two years. ``None`` when the whole period reads well."""
    held = sorted(d for d in dates if d <= until)
    if len(held) < 3 or (until - held[0]).days <= 730:
        return None
    cut = until - dt.timedelta(days=365)
    recent = [d for d in held if d >= cut]
    if not recent or len(recent) < 0.6 * len(held):
        return None
    return recent[0].replace(day=1)


def timeline_start(
    ds: Dataset,
    until: dt.date,
    *,
    actor: str | None = None,
    issue: str | None = None,
    lanes: Iterable[str] | None = None,
) -> dt.date | None:
    """Where a timeline starts when nobody chose a date: :func:`focus_start` of the dates of
    the positions it draws, those of ``actor`` on every issue, or those on ``issue`` (of the
    actors in ``lanes``, default all). ``None``: from its first step."""
    chosen = None if lanes is None else set(lanes)
    dates = [
        p.date.start
        for p in ds.positions
        if (actor is None or p.actor == actor)
        and (issue is None or p.issue == issue)
        and (chosen is None or p.actor in chosen)
    ]
    return focus_start(dates, until)


def shown_start(
    ds: Dataset,
    until: dt.date,
    given: dt.date | None,
    *,
    actor: str | None = None,
    issue: str | None = None,
    lanes: Iterable[str] | None = None,
) -> tuple[dt.date | None, dt.date | None]:
    """(start, auto): the first date a timeline shows, and the date it chose on its own (None
    when ``given`` was used or the whole period reads well). ``given`` holds when it lies
    before ``until``; otherwise :func:`timeline_start` decides."""
    if given is not None and given < until:
        return given, None
    auto = timeline_start(ds, until, actor=actor, issue=issue, lanes=lanes)
    return auto, auto


def start_words(start: dt.date) -> str:
    """What a timeline that starts on its own says about it (on the page and in exports)."""
    return (
        f"The chart starts on {start.isoformat()}, where most positions are; a level held "
        "since an earlier date is drawn from the left edge"
    )
