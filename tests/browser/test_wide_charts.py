"""Charts on a wide screen (1920 x 1080, the sidebar closed), as drawn in a real browser: the
agreement heatmap of a few actors keeps compact cells with level names instead of stretching
them across the page, and the change-over-time lanes are tall enough to read with no blank
band left under them by the legends beside them."""

from __future__ import annotations

import pytest

from standpoint.figures.compare import CELL_MAX_EM
from standpoint.figures.frame import SCREEN

from .helpers import page_js
from .test_screen_layouts import _open, _shot, _window

pytestmark = pytest.mark.browser

BOXES = page_js("""() => {
    const g = $plot;
    const box = e => { const r = e.getBoundingClientRect();
                       return {left: r.left, right: r.right, top: r.top, bottom: r.bottom,
                               width: r.width, height: r.height}; };
    const main = document.querySelector('[data-testid="stMainBlockContainer"]')
        || document.querySelector('[data-testid="stMain"]');
    return {
        svg: box(g.querySelector('.main-svg')), plot: box(g.querySelector('.nsewdrag')),
        main: box(main),
        xticks: [...g.querySelectorAll('.xaxislayer-above .xtick text')].map(t => ({
            text: t.textContent, transform: t.getAttribute('transform') || ''})),
        texts: [...g.querySelectorAll('.annotation')].map(box),
        bars: [...g.querySelectorAll('.barlayer .point path')].map(box),
        symbols: [...g.querySelectorAll('.barlayer .point text')].map(
            t => parseFloat(getComputedStyle(t).fontSize)),
        legends: [...g.querySelectorAll('.infolayer > g[class^="legend"]')].map(box),
    };
}""")


@pytest.fixture
def wide(browser):
    context, page = _window(browser, 1920, 1080, False)
    yield page
    context.close()


def test_agreement_of_three_actors_keeps_compact_cells_on_a_wide_screen(servers, wide):
    _open(wide, servers, "shipped", "compare")
    wide.wait_for_selector(".js-plotly-plot .heatmaplayer", timeout=30_000)
    wide.wait_for_timeout(500)
    got = wide.evaluate(BOXES)
    names = [t for t in got["xticks"] if t["text"]]
    assert names, "no column names"
    cell = got["plot"]["width"] / len(names)
    assert cell <= CELL_MAX_EM * SCREEN.font + 2, f"cells {cell:.0f} px wide"
    assert got["svg"]["width"] < got["main"]["width"] * 0.7  # not stretched across the page
    assert not [
        t for t in names if "rotate(" in t["transform"] and "rotate(0" not in t["transform"]
    ]
    for t in got["texts"]:  # the frame's words inside the chart
        assert t["right"] <= got["svg"]["right"] + 1
    _shot(wide, "wide-compare-1920-closed")


def test_change_lanes_are_tall_and_leave_no_band_on_a_wide_screen(servers, wide):
    _open(wide, servers, "shipped", "change")
    wide.wait_for_selector(".js-plotly-plot .barlayer", timeout=30_000)
    wide.wait_for_timeout(500)
    got = wide.evaluate(BOXES)
    heights = [b["height"] for b in got["bars"] if b["height"] > 0]
    assert heights and min(heights) >= 1.5 * SCREEN.row_px * 0.75, min(heights)
    assert min(got["symbols"]) > SCREEN.font  # the level symbols grow with the lanes
    plot = got["plot"]
    for legend in got["legends"]:
        if legend["top"] >= plot["bottom"]:
            continue  # below the lanes
        # beside the lanes: ends no more than the date axis and a few lines below them
        assert legend["bottom"] <= plot["bottom"] + 2 * 16 + 8 + 3 * 16 + 4, (legend, plot)
    _shot(wide, "wide-change-1920-closed")


def test_actor_timeline_legends_below_the_lanes_stay_clear_of_the_footer(servers, wide):
    """Few lanes and many events: the legends go below the lanes, the key in columns, and
    end above the footer's words (rows of entries are as many as plotly makes)."""
    _open(wide, servers, "shipped", "actor", [("actor", "usa")])
    wide.wait_for_selector(".js-plotly-plot .barlayer", timeout=30_000)
    wide.wait_for_timeout(500)
    got = wide.evaluate(BOXES)
    plot = got["plot"]
    footer = max(got["texts"], key=lambda t: t["top"])  # the frame's lowest words
    below = [lg for lg in got["legends"] if lg["top"] >= plot["bottom"]]
    assert below, "no legend below the lanes"
    for legend in below:
        assert legend["bottom"] <= footer["top"] + 1, (legend, footer)
    _shot(wide, "wide-actor-1920-closed")
