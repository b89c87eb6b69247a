"""The issue page's map and distribution chart, checked in their JSON for what a reader sees:
where the map looks, that every state with a position is on it (small ones as dots in their
level's colour), that no position and "ambiguous" look different, and that the counts agree
with the bar chart, in words."""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib.resources
import json
from pathlib import Path

import numpy as np
import plotly.graph_objects as go
import pytest

from standpoint.cells import distribution, issue_cells, mappable
from standpoint.figures.common import COLOURS, NO_POSITION_COLOUR, SYMBOLS
from standpoint.figures.distribution import distribution_figure
from standpoint.figures.frame import (
    CHAR_EM,
    FOOTER,
    SCREEN,
    TITLE,
    frame_lines,
    frame_text,
    legend_top_px,
    size_named,
)
from standpoint.figures.maps import (
    SMALL_STATES,
    figure_projection,
    iso6709,
    map_view,
    plural,
    states_drawn,
    topojson_ids,
    topojson_outlines,
    world_map,
)
from standpoint.loader import load
from tests.timeline_data import REPO, make

WORLD = REPO / "standpoint" / "assets" / "world_110m.json"
UNGA_ASOF = dt.date(2025, 12, 31)
AS_OF = dt.date(2025, 3, 1)


@pytest.fixture(scope="module")
def outlines():
    return topojson_outlines(WORLD)


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory):
    data = load(make(tmp_path_factory.mktemp("maps")))
    assert data.problems == []
    return data


def legend(fig: go.Figure) -> list[str]:
    return [t.name for t in fig.data if t.showlegend is not False]


def inside(point: tuple[float, float], geo) -> bool:
    lon, lat = point
    (lon0, lon1), (lat0, lat1) = geo.lonaxis.range, geo.lataxis.range
    return lon0 <= lon <= lon1 and lat0 <= lat <= lat1


def capital_of(fig: go.Figure, dot: tuple[float, float]) -> tuple[float, float]:
    """Where a dot points: the far end of the line drawn to it, or the dot's own place."""
    for trace in fig.data:
        if trace.name == "leaders":
            points = list(zip(trace.lon, trace.lat, strict=True))
            for start, end in zip(points[0::3], points[1::3], strict=True):
                if end == pytest.approx(dot):
                    return start
    return dot


def luminance(colour: str) -> float:
    r, g, b = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


# -- the outlines and where the map looks ------------------------------------------------------
def test_outlines_give_each_country_its_main_land(outlines):
    assert set(outlines) == topojson_ids(WORLD)
    france = outlines["FRA"]
    # metropolitan France, not French Guiana
    assert -6 < france.box[0] < -4 and 8 < france.box[2] < 10 and france.box[1] > 41
    assert 23 < outlines["EST"].centre[0] < 29 and 57 < outlines["EST"].centre[1] < 60
    # Russia's main land crosses the antimeridian: counted east on, from the Baltic
    assert 25 < outlines["RUS"].box[0] < 30 and outlines["RUS"].box[2] > 180
    assert topojson_outlines(REPO / "no-such-file.json") == {}


def test_a_european_data_set_is_zoomed_to_europe(outlines):
    europe = ["GBR", "FRA", "DEU", "POL", "DNK", "NLD", "EST", "LVA", "LTU", "RUS"]
    lon, lat, px = map_view(europe, outlines, [])
    # every state's main land, the Baltic states too, is in view; Russia (huge) partly
    for iso in europe[:-1]:
        box = outlines[iso].box
        assert lon[0] <= box[0] and box[2] <= lon[1], iso
        assert lat[0] <= box[1] and box[3] <= lat[1], iso
    assert lon[1] > outlines["RUS"].box[0] + 10
    # a region, not the world: Europe fills the map
    assert lon[1] - lon[0] < 80 and lat[1] - lat[0] < 40
    assert 300 <= px <= 600


def test_states_on_every_continent_show_the_world(outlines, unga):
    cells = issue_cells(unga, "territorial-integrity", UNGA_ASOF)
    assert map_view(list(cells["iso3"]), outlines, []) is None
    # one state alone: its own region, with a margin
    lon, lat, _ = map_view(["USA"], outlines, [])
    assert lon[0] < -125 and lon[1] > -67 and lat[0] < 25 and lat[1] > 49


def test_shipped_data_map_zooms_in_and_unga_map_shows_the_world(outlines, shipped, unga):
    issue = "troops-to-ukraine"
    when = max(p.date.start for p in shipped.positions if p.issue == issue)
    cells = issue_cells(shipped, issue, when)
    states = cells[mappable(cells)]
    # every state with a position on the issue by then, small ones too, is on the map
    held = {
        shipped.actors[p.actor].iso3
        for p in shipped.positions
        if p.issue == issue and p.date.start <= when and shipped.actors[p.actor].iso3
    }
    assert set(states["iso3"]) == held
    fig = world_map(shipped, cells, issue, when, outlines=outlines)
    geo = fig.layout.geo
    assert geo.projection.type == "mercator"
    # a region around them, not the whole world
    assert geo.lonaxis.range[1] - geo.lonaxis.range[0] < 200
    for iso in states["iso3"]:
        if iso != "RUS":
            assert inside(outlines[iso].centre, geo), iso
    assert "map zoomed to the states with a position" in frame_text(fig)

    cells = issue_cells(unga, "territorial-integrity", UNGA_ASOF)
    fig = world_map(unga, cells, "territorial-integrity", UNGA_ASOF, outlines=outlines)
    geo = fig.layout.geo
    assert geo.projection.type == "natural earth"
    # the whole globe: no latitude cut (which drew a flat bottom edge), all 360 degrees
    lon0, lon1 = geo.lonaxis.range
    assert list(geo.lataxis.range) == [-90, 90] and lon1 - lon0 == 360
    # its edge runs through the Bering Strait: Samoa and Tonga lie beside Fiji, not across
    # the map from it, and Chukotka with Russia
    for lon in (-171.75, -175.2, 178.4, -169.7):  # Apia, Nuku'alofa, Suva, Cape Dezhnev
        assert lon0 < (lon if lon > lon0 else lon + 360) < lon1
        assert (lon if lon > lon0 else lon + 360) > 150
    assert "map of the world" in frame_text(fig)


def test_the_map_fills_its_figure(outlines, unga):
    cells = issue_cells(unga, "territorial-integrity", UNGA_ASOF)
    fig = world_map(unga, cells, "territorial-integrity", UNGA_ASOF, outlines=outlines)
    margin = fig.layout.margin
    map_px = fig.layout.height - margin.t - margin.b
    # the world is about 2.1 times as wide as high: laid out for a 900 px wide chart
    assert 400 <= map_px <= 450
    # the legend in words below the map (not above it), then the footer
    assert legend_top_px(fig) >= fig.layout.height - margin.b
    footer = frame_lines(fig, FOOTER)
    assert footer[0].startswith("Sources: ") and UNGA_ASOF.isoformat() in footer[-1]


# -- small states ------------------------------------------------------------------------------
def test_small_states_are_dots_in_their_levels_colour_and_counts_agree(outlines, unga):
    cells = issue_cells(unga, "territorial-integrity", UNGA_ASOF)
    fig = world_map(unga, cells, "territorial-integrity", UNGA_ASOF, outlines=outlines)
    counts = dict(distribution(cells).values.tolist())
    missing = cells[~cells["iso3"].isin(outlines.keys())]
    assert len(missing) > 20  # Andorra, Malta, Singapore, the island states...
    dots = [t for t in fig.data if isinstance(t, go.Scattergeo) and t.customdata is not None]
    dotted = {}
    for trace in dots:
        colour = trace.marker.color
        level = next(k for k, c in COLOURS.items() if c == colour)
        for text in trace.hovertext:
            name = text.split("</b>")[0].removeprefix("<b>")
            dotted[name] = level
            assert "marked by a dot" in text and "capital" in text
    assert dotted == dict(zip(missing["actor_name"], missing["stance"], strict=True))
    places = {
        text.split("</b>")[0].removeprefix("<b>"): capital_of(fig, (lon, lat))
        for trace in dots
        for lon, lat, text in zip(trace.lon, trace.lat, trace.hovertext, strict=True)
    }
    # each dot over its capital (nudged by less than its width, 3 degrees on the narrowest
    # page), or a line from the capital to it
    assert places["Andorra"] == pytest.approx((1.52, 42.5), abs=3)  # Andorra la Vella
    assert places["Singapore"] == pytest.approx((103.85, 1.28), abs=3)
    assert places["Saint Lucia"] == pytest.approx((-61.0, 14.02), abs=3)  # Castries
    # every level's legend entry counts all its states, as the bar chart does, in words
    names = legend(fig)
    levels = [
        ("support", "++  Voted yes"),
        ("ambiguous", "~  Abstained"),
        ("oppose", "−−  Voted no"),
    ]
    for key, label in levels:
        n_dots = int((missing["stance"] == key).sum())
        entry = next(n for n in names if n.startswith(label))
        assert entry.startswith(f"{label}: {counts[key]} states"), entry
        if n_dots:
            assert f"({n_dots} as dot" in entry
    assert (
        f"a dot: {len(missing)} states too small to draw, at the capital or joined to it by a"
        " line" in names
    )
    assert f"{len(missing)} states too small to draw at this scale are marked" in (frame_text(fig))


def test_small_state_coordinates_are_the_tz_databases():
    """Each dot's place is copied from the IANA tz database's zone.tab (the zone's principal
    city, the capital here), and its ISO codes agree with ISO 3166 (Debian's iso-codes)."""
    try:
        table = (importlib.resources.files("tzdata") / "zoneinfo" / "zone.tab").read_text()
    except (ModuleNotFoundError, FileNotFoundError):
        path = Path("/usr/share/zoneinfo/zone.tab")
        if not path.exists():
            pytest.skip("no zone.tab here")
        table = path.read_text()
    rows = {tuple(line.split("\t")[:3]) for line in table.splitlines() if not line.startswith("#")}
    for iso3, (cc, zone, where) in SMALL_STATES.items():
        assert (cc, where, zone) in rows, iso3
    codes = Path("/usr/share/iso-codes/json/iso_3166-1.json")
    if codes.exists():
        alpha3 = {c["alpha_2"]: c["alpha_3"] for c in json.loads(codes.read_text())["3166-1"]}
        assert {alpha3[cc] for cc, _, _ in SMALL_STATES.values()} == set(SMALL_STATES)
    # and the reading of ISO 6709
    assert iso6709("+0117+10351") == pytest.approx((103 + 51 / 60, 1 + 17 / 60))
    assert iso6709("-210800-1751200") == pytest.approx((-175.2, -21 - 8 / 60))
    assert iso6709("+415408+0122711") == pytest.approx((12.4531, 41.9022), abs=1e-4)


def test_every_un_member_the_outlines_lack_has_a_dot(unga):
    states = {a.iso3 for a in unga.actors.values() if a.kind == "state" and a.iso3}
    assert len(states) == 193
    assert states - topojson_ids(WORLD) <= set(SMALL_STATES)


# -- no position, ambiguous, words ------------------------------------------------------------
def test_no_position_is_white_and_ambiguous_a_darker_grey(outlines, unga):
    cells = issue_cells(unga, "territorial-integrity", UNGA_ASOF)
    fig = world_map(unga, cells, "territorial-integrity", UNGA_ASOF, outlines=outlines)
    geo = fig.layout.geo
    assert geo.landcolor == NO_POSITION_COLOUR == "#ffffff"
    assert geo.showcountries and geo.countrycolor != geo.landcolor  # grey outlines
    ambiguous = next(t for t in fig.data if isinstance(t, go.Choropleth) and "Abstained" in t.name)
    grey = ambiguous.colorscale[0][1]
    assert luminance(NO_POSITION_COLOUR) - luminance(grey) > 0.3
    names = legend(fig)
    blank = next(t for t in fig.data if t.name and "No stated position" in t.name)
    assert blank.name == "(white)  No stated position or not in the data"
    assert blank.marker.color == NO_POSITION_COLOUR and blank.marker.line.color != "#ffffff"
    # every entry in words, each level with its symbol
    assert names[0].startswith("++  Voted yes") and names[1].startswith("~  Abstained")
    assert names[2].startswith("−−  Voted no")


def test_singular_and_plural(small, outlines):
    troops = small.issues["troops"]
    cells = issue_cells(small, "troops", AS_OF)
    one_other = cells[cells["actor"] != "noiso"]  # only the EU is not a state
    fig = world_map(small, one_other, "troops", AS_OF, outlines=outlines)
    title = frame_text(fig)
    assert "Not on the map: 1 actor with a position that is not a state with an ISO code" in title
    assert "2 states with a position" in title
    assert "++  Will deploy: 1 state" in legend(fig)
    only = cells[cells["actor"] == "fra"]
    counts = distribution(only)
    dist = distribution_figure(small, counts, "troops", AS_OF)
    assert "1 actor with a position" in frame_text(dist)
    assert "1 actors" not in frame_text(dist)
    assert dist.data[0].customdata[0] == "1 actor"
    assert plural(1, "state") == "1 state" and plural(3, "state") == "3 states"
    assert troops.labels["support"] == "Will deploy"


# -- the distribution chart --------------------------------------------------------------------
def test_distribution_has_no_bars_of_length_zero_and_says_which_levels_nobody_holds(unga):
    cells = issue_cells(unga, "territorial-integrity", UNGA_ASOF)
    fig = distribution_figure(unga, distribution(cells), "territorial-integrity", UNGA_ASOF)
    bar = fig.data[0]
    assert list(bar.y) == ["++  Voted yes", "~  Abstained", "−−  Voted no"]
    assert 0 not in list(bar.x)
    assert list(bar.marker.color) == [
        COLOURS["support"],
        COLOURS["ambiguous"],
        COLOURS["oppose"],
    ]
    title = frame_text(fig)
    # self-explaining: the issue, what is counted, the date, the empty levels in words, source
    assert "how many actors hold each level" in title
    assert f"As of {UNGA_ASOF.isoformat()}: {sum(bar.x)} actors with a position" in title
    assert "No actor holds: + Leans support / supports with conditions; − Leans against" in title
    assert "Divided" not in title  # not a level of the scale: only shown when it occurs
    assert any(UNGA_ASOF.isoformat() in a.text for a in fig.layout.annotations)
    # the same colour for "ambiguous" as on the map of the same page
    assert COLOURS["ambiguous"] != NO_POSITION_COLOUR


def test_long_issue_labels_are_broken_into_lines_not_cut(small, outlines):
    label = "Troops to Ukraine to secure a ceasefire, as France and UK proposed"
    troops = dataclasses.replace(small.issues["troops"], label=label)
    long = dataclasses.replace(small, issues={**small.issues, "troops": troops})
    cells = issue_cells(long, "troops", AS_OF)
    short_fig = world_map(small, cells, "troops", AS_OF, outlines=outlines)
    fig = world_map(long, cells, "troops", AS_OF, outlines=outlines)
    for figure, what in (
        (fig, "where states stand"),
        (distribution_figure(long, distribution(cells), "troops", AS_OF), "how many actors"),
    ):
        title = frame_lines(figure, TITLE)
        assert len(title) > 1 and all(len(x) <= SCREEN.chars(SCREEN.title) for x in title)
        assert " ".join(title).startswith(f"{label}: {what}")
    assert fig.layout.margin.t > short_fig.layout.margin.t


def test_crimea_is_drawn_as_part_of_ukraine():
    """The outlines file drew Crimea as Russia's; it is moved to Ukraine, whose internationally
    recognised territory it is (UNGA resolution 68/262, one of the UNGA data set's votes)."""
    data = json.loads(WORLD.read_text(encoding="utf-8"))
    sx, sy = data["transform"]["scale"]
    tx, ty = data["transform"]["translate"]

    def ring_box(ring):
        points = []
        for i in ring:
            arc = data["arcs"][~i if i < 0 else i]
            x = y = 0
            for dx, dy in arc:
                x, y = x + dx, y + dy
                points.append((x * sx + tx, y * sy + ty))
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        return min(xs), min(ys), max(xs), max(ys)

    def boxes(iso):
        g = next(g for g in data["objects"]["countries"]["geometries"] if g["id"] == iso)
        polygons = [g["arcs"]] if g["type"] == "Polygon" else g["arcs"]
        return [ring_box(p[0]) for p in polygons if p]

    def in_crimea(box):
        lon0, lat0, lon1, lat1 = box
        return 32 < lon0 and lon1 < 37 and 44 < lat0 and lat1 < 46.5

    assert any(in_crimea(b) for b in boxes("UKR"))
    assert not any(in_crimea(b) for b in boxes("RUS"))


def test_a_count_that_mixes_vote_dates_says_so(unga):
    issue = "territorial-integrity"
    cells = issue_cells(unga, issue, UNGA_ASOF)
    fig = distribution_figure(
        unga, distribution(cells), issue, UNGA_ASOF, dates=list(cells["date_text"])
    )
    assert "Counted positions date from 2025-02-24 (176), 2022-03-02 (10), 2014-03-27 (4)" in (
        frame_text(fig)
    )
    one_date = cells[cells["date_text"] == "2025-02-24"]
    fig = distribution_figure(
        unga, distribution(one_date), issue, UNGA_ASOF, dates=list(one_date["date_text"])
    )
    assert "Counted positions date from" not in frame_text(fig)


def test_a_state_left_out_for_errors_is_not_passed_off_as_having_no_position():
    from tests.validation_helpers import BROKEN

    ds = load(BROKEN / "yaml-syntax-colon")  # stances/pol.yaml does not parse
    issue = "troops-to-ukraine"
    cells = issue_cells(ds, issue, UNGA_ASOF)
    fig = world_map(ds, cells, issue, UNGA_ASOF)
    assert "errors in the data of Poland left positions out" in frame_text(fig)


def test_small_states_dots_carry_their_levels_symbol_in_print(outlines, unga):
    # in grey a dot's colour alone does not say its level: on a slide each dot holds the
    # level's symbol, as the states drawn in full do, and is wide enough to hold it
    cells = issue_cells(unga, "territorial-integrity", UNGA_ASOF)
    size = size_named("16:9")
    fig = world_map(unga, cells, "territorial-integrity", UNGA_ASOF, outlines=outlines, size=size)
    symbols = next(t for t in fig.data if t.name == "symbols")
    placed = zip(symbols.lon, symbols.lat, symbols.text, strict=True)
    at = {(lon, lat): text for lon, lat, text in placed}
    dots = [t for t in fig.data if isinstance(t, go.Scattergeo) and t.hovertext and t.name]
    dots = [t for t in dots if "marked by a dot" in t.hovertext[0]]
    missing = cells[~cells["iso3"].isin(outlines.keys())]
    assert sum(len(t.lon) for t in dots) == len(missing) > 20
    for trace in dots:
        level = next(k for k, c in COLOURS.items() if c == trace.marker.color)
        for lon, lat in zip(trace.lon, trace.lat, strict=True):
            assert at[(lon, lat)] == SYMBOLS[level]
        widest = max(len(s) for s in SYMBOLS.values()) * CHAR_EM * symbols.textfont.size
        assert trace.marker.size >= widest
    # the levels the dots hold are told apart by their symbols alone
    held = {SYMBOLS[k] for k in missing["stance"]}
    assert len(held) == len(set(missing["stance"])) >= 2
    # on the page the dots stay small, with no symbols
    page = world_map(unga, cells, "territorial-integrity", UNGA_ASOF, outlines=outlines)
    assert not any(t.name == "symbols" for t in page.data)


# -- marks that never cover each other ---------------------------------------------------------
# A level symbol's box at type of ``font`` px: Arial draws +, −, ~ and ± 0.584 em wide, and
# the tallest of them (+) 0.584 em high.
GLYPH_EM = 0.584


def dot_marks(fig: go.Figure, proj) -> list[tuple[str, np.ndarray, float]]:
    """(ISO code, centre in pixels, radius with the edge) of every dot on the map."""
    out = []
    for trace in fig.data:
        if (
            isinstance(trace, go.Scattergeo)
            and trace.mode == "markers"
            and trace.lon[0] is not None
        ):
            radius = trace.marker.size / 2 + trace.marker.line.width / 2
            for iso, lon, lat in zip(trace.customdata, trace.lon, trace.lat, strict=True):
                out.append((iso, proj(lon, lat), radius))
    return out


def symbol_boxes(fig: go.Figure, proj) -> list[tuple[str, tuple[float, float, float, float]]]:
    symbols = next((t for t in fig.data if t.name == "symbols"), None)
    if symbols is None:
        return []
    font = symbols.textfont.size
    out = []
    for lon, lat, text in zip(symbols.lon, symbols.lat, symbols.text, strict=True):
        x, y = proj(lon, lat)
        w, h = len(text) * GLYPH_EM * font, GLYPH_EM * font
        out.append((text, (x - w / 2, y - h / 2, x + w / 2, y + h / 2)))
    return out


def un_maps(unga, outlines):
    for issue in unga.issues:
        cells = issue_cells(unga, issue, UNGA_ASOF)
        small = int((~cells["iso3"].isin(outlines.keys())).sum())  # states drawn as dots
        for name in ("screen", "16:9", "4:3"):
            size = size_named(name)
            fig = world_map(unga, cells, issue, UNGA_ASOF, outlines=outlines, size=size)
            held = set(cells["iso3"].dropna())
            yield f"{issue} {name}", fig, figure_projection(fig, size.room), small, held


@pytest.fixture(scope="module")
def un_figures(unga, outlines):
    return list(un_maps(unga, outlines))


def test_no_two_dots_overlap_and_every_dot_is_whole_inside_the_map(un_figures):
    # the Caribbean's and Europe's small states piled up at their capitals, and a Pacific
    # dot was cut in half by the map's edge
    for where, fig, proj, small, _ in un_figures:
        dots = dot_marks(fig, proj)
        assert len(dots) == small > 10, where
        for n, (iso, centre, radius) in enumerate(dots):
            # whole inside the map: its rim within the view and the world's outline
            rim = centre + radius * np.array([[1, 0], [-1, 0], [0, 1], [0, -1], [0.7, 0.7]])
            assert proj.within(rim).all(), (where, iso)
            for other, at, r in dots[n + 1 :]:
                gap = np.hypot(*(centre - at)) - radius - r
                assert gap >= 0, (where, iso, other, gap)


def test_a_dot_moved_aside_has_a_line_from_its_capital(un_figures):
    for where, fig, proj, _, _ in un_figures:
        leaders = next((t for t in fig.data if t.name == "leaders"), None)
        lines = {}
        if leaders is not None:
            points = list(zip(leaders.lon, leaders.lat, strict=True))
            lines = {end: start for start, end in zip(points[0::3], points[1::3], strict=True)}
            assert all(p == (None, None) for p in points[2::3])
        moved = 0
        for trace in fig.data:
            if isinstance(trace, go.Scattergeo) and trace.customdata is not None:
                radius = trace.marker.size / 2
                for iso, lon, lat in zip(trace.customdata, trace.lon, trace.lat, strict=True):
                    capital = iso6709(SMALL_STATES[iso][2])
                    if np.hypot(*(proj(lon, lat) - proj(*capital))) > radius:
                        moved += 1  # not over its capital: a line from there
                        assert lines[(lon, lat)] == pytest.approx(capital), (where, iso)
        assert moved == len(lines), where
        assert moved, where  # the Caribbean's dots cannot all stay at their capitals


def test_printed_symbols_fit_inside_their_state_and_never_overlap(un_figures, outlines):
    for where, fig, proj, _, _ in un_figures:
        boxes = symbol_boxes(fig, proj)
        if "screen" in where:
            assert not boxes  # on the page, colour and hover tell the level
            continue
        dots = dot_marks(fig, proj)
        states = states_drawn(fig, outlines)
        clip = proj.clip
        on_dots = 0
        for n, (text, (x0, y0, x1, y1)) in enumerate(boxes):
            assert clip[0] <= x0 and x1 <= clip[2] and clip[1] <= y0 and y1 <= clip[3], where
            for _, other in boxes[n + 1 :]:
                apart = x1 <= other[0] or other[2] <= x0 or y1 <= other[1] or other[3] <= y0
                assert apart, (where, text, (x0, y0, x1, y1), other)
            centre = np.array([(x0 + x1) / 2, (y0 + y1) / 2])
            own = [d for d in dots if np.hypot(*(d[1] - centre)) < 0.5]
            if own:  # a dot's symbol, on the dot and inside it
                on_dots += 1
                assert np.hypot((x1 - x0) / 2, 0) <= own[0][2], (where, text)
                continue
            # a state's symbol: wholly on the pixels of one state, clear of every dot
            block = states.ids[int(y0) : int(np.ceil(y1)), int(x0) : int(np.ceil(x1))]
            assert block.size and (block == block.flat[0]).all() and block.flat[0] > 0, where
            for _, at, r in dots:
                dx = max(x0 - at[0], 0, at[0] - x1)
                dy = max(y0 - at[1], 0, at[1] - y1)
                assert np.hypot(dx, dy) >= r, (where, text)
        assert on_dots == len(dots), where


def test_a_state_with_room_for_its_symbol_has_it(un_figures, outlines):
    # the rule leaves out only what does not fit: every state with a position holding a
    # block of its own pixels twice the symbol's size each way carries it (Russia, Canada,
    # Brazil, ...)
    for where, fig, proj, _, held in un_figures:
        if "screen" in where:
            continue
        symbols = next(t for t in fig.data if t.name == "symbols")
        font = symbols.textfont.size
        w, h = int(2 * 2 * GLYPH_EM * font), int(2 * GLYPH_EM * font)
        states = states_drawn(fig, outlines)
        marked = {
            int(states.state_at(proj(lon, lat))[0])
            for lon, lat in zip(symbols.lon, symbols.lat, strict=True)
        }
        roomy = 0
        for iso, (x0, y0, x1, y1) in states.boxes.items():
            if iso not in held or x1 - x0 < w or y1 - y0 < h:
                continue
            mine = states.ids[y0:y1, x0:x1] == states.id_of(iso)
            blocks = np.lib.stride_tricks.sliding_window_view(mine, (h, w))
            if blocks.all(axis=(2, 3)).any():
                roomy += 1
                assert states.id_of(iso) in marked, (where, iso)
        assert roomy >= 5, where  # the test tests something
