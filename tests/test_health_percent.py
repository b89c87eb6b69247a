"""The Data health page's one percent format: whole percent, never "0%" for some or "100%"
for not quite all."""

from __future__ import annotations

import datetime as dt

from standpoint.health import coverage_gaps, coverage_table, percent


def test_percent_is_whole_with_less_than_one_and_more_than_ninety_nine():
    assert percent(9, 20) == "45%"
    assert percent(3, 193) == "2%"  # 1.55 %
    assert percent(19, 193) == "10%"  # 9.84 %
    assert percent(1, 193) == "<1%"  # 0.52 %
    assert percent(2, 193) == "1%"  # 1.04 %
    assert percent(1, 1000) == "<1%"
    assert percent(0, 193) == "0%"
    assert percent(999, 1000) == ">99%"
    assert percent(193, 193) == "100%"
    assert percent(0, 0) == "–"


def test_coverage_table_counts_and_shares_per_issue(unga):
    ds = unga
    table = coverage_table(ds, coverage_gaps(ds, dt.date(2025, 12, 18)))
    assert list(table.columns) == ["issue", "actors without a position", "share of actors"]
    assert list(table["issue"]) == [i.label for i in ds.issues.values()]
    first = table.iloc[0]
    assert (first["actors without a position"], first["share of actors"]) == (3, "2%")
