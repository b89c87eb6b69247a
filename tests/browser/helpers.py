"""Waiting for Streamlit and finding matrix cells on the screen."""

from __future__ import annotations

from playwright.sync_api import Page

EXCEPTION = '[data-testid="stException"]'
PLOT = ".js-plotly-plot"


def settle(page: Page, timeout: float = 30_000) -> None:
    """Wait until the app has drawn and no script run is in progress."""
    page.wait_for_selector('[data-testid="stApp"]', timeout=timeout)
    page.wait_for_timeout(400)
    page.wait_for_function(
        """() => {
            const s = document.querySelector('[data-testid="stStatusWidget"]');
            return !s || !/running/i.test(s.innerText);
        }""",
        timeout=timeout,
    )
    page.wait_for_timeout(600)


def open_app(page: Page, url: str, with_plot: bool = False) -> None:
    page.goto(url)
    settle(page)
    if with_plot:
        page.wait_for_selector(f"{PLOT} .main-svg", timeout=30_000)
        settle(page)


def download_button(page: Page, name: str, chart: int = 0):
    """The download button ``name`` ("CSV", "PNG 16:9") of the ``chart``-th chart on the page,
    its "Download" popover opened (the buttons are put on the page only when it is opened)."""
    opener = page.locator('[data-testid="stPopoverButton"]:visible', has_text="Download").nth(chart)
    opener.wait_for(timeout=60_000)
    opener.click()
    button = page.get_by_role("button", name=name).first
    button.wait_for(timeout=60_000)
    return button


def cell_centre(page: Page, actor: str, issue: str) -> tuple[float, float]:
    """Where on the screen the matrix cell (actor, issue) is, from the plot area's box and
    the position of the cell in the figure's data."""
    index, nrows, ncols = page.evaluate(
        """([actor, issue]) => {
            const g = document.querySelector('.js-plotly-plot');
            const heat = g.data[0], click = g.data[1];
            const i = click.customdata.findIndex(c => c[0] === actor && c[1] === issue);
            return [i, heat.z.length, heat.z[0].length];
        }""",
        [actor, issue],
    )
    assert index >= 0, f"no cell {actor}/{issue} in the matrix"
    box = page.locator(f"{PLOT} .nsewdrag").first.bounding_box()
    assert box is not None
    row, col = divmod(index, ncols)
    return (
        box["x"] + (col + 0.5) * box["width"] / ncols,
        box["y"] + (row + 0.5) * box["height"] / nrows,
    )


def cell_symbol(page: Page, actor: str, issue: str) -> str:
    return page.evaluate(
        """([actor, issue]) => {
            const g = document.querySelector('.js-plotly-plot');
            const click = g.data[1];  // every cell's symbols, old ones too
            const i = click.customdata.findIndex(c => c[0] === actor && c[1] === issue);
            return click.text[i];
        }""",
        [actor, issue],
    )
