"""A click on a matrix cell brings its words into view (components/reveal.py): at 1024×768
with the sidebar open the evidence panel sits below the matrix, and the page scrolls to it;
at 1920×1080 it sits beside the matrix, in view, and the page does not move."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page

from standpoint import load, queries
from standpoint.cells import cell

from .conftest import ARTIFACTS, DATA
from .helpers import EXCEPTION, PLOT, cell_centre, open_app, page_js, settle

pytestmark = pytest.mark.browser

# How far the page is scrolled: Streamlit scrolls its main area, not the window.
SCROLLED = """() => ({main: document.querySelector('[data-testid="stMain"]').scrollTop,
                     window: window.scrollY})"""

# The boxes, on the screen, of the panel's heading and of its first quote, with its text.
PANEL = """() => {
    const box = e => { if (!e) return null; const r = e.getBoundingClientRect();
                       return {top: r.top, bottom: r.bottom, text: e.innerText}; };
    const panel = document.querySelector('.st-key-evidence_box');
    const heading = [...panel.querySelectorAll('h5')]
        .find(h => h.textContent.trim() === 'Evidence for a cell');
    return {heading: box(heading), quote: box(panel.querySelector('blockquote')),
            height: window.innerHeight};
}"""

FIRST_CELL = page_js("""() => { const g = $plot;
                        const text = g.data[0].text.flat();
                        return g.data[1].customdata[text.findIndex(t => t.length > 0)]; }""")


@pytest.fixture(scope="module")
def shipped():
    return load(DATA["shipped"])


def _window(browser, width: int, height: int):
    context = browser.new_context(viewport={"width": width, "height": height})
    return context, context.new_page()


def _click_first_cell(page: Page, servers, ds) -> tuple[str, str, dict]:
    """Open the matrix, click its first cell with a position, wait for its words; the
    cell and how far the page was scrolled just before the click."""
    open_app(page, f"{servers['shipped']}/matrix", with_plot=True)
    assert page.locator('[data-testid="stSidebar"]').bounding_box()["width"] > 200
    actor, issue = page.evaluate(FIRST_CELL)
    x, y = cell_centre(page, actor, issue)
    assert 0 < y < page.viewport_size["height"], "the cell to click is out of view"
    before = page.evaluate(SCROLLED)
    page.mouse.click(x, y)
    title = f"{ds.actors[actor].name} on {ds.issues[issue].label}"
    page.get_by_text(title).first.wait_for(timeout=20_000)
    settle(page)
    _still(page)
    assert page.locator(EXCEPTION).count() == 0
    return actor, issue, before


def _still(page: Page) -> None:
    """Wait until a smooth scroll, if any, has ended (the same offset over 300 ms)."""
    last = None
    for _ in range(40):
        now = page.evaluate(SCROLLED)
        if now == last:
            return
        last = now
        page.wait_for_timeout(300)


def _words(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().strip("“”\"'")


def test_a_click_brings_the_words_into_view_at_1024_with_the_sidebar_open(
    servers, browser, shipped
):
    if "shipped" not in servers:
        pytest.skip("no shipped data here")
    context, page = _window(browser, 1024, 768)
    try:
        actor, issue, before = _click_first_cell(page, servers, shipped)
        page.screenshot(path=str(ARTIFACTS / "reveal-1024-after-click.png"))
        got = page.evaluate(PANEL)
        assert page.evaluate(SCROLLED)["main"] > before["main"], "the page did not move"
        heading, quote, height = got["heading"], got["quote"], got["height"]
        assert heading is not None and quote is not None
        assert 0 <= heading["top"] and heading["bottom"] <= height, f"heading at {heading}"
        assert 0 <= quote["top"] and quote["bottom"] <= height, f"first quote at {quote}"
        # the first quote shown is the cell's: its latest words as of the default date
        shown = cell(shipped, actor, issue, queries.latest_date(shipped))
        assert _words(quote["text"]) == _words(shown.words[0].citations[0].quote)
    finally:
        context.close()


def test_a_click_does_not_move_the_page_when_the_panel_is_beside_the_matrix(
    servers, browser, shipped
):
    if "shipped" not in servers:
        pytest.skip("no shipped data here")
    context, page = _window(browser, 1920, 1080)
    try:
        _, _, before = _click_first_cell(page, servers, shipped)
        page.screenshot(path=str(ARTIFACTS / "reveal-1920-after-click.png"))
        panel = page.locator(".st-key-evidence_box").bounding_box()
        chart = page.locator(f".st-key-matrix_box {PLOT}").bounding_box()
        assert panel["x"] >= chart["x"] + chart["width"] - 1, "the panel is not beside the matrix"
        # the click asked for the panel to be shown (the component is there) and it was in view
        assert page.locator('[class*="st-key-reveal-evidence_box"]').count() == 1
        assert page.evaluate(SCROLLED) == before
    finally:
        context.close()
