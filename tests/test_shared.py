"""Many users, one copy: sessions of the dashboard share the data set and the drawn matrix
instead of each holding its own (what benchmarks/load.py relies on)."""

from __future__ import annotations

import streamlit as st
from streamlit.testing.v1 import AppTest

from components import data, matrix
from tests.paths import REPO, UNGA
from tests.test_app import figure


def session() -> AppTest:
    at = AppTest.from_file(str(REPO / "dashboard.py"), default_timeout=60)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_sessions_share_one_data_set_and_draw_a_view_once(monkeypatch):
    monkeypatch.setenv("STANDPOINT_DATA", str(UNGA))
    calls = []
    draw = matrix.matrix_spec

    def counted(*args, **kwargs):
        calls.append(args[2])
        return draw(*args, **kwargs)

    monkeypatch.setattr(matrix, "matrix_spec", counted)
    st.cache_data.clear()
    st.cache_resource.clear()
    try:
        first, second = session(), session()
        one = first.session_state[data._THIS_RUN]
        assert one is second.session_state[data._THIS_RUN]  # the same object, not a copy
        assert len(one.actors) == 193
        assert figure(first) == figure(second)
        assert len(calls) == 1  # the second session's matrix came from the shared cache
        # a cell picked in the panel is framed in the figure of that session only, and no
        # session's selection draws the matrix again: the cells are shared, the selection
        # is set in that session's copy of the click layer
        issues = list(one.issues)
        for at, issue in ((first, issues[0]), (session(), issues[1])):
            at.selectbox(key=matrix.CELL_ACTOR).set_value("alb")
            at.selectbox(key=matrix.CELL_ISSUE).set_value(issue).run()
            click = figure(at)["data"][1]
            assert [click["customdata"][i] for i in click["selectedpoints"]] == [["alb", issue]]
            assert figure(at)["data"][0] == figure(second)["data"][0]  # the same cells
        assert "selectedpoints" not in figure(second)["data"][1]
        assert len(calls) == 1
    finally:
        st.cache_data.clear()
        st.cache_resource.clear()


def words(fig: dict) -> str:
    """The title and every annotation of a figure."""
    layout = fig["layout"]
    texts = [layout.get("title", {}).get("text", "")]
    texts += [a.get("text", "") for a in layout.get("annotations", [])]
    return "\n".join(texts)


def test_a_large_matrix_is_shown_a_page_of_rows_at_a_time(monkeypatch, tmp_path):
    from benchmarks.generate import generate

    generate(tmp_path / "data", actors=130, issues=40, positions=1, seed=3)
    monkeypatch.setenv("STANDPOINT_DATA", str(tmp_path / "data"))
    st.cache_data.clear()
    st.cache_resource.clear()
    try:
        at = session()
        n = len(at.session_state[data._THIS_RUN].actors)
        per = matrix.MAX_CELLS // 40
        fig = figure(at)
        assert len(fig["layout"]["yaxis"]["ticktext"]) == per
        assert f"Rows 1–{per} of {n}" in words(fig)
        at.selectbox(key="rows").set_value(per).run()
        fig = figure(at)
        assert f"Rows {per + 1}–{2 * per} of {n}" in words(fig)
        last = at.selectbox(key="rows").options[-1]
        assert last.startswith(f"{2 * per + 1}–{n} of {n}")
    finally:
        st.cache_data.clear()
        st.cache_resource.clear()


def test_the_loaded_data_set_is_out_of_the_cycle_collectors_reach(monkeypatch):
    """Streamlit runs the cycle collector after every script run; the data set, read-only and
    shared, is frozen out of its scans (else each rerun scans every record again)."""
    import gc

    monkeypatch.setenv("STANDPOINT_DATA", str(UNGA))
    st.cache_resource.clear()
    try:
        at = session()
        ds = at.session_state[data._THIS_RUN]
        tracked = {id(o) for o in gc.get_objects()}  # the collector's generations only
        assert id(ds.positions) not in tracked and id(ds.actors) not in tracked
        assert gc.get_freeze_count() > len(ds.positions)
    finally:
        st.cache_resource.clear()
        gc.unfreeze()


def test_a_charts_words_are_worked_out_once_for_every_rerun_and_session(monkeypatch):
    """The alt text, speaker note and image count under a chart read every cell it shows:
    worked out once per view and data set, not on each rerun of each session."""
    from components import downloads

    monkeypatch.setenv("STANDPOINT_DATA", str(UNGA))
    calls = []
    describe = downloads.describe

    def counted(ds, chart):
        calls.append(chart)
        return describe(ds, chart)

    monkeypatch.setattr(downloads, "describe", counted)
    st.cache_resource.clear()
    try:
        first = session()
        first.run()
        second = session()
        assert len(calls) == 1 and calls[0].kind == "matrix"
        assert [c.value for c in first.code] == [c.value for c in second.code]  # the words
        assert any(len(c.value) > 40 for c in second.code)
        second.text_input(key="q").set_value("an").run()  # another view: its own words
        assert len(calls) == 2 and "an" in " ".join(calls[1].notes)
    finally:
        st.cache_resource.clear()


def test_every_cell_is_worked_out_only_for_a_view_that_reads_levels(monkeypatch):
    """A view whose rows and order read no level (by name, no level filter, empty rows kept)
    draws its chart without working out every actor's cell (12,000 at 300 actors); hiding
    empty rows, or ordering by level, asks for them."""
    monkeypatch.setenv("STANDPOINT_DATA", str(UNGA))
    asked = []
    cells = matrix.queries.matrix_as_of

    def counted(ds, as_of, *args, **kwargs):
        asked.append(as_of)
        return cells(ds, as_of, *args, **kwargs)

    monkeypatch.setattr(matrix.queries, "matrix_as_of", counted)
    st.cache_data.clear()
    st.cache_resource.clear()
    try:
        at = session()
        rows = figure(at)["layout"]["yaxis"]["ticktext"]
        assert len(rows) == 192 and asked == []  # every row drawn, no cell worked out
        at.toggle(key="hide_empty").set_value(True).run()
        assert len(asked) == 1
        at.toggle(key="hide_empty").set_value(False).run()
        at.selectbox(key="order").set_value("cluster").run()
        assert len(asked) == 1  # the same date's cells, kept
        assert not at.exception
    finally:
        st.cache_data.clear()
        st.cache_resource.clear()
