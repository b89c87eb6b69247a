"""Many users, one copy: sessions of the dashboard share the data set and the drawn matrix
instead of each holding its own (what benchmarks/load.py relies on)."""

from __future__ import annotations

import streamlit as st
from streamlit.testing.v1 import AppTest

from components import data, matrix
from tests.paths import UNGA
from tests.test_app import ROOT, figure


def session() -> AppTest:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_sessions_share_one_data_set_and_draw_a_view_once(monkeypatch):
    monkeypatch.setenv("STANDPOINT_DATA", str(UNGA))
    calls = []
    draw = matrix.matrix_figure

    def counted(*args, **kwargs):
        calls.append(args[2])
        return draw(*args, **kwargs)

    monkeypatch.setattr(matrix, "matrix_figure", counted)
    st.cache_data.clear()
    st.cache_resource.clear()
    try:
        first, second = session(), session()
        one = first.session_state[data._THIS_RUN]
        assert one is second.session_state[data._THIS_RUN]  # the same object, not a copy
        assert len(one.actors) == 193
        assert figure(first) == figure(second)
        assert len(calls) == 1  # the second session's matrix came from the shared cache
        # a cell picked in the panel is framed in the figure of that session only, and a
        # third session picking the same cell gets the figure already drawn
        issue = next(iter(one.issues))
        for at in (first, session()):
            at.selectbox(key=matrix.CELL_ACTOR).set_value("alb")
            at.selectbox(key=matrix.CELL_ISSUE).set_value(issue).run()
            click = figure(at)["data"][1]
            assert [click["customdata"][i] for i in click["selectedpoints"]] == [["alb", issue]]
        assert "selectedpoints" not in figure(second)["data"][1]
        assert len(calls) == 2
    finally:
        st.cache_data.clear()
        st.cache_resource.clear()
