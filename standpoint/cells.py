"""What a cell is: the cell of actor A on issue I as of a date D, decided here and nowhere else.

The value follows the format's rule (docs/format.md, "How the data is read"): the actor's
latest position dated on or before D (a ``YYYY-MM`` date counts from the first of the month,
``YYYY`` from 1 January); where several positions share that latest date and their stances
differ, the cell is ``divided``. Around that value a :class:`Cell` carries what a reader needs
to judge it:

- the positions behind it: its *run*, the consecutive dated steps at the cell's level up to
  D (oldest first), the latest step last;
- ``since``: the first date of that run (when the current level began), and the latest date;
- ``old``: under an age limit of N months, whether the latest date surely lies before D moved
  back N calendar months (see :func:`is_old`);
- ``differ``: the positions that make the mark "officials differ" (see :func:`differing`);
- ``dropped``: positions of the pair left out for errors, and whether they are all there is.

Every page, figure, table and the command line ask this module; the positions are indexed
once per loaded :class:`~standpoint.model.Dataset`.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

import pandas as pd

from .dates import PartialDate, months_back
from .model import Dataset, Dropped, Position
from .scale import DIVIDED, LEVELS, VALUE

DEFAULT_WINDOW_DAYS = 30  # "officials differ": how far back another speaker counts
DEFAULT_MAX_AGE_MONTHS = 12  # the dashboard's age limit
EVIDENCE_RANK: dict[str, int] = {"stated": 0, "reported": 1, "inferred": 2}
# cells kept once made: eight views of 60 rows by 40 issues, or the whole of a data set of 300
# actors by 40 issues at one date and a part of it at another. More would cost Python's cycle
# collection, after every script run, time to scan them
MADE_CELLS = 20_000

Pair = tuple[str, str]


@dataclass(frozen=True, slots=True)
class Step:
    """The positions of one actor on one issue that share a date (the day it counts from),
    and the level they make together: a stance key, or ``divided`` when they disagree."""

    positions: tuple[Position, ...]
    value: str

    @property
    def start(self) -> dt.date:
        return self.positions[0].date.start

    @property
    def last_day(self) -> dt.date:
        """The latest last day its dates can mean (``2025-02`` and ``2025-02-01`` share a
        step; the month reaches further)."""
        return max(p.date.last for p in self.positions)


def step_value(positions: Iterable[Position]) -> str | None:
    """The level positions of one date make: their stance, ``divided`` when they disagree,
    None when there are none."""
    stances = {p.stance for p in positions}
    if not stances:
        return None
    return stances.pop() if len(stances) == 1 else DIVIDED


class PositionIndex:
    """Every position by (actor, issue), oldest first, grouped into dated steps; and the
    positions left out for errors. Built once per data set by :func:`index`."""

    def __init__(self, ds: Dataset) -> None:
        pairs: dict[Pair, list[Position]] = defaultdict(list)
        for p in ds.positions:
            pairs[(p.actor, p.issue)].append(p)
        self.history: dict[Pair, tuple[Position, ...]] = {}
        self.steps: dict[Pair, tuple[Step, ...]] = {}
        self.starts: dict[Pair, list[dt.date]] = {}
        for pair, positions in pairs.items():
            positions.sort(key=lambda p: p.date.start)  # stable: file order within a date
            self.history[pair] = tuple(positions)
            groups: list[list[Position]] = []
            for p in positions:
                if groups and groups[-1][0].date.start == p.date.start:
                    groups[-1].append(p)
                else:
                    groups.append([p])
            steps = tuple(Step(tuple(g), step_value(g) or DIVIDED) for g in groups)
            self.steps[pair] = steps
            self.starts[pair] = [s.start for s in steps]
        dropped: dict[Pair, list[Dropped]] = defaultdict(list)
        for d in ds.dropped:
            dropped[(d.actor, d.issue)].append(d)
        self.dropped: dict[Pair, tuple[Dropped, ...]] = {k: tuple(v) for k, v in dropped.items()}
        self.actors_with_positions = {p.actor for p in ds.positions}
        # cells already worked out, by (pair, as of, max_age, window): a page's run asks for
        # the same cells several times (its chart, then the chart's alt text, speaker note and
        # image counts), and a Cell never changes once made (see :func:`cell`)
        self.made: dict[tuple, Cell] = {}

    def steps_until(self, pair: Pair, as_of: dt.date) -> tuple[Step, ...]:
        """The steps of a pair dated on or before ``as_of``, oldest first."""
        starts = self.starts.get(pair)
        if not starts:
            return ()
        return self.steps[pair][: bisect.bisect_right(starts, as_of)]


T = TypeVar("T")


def positions_stamp(ds: Dataset) -> tuple[int, int, int, int]:
    """What tells whether the positions of ``ds`` changed since something was worked out
    from them and kept in ``ds.index_cache``."""
    return (id(ds.positions), len(ds.positions), id(ds.dropped), len(ds.dropped))


def kept(ds: Dataset, name: str, build: Callable[[Dataset], T]) -> T:
    """``build(ds)``, worked out on first use and kept with the data set under ``name``
    (worked out again only should its positions change)."""
    stamp = positions_stamp(ds)
    cached = ds.index_cache.get(name)
    if cached is not None and cached[0] == stamp:
        return cached[1]
    built = build(ds)
    ds.index_cache[name] = (stamp, built)
    return built


def index(ds: Dataset) -> PositionIndex:
    """The position index of ``ds``, built on first use and kept with the data set."""
    return kept(ds, "cells", PositionIndex)


@dataclass(frozen=True, slots=True)
class Cell:
    """The cell of one actor on one issue as of a date, and what a reader needs to judge it."""

    actor: str
    issue: str
    as_of: dt.date
    value: str | None  # a stance key, ``divided``, or None for no stated position
    latest: tuple[Position, ...] = ()  # the positions of the latest date (several: speakers)
    run: tuple[Position, ...] = ()  # the current run at this level, oldest first
    since: PartialDate | None = None  # when the current level began: the run's first date
    old: bool = False  # older than the age limit asked for (never without one)
    max_age: int | None = None  # the age limit in months it was judged by
    differ: tuple[Position, ...] = ()  # other speakers' different words within the window
    dropped: tuple[Dropped, ...] = ()  # positions of the pair left out for errors, up to D

    @property
    def date(self) -> PartialDate | None:
        """The latest date (where several positions share it, the most precise)."""
        if not self.latest:
            return None
        return min((p.date for p in self.latest), key=lambda d: d.last)

    @property
    def last_day(self) -> dt.date | None:
        """The last day the latest date can mean; for a divided cell the latest of them."""
        return max((p.date.last for p in self.latest), default=None)

    @property
    def speakers(self) -> tuple[str | None, ...]:
        """The speakers of the latest positions, in order (None: the actor itself)."""
        return tuple(dict.fromkeys(p.speaker for p in self.latest))

    @property
    def evidence(self) -> str | None:
        """The strongest evidence among the latest positions (``stated`` first)."""
        return strongest(self.latest)

    @property
    def evidences(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(p.evidence for p in self.latest))

    @property
    def officials_differ(self) -> bool:
        return bool(self.differ)

    @property
    def only_dropped(self) -> bool:
        """No position stands, and some were left out for errors: not the same as silence."""
        return self.value is None and bool(self.dropped)

    @property
    def shown_value(self) -> str | None:
        """The value with the age limit applied as the command line applies it (an old cell
        empty)."""
        return None if self.old else self.value

    @property
    def words(self) -> tuple[Position, ...]:
        """The positions behind the cell, strongest words first: the actor's own words
        (``stated``), then reports, then readings; newest first within each."""
        return strongest_first(self.run)


def strongest(positions: Sequence[Position]) -> str | None:
    """``stated`` when any position is in the actor's own words, else ``reported``, etc."""
    if not positions:
        return None
    return min((p.evidence for p in positions), key=lambda e: EVIDENCE_RANK.get(e, 9))


def strongest_first(positions: Iterable[Position]) -> tuple[Position, ...]:
    """Positions ordered by evidence (own words first), newest first within each."""
    newest = sorted(positions, key=lambda p: p.date.start, reverse=True)
    return tuple(sorted(newest, key=lambda p: EVIDENCE_RANK.get(p.evidence, 9)))


def is_old(last_day: dt.date, as_of: dt.date, max_age: int | None) -> bool:
    """The age limit of the format: a cell is old when the last day its latest date can mean
    falls before ``as_of`` moved back ``max_age`` calendar months (the day clamped to that
    month's end). No limit (None) makes nothing old."""
    if max_age is None:
        return False
    return last_day < months_back(as_of, max_age)


def differing(
    steps: Sequence[Step], history: Sequence[Position], value: str, window: int | None
) -> tuple[Position, ...]:
    """The positions that make the mark "officials differ" on a cell of ``value`` whose
    latest step is ``steps[-1]``: not for a ``divided`` cell; other positions of the pair
    whose first day P lies 0 < L - P <= ``window`` days before the latest date's first day L,
    whose speaker is none of the latest positions' speakers (no speaker is the actor itself,
    a speaker of its own) and whose stance differs from the cell's value. None without a
    window."""
    if window is None or value == DIVIDED or not steps:
        return ()
    latest = steps[-1]
    first = latest.start
    speakers = {p.speaker for p in latest.positions}
    lo = first - dt.timedelta(days=window)
    return tuple(
        p
        for p in history
        if lo <= p.date.start < first and p.speaker not in speakers and p.stance != value
    )


def cell(
    ds: Dataset,
    actor: str,
    issue: str,
    as_of: dt.date,
    *,
    max_age: int | None = None,
    window: int | None = DEFAULT_WINDOW_DAYS,
) -> Cell:
    """The cell of ``actor`` on ``issue`` as of ``as_of``. ``max_age`` (months) judges it old
    or not; ``window`` (days) is that of "officials differ" (None: no such mark). Kept with
    the position index once made (the last :data:`MADE_CELLS` cells asked for)."""
    idx = index(ds)
    pair = (actor, issue)
    key = (pair, as_of, max_age, window)
    made = idx.made.get(key)
    if made is None:
        made = _cell(idx, pair, as_of, max_age, window)
        if len(idx.made) >= MADE_CELLS:
            idx.made.clear()  # one step, safe while other sessions' threads read it
        idx.made[key] = made
    return made


def level_of(ds: Dataset, actor: str, issue: str, as_of: dt.date) -> str | None:
    """The level of the cell of ``actor`` on ``issue`` as of ``as_of``, as :func:`cell` has
    it (its ``value``), without the rest of the cell: for counts of many cells."""
    return _level(index(ds).steps_until((actor, issue), as_of))


def _level(steps: Sequence[Step]) -> str | None:
    """A cell's level from its pair's steps up to its date: the latest step's (None: none)."""
    return steps[-1].value if steps else None


def _cell(
    idx: PositionIndex, pair: Pair, as_of: dt.date, max_age: int | None, window: int | None
) -> Cell:
    """The cell of ``pair`` as of ``as_of``, worked out from the index (:func:`cell`)."""
    actor, issue = pair
    dropped = tuple(d for d in idx.dropped.get(pair, ()) if d.date is None or d.date.start <= as_of)
    steps = idx.steps_until(pair, as_of)
    if not steps:
        return Cell(actor, issue, as_of, None, max_age=max_age, dropped=dropped)
    latest = steps[-1]
    value = _level(steps)
    first = len(steps) - 1
    while first > 0 and steps[first - 1].value == value:
        first -= 1
    run = tuple(p for s in steps[first:] for p in s.positions)
    since = min((p.date for p in steps[first].positions), key=lambda d: d.last)
    held = idx.history[pair][: sum(len(s.positions) for s in steps)]
    return Cell(
        actor,
        issue,
        as_of,
        value,
        latest=latest.positions,
        run=run,
        since=since,
        old=is_old(latest.last_day, as_of, max_age),
        max_age=max_age,
        differ=differing(steps, held, value, window),
        dropped=dropped,
    )


def grid(
    ds: Dataset,
    as_of: dt.date,
    actors: Sequence[str],
    issues: Sequence[str],
    *,
    max_age: int | None = None,
    window: int | None = DEFAULT_WINDOW_DAYS,
) -> list[list[Cell]]:
    """The cells of ``actors`` (rows) by ``issues`` (columns), in the order given."""
    return [[cell(ds, a, i, as_of, max_age=max_age, window=window) for i in issues] for a in actors]


def history(ds: Dataset, actor: str, issue: str) -> tuple[Position, ...]:
    """Every position of an actor on an issue, oldest first."""
    return index(ds).history.get((actor, issue), ())


def held_and_later(
    ds: Dataset, actor: str, issue: str, as_of: dt.date
) -> tuple[tuple[Position, ...], tuple[Position, ...]]:
    """Every position of an actor on an issue, oldest first, split into those dated on or
    before ``as_of`` and those after it."""
    steps = index(ds).steps_until((actor, issue), as_of)
    held = history(ds, actor, issue)
    n = sum(len(s.positions) for s in steps)
    return held[:n], held[n:]


def pair_steps(ds: Dataset, actor: str, issue: str, until: dt.date) -> tuple[Step, ...]:
    """The dated steps of an actor on an issue on or before ``until``, oldest first (what
    time charts draw: each step is the cell from its date until the next)."""
    return index(ds).steps_until((actor, issue), until)


def cited_by_cells(ds: Dataset, pairs: Iterable[tuple[str, str]], as_of: dt.date) -> list[Position]:
    """The positions behind the cells of the (actor, issue) ``pairs`` as of ``as_of``: what
    a chart of those cells cites (its ``Sources:`` line)."""
    return behind((cell(ds, a, i, as_of, window=None) for a, i in pairs))


def behind(cells: Iterable[Cell]) -> list[Position]:
    """The positions behind ``cells`` (each cell's latest): what a chart of them cites."""
    return [p for c in cells for p in c.latest]


def cited_by_steps(
    ds: Dataset, pairs: Iterable[tuple[str, str]], until: dt.date, since: dt.date | None = None
) -> list[Position]:
    """The positions behind the steps a time chart draws for the (actor, issue) ``pairs``
    from ``since`` (default: the first step) to ``until``: every step still held after
    ``since``."""
    out: list[Position] = []
    for a, i in pairs:
        steps = pair_steps(ds, a, i, until)
        for k, step in enumerate(steps):
            ends = steps[k + 1].start if k + 1 < len(steps) else None
            if since is None or ends is None or ends > since:
                out.extend(step.positions)
    return out


def dated_by(ds: Dataset, as_of: dt.date | None) -> list[Position]:
    """The positions that count as of ``as_of`` (dated on or before it; all for None)."""
    return [p for p in ds.positions if as_of is None or p.date.start <= as_of]


def has_position(ds: Dataset, actor: str) -> bool:
    """Whether the actor holds a position at any date (whether it has a matrix row)."""
    return actor in index(ds).actors_with_positions


def level_value(stance: str | None) -> float:
    """A cell's level on the -2..2 scale; NaN for ``divided`` and no position."""
    return float(VALUE[stance]) if stance in VALUE else float("nan")


def join_distinct(values: Iterable[str | None], sep: str = " / ") -> str | None:
    """Distinct non-empty values, in order, joined; None when there are none."""
    seen: list[str] = []
    for v in values:
        if v and v not in seen:
            seen.append(v)
    return sep.join(seen) if seen else None


def cell_words(ds: Dataset, made: Sequence[Position], sep: str = "\n") -> dict[str, str | None]:
    """The words behind a cell or step made by ``made``: distinct speakers and sources joined
    by " / ", summaries and quotes (each position's first citation) by ``sep``."""
    firsts = [p.citations[0] for p in made if p.citations]
    return {
        "speaker": join_distinct(p.speaker for p in made),
        "summary": join_distinct((p.summary for p in made), sep=sep),
        "quote": join_distinct((c.quote for c in firsts), sep=sep),
        "source": join_distinct(ds.source_label(c) for c in firsts),
    }


# -- one issue's cells as a frame (maps, counts, the Issue page) -------------------------------

CELL_COLUMNS = [
    "actor",
    "actor_name",
    "kind",
    "iso3",
    "stance",
    "value",
    "date_text",
    "since_text",
    "old",
    "differ",
    "speaker",
    "summary",
    "quote",
    "source",
]


def issue_cells(
    ds: Dataset, issue: str, as_of: dt.date, *, max_age: int | None = None
) -> pd.DataFrame:
    """Every actor holding a position on ``issue`` as of ``as_of``: its cell (a stance key or
    ``divided``), dates at their precision (latest and since), marks, and the position(s) of
    the latest date; actors in actors.yaml order."""
    rows = []
    for actor_id, actor in ds.actors.items():
        c = cell(ds, actor_id, issue, as_of, max_age=max_age)
        if c.value is None:
            continue
        rows.append(
            {
                "actor": actor_id,
                "actor_name": actor.name,
                "kind": actor.kind,
                "iso3": actor.iso3,
                "stance": c.value,
                "value": level_value(c.value),
                "date_text": c.date.shown if c.date else None,
                "since_text": c.since.shown if c.since else None,
                "old": c.old,
                "differ": c.officials_differ,
                **cell_words(ds, c.latest),
            }
        )
    return pd.DataFrame(rows, columns=CELL_COLUMNS)


def distribution(cells: pd.DataFrame) -> pd.DataFrame:
    """How many actors hold each level (scale order, then divided), zeros included."""
    keys = [lvl.key for lvl in LEVELS] + [DIVIDED]
    counts = cells["stance"].value_counts()
    return pd.DataFrame(
        {"stance": keys, "actors": [int(counts.get(k, 0)) for k in keys]},
    )


def mappable(cells: pd.DataFrame) -> pd.Series:
    """True for the cells a world map can show: states with an ISO 3166-1 alpha-3 code."""
    has_code = cells["iso3"].map(lambda v: isinstance(v, str) and len(v) == 3)
    return has_code & (cells["kind"] == "state")
