"""The downloads under the charts, run through Streamlit's AppTest: a page draws no image until
a button is clicked, no two charts on a page share a file name, without Chromium the image
buttons give way to how to install it while CSV and JSON stay, and the slide's preview is
drawn on request. The downloads sit right under their chart, with its alt text and speaker
note in sight; the matrix's files are named after the view's filters, not its rows."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
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
def offered(monkeypatch):
    """The (label, file name) of every download button the page puts up."""
    from streamlit.delta_generator import DeltaGenerator

    buttons: list[tuple[str, str]] = []
    original = DeltaGenerator.download_button

    def recording(self, label, data, file_name=None, *args, **kwargs):
        buttons.append((label, file_name))
        return original(self, label, data, file_name, *args, **kwargs)

    monkeypatch.setattr(DeltaGenerator, "download_button", recording)
    return buttons


def flat(node, popover: bool = False) -> list[tuple[str, str, bool]]:
    """The page's elements in reading order: (type, label or text, inside a popover)."""
    kind = getattr(node, "type", "")
    if kind == "popover":
        label = node.proto.popover.label
    else:
        label = getattr(node, "label", "") or ""
        if not label and kind in ("caption", "markdown", "code"):
            label = node.value
    out = [] if kind in ("flex_container", "main", "") else [(kind, label, popover)]
    for child in getattr(node, "children", {}).values():
        out += flat(child, popover or kind == "popover")
    return out


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


def test_the_default_matrix_files_are_named_after_the_view_not_its_rows(run, offered):
    # no filter: the files are standpoint-matrix-<date>; an issue filter names the issues, an
    # actor filter the rows shown (as the command line's chart does)
    at = run("matrix", {"asof": ASOF})
    stem = f"standpoint-matrix-{ASOF}"
    names = dict(offered)
    assert names["CSV"] == f"{stem}.csv" and names["JSON"] == f"{stem}.json"
    # its rows fit one 16:9 slide at the smallest type: one image, not a ZIP of parts (at
    # 4:3 an old cell's year takes a second line in the narrow columns, so it may take two)
    assert names["PNG 16:9"] == f"{stem}.png"
    assert names["PNG 4:3"] in (f"{stem}-4x3.png", f"{stem}-4x3-png.zip")
    offered.clear()
    at.multiselect(key="issues").set_value(["nato-membership", "territory"]).run()
    assert dict(offered)["CSV"] == f"standpoint-matrix-nato-membership-territory-{ASOF}.csv"
    offered.clear()
    at.multiselect(key="issues").set_value([]).run()
    at.text_input(key="q").input("kingdom").run()
    from tests.test_app import figure

    rows = list(dict.fromkeys(c[0] for c in figure(at)["data"][1]["customdata"]))
    assert 1 <= len(rows) <= 3
    assert dict(offered)["CSV"] == f"standpoint-matrix-{'-'.join(rows)}-{ASOF}.csv"


@pytest.mark.parametrize("page", list(PAGES))
def test_the_downloads_and_the_words_sit_right_under_each_chart(run, page):
    # under each chart: its Download button first, then its alt text and speaker note in
    # sight (not in a popover), the same words as the boxes to copy them from
    at = run(page, PAGES[page])
    elements = flat(at.main)
    charts = [k for k, e in enumerate(elements) if e[0] == "plotly_chart"]
    assert charts
    codes = [e[1] for e in elements if e[0] == "code"]
    assert len(codes) == 2 * len(charts)
    for n, k in enumerate(charts):
        # nothing but a line on how to scroll the chart between it and its downloads
        gap = next(j for j in range(k + 1, len(elements)) if elements[j][0] != "caption")
        assert all("scroll" in e[1] for e in elements[k + 1 : gap]), elements[k:gap]
        assert elements[gap][:2] == ("popover", "Download"), elements[k : gap + 1]
        after = elements[gap : charts[n + 1] if n + 1 < len(charts) else None]
        seen = [e[1] for e in after if e[0] == "caption" and not e[2]]
        words = [w for w in seen if w.startswith("**Alt text:**")]
        assert len(words) == 1, seen
        alt, note = codes[2 * n], codes[2 * n + 1]
        plain = words[0].replace("\\", "")
        assert plain == f"**Alt text:** {alt}  \n**Speaker note:** {note}"
    if page == "matrix":  # the evidence panel after the downloads, at every width
        evidence = elements.index(("markdown", "##### Evidence for a cell", False))
        assert charts[0] + 1 == elements.index(("popover", "Download", False)) < evidence


def test_a_split_matrix_comes_as_a_zip_of_numbered_images_and_its_words(run, monkeypatch):
    # the UN matrix takes several slides: its PNG button gives a ZIP of the numbered images
    # and one text file named after the chart (not after the ZIP), holding its words
    import io
    import zipfile

    from standpoint.charts import describe, file_stem, image_count
    from tests.paths import UNGA

    chart = None
    original = downloads.chart_downloads

    def keep(ds, c, *, key):
        nonlocal chart
        chart = (ds, c) if key == "matrix" else chart
        return original(ds, c, key=key)

    monkeypatch.setattr("components.matrix.chart_downloads", keep)
    run("matrix", {}, UNGA)
    ds, c = chart
    slide = replace(c, size="16:9")
    parts = image_count(ds, slide)
    assert parts > 1  # 192 rows do not fit one slide

    class Drawing:  # stands for kaleido: one small image per figure
        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return None

    monkeypatch.setattr(downloads, "Renderer", Drawing)
    monkeypatch.setattr(downloads, "image_bytes", lambda d, ch, fmt, r, name: [b"x"] * parts)
    with zipfile.ZipFile(io.BytesIO(downloads._images(ds, slide, "png"))) as z:
        names = z.namelist()
        text = z.read(f"{file_stem(slide)}.txt").decode()
    digits = len(str(parts))  # numbered -01 … -12 past nine parts, so they list in order
    assert names[:-1] == [f"{file_stem(slide)}-{k:0{digits}d}.png" for k in range(1, parts + 1)]
    assert names[-1] == f"{file_stem(slide)}.txt" and not names[-1].endswith("-png.txt")
    alt, note = describe(ds, slide)
    assert text == f"Alt text: {alt}\n\nSpeaker note: {note}\n"
    assert downloads.image_name(slide, "png", parts) == f"{file_stem(slide)}-png.zip"


@pytest.mark.skipif(browser() is None, reason="needs Chromium")
def test_the_preview_of_a_split_matrix_names_the_file_offered_and_its_part(run, offered):
    from tests.paths import UNGA

    at = run("matrix", {}, UNGA)
    zip_name = dict(offered)["PNG 16:9"]
    assert zip_name.endswith("-png.zip")
    at.toggle(key="matrix:preview").set_value(True).run()
    assert not at.exception, [e.value for e in at.exception]
    caption = at.get("image")[0].proto.imgs[0].caption
    parts = re.search(r"part 1 of (\d+) in (\S+) ", caption)
    assert parts and int(parts.group(1)) > 1 and parts.group(2) == zip_name, caption
    first = f"-{1:0{len(parts.group(1))}d}.png"  # -1.png, or -01.png past nine parts
    assert caption.startswith(zip_name.removesuffix("-png.zip") + first)
