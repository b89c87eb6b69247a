"""In a real browser, on the UN data (193 states): the matrix's cells are drawn in their
levels' colours with the grid's gaps between them, and plotly draws the cells as an image of
one pixel a cell, not a canvas the size of the plot (which it painted and encoded as a PNG
on every draw: most of a page switch's time). Expected colours come from the figure's codes
and the core's colour rule, never from today's output."""

from __future__ import annotations

import io

import pytest
from PIL import Image
from playwright.sync_api import Page

from standpoint.figures.matrix import GRID, STATES, state_colour

from .conftest import ARTIFACTS
from .helpers import PLOT, open_app

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
    context.close()
    return shot, box, z, image


def test_cells_are_drawn_as_one_pixel_each(drawn):
    _, _, z, image = drawn
    assert image == [len(z[0]), len(z)]


def test_each_cell_shows_its_colour_with_gaps_between(drawn):
    shot, box, z, _ = drawn
    rows, cols = len(z), len(z[0])
    width, height = box["width"] / cols, box["height"] / rows
    checked = 0
    for r in range(min(rows, 40)):
        top = box["y"] + r * height
        if top + height > shot.height:
            break
        for c in range(cols):
            left = box["x"] + c * width
            # left of the symbol, clear of the gap: the cell's fill
            fill = shot.getpixel((round(left + width * 0.12), round(top + height * 0.5)))
            assert near(fill, rgb(state_colour(STATES[z[r][c]]))), (r, c, fill)
            # the boundary with the next cell (or under the last row): the grid's colour
            if c + 1 < cols:
                gap = shot.getpixel((round(left + width), round(top + height * 0.5)))
                assert near(gap, rgb(GRID), 40), (r, c, gap)
            checked += 1
    assert checked >= 20 * cols
