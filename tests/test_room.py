"""Charts laid out for the room they have on the page (frame.screen), the steps the browser
reports it in, and the widths of the boxes of a row (components/layout.py)."""

from __future__ import annotations

import plotly.graph_objects as go
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from components.layout import Box, box_px, lines, sticky_style
from standpoint.figures.frame import (
    LEGEND_BESIDE_PX,
    PAGE_MAX_PX,
    PAGE_MIN_PX,
    ROOM_STEP_PX,
    SCREEN,
    TITLE,
    Frame,
    Legend,
    Size,
    frame_lines,
    legend_top_px,
    place,
    room_step,
    screen,
)
from standpoint.figures.matrix import column_labels, fit_width

TITLE_TEXT = (
    "Ukraine's territorial integrity within its internationally recognised borders (UNGA "
    "votes): who held which level, and when"
)
LEGEND = Legend("legend", "Level", (1, 1, 1, 1), 24)


def framed(size: Size) -> go.Figure:
    frame = Frame(title=TITLE_TEXT, subtitle=("As of 2025-02-18",), sources="Euractiv")
    fig = go.Figure(go.Bar(x=[1], y=["a"], name="x", legend="legend"))
    return place(fig, frame, size, plot_px=200, legends=[LEGEND], left=40, right=8)


def test_the_narrowest_room_is_the_screen_size_of_before():
    """540 px (and anything narrower, or no measure at all) lays charts out as they always
    were: text wrapped for 400 px, type of 12 px, the legend below."""
    before = Size("screen", None, None, 400, 12, 18, 13, 11, 8, "below", room_px=540)
    assert screen(PAGE_MIN_PX) == SCREEN == before
    assert screen(0) == screen(PAGE_MIN_PX - 1) == SCREEN
    assert screen(10_000) == screen(PAGE_MAX_PX)


def test_a_wider_room_wraps_the_title_wider():
    narrow, wide = screen(PAGE_MIN_PX), screen(1400)
    few, many = frame_lines(framed(wide), TITLE), frame_lines(framed(narrow), TITLE)
    assert len(few) < len(many)
    assert " ".join(few) == " ".join(many) == TITLE_TEXT  # nothing lost
    assert all(len(x) <= wide.chars(wide.title) for x in few)
    assert max(map(len, few)) > narrow.chars(narrow.title)  # lines longer than 540 px allow


def test_the_legend_goes_beside_the_plot_from_a_room_wide_enough():
    below, beside = screen(LEGEND_BESIDE_PX - ROOM_STEP_PX), screen(LEGEND_BESIDE_PX)
    assert (below.legend, beside.legend) == ("below", "right")
    fig = framed(below)
    assert legend_top_px(fig) >= fig.layout.height - fig.layout.margin.b  # under the plot
    fig = framed(beside)
    legend, margin = fig.layout.legend, fig.layout.margin
    assert legend.xref == "paper" and legend.x > 1  # right of the plot, past its margin
    assert legend_top_px(fig) == pytest.approx(margin.t, abs=1)  # level with the plot's top
    assert margin.r >= 8 + LEGEND.entry_px(beside)  # the margin holds it
    # the figure is as tall as its legend beside a short plot, the plot no taller
    short = place(go.Figure(), Frame(title="T"), beside, plot_px=40, legends=[LEGEND])
    assert short.layout.height - short.layout.margin.b - short.layout.margin.t == 40
    assert short.layout.height >= short.layout.margin.t + LEGEND.right_px(beside)[1]


def test_a_wider_room_keeps_longer_labels_whole():
    names = ["Chad", "A coalition of the willing (collectively)"]
    issues = [f"Issue {i}: guarantees for Ukraine" for i in range(12)]
    narrow = fit_width(names, issues, SCREEN, bands=False)
    assert narrow.row_labels[0] == "Chad"
    assert narrow.row_labels[1].endswith("…") and len(narrow.row_labels[1]) < len(names[1])
    cut, angle, _ = column_labels(issues, SCREEN, narrow.cell_px)
    assert angle != 0 and all(t.endswith("…") for t in cut)
    wide = screen(1440)
    fit = fit_width(names, issues, wide, bands=False)
    assert fit.row_labels == names
    whole, angle, _ = column_labels(issues, wide, fit.cell_px)
    assert angle != 0 and whole == issues
    assert fit.cell_px > narrow.cell_px  # the columns have the room that is left


@pytest.mark.parametrize(
    ("px", "room"),
    [(0, PAGE_MIN_PX), (564, PAGE_MIN_PX), (600, 600), (940, 840), (1460, 1440), (4000, 1920)],
)
def test_the_measured_width_is_rounded_down_to_a_step(px, room):
    assert room_step(px) == room
    assert room == PAGE_MIN_PX or room % ROOM_STEP_PX == 0


CHART, PANEL = Box("chart", 3, 600), Box("panel", 1, 260)


def test_boxes_share_a_row_by_their_shares_once_their_least_widths_fit():
    gap = 32  # "medium"
    assert lines(1440, [CHART, PANEL]) == [[CHART, PANEL]]
    chart, panel = box_px(1440, [CHART, PANEL])
    assert chart + gap + panel == pytest.approx(1440, abs=1)
    assert chart - 600 == pytest.approx(3 * (panel - 260), abs=2)  # three shares to one
    assert lines(600 + gap + 260 - 1, [CHART, PANEL]) == [[CHART], [PANEL]]
    assert box_px(840, [CHART, PANEL]) == [840, 840]  # each a line of its own
    assert box_px(400, [CHART, PANEL]) == [400, 400]  # never wider than the row


class _Browser:
    """Stands in for ``st`` in components.room: only its cookies are read."""

    def __init__(self, cookies: dict[str, str]) -> None:
        self.context = type("Context", (), {"cookies": cookies})()
        self.session_state: dict = {}


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.text(max_size=30), st.integers(-(10**30), 10**30).map(str)))
def test_the_remembered_room_is_a_step_within_bounds_or_nothing(raw):
    import components.room as room

    real = room.st
    room.st = _Browser({room.COOKIE: raw})
    try:
        got = room.remembered()
        assert room.measured() == got  # no report in this session: the cookie's room
    finally:
        room.st = real
    if got is None:
        with pytest.raises(ValueError):
            int(raw)
    else:
        assert got == room_step(int(raw))
        assert PAGE_MIN_PX <= got <= PAGE_MAX_PX


@pytest.mark.parametrize("key", ["matrix_head", "a-b_2"])
def test_a_sticky_box_s_rule_names_its_wrapper_and_nothing_else(key):
    """The rule that keeps a box at the top of its scrolling box names only the layout
    wrapper holding that box, and makes it stick on a white ground."""
    rule = sticky_style(key)
    assert rule.startswith("<style>") and rule.endswith("</style>")
    assert f":has(> .st-key-{key}){{position:sticky;top:0;" in rule
    assert rule.count("{") == 1


@pytest.mark.parametrize("key", ["", "Matrix", "a b", "a}b{", 'a"]', "x<style>"])
def test_a_sticky_box_s_key_must_be_plain(key):
    """A key is put into a style rule as it is: anything but a plain key is refused."""
    with pytest.raises(ValueError, match="not a plain key"):
        sticky_style(key)
