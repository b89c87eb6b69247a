"""In a real browser, on the UN data (193 states): the matrix's cells are drawn in their
levels' colours with the grid's gaps between them, and plotly draws the cells as an image of
one pixel a cell, not a canvas the size of the plot (which it painted and encoded as a PNG
on every draw); each cell's symbols (an old cell's over its year) are drawn in it, from one
image of texts, not a text element per cell. Expected colours and symbols come from the
core (the cell rule, the colour rule), never from today's output."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from PIL import Image
from playwright.sync_api import Page

from standpoint import load
from standpoint.cells import DEFAULT_MAX_AGE_MONTHS, grid
from standpoint.figures.matrix import GRID, STATES, cell_label, state_colour

from .conftest import ARTIFACTS, DATA
from .helpers import PLOT, cell_centre, drawn_text, open_app, page_js, settle

pytestmark = pytest.mark.browser


def rgb(colour: str) -> tuple[int, int, int]:
    return tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))  # type: ignore[return-value]


def near(a: tuple[int, ...], b: tuple[int, ...], tolerance: int = 12) -> bool:
    return all(abs(x - y) <= tolerance for x, y in zip(a[:3], b[:3], strict=True))


@pytest.fixture(scope="module")
def drawn(browser, servers):
    """The UN matrix drawn in a tall window: its screenshot, the plot area's box, the
    figure's codes and the size of the cells' image as the browser decoded it."""
    context = browser.new_context(viewport={"width": 1400, "height": 2400})
    page: Page = context.new_page()
    open_app(page, servers["unga"], with_plot=True)
    z = page.evaluate(page_js("() => $plot.data[0].z"))
    image = page.evaluate(
        """async () => {
            const img = document.querySelector('.js-plotly-plot .heatmaplayer image');
            const el = new Image();
            el.src = img.getAttribute('href') || img.getAttribute('xlink:href');
            await el.decode();
            return [el.naturalWidth, el.naturalHeight];
        }"""
    )
    box = page.locator(f"{PLOT} .nsewdrag").first.bounding_box()
    shot = Image.open(io.BytesIO(page.screenshot())).convert("RGB")
    shot.save(ARTIFACTS / "matrix-drawing-unga.png")
    rows = page.evaluate(
        page_js("""() => $plot
                   .data[1].customdata""")
    )
    texts = {(a, i): drawn_text(page, a, i) for a, i in rows[:80]}
    plot_texts = page.locator(f"{PLOT} .main-svg text").count()
    as_of = page.evaluate(
        """() => document.querySelector('[data-testid="stDateInput"] input').value"""
    )
    context.close()
    return shot, box, z, image, texts, plot_texts, as_of


def test_cells_are_drawn_as_one_pixel_each(drawn):
    _, _, z, image, *_ = drawn
    assert image == [len(z[0]), len(z)]


def test_each_cell_shows_its_colour_with_gaps_between(drawn):
    shot, box, z, *_ = drawn
    rows, cols = len(z), len(z[0])
    width, height = box["width"] / cols, box["height"] / rows
    checked = gaps = 0
    for r in range(min(rows, 40)):
        top = box["y"] + r * height
        if top + height > shot.height:
            break
        for c in range(cols):
            left = box["x"] + c * width
            # left of the symbol, clear of the gap: the cell's fill
            fill = shot.getpixel((round(left + width * 0.12), round(top + height * 0.5)))
            assert near(fill, rgb(state_colour(STATES[z[r][c]]))), (r, c, fill)
            # the boundary with the next cell: the grid's colour (a 2 px line, which may fall
            # across three pixels), where both cells' fills are far from it
            if c + 1 < cols:
                fills = [rgb(state_colour(STATES[z[r][k]])) for k in (c, c + 1)]
                if not any(near(f, rgb(GRID), 40) for f in fills):
                    y = round(top + height * 0.5)
                    edge = [shot.getpixel((round(left + width) + d, y)) for d in range(-2, 3)]
                    assert any(near(px, rgb(GRID), 16) for px in edge), (r, c, edge)
                    gaps += 1
            checked += 1
    assert checked >= 20 * cols and gaps >= 20


def test_each_cell_shows_its_symbols_and_an_old_cell_its_year(drawn):
    _, _, z, _, texts, plot_texts, as_of = drawn
    ds = load(DATA["unga"])
    date = dt.date.fromisoformat(as_of.replace(" ", "").replace("/", "-"))
    actors = sorted({a for a, _ in texts}, key=list(dict.fromkeys(a for a, _ in texts)).index)
    issues = list(dict.fromkeys(i for _, i in texts))
    cells = grid(ds, date, actors, issues, max_age=DEFAULT_MAX_AGE_MONTHS)
    old = 0
    for row in cells:
        for c in row:
            expected = [cell_label(c)] if c.value is not None else []
            if c.old:
                expected.append(str(c.date.start.year))
                old += 1
            assert texts[(c.actor, c.issue)] == expected, (c.actor, c.issue)
    assert old, "the first rows of the UN matrix hold an old cell"
    # the symbols are one image: plotly's own texts are the labels, fewer than the cells
    assert plot_texts < len(z) * len(z[0])


def _frames(page: Page) -> list[tuple[float, float, float]]:
    """The centre and side of every cell frame shown: the figure's ("selected cell" trace)
    and the one drawn in the browser after a click."""
    return page.evaluate(
        """() => [...document.querySelectorAll('.js-plotly-plot .standpoint-clicked-cell, ' +
                                              '.js-plotly-plot .scatterlayer .trace')]
                .filter(e => !e.classList.contains('trace') ||
                             (e.__data__[0].trace.name === 'selected cell' &&
                              getComputedStyle(e).display !== 'none'))
                .map(e => e.classList.contains('trace') ? e.querySelector('.point') : e)
                .filter(e => e && Number(getComputedStyle(e).opacity) > 0)
                .map(e => { const r = e.getBoundingClientRect();
                            return [r.left + r.width / 2, r.top + r.height / 2, r.height]; })"""
    )


def test_any_cell_answers_hover_and_click_though_one_marker_is_drawn(browser, servers):
    """The click layer draws one (invisible) marker, not one a cell: plotly finds the cell
    under the pointer from the points' places. A cell far from the first still shows its
    hover box and, clicked, its evidence and a frame round it (drawn in the browser, the
    figure unchanged), one frame only; a later run's figure frames it itself."""
    context = browser.new_context(viewport={"width": 1400, "height": 2400})
    page: Page = context.new_page()
    try:
        open_app(page, servers["unga"], with_plot=True)
        drawn_points = page.locator(f"{PLOT} .scatterlayer .point").count()
        assert drawn_points <= 1, drawn_points  # was a marker for every one of 772 cells
        cells = page.evaluate(
            page_js("""() => { const g = $plot;
                       const c = g.data[1], n = g.data[0].z[0].length;
                       return [30 * n + n - 1, 12 * n].map(k =>  // row 31's last, row 13's first
                           [...c.customdata[k], g.layout.yaxis.ticktext[Math.floor(k / n)]]); }""")
        )
        assert _frames(page) == []
        for actor, issue, name in cells:
            x, y = cell_centre(page, actor, issue)
            page.mouse.move(x, y)
            hover = page.locator(f"{PLOT} .hoverlayer .hovertext")
            hover.first.wait_for(timeout=10_000)
            assert name.split("<")[0].strip() in hover.first.text_content()
            page.mouse.click(x, y)
            page.wait_for_function(
                """([x, y]) => [...document.querySelectorAll('.standpoint-clicked-cell')]
                        .some(e => { const r = e.getBoundingClientRect();
                                     return Math.abs(r.left + r.width / 2 - x) < 3 &&
                                            Math.abs(r.top + r.height / 2 - y) < 3; })""",
                arg=[x, y],
                timeout=20_000,
            )
            settle(page)
            x, y = cell_centre(page, actor, issue)  # the panel may have scrolled the page
            (frame,) = _frames(page)  # the clicked cell's alone
            assert abs(frame[0] - x) < 3 and abs(frame[1] - y) < 3, (frame, x, y)
            row_px = page.locator(f"{PLOT} .nsewdrag").first.bounding_box()["height"] / 192
            assert row_px * 0.7 < frame[2] < row_px * 1.2  # about a cell's height
        # a run that draws the figure again (a search): its own frame, where the cell is now
        search = page.get_by_label("Search actors")
        search.fill(cells[-1][2].split("<")[0].strip()[:5])
        search.press("Enter")
        page.wait_for_function(
            page_js("""() => { const g = $plot;
                return !!(g && g.data && g.data.some(t => t.name === 'selected cell')); }"""),
            timeout=20_000,
        )
        settle(page)
        x, y = cell_centre(page, cells[-1][0], cells[-1][1])
        (frame,) = _frames(page)
        assert abs(frame[0] - x) < 3 and abs(frame[1] - y) < 3, (frame, x, y)
        assert page.locator(".standpoint-clicked-cell").count() == 0
        # all rows again, the figure framing that cell: two clicks elsewhere, each the only
        # frame shown (the figure's is hidden while the browser's shows)
        search.fill("")
        search.press("Enter")
        page.wait_for_function(
            page_js("""() => { const g = $plot;
                       return !!(g && g.data && g.data[0].z.length === 192); }"""),
            timeout=20_000,
        )
        settle(page)
        for actor, issue in ((cells[0][0], cells[0][1]), (cells[0][0], cells[1][1])):
            x, y = cell_centre(page, actor, issue)
            page.mouse.click(x, y)
            page.wait_for_function(
                """([a, i]) => location.search.includes('cell_issue=') &&
                               document.querySelectorAll('.standpoint-clicked-cell').length""",
                arg=[actor, issue],
                timeout=20_000,
            )
            page.wait_for_timeout(500)
            settle(page)
            x, y = cell_centre(page, actor, issue)
            (frame,) = _frames(page)
            assert abs(frame[0] - x) < 3 and abs(frame[1] - y) < 3, (frame, x, y)
    finally:
        context.close()


SCROLL_BOX = page_js("""() => {
    const d = $plot.querySelector('.nsewdrag');
    for (let p = d.parentElement; p; p = p.parentElement)
        if (p.scrollHeight > p.clientHeight + 4 && getComputedStyle(p).overflowY !== 'visible')
            return p;
    return null;
}""")
# where the head's title and column labels, and the row labels, are on the screen
PLACES = page_js(f"""(scrolled) => {{
    const box = ({SCROLL_BOX})();
    box.scrollTop = scrolled;
    const head = $head, plot = $plot;
    const texts = (within, sel) => [...within.querySelectorAll(sel)].map(t => {{
        const r = t.getBoundingClientRect();
        return [t.textContent, r.top, r.bottom];
    }});
    const inner = box.getBoundingClientRect(), pad = parseFloat(getComputedStyle(box).paddingTop);
    const top = inner.top + box.clientTop;  // the box's content, inside its border and padding
    return {{
        box: [top + pad, top + box.clientHeight],
        head: [head.getBoundingClientRect().top, head.getBoundingClientRect().bottom],
        title: texts(head, '.infolayer .annotation text'),
        columns: texts(head, '.xaxislayer-above .xtick text'),
        rows: texts(plot, '.yaxislayer-above .ytick text'),
    }};
}}""")


def test_a_tall_matrix_keeps_its_title_and_column_labels_in_sight(browser, servers):
    """Scrolled to any row of the 192, the matrix's title, its as-of date and its column
    labels stay at the top of its box, and the rows pass under them: at the top, the first
    row sits just below the labels; scrolled, the rows under the head are hidden by it and
    the first row in sight is a later one."""
    context = browser.new_context(viewport={"width": 1500, "height": 1400})
    page = context.new_page()
    open_app(page, f"{servers['unga']}/matrix", with_plot=True)
    ds = load(DATA["unga"])
    issues = [ds.issues[i].label for i in ds.issues]
    at_top = page.evaluate(PLACES, 0)
    page.wait_for_timeout(300)
    scrolled = page.evaluate(PLACES, 2000)
    page.wait_for_timeout(300)
    scrolled = page.evaluate(PLACES, 2000)  # after the browser has laid it out again
    page.screenshot(path=str(ARTIFACTS / "matrix-head-in-sight.png"))
    context.close()
    for places in (at_top, scrolled):
        top, bottom = places["box"]
        assert abs(places["head"][0] - top) <= 2  # the head at the top of the box
        assert any("Who stands where" in t for t, *_ in places["title"])
        assert any(t.startswith("As of") for t, *_ in places["title"])
        words = " ".join(t for t, *_ in places["columns"])
        assert all(label.split()[0] in words for label in issues)
        assert all(top <= y0 and y1 <= places["head"][1] for _, y0, y1 in places["columns"])
    in_sight = [
        (t, y0) for t, y0, y1 in scrolled["rows"] if y0 >= scrolled["head"][1] - 1 and y1 <= bottom
    ]
    first = at_top["rows"][0][0]
    assert in_sight and in_sight[0][0] != first  # a later row, under the head
    assert at_top["rows"][0][1] >= at_top["head"][1] - 1  # no row under the head at the top
