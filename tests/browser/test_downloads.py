"""Downloads under a chart in a real browser: a click draws the file and the browser receives it."""

from __future__ import annotations

import csv
import io

import pytest
from PIL import Image

from .helpers import EXCEPTION, download_button, open_app, settle

pytestmark = pytest.mark.browser


def test_issue_page_downloads_the_maps_slide_and_the_counts_table(servers, page, tmp_path):
    url = f"{servers['shipped']}/issue?issue=European+troops+in+Ukraine&asof=2025-02-18"
    open_app(page, url)
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=120_000)  # a loaded machine
    settle(page, timeout=120_000)
    csv_button = download_button(page, "CSV")  # the counts chart comes first
    with page.expect_download(timeout=60_000) as got:
        csv_button.click()
    table = got.value
    assert table.suggested_filename.startswith("standpoint-distribution-")
    assert table.suggested_filename.endswith("-2025-02-18.csv")
    path = tmp_path / table.suggested_filename
    table.save_as(path)
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    assert rows and {"issue", "level", "actors"} <= set(rows[0])
    assert all(int(r["actors"]) > 0 for r in rows)
    # the map's slide: drawn by kaleido and Chromium on the click
    page.keyboard.press("Escape")  # close the first chart's downloads
    png_button = download_button(page, "PNG 16:9", chart=1)
    with page.expect_download(timeout=120_000) as got:
        png_button.click()
    image = got.value
    assert image.suggested_filename.startswith("standpoint-map-")
    saved = tmp_path / image.suggested_filename
    image.save_as(saved)
    with Image.open(saved) as im:
        assert im.size == (1920, 1080)
        assert "as of 2025-02-18" in im.text["Description"]
    assert page.locator(EXCEPTION).count() == 0


def test_matrix_csv_download_takes_the_pages_age_limit(servers, page, tmp_path, shipped):
    # as of 2025-02-18 under the default limit of 12 months some shipped cells are old: the
    # page fades them, the CSV leaves them empty as 'matrix --max-age 12' does and says so
    import datetime as dt

    from standpoint import queries
    from standpoint.cells import cell

    as_of = dt.date(2025, 2, 18)
    open_app(page, f"{servers['shipped']}/matrix?asof={as_of.isoformat()}&maxage=12")
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=120_000)
    settle(page, timeout=120_000)
    button = download_button(page, "CSV")
    with page.expect_download(timeout=60_000) as got:
        button.click()
    path = tmp_path / got.value.suggested_filename
    got.value.save_as(path)
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    limited = queries.matrix_as_of(shipped, as_of, max_age=12)
    issues = [c for c in rows[0] if c in shipped.issues]
    assert issues and rows
    old = 0
    for row in rows:
        assert [row[i] for i in issues] == [limited.at[row["actor"], i] or "" for i in issues]
        cells = [cell(shipped, row["actor"], i, as_of, max_age=12) for i in issues]
        assert row["old"] == "; ".join(
            f"{c.issue}={c.value} ({c.date.start.year})" for c in cells if c.old
        )
        old += sum(c.old for c in cells)
    assert old >= 1  # the shipped data has old cells at this date: the limit is at work
    assert page.locator(EXCEPTION).count() == 0


def test_a_charts_files_and_words_are_put_on_the_page_only_when_asked_for(servers, page):
    # Opening a page mounts every element anew: the six buttons and the boxes to copy the
    # chart's words from wait behind "Download" and "Copy the words" until one is opened, then
    # all are there; the words themselves are in sight under the chart
    open_app(page, f"{servers['shipped']}/matrix?asof=2025-02-18")
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=120_000)
    settle(page, timeout=120_000)
    main = page.get_by_test_id("stMain")
    assert main.get_by_test_id("stDownloadButton").count() == 0
    assert page.get_by_test_id("stCode").count() == 0
    download_button(page, "CSV")
    labels = [b.inner_text().split("\n")[-1] for b in page.get_by_test_id("stDownloadButton").all()]
    assert labels == ["PNG 16:9", "PNG 4:3", "SVG", "PDF", "CSV", "JSON"]
    page.keyboard.press("Escape")
    shown = main.get_by_test_id("stCaptionContainer").filter(has_text="Speaker note:").first
    assert shown.is_visible() and "Alt text: A matrix" in shown.inner_text()
    page.get_by_test_id("stPopoverButton").filter(has_text="Copy the words").first.click()
    words = page.get_by_test_id("stCode")
    words.first.wait_for(timeout=20_000)
    assert words.count() == 2 and "2025-02-18" in words.first.inner_text()
    assert page.locator(EXCEPTION).count() == 0
