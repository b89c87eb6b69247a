"""The one definition of a cell (standpoint.cells): age limit, dates at their precision,
"officials differ", since when, strongest words first and dropped positions, each on a small
data set built here."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from standpoint import load
from standpoint.cells import cell, grid, index, is_old, level_of
from standpoint.cli import main
from standpoint.dates import age_words, months_back, parse_date, show
from standpoint.health import old_cells
from standpoint.queries import matrix_as_of
from tests.datadir import data_dir, position, positions_file
from tests.paths import APP, UNGA

D = dt.date
TODAY = D(2026, 11, 21)


def build(tmp_path, **files: str):
    """A data set whose positions files are given as actor -> entries."""
    root = data_dir(tmp_path, {a: positions_file(a, *e) for a, e in files.items()})
    ds = load(root, today=TODAY)
    return ds


def entries(*specs: tuple) -> tuple[str, ...]:
    return tuple(position(*spec) for spec in specs)


# -- the age limit: FORMAT.md's rule and its worked example -----------------------------------
def test_months_back_clamps_the_day_to_the_month_end():
    assert months_back(D(2025, 3, 31), 1) == D(2025, 2, 28)
    assert months_back(D(2024, 3, 31), 1) == D(2024, 2, 29)
    assert months_back(D(2025, 1, 15), 1) == D(2024, 12, 15)
    assert months_back(D(2025, 5, 31), 15) == D(2024, 2, 29)


def test_the_worked_month_end_example(tmp_path):
    """A last day of 2025-02-28 and N = 1: not old as of 2025-03-31, old as of 2025-04-01."""
    ds = build(tmp_path, usa=entries(("troops", "2025-02", "oppose")))
    assert cell(ds, "usa", "troops", D(2025, 3, 31), max_age=1).old is False
    assert cell(ds, "usa", "troops", D(2025, 4, 1), max_age=1).old is True
    # the CLI leaves old cells empty only when asked
    assert matrix_as_of(ds, D(2025, 4, 1), max_age=1).at["usa", "troops"] is None
    assert matrix_as_of(ds, D(2025, 3, 31), max_age=1).at["usa", "troops"] == "oppose"
    assert matrix_as_of(ds, D(2025, 4, 1)).at["usa", "troops"] == "oppose"


@pytest.mark.parametrize(
    ("date", "as_of", "months", "old"),
    [
        ("2024", D(2025, 12, 31), 12, False),  # 31 Dec 2024 is not before 2024-12-31
        ("2024", D(2026, 1, 1), 12, True),
        ("2025-02-10", D(2025, 3, 10), 1, False),  # the day itself
        ("2025-02-10", D(2025, 3, 11), 1, True),
        ("2025-02-10", D(2030, 1, 1), None, False),  # no limit: never old
    ],
)
def test_last_day_at_each_precision(tmp_path, date, as_of, months, old):
    ds = build(tmp_path, usa=entries(("troops", date, "oppose")))
    assert cell(ds, "usa", "troops", as_of, max_age=months).old is old


def test_a_divided_cell_counts_the_latest_of_its_last_days(tmp_path):
    # 2025-02 and 2025-02-01 share the latest date; the month reaches to 28 February
    ds = build(
        tmp_path,
        usa=entries(("troops", "2025-02", "oppose", "A"), ("troops", "2025-02-01", "support", "B")),
    )
    c = cell(ds, "usa", "troops", D(2025, 3, 5), max_age=1)
    assert c.value == "divided"
    assert c.last_day == D(2025, 2, 28)
    assert c.old is False
    assert cell(ds, "usa", "troops", D(2025, 4, 1), max_age=1).old is True
    assert is_old(D(2025, 2, 28), D(2025, 3, 28), 1) is False


def test_cli_max_age_leaves_old_cells_empty(tmp_path, capsys):
    build(tmp_path, usa=entries(("troops", "2008", "support"), ("nato", "2025-02-18", "oppose")))
    assert main(["matrix", str(tmp_path), "--as-of", "2025-04-16", "--max-age", "12"]) == 0
    assert capsys.readouterr().out.splitlines()[1] == "usa,,oppose"
    assert main(["matrix", str(tmp_path), "--as-of", "2025-04-16"]) == 0
    assert capsys.readouterr().out.splitlines()[1] == "usa,support,oppose"


@pytest.mark.parametrize("bad", ["0", "-1", "1.5", "twelve", "²"])
def test_cli_max_age_must_be_a_whole_number_of_months(tmp_path, bad):
    build(tmp_path, usa=entries(("troops", "2008", "support")))
    with pytest.raises(SystemExit) as exc:
        main(["matrix", str(tmp_path), f"--max-age={bad}"])
    assert exc.value.code == 2


def test_health_lists_the_cells_the_rule_calls_old(tmp_path):
    ds = build(
        tmp_path,
        usa=entries(("troops", "2008", "support"), ("nato", "2025-02", "oppose")),
        fra=entries(("troops", "2024-06-30", "support"), ("nato", "2025-04-01", "support")),
    )
    frame = old_cells(ds, D(2025, 4, 16), 12)
    # as of 2025-04-16 back 12 months is 2024-04-16: only 2008 (31 Dec 2008) lies before
    assert list(zip(frame["actor"], frame["issue"], strict=True)) == [("United States", "Troops")]
    assert list(frame["last stated"]) == ["2008"]
    assert list(frame["before the as-of date"]) == ["17 years"]
    frame = old_cells(ds, D(2025, 8, 1), 12)  # now 2024-06-30 is old too, after 2008
    assert list(frame["issue"]) == ["Troops", "Troops"]
    assert list(frame["actor"]) == ["United States", "France"]


# -- dates at their precision -----------------------------------------------------------------
def test_dates_are_shown_at_their_precision():
    assert show(parse_date("2025-02")) == "Feb 2025"
    assert show(parse_date("2008")) == "2008"
    assert show(parse_date("2025-02-17")) == "2025-02-17"
    assert show(None) == ""
    assert parse_date("2024-02").last == D(2024, 2, 29)
    assert parse_date("2008").last == D(2008, 12, 31)


@pytest.mark.parametrize(
    ("date", "as_of", "words"),
    [
        ("2008", D(2025, 1, 31), "17 years"),
        ("2025-02", D(2025, 4, 16), "2 months"),
        ("2025-02-17", D(2025, 2, 18), "1 day"),
        ("2025-02-17", D(2025, 4, 16), "58 days"),
        ("2025-02-17", D(2025, 4, 17), "2 months"),
        ("2022-02-24", D(2025, 2, 23), "2 years"),
    ],
)
def test_age_in_words_at_the_date_s_precision(date, as_of, words):
    assert age_words(parse_date(date), as_of) == words


# -- officials differ -------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("earlier", "later", "marked"),
    [
        # the actor itself (no speaker), then a named official, 17 days apart: marked
        (("troops", "2025-02", "oppose"), ("troops", "2025-02-18", "lean-oppose", "W"), True),
        # the same speaker changing its mind is no mark
        (("troops", "2025-02-01", "oppose", "W"), ("troops", "2025-02-18", "support", "W"), False),
        # two positions without a speaker: both the actor itself
        (("troops", "2025-02-01", "oppose"), ("troops", "2025-02-18", "support"), False),
        # the same stance from another speaker: no difference
        (("troops", "2025-02-01", "oppose", "A"), ("troops", "2025-02-18", "oppose", "B"), False),
        # exactly W = 30 days before: marked; 31 days: not
        (("troops", "2025-01-19", "oppose", "A"), ("troops", "2025-02-18", "support", "B"), True),
        (("troops", "2025-01-18", "oppose", "A"), ("troops", "2025-02-18", "support", "B"), False),
    ],
)
def test_officials_differ(tmp_path, earlier, later, marked):
    ds = build(tmp_path, usa=entries(earlier, later))
    c = cell(ds, "usa", "troops", D(2025, 3, 1))
    assert c.value == later[2]  # the value stays the latest
    assert c.officials_differ is marked
    assert [p.stance for p in c.differ] == ([earlier[2]] if marked else [])


def test_officials_differ_stays_while_the_cell_is_current_and_follows_the_window(tmp_path):
    ds = build(
        tmp_path,
        usa=entries(("troops", "2025-02", "oppose"), ("troops", "2025-02-18", "lean-oppose", "W")),
    )
    assert cell(ds, "usa", "troops", D(2026, 2, 18)).officials_differ
    assert not cell(ds, "usa", "troops", D(2025, 2, 18), window=10).officials_differ
    assert not cell(ds, "usa", "troops", D(2025, 2, 18), window=None).officials_differ
    assert not cell(ds, "usa", "troops", D(2025, 2, 17)).officials_differ  # only one yet


def test_a_divided_cell_carries_no_differ_mark(tmp_path):
    ds = build(
        tmp_path,
        usa=entries(
            ("troops", "2025-02-10", "support", "C"),
            ("troops", "2025-02-18", "oppose", "A"),
            ("troops", "2025-02-18", "lean-oppose", "B"),
        ),
    )
    c = cell(ds, "usa", "troops", D(2025, 3, 1))
    assert c.value == "divided" and not c.officials_differ


# -- since when, and strongest words first ----------------------------------------------------
def test_since_is_the_start_of_the_run_at_the_present_level(tmp_path):
    ds = build(
        tmp_path,
        fra=entries(
            ("troops", "2024-11", "lean-support"),
            ("troops", "2025-02-17", "support"),
            ("troops", "2025-03", "support", "B"),
            ("troops", "2025-04-16", "support", "C"),
        ),
    )
    c = cell(ds, "fra", "troops", D(2025, 5, 1))
    assert c.since is not None and c.date is not None
    assert (c.since.text, c.date.text) == ("2025-02-17", "2025-04-16")
    assert [p.date.text for p in c.run] == ["2025-02-17", "2025-03", "2025-04-16"]
    # before the run began the level was another, since its own date
    early = cell(ds, "fra", "troops", D(2025, 2, 16))
    assert early.since is not None and early.since.text == "2024-11"


def test_strongest_words_first(tmp_path):
    root = data_dir(
        tmp_path,
        {
            "fra": "actor: fra\npositions:\n"
            + "".join(
                position(*spec).replace("    sources:", f"    evidence: {evidence}\n    sources:")
                for spec, evidence in [
                    (("troops", "2025-02-17", "oppose", "Tusk"), "stated"),
                    (("troops", "2025-03-01", "oppose", "Ministry"), "inferred"),
                    (("troops", "2025-04-01", "oppose", "Others"), "reported"),
                ]
            )
        },
    )
    ds = load(root, today=TODAY)
    assert ds.problems == []
    c = cell(ds, "fra", "troops", D(2025, 4, 16))
    assert [p.speaker for p in c.words] == ["Tusk", "Others", "Ministry"]
    assert [p.speaker for p in c.latest] == ["Others"]


# -- dropped is not silent --------------------------------------------------------------------
def test_a_cell_whose_only_positions_were_left_out_is_marked(tmp_path):
    bad = position("nato", "2025-02-10", "maybe")  # not a stance: left out
    ds = build(tmp_path, usa=(position("troops", "2025-02-01", "oppose"), bad))
    assert [p.code for p in ds.problems] == ["stance-invalid"]
    c = cell(ds, "usa", "nato", D(2025, 3, 1))
    assert c.value is None and c.only_dropped
    assert [(d.path, d.line) for d in c.dropped] == [("stances/usa.yaml", 9)]
    assert not cell(ds, "usa", "nato", D(2025, 2, 9)).only_dropped  # not yet stated then
    assert not cell(ds, "usa", "troops", D(2025, 3, 1)).dropped


def test_the_index_is_built_once_per_data_set(tmp_path):
    ds = build(tmp_path, usa=entries(("troops", "2025-02", "oppose")))
    first = index(ds)
    cell(ds, "usa", "troops", D(2025, 3, 1))
    assert index(ds) is first


def test_the_matrix_is_worked_out_once_and_each_caller_gets_its_own_copy():
    """queries.matrix_as_of keeps its answer with the data set: asked again, it gives the same
    cells without working them out again; a caller changing its copy changes no one else's; a
    new position, or a data set with other issues, is answered afresh."""
    ds = load(APP, today=dt.date(2026, 1, 1))
    when = dt.date(2025, 4, 16)
    first = matrix_as_of(ds, when)
    cells = grid(ds, when, list(first.index), list(ds.issues), window=None)
    fresh = [[c.shown_value for c in row] for row in cells]
    assert first.values.tolist() == fresh
    first.iloc[0, 0] = "changed by a caller"
    again = matrix_as_of(ds, when)
    assert again.values.tolist() == fresh and again is not first
    # worked out once: the memo holds one matrix for this date
    assert len(ds.index_cache["matrix_as_of"]) == 1
    # a data set with fewer issues (sharing the memo, as dataclasses.replace makes it)
    one = dataclasses.replace(ds, issues={k: v for k, v in list(ds.issues.items())[:1]})
    assert list(matrix_as_of(one, when).columns) == list(one.issues)
    # a new position on an empty cell is seen
    empty = next((a, i) for a in first.index for i in first.columns if first.loc[a, i] is None)
    model = next(p for p in ds.positions if p.date.start <= when)
    added = dataclasses.replace(model, actor=empty[0], issue=empty[1])
    ds.positions.append(added)
    assert matrix_as_of(ds, when).loc[empty] == added.stance


def test_a_cell_is_made_once_and_made_again_when_the_positions_change():
    """A cell asked for twice (a page's chart, then its alt text and image counts) is the
    same cell, made once; another age limit or window is another cell; a new position makes
    the cells anew, never a kept one."""
    ds = load(APP, today=dt.date(2026, 1, 1))
    when = dt.date(2025, 4, 16)
    actor, issue = next((p.actor, p.issue) for p in ds.positions if p.date.start <= when)
    first = cell(ds, actor, issue, when, max_age=12)
    assert cell(ds, actor, issue, when, max_age=12) is first
    assert cell(ds, actor, issue, when, max_age=None) is not first
    assert cell(ds, actor, issue, when, max_age=12, window=None) is not first
    empty = next(i for i in ds.issues if cell(ds, actor, i, when).value is None and i != issue)
    model = next(p for p in ds.positions if p.actor == actor and p.issue == issue)
    ds.positions.append(dataclasses.replace(model, issue=empty))
    assert cell(ds, actor, empty, when).value == model.stance


def test_the_cells_kept_are_bounded(monkeypatch):
    """At most MADE_CELLS cells are kept; asked for more, each is still right."""
    import standpoint.cells as cells_module

    ds = load(APP, today=dt.date(2026, 1, 1))
    monkeypatch.setattr(cells_module, "MADE_CELLS", 5)
    actors = sorted({p.actor for p in ds.positions})
    dates = [D(2025, 1, 1) + dt.timedelta(days=30 * k) for k in range(4)]
    asked = [(a, i, d) for a in actors for i in ds.issues for d in dates]
    assert len(asked) > 5
    for a, i, d in asked:
        got = cell(ds, a, i, d)
        assert got.value == cells_module._cell(index(ds), (a, i), d, None, 30).value
        assert len(index(ds).made) <= 5


@functools.cache
def _loaded(root):
    return load(root, today=TODAY)


def _pairs_and_dates(ds):
    pairs = sorted({(p.actor, p.issue) for p in ds.positions})
    starts = sorted({p.date.start for p in ds.positions})
    return pairs, starts


@pytest.mark.parametrize("root", [APP, UNGA], ids=["app", "unga"])
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_level_of_is_the_cell_s_value(root, data):
    """:func:`level_of` (for counts of many cells) gives every cell's ``value`` as
    :func:`cell` decides it, at any date: on a position's first day, the day before, between
    positions and after the last, for pairs with one position, several, or a divided date."""
    ds = _loaded(root)
    pairs, starts = _pairs_and_dates(ds)
    actor, issue = data.draw(st.sampled_from(pairs))
    start = data.draw(st.sampled_from(starts))
    when = start + dt.timedelta(days=data.draw(st.integers(-400, 400)))
    assert level_of(ds, actor, issue, when) == cell(ds, actor, issue, when).value
