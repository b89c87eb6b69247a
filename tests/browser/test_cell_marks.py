"""In a real browser, on the shipped matrix: the marks a reader sees in the drawn plot (an old
cell's year, "officials differ") and dates at their precision, and France's Compare card.
Expected values come from the data through the core's cell rule, never from today's output."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

import pytest
from playwright.sync_api import Page

from components import controls
from standpoint import load
from standpoint.cells import DEFAULT_MAX_AGE_MONTHS, cell
from standpoint.figures.matrix import DIFFER_MARK

from .conftest import ARTIFACTS, DATA
from .helpers import EXCEPTION, PLOT, cell_centre, drawn_text, open_app, page_js

pytestmark = pytest.mark.browser

EARLY, LATE = dt.date(2025, 1, 31), dt.date(2025, 4, 16)


@pytest.fixture(scope="module")
def ds():
    return load(DATA["shipped"])


def matrix(page: Page, url: str, as_of: dt.date) -> None:
    open_app(page, f"{url}/matrix?{urlencode({controls.ASOF: as_of.isoformat()})}", True)
    assert page.locator(EXCEPTION).count() == 0


def test_nato_s_old_promise_is_drawn_old_with_its_year(servers, page, ds):
    c = cell(ds, "nato", "nato-membership", EARLY, max_age=DEFAULT_MAX_AGE_MONTHS)
    assert c.old and c.date is not None, "the data: NATO's promise lies years before"
    matrix(page, servers["shipped"], EARLY)
    page.screenshot(path=str(ARTIFACTS / "shipped-marks-2025-01-31.png"))
    texts = drawn_text(page, "nato", "nato-membership")
    assert texts and texts[-1] == str(c.date.start.year), texts  # the year under the symbols
    # the legend under the plot explains the faded colour
    assert "old cell" in page.locator(PLOT).inner_text()


def test_officials_differ_and_month_dates_as_of_april(servers, page, ds):
    pairs = [(a, i) for a in ds.actors for i in ds.issues]
    cells = {k: cell(ds, *k, LATE, max_age=DEFAULT_MAX_AGE_MONTHS) for k in pairs}
    differ = [k for k, c in cells.items() if c.officials_differ]
    assert differ, "the shipped data has a cell where two speakers of one actor differ"
    months = [(k, p) for k, c in cells.items() for p in c.latest if p.date.precision != "day"]
    assert months, "the shipped data has a position dated to the month"
    matrix(page, servers["shipped"], LATE)
    page.screenshot(path=str(ARTIFACTS / "shipped-marks-2025-04-16.png"))
    for key in differ:
        texts = drawn_text(page, *key)
        assert texts and texts[0].endswith(DIFFER_MARK), (key, texts)
    # the hover text the browser holds for every cell, and the label it shows on hovering
    hovers = page.evaluate(
        page_js("""() => { const c = $plot.data[1];
                   return c.customdata.map((k, i) => [k[0] + '|' + k[1], c.hovertext[i]]); }""")
    )
    hover_of = {tuple(k.split("|")): h for k, h in hovers}
    for key, p in months:
        assert p.date.shown in hover_of[key], key
        assert p.date.start.isoformat() not in hover_of[key], key
        assert p.date.start.isoformat() not in " ".join(drawn_text(page, *key)), key
    key, p = months[0]
    page.mouse.move(*cell_centre(page, *key))
    label = page.locator(f"{PLOT} .hoverlayer .hovertext").first
    label.wait_for(timeout=10_000)
    shown = label.text_content() or ""
    assert p.date.shown in shown and p.date.start.isoformat() not in shown, shown


def test_france_s_card_dates_its_level_from_the_start_of_its_run(servers, page, ds):
    c = cell(ds, "fra", "troops-to-ukraine", LATE)
    assert c.since is not None
    names = controls.actor_labels(ds)
    query = urlencode(
        {controls.ASOF: LATE.isoformat(), "actors": [names["fra"], names["pol"]]}, doseq=True
    )
    open_app(page, f"{servers['shipped']}/compare?{query}")
    page.get_by_text(names["fra"]).first.wait_for()
    assert page.locator(EXCEPTION).count() == 0
    text = page.locator('[data-testid="stMain"]').inner_text()
    assert f"since {c.since.shown}" in text.replace("\u2011", "-")
