"""Where a map's marks land in pixels, as plotly.js draws them, and where they go so that none
covers another.

:class:`Projection` is plotly.js's geo projection (d3's Mercator or Natural Earth, fitted to
the plot area as ``fitExtent`` fits it): lon/lat to pixels and back. With it the map

- prints a level's symbol on a state only where the symbol's box fits inside the state
  (:func:`symbol_spot`), so symbols of small neighbours never run into each other;
- spreads the dots of small states apart (:func:`spread`): a dot stays at its capital unless
  it would cover another dot or a symbol, or be cut by the map's edge; then it moves to the
  nearest free place, at sea where there is one, and a thin line leads back to the capital.

Pure functions of numbers: no plotly here, so the tests check the figure with the same
geometry (and a browser test checks it against plotly.js).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

MERCATOR, NATURAL_EARTH = "mercator", "natural earth"
Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in pixels (y down)


def _ne(lam: np.ndarray, phi: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """d3's Natural Earth projection (Šavrič et al. 2011), radians to raw units (y up)."""
    p2 = phi * phi
    p4 = p2 * p2
    x = lam * (0.8707 - 0.131979 * p2 + p4 * (-0.013791 + p4 * (0.003971 * p2 - 0.001529 * p4)))
    y = phi * (1.007226 + p2 * (0.015085 + p4 * (-0.044475 + 0.028874 * p2 - 0.005916 * p4)))
    return x, y


def _ne_phi(y: np.ndarray) -> np.ndarray:
    """The latitude of a raw Natural Earth y (Newton's method, as d3 inverts it)."""
    phi = np.array(y, dtype=float)
    for _ in range(25):
        p2 = phi * phi
        p4 = p2 * p2
        f = phi * (1.007226 + p2 * (0.015085 + p4 * (-0.044475 + 0.028874 * p2 - 0.005916 * p4)))
        df = 1.007226 + p2 * (
            0.015085 * 3 + p4 * (-0.044475 * 7 + 0.028874 * 9 * p2 - 0.005916 * 11 * p4)
        )
        phi = phi - (f - y) / df
    return phi


def _ne_x_factor(phi: np.ndarray) -> np.ndarray:
    p2 = phi * phi
    p4 = p2 * p2
    return 0.8707 - 0.131979 * p2 + p4 * (-0.013791 + p4 * (0.003971 * p2 - 0.001529 * p4))


@dataclass(frozen=True, slots=True)
class Projection:
    """lon/lat to pixels of the figure, as plotly.js projects a geo subplot."""

    kind: str  # MERCATOR or NATURAL_EARTH
    centre: float  # the central longitude (plotly's projection.rotation.lon)
    k: float  # pixels per raw unit
    x0: float  # the pixel x of raw x = 0
    y0: float  # the pixel y of raw y = 0
    clip: Box  # the view's rectangle in pixels: plotly cuts what lies beyond it

    def raw(self, lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        lam = np.radians((np.asarray(lon, dtype=float) - self.centre + 180) % 360 - 180)
        phi = np.radians(np.clip(np.asarray(lat, dtype=float), -89.9, 89.9))
        if self.kind == MERCATOR:
            return lam, np.log(np.tan(np.pi / 4 + phi / 2))
        return _ne(lam, phi)

    def unwrapped(self, lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
        """Pixels of points whose longitudes are given from the centre, unwrapped (beyond
        180 degrees where a shape runs past the map's edge)."""
        lam = np.radians(np.asarray(lon, dtype=float))
        phi = np.radians(np.clip(np.asarray(lat, dtype=float), -89.9, 89.9))
        if self.kind == MERCATOR:
            x, y = lam, np.log(np.tan(np.pi / 4 + phi / 2))
        else:
            x, y = _ne(lam, phi)
        return np.stack([self.x0 + self.k * x, self.y0 - self.k * y], axis=-1)

    def __call__(self, lon: float | np.ndarray, lat: float | np.ndarray) -> np.ndarray:
        """Pixels (x, y) of points, as an array of shape (2,) or (n, 2)."""
        x, y = self.raw(np.asarray(lon), np.asarray(lat))
        return np.stack([self.x0 + self.k * x, self.y0 - self.k * y], axis=-1)

    def invert(self, px: np.ndarray) -> np.ndarray:
        """lon/lat of pixels (an array of shape (2,) or (n, 2))."""
        px = np.asarray(px, dtype=float)
        x = (px[..., 0] - self.x0) / self.k
        y = (self.y0 - px[..., 1]) / self.k
        if self.kind == MERCATOR:
            lam, phi = x, 2 * np.arctan(np.exp(y)) - np.pi / 2
        else:
            phi = _ne_phi(y)
            lam = x / _ne_x_factor(phi)
        lon = (np.degrees(lam) + self.centre + 180) % 360 - 180
        return np.stack([lon, np.degrees(phi)], axis=-1)

    def within(self, points: np.ndarray, margin: float = 0.0) -> np.ndarray:
        """Whether each point (pixels, shape (n, 2)) lies ``margin`` pixels or more inside the
        map: inside the view's rectangle and, for the whole world, inside its outline."""
        points = np.atleast_2d(points)
        c = self.clip
        ok = (
            (points[:, 0] >= c[0] + margin)
            & (points[:, 0] <= c[2] - margin)
            & (points[:, 1] >= c[1] + margin)
            & (points[:, 1] <= c[3] - margin)
        )
        if self.kind == NATURAL_EARTH:
            # the outline's half width at a height, less the margin (the edge is steep only
            # near the poles, where no mark goes)
            y = (self.y0 - points[:, 1]) / self.k
            phi = _ne_phi(np.clip(y, -1.42, 1.42))
            half = self.k * math.pi * _ne_x_factor(phi)
            ok &= np.abs(points[:, 0] - self.x0) <= half - margin
            ok &= np.abs(phi) < math.radians(89.9)
        return ok


CLIP_PAD = 0.001  # degrees plotly.js keeps inside the view's edges


def _range_box(lon_range: Sequence[float], lat_range: Sequence[float]) -> tuple[np.ndarray, ...]:
    """The outline plotly.js fits a view by: a polygon of the view's corners and three more
    points along each parallel, its edges great circles (as d3 draws them), finely sampled."""
    (lon0, lon1), (lat0, lat1) = lon_range, lat_range
    i, n = lon0 + CLIP_PAD, lon1 - CLIP_PAD
    a, o = lat0 + CLIP_PAD, lat1 - CLIP_PAD
    s = (n - i) / 4
    corners = [(i, a), (i, o), (i + s, o), (i + 2 * s, o), (i + 3 * s, o), (n, o), (n, a)]
    corners += [(n - s, a), (n - 2 * s, a), (n - 3 * s, a), (i, a)]
    lons, lats = [], []
    t = np.linspace(0.0, 1.0, 65)
    for (lon_a, lat_a), (lon_b, lat_b) in itertools.pairwise(corners):
        if lon_a == lon_b:  # a meridian: its own great circle
            lons.append(np.full_like(t, lon_a))
            lats.append(lat_a + (lat_b - lat_a) * t)
            continue
        # the great circle between them, relative to the first point's meridian
        pa, pb = _unit(0.0, lat_a), _unit(lon_b - lon_a, lat_b)
        omega = math.acos(max(-1.0, min(1.0, float(pa @ pb))))
        w_a = np.sin((1 - t) * omega) / math.sin(omega)
        w_b = np.sin(t * omega) / math.sin(omega)
        v = w_a[:, None] * pa + w_b[:, None] * pb
        lons.append(lon_a + np.degrees(np.arctan2(v[:, 1], v[:, 0])))
        lats.append(np.degrees(np.arcsin(np.clip(v[:, 2], -1, 1))))
    return np.concatenate(lons), np.concatenate(lats)


def _unit(lon: float, lat: float) -> np.ndarray:
    lam, phi = math.radians(lon), math.radians(lat)
    return np.array([math.cos(phi) * math.cos(lam), math.cos(phi) * math.sin(lam), math.sin(phi)])


def projection(
    kind: str,
    centre: float,
    lon_range: Sequence[float],
    lat_range: Sequence[float],
    area: Box,
    centre_lat: float | None = None,
) -> Projection:
    """The projection plotly.js draws a geo view with: the view's lon/lat box fitted into
    ``area`` (the plot area in pixels) as large as fits, and the map's centre (``centre``,
    ``centre_lat``: plotly's ``geo.center``, by default the middle of the ranges) in the
    middle of it."""
    lons, lats = _range_box(lon_range, lat_range)
    lam = np.radians(lons - centre)
    phi = np.radians(np.clip(lats, -89.9999, 89.9999))
    if kind == MERCATOR:
        x, y = lam, np.log(np.tan(np.pi / 4 + phi / 2))
    else:
        x, y = _ne(lam, phi)
    bx0, bx1, by0, by1 = x.min(), x.max(), y.min(), y.max()
    left, top, right, bottom = area
    w, h = right - left, bottom - top
    k = min(w / (bx1 - bx0), h / (by1 - by0))
    x_fit = left + (w - k * (bx0 + bx1)) / 2
    y_fit = top + (h + k * (by0 + by1)) / 2
    clip = (x_fit + k * bx0, y_fit - k * by1, x_fit + k * bx1, y_fit - k * by0)
    # plotly.js then puts the map's centre (by default the middle of the latitudes) in the
    # middle of that rectangle
    mid_lat = (lat_range[0] + lat_range[1]) / 2 if centre_lat is None else centre_lat
    phi_c = np.radians(np.array([mid_lat]))
    if kind == MERCATOR:
        y_c = float(np.log(np.tan(np.pi / 4 + phi_c / 2))[0])
    else:
        y_c = float(_ne(0 * phi_c, phi_c)[1][0])
    x_0 = (clip[0] + clip[2]) / 2
    y_0 = (clip[1] + clip[3]) / 2 + k * y_c
    return Projection(kind, centre, k, x_0, y_0, clip)


# -- states in pixels ------------------------------------------------------------------------
def project_rings(proj: Projection, rings: Sequence[Sequence[tuple[float, float]]]) -> list:
    """Each ring (lon/lat points) in pixels. A ring across the longitude opposite the map's
    centre (where plotly cuts it) is kept whole, its far part beyond the map's edge."""
    out = []
    for ring in rings:
        pts = np.asarray(ring, dtype=float)
        if len(pts) < 3:
            continue
        lon = (pts[:, 0] - proj.centre + 180) % 360 - 180
        lon = np.degrees(np.unwrap(np.radians(lon)))  # no jump across the cut
        # on the side of the cut where most of it lies
        lon = lon + 360 * max((-1, 0, 1), key=lambda k: (np.abs(lon + 360 * k) <= 180).sum())
        if lon.max() - lon.min() > 300:  # round a pole (Antarctica): not a state
            continue
        px = proj.unwrapped(lon, pts[:, 1])
        out.append(px)
    return out


def _fill(rings: Sequence[np.ndarray], width: int, height: int) -> tuple[np.ndarray, int, int]:
    """The pixels inside ``rings`` (even-odd: holes are holes) within a width x height
    image, as a boolean array over the rings' box, and the box's left and top pixel. A pixel
    is inside when its centre is."""
    lo = np.floor(np.min([r.min(axis=0) for r in rings], axis=0)).astype(int)
    hi = np.ceil(np.max([r.max(axis=0) for r in rings], axis=0)).astype(int)
    x0, y0 = max(0, lo[0]), max(0, lo[1])
    x1, y1 = min(width, hi[0] + 1), min(height, hi[1] + 1)
    if x1 <= x0 or y1 <= y0:
        return np.zeros((0, 0), dtype=bool), x0, y0
    toggles = np.zeros((y1 - y0, x1 - x0 + 1), dtype=np.int32)
    ys = np.arange(y0, y1) + 0.5
    for ring in rings:
        a, b = ring, np.roll(ring, -1, axis=0)
        ay, by = a[:, 1][:, None], b[:, 1][:, None]
        crosses = (ay > ys[None, :]) != (by > ys[None, :])
        edge, row = np.nonzero(crosses)
        if not len(edge):
            continue
        t = (ys[row] - a[edge, 1]) / (b[edge, 1] - a[edge, 1])
        x = a[edge, 0] + t * (b[edge, 0] - a[edge, 0])
        # a crossing at x flips every pixel whose centre lies right of it
        col = np.clip(np.ceil(x - 0.5).astype(int) - x0, 0, x1 - x0)
        np.add.at(toggles, (row, col), 1)
    inside = (np.cumsum(toggles, axis=1) % 2 == 1)[:, : x1 - x0]
    return inside, x0, y0


@dataclass(frozen=True, slots=True)
class StateMap:
    """Which state each pixel of the plot shows: ``ids[y, x]`` is 1 + the index of the state
    in ``isos``, 0 for sea or a state the outlines lack."""

    isos: tuple[str, ...]
    ids: np.ndarray
    boxes: Mapping[str, tuple[int, int, int, int]]  # each state's pixels: x0, y0, x1, y1

    def state_at(self, points: np.ndarray) -> np.ndarray:
        """The id at each point (pixels, shape (n, 2)); 0 off the image."""
        points = np.atleast_2d(points)
        h, w = self.ids.shape
        x = np.floor(points[:, 0]).astype(int)
        y = np.floor(points[:, 1]).astype(int)
        ok = (x >= 0) & (x < w) & (y >= 0) & (y < h)
        out = np.zeros(len(points), dtype=self.ids.dtype)
        out[ok] = self.ids[y[ok], x[ok]]
        return out

    def land(self, points: np.ndarray) -> np.ndarray:
        return self.state_at(points) > 0

    def id_of(self, iso: str) -> int:
        return self.isos.index(iso) + 1 if iso in self.isos else 0


def state_map(
    proj: Projection, states: Mapping[str, Sequence[Sequence[tuple[float, float]]]], size: tuple
) -> StateMap:
    """The states (ISO code: rings in lon/lat) drawn into an image of ``size`` (width, height)
    pixels, as the map shows them; larger states first, so a state in another's hole (Lesotho
    in South Africa) keeps its own pixels."""
    width, height = math.ceil(size[0]), math.ceil(size[1])
    ids = np.zeros((height, width), dtype=np.int32)
    isos = tuple(states)
    drawn = []
    for n, iso in enumerate(isos):
        rings = project_rings(proj, states[iso])
        if rings:
            inside, x0, y0 = _fill(rings, width, height)
            drawn.append((int(inside.sum()), n, inside, x0, y0))
    boxes = {}
    for _area, n, inside, x0, y0 in sorted(drawn, key=lambda d: -d[0]):
        region = ids[y0 : y0 + inside.shape[0], x0 : x0 + inside.shape[1]]
        region[inside] = n + 1
        boxes[isos[n]] = (x0, y0, x0 + inside.shape[1], y0 + inside.shape[0])
    return StateMap(isos, ids, boxes)


def centred(at: Sequence[float], w: float, h: float) -> Box:
    return (at[0] - w / 2, at[1] - h / 2, at[0] + w / 2, at[1] + h / 2)


def symbol_spot(
    states: StateMap,
    iso: str,
    start: Sequence[float],
    w: float,
    h: float,
    clip: Box,
) -> tuple[float, float] | None:
    """Where a w x h symbol fits wholly inside a state, and inside ``clip``: at ``start`` (its
    label point) if it fits there, else the nearest pixel where it does; None where it fits
    nowhere (then its shade alone tells its level)."""
    sid = states.id_of(iso)
    if not sid or iso not in states.boxes:
        return None
    # a box's pixels: those whose centres lie in it, taken generously (whole pixels it
    # touches), so a symbol that "fits" never spills onto a neighbour
    bw, bh = math.ceil(w) + 1, math.ceil(h) + 1
    x0, y0, x1, y1 = states.boxes[iso]
    if y1 - y0 < bh or x1 - x0 < bw:
        return None
    sub = states.ids[y0:y1, x0:x1] == sid
    table = np.pad(sub.cumsum(axis=0).cumsum(axis=1), ((1, 0), (1, 0)))
    full = (table[bh:, bw:] - table[:-bh, bw:] - table[bh:, :-bw] + table[:-bh, :-bw]) == bw * bh
    top, left = np.nonzero(full)
    if not len(top):
        return None
    # the centres of the boxes that fit, in pixels of the figure
    cx = x0 + left + bw / 2
    cy = y0 + top + bh / 2
    ok = (
        (cx - w / 2 >= clip[0] + 2)
        & (cx + w / 2 <= clip[2] - 2)
        & (cy - h / 2 >= clip[1] + 2)
        & (cy + h / 2 <= clip[3] - 2)
    )
    if not ok.any():
        return None
    cx, cy = cx[ok], cy[ok]
    best = int(np.argmin(np.hypot(cx - start[0], cy - start[1])))
    return float(cx[best]), float(cy[best])


# -- dots ------------------------------------------------------------------------------------
RIM = np.arange(8) * math.pi / 4
BANDS = 12  # a dot moves at most this many widths from its capital


def _ring_points(a: np.ndarray, band: int, d: float) -> np.ndarray:
    """Candidate centres around ``a`` from ``band`` to ``band + 1`` widths ``d`` away, a third
    of a width apart (the first band holds ``a`` itself)."""
    out = [a[None, :]] if band == 0 else []
    for j in range(3 * band + 1, 3 * band + 4):
        r = j * d / 3
        count = max(8, math.ceil(2 * math.pi * j))
        angles = np.arange(count) * 2 * math.pi / count
        out.append(a + r * np.stack([np.cos(angles), -np.sin(angles)], axis=1))
    return np.concatenate(out)


def _clear_of(c: np.ndarray, boxes: np.ndarray, margin: float) -> np.ndarray:
    """Whether each point of ``c`` lies ``margin`` or more from every box."""
    if not len(boxes):
        return np.ones(len(c), dtype=bool)
    dx = np.maximum(boxes[None, :, 0] - c[:, None, 0], c[:, None, 0] - boxes[None, :, 2])
    dy = np.maximum(boxes[None, :, 1] - c[:, None, 1], c[:, None, 1] - boxes[None, :, 3])
    return (np.hypot(np.maximum(dx, 0), np.maximum(dy, 0)) >= margin).all(axis=1)


def _crossings(
    a: np.ndarray, ends: np.ndarray, starts: np.ndarray, stops: np.ndarray
) -> np.ndarray:
    """How many of the segments ``starts`` to ``stops`` (p, 2) each segment from ``a`` to
    ``ends`` (m, 2) crosses (segments sharing an end do not cross)."""

    def side(p: np.ndarray, q: np.ndarray, r: np.ndarray) -> np.ndarray:
        return np.sign(
            (q[..., 0] - p[..., 0]) * (r[..., 1] - p[..., 1])
            - (q[..., 1] - p[..., 1]) * (r[..., 0] - p[..., 0])
        )

    e = ends[:, None, :]
    s0, s1 = starts[None, :, :], stops[None, :, :]
    d1 = side(s0, s1, np.broadcast_to(a, e.shape))
    d2 = side(s0, s1, e)
    d3 = side(a[None, None, :], e, s0)
    d4 = side(a[None, None, :], e, s1)
    return ((d1 * d2 < 0) & (d3 * d4 < 0)).sum(axis=1)


def _to_segments(points: np.ndarray, a: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """Distance from each of ``points`` (p, 2) to each segment from ``a`` to ``ends`` (m, 2):
    shape (m, p)."""
    ab = ends - a  # (m, 2)
    length2 = np.maximum((ab * ab).sum(axis=1), 1e-9)[:, None]
    t = np.clip(((points[None, :, :] - a) * ab[:, None, :]).sum(axis=2) / length2, 0.0, 1.0)
    closest = a + ab[:, None, :] * t[:, :, None]
    return np.hypot(*(points[None, :, :] - closest).transpose(2, 0, 1))


LAND_COST = 2.5  # a dot moves up to this many widths to stand at sea rather than on land
CROSSING_COST = 0.5  # and this many to keep its line from crossing another


def spread(
    anchors: np.ndarray,
    radius: float,
    gap: float,
    within: Callable[[np.ndarray, float], np.ndarray],
    obstacles: Sequence[Box] = (),
    land: Callable[[np.ndarray], np.ndarray] | None = None,
) -> np.ndarray:
    """Places (pixels) for dots of ``radius`` whose capitals are at ``anchors`` (n, 2), no two
    closer than ``gap``, none on an obstacle (a symbol's box), each whole inside the map
    (``within(points, margin)``). A dot keeps its capital when it can; else it takes the
    nearest free place, preferring sea (``land(points)`` says which are on land) and a line to
    its capital that crosses no other dot. Deterministic: crowded dots are placed first, each
    where it costs least, ties broken by order."""
    anchors = np.asarray(anchors, dtype=float).reshape(-1, 2)
    n = len(anchors)
    if not n:
        return anchors
    d = 2 * radius + gap
    boxes = np.array(obstacles, dtype=float).reshape(-1, 4)

    # the most hemmed in first (by land around it, then by other dots), so that it takes
    # the sea it has, and the freer ones move out into open sea
    reach = np.hypot(*(anchors[:, None, :] - anchors[None, :, :]).transpose(2, 0, 1))
    crowd = (reach < 3 * d).sum(axis=1)
    around = np.arange(16) * math.pi / 8
    ring = 1.5 * d * np.stack([np.cos(around), np.sin(around)], axis=1)
    hemmed = np.zeros(n)
    if land is not None:
        hemmed = land((anchors[:, None, :] + ring[None, :, :]).reshape(-1, 2)).reshape(n, -1)
        hemmed = hemmed.mean(axis=1)
    order = sorted(
        range(n), key=lambda i: (-round(hemmed[i], 2), -crowd[i], anchors[i, 1], anchors[i, 0])
    )
    rim = 0.75 * radius * np.stack([np.cos(RIM), np.sin(RIM)], axis=1)
    samples = np.concatenate([[[0.0, 0.0]], rim])
    placed: dict[int, np.ndarray] = {}
    for i in order:
        a = anchors[i]
        near = boxes[
            (boxes[:, 2] > a[0] - BANDS * d)
            & (boxes[:, 0] < a[0] + BANDS * d)
            & (boxes[:, 3] > a[1] - BANDS * d)
            & (boxes[:, 1] < a[1] + BANDS * d)
        ]
        others = np.array(list(placed.values())).reshape(-1, 2)
        best, best_cost = a, math.inf
        for band in range(BANDS):
            if best_cost <= band * d:  # nothing farther out can cost less
                break
            c = _ring_points(a, band, d)
            ok = within(c, radius + 1) & _clear_of(c, near, radius + gap / 2)
            if len(others):
                dist = np.hypot(*(c[:, None, :] - others[None, :, :]).transpose(2, 0, 1))
                ok &= (dist >= d).all(axis=1)
            if not ok.any():
                continue
            c = c[ok]
            cost = np.hypot(c[:, 0] - a[0], c[:, 1] - a[1])
            moved = cost > radius
            if land is not None:  # the share of the disc over land, at its capital too
                on = land((c[:, None, :] + samples[None, :, :]).reshape(-1, 2))
                cost = cost + LAND_COST * d * on.reshape(len(c), -1).mean(axis=1)
            if len(others):  # a line to the capital through another dot reads as its
                through = (_to_segments(others, a, c) < radius).any(axis=1)
                cost = cost + np.where(moved & through, 2 * d, 0.0)
                lines = [
                    (anchors[j], p)
                    for j, p in placed.items()
                    if np.hypot(*(p - anchors[j])) > radius
                ]
                if lines:  # lines that cross are hard to follow
                    crossing = _crossings(
                        a, c, np.array([s for s, _ in lines]), np.array([e for _, e in lines])
                    )
                    cost = cost + np.where(moved, CROSSING_COST * d * crossing, 0.0)
            k = int(np.argmin(cost))
            if cost[k] < best_cost:
                best, best_cost = c[k], float(cost[k])
        placed[i] = best
    return np.array([placed[i] for i in range(n)])
