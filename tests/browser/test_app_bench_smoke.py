"""The app benchmark (benchmarks/app_bench.py) as a smoke test, not timed: one sample of each
figure against the bare app, on the UN data (192 rows that scroll in a box under the matrix's
head, a chart of its own) and on a small generated data set of many columns (a head of 40
slanted labels, taller than the UN's). It checks that every figure is measured, not how
fast: a click on a cell under the head, say, would never show its evidence."""

from __future__ import annotations

import math

import pytest

from benchmarks import app_bench

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def many_columns(tmp_path_factory):
    from benchmarks.generate import generate

    root = tmp_path_factory.mktemp("bench") / "data"
    generate(root, actors=45, issues=40, positions=1, seed=1)
    return root


def test_every_figure_of_the_app_bench_is_measured_on_many_columns(many_columns):
    figures = app_bench.run(many_columns, repeat=1, quiet=True, new_view=None)
    for name, (value, floor, _target) in figures.items():
        assert math.isfinite(value) and value > 0, name
        assert math.isfinite(floor) and floor > 0, name


def test_every_figure_of_the_app_bench_is_measured_on_the_un_data():
    figures = app_bench.run(app_bench.UNGA, repeat=1, quiet=True)
    for name, (value, floor, _target) in figures.items():
        assert math.isfinite(value) and value > 0, name
        assert math.isfinite(floor) and floor > 0, name
    # a filter change to a view no one has drawn has its target on the UN data
    assert figures["filter change to a view never drawn, ms"][2] == 1.5
