"""Row orders for the stance matrix: by name, by group, by agreement with one actor, by the
level held on one issue, or clustered so that actors with similar stances sit together; and the
filters that choose its rows (kinds, groups, people, a search, the levels held on one issue).

Every function takes the matrix as stance keys (``queries.matrix_as_of``) and returns actor ids;
none of them reads files or draws anything.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence

import numpy as np
import pandas as pd

from .agreement import gaps
from .model import Dataset
from .queries import matrix_values, problems_about
from .scale import DIVIDED, STANCE_KEYS, level_label
from .words import agree, plural

ORDERS: dict[str, str] = {
    "name": "by name",
    "group": "by group",
    "agreement": "by agreement with an actor",
    "level": "by level on one issue",
    "cluster": "clustered by similarity",
}
UNGROUPED = "No group"
NO_POSITION = "none"  # the cell key of an actor without a position on an issue
# every cell key, in the order rows sorted by level come in: the scale from support to
# oppose, then divided, then no position
CELL_KEYS: tuple[str, ...] = (*STANCE_KEYS, DIVIDED, NO_POSITION)


def name_key(ds: Dataset, actor: str) -> tuple[str, str]:
    """Sort key of a name as a reader expects it: case and accents aside (Côte d'Ivoire
    among the C's, Türkiye before Turkmenistan)."""
    name = ds.actors[actor].name if actor in ds.actors else actor
    plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return (plain.casefold(), actor)


def by_name(ds: Dataset, actors: Sequence[str]) -> list[str]:
    """Alphabetical by name (case and accents aside); people follow the actor they speak for."""
    return attach_people(ds, sorted(actors, key=lambda a: name_key(ds, a)))


def group_of(ds: Dataset, actor: str) -> str | None:
    """The group an actor is listed under: the first of its groups in the order of actors.yaml's
    groups; a person without groups is listed under its parent's group."""
    record = ds.actors.get(actor)
    if record is None:
        return None
    own = [g for g in ds.groups if g in record.groups]
    if own:
        return own[0]
    if record.parent and record.parent in ds.actors and not record.groups:
        return group_of(ds, record.parent)
    return None


def by_group(ds: Dataset, actors: Sequence[str]) -> list[str]:
    """Grouped in the order of the groups, ungrouped actors last; by name within a group."""
    rank = {g: i for i, g in enumerate(ds.groups)}

    def key(a: str) -> tuple[int, str, str]:
        g = group_of(ds, a)
        return (rank.get(g, len(rank)) if g else len(rank), *name_key(ds, a))

    return attach_people(ds, sorted(actors, key=key))


def group_bands(ds: Dataset, ordered: Sequence[str]) -> list[tuple[str, int, int]]:
    """Runs of consecutive rows listed under one group: (group name, first row, last row).

    An actor in several groups is listed under the first; a later group some of whose
    members are listed above says so ("NATO members, others above"), so that its band is not
    read as all of its members."""
    bands: list[tuple[str, int, int]] = []
    under: dict[str, str | None] = {a: group_of(ds, a) for a in ordered}
    # groups with members listed under an earlier group of theirs
    split = {g for a in ordered if a in ds.actors for g in ds.actors[a].groups if g != under[a]}
    for i, actor in enumerate(ordered):
        g = under[actor]
        name = ds.groups[g].name if g else UNGROUPED
        if g in split:
            name = f"{name}, others above"
        if bands and bands[-1][0] == name and bands[-1][2] == i - 1:
            bands[-1] = (name, bands[-1][1], i)
        else:
            bands.append((name, i, i))
    return bands


def attach_people(ds: Dataset, ordered: Sequence[str]) -> list[str]:
    """Move each person directly below its parent when the parent is among the rows."""
    present = set(ordered)
    children: dict[str, list[str]] = {}
    for a in ordered:
        record = ds.actors.get(a)
        if record and record.kind == "person" and record.parent in present:
            children.setdefault(record.parent, []).append(a)
    moved = {c for cs in children.values() for c in cs}
    out: list[str] = []

    def put(a: str) -> None:
        out.append(a)
        for c in children.get(a, []):
            if c not in out:
                put(c)

    for a in ordered:
        if a not in moved:
            put(a)
    return out


def agreement(matrix: pd.DataFrame, ref: str) -> dict[str, tuple[float, int]]:
    """For every row: (agreement with ``ref`` from 0 to 1, number of issues both have a level).

    Agreement on one issue is 1 minus the distance of the two levels on the five-level scale
    divided by its width (4): the same level counts 1, support against oppose 0. ``divided``
    and no position are left out. Rows sharing no issue with ``ref`` get (nan, 0).
    """
    values = matrix_values(matrix).astype(float)
    rows = [str(a) for a in values.index]
    if ref not in rows:
        return {a: (float("nan"), 0) for a in rows}
    gap, shared = gaps(values.to_numpy())
    i = rows.index(ref)
    return {a: (float(1 - gap[i, j]), int(shared[i, j])) for j, a in enumerate(rows)}


def by_agreement(ds: Dataset, matrix: pd.DataFrame, actors: Sequence[str], ref: str) -> list[str]:
    """``ref`` first, then most to least agreement with it (see :func:`agreement`); rows that
    share no issue with it come last, by name. Ties are broken by name."""
    scores = agreement(matrix.reindex(list(dict.fromkeys([*actors, ref]))), ref)

    def key(a: str) -> tuple[int, float, str, str]:
        score, n = scores.get(a, (float("nan"), 0))
        if a == ref:
            return (0, 0.0, *name_key(ds, a))
        if n == 0:
            return (2, 0.0, *name_key(ds, a))
        return (1, -score, *name_key(ds, a))

    return sorted(actors, key=key)


def distances(matrix: pd.DataFrame) -> np.ndarray:
    """Pairwise distance of rows from 0 (same levels) to 1: the mean gap between their levels
    on the issues both have one, over the scale's width; 1 when they share no issue."""
    gap, shared = gaps(matrix_values(matrix).astype(float).to_numpy())
    dist = np.where(shared > 0, gap, 1.0)
    np.fill_diagonal(dist, 0.0)
    return dist


def by_cluster(ds: Dataset, matrix: pd.DataFrame, actors: Sequence[str]) -> list[str]:
    """Average-linkage agglomerative clustering of the rows; the order of the leaves puts
    actors with similar stances next to each other. Deterministic: rows start by name and ties
    go to the first pair."""
    start = sorted(actors, key=lambda a: name_key(ds, a))
    if len(start) <= 2:
        return start
    d = distances(matrix.reindex(start)).astype(float)
    np.fill_diagonal(d, np.inf)
    members: list[list[str] | None] = [[a] for a in start]
    size = np.ones(len(start))
    for _ in range(len(start) - 1):
        i, j = np.unravel_index(int(np.argmin(d)), d.shape)
        i, j = min(i, j), max(i, j)
        merged = (d[i] * size[i] + d[j] * size[j]) / (size[i] + size[j])
        d[i, :] = merged
        d[:, i] = merged
        d[i, i] = np.inf
        d[j, :] = np.inf
        d[:, j] = np.inf
        a, b = members[i], members[j]
        assert a is not None and b is not None
        members[i] = a + b
        members[j] = None
        size[i] += size[j]
    return next(m for m in members if m is not None)


def cell_key(value: object) -> str:
    """A matrix cell as one of :data:`CELL_KEYS` (no position is :data:`NO_POSITION`)."""
    return value if isinstance(value, str) and value in CELL_KEYS else NO_POSITION


def cell_keys(matrix: pd.DataFrame, issue: str) -> dict[str, str]:
    """Every row's cell key on ``issue`` (all :data:`NO_POSITION` when it is not a column)."""
    column = matrix[issue] if issue in matrix.columns else pd.Series(None, index=matrix.index)
    return {str(a): cell_key(v) for a, v in column.items()}


def by_level(ds: Dataset, matrix: pd.DataFrame, actors: Sequence[str], issue: str) -> list[str]:
    """Grouped by the level each row holds on ``issue``, in the order of :data:`CELL_KEYS`
    (support first, no position last); by name within a level, people below the actor they
    speak for when both hold the level."""
    keys = cell_keys(matrix, issue)
    out: list[str] = []
    for key in CELL_KEYS:
        out.extend(by_name(ds, [a for a in actors if keys.get(a, NO_POSITION) == key]))
    return out


Levels = pd.DataFrame | Callable[[], pd.DataFrame]  # the stance matrix, or what gives it


def levels_of(matrix: Levels) -> pd.DataFrame:
    """The stance matrix from a :data:`Levels`: a function is called only here, so that a
    view whose rows and order read no level never works out every cell."""
    return matrix if isinstance(matrix, pd.DataFrame) else matrix()


def holding(matrix: Levels, actors: Sequence[str], issue: str, levels: Sequence[str]) -> list[str]:
    """The actors (in the order given) whose cell on ``issue`` is one of ``levels`` (keys of
    :data:`CELL_KEYS`); empty ``levels`` keeps them all."""
    if not levels:
        return list(actors)
    keys = cell_keys(levels_of(matrix), issue)
    return [a for a in actors if keys.get(a, NO_POSITION) in levels]


def order_actors(
    ds: Dataset,
    matrix: Levels,
    actors: Sequence[str],
    how: str = "name",
    ref: str | None = None,
    issue: str | None = None,
) -> list[str]:
    """The rows ``actors`` in the order ``how`` (a key of :data:`ORDERS`); ``ref`` is the actor
    of the agreement order, ``issue`` the issue of the level order.

    ``matrix`` is the stance matrix (``queries.matrix_as_of``), or a function that gives it
    (:data:`Levels`: called by the orders that compare stances only); it may hold more rows
    and columns than are shown, and the orders that compare stances use only its columns.
    """
    if how == "group":
        return by_group(ds, actors)
    if how == "agreement" and ref:
        return by_agreement(ds, levels_of(matrix), actors, ref)
    if how == "level" and issue:
        return by_level(ds, levels_of(matrix), actors, issue)
    if how == "cluster":
        return by_cluster(ds, levels_of(matrix).reindex(list(actors)), actors)
    return by_name(ds, actors)


def groups_of(ds: Dataset, actor: str) -> set[str]:
    """An actor's groups; a person without groups of its own counts in its parent's."""
    record = ds.actors.get(actor)
    if record is None:
        return set()
    if not record.groups and record.parent in ds.actors:
        return set(ds.actors[record.parent].groups)
    return set(record.groups)


def select_rows(
    ds: Dataset,
    actors: Sequence[str],
    *,
    kinds: Sequence[str] = (),
    groups: Sequence[str] = (),
    people: bool = True,
    text: str = "",
) -> list[str]:
    """The actors that pass the filters, in the order given. Empty ``kinds`` or ``groups``
    means all; ``people=False`` leaves out persons; ``text`` matches (case-insensitive) the
    name, id or role of the actor or the name of its parent."""
    needle = " ".join(text.split()).casefold()
    out = []
    for a in actors:
        record = ds.actors.get(a)
        if record is None:
            continue
        if not people and record.kind == "person":
            continue
        if kinds and record.kind not in kinds:
            continue
        if groups and not groups_of(ds, a) & set(groups):
            continue
        if needle:
            parent = ds.actors.get(record.parent or "")
            hay = " ".join(
                x for x in (record.name, record.id, record.role, parent and parent.name) if x
            )
            if needle not in hay.casefold():
                continue
        out.append(a)
    return out


def view_notes(
    ds: Dataset,
    *,
    rows: Sequence[str],
    shown: Sequence[str],
    issues: Sequence[str],
    kinds: Sequence[str] = (),
    groups: Sequence[str] = (),
    people: bool = True,
    text: str = "",
    level_issue: str | None = None,
    levels: Sequence[str] = (),
) -> list[str]:
    """Plain lines that say what a matrix view leaves out, for its subtitle: the filters in
    force and the actors without any position (naming those whose files hold errors). A
    chart cut out of the app then never passes for the whole picture.

    ``rows`` are the actors that could be rows (those with a position at any date), ``shown``
    the rows drawn, ``issues`` the columns drawn; ``levels`` held on ``level_issue`` are the
    level filter (:func:`holding`).
    """
    notes = []
    filters = []
    if len(issues) < len(ds.issues):
        filters.append(f"{len(issues)} of {len(ds.issues)} issues")
    if kinds:
        filters.append("kinds " + ", ".join(kinds))
    if groups:
        filters.append("in " + ", ".join(ds.groups[g].name for g in groups if g in ds.groups))
    if not people:
        filters.append("people hidden")
    if text.strip():
        filters.append(f"actors matching “{' '.join(text.split())}”")
    if level_issue in ds.issues and levels:
        filters.append(f"holding {level_words(ds, level_issue, levels)}")
    if filters:
        notes.append(f"Filtered: {'; '.join(filters)} ({len(shown)} of {len(rows)} actors)")
    listed = set(rows)
    silent = [a for a in ds.actors if a not in listed]
    if silent:
        n = len(silent)
        notes.append(
            f"{plural(n, 'actor')} {agree(n, 'has', 'have')} no position at any date and no row: "
            + _names(ds, silent)
        )
        broken = [a for a in silent if problems_about(ds, a)]
        if broken:
            notes[-1] += f" ({_names(ds, broken)}: errors in the data)"
    return notes


def _names(ds: Dataset, actors: Sequence[str], most: int = 4) -> str:
    """Actor names for a note: the first few, then how many more."""
    return name_list([ds.actors[a].name for a in actors], most)


def name_list(names: Sequence[str], most: int = 4) -> str:
    """Names for a note: the first ``most``, then how many more ("A, B and 3 more")."""
    shown = list(names[:most])
    more = len(names) - len(shown)
    return ", ".join(shown) + (f" and {more} more" if more else "")


def level_words(ds: Dataset, issue: str, levels: Sequence[str]) -> str:
    """Levels held on an issue in the issue's own words, scale order ("Voted no or No stated
    position on Resolution ES-11/7")."""
    labels = ds.issues[issue].labels
    words = [level_label(k, labels) for k in CELL_KEYS if k in levels]
    return f"{' or '.join(words)} on {ds.issues[issue].label}"
