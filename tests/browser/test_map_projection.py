"""The map's own geometry agrees with plotly.js: where the figure module computes a dot or a
symbol to land (to keep marks apart and inside the map) is where plotly.js draws it, to a
fraction of a pixel, on the world map (Natural Earth) and a zoomed one (Mercator), on a slide
and on the page. The unit tests of tests/test_figures_maps.py rest on this."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import numpy as np
import plotly
import pytest

from standpoint import load
from standpoint.cells import issue_cells
from standpoint.figures.frame import size_named
from standpoint.figures.maps import figure_projection, world_assets, world_map

from .conftest import DATA

pytestmark = pytest.mark.browser
PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"


def figures():
    _, outlines = world_assets()
    unga = load(DATA["unga"])
    when = dt.date(2025, 12, 31)
    cells = issue_cells(unga, "us-path-to-peace", when)
    for name in ("16:9", "4:3", "screen"):
        size = size_named(name)
        fig = world_map(unga, cells, "us-path-to-peace", when, outlines=outlines, size=size)
        yield f"world {name}", fig, size
    shipped = load(DATA["shipped"])
    cells = issue_cells(shipped, "troops-to-ukraine", dt.date(2025, 2, 18))
    size = size_named("16:9")
    fig = world_map(
        shipped, cells, "troops-to-ukraine", dt.date(2025, 2, 18), outlines=outlines, size=size
    )
    yield "zoomed 16:9", fig, size


def test_marks_land_where_plotly_draws_them(browser):
    url = world_assets()[0]
    page = browser.new_page(viewport={"width": 2000, "height": 1400})
    page.set_content("<html><body style='margin:0'><div id=g></div></body></html>")
    page.add_script_tag(content=PLOTLY_JS.read_text(encoding="utf-8"))
    try:
        for where, fig, size in figures():
            if fig.layout.width is None:  # on the page: as wide as the narrowest column
                fig.update_layout(width=size.room)
            proj = figure_projection(fig)
            points = [
                (lon, lat)
                for t in fig.data
                if t.type == "scattergeo" and t.lon
                for lon, lat in zip(t.lon, t.lat, strict=True)
                if lon is not None
            ]
            assert len(points) > 5, where
            page.evaluate(
                "([f, url]) => Plotly.newPlot('g', f.data, f.layout, {topojsonURL: url})",
                [json.loads(fig.to_json()), url],
            )
            drawn = page.evaluate(
                "(pts) => { const g = document.getElementById('g')._fullLayout.geo._subplot;"
                " return {at: pts.map(p => g.projection(p)), clip: g.bounds}; }",
                points,
            )
            mine = proj(np.array([p[0] for p in points]), np.array([p[1] for p in points]))
            assert np.abs(np.array(drawn["at"]) - mine).max() < 0.5, where
            (x0, y0), (x1, y1) = drawn["clip"]
            assert np.allclose(proj.clip, (x0, y0, x1, y1), atol=0.5), where
    finally:
        page.close()
