"""Waiting for Streamlit and finding matrix cells on the screen."""

from __future__ import annotations

from playwright.sync_api import Page

from benchmarks.serve import PLOT, page_js

EXCEPTION = '[data-testid="stException"]'


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
        page_js("""([actor, issue]) => {
            const g = $plot;
            const heat = g.data[0], click = g.data[1];
            const i = click.customdata.findIndex(c => c[0] === actor && c[1] === issue);
            return [i, heat.z.length, heat.z[0].length];
        }"""),
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
        page_js("""([actor, issue]) => {
            const g = $plot;
            const click = g.data[1];  // every cell's symbols, old ones too
            const i = click.customdata.findIndex(c => c[0] === actor && c[1] === issue);
            return click.text[i];
        }"""),
        [actor, issue],
    )


def drawn_text(page: Page, actor: str, issue: str) -> list[str]:
    """The SVG text the browser drew inside the matrix cell (actor, issue), top to bottom, a
    line at a time: plotly's text elements, and the texts of the cells' symbols image (an
    SVG placed over the cells, its texts at shares of its box, shifted by ``dy`` pixels)."""
    x, y = cell_centre(page, actor, issue)
    nrows, ncols = page.evaluate(
        page_js("""() => { const z = $plot.data[0].z;
                   return [z.length, z[0].length]; }""")
    )
    box = page.locator(f"{PLOT} .nsewdrag").first.bounding_box()
    assert box is not None
    half_w, half_h = box["width"] / ncols / 2, box["height"] / nrows / 2
    return page.evaluate(
        """([x, y, hw, hh]) => {
            const found = [];
            const inside = (cx, cy) => Math.abs(cx - x) < hw && Math.abs(cy - y) < hh;
            for (const t of document.querySelectorAll('.js-plotly-plot .main-svg text')) {
                const lines = t.querySelectorAll('tspan.line');  // a text of several lines
                for (const l of lines.length ? lines : [t]) {
                    const r = l.getBoundingClientRect();
                    const cx = r.left + r.width / 2, cy = r.top + r.height / 2;
                    if (r.width > 0 && inside(cx, cy)) found.push([cy, l.textContent]);
                }
            }
            for (const img of document.querySelectorAll('.js-plotly-plot .main-svg image')) {
                const href = img.getAttribute('href') || img.getAttribute('xlink:href') || '';
                const prefix = 'data:image/svg+xml;base64,';
                if (!href.startsWith(prefix)) continue;
                const raw = atob(href.slice(prefix.length));
                const bytes = Uint8Array.from(raw, c => c.charCodeAt(0));
                const svg = new DOMParser().parseFromString(
                    new TextDecoder().decode(bytes), 'image/svg+xml');
                const box = img.getBoundingClientRect();
                for (const t of svg.querySelectorAll('text')) {
                    const cx = box.left + parseFloat(t.getAttribute('x')) / 100 * box.width;
                    const cy = box.top + parseFloat(t.getAttribute('y')) / 100 * box.height
                        + parseFloat(t.getAttribute('dy') || '0');
                    if (inside(cx, cy)) found.push([cy, t.textContent]);
                }
            }
            return found.sort((a, b) => a[0] - b[0]).map(f => f[1]);
        }""",
        [x, y, half_w, half_h],
    )
