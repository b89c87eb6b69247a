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
from .helpers import PLOT, drawn_text, open_app

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
    z = page.evaluate("() => document.querySelector('.js-plotly-plot').data[0].z")
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
        """() => { const d = document.querySelector('.js-plotly-plot').data[1].customdata;
                   return d; }"""
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
