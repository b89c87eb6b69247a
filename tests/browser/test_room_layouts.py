"""The matrix laid out for the room it has, in a real browser: the page measures its main
column (components/room.py) and the chart is drawn again for it: whole labels on a wide
screen, a re-layout when the sidebar is closed, and no extra request when another page is
opened."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from benchmarks.app_bench import Frames
from standpoint import load, queries

from .conftest import DATA
from .helpers import page_js, settle
from .test_screen_layouts import MATRIX_BOXES, _open, _overlap, _shot, _window, assert_matrix_reads

pytestmark = pytest.mark.browser

ROW_LABELS = """() => [...document.querySelectorAll(
    '.js-plotly-plot .yaxislayer-above .ytick text')].map(t => t.textContent)"""
# the legend's box, and the boxes of the plot area and of the frame's text
LEGEND_BOXES = page_js("""() => {
    const g = $plot;
    const box = e => { const r = e.getBoundingClientRect();
                       return {left: r.left, right: r.right, top: r.top, bottom: r.bottom}; };
    const legend = g.querySelector('.legend .scrollbox') || g.querySelector('.legend');
    return {legend: box(legend), plot: box(g.querySelector('.nsewdrag')),
            texts: [...g.querySelectorAll('.annotation')].map(box)};
}""")


def longest_row_name() -> str:
    """The longest name of an actor with a row in the shipped matrix as of its latest date
    (the page's default view)."""
    ds = load(DATA["shipped"])
    rows = queries.matrix_as_of(ds, queries.latest_date(ds)).index
    return max((ds.actors[a].name for a in rows), key=len)


def shown_whole(page: Page, name: str, timeout: float = 30_000) -> None:
    """Wait until a row label of the matrix is ``name`` whole (after "↳ " for a person)."""
    page.wait_for_function(
        f"(name) => ({ROW_LABELS})().some(t => t.replace(/^↳ /, '') === name)",
        arg=name,
        timeout=timeout,
    )
    settle(page)


def assert_nothing_overlaps(page: Page) -> None:
    """Column and row labels as :func:`assert_matrix_reads` checks them, and the legend clear
    of the plot, of the labels and of the frame's text."""
    got = assert_matrix_reads(page)
    boxes = page.evaluate(LEGEND_BOXES)
    legend = boxes["legend"]
    assert not _overlap(legend, boxes["plot"]), "the legend is over the cells"
    for t in [*got["xticks"], *got["yticks"]]:
        assert not _overlap(legend, t), f"the legend is over a label: {t['text']}"
    for t in boxes["texts"]:
        assert not _overlap(legend, t), "the legend is over the frame's text"
    assert legend["right"] <= got["svg"]["right"] + 1, "the legend runs off the chart"


def test_at_1920_the_longest_row_label_is_whole_and_the_legend_clear(servers, browser):
    name = longest_row_name()
    for sidebar in (True, False):
        context, page = _window(browser, 1920, 1080, sidebar)
        try:
            _open(page, servers, "shipped", "matrix")
            shown_whole(page, name)
            labels = page.evaluate(ROW_LABELS)
            assert not [t for t in labels if t.endswith("…")], "a row label is cut short"
            assert_nothing_overlaps(page)
            _shot(page, f"room-matrix-1920-{'open' if sidebar else 'closed'}")
        finally:
            context.close()


def test_at_1024_the_matrix_fits_its_column_and_closing_the_sidebar_lays_it_out_wider(
    servers, browser
):
    name = longest_row_name()
    context, page = _window(browser, 1024, 768, True)
    try:
        _open(page, servers, "shipped", "matrix")
        assert_nothing_overlaps(page)
        before = page.evaluate(MATRIX_BOXES)
        cut = [t["text"] for t in before["yticks"] if t["text"].replace("↳ ", "") != name]
        assert len(cut) == len(before["yticks"]), f"{name!r} is whole in 564 px: a longer name?"
        _shot(page, "room-matrix-1024-open")
        page.locator('[data-testid="stSidebar"]').hover()
        page.locator('[data-testid="stSidebarCollapseButton"] button').first.click()
        shown_whole(page, name)  # drawn again for the wider room
        after = assert_matrix_reads(page)
        assert after["svg"]["width"] > before["svg"]["width"] + 200
        assert after["plot"]["width"] > before["plot"]["width"]
        assert_nothing_overlaps(page)
        _shot(page, "room-matrix-1024-closed")
    finally:
        context.close()


def test_opening_another_page_sends_one_request_and_no_new_room(servers, browser):
    """The room is measured once; a page switch is one request to the server, as before."""
    context, page = _window(browser, 1400, 900, True)
    try:
        frames = Frames().attach(page)
        _open(page, servers, "shipped", "matrix")
        shown_whole(page, longest_row_name())
        nav = page.locator('[data-testid="stSidebarNav"]')
        for where in ("Change over time", "Matrix"):
            sent = len(frames.sent)
            nav.get_by_text(where).click()
            page.wait_for_selector(".js-plotly-plot .main-svg", timeout=30_000)
            settle(page)
            page.wait_for_timeout(1000)  # time for a report the probe should not send
            assert [k for _, _, k in frames.sent[sent:]] == ["rerun_script"], where
    finally:
        context.close()


def test_a_returning_browser_opens_laid_out_for_its_room_without_a_second_draw(servers, browser):
    """The room is kept in a cookie: the next visit's first run already has it, so the page
    asks for no second run and its first chart has whole labels."""
    name = longest_row_name()
    context, page = _window(browser, 1920, 1080, True)
    try:
        frames = Frames().attach(page)
        _open(page, servers, "shipped", "matrix")
        shown_whole(page, name)
        first = [k for _, _, k in frames.sent]
        assert first.count("rerun_script") >= 2  # the first visit: measured, drawn again
        kept = {c["name"]: c["value"] for c in context.cookies()}
        assert int(kept["standpoint_room"]) >= 1200
        again = context.new_page()
        again.sidebar_open = True  # as _window marks its page
        frames = Frames().attach(again)
        _open(again, servers, "shipped", "matrix")
        labels = again.evaluate(ROW_LABELS)
        assert any(t.replace("↳ ", "") == name for t in labels)  # whole from the first draw
        again.wait_for_timeout(1000)  # time for a report the probe should not send
        assert [k for _, _, k in frames.sent] == ["rerun_script"]
    finally:
        context.close()


# when the page's first chart is first drawn (ms since navigation), set before any script
FIRST_DRAWN = """
new MutationObserver((_, observer) => {
    if (document.querySelector('.js-plotly-plot .main-svg')) {
        window.__firstDrawn = performance.now();
        observer.disconnect();
    }
}).observe(document, {childList: true, subtree: true});
"""


def test_a_first_visit_draws_its_first_chart_before_reporting_the_room(servers, browser):
    """A browser's first visit: the matrix is drawn at the default room first, and only then
    does the page report its room (whose rerun lays it out again), so that rerun never holds
    up the first drawing."""
    context, page = _window(browser, 1400, 900, True)
    try:
        page.add_init_script(FIRST_DRAWN)
        _open(page, servers, "shipped", "matrix")
        page.wait_for_function("() => window.__standpointRoom && window.__standpointRoom.firstAt")
        settle(page)
        drawn, reported = page.evaluate("[window.__firstDrawn, window.__standpointRoom.firstAt]")
        assert drawn is not None and reported >= drawn
        kept = {c["name"]: c["value"] for c in context.cookies()}
        assert int(kept["standpoint_room"]) > 540  # measured and laid out for it after all
    finally:
        context.close()
