"""A map of states' levels on one issue as of a date: zoomed to the states with a position,
small states marked by dots, every level named in words in the legend."""

from __future__ import annotations

import base64
import datetime as dt
import functools
import json
import math
import re
import textwrap
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ..cells import cited_by_cells, mappable
from ..model import Dataset
from ..ordering import name_list
from ..queries import problems_about
from ..scale import DIVIDED, LEVELS, NO_POSITION_LABEL, level_label
from ..words import agree, plural
from .common import COLOURS, NO_POSITION_COLOUR, SYMBOLS, TEXT_ON, esc
from .frame import CHAR_EM, SCREEN, SWATCH_PX, Frame, Legend, Size, frame_for, place, room
from .geo import (
    MERCATOR,
    NATURAL_EARTH,
    Box,
    Projection,
    StateMap,
    centred,
    projection,
    spread,
    state_map,
    symbol_spot,
)
from .hover import data_name, present, quoted, wrap

# plotly's 1:110m world outlines, bundled so that maps draw with no network (in the app and in
# exports); see world_110m.LICENSE.txt beside it
WORLD = Path(__file__).resolve().parent.parent / "assets" / "world_110m.json"
BORDER = "#9a9a9a"
OCEAN = "#eef3f7"
DOT_EDGE = "#333333"

# States (UN members and observers) that plotly's 1:110m outlines (world_110m.json) do not
# draw, with where to mark them by a dot: the country code, tz zone and coordinates (ISO 6709,
# copied verbatim) of the zone's principal city, which for each of these is the capital, from
# the IANA time zone database's zone.tab (public domain; shipped in the ``tzdata`` package that
# pandas depends on, and in /usr/share/zoneinfo/zone.tab). tests/test_figures_maps.py checks
# every row against that file and the ISO 3166 codes against Debian's iso-codes.
SMALL_STATES: dict[str, tuple[str, str, str]] = {
    "AND": ("AD", "Europe/Andorra", "+4230+00131"),
    "ATG": ("AG", "America/Antigua", "+1703-06148"),
    "BHR": ("BH", "Asia/Bahrain", "+2623+05035"),
    "BRB": ("BB", "America/Barbados", "+1306-05937"),
    "COM": ("KM", "Indian/Comoro", "-1141+04316"),
    "CPV": ("CV", "Atlantic/Cape_Verde", "+1455-02331"),
    "DMA": ("DM", "America/Dominica", "+1518-06124"),
    "FSM": ("FM", "Pacific/Pohnpei", "+0658+15813"),
    "GRD": ("GD", "America/Grenada", "+1203-06145"),
    "KIR": ("KI", "Pacific/Tarawa", "+0125+17300"),
    "KNA": ("KN", "America/St_Kitts", "+1718-06243"),
    "LCA": ("LC", "America/St_Lucia", "+1401-06100"),
    "LIE": ("LI", "Europe/Vaduz", "+4709+00931"),
    "MCO": ("MC", "Europe/Monaco", "+4342+00723"),
    "MDV": ("MV", "Indian/Maldives", "+0410+07330"),
    "MHL": ("MH", "Pacific/Majuro", "+0709+17112"),
    "MLT": ("MT", "Europe/Malta", "+3554+01431"),
    "MUS": ("MU", "Indian/Mauritius", "-2010+05730"),
    "NRU": ("NR", "Pacific/Nauru", "-0031+16655"),
    "PLW": ("PW", "Pacific/Palau", "+0720+13429"),
    "SGP": ("SG", "Asia/Singapore", "+0117+10351"),
    "SMR": ("SM", "Europe/San_Marino", "+4355+01228"),
    "STP": ("ST", "Africa/Sao_Tome", "+0020+00644"),
    "SYC": ("SC", "Indian/Mahe", "-0440+05528"),
    "TON": ("TO", "Pacific/Tongatapu", "-210800-1751200"),
    "TUV": ("TV", "Pacific/Funafuti", "-0831+17913"),
    "VAT": ("VA", "Europe/Vatican", "+415408+0122711"),
    "VCT": ("VC", "America/St_Vincent", "+1309-06114"),
    "WSM": ("WS", "Pacific/Apia", "-1350-17144"),
}

MAP_WIDTH_PX = 900  # the width the map is laid out for (the page's chart width on a laptop)
WORLD_ASPECT = 2.1  # width / height of plotly's whole Natural Earth map (measured)
MIN_MAP_PX, MAX_MAP_PX = 330, 560
HUGE_DEG = 100  # a state whose main land spans more degrees of longitude is "huge"
# the world map's central meridian: the map's edge then runs through the Bering Strait, so
# Chukotka stays with Russia and Samoa and Tonga with the Pacific's other island states
WORLD_CENTRE = 11.0
SYMBOL_EM = 0.584  # a level symbol's character width (+, −, ~ and ± are 0.584 em in Arial)
LEGEND_MIN_CHARS = 26  # a legend entry beside the map wraps to no fewer characters a line
SYMBOL_HEIGHT_EM = 0.6  # the height of a symbol's ink (a "+" is the tallest), in em


def iso6709(text: str) -> tuple[float, float]:
    """(lon, lat) of an ISO 6709 point as zone.tab writes it: ±DDMM±DDDMM or
    ±DDMMSS±DDDMMSS."""
    cut = max(text.rfind("+"), text.rfind("-"))
    lat, lon = text[:cut], text[cut:]

    def degrees(part: str, width: int) -> float:
        sign = -1 if part[0] == "-" else 1
        digits = part[1:]
        d, m, s = digits[:width], digits[width : width + 2], digits[width + 2 : width + 4]
        return sign * (int(d) + int(m) / 60 + (int(s) / 3600 if s else 0))

    return degrees(lon, 3), degrees(lat, 2)


@dataclass(frozen=True, slots=True)
class Outline:
    """What the map needs to know of one country in the outlines file."""

    centre: tuple[float, float]  # (lon, lat): plotly's label point for it (``properties.ct``)
    # lon0, lat0, lon1, lat1 around its largest polygon; lon1 beyond 180 where it crosses
    # the antimeridian
    box: tuple[float, float, float, float]
    # every ring of every polygon, lon/lat (holes too: a point is inside where it is inside
    # an odd number of them)
    rings: tuple[tuple[tuple[float, float], ...], ...] = ()


SYMBOL_INSET = 0.04  # a symbol keeps this share of the view's span from its edges


def symbol_place(
    outline: Outline, view: tuple[tuple[float, float], tuple[float, float], int] | None
) -> tuple[float, float]:
    """Where a state's symbol goes: its label point; or, when that lies outside a zoomed view
    or on its edge (Russia's is in Siberia), the middle of the part of the state's box in
    view (of the view, where the box is cut off)."""
    lon, lat = outline.centre
    if view is None:
        return lon, lat
    (lon0, lon1), (lat0, lat1), _ = view
    b_lon0, b_lat0, b_lon1, b_lat1 = outline.box

    def inner(lo: float, hi: float) -> tuple[float, float]:
        inset = (hi - lo) * SYMBOL_INSET
        return lo + inset, hi - inset

    (v_lon0, v_lon1), (v_lat0, v_lat1) = inner(lon0, lon1), inner(lat0, lat1)
    if v_lon0 <= lon <= v_lon1 and v_lat0 <= lat <= v_lat1:
        return lon, lat

    def middle(lo: float, hi: float, box_lo: float, box_hi: float) -> float:
        if max(lo, box_lo) <= min(hi, box_hi):
            lo, hi = max(lo, box_lo), min(hi, box_hi)
        return (lo + hi) / 2

    return middle(v_lon0, v_lon1, b_lon0, b_lon1), middle(v_lat0, v_lat1, b_lat0, b_lat1)


@functools.cache
def world_assets() -> tuple[str, dict[str, Outline]]:
    """The bundled world outlines as a data URL for plotly's ``topojsonURL`` (plotly appends
    the file's name, which the ``#/`` keeps out of the data) and, by ISO code, the countries
    they hold (for zooming the map and placing symbols)."""
    raw = WORLD.read_bytes()
    url = "data:application/json;base64," + base64.b64encode(raw).decode("ascii") + "#/"
    return url, topojson_outlines(WORLD)


def topojson_ids(path: Path) -> set[str]:
    """The ISO codes of the countries a plotly topojson file (e.g. world_110m.json) draws."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        geometries = data["objects"]["countries"]["geometries"]
    except (OSError, ValueError, KeyError, TypeError):
        return set()
    return {g["id"] for g in geometries if isinstance(g.get("id"), str)}


def topojson_outlines(path: Path) -> dict[str, Outline]:
    """Every country of a plotly topojson file (e.g. world_110m.json) by ISO code, with its
    label point and the box around its largest polygon (its main land, without far-off
    islands or territories). Empty when the file cannot be read."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        geometries = data["objects"]["countries"]["geometries"]
        arcs = _decode_arcs(data["arcs"], data.get("transform"))
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        return {}
    out: dict[str, Outline] = {}
    for g in geometries:
        iso = g.get("id")
        if not isinstance(iso, str):
            continue
        polygons = {"Polygon": [g.get("arcs")], "MultiPolygon": g.get("arcs")}.get(g.get("type"))
        rings = [_ring(p[0], arcs) for p in polygons or [] if p]
        rings = [r for r in rings if len(r) >= 3]
        if not rings:
            continue
        every = tuple(tuple(_ring(r, arcs)) for p in polygons or [] for r in p or [])
        main = max(rings, key=_area)
        lons, lats = [p[0] for p in main], [p[1] for p in main]
        if max(lons) - min(lons) > 180:  # across the antimeridian (Russia): count east on
            lons = [x + 360 if x < 0 else x for x in lons]
        box = (min(lons), min(lats), max(lons), max(lats))
        ct = (g.get("properties") or {}).get("ct")
        centre = (
            (float(ct[0]), float(ct[1])) if ct else ((box[0] + box[2]) / 2, (box[1] + box[3]) / 2)
        )
        out[iso] = Outline(centre, box, every)
    return out


def _decode_arcs(raw: list, transform: dict | None) -> list[list[tuple[float, float]]]:
    """TopoJSON arcs as lon/lat points (undoing the quantisation and delta encoding)."""
    if not transform:
        return [[(float(x), float(y)) for x, y, *_ in arc] for arc in raw]
    (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
    arcs = []
    for arc in raw:
        x = y = 0
        points = []
        for dx, dy, *_ in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def _ring(indexes: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        points.extend(arc[1:] if points else arc)
    return points


def _area(ring: list[tuple[float, float]]) -> float:
    pairs = zip(ring, ring[1:] + ring[:1], strict=True)
    return abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in pairs))


def _merc(lat: float) -> float:
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def _unmerc(y: float) -> float:
    return math.degrees(2 * math.atan(math.exp(y)) - math.pi / 2)


def map_view(
    places: list[str], outlines: Mapping[str, Outline], dots: list[tuple[float, float]]
) -> tuple[tuple[float, float], tuple[float, float], int] | None:
    """The longitude and latitude ranges (and the map's height in pixels) of a Mercator view
    that holds every state with a position: the main land of each state (``places``, by ISO
    code) and the dots, with a margin; of a huge state (Russia) at least a good piece, when
    there are others. None when they spread over much of the world: then the whole world is
    shown."""
    known = [outlines[p] for p in places if p in outlines]
    huge = [o for o in known if o.box[2] - o.box[0] > HUGE_DEG]
    boxes = [o.box for o in known if o.box[2] - o.box[0] <= HUGE_DEG]
    boxes += [(lon, lat, lon, lat) for lon, lat in dots]
    if not boxes:
        boxes, huge = [o.box for o in huge], []
    if not boxes:
        return None
    lon0, lat0 = min(b[0] for b in boxes), min(b[1] for b in boxes)
    lon1, lat1 = max(b[2] for b in boxes), max(b[3] for b in boxes)

    def padded() -> tuple[float, float, float, float]:
        dx = max(4.0, 0.08 * (lon1 - lon0))
        dy = max(3.0, 0.08 * (lat1 - lat0))
        return lon0 - dx, min(lon1 + dx, 180.0), lat0 - dy, lat1 + dy

    for o in huge:  # reach into it far enough to show a good piece of its main land
        a, b, c, d = padded()
        west, east = o.box[0], o.box[2] if o.box[2] <= 180 else 180.0
        if b < west + 12:
            lon1 = west + 12
        elif a > east - 12:
            lon0 = east - 12
        if d < o.box[1] + 8:
            lat1 = o.box[1] + 8
        elif c > o.box[3] - 8:
            lat0 = o.box[3] - 8
    lon0, lon1, lat0, lat1 = padded()
    if lon1 - lon0 > 200 or lat1 - lat0 > 100:
        return None
    # at least a region's size, and within the latitudes Mercator can show sensibly
    if lon1 - lon0 < 30:
        mid = (lon0 + lon1) / 2
        lon0, lon1 = mid - 15, mid + 15
    lat0, lat1 = max(lat0, -70.0), min(lat1, 80.0)
    if lat1 - lat0 < 16:
        mid = (lat0 + lat1) / 2
        lat0, lat1 = mid - 8, mid + 8
    # fit the frame to a map between MIN_MAP_PX and MAX_MAP_PX high, widening the short side
    width = math.radians(lon1 - lon0)
    height = _merc(lat1) - _merc(lat0)
    px = MAP_WIDTH_PX * height / width
    if px < MIN_MAP_PX:
        grow = (width * MIN_MAP_PX / MAP_WIDTH_PX - height) / 2
        y0, y1 = _merc(lat0) - grow, _merc(lat1) + grow
        lat0, lat1 = _unmerc(y0), _unmerc(y1)
        if lat1 > 80:  # keep the height, move it south
            shift = _merc(80.0) - y1
            lat0, lat1 = _unmerc(y0 + shift), 80.0
        px = MIN_MAP_PX
    elif px > MAX_MAP_PX:
        grow = math.degrees(height * MAP_WIDTH_PX / MAX_MAP_PX - width) / 2
        lon0, lon1 = lon0 - grow, lon1 + grow
        px = MAX_MAP_PX
    if lon1 - lon0 > 200:
        return None
    shift = max(0.0, -180 - lon0) - max(0.0, lon1 - 180)  # keep within -180..180
    lon0, lon1 = lon0 + shift, lon1 + shift
    return (round(lon0, 2), round(lon1, 2)), (round(lat0, 2), round(lat1, 2)), round(px)


def _hover(row: pd.Series, words: str, note: str = "") -> str:
    bits = [
        f"<b>{esc(row['actor_name'])}</b>",
        f"{SYMBOLS[row['stance']]} {esc(words)}",
        f"since {esc(row.get('since_text') or row['date_text'])}",
    ]
    if note:
        bits.append(f"<i>{esc(note)}</i>")
    if present(row["speaker"]):
        bits.append(f"Speaker: {wrap(row['speaker'])}")
    if present(row["summary"]):
        bits.append(wrap(row["summary"]))
    if present(row["quote"]):
        bits.append(quoted(row["quote"]))
    if present(row["source"]):
        bits.append(f"Source: {esc(row['source'])}")
    return "<br>".join(bits)


def _names(frame: pd.DataFrame, limit: int = 4) -> str:
    return name_list(list(frame["actor_name"]), limit)


def _legend_only(
    name: str, colour: str, symbol: str, edge: str, group: str | None = None, px: int = 12
) -> go.Scattergeo:
    """A legend entry with nothing on the map."""
    return go.Scattergeo(
        lon=[None],
        lat=[None],
        mode="markers",
        marker={"symbol": symbol, "size": px, "color": colour, "line": {"color": edge, "width": 1}},
        name=name,
        legendgroup=group,
        hoverinfo="skip",
        showlegend=True,
    )


def dot_px(size: Size) -> int:
    """A small state's dot: on the page a small one; in print, wide enough to hold the widest
    level symbol ("++") in the size's type, which it carries for greyscale print."""
    if not size.print:
        return 8
    return math.ceil(max(len(s) for s in SYMBOLS.values()) * CHAR_EM * size.font + 0.3 * size.font)


DOT_NOTE = "Too small to draw at this scale: marked by a dot at its capital"
MOVED_NOTE = "Too small to draw at this scale: marked by a dot, a line leads to its capital"


def dot_radius(size: Size) -> float:
    """A dot's radius in pixels, its edge included."""
    return dot_px(size) / 2 + 0.5


def symbol_box(symbol: str, size: Size) -> tuple[float, float]:
    """The width and height (pixels) a level's symbol needs at the size's type."""
    return len(symbol) * SYMBOL_EM * size.font + 2, SYMBOL_HEIGHT_EM * size.font + 2


def figure_projection(fig: go.Figure, width: int | None = None) -> Projection:
    """How plotly.js projects ``fig``'s map: lon/lat to pixels of the figure. ``width`` is
    the figure's width where the layout leaves it to the page."""
    lay = fig.layout
    geo, margin = lay.geo, lay.margin
    full = lay.width or width
    if full is None:
        raise ValueError("the figure's width is needed")
    return projection(
        geo.projection.type,
        geo.projection.rotation.lon or 0.0,
        list(geo.lonaxis.range),
        list(geo.lataxis.range),
        (margin.l, margin.t, full - margin.r, lay.height - margin.b),
        geo.center.lat,
    )


_STATE_MAPS: dict[tuple, tuple[Mapping[str, Outline], StateMap]] = {}  # the last few drawn


def states_drawn(
    fig: go.Figure, outlines: Mapping[str, Outline], width: int | None = None
) -> StateMap:
    """Which state each pixel of ``fig``'s plot area shows, as laid out (``width``: the
    figure's width where the page sets it). The same view at the same size is drawn once
    (the app redraws its map on every rerun)."""
    proj = figure_projection(fig, width)
    full = fig.layout.width or width or 0
    key = (id(outlines), proj, full, fig.layout.height)
    hit = _STATE_MAPS.get(key)
    if hit is not None and hit[0] is outlines:
        return hit[1]
    states = state_map(
        proj, {iso: o.rings for iso, o in outlines.items()}, (full, fig.layout.height)
    )
    _STATE_MAPS[key] = (outlines, states)
    while len(_STATE_MAPS) > 8:
        _STATE_MAPS.pop(next(iter(_STATE_MAPS)))
    return states


def _symbol_spots(
    proj: Projection,
    states: StateMap,
    drawn: pd.DataFrame,
    outlines: Mapping[str, Outline],
    view: tuple | None,
    size: Size,
) -> dict[str, tuple[float, float]]:
    """Pixels of each state's symbol, for the states whose symbol fits inside them at the
    size's type (the others are told by their shade alone)."""
    out = {}
    for iso, stance in zip(drawn["iso3"], drawn["stance"], strict=True):
        start = proj(*symbol_place(outlines[iso], view))
        spot = symbol_spot(states, iso, start, *symbol_box(SYMBOLS[stance], size), proj.clip)
        if spot is not None:
            out[iso] = spot
    return out


def world_map(
    ds: Dataset,
    cells: pd.DataFrame,
    issue: str,
    as_of: dt.date,
    drawable: set[str] | None = None,
    dataset_name: str | None = None,
    outlines: Mapping[str, Outline] | None = None,
    size: Size = SCREEN,
    title: str | None = None,
) -> go.Figure:
    """States coloured by their level on ``issue`` as of ``as_of`` (``cells`` from
    :func:`standpoint.cells.issue_cells`). ``outlines`` (from :func:`topojson_outlines`) are
    the countries the map's outlines draw; ``drawable`` their ISO codes, when only those are
    known. States the outlines lack (small states at 1:110m) are marked by a dot at their
    capital where :data:`SMALL_STATES` knows it. The map zooms to the states with a position
    when they lie in one region (this needs ``outlines``), else shows the world. Actors that
    are not states or have no ISO code cannot be mapped; the subtitle names them."""
    it = ds.issues[issue]
    if drawable is None and outlines is not None:
        drawable = set(outlines)
    states = cells[mappable(cells)]
    others = cells[~mappable(cells)]
    if drawable is None:
        drawn, rest = states, states.iloc[0:0]
    else:
        has_shape = states["iso3"].isin(drawable)
        drawn, rest = states[has_shape], states[~has_shape]
    dotted = rest[rest["iso3"].isin(SMALL_STATES)]
    lost = rest[~rest["iso3"].isin(SMALL_STATES)]
    dot_at = {iso: iso6709(SMALL_STATES[iso][2]) for iso in dotted["iso3"]}

    fig = go.Figure()
    for key in [lvl.key for lvl in LEVELS] + [DIVIDED]:
        shapes = drawn[drawn["stance"] == key]
        dots = dotted[dotted["stance"] == key]
        missing = lost[lost["stance"] == key]
        total = len(shapes) + len(dots) + len(missing)
        if total == 0:
            continue
        words = level_label(key, it.labels)
        name = f"{SYMBOLS[key]}  {esc(words)}: {plural(total, 'state')}"
        notes = []
        if len(dots):
            notes.append(f"{len(dots)} as {'a dot' if len(dots) == 1 else 'dots'}")
        if len(missing):
            notes.append(f"{len(missing)} not drawn")
        if notes:
            name += f" ({', '.join(notes)})"
        if len(shapes):
            fig.add_trace(
                go.Choropleth(
                    locations=list(shapes["iso3"]),
                    locationmode="ISO-3",
                    z=[1] * len(shapes),
                    zmin=0,
                    zmax=1,
                    colorscale=[[0, COLOURS[key]], [1, COLOURS[key]]],
                    showscale=False,
                    marker={"line": {"color": BORDER, "width": 0.5}},
                    hovertext=[_hover(row, words) for _, row in shapes.iterrows()],
                    hovertemplate="%{hovertext}<extra></extra>",
                    name=name,
                    legendgroup=key,
                    showlegend=True,
                )
            )
        if len(dots):
            fig.add_trace(
                go.Scattergeo(
                    lon=[dot_at[i][0] for i in dots["iso3"]],
                    lat=[dot_at[i][1] for i in dots["iso3"]],
                    mode="markers",
                    marker={
                        "symbol": "circle",
                        # in print, big enough to carry the level's symbol (greyscale)
                        "size": dot_px(size),
                        "color": COLOURS[key],
                        "line": {"color": DOT_EDGE, "width": 1},
                    },
                    hovertext=[_hover(row, words, DOT_NOTE) for _, row in dots.iterrows()],
                    hovertemplate="%{hovertext}<extra></extra>",
                    name=name,
                    legendgroup=key,
                    showlegend=shapes.empty,
                    customdata=list(dots["iso3"]),
                )
            )
        if shapes.empty and dots.empty:  # a legend entry all the same, with its count
            fig.add_trace(_legend_only(name, COLOURS[key], "square", BORDER, key))
    if len(dotted):
        fig.add_trace(
            _legend_only(
                f"a dot: {plural(len(dotted), 'state')} too small to draw, at the capital"
                " or joined to it by a line",
                "#ffffff",
                "circle",
                DOT_EDGE,
            )
        )
    fig.add_trace(
        _legend_only(
            f"(white)  {NO_POSITION_LABEL} or not in the data", NO_POSITION_COLOUR, "square", BORDER
        )
    )

    places = list(drawn["iso3"])
    view = map_view(places, outlines, list(dot_at.values())) if outlines else None
    geo: dict = {
        "showframe": False,
        "showcoastlines": False,
        "showcountries": True,
        "countrycolor": BORDER,
        "countrywidth": 0.5,
        "showland": True,
        "landcolor": NO_POSITION_COLOUR,
        "showocean": True,
        "oceancolor": OCEAN,
        "showlakes": False,
        "bgcolor": "#ffffff",
    }
    if view is None:
        map_px = round(MAP_WIDTH_PX / WORLD_ASPECT)
        geo |= {
            "projection": {"type": NATURAL_EARTH, "rotation": {"lon": WORLD_CENTRE}},
            "center": {"lon": WORLD_CENTRE, "lat": 0},
            "lonaxis": {"range": [WORLD_CENTRE - 180, WORLD_CENTRE + 180]},
            "lataxis": {"range": [-90, 90]},
        }
        where = "map of the world"
    else:
        lon_range, lat_range, map_px = view
        mid = (lon_range[0] + lon_range[1]) / 2
        # the centre's latitude halfway up the map as drawn (plotly's default, the middle of
        # the latitudes, would cut the north off a Mercator map)
        mid_lat = _unmerc((_merc(lat_range[0]) + _merc(lat_range[1])) / 2)
        geo |= {
            "projection": {"type": MERCATOR, "rotation": {"lon": mid}},
            "center": {"lon": mid, "lat": round(mid_lat, 4)},
            "lonaxis": {"range": list(lon_range)},
            "lataxis": {"range": list(lat_range)},
            "showframe": True,
            "framecolor": "#c8c8c8",
            "framewidth": 1,
        }
        where = "map zoomed to the states with a position"
    fig.update_geos(**geo)

    n_states = len(states)
    lines = [
        f"“{it.proposition}”",
        f"As of {as_of.isoformat()}: {plural(n_states, 'state')} with a position; {where}",
    ]
    if len(dotted):
        lines.append(
            f"{plural(len(dotted), 'state')} too small to draw at this scale"
            f" {agree(len(dotted), 'is', 'are')} marked by a dot at the capital"
            f" ({_names(dotted)})"
        )
    if len(others):
        verb = "is not a state" if len(others) == 1 else "are not states"
        lines.append(
            f"Not on the map: {plural(len(others), 'actor')} with a position that {verb}"
            f" with an ISO code ({_names(others)})"
        )
    if len(lost):
        verb = "is" if len(lost) == 1 else "are"
        lines.append(
            f"Not on the map: {plural(len(lost), 'state')} that {verb} too small to draw"
            f" at this scale ({_names(lost)})"
        )
    held = set(cells["actor"])
    erred = [
        ds.actors[a].name
        for a in ds.actors
        if a not in held and ds.actors[a].iso3 and problems_about(ds, a)
    ]
    if erred:
        lines.append(
            "White may hide a position: errors in the data of "
            f"{name_list(erred)} left positions out"
        )
    frame = frame_for(
        ds,
        f"{it.label}: where states stand",
        as_of,
        subtitle=lines,
        positions=cited_by_cells(
            ds, ((a, issue) for a in cells.loc[mappable(cells), "actor"]), as_of
        ),
        dataset_name=data_name(ds.root, dataset_name),
        size=size,
        own_title=title,
    )
    # a map is wider than tall: on a 4:3 slide the legend goes below it, and the map takes
    # the slide's whole width rather than what a legend beside it would leave
    lay = replace(size, legend="below") if size.width and size.width < 1.5 * size.height else size
    legend = _legend(fig, frame, lay, geo)
    place(fig, frame, lay, plot_px=map_px, legends=[legend])
    fig.update_layout(legend={"traceorder": "normal"})
    _place_marks(fig, size, view, drawn, dotted, dot_at, outlines)
    return fig


def _legend(fig: go.Figure, frame: Frame, size: Size, geo: Mapping) -> Legend:
    """The legend of levels, described for :func:`place`. Beside the map on a slide, its
    entries are wrapped to the room the map leaves when it is as tall as the slide allows
    (a map is wider than tall: one line per entry would squeeze it)."""
    shown = [t for t in fig.data if t.showlegend is not False]
    names = [t.name or "" for t in shown]
    chars = max(map(len, names), default=10)
    tall = room(frame, size, legends=[Legend("legend", "Level", (1,) * len(names), chars)])
    if size.legend == "right" and size.width and tall:
        unit = projection(
            geo["projection"]["type"],
            geo["projection"]["rotation"]["lon"],
            geo["lonaxis"]["range"],
            geo["lataxis"]["range"],
            (0, 0, 1000, 1000),
            geo["center"]["lat"],
        ).clip
        aspect = (unit[2] - unit[0]) / (unit[3] - unit[1])
        spare = size.width - 2 * size.pad - size.font - tall * aspect
        fits = int((spare - SWATCH_PX) / (CHAR_EM * size.font))
        if fits < chars:
            chars = max(fits, LEGEND_MIN_CHARS)
            for trace in shown:
                # a count in brackets ("(17 as dots)") is kept on one line
                name = re.sub(r"\([^)]*\)", lambda m: m[0].replace(" ", "\xa0"), trace.name or "")
                lines = textwrap.wrap(name, chars, break_on_hyphens=False)
                trace.name = "<br>".join(lines)
            chars = max(len(line) for t in shown for line in (t.name or "").split("<br>"))
    lines = tuple(len((t.name or "").split("<br>")) for t in shown)
    return Legend("legend", "Level", lines, chars)


def _place_marks(
    fig: go.Figure,
    size: Size,
    view: tuple | None,
    drawn: pd.DataFrame,
    dotted: pd.DataFrame,
    dot_at: Mapping[str, tuple[float, float]],
    outlines: Mapping[str, Outline] | None,
) -> None:
    """Put the marks on the laid-out map so that none covers another: in print, a level's
    symbol on each state it fits inside; the dots of small states apart from each other and
    the symbols, whole inside the map, a line to the capital from each dot moved aside; in
    print, each dot's symbol on it."""
    proj = figure_projection(fig, size.room)
    states = states_drawn(fig, outlines, size.room) if outlines else None
    spots: dict[str, tuple[float, float]] = {}
    boxes: list[Box] = []
    if size.print and states is not None and outlines:
        marked = drawn[drawn["iso3"].isin(outlines)]
        spots = _symbol_spots(proj, states, marked, outlines, view, size)
        stance = dict(zip(marked["iso3"], marked["stance"], strict=True))
        boxes = [centred(at, *symbol_box(SYMBOLS[stance[i]], size)) for i, at in spots.items()]
    lonlat: dict[str, tuple[float, float]] = {}
    moved: set[str] = set()
    if len(dotted):
        isos = list(dotted["iso3"])
        anchors = proj(
            np.array([dot_at[i][0] for i in isos]), np.array([dot_at[i][1] for i in isos])
        )
        radius = dot_radius(size)
        placed = spread(
            anchors,
            radius,
            4.0 if size.print else 2.0,
            proj.within,
            boxes,
            states.land if states is not None else None,
        )
        back = proj.invert(placed)
        for iso, a, p, (lon, lat) in zip(isos, anchors, placed, back, strict=True):
            shift = math.hypot(*(p - a))
            if shift > radius:  # its capital no longer under it: a line leads there
                moved.add(iso)
            exact = shift < 0.5
            lonlat[iso] = dot_at[iso] if exact else (round(float(lon), 4), round(float(lat), 4))
        leaders = go.Scattergeo(
            lon=[x for i in isos if i in moved for x in (dot_at[i][0], lonlat[i][0], None)],
            lat=[y for i in isos if i in moved for y in (dot_at[i][1], lonlat[i][1], None)],
            mode="lines",
            line={"color": DOT_EDGE, "width": 1.5 if size.print else 1},
            hoverinfo="skip",
            showlegend=False,
            name="leaders",
        )
        first_dot = None
        for n, trace in enumerate(fig.data):
            if isinstance(trace, go.Scattergeo) and trace.customdata is not None:
                first_dot = n if first_dot is None else first_dot
                ids = list(trace.customdata)
                trace.update(
                    lon=[lonlat[i][0] for i in ids],
                    lat=[lonlat[i][1] for i in ids],
                    hovertext=[
                        t.replace(DOT_NOTE, MOVED_NOTE) if i in moved else t
                        for i, t in zip(ids, trace.hovertext, strict=True)
                    ],
                )
        if moved and first_dot is not None:
            fig.add_trace(leaders)
            order = list(fig.data)
            order.insert(first_dot, order.pop())  # under the dots
            fig.data = order
    if size.print and (spots or lonlat):
        stance = dict(zip(drawn["iso3"], drawn["stance"], strict=True))
        points = [
            tuple(round(float(v), 4) for v in proj.invert(np.array(at))) for at in spots.values()
        ]
        texts = [SYMBOLS[stance[i]] for i in spots]
        keys = [stance[i] for i in spots]
        for iso, key in zip(dotted["iso3"], dotted["stance"], strict=True):
            points.append(lonlat[iso])
            texts.append(SYMBOLS[key])
            keys.append(key)
        fig.add_trace(
            go.Scattergeo(
                lon=[p[0] for p in points],
                lat=[p[1] for p in points],
                mode="text",
                text=texts,
                # white on the darkest fills, as in the matrix: legible in colour and in grey
                textfont={"size": size.font, "color": [TEXT_ON.get(k, "#000000") for k in keys]},
                hoverinfo="skip",
                showlegend=False,
                name="symbols",
            )
        )
