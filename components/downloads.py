"""Under every chart: downloads for slides, print and spreadsheets (behind one button that
opens them, so that a page opened mounts a few elements here, not eleven), the chart's alt
text and speaker note in a caption (and behind a button, in boxes to copy them from), and a
preview of the slide-sized image on request.

Images are drawn by :mod:`standpoint.render` only when a button is clicked (the buttons hold a
callable, not the bytes), so a rerun of the page draws nothing. Where no Chromium is found,
the image buttons are replaced by how to install it; CSV and JSON still work.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import replace
from functools import partial

import streamlit as st

from standpoint.charts import Chart, ChartError, describe, file_names, file_stem, image_count
from standpoint.exports import image_bytes, table_bytes, words_text
from standpoint.model import Dataset
from standpoint.render import NO_BROWSER, Renderer, browser

from . import data
from .safe import md

MIME = {
    "png": "image/png",
    "svg": "image/svg+xml",
    "pdf": "application/pdf",
    "csv": "text/csv",
    "json": "application/json",
    "zip": "application/zip",
}
IMAGES = (("png", "16:9", "PNG 16:9"), ("png", "4:3", "PNG 4:3"), ("svg", "16:9", "SVG"))
IMAGES += (("pdf", "16:9", "PDF"),)


def _images(ds: Dataset, chart: Chart, fmt: str) -> bytes:
    """The chart's image(s) at its size; a matrix split across images comes as a ZIP of
    numbered files and a text file, named after the chart, of its alt text and speaker
    note."""
    with Renderer() as renderer:
        images = image_bytes(ds, chart, fmt, renderer, data.dataset_name())
    if len(images) == 1:
        return images[0]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for part, raw in zip(file_names(chart, fmt, len(images)), images, strict=True):
            z.writestr(part, raw)
        alt, note = describe(ds, chart)
        z.writestr(f"{file_stem(chart)}.txt", words_text(alt, note))
    return out.getvalue()


def image_name(chart: Chart, fmt: str, parts: int) -> str:
    """The name of the file an image button gives: the image, or a ZIP of its ``parts``
    (``…-4x3`` at 4:3, so that the two PNG sizes do not overwrite each other)."""
    stem = file_stem(chart) + ("-4x3" if chart.size == "4:3" else "")
    return f"{stem}-{fmt}.zip" if parts > 1 else f"{stem}.{fmt}"


@st.cache_resource(max_entries=256, show_spinner=False)
def _described(_ds: Dataset, key: str, _chart: Chart) -> tuple[str, str, dict[str, int]] | None:
    """The chart's alt text, speaker note and number of images at each size, worked out once
    for all users of a data set (``key`` names the data and the chart): they read every cell
    shown, and the page shows them on every rerun. None for a chart the data cannot give."""
    del key  # the cache key only
    try:
        alt, note = describe(_ds, _chart)
    except ChartError:
        return None
    sizes = {size for _fmt, size, _label in IMAGES}
    name = data.dataset_name()
    return alt, note, {size: image_count(_ds, replace(_chart, size=size), name) for size in sizes}


def chart_downloads(ds: Dataset, chart: Chart, *, key: str) -> None:
    """The downloads, words and preview of one chart (``key``: unique on the page)."""
    described = _described(ds, data.view_key(data.cache_key(), chart), chart)
    if described is None:
        return
    alt, note, counts = described
    has_browser = browser() is not None
    # The files sit in a popover, whose contents the browser puts on the page only when it is
    # opened: a page opened (a page switch mounts every element anew) mounts a few elements
    # here, not the eleven of six buttons, the words' boxes and the toggle.
    row = st.container(horizontal=True, gap="small")  # wraps on a narrow column
    files = row.popover("Download", icon=":material/download:")
    buttons = files.container(horizontal=True, gap="small")
    if has_browser:
        for fmt, size, label in IMAGES:
            sized = replace(chart, size=size)
            parts = counts[size]
            buttons.download_button(
                label,
                data=partial(_images, ds, sized, fmt),
                file_name=image_name(sized, fmt, parts),
                mime=MIME["zip" if parts > 1 else fmt],
                key=f"{key}:{fmt}:{size}",
                on_click="ignore",
                icon=":material/download:",
                help=f"{'A ZIP of numbered images' if parts > 1 else 'An image'} laid out for "
                f"{'a slide' if fmt == 'png' else 'print'} ({size}); drawn when clicked",
            )
    for fmt in ("csv", "json"):
        buttons.download_button(
            fmt.upper(),
            data=partial(table_bytes, ds, chart, fmt),
            file_name=file_names(chart, fmt)[0],
            mime=MIME[fmt],
            key=f"{key}:{fmt}",
            on_click="ignore",
            icon=":material/table:",
            help="Exactly what the chart shows, as a table",
        )
    if not has_browser:
        files.caption(NO_BROWSER)
    words = row.popover("Copy the words", icon=":material/content_copy:")
    words.caption("Alt text")
    words.code(alt, language=None, wrap_lines=True)
    words.caption("Speaker note")
    words.code(note, language=None, wrap_lines=True)
    preview = has_browser and row.toggle("Preview the 16:9 slide", key=f"{key}:preview")
    # the words in sight under the chart (one element), where a reader looks for them
    st.caption(f"**Alt text:** {md(alt)}  \n**Speaker note:** {md(note)}")
    if preview:
        slide = replace(chart, size="16:9")
        with st.spinner("Drawing the slide…"):
            with Renderer() as renderer:
                first = image_bytes(ds, slide, "png", renderer, data.dataset_name())[0]
        parts = counts["16:9"]
        if parts > 1:  # the first image of the ZIP offered
            caption = (
                f"{file_names(slide, 'png', parts)[0]}, part 1 of {parts} in "
                f"{image_name(slide, 'png', parts)} (1920×1080)"
            )
        else:
            caption = f"{image_name(slide, 'png', parts)} (1920×1080)"
        st.image(first, caption=caption)
