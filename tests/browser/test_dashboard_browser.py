"""The dashboard in a real browser: pages render, a click on a cell opens its words, and a
copied link restores the view."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest

from benchmarks.app_bench import Frames
from standpoint import load, queries
from standpoint.cells import cell
from tests.paths import APP

from .conftest import ARTIFACTS
from .helpers import EXCEPTION, PLOT, cell_centre, cell_symbol, open_app, page_js, settle

pytestmark = pytest.mark.browser

PAGES = {  # url path -> what the page must show ("" is the Matrix, the default page)
    "": PLOT,
    "sources": '[data-testid="stDataFrame"]',
    "health": '[data-testid="stMetric"]',
}


@pytest.mark.parametrize("data", ["shipped", "unga", "app"])
@pytest.mark.parametrize("name", list(PAGES), ids=lambda n: n or "matrix")
def test_page_renders_without_exception(servers, page, data, name):
    if data not in servers:
        pytest.skip(f"no {data} data directory here")
    open_app(page, f"{servers[data]}/{name}", with_plot=name == "")
    page.wait_for_selector(PAGES[name], timeout=30_000)
    page.screenshot(path=str(ARTIFACTS / f"{data}-{name or 'matrix'}.png"), full_page=True)
    assert page.locator(EXCEPTION).count() == 0
    assert page.get_by_text("Page not found").count() == 0
    if name == "":
        assert page.locator(f"{PLOT} .heatmaplayer").count() == 1
        assert page.get_by_text("Who stands where").count() >= 1
    if data == "shipped" and name == "":
        readme_screenshot(page)
    if data == "unga" and name == "":
        click_in_the_193_state_matrix(page)


def click_in_the_193_state_matrix(page) -> None:
    page.mouse.click(*cell_centre(page, "alb", "territorial-integrity"))
    page.get_by_text("Albania on Ukraine's territorial integrity").first.wait_for(timeout=20_000)
    assert page.get_by_text("Voted yes").count() >= 1
    assert page.locator(EXCEPTION).count() == 0


def readme_screenshot(page) -> None:
    """The README's picture: the shipped matrix with the words behind one cell open.
    Written to test-artifacts/; `make screenshots` copies it to docs/."""
    actor, issue = page.evaluate(
        page_js("""() => { const g = $plot;
                   const text = g.data[0].text.flat();
                   return g.data[1].customdata[text.findIndex(t => t.length > 0)]; }""")
    )
    page.mouse.click(*cell_centre(page, actor, issue))
    page.get_by_text("As of ", exact=False).nth(1).wait_for(timeout=20_000)
    settle(page)
    page.mouse.move(5, 5)  # the cell's hover box would cover the matrix in the picture
    page.wait_for_timeout(500)
    page.screenshot(
        path=str(ARTIFACTS / "screenshot-matrix.png"),
        clip={"x": 0, "y": 0, "width": 1400, "height": 1250},
    )
    assert page.locator(EXCEPTION).count() == 0


def test_clicking_a_cell_opens_its_evidence(servers, page):
    open_app(page, servers["app"], with_plot=True)
    assert page.get_by_text("We do not anticipate sending Polish soldiers").count() == 0
    x, y = cell_centre(page, "pol", "troops-to-ukraine")
    page.mouse.click(x, y)
    quote = page.get_by_text("We do not anticipate sending Polish soldiers to Ukraine")
    quote.first.wait_for(timeout=20_000)
    settle(page)
    page.screenshot(path=str(ARTIFACTS / "app-matrix-clicked.png"), full_page=True)
    assert page.get_by_text("Poland on European troops in Ukraine").count() == 1
    assert "cell_actor=Poland" in page.url
    assert "cell_issue=European+troops+in+Ukraine" in page.url
    # a second cell replaces the first
    x, y = cell_centre(page, "usa", "nato-membership")
    page.mouse.click(x, y)
    page.get_by_text("United States on Ukraine in NATO").first.wait_for(timeout=20_000)
    settle(page)  # the chart redraws its selection: a click during the redraw is not a click
    assert page.get_by_text("Marco Rubio, Secretary of State").count() >= 1
    assert "cell_actor=United+States" in page.url
    # ... and a click back on the first cell shows it again
    page.mouse.click(*cell_centre(page, "pol", "troops-to-ukraine"))
    page.get_by_text("Poland on European troops in Ukraine").first.wait_for(timeout=20_000)
    assert "cell_actor=Poland" in page.url
    assert page.locator(EXCEPTION).count() == 0


def test_a_copied_link_restores_the_view(servers, page):
    query = urlencode(
        [
            ("asof", "2025-02-17"),
            ("issues", "European troops in Ukraine"),
            ("issues", "Ukraine in NATO"),
            ("groups", "NATO members"),
            ("cell_actor", "Poland"),
            ("cell_issue", "European troops in Ukraine"),
        ]
    )
    open_app(page, f"{servers['app']}/?{query}", with_plot=True)
    page.screenshot(path=str(ARTIFACTS / "app-matrix-link.png"), full_page=True)
    assert page.get_by_text("As of 2025-02-17", exact=False).count() >= 1
    columns, rows = page.evaluate(
        page_js("""() => { const L = $plot.layout;
                   return [L.xaxis.ticktext, L.yaxis.ticktext]; }""")
    )
    assert [c.replace("<br>", " ") for c in columns] == [
        "European troops in Ukraine",
        "Ukraine in NATO",
    ]
    assert "Russia" not in rows and "Poland" in rows  # the group filter holds
    assert cell_symbol(page, "pol", "troops-to-ukraine") == "−"  # as of 17 February
    assert page.get_by_text("We do not anticipate sending Polish soldiers to Ukraine").count() >= 1
    assert page.locator(EXCEPTION).count() == 0


def test_changing_the_date_in_the_browser_updates_url_and_cells(servers, page):
    open_app(page, servers["app"], with_plot=True)
    assert cell_symbol(page, "pol", "troops-to-ukraine") == "−−ʳ"
    page.locator('[data-testid="stDateInput"] [data-type="month"]').first.click()
    page.keyboard.type("0217")  # month 02, then the day segment: 17
    page.get_by_role("heading", name="Stance matrix").click()  # leaving the field commits it
    page.wait_for_function("() => location.search.includes('asof=2025-02-17')", timeout=20_000)
    settle(page)
    page.wait_for_function(
        page_js("""() => $plot
                   .layout.annotations
                   .some(a => a.name === 'frame-subtitle' && a.text.includes('2025-02-17'))"""),
        timeout=20_000,
    )
    assert cell_symbol(page, "pol", "troops-to-ukraine") == "−"


def test_the_date_follows_to_another_page(servers, page):
    open_app(page, f"{servers['app']}/?asof=2025-02-17", with_plot=True)
    page.get_by_role("link", name="Data health").click()
    page.wait_for_function("() => location.pathname.endsWith('/health')", timeout=20_000)
    page.wait_for_function("() => location.search.includes('asof=2025-02-17')", timeout=20_000)
    settle(page)
    assert page.get_by_text("on or before 2025-02-17", exact=False).count() >= 1
    assert page.locator(EXCEPTION).count() == 0


def selected_cells(page) -> list[list[str]]:
    """The cells the matrix frames, from its click layer's selection."""
    return page.evaluate(
        page_js("""() => { const c = $plot.data[1];
                   return (c.selectedpoints || []).map(i => c.customdata[i]); }""")
    )


@pytest.fixture(scope="module")
def app_ds():
    return load(APP)


def test_a_click_reruns_only_chart_and_panel_and_the_selection_stays(servers, page, app_ds):
    """A click reruns the chart and the evidence panel (a fragment): the sidebar's widgets are
    not sent again. The cell stays selected through a filter change that reruns the page."""
    frames = Frames().attach(page)
    open_app(page, servers["app"], with_plot=True)
    # the page's first run must be over before the click: on a busy machine its last
    # messages (the sidebar's widgets among them) can still be on their way
    for _ in range(600):
        if any(k == "script_finished" for _, _, k in frames.received):
            break
        page.wait_for_timeout(100)
    settle(page)
    before = len(frames.received)
    page.mouse.click(*cell_centre(page, "pol", "troops-to-ukraine"))
    page.get_by_text("Poland on European troops in Ukraine").first.wait_for(timeout=20_000)
    settle(page)
    sent = {k for _, _, k in frames.received[before:]}
    assert "element:markdown" in sent  # the panel
    assert "element:text_input" not in sent and "element:multiselect" not in sent, sent
    # the quote is in the panel, not in the hover text the browser holds for the cell
    shown = cell(app_ds, "pol", "troops-to-ukraine", queries.latest_date(app_ds))
    quote = shown.latest[0].citations[0].quote
    assert page.get_by_text(quote).count() >= 1
    hover = page.evaluate(
        page_js("""() => { const c = $plot.data[1];
                   const i = c.customdata.findIndex(
                       k => k[0] === 'pol' && k[1] === 'troops-to-ukraine');
                   return c.hovertext[i]; }""")
    )
    assert "Poland" in hover and quote[:30] not in hover
    # a search reruns the whole page: fewer rows, the same cell selected and shown
    search = page.get_by_label("Search actors")
    search.fill("Pol")
    search.press("Enter")
    page.wait_for_function(
        page_js(
            "() => { const g = $plot;"
            " return !!(g && g.layout) && !g.layout.yaxis.ticktext.includes('France'); }"
        ),
        timeout=20_000,
    )
    settle(page)
    assert selected_cells(page) == [["pol", "troops-to-ukraine"]]
    assert page.get_by_text("Poland on European troops in Ukraine").count() == 1
    assert "cell_actor=Poland" in page.url and "q=Pol" in page.url
    assert page.locator(EXCEPTION).count() == 0
