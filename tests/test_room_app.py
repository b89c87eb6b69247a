"""Every page draws its charts for the room the browser measured (components/room.py), run
through AppTest with the probe's report set as a browser would send it; without one (no
browser) the charts are laid out for the narrowest room, as before."""

from __future__ import annotations

import json

import pytest

from components import room
from standpoint import load, queries
from standpoint.figures.frame import SUBTITLE, TITLE, frame_lines, legend_top_px
from tests.apptest import clear_caches, open_app
from tests.paths import REPO

WIDE = 1440  # the main column at 1920 px with the sidebar open, in steps


def charts(monkeypatch, page: str, px: int | None) -> list[dict]:
    at = open_app(monkeypatch, REPO, page=page)
    if px is not None:
        at.session_state[room.KEY] = {room.FIELD: px}  # the probe's report
        at.run()
        assert not at.exception, [e.value for e in at.exception]
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


@pytest.fixture(autouse=True)
def _fresh():
    yield
    clear_caches()


def beside(fig: dict) -> bool:
    """The legend sits right of the plot (else it is below it)."""
    legend = fig["layout"]["legend"]
    if legend.get("xref") == "paper" and legend.get("x", 0) > 1:
        return True
    layout = fig["layout"]
    assert legend_top_px(fig) >= layout["height"] - layout["margin"]["b"], "neither"
    return False


@pytest.mark.parametrize(("page", "index"), [("change", 0), ("actor", 0), ("issue", 1)])
def test_charts_with_a_legend_put_it_beside_the_plot_in_a_wide_room(monkeypatch, page, index):
    """Beside the plot in a wide room, except a timeline's legends far taller than its lanes
    can grow (an actor's few lanes, many events): below, the key in columns."""
    narrow = charts(monkeypatch, page, None)[index]
    wide = charts(monkeypatch, page, WIDE)[index]
    assert not beside(narrow)
    if page != "actor":
        assert beside(wide)
    elif not beside(wide):
        layout = wide["layout"]
        assert "legend2" in layout and layout["legend2"]["orientation"] == "h"
        lanes = layout["meta"]["lanes"]
        assert layout["height"] - layout["margin"]["t"] - layout["margin"]["b"] < lanes * 60
    assert len(frame_lines(wide, SUBTITLE)) <= len(frame_lines(narrow, SUBTITLE))


@pytest.mark.parametrize(("page", "index"), [("compare", 0), ("issue", 0)])
def test_charts_wrap_their_frame_for_the_room(monkeypatch, page, index):
    narrow = charts(monkeypatch, page, None)[index]
    wide = charts(monkeypatch, page, WIDE)[index]
    for part in (TITLE, SUBTITLE):
        assert " ".join(frame_lines(wide, part)) == " ".join(frame_lines(narrow, part))
    lines = lambda fig: len(frame_lines(fig, TITLE)) + len(frame_lines(fig, SUBTITLE))  # noqa: E731
    assert lines(wide) < lines(narrow)


def test_the_matrix_names_its_rows_whole_in_a_wide_room(monkeypatch):
    ds = load(REPO)
    rows = queries.matrix_as_of(ds, queries.latest_date(ds)).index
    longest = max((ds.actors[a].name for a in rows), key=len)

    def names(fig: dict) -> list[str]:
        return [t.removeprefix("↳ ") for t in fig["layout"]["yaxis"]["ticktext"]]

    assert longest not in names(charts(monkeypatch, "matrix", None)[0])  # cut at 540 px
    assert longest in names(charts(monkeypatch, "matrix", WIDE)[0])
