"""The downloads under the charts, run through Streamlit's AppTest: a page draws no image until
a button is clicked, no two charts on a page share a file name, without Chromium the image
buttons give way to how to install it while CSV and JSON stay, and the slide's preview is
drawn on request."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import components.downloads as downloads
from standpoint.render import NO_BROWSER, browser
from tests.apptest import clear_caches, open_app
from tests.paths import REPO

ASOF = "2025-04-16"
PAGES = {  # every page with a chart, opened at a view that draws them all
    "matrix": {"asof": ASOF},
    "change": {"asof": ASOF, "issue": "European troops in Ukraine"},
    "compare": {"asof": ASOF},
    "actor": {"asof": ASOF},
    "issue": {"asof": ASOF, "issue": "European troops in Ukraine"},
}


@pytest.fixture
def run(monkeypatch):
    def start(page: str, query: dict, root: Path = REPO) -> AppTest:
        return open_app(monkeypatch, root, page, query, timeout=120)

    yield start
    clear_caches()


@pytest.fixture
def names(monkeypatch):
    """The file names the download buttons are given, as the page asks for them."""
    asked: list[str] = []
    original = downloads.file_names

    def recording(chart, fmt, parts=1):
        out = original(chart, fmt, parts)
        asked.extend(out)
        return out

    monkeypatch.setattr(downloads, "file_names", recording)
    return asked


@pytest.fixture
def no_drawing(monkeypatch):
    """Any image drawn fails the test: a page must only hold the callables that draw."""

    class Refused:
        def __enter__(self):
            raise AssertionError("an image was drawn without a click")

    monkeypatch.setattr(downloads, "Renderer", Refused)


@pytest.mark.parametrize("page", list(PAGES))
def test_a_page_draws_no_image_and_no_two_charts_share_a_file_name(run, names, no_drawing, page):
    at = run(page, PAGES[page])
    charts = len(at.get("plotly_chart"))
    buttons = [b.proto.label for b in at.get("download_button")]
    assert charts >= 1 and buttons.count("CSV") == charts
    tables = [n for n in names if n.endswith(".csv")]
    assert len(tables) == charts  # one table per chart, each named
    assert not [n for n, k in Counter(tables).items() if k > 1], tables
    # the images of different charts differ too (a chart's PNG sizes share a stem)
    stems = {n.rsplit(".", 1)[0] for n in names}
    assert len(stems) == charts


def test_without_chromium_the_image_buttons_say_how_to_install_it(run, monkeypatch):
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")
    assert browser() is None
    at = run("issue", PAGES["issue"])
    charts = len(at.get("plotly_chart"))
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels.count("CSV") == charts and labels.count("JSON") == charts
    assert not [x for x in labels if x.startswith(("PNG", "SVG", "PDF"))]
    assert [c.value for c in at.caption].count(NO_BROWSER) == charts
    assert "apt-get install chromium" in NO_BROWSER
    assert not [t for t in at.toggle if t.label.startswith("Preview")]  # nothing to draw with


@pytest.mark.skipif(browser() is None, reason="needs Chromium")
def test_the_preview_draws_the_16_9_slide_on_request(run):
    at = run("issue", PAGES["issue"])
    assert not at.get("image")  # nothing drawn before it is asked for
    toggle = next(t for t in at.toggle if t.label == "Preview the 16:9 slide")
    toggle.set_value(True).run()
    assert not at.exception, [e.value for e in at.exception]
    (image,) = at.get("image")
    caption = image.proto.imgs[0].caption
    assert caption.startswith("standpoint-") and caption.endswith(".png (1920×1080)")


def test_the_matrix_hides_rows_without_a_cell_among_the_chosen_issues(run):
    # 'Hide empty rows' in the sidebar: the rows left are the actors holding a level on one of
    # the chosen issues, the subtitle counts the others, and the CSV download has those rows
    import datetime as dt

    from standpoint import load, queries
    from standpoint.figures.frame import frame_text
    from tests.test_app import figure

    def shown(at: AppTest) -> list[str]:  # the rows' actor ids, top to bottom
        return list(dict.fromkeys(c[0] for c in figure(at)["data"][1]["customdata"]))

    chosen = ["nato-membership"]
    at = run("matrix", {"asof": ASOF})
    at.multiselect(key="issues").set_value(chosen).run()
    every = shown(at)
    at.toggle(key="hide_empty").set_value(True).run()
    assert not at.exception
    shipped = load(REPO)
    held = queries.matrix_as_of(shipped, dt.date.fromisoformat(ASOF))[chosen].notna().any(axis=1)
    assert shown(at) == [a for a in every if held[a]]
    hidden = len(every) - len(shown(at))
    assert hidden > 0 and f"Hidden: {hidden} rows with no position" in frame_text(figure(at))


def test_make_run_installs_no_browser():
    # the dashboard runs without Chromium (the image buttons then say how to install it);
    # only the tests' and benchmarks' targets install it
    import re

    makefile = (REPO / "Makefile").read_text(encoding="utf-8")

    def target(name: str) -> tuple[set[str], str]:
        head = re.search(rf"^{re.escape(name)}:([^\n]*)\n((?:\t[^\n]*\n)*)", makefile, re.M)
        assert head, name
        return set(head.group(1).split()), head.group(2)

    needs, recipe = target("run")
    _, stamp_recipe = target("$(VENV)/.run-stamp")
    assert "chromium" not in needs and "$(VENV)/.dev-stamp" not in needs
    for text in (recipe, stamp_recipe):
        assert "apt-get" not in text and "playwright install" not in text
    assert "chromium" in target("test")[0]  # the tests do install it
