"""Positions over time: steps, their boundaries, divided days and what changed between dates."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from standpoint.loader import load
from standpoint.timeline import (
    actor_steps,
    changes,
    issue_steps,
    lane_order,
    level_at,
    level_changes,
)
from tests.paths import UNGA
from tests.timeline_data import make

UNTIL = dt.date(2026, 1, 1)
D = pd.Timestamp


@pytest.fixture(scope="module")
def ds(tmp_path_factory: pytest.TempPathFactory):
    data = load(make(tmp_path_factory.mktemp("timeline")))
    assert data.problems == []
    return data


def test_a_position_holds_until_the_next_one_and_the_last_stays_open(ds):
    steps = issue_steps(ds, "troops", until=UNTIL)
    usa = steps[steps["actor"] == "usa"]
    assert list(usa["stance"]) == ["support", "lean-support", "oppose"]
    assert list(usa["start"]) == [D("2014-01-01"), D("2022-03-01"), D("2025-02-24")]
    assert list(usa["end"]) == [D("2022-03-01"), D("2025-02-24"), D("2026-01-01")]
    assert list(usa["open"]) == [False, False, True]
    assert list(usa["date_text"]) == ["2014", "Mar 2022", "2025-02-24"]  # at their precision
    assert list(usa["value"]) == [2.0, 1.0, -2.0]
    assert usa.iloc[2]["speaker"] == "The President"
    assert usa.iloc[1]["quote"] == "Only with conditions"
    assert usa.iloc[1]["source"] == "Example News, 2025-02-20"


def test_month_and_year_dates_count_from_the_first_day(ds):
    steps = issue_steps(ds, "troops", until=UNTIL)
    assert level_at(steps, "usa", dt.date(2013, 12, 31)) is None
    assert level_at(steps, "usa", dt.date(2014, 1, 1)) == "support"
    assert level_at(steps, "usa", dt.date(2022, 2, 28)) == "support"
    assert level_at(steps, "usa", dt.date(2022, 3, 1)) == "lean-support"
    assert level_at(steps, "usa", dt.date(2025, 2, 24)) == "oppose"


def test_same_date_positions_that_disagree_make_one_divided_step(ds):
    steps = issue_steps(ds, "nato", until=UNTIL)
    usa = steps[steps["actor"] == "usa"]
    assert len(usa) == 1
    step = usa.iloc[0]
    assert step["stance"] == "divided"
    assert pd.isna(step["value"])
    assert step["positions"] == 2
    assert step["speaker"] == "Speaker A / Speaker B"
    assert step["quote"] == "Not in NATO\nOpen door"


def test_actors_in_data_order_and_only_those_with_positions(ds):
    steps = issue_steps(ds, "troops", until=UNTIL)
    assert list(dict.fromkeys(steps["actor"])) == ["usa", "fra", "eu", "noiso"]
    assert issue_steps(ds, "unused", until=UNTIL).empty


def test_until_leaves_out_later_positions_and_closes_the_last_step(ds):
    steps = issue_steps(ds, "troops", until=dt.date(2022, 6, 1))
    usa = steps[steps["actor"] == "usa"]
    assert list(usa["stance"]) == ["support", "lean-support"]
    assert usa.iloc[-1]["end"] == D("2022-06-01")
    assert bool(usa.iloc[-1]["open"])
    assert set(steps["actor"]) == {"usa"}


def test_actor_steps_cover_every_issue_in_issue_order(ds):
    steps = actor_steps(ds, "usa", until=UNTIL)
    assert list(steps["issue"]) == ["troops", "troops", "troops", "nato"]
    assert list(steps["issue_label"].unique()) == ["Troops to Ukraine", "Ukraine in NATO"]
    assert actor_steps(ds, "envoy", until=UNTIL)["stance"].tolist() == ["oppose"]


def test_lane_orders(ds):
    steps = issue_steps(ds, "troops", until=UNTIL)
    assert lane_order(steps, "data") == ["usa", "fra", "eu", "noiso"]
    assert lane_order(steps, "name") == ["eu", "fra", "noiso", "usa"]
    # latest level: support (France, Nowhere Land by name), ambiguous (EU), oppose (USA)
    assert lane_order(steps, "level") == ["fra", "noiso", "eu", "usa"]
    assert lane_order(steps, "changes")[0] == "usa"
    assert level_changes(steps).to_dict() == {"usa": 2, "fra": 0, "eu": 0, "noiso": 0}
    nato = issue_steps(ds, "nato", until=UNTIL)
    assert lane_order(nato, "level")[-1] == "usa"  # divided last
    with pytest.raises(ValueError):
        lane_order(steps, "sideways")


def test_changes_between_two_dates(ds):
    table = changes(ds, dt.date(2025, 1, 1), dt.date(2025, 3, 1))
    got = [(r.actor, r.issue, r.before, r.after) for r in table.itertuples()]
    got = [(a, i, None if pd.isna(b) else b, c) for a, i, b, c in got]
    assert got == [
        ("usa", "troops", "lean-support", "oppose"),
        ("usa", "nato", None, "divided"),
        ("fra", "troops", None, "support"),
        ("fra", "nato", None, "support"),
        ("eu", "troops", None, "ambiguous"),
        ("envoy", "nato", None, "oppose"),
        ("noiso", "troops", None, "support"),
    ]
    first = table.iloc[0]
    assert first["date"] == D("2025-02-24")
    assert first["quote"] == "No troops"
    assert first["speaker"] == "The President"
    assert first["issue_label"] == "Troops to Ukraine"


def test_changes_take_dates_in_either_order_and_can_be_empty(ds):
    a, b = dt.date(2021, 1, 1), dt.date(2023, 1, 1)
    forward, backward = changes(ds, a, b), changes(ds, b, a)
    pd.testing.assert_frame_equal(forward, backward)
    assert forward[["actor", "before", "after"]].values.tolist() == [
        ["usa", "support", "lean-support"]
    ]
    assert changes(ds, dt.date(2025, 3, 1), dt.date(2025, 12, 1)).empty


def test_changes_on_the_day_a_position_is_dated(ds):
    # the change counts on its own date, not a day later
    assert changes(ds, dt.date(2025, 2, 23), dt.date(2025, 2, 24))["actor"].tolist() == ["usa"]
    assert changes(ds, dt.date(2025, 2, 24), dt.date(2025, 2, 25)).empty


def test_unga_usa_territorial_integrity_over_time():
    ds = load(Path(UNGA))
    steps = issue_steps(ds, "territorial-integrity", until=dt.date(2026, 1, 1))
    usa = steps[steps["actor"] == "usa"]
    assert list(usa["stance"]) == ["support", "support", "oppose"]
    assert list(usa["start"]) == [D("2014-03-27"), D("2022-03-02"), D("2025-02-24")]
    assert steps["actor"].nunique() > 180
    # the states that changed level most come first; the USA went from yes to no
    movers = lane_order(steps, "changes")
    assert level_changes(steps)[movers[0]] >= level_changes(steps)["usa"] == 1
    moved = changes(ds, dt.date(2025, 2, 23), dt.date(2025, 2, 24))
    row = moved[(moved["actor"] == "usa") & (moved["issue"] == "territorial-integrity")]
    assert row[["before", "after"]].values.tolist() == [["support", "oppose"]]
