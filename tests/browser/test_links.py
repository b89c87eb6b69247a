"""In a real browser: a quote's link opens its source text on the Sources page, scrolled to the
passage, emphasised and naming whose words they are; ``/matrix`` opens the matrix."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

import pytest

from components import controls, passage
from standpoint import load, queries
from standpoint.cells import cell
from standpoint.quotes import find_spans

from .conftest import ARTIFACTS, DATA
from .helpers import EXCEPTION, PLOT, open_app, page_js, settle

pytestmark = pytest.mark.browser

AS_OF = dt.date(2025, 4, 16)


def _deepest_cited_cell(ds):
    """Of the cells as of AS_OF whose first position cites a registry source with a local
    text, the one whose quote lies deepest in its text (so the page has to scroll to it):
    (actor, issue, position, citation)."""
    best = None
    for actor, issue in ((a, i) for a in ds.actors for i in ds.issues):
        for p in cell(ds, actor, issue, AS_OF).latest[:1]:
            for c in p.citations:
                text = ds.texts.get(c.source or "")
                spans = find_spans(c.quote, text) if text else []
                if spans and (best is None or spans[0][0] > best[0]):
                    best = (spans[0][0], actor, issue, p, c)
    assert best is not None, "no cell quotes a local source text"
    return best[1:]


def test_a_quote_opens_its_passage_in_the_source_text(servers, page):
    ds = load(DATA["shipped"])
    actor, issue, _, citation = _deepest_cited_cell(ds)
    actor_label, issue_label = controls.actor_labels(ds)[actor], controls.issue_labels(ds)[issue]
    query = urlencode(
        {"asof": AS_OF.isoformat(), "cell_actor": actor_label, "cell_issue": issue_label}
    )
    open_app(page, f"{servers['shipped']}/matrix?{query}", with_plot=True)
    page.get_by_text(f"{ds.actors[actor].name} on {ds.issues[issue].label}").first.wait_for()
    # the quote's link, under the quote in the cell's card
    href = passage.url(ds, actor, issue, citation.quote, citation.source)
    link = page.locator(f'a[href="{href}"]')
    assert link.count() >= 1 and link.first.inner_text() == passage.LINK_WORDS
    with page.context.expect_page() as opened:
        link.first.click()
    sources = opened.value
    sources.set_viewport_size({"width": 1400, "height": 1200})
    settle(sources)
    sources.wait_for_timeout(2500)  # the scroll waits for the tables above to draw
    sources.screenshot(path=str(ARTIFACTS / "shipped-quote-to-source.png"))
    assert sources.locator(EXCEPTION).count() == 0
    assert "/sources?" in sources.url
    line = sources.locator(".st-key-linked_passage")
    assert line.count() == 1
    # the line holds the start of the quote, emphasised, and names whose words they are
    words = " ".join(line.inner_text().split())
    first_words = " ".join(citation.quote.split()[:4])
    assert first_words.casefold() in words.replace("“", '"').casefold() or first_words in words
    assert f"▶ {passage.who(ds, actor, issue)}" in words
    # ... and it is in view: inside the visible part of the text's box and of the window
    seen = sources.evaluate(
        """() => {
            const el = document.querySelector('.st-key-linked_passage').getBoundingClientRect();
            let box = document.querySelector('.st-key-linked_passage').parentElement;
            while (box && getComputedStyle(box).overflowY !== 'auto') box = box.parentElement;
            const b = box.getBoundingClientRect();
            return [el.top >= b.top - 1 && el.top < b.bottom,
                    el.top >= 0 && el.top < window.innerHeight, box.scrollTop];
        }"""
    )
    assert seen[0] and seen[1], seen
    assert seen[2] > 0, "the text's box did not scroll"


def test_matrix_opens_at_its_name_and_the_root_keeps_the_link(servers, page):
    open_app(page, f"{servers['shipped']}/matrix", with_plot=True)
    assert page.get_by_text("Page not found").count() == 0
    assert page.get_by_role("heading", name="Stance matrix").count() == 1
    assert page.url.endswith("/matrix")
    # the root URL opens the matrix at its name, with the link's parameters
    query = urlencode([("asof", "2025-02-18"), ("issues", "Ukraine in NATO")])
    open_app(page, f"{servers['shipped']}/?{query}", with_plot=True)
    assert "/matrix?" in page.url and "asof=2025-02-18" in page.url
    columns = page.evaluate(page_js("() => $plot.layout.xaxis.ticktext"))
    assert [c.replace("<br>", " ") for c in columns] == ["Ukraine in NATO"]
    assert page.locator(f"{PLOT} .main-svg").count() >= 1
    assert page.get_by_text("Page not found").count() == 0


def test_a_link_shows_who_holds_a_level_among_193_states(servers, page):
    """The student's link: the states that voted no, as of a date, and nobody else."""
    ds = load(DATA["unga"])
    issue, day = "territorial-integrity", dt.date(2025, 3, 1)
    matrix = queries.matrix_as_of(ds, day)
    no = sorted(a for a in matrix.index if matrix.at[a, issue] == "oppose")
    query = urlencode(
        {
            "asof": day.isoformat(),
            "level_issue": controls.issue_labels(ds)[issue],
            "levels": controls.level_words("oppose"),
        }
    )
    open_app(page, f"{servers['unga']}/matrix?{query}", with_plot=True)
    page.screenshot(path=str(ARTIFACTS / "unga-matrix-who-voted-no.png"), full_page=True)
    rows = page.evaluate(  # the actor of each row, from the cells' click data
        page_js("() => [...new Set($plot.data[1].customdata.map(c => c[0]))]")
    )
    assert sorted(rows) == no
    assert page.locator(EXCEPTION).count() == 0
