"""The pages at the sizes of issue 8, in a real browser: 1024×768 with the sidebar open (the
narrowest) and 1920×1080 with it closed. What is measured is what a reader would check: labels
that neither overlap nor run off the chart, a matrix that fills the room it has, a hover box
that is whole, cards that fill their row, tables that keep their quotes in view."""

from __future__ import annotations

import itertools
import math
from urllib.parse import urlencode

import pytest
from playwright.sync_api import Page

from standpoint import load, queries

from .conftest import ARTIFACTS, DATA
from .helpers import EXCEPTION, PLOT, cell_centre, open_app, page_js, settle

pytestmark = pytest.mark.browser


def _window(browser, width: int, height: int, sidebar: bool):
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.sidebar_open = sidebar  # read by _open
    return context, page


@pytest.fixture
def small(browser):
    """1024×768, the sidebar open: the narrowest screen the charts are laid out for."""
    context, page = _window(browser, 1024, 768, True)
    yield page
    context.close()


@pytest.fixture
def medium(browser):
    """1400×900, the sidebar open."""
    context, page = _window(browser, 1400, 900, True)
    yield page
    context.close()


@pytest.fixture
def wide(browser):
    """1920×1080, the sidebar closed."""
    context, page = _window(browser, 1920, 1080, False)
    yield page
    context.close()


def _open(page: Page, servers, data: str, path: str, query=(), *, plot: bool = True) -> None:
    if data not in servers:
        pytest.skip(f"no {data} data directory here")
    open_app(page, f"{servers[data]}/{path}?{urlencode(list(query), doseq=True)}", with_plot=plot)
    sidebar = page.locator('[data-testid="stSidebar"]')
    if not page.sidebar_open:
        sidebar.hover()
        page.locator('[data-testid="stSidebarCollapseButton"] button').first.click()
        page.wait_for_function(
            """() => { const s = document.querySelector('[data-testid="stSidebar"]');
                       return !s || s.getBoundingClientRect().right <= 1
                           || s.getAttribute('aria-expanded') === 'false'; }""",
            timeout=10_000,
        )
        page.wait_for_timeout(800)  # the charts resize to the new width
    else:
        assert sidebar.bounding_box()["width"] > 200, "the sidebar is not open"
    assert page.locator(EXCEPTION).count() == 0


def _shot(page: Page, name: str) -> None:
    """A screenshot of the whole page: the window made as tall as the page for a moment."""
    size = page.viewport_size
    tall = page.evaluate(
        """() => Math.max(...[...document.querySelectorAll('[data-testid="stMain"] *')]
                   .map(e => e.getBoundingClientRect().bottom), 0)"""
    )
    page.set_viewport_size({"width": size["width"], "height": int(min(max(tall, 768), 6000))})
    page.wait_for_timeout(500)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    page.set_viewport_size(size)
    page.wait_for_timeout(300)


# The matrix as drawn: the figure's box, its plot area, the boxes of its column and row labels
# (with their angle) and of the frame's text, and the box of its column on the page. A tall
# matrix is drawn as its head (title, subtitle, column labels) over its rows, at one width:
# read as one figure, its box from the head's top to the rows' bottom.
MATRIX_BOXES = page_js("""() => {
    const g = $plot;
    const head = $head;
    const parts = head ? [head, g] : [g];
    const box = e => { const r = e.getBoundingClientRect();
                       return {left: r.left, right: r.right, top: r.top, bottom: r.bottom,
                               width: r.width, height: r.height}; };
    const all = sel => parts.flatMap(p => [...p.querySelectorAll(sel)]);
    const ticks = sel => all(sel).map(t => {
        const m = /rotate\\((-?[\\d.]+)/.exec(t.getAttribute('transform') || '');
        return {...box(t), text: t.textContent, angle: m ? Number(m[1]) : 0,
                x: Number(t.getAttribute('x')), font: parseFloat(getComputedStyle(t).fontSize)};
    });
    const svg = box(g.querySelector('.main-svg'));
    if (head) svg.top = box(head.querySelector('.main-svg')).top;
    return {
        svg,
        plot: box(g.querySelector('.nsewdrag')),
        column: box(g.closest('[data-testid="stVerticalBlock"]')),
        xticks: ticks('.xaxislayer-above .xtick text'),
        yticks: ticks('.yaxislayer-above .ytick text'),
        frame: all('.annotation').map(a => ({...box(a), text: a.textContent})),
        columns: g.data[0].z[0].length,
    };
}""")


def _overlap(a: dict, b: dict, slack: float = 1) -> bool:
    return (
        a["left"] < b["right"] - slack
        and b["left"] < a["right"] - slack
        and a["top"] < b["bottom"] - slack
        and b["top"] < a["bottom"] - slack
    )


def assert_matrix_reads(page: Page) -> dict:
    got = page.evaluate(MATRIX_BOXES)
    svg, plot, n = got["svg"], got["plot"], got["columns"]
    # the figure fills its column and no text of it runs off the figure
    # (less the frame and padding of the box a tall matrix scrolls in)
    assert svg["width"] >= got["column"]["width"] - 36, "the matrix does not fill its column"
    for t in [*got["xticks"], *got["yticks"], *got["frame"]]:
        assert t["left"] >= svg["left"] - 1 and t["right"] <= svg["right"] + 1, f"cut: {t['text']}"
        assert t["top"] >= svg["top"] - 1, f"cut at the top: {t['text']}"
    # column labels never overlap: level ones by their boxes, slanted ones by the distance
    # between two neighbours across their lines, which must hold a line of their text
    xticks = sorted(got["xticks"], key=lambda t: t["left"])
    assert len(xticks) == n
    for a, b in itertools.pairwise(xticks):
        if a["angle"] == 0:
            assert not _overlap(a, b), f"column labels overlap: {a['text']} / {b['text']}"
        else:
            apart = (b["left"] - a["left"]) * math.sin(math.radians(abs(a["angle"])))
            assert apart >= a["font"], f"slanted labels overlap: {a['text']} / {b['text']}"
    # row labels stay left of the plot, one under the other
    for t in got["yticks"]:
        assert t["right"] <= plot["left"] + 1, f"row label over the cells: {t['text']}"
    # each column is wide enough for a cell's symbols ("−−ʳ", about 3 characters)
    assert plot["width"] / n >= 22, f"columns of {plot['width'] / n:.0f} px"
    return got


def test_matrix_of_12_issues_reads_at_1024_with_the_sidebar_open(servers, small):
    ds = load(DATA["shipped"])
    _open(small, servers, "shipped", "matrix")  # every issue is shown when none is chosen
    got = assert_matrix_reads(small)
    assert got["columns"] == len(ds.issues) == 12
    _shot(small, "layout-matrix-1024")


def test_un_matrix_reads_at_1024_with_the_sidebar_open(servers, small):
    if "unga" not in servers:
        pytest.skip("no UN data here")
    ds = load(DATA["unga"])
    _open(small, servers, "unga", "matrix")
    got = assert_matrix_reads(small)
    assert got["columns"] == len(ds.issues)
    assert len(got["yticks"]) == len(queries.matrix_as_of(ds, queries.latest_date(ds)).index)
    _shot(small, "layout-matrix-unga-1024")


@pytest.mark.parametrize("width", [1400, 1920])
def test_matrix_fills_its_column_on_a_wide_screen(servers, browser, width):
    context, page = _window(browser, width, 1080, width == 1400)
    try:
        _open(page, servers, "shipped", "matrix")
        got = assert_matrix_reads(page)
        # the cells, not the margins, take most of the figure's width
        assert got["plot"]["width"] >= 0.6 * got["svg"]["width"], got["plot"]
        _shot(page, f"layout-matrix-{width}")
    finally:
        context.close()


# The cell of the first column with the widest hover box (its longest line), and the cell of
# any column with the widest: from the figure's data, as the browser holds it.
WIDEST_HOVERS = page_js("""() => {
    const g = $plot;
    const heat = g.data[0], click = g.data[1];
    const ncols = heat.z[0].length;
    const width = h => Math.max(...h.split('<br>').map(l => l.replace(/<[^>]+>/g, '').length));
    let first = 0, any = 0;
    click.hovertext.forEach((h, i) => {
        if (i % ncols === 0 && width(h) > width(click.hovertext[first])) first = i;
        if (width(h) > width(click.hovertext[any])) any = i;
    });
    return [click.customdata[first], click.customdata[any]];
}""")

# scrolls the page so that the row of a cell is in the middle of the window
SCROLL_TO_ROW = page_js("""([actor, issue]) => {
    const g = $plot;
    const i = g.data[1].customdata.findIndex(c => c[0] === actor && c[1] === issue);
    const row = Math.floor(i / g.data[0].z[0].length);
    g.querySelectorAll('.yaxislayer-above .ytick text')[row].scrollIntoView({block: 'center'});
}""")

HOVER_BOX = page_js("""() => {
    const g = $plot;
    const h = g && g.querySelector('.hoverlayer .hovertext');
    if (!h) return null;
    const r = h.getBoundingClientRect(), s = g.querySelector('.main-svg').getBoundingClientRect();
    return {left: r.left, right: r.right, top: r.top, bottom: r.bottom, svg_left: s.left,
            svg_right: s.right, text: h.textContent};
}""")


@pytest.mark.parametrize("size", ["small", "wide"])
def test_a_hover_box_is_whole_for_a_cell_of_the_first_column(servers, request, size):
    page = request.getfixturevalue(size)
    _open(page, servers, "shipped", "matrix")
    first, widest = page.evaluate(WIDEST_HOVERS)
    for actor, issue in (first, widest):
        page.evaluate(SCROLL_TO_ROW, [actor, issue])
        page.wait_for_timeout(300)
        page.mouse.move(*cell_centre(page, actor, issue))
        page.wait_for_function(f"() => !!document.querySelector('{PLOT} .hoverlayer .hovertext')")
        box = page.evaluate(HOVER_BOX)
        page.screenshot(path=str(ARTIFACTS / f"layout-hover-{size}-{actor}-{issue}.png"))
        assert box["left"] >= box["svg_left"] - 1, f"cut at the left: {box['text'][:60]}"
        assert box["right"] <= box["svg_right"] + 1, f"cut at the right: {box['text'][:60]}"
        assert box["left"] >= 0 and box["right"] <= page.viewport_size["width"]


# Compare's cards: for each issue, the boxes of its cards (found by the actor's name in bold at
# the top of each) and of the row that holds them.
CARD_ROWS = """(names) => {
    const box = e => { const r = e.getBoundingClientRect();
                       return {left: r.left, right: r.right, top: Math.round(r.top)}; };
    const rows = new Map();
    for (const b of document.querySelectorAll('[data-testid="stMain"] strong')) {
        if (!names.includes(b.textContent.trim()) || b.closest('table')) continue;
        const card = b.closest('[data-testid="stVerticalBlock"]');
        const row = card.parentElement.parentElement;
        if (!rows.has(row)) rows.set(row, []);
        rows.get(row).push(box(card));
    }
    return [...rows].map(([row, cards]) => ({row: box(row), cards}));
}"""

UNGA8 = ["United States", "France", "Germany", "China", "India", "Brazil", "Russia", "South Africa"]


@pytest.mark.parametrize("size", ["small", "wide"])
@pytest.mark.parametrize("data", ["shipped", "unga"])
def test_compare_cards_fill_their_row(servers, request, size, data):
    page = request.getfixturevalue(size)
    if data == "unga":
        names = UNGA8
        _open(page, servers, data, "compare", [("actors", n) for n in names])
    else:  # the page opens on the first three actors with a position
        ds = load(DATA[data])
        names = [ds.actors[a].name for a in queries.actors_with_positions(ds)[:3]]
        _open(page, servers, data, "compare")
    rows = page.evaluate(CARD_ROWS, names)
    assert rows, "no cards"
    for got in rows:
        row, cards = got["row"], got["cards"]
        assert len(cards) == len(names)
        lines: dict[int, list[dict]] = {}
        for card in cards:
            lines.setdefault(card["top"], []).append(card)
        for line in lines.values():  # every line of cards spans the row
            assert min(c["left"] for c in line) <= row["left"] + 2
            assert max(c["right"] for c in line) >= row["right"] - 2, (
                f"cards end {row['right'] - max(c['right'] for c in line):.0f} px short of "
                "the row's end"
            )
        for card in cards:  # room for a whole date and "comprehensive"
            assert card["right"] - card["left"] >= 180
    _shot(page, f"layout-compare-{data}-{page.viewport_size['width']}")


# Every table of the page with a quote column: where its Quote and Source columns end, whether
# it scrolls sideways, and how tall the cell of its longest quote is, in lines.
QUOTE_TABLES = """() => {
    const out = [];
    for (const t of document.querySelectorAll('[data-testid="stMain"] table')) {
        const heads = [...t.querySelectorAll('thead th')].map(h => h.textContent.trim());
        const q = heads.findIndex(h => /^quotes?$/i.test(h));
        if (q < 0) continue;
        const s = heads.findIndex(h => /^source$/i.test(h));
        const right = i => i < 0 ? null : t.querySelectorAll('thead th')[i]
            .getBoundingClientRect().right;
        const quotes = [...t.querySelectorAll('tbody tr')].map(r => r.children[q]);
        const longest = quotes.reduce((a, b) =>
            b.textContent.length > a.textContent.length ? b : a);
        const inner = longest.firstElementChild || longest;
        const line = parseFloat(getComputedStyle(inner).lineHeight) || 20;
        let e = t, sideways = false;
        while (e && !e.matches('[data-testid="stMain"]')) {
            if (e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'visible')
                sideways = true;
            e = e.parentElement;
        }
        out.push({heads, quote_right: right(q), source_right: right(s), sideways,
                  longest: longest.textContent.length,
                  lines: inner.getBoundingClientRect().height / line});
    }
    return {tables: out, width: window.innerWidth};
}"""


@pytest.mark.parametrize(
    ("path", "query", "tables"),
    [
        ("actor", [], 1),
        ("issue", [], 1),
        ("change", [("view", "What changed"), ("cfrom", "2000-01-01")], 1),
        ("sources", [], 1),
    ],
    ids=["actor", "issue", "what-changed", "sources"],
)
def test_tables_keep_quote_and_source_in_view_at_1024(servers, small, path, query, tables):
    _open(small, servers, "shipped", path, query, plot=path in ("actor", "issue"))
    # the page settles before a busy server has sent its tables: wait for one with quotes
    small.wait_for_function(f"() => ({QUOTE_TABLES})().tables.length >= {tables}", timeout=30_000)
    got = small.evaluate(QUOTE_TABLES)
    _shot(small, f"layout-table-{path}-1024")
    assert len(got["tables"]) >= tables, "no table with a Quote column that wraps its text"
    for table in got["tables"]:
        assert not table["sideways"], f"scrolls sideways: {table['heads']}"
        assert table["quote_right"] <= got["width"], f"Quote off screen: {table['heads']}"
        if table["source_right"] is not None:
            assert table["source_right"] <= got["width"], f"Source off screen: {table['heads']}"
        if table["longest"] > 80:  # a long quote wraps onto more lines
            assert table["lines"] > 1.5, table


# Text the page cuts short: elements that end their text in an ellipsis because it does not
# fit, and boxes in the main area that scroll sideways (charts and data grids aside).
CUT = """() => {
    const main = document.querySelector('[data-testid="stMain"]');
    const shown = e => e.getClientRects().length > 0 && e.textContent.trim();
    const cut = [...main.querySelectorAll('*')].filter(e =>
        shown(e) && getComputedStyle(e).textOverflow === 'ellipsis'
        && e.scrollWidth > e.clientWidth + 1).map(e => e.textContent.trim().slice(0, 40));
    const sideways = [...main.querySelectorAll('*')].filter(e =>
        shown(e) && !e.closest('.js-plotly-plot, [data-testid="stDataFrame"]')
        && ['auto', 'scroll'].includes(getComputedStyle(e).overflowX)
        && e.scrollWidth > e.clientWidth + 1).map(e => e.textContent.trim().slice(0, 40));
    return {cut, sideways};
}"""

PAGES = ["matrix", "change", "compare", "actor", "issue", "sources", "health"]


@pytest.mark.parametrize("size", ["small", "wide"])
@pytest.mark.parametrize("path", PAGES)
def test_no_page_cuts_its_text(servers, request, size, path):
    page = request.getfixturevalue(size)
    _open(page, servers, "shipped", path, plot=path not in ("sources", "health"))
    got = page.evaluate(CUT)
    _shot(page, f"layout-page-{path}-{page.viewport_size['width']}")
    assert got["cut"] == [], f"cut short: {got['cut']}"
    assert got["sideways"] == [], f"scrolls sideways: {got['sideways']}"


# Where the matrix's column and its plot end, where its evidence panel and the panel's heading
# start, and the tops of the page's "Download" buttons.
PANEL_PLACE = """() => {
    const box = e => { const r = e.getBoundingClientRect();
                       return {left: r.left, right: r.right, top: r.top, bottom: r.bottom}; };
    const plot = document.querySelector('.st-key-matrix_box .js-plotly-plot');
    const heading = [...document.querySelectorAll('.st-key-evidence_box h5')]
        .find(h => h.textContent.trim() === 'Evidence for a cell');
    return {
        chart: box(document.querySelector('.st-key-matrix_box')),
        plot: box(plot.closest('[data-testid="stPlotlyChart"]') || plot),
        panel: box(document.querySelector('.st-key-evidence_box')),
        heading: heading ? box(heading) : null,
        downloads: [...document.querySelectorAll('[data-testid="stMain"] '
                     + '[data-testid="stPopoverButton"]')]
                     .filter(b => b.textContent.includes('Download')).map(b => box(b).top),
        height: window.innerHeight,
    };
}"""


@pytest.mark.parametrize("size", ["small", "medium", "wide"])
def test_the_matrix_downloads_sit_straight_under_the_chart(servers, request, size):
    """At 1024 and 1400 with the sidebar open and at 1920 with it closed the Download button comes
    right under the matrix, before the evidence for a cell (beside or below)."""
    page = request.getfixturevalue(size)
    _open(page, servers, "shipped", "matrix")
    got = page.evaluate(PANEL_PLACE)
    _shot(page, f"layout-matrix-downloads-{page.viewport_size['width']}")
    (top,) = [t for t in got["downloads"] if t >= got["plot"]["top"]][:1]
    gap = top - got["plot"]["bottom"]
    assert 0 <= gap <= 40, f"{gap:.0f} px between the matrix and its Download button"
    assert top < got["chart"]["bottom"], "the Download button is outside the matrix's column"
    if got["panel"]["top"] >= got["chart"]["bottom"] - 1:  # the panel below the matrix
        assert top < got["heading"]["top"]


def test_a_clicked_cell_has_its_evidence_straight_under_the_matrix_at_1024(servers, small):
    """With the panel below the matrix, a click on a cell finds its words next: the panel
    starts right under the matrix's column (the chart, then its downloads and words), and the
    page scrolls to it (tests/browser/test_reveal.py)."""
    _open(small, servers, "shipped", "matrix")
    actor, issue = small.evaluate(
        page_js("""() => { const g = $plot;
                   const text = g.data[0].text.flat();
                   return g.data[1].customdata[text.findIndex(t => t.length > 0)]; }""")
    )
    ds = load(DATA["shipped"])
    small.evaluate(SCROLL_TO_ROW, [actor, issue])
    small.wait_for_timeout(300)
    small.mouse.click(*cell_centre(small, actor, issue))
    title = f"{ds.actors[actor].name} on {ds.issues[issue].label}"
    small.get_by_text(title).first.wait_for(timeout=20_000)
    small.wait_for_timeout(800)
    got = small.evaluate(PANEL_PLACE)
    _shot(small, "layout-matrix-clicked-1024")
    chart, panel, heading = got["chart"], got["panel"], got["heading"]
    assert heading is not None, "no panel heading"
    assert panel["top"] >= chart["bottom"] - 1, "the panel is beside the matrix at 1024"
    assert heading["top"] - chart["bottom"] <= 60, (
        f"{heading['top'] - chart['bottom']:.0f} px between the matrix and its evidence"
    )
    assert got["downloads"], "no downloads for the matrix"
    assert min(got["downloads"]) < heading["top"], "the matrix's downloads after its evidence"
    assert small.get_by_text(title).count() >= 1


# Compare's "Levels at a glance" (the page's first table): whether it or a box holding it
# scrolls sideways, where each of its texts ends, and the level keys (the symbols before a
# level's words) that break over two lines.
GLANCE = """() => {
    const t = document.querySelector('[data-testid="stMain"] table');
    let e = t, sideways = false;
    while (e && !e.matches('[data-testid="stMain"]')) {
        if (e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'visible')
            sideways = true;
        e = e.parentElement;
    }
    const cells = [...t.querySelectorAll('th, td')];
    const split = [];
    for (const c of cells) {
        const walker = document.createTreeWalker(c, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
            const at = n.textContent.indexOf('\\u00a0');
            if (at <= 0) continue;
            const r = document.createRange();
            r.setStart(n, 0); r.setEnd(n, at);
            const tops = new Set([...r.getClientRects()].map(x => Math.round(x.top)));
            if (tops.size > 1) split.push(n.textContent);
        }
    }
    return {sideways, split, width: document.documentElement.clientWidth,
            texts: cells.map(c => { const r = c.getBoundingClientRect();
                                    return {text: c.textContent.trim(), left: r.left,
                                            right: r.right}; })};
}"""


def test_compare_levels_at_a_glance_fit_eight_un_actors_at_1024(servers, small):
    _open(small, servers, "unga", "compare", [("actors", n) for n in UNGA8])
    got = small.evaluate(GLANCE)
    _shot(small, "layout-compare-glance-unga-1024")
    assert not got["sideways"], "the table scrolls sideways"
    assert got["split"] == [], f"level keys split over lines: {got['split']}"
    for name in UNGA8:  # every actor's name is in the table and on the screen
        boxes = [t for t in got["texts"] if t["text"] == name]
        assert boxes, f"{name} is not in the table"
        assert all(0 <= b["left"] and b["right"] <= got["width"] for b in boxes), name
    for t in got["texts"]:
        assert t["right"] <= got["width"] + 1, f"off screen: {t['text']}"


# Data health's "Old positions": the boxes after its heading that scroll sideways (data grids
# too), and the right ends of the headers of its table.
OLD_POSITIONS = """() => {
    const main = document.querySelector('[data-testid="stMain"]');
    const h = [...main.querySelectorAll('h3')].find(e => e.textContent.trim() === 'Old positions');
    if (!h) return null;
    const after = e => h.compareDocumentPosition(e) & Node.DOCUMENT_POSITION_FOLLOWING;
    const shown = e => e.getClientRects().length > 0;
    const sideways = [...main.querySelectorAll('*')].filter(e => after(e) && shown(e)
        && ['auto', 'scroll'].includes(getComputedStyle(e).overflowX)
        && e.scrollWidth > e.clientWidth + 1).map(e => e.className || e.tagName);
    const tables = [...main.querySelectorAll('table')].filter(after);
    return {sideways, width: document.documentElement.clientWidth,
            heads: tables.flatMap(t => [...t.querySelectorAll('thead th')].map(th =>
                ({text: th.textContent.trim(), right: th.getBoundingClientRect().right})))};
}"""


def test_old_positions_fit_at_1024(servers, small):
    ds = load(DATA["shipped"])
    as_of = queries.latest_date(ds)
    from standpoint.health import old_cells

    assert len(old_cells(ds, as_of, 1)), "no old cell to show at an age limit of a month"
    _open(small, servers, "shipped", "health", [("maxage", "1")], plot=False)
    small.wait_for_function(  # the list drawn, as a table or a data grid
        """() => [...document.querySelectorAll('[data-testid="stMain"] h3')].some(h =>
            h.textContent.trim() === 'Old positions') && [...document.querySelectorAll(
            '[data-testid="stMain"] table, [data-testid="stDataFrame"]')].some(t =>
            /as of .* (is|are) old/.test(t.closest('[data-testid="stMain"]').textContent)
            && t.getBoundingClientRect().height > 50)""",
        timeout=30_000,
    )
    settle(small)
    got = small.evaluate(OLD_POSITIONS)
    _shot(small, "layout-health-old-1024")
    assert got is not None, "no Old positions"
    assert got["sideways"] == [], f"scrolls sideways: {got['sideways']}"
    assert got["heads"], "the old positions are not in a table whose text wraps"
    for head in got["heads"]:
        assert head["right"] <= got["width"], f"off screen: {head['text']}"
