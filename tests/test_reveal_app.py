"""The component that scrolls the evidence panel into view after a click on a matrix cell
(components/reveal.py), through AppTest: it is on the page of the run a click causes, and on
no other run (each element costs time on every rerun and page switch)."""

from __future__ import annotations

import json

from streamlit.testing.v1 import AppTest

from components import matrix, reveal
from tests.apptest import matrix_chart
from tests.paths import APP
from tests.test_app import figure, run, texts  # noqa: F401 (run: the app fixture)


def reveals(at: AppTest) -> list:
    """The reveal components on the page (keyed ``reveal-<panel>-<click>``)."""
    return [e for e in at.get("bidi_component") if e.proto.component_name == reveal.NAME]


def click_cell(at: AppTest, actor: str, issue: str) -> AppTest:
    """A click on a matrix cell as the browser reports it: the chart's selection event, with
    the cell's (actor, issue) in the point's customdata, sent with the other widgets' values."""
    chart = matrix_chart(at)
    states = at._tree.get_widget_states()
    state = states.widgets.add()
    state.id = chart.proto.id
    state.string_value = json.dumps(
        {"selection": {"points": [{"customdata": [actor, issue]}], "point_indices": []}}
    )
    at._run(states)
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_a_run_without_a_click_adds_no_reveal_element(run):  # noqa: F811
    at = run(APP)
    assert any("Click a cell" in i.value for i in at.info)  # no cell selected
    assert reveals(at) == []


def test_a_cell_picked_in_the_panel_by_keyboard_does_not_move_the_page(run):  # noqa: F811
    at = run(APP)
    at.selectbox(key="cell_actor").set_value("usa").run()
    at.selectbox(key="cell_issue").set_value("nato-membership").run()
    assert "United States on Ukraine in NATO" in texts(at)
    assert reveals(at) == []


def test_a_click_on_a_cell_reveals_its_panel_once(run):  # noqa: F811
    at = run(APP)
    actor, issue = figure(at)["data"][1]["customdata"][0]  # the first cell drawn
    click_cell(at, actor, issue)
    assert [e.proto.id for e in reveals(at)], "no reveal after a click"
    assert len(reveals(at)) == 1
    assert json.loads(reveals(at)[0].proto.json) == {
        "box": matrix.PANEL_KEY,
        "share": reveal.IN_VIEW_SHARE,
    }  # the panel's key, no data text
    at.run()  # the next run (a rerun with no new click) adds none
    assert reveals(at) == []
