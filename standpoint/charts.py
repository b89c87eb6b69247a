"""Charts to take away: what a chart is (:class:`Chart`), its figures at a size, the data it
shows, its file names, and the words that go with it (alt text and a speaker note).

The CLI (``chart``, ``deck``) and the app's download buttons call these same functions.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import pandas as pd
import plotly.graph_objects as go

from . import queries
from .agreement import agreement
from .cells import DEFAULT_WINDOW_DAYS, distribution, issue_cells, level_of, mappable
from .cells import cell as cell_of
from .chart_options import KINDS as KINDS
from .chart_options import problems
from .credits import cited, name_texts
from .figures.compare import agreement_heatmap
from .figures.distribution import distribution_figure
from .figures.frame import Size, size_named
from .figures.maps import world_assets, world_map
from .figures.matrix import matrix_figure, slide_fit
from .figures.timeline import actor_timeline, issue_timeline
from .model import Dataset, Position
from .ordering import name_list, order_actors
from .scale import DIVIDED, LEVELS, level_label
from .timeline import actor_steps, issue_steps, shown_start, start_words
from .words import agree, and_list, clause_list, plural, the

FORMATS = ("png", "svg", "pdf", "csv", "json")
IMAGE_FORMATS = ("png", "svg", "pdf")
SINCE_DAYS = 30  # the comparison date when no event comes before the as-of date
NAMED_IN_FILE = 3  # ids named in a file name before "and N more"


class ChartError(ValueError):
    """A chart asked for that the data cannot give (unknown issue, too few actors, …)."""


@dataclass(frozen=True, slots=True)
class Chart:
    """One chart: which view, as of when, of what, at which size."""

    kind: str
    as_of: dt.date
    issue: str | None = None  # timeline and map: the one issue
    issues: tuple[str, ...] = ()  # matrix and compare: the columns (default: all)
    actors: tuple[str, ...] = ()  # rows, lanes or the actors compared (default: all with data)
    size: str = "16:9"
    title: str | None = None
    since: dt.date | None = None  # the earlier date of the speaker note (default: see since)
    start: dt.date | None = None  # timeline: the first date shown (default: timeline_start)
    hide_empty: bool = True  # matrix: leave out rows with no cell among the issues shown;
    # compare (issues not chosen): leave out the issues none of the actors holds a level on
    max_age: int | None = None  # matrix: the age limit in months (None: off), as on the page
    window: int = DEFAULT_WINDOW_DAYS  # matrix: the days of the mark "officials differ"
    order: str = "name"
    notes: tuple[str, ...] = field(default=())  # further subtitle lines (filters in force)
    # whether ``actors`` is a choice the file names should name; False for the rows of a
    # view no actor filter narrows (the matrix page passes the rows it shows, in its order)
    actors_named: bool = True


def check(ds: Dataset, chart: Chart) -> Chart:
    """The chart with its defaults filled in from the data; :class:`ChartError` when it
    names what the data lacks."""
    found = problems(ds, chart)
    if found:
        raise ChartError("\n".join(w.text for w in found))
    if chart.kind == "timeline":
        return _started(ds, chart)
    return chart


def _started(ds: Dataset, chart: Chart) -> Chart:
    """A timeline with its first date (:func:`shown_start`); one it chose on its own is said
    in its subtitle."""
    if chart.issue:
        start, auto = shown_start(
            ds, chart.as_of, chart.start, issue=chart.issue, lanes=chart.actors or None
        )
    else:
        start, auto = shown_start(ds, chart.as_of, chart.start, actor=chart.actors[0])
    notes = (*chart.notes, start_words(auto)) if auto else chart.notes
    return replace(chart, start=start, notes=notes)


def since_date(ds: Dataset, as_of: dt.date, given: dt.date | None = None) -> tuple[dt.date, str]:
    """The date a speaker note compares with, and how to name it: ``given``; else the last
    dated event before ``as_of``; else 30 days before it."""
    if given is not None:
        return given, given.isoformat()
    before = [e for e in ds.events if e.date.start < as_of]
    if before:
        last = max(before, key=lambda e: e.date.start)
        return last.date.start, f"{last.date.start.isoformat()} ({last.label})"
    back = as_of - dt.timedelta(days=SINCE_DAYS)
    return back, f"{back.isoformat()} ({SINCE_DAYS} days earlier)"


# -- what a chart shows ---------------------------------------------------------------------


def matrix_rows(ds: Dataset, chart: Chart) -> tuple[list[str], list[str], list[str]]:
    """(rows, columns, notes) of a matrix or compare chart."""
    issues = list(chart.issues) or list(ds.issues)
    # every cell as of the date, worked out only when the rows or their order read levels
    frame = functools.cache(lambda: queries.matrix_as_of(ds, chart.as_of))
    rows = list(chart.actors) or queries.actors_with_positions(ds)  # the matrix's rows
    notes = list(chart.notes)
    if chart.hide_empty and not chart.actors:
        shown = frame().reindex(rows)[issues].notna().any(axis=1)
        empty = [a for a in rows if not shown.get(a, False)]
        rows = [a for a in rows if shown.get(a, False)]
        if empty:
            notes.append(
                f"Left out: {plural(len(empty), 'actor')} with no position on "
                f"{'this issue' if len(issues) == 1 else 'these issues'} "
                f"({name_list([ds.actors[a].name for a in empty])})"
            )
    if chart.kind == "compare" and chart.hide_empty and not chart.issues:
        # as a matrix leaves out its empty rows, a comparison its empty columns: the issues
        # on which none of the actors compared holds a position
        held = frame().reindex(rows)[issues].notna().any(axis=0)
        blank = [i for i in issues if not held.get(i, False)]
        if blank and len(blank) < len(issues):
            issues = [i for i in issues if i not in blank]
            notes.append(
                f"Left out: {plural(len(blank), 'issue')} on which none of them holds a "
                f"position ({name_list([ds.issues[i].label for i in blank])})"
            )
    if not chart.actors:
        rows = order_actors(ds, frame, rows, chart.order)
    return rows, issues, notes


def marks(ds: Dataset, chart: Chart) -> list[tuple[str, str]]:
    """The (actor, issue) cells a chart shows, for counts and notes."""
    if chart.kind in ("matrix", "compare"):
        rows, issues, _ = matrix_rows(ds, chart)
        return [(a, i) for a in rows for i in issues]
    if chart.kind == "timeline" and not chart.issue:
        actor = chart.actors[0]
        return [(actor, i) for i in ds.issues]
    if chart.kind in ("timeline", "map", "distribution"):
        assert chart.issue
        actors = list(chart.actors) or list(ds.actors)
        if chart.kind == "map":
            cells = issue_cells(ds, chart.issue, chart.as_of)
            on_map = set(cells.loc[mappable(cells), "actor"])
            actors = [a for a in actors if a in on_map]
        return [(a, chart.issue) for a in actors]
    actors = list(chart.actors) or queries.actors_with_positions(ds)
    return [(a, i) for a in actors for i in ds.issues]


def cell_keys(ds: Dataset, cells: Sequence[tuple[str, str]], when: dt.date) -> list[str | None]:
    """The cell of each (actor, issue) as of ``when``: a stance key, ``divided`` or None."""
    return [level_of(ds, a, i, when) for a, i in cells]


def _old_cells(ds: Dataset, actor: str, issues: Sequence[str], chart: Chart) -> str:
    """The old cells of one matrix row as ``issue=level (year)``, ``; ``-separated."""
    olds = [cell_of(ds, actor, i, chart.as_of, max_age=chart.max_age, window=None) for i in issues]
    return "; ".join(
        f"{c.issue}={c.value} ({c.date.start.year if c.date else '?'})" for c in olds if c.old
    )


def data(ds: Dataset, chart: Chart) -> pd.DataFrame:
    """Exactly what the chart shows, as a table. A matrix: the columns of the
    ``matrix`` command (``actor``, then one column per issue shown, stance keys) and then
    labels. Under an age limit (``max_age``) an old cell is empty there, as the ``matrix``
    command's ``--max-age`` leaves it, and the ``old`` column after the labels says what the
    chart shows in it: ``issue=level (year of its latest date)``, ``; ``-separated. Other
    charts: one row per plotted mark (:func:`_marks`); an agreement chart, one per cell of
    its heatmap (an ordered pair of actors)."""
    chart = check(ds, chart)
    if chart.kind == "compare":
        return _compare_marks(ds, chart)
    if chart.kind == "matrix":
        rows, issues, _ = matrix_rows(ds, chart)
        frame = queries.matrix_as_of(ds, chart.as_of, max_age=chart.max_age)
        out = frame.reindex(rows)[issues].fillna("").reset_index(names="actor")
        out["actor_name"] = [ds.actors[a].name for a in rows]
        if chart.max_age is not None:
            out["old"] = [_old_cells(ds, a, issues, chart) for a in rows]
        return out
    if chart.kind == "timeline":
        steps = (
            issue_steps(ds, chart.issue, until=chart.as_of)
            if chart.issue
            else actor_steps(ds, chart.actors[0], until=chart.as_of)
        )
        if chart.issue and chart.actors:
            steps = steps[steps["actor"].isin(chart.actors)]
        return pd.DataFrame(
            {
                "actor": steps["actor"],
                "actor_name": steps["actor_name"],
                "issue": steps["issue"],
                "date": steps["date_text"],
                "until": [e.date().isoformat() for e in steps["end"]],
                "level": steps["stance"],
                "speaker": steps["speaker"],
                "evidence": steps["evidence"],
                "source": steps["source"],
                "quote": steps["quote"],
            }
        ).reset_index(drop=True)
    if chart.kind == "distribution":
        assert chart.issue
        counts = distribution(issue_cells(ds, chart.issue, chart.as_of))
        counts = counts[counts["actors"] > 0]
        return pd.DataFrame(
            {
                "issue": chart.issue,
                "level": counts["stance"],
                "level_words": [
                    level_label(k, ds.issues[chart.issue].labels) for k in counts["stance"]
                ],
                "actors": counts["actors"].astype(int),
            }
        ).reset_index(drop=True)
    if chart.kind == "map":
        assert chart.issue
        cells = issue_cells(ds, chart.issue, chart.as_of)
        cells = cells[mappable(cells)]
        out = _marks(ds, cells, chart.issue, chart.as_of)
        out.insert(2, "iso3", list(cells["iso3"]))
        return out
    result = agreement(ds, chart.as_of, list(chart.actors) or None)
    ids = list(result.score.index)
    rows = [
        {
            "actor": a,
            "other": b,
            "score": None if pd.isna(result.score.at[a, b]) else round(result.score.at[a, b], 4),
            "shared_issues": int(result.shared.at[a, b]),
        }
        for a in ids
        for b in ids
    ]
    return pd.DataFrame(rows)


# the columns of a table of marks (map, compare)
MARK_COLUMNS = ["actor", "actor_name", "issue", "date", "level", "speaker", "evidence", "source"]
MARK_COLUMNS += ["quote"]


def _marks(ds: Dataset, cells: pd.DataFrame, issue: str, as_of: dt.date) -> pd.DataFrame:
    """One row per plotted mark of one issue (``cells``: :func:`issue_cells` rows): actor,
    issue, date, level, speaker, evidence, source and quote; the rule of every chart whose
    table is its marks (the map, compare)."""
    evidence = [
        queries.join_distinct(p.evidence for p in cell_of(ds, a, issue, as_of, window=None).latest)
        for a in cells["actor"]
    ]
    return pd.DataFrame(
        {
            "actor": list(cells["actor"]),
            "actor_name": list(cells["actor_name"]),
            "issue": issue,
            "date": list(cells["date_text"]),
            "level": list(cells["stance"]),
            "speaker": list(cells["speaker"]),
            "evidence": evidence,
            "source": list(cells["source"]),
            "quote": list(cells["quote"]),
        },
        columns=MARK_COLUMNS,
    )


def _compare_marks(ds: Dataset, chart: Chart) -> pd.DataFrame:
    """A compare chart's marks: one row per cell drawn (an actor's level on an issue), in the
    chart's order (actor by actor, issue by issue); under an age limit, ``old`` says which
    are drawn faded."""
    rows, issues, _ = matrix_rows(ds, chart)
    parts = []
    for issue in issues:
        cells = issue_cells(ds, issue, chart.as_of, max_age=chart.max_age)
        cells = cells[cells["actor"].isin(rows)]
        part = _marks(ds, cells, issue, chart.as_of)
        if chart.max_age is not None:
            part["old"] = list(cells["old"])
        parts.append(part)
    if not parts:
        return pd.DataFrame(columns=MARK_COLUMNS)
    out = pd.concat(parts, ignore_index=True)
    place = {a: k for k, a in enumerate(rows)}
    column = {i: k for k, i in enumerate(issues)}
    order = sorted(
        range(len(out)), key=lambda k: (place[out.at[k, "actor"]], column[out.at[k, "issue"]])
    )
    return out.iloc[order].reset_index(drop=True)


# -- figures --------------------------------------------------------------------------------


def figures(ds: Dataset, chart: Chart, dataset_name: str = "") -> list[go.Figure]:
    """The chart's figures at its size: one, or a matrix split into numbered parts when its
    rows do not fit one image at the size's type."""
    chart = check(ds, chart)
    size = size_named(chart.size)
    if chart.kind in ("matrix", "compare"):
        rows, issues, notes = matrix_rows(ds, chart)
        title = _matrix_title(ds, chart, rows)
        size, per = _rows_per_image(ds, chart, rows, issues, notes, title, dataset_name)
        parts = split_evenly(rows, per) or [[]]
        figs = []
        for k, part in enumerate(parts, 1):
            first = sum(len(p) for p in parts[: k - 1]) + 1
            extra = (
                []
                if len(parts) == 1
                else [_part_words(k, len(parts), first, part, len(rows), "rows")]
            )
            figs.append(
                matrix_figure(
                    ds,
                    chart.as_of,
                    part,
                    issues,
                    dataset_name=dataset_name,
                    title=title,
                    own_title=chart.title,
                    notes=[*extra, *notes],
                    size=size,
                    max_age=chart.max_age,
                    window=chart.window,
                    layout_rows=rows,  # one set of columns for all parts
                )
            )
        return figs
    if chart.kind == "timeline":
        if chart.issue:
            steps = issue_steps(ds, chart.issue, until=chart.as_of)
            parts, since = _timeline_parts(ds, chart, steps, dataset_name)
            n = sum(len(p) for p in parts)
            figs = []
            for k, part in enumerate(parts, 1):
                first = sum(len(p) for p in parts[: k - 1]) + 1
                extra = [] if len(parts) == 1 else [_part_words(k, len(parts), first, part, n)]
                figs.append(
                    issue_timeline(
                        ds,
                        steps,
                        chart.issue,
                        until=chart.as_of,
                        lanes=part,
                        since=since,
                        note="; ".join([*extra, *chart.notes]) or None,
                        dataset_name=dataset_name,
                        size=size,
                        title=chart.title,
                    )
                )
            return figs
        else:
            steps = actor_steps(ds, chart.actors[0], until=chart.as_of)
            fig = actor_timeline(
                ds,
                steps,
                chart.actors[0],
                until=chart.as_of,
                since=chart.start,
                note="; ".join(chart.notes) or None,
                dataset_name=dataset_name,
                size=size,
                title=chart.title,
            )
        return [fig]
    if chart.kind == "distribution":
        assert chart.issue
        cells = issue_cells(ds, chart.issue, chart.as_of)
        fig = distribution_figure(
            ds,
            distribution(cells),
            chart.issue,
            chart.as_of,
            dataset_name=dataset_name,
            dates=list(cells["date_text"]),
            size=size,
            title=chart.title,
        )
        return [fig]
    if chart.kind == "map":
        assert chart.issue
        _, outlines = world_assets()
        cells = issue_cells(ds, chart.issue, chart.as_of)
        return [
            world_map(
                ds,
                cells,
                chart.issue,
                chart.as_of,
                outlines=outlines,
                dataset_name=dataset_name,
                size=size,
                title=chart.title,
            )
        ]
    result = agreement(ds, chart.as_of, list(chart.actors) or None)
    return [
        agreement_heatmap(
            ds, result, chart.as_of, dataset_name=dataset_name, size=size, title=chart.title
        )
    ]


def split_evenly(items: Sequence[str], per: int) -> list[list[str]]:
    """``items`` in as few parts of at most ``per`` as there must be, of sizes that differ by
    one at most (20 rows that fit 14 to an image make two of 10, not 14 and 6)."""
    if not items:
        return []
    count = -(-len(items) // max(1, per))
    small, bigger = divmod(len(items), count)  # the first ``bigger`` parts take one more
    ends = [k * small + min(k, bigger) for k in range(count + 1)]
    return [list(items[a:b]) for a, b in itertools.pairwise(ends)]


def _part_words(
    k: int, parts: int, first: int, part: Sequence[str], total: int, noun: str = "lanes"
) -> str:
    return f"Part {k} of {parts}: {noun} {first}–{first + len(part) - 1} of {total}"


def _timeline_parts(
    ds: Dataset, chart: Chart, steps: pd.DataFrame, dataset_name: str = ""
) -> tuple[list[list[str]], dt.date | None]:
    """An issue timeline's lanes, in parts that each fit one image at the size's type (one
    part on the page or when all fit), and the date every part starts from (one time axis)."""
    lanes = [a for a in dict.fromkeys(steps["actor"]) if not chart.actors or a in chart.actors]
    size = size_named(chart.size)
    if size.height is None or not lanes:
        return [lanes], chart.start
    shown = steps[steps["actor"].isin(lanes)]
    since = chart.start or min(chart.as_of, shown["start"].min().date())
    # a trial image with all lanes and the longest "Part" line: the room the lanes get
    words = _part_words(len(lanes), len(lanes), len(lanes), lanes, len(lanes))
    assert chart.issue
    trial = issue_timeline(
        ds,
        steps,
        chart.issue,
        until=chart.as_of,
        lanes=lanes,
        since=since,
        note="; ".join([words, *chart.notes]),
        dataset_name=dataset_name,
        size=size,
        title=chart.title,
    )
    plot = trial.layout.height - trial.layout.margin.t - trial.layout.margin.b
    per = max(1, int(plot // size.row_px))
    if per >= len(lanes):
        return [lanes], chart.start
    return split_evenly(lanes, per), since


def _matrix_title(ds: Dataset, chart: Chart, rows: list[str]) -> str | None:
    """A compare chart's title (what it shows; a title of the user's own goes above it)."""
    if chart.kind == "compare":
        return f"How {and_list([the(ds.actors[a].name) for a in rows], 4)} compare"
    return None


def _rows_per_image(
    ds: Dataset,
    chart: Chart,
    rows: list[str],
    issues: list[str],
    notes: list[str],
    title: str | None,
    dataset_name: str = "",
) -> tuple[Size, int]:
    """The size a matrix's images are drawn at (its type made smaller where that fits all
    rows on one) and the rows each holds (:func:`slide_fit`)."""
    return slide_fit(
        ds,
        chart.as_of,
        rows,
        issues,
        size_named(chart.size),
        notes=notes,
        title=title,
        own_title=chart.title,
        max_age=chart.max_age,
        window=chart.window,
        dataset_name=dataset_name,  # the footer names it: its lines take height
    )


def image_count(ds: Dataset, chart: Chart, dataset_name: str = "") -> int:
    """How many images the chart takes at its size (a tall matrix takes several), with the
    data set's name in its footer as :func:`figures` draws it."""
    chart = check(ds, chart)
    if chart.kind == "timeline" and chart.issue:
        steps = issue_steps(ds, chart.issue, until=chart.as_of)
        return len(_timeline_parts(ds, chart, steps)[0])
    if chart.kind not in ("matrix", "compare"):
        return 1
    rows, issues, notes = matrix_rows(ds, chart)
    title = _matrix_title(ds, chart, rows)
    _, per = _rows_per_image(ds, chart, rows, issues, notes, title, dataset_name)
    return max(1, -(-len(rows) // per))


# -- file names -----------------------------------------------------------------------------


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def file_stem(chart: Chart) -> str:
    """``standpoint-<view>[-<issue or actors>]-<date>``, e.g.
    ``standpoint-map-troops-to-ukraine-2025-02-18``."""
    ids: list[str] = []
    if chart.kind in ("timeline", "map", "distribution") and chart.issue:
        ids = [chart.issue]
    elif chart.actors and chart.actors_named:
        ids = list(chart.actors)
    elif chart.kind == "matrix" and chart.issues:
        ids = list(chart.issues)
    what = ids[:NAMED_IN_FILE]
    if len(ids) > NAMED_IN_FILE:
        what.append(f"and-{len(ids) - NAMED_IN_FILE}-more")
    bits = ["standpoint", chart.kind, *(_slug(x) for x in what), chart.as_of.isoformat()]
    return "-".join(b for b in bits if b)


def part_suffixes(parts: int) -> list[str]:
    """The suffix of each part's file name: ``-1``, ``-2``, …, numbered with as many digits
    as the last (``-01`` … ``-12``), so that a folder lists them in order."""
    digits = len(str(parts))
    return [f"-{k:0{digits}d}" for k in range(1, parts + 1)]


def file_names(chart: Chart, fmt: str, parts: int = 1) -> list[str]:
    """The file name of each image (``…-1.png``, ``…-2.png`` for a split matrix)."""
    stem = file_stem(chart)
    if parts <= 1 or fmt not in IMAGE_FORMATS:
        return [f"{stem}.{fmt}"]
    return [f"{stem}{suffix}.{fmt}" for suffix in part_suffixes(parts)]


# -- words: alt text and speaker note --------------------------------------------------------


# how a count of actors at a level reads: (one, many)
COUNT_WORDS: dict[str, tuple[str, str]] = {
    "support": ("supports", "support"),
    "lean-support": ("leans support", "lean support"),
    "ambiguous": ("is ambiguous", "are ambiguous"),
    "lean-oppose": ("leans against", "lean against"),
    "oppose": ("opposes", "oppose"),
    DIVIDED: ("is divided", "are divided"),
}
# a level as a state an actor is in or moves to
STATE_WORDS: dict[str | None, str] = {
    "support": "support",
    "lean-support": "leaning support",
    "ambiguous": "ambiguous",
    "lean-oppose": "leaning against",
    "oppose": "opposed",
    DIVIDED: "divided",
    None: "no position",
}
LEVEL_ORDER = [*(lvl.key for lvl in LEVELS), DIVIDED]


def counts_text(keys: Sequence[str | None]) -> str:
    """``4 support, 1 leans support and 8 oppose`` in scale order, counting the held keys
    (one actor each); empty when none is held."""
    counts = Counter(k for k in keys if k is not None)
    bits = [f"{counts[k]} {COUNT_WORDS[k][counts[k] != 1]}" for k in LEVEL_ORDER if counts[k]]
    return and_list(bits, most=len(bits))


def cell_counts_text(keys: Sequence[str | None]) -> str:
    """``support in 5 cells, opposed in 10 and divided in 2``: the held keys counted as cells,
    in scale order; empty when none is held."""
    counts = Counter(k for k in keys if k is not None)
    bits = [f"{STATE_WORDS[k]} in {counts[k]}" for k in LEVEL_ORDER if counts[k]]
    if bits:
        first = next(k for k in LEVEL_ORDER if counts[k])
        bits[0] = f"{STATE_WORDS[first]} in {plural(counts[first], 'cell')}"
    return and_list(bits, most=len(bits))


@dataclass(frozen=True, slots=True)
class Change:
    actor: str
    issue: str
    before: str | None
    after: str | None


def changes(ds: Dataset, chart: Chart, since: dt.date) -> list[Change]:
    """The cells of the chart whose level differs between ``since`` and the as-of date."""
    cells = marks(ds, chart)
    before, after = cell_keys(ds, cells, since), cell_keys(ds, cells, chart.as_of)
    return [Change(a, i, b, n) for (a, i), b, n in zip(cells, before, after, strict=True) if b != n]


def changes_words(ds: Dataset, moved: Sequence[Change], many_issues: bool, most: int) -> str:
    """The changes in words, each said once, in at most ``most`` clauses: actors who made the
    same change on the same issue share a clause ("Estonia, Latvia and Lithuania each took a
    first position on European troops in Ukraine (support)"), and an actor's other changes
    share one ("Russia took a first position on A (opposed) and on B (opposed)"), in the
    order of their first change; then how many more changes there are. A clause names at
    most four actors or changes and counts the rest. ``many_issues``: the chart shows
    several issues, so each change names its issue."""
    alike: dict[tuple[str, str | None, str | None], list[tuple[int, Change]]] = {}
    for k, c in enumerate(moved):
        alike.setdefault((c.issue, c.before, c.after), []).append((k, c))
    clauses: list[tuple[int, int, str]] = []  # (first change, changes in it, words)
    alone: dict[str, list[tuple[int, Change]]] = {}
    for (issue, before, after), made in alike.items():
        if len(made) == 1:
            alone.setdefault(made[0][1].actor, []).append(made[0])
            continue
        names = and_list([the(ds.actors[c.actor].name) for _, c in made])
        on = f" on {ds.issues[issue].label}" if many_issues else ""
        if before is None:
            text = f"{names} each took a first position{on} ({STATE_WORDS[after]})"
        else:
            text = f"{names} moved from {STATE_WORDS[before]} to {STATE_WORDS[after]}{on}"
        clauses.append((made[0][0], len(made), text))
    for actor, made in alone.items():
        moves = _actor_moves(ds, [c for _, c in made], many_issues)
        clauses.append((made[0][0], len(made), f"{the(ds.actors[actor].name)} {moves}"))
    clauses.sort()
    bits = [text for _, _, text in clauses[:most]]
    rest = sum(n for _, n, _ in clauses[most:])
    if rest:
        bits.append(f"{agree(rest, 'one more change', f'{rest} more changes')}")
    return clause_list(bits)


def _actor_moves(ds: Dataset, cs: Sequence[Change], many_issues: bool) -> str:
    """One actor's changes, the verb said once for each kind: "took a first position on A
    (opposed) and on B (support) and moved from support to opposed on C" (without the
    issues on a chart of one issue)."""

    def on(c: Change) -> str:
        return f"on {ds.issues[c.issue].label}" if many_issues else ""

    first = [f"{on(c)} ({STATE_WORDS[c.after]})".lstrip() for c in cs if c.before is None]
    moves = [
        f"from {STATE_WORDS[c.before]} to {STATE_WORDS[c.after]} {on(c)}".rstrip()
        for c in cs
        if c.before is not None
    ]
    verbs = []
    if first:
        verbs.append(f"took a first position {and_list(first)}")
    if moves:
        verbs.append(f"moved {and_list(moves)}")
    return " and ".join(verbs)


def _speaker(text: str) -> str:
    """A speaker as named in running text: the name before its role ("Marco Rubio" of
    "Marco Rubio, Secretary of State"), with its article ("the Biden administration")."""
    return the(text.split(",")[0].strip())


def _named(p: Position) -> bool:
    return bool(p.speaker and p.speaker.strip())


def _whose(ds: Dataset, cells: Sequence[Sequence[Position]], what: str) -> str:
    """The sentence saying on whose word ``what`` (e.g. "the changes") rests, given the
    positions behind each of its ``cells``, and which texts report it: "The changes rest on
    the word of A and B (no speaker is named for 2 of the 5), as reported by Euractiv and 2
    other texts." or, when no position names a speaker, "No speaker is named for the change;
    it is reported by Defence Talks." Empty when nothing is cited."""
    positions = [p for behind in cells for p in behind]
    many = len(cells) != 1
    speakers = sorted({_speaker(p.speaker) for p in positions if p.speaker and _named(p)})
    names = cited(ds, positions)
    texts = name_texts(names, most=3, article=the)
    if speakers:
        who = f"{what[:1].upper()}{what[1:]} {agree(1 + many, 'rests', 'rest')} on the word of "
        who += and_list(speakers, 3)
        unnamed = sum(not any(_named(p) for p in behind) for behind in cells)
        if unnamed:
            who += f" (no speaker is named for {unnamed} of the {len(cells)})"
        return f"{who}, as reported by {texts}." if texts else f"{who}."
    if not texts:
        return ""
    they = agree(1 + many, "it is", "they are")
    return f"No speaker is named for {what}; {they} reported by {texts}."


def title_of(ds: Dataset, chart: Chart) -> str:
    """What the chart is about, in a few words, for its alt text; empty when neither the
    chart nor the data names a topic."""
    if chart.title:
        return chart.title
    if chart.issue:
        return ds.issues[chart.issue].label
    if chart.kind == "timeline" and chart.actors:
        return ds.actors[chart.actors[0]].name
    return ds.title or ""


VIEW_WORDS = {
    "matrix": "A matrix of actors by issues, each cell an actor's level",
    "compare": "A matrix comparing chosen actors issue by issue",
    "timeline": "A timeline of levels held over time, one lane each",
    "map": "A map of states coloured by their level",
    "agreement": "A heatmap of how much pairs of actors agree across issues",
    "distribution": "A bar chart of how many actors hold each level",
}


def _about_prefix(ds: Dataset, chart: Chart) -> str:
    """How a speaker note opens on what the chart is about: "On <issue>, ", "For <actor>, "
    or nothing (a matrix of many issues, a chart with its own title)."""
    if chart.title:
        return ""
    if chart.issue:
        return f"On {ds.issues[chart.issue].label}, "
    if chart.kind == "timeline" and chart.actors:
        return f"For {the(ds.actors[chart.actors[0]].name)}, "
    return ""


def agreement_words(ds: Dataset, chart: Chart) -> str:
    """The agreement heatmap described by its scores: how many pairs share an issue, the
    closest pair and the most opposed one with their scores and the issues they rest on."""
    result = agreement(ds, chart.as_of, list(chart.actors) or None)
    ids = list(result.score.index)
    pairs = list(itertools.combinations(ids, 2))
    if not pairs:
        return "No two actors hold a position to compare."
    scored = [
        (float(result.score.at[a, b]), int(result.shared.at[a, b]), a, b)
        for a, b in pairs
        if int(result.shared.at[a, b]) and not pd.isna(result.score.at[a, b])
    ]
    none = len(pairs) - len(scored)
    text = f"{plural(len(ids), 'actor')} make {plural(len(pairs), 'pair')}"
    if not scored:
        return f"{text}; no pair shares an issue, so no pair has a score."
    if none:
        text += f"; {len(scored)} {agree(len(scored), 'shares', 'share')} at least one issue"
        text += f" ({none} {agree(none, 'shares', 'share')} none)."
    else:
        text += f"; {agree(len(pairs), 'it shares', 'every pair shares')} at least one issue."

    def pair(p: tuple[float, int, str, str]) -> str:
        score, shared, a, b = p
        names = and_list([the(ds.actors[a].name), the(ds.actors[b].name)])
        return f"{names}, {score:.2f} over {plural(shared, 'shared issue')}"

    # the closest: the highest score, resting on the most issues; the most opposed: the lowest
    closest = max(scored, key=lambda p: (p[0], p[1]))
    opposed = min(scored, key=lambda p: (p[0], -p[1]))
    ties = sum(p[0] == closest[0] for p in scored) - 1
    text += f" Closest: {pair(closest)}"
    text += f" ({plural(ties, 'other pair')} at that score)." if ties else "."
    if opposed is not closest and opposed[0] < closest[0]:
        lows = sum(p[0] == opposed[0] for p in scored) - 1
        text += f" Most opposed: {pair(opposed)}"
        text += f" ({plural(lows, 'other pair')} at that score)." if lows else "."
    text += " Scores run from 1 (the same level on every shared issue) to 0 (opposite ends)."
    return text


def alt_text(ds: Dataset, chart: Chart) -> str:
    """What the chart shows as of its date: an agreement heatmap its closest and most opposed
    pairs; other charts the count of actors (and, across several issues, of cells) at each
    level, and those whose level changed since the comparison date."""
    chart = check(ds, chart)
    about = title_of(ds, chart)
    text = f"{VIEW_WORDS[chart.kind]}{': ' + about if about else ''}, as of "
    text += f"{chart.as_of.isoformat()}. "
    if chart.kind == "agreement":
        return text + agreement_words(ds, chart)
    cells = marks(ds, chart)
    keys = cell_keys(ds, cells, chart.as_of)
    held = [(a, i) for (a, i), k in zip(cells, keys, strict=True) if k is not None]
    actors, issues = {a for a, _ in held}, {i for _, i in held}
    since, since_words = since_date(ds, chart.as_of, chart.since)
    moved = changes(ds, chart, since)
    many = len({i for _, i in cells}) > 1
    n = len(actors)
    if not held:
        on = " on the issues shown" if many else f" on {about}" if about else ""
        text += f"No actor holds a position{on} as of {chart.as_of.isoformat()}."
    elif many:
        text += (
            f"{plural(n, 'actor')} {agree(n, 'holds', 'hold')} a position on "
            f"{plural(len(issues), 'issue')}, in {plural(len(held), 'cell')}: "
            f"{cell_counts_text(keys)}."
        )
    else:
        text += f"{plural(n, 'actor')} {agree(n, 'holds', 'hold')} a position: "
        text += f"{counts_text(keys)}."
    if chart.max_age is not None and chart.kind in ("matrix", "compare"):
        n_old = sum(
            cell_of(ds, a, i, chart.as_of, max_age=chart.max_age, window=None).old for a, i in held
        )
        if n_old:
            text += (
                f" {plural(n_old, 'cell')} {agree(n_old, 'is', 'are')} old, drawn faded"
                f" with the year: last stated over {plural(chart.max_age, 'month')} before."
            )
    if moved:
        text += f" Changed since {since_words}: {changes_words(ds, moved, many, 4)}."
    else:
        text += f" No level changed since {since_words}."
    return text


def speaker_note(ds: Dataset, chart: Chart) -> str:
    """Two sentences to say aloud: what changed since the comparison date, and on whose word,
    with the outlets (or titles) of the texts behind it."""
    chart = check(ds, chart)
    since, since_words = since_date(ds, chart.as_of, chart.since)
    cells = marks(ds, chart)
    moved = changes(ds, chart, since)
    many = len({i for _, i in cells}) > 1
    on = _about_prefix(ds, chart)
    span = f"between {since_words} and {chart.as_of.isoformat()}"
    if not moved:
        first = f"{on}no level changed {span}." if on else f"No level changed {span}."
        held = [cell_of(ds, a, i, chart.as_of, window=None).latest for a, i in cells]
        held = [behind for behind in held if behind]
        if not held:
            return f"{first} No actor shown holds a position yet."
        what = "the level shown" if len(held) == 1 else "the levels shown"
        return f"{first} {_whose(ds, held, what)}".rstrip()
    n = len(moved)
    first = f"{on}{plural(n, 'level')} changed {span}: {changes_words(ds, moved, many, 3)}."
    if not on:
        first = first[:1].upper() + first[1:]
    behind = [cell_of(ds, c.actor, c.issue, chart.as_of, window=None).latest for c in moved]
    behind = [b for b in behind if b]  # a position that lapsed has nothing to cite
    if not behind:
        return first
    what = "the change" if len(behind) == 1 else "the changes"
    return f"{first} {_whose(ds, behind, what)}".rstrip()


def describe(ds: Dataset, chart: Chart) -> tuple[str, str]:
    """(alt text, speaker note)."""
    return alt_text(ds, chart), speaker_note(ds, chart)


def with_size(chart: Chart, size: str) -> Chart:
    return replace(chart, size=size)
