"""The as-of reading rules of FORMAT.md, through the same function the CLI and app use."""

from __future__ import annotations

import datetime as dt

import pytest

from standpoint import load
from standpoint.cells import cell as cell_of
from standpoint.queries import matrix_as_of
from tests.datadir import data_dir, position, positions_file

D = dt.date


@pytest.fixture
def ds(tmp_path):
    root = data_dir(
        tmp_path,
        {
            "usa": positions_file(
                "usa",
                position("troops", "2024", "oppose"),
                position("troops", "2025-02", "lean-oppose"),
                position("troops", "2025-02-18", "support"),
                position("nato", "2025-03-01", "support", speaker="A"),
                position("nato", "2025-03-01", "oppose", speaker="B"),
                position("nato", "2025-04-01", "oppose", speaker="A"),
                position("nato", "2025-04-01", "oppose", speaker="B"),
            ),
            "envoy": positions_file("envoy", position("troops", "2025-04-10", "ambiguous")),
            "fra": positions_file("fra", position("nato", "2026-01-05", "support")),
            "quiet": positions_file("quiet"),
        },
    )
    data = load(root, today=D(2026, 11, 21))
    assert data.problems == []
    return data


def cell(ds, actor, issue, when):
    return matrix_as_of(ds, when).at[actor, issue]


@pytest.mark.parametrize(
    ("when", "expected"),
    [
        (D(2023, 12, 31), None),  # before the year-precision position
        (D(2024, 1, 1), "oppose"),  # YYYY counts from 1 January
        (D(2025, 1, 31), "oppose"),
        (D(2025, 2, 1), "lean-oppose"),  # YYYY-MM counts from the first of the month
        (D(2025, 2, 17), "lean-oppose"),
        (D(2025, 2, 18), "support"),  # on the day itself
        (D(2030, 1, 1), "support"),  # holds until the next position
    ],
)
def test_month_and_year_precision(ds, when, expected):
    assert cell(ds, "usa", "troops", when) == expected


def test_same_date_different_stances_is_divided(ds):
    assert cell(ds, "usa", "nato", D(2025, 3, 15)) == "divided"
    assert [p.speaker for p in cell_of(ds, "usa", "nato", D(2025, 3, 15)).latest] == ["A", "B"]


def test_same_date_same_stance_is_that_stance(ds):
    assert cell(ds, "usa", "nato", D(2025, 4, 1)) == "oppose"


def test_person_has_own_row_and_parent_row_shows_only_its_own(ds):
    frame = matrix_as_of(ds, D(2025, 5, 1))
    assert frame.at["envoy", "troops"] == "ambiguous"
    assert frame.at["usa", "troops"] == "support"  # not the envoy's later position


def test_rows_are_actors_with_any_position_in_actors_order(ds):
    frame = matrix_as_of(ds, D(2024, 6, 1))
    # fra's only position is later than the date, but it still has a row; quiet has none
    assert list(frame.index) == ["usa", "envoy", "fra"]
    assert list(frame.columns) == ["troops", "nato"]
    assert frame.at["fra", "nato"] is None


def test_the_span_of_dates_is_the_positions_and_follows_a_change(ds):
    """The earliest and latest dates any position counts from (the as-of control's range),
    kept with the data set and worked out again when its positions change."""
    from dataclasses import replace

    from standpoint.queries import date_span, latest_date

    # "2024" counts from 2024-01-01, the latest position is France's
    assert date_span(ds) == (D(2024, 1, 1), D(2026, 1, 5))
    assert latest_date(ds) == D(2026, 1, 5)
    # the earliest moved past the latest: the next earliest and the new date
    earliest = min(ds.positions, key=lambda p: p.date.start)
    rest = [p for p in ds.positions if p is not earliest]
    later = replace(earliest, date=replace(earliest.date, start=D(2026, 3, 2)))
    ds.positions = [*rest, later]
    assert date_span(ds) == (min(p.date.start for p in rest), D(2026, 3, 2))
    ds.positions = []
    assert date_span(ds) is None
    assert latest_date(ds) == dt.date.today()
