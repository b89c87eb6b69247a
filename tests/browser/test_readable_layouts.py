"""What a reader sees on Compare and Change over time, measured in a real browser: no table
that scrolls sideways, no date or word broken over two lines, legend entries that neither
overlap nor run off the chart, on a 1400 px and an 800 px wide screen."""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlencode

import pytest

from standpoint import load, queries
from standpoint.scale import BY_KEY, DIVIDED, DIVIDED_LABEL

from .conftest import ARTIFACTS, DATA
from .helpers import EXCEPTION, PLOT, open_app, page_js

pytestmark = pytest.mark.browser

UNGA8 = ["United States", "France", "Germany", "China", "India", "Brazil", "Russia", "South Africa"]

# the number of lines each match of a pattern takes in the main area of the page
LINES_OF = """(pattern) => {
    const re = new RegExp(pattern, 'g');
    const main = document.querySelector('[data-testid="stMain"]');
    const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
    const out = [];
    while (walker.nextNode()) {
        const node = walker.currentNode;
        for (const m of node.data.matchAll(re)) {
            const range = document.createRange();
            range.setStart(node, m.index);
            range.setEnd(node, m.index + m[0].length);
            const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
            if (tops.size) out.push([m[0], tops.size]);
        }
    }
    return out;
}"""

# how many elements in or under ``selector`` scroll sideways
SIDEWAYS = """(selector) => [...document.querySelectorAll(`${selector}, ${selector} *`)]
    .filter(e => e.scrollWidth > e.clientWidth + 1).length"""

# the boxes of the legend entries and event numbers of the first chart, and its width
LEGEND_BOXES = page_js("""() => {
    const plot = $plot;
    const svg = plot.querySelector('.main-svg').getBoundingClientRect();
    const boxes = sel => [...plot.querySelectorAll(sel)].map(e => {
        const r = e.getBoundingClientRect();
        return [e.textContent, r.left, r.top, r.right, r.bottom];
    });
    return {
        left: svg.left, right: svg.right,
        entries: boxes('g[class^="legend"] .traces > text'),  // legend and legend2
        numbers: boxes('.annotation-text-g').filter(b => /^\\d+(–\\d+)?$/.test(b[0])),
    };
}""")


def _overlap(a: list, b: list) -> bool:
    return a[1] < b[3] - 1 and b[1] < a[3] - 1 and a[2] < b[4] - 1 and b[2] < a[4] - 1


def _open(page, servers, data: str, path: str, query: dict, shot: str) -> None:
    if data not in servers:
        pytest.skip(f"no {data} data directory here")
    open_app(page, f"{servers[data]}/{path}?{urlencode(query, doseq=True)}", with_plot=True)
    page.screenshot(path=str(ARTIFACTS / f"{data}-{shot}.png"), full_page=True)
    assert page.locator(EXCEPTION).count() == 0


def test_compare_eight_states_reads_without_scrolling_or_broken_words(servers, page):
    _open(page, servers, "unga", "compare", {"actors": UNGA8}, "compare-8")
    sideways = page.evaluate(SIDEWAYS, '[data-testid="stTable"]')
    assert sideways == 0, "the levels at a glance scroll sideways"
    dates = page.evaluate(LINES_OF, r"\d{4}[-\u2011]\d{2}[-\u2011]\d{2}")
    assert len(dates) >= 8 * 4
    assert all(lines == 1 for _, lines in dates), [d for d in dates if d[1] > 1]
    words = page.evaluate(LINES_OF, "comprehensive")
    assert words and all(lines == 1 for _, lines in words)
    for label in ("Voted yes", "Abstained"):
        assert page.evaluate(LINES_OF, label), label


def test_compare_three_actors_shows_level_words_whole(servers, page):
    _open(page, servers, "shipped", "compare", {}, "compare-3")
    # the page opens on the first three actors with a position, as of today: the words of
    # each level they hold are in the page's text (not clipped in a grid cell), every word
    ds = load(DATA["shipped"])
    three = queries.actors_with_positions(ds)[:3]
    cells = queries.matrix_as_of(ds, dt.date.today()).loc[three]
    held = {  # the issue's own wording of the level, else the scale's (docs/format.md)
        ds.issues[issue].labels.get(key) or (DIVIDED_LABEL if key == DIVIDED else BY_KEY[key].label)
        for issue in cells.columns
        for key in cells[issue]
        if isinstance(key, str)
    }
    assert held
    for words in sorted(held):
        assert page.evaluate(LINES_OF, re.escape(words)), words


@pytest.mark.parametrize("data", ["shipped", "unga"])
def test_change_legend_fits_an_800_px_screen(servers, narrow, data):
    _open(narrow, servers, data, "change", {}, "change-800")
    narrow.wait_for_selector(f"{PLOT} .legend .traces", timeout=30_000)
    got = narrow.evaluate(LEGEND_BOXES)
    entries = got["entries"]
    assert len(entries) >= 3 + 2  # levels, events and the as-of line
    for i, a in enumerate(entries):
        assert a[1] >= got["left"] - 1 and a[3] <= got["right"] + 1, f"cut off: {a[0]}"
        for b in entries[i + 1 :]:
            assert not _overlap(a, b), f"{a[0]} overlaps {b[0]}"
    numbers = got["numbers"]
    for i, a in enumerate(numbers):
        for b in numbers[i + 1 :]:
            assert not _overlap(a, b), f"event numbers {a[0]} and {b[0]} overlap"
