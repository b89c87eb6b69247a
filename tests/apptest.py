"""One way to open the dashboard in AppTest: on a data directory, at a page, with query
parameters as if opened from a link, each test starting from empty caches."""

from __future__ import annotations

import json
from pathlib import Path

import streamlit as st
from streamlit.testing.v1 import AppTest
from streamlit.util import calc_hash

from components.matrix import CHART_KEY
from tests.paths import REPO


def clear_caches() -> None:
    """Empty Streamlit's caches, which live as long as the process, so tests stay independent."""
    st.cache_data.clear()
    st.cache_resource.clear()


def open_app(
    monkeypatch,
    data: Path,
    page: str | None = None,
    query: dict | None = None,
    *,
    timeout: float = 90,
    check: bool = True,
) -> AppTest:
    """Run the dashboard once on ``data``. ``page`` is a url path ("matrix", "actor"), opened
    directly as a copied link does (callable pages have no file for ``AppTest.switch_page``;
    st.Page hashes its url path); without it the default page opens. With ``check`` an
    exception on the page fails the test."""
    monkeypatch.setenv("STANDPOINT_DATA", str(data))
    clear_caches()
    at = AppTest.from_file(str(REPO / "dashboard.py"), default_timeout=timeout)
    if page:
        at._page_hash = calc_hash(page)
    at.query_params.update(query or {})
    at.run()
    if check:
        assert not at.exception, [e.value for e in at.exception]
    return at


def matrix_chart(at: AppTest):
    """The chart element of the matrix's cells (on a tall matrix, not its head: the title,
    subtitle and column labels kept in sight over the rows, a chart of their own); else the
    page's first chart."""
    charts = list(at.get("plotly_chart"))
    assert charts, "no chart drawn"
    return next((c for c in charts if c.proto.id.endswith(CHART_KEY)), charts[0])


def figure(at: AppTest) -> dict:
    """The page's matrix as a reader sees it (else its first chart), as one figure's JSON: a
    tall matrix's rows with the words of its head drawn over them (see :func:`matrix_chart`)."""
    fig = json.loads(matrix_chart(at).proto.spec)
    for c in at.get("plotly_chart"):
        if c.proto.id.endswith(f"{CHART_KEY}_head"):
            head = json.loads(c.proto.spec)["layout"]
            lay = fig["layout"]
            notes = head.get("annotations", []) + lay.get("annotations", [])
            fig["layout"] = {**lay, "annotations": notes, "xaxis": head["xaxis"]}
    return fig
