"""The page's geometry: the seats of both views, encoded for the data island.

One module owns how shapes travel to the page; ``static/shapes.js`` reads them
back (``lmShapes.decode``).

- The map view travels as a topology, as TopoJSON does: every border between
  two seats once, as an *arc* of points on a grid of about a tenth of the
  simplification tolerance, and each seat's rings as lists of arc numbers
  (``~n``, i.e. ``-n - 1``, for arc ``n`` walked backwards). Neighbours are
  rebuilt from the same arc, so they share their border exactly.
- The hex view travels as each seat's grid position (odd-r ``q``, ``r``) and a
  few numbers that place the grid: the page builds each hexagon as
  :func:`mapping.hexes.hex_geometries` does, in hex sizes, and turns it into
  WGS84 with a cubic fitted to the exact projection of its corners.
"""

from __future__ import annotations

import hashlib
import math

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from .hexes import hex_frame
from .simplify import PACKAGE_TOLERANCE_M, simplify_coverage, web_tolerance

#: The grid of the arcs' points, as a fraction of the simplification tolerance:
#: a point moves at most half a step, 1/20 of what simplifying moved it.
GRID_PER_TOLERANCE = 0.1
#: Metres per degree of latitude (the grid's step is set in metres).
METRES_PER_DEGREE = 111_320.0
#: Degree of the polynomial that turns hex-grid positions into WGS84.
HEX_FIT_DEGREE = 3
#: Significant digits of the hex fit's coefficients: far below a centimetre.
HEX_FIT_DIGITS = 12
#: Varint digits of the arcs' text: 5 bits each, a sixth bit says "more follows".
DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"


def encode_views(frame: gpd.GeoDataFrame, hex_layout: pd.DataFrame | None) -> dict:
    """Return the shapes of both views of ``frame``'s seats, in their order.

    Parameters
    ----------
    frame
        The seats, in EPSG:27700.
    hex_layout
        Their hex grid positions (:func:`mapping.hexes.hex_layout`), or
        ``None`` for areas without a hex layout (the user's own).

    Returns
    -------
    dict
        JSON-able and opaque to all but ``static/shapes.js``:
        ``{"geo": {...}, "hex": {...} | None}``.
    """
    key = _fingerprint(frame, hex_layout)
    if key not in _ENCODED:  # a build draws one boundary set in many pages
        tolerance = web_tolerance(frame)
        geo = encode_topology(web_geometry(frame), tolerance * GRID_PER_TOLERANCE)
        hexes = None if hex_layout is None else encode_hexes(frame, hex_layout)
        if len(_ENCODED) >= _ENCODED_KEPT:
            _ENCODED.pop(next(iter(_ENCODED)))
        _ENCODED[key] = {"geo": geo, "hex": hexes}
    return _ENCODED[key]


#: Views already encoded in this process, by what they were made from: the
#: same seats and layout always encode to the same views. Callers never change
#: what they are given.
_ENCODED: dict[str, dict] = {}
_ENCODED_KEPT = 4


def _fingerprint(frame: gpd.GeoDataFrame, hex_layout: pd.DataFrame | None) -> str:
    """Return a digest of the seats' codes, shapes, CRS and hex positions."""
    digest = hashlib.sha256()
    digest.update(str(frame.crs).encode())
    digest.update("\n".join(map(str, frame["code"])).encode())
    for wkb in shapely.to_wkb(frame.geometry.to_numpy()):
        digest.update(wkb)
    if hex_layout is not None:
        digest.update(hex_layout.to_csv(index=False).encode())
    return digest.hexdigest()


def web_geometry(frame: gpd.GeoDataFrame) -> gpd.GeoSeries:
    """Boundaries for the web: simplified for large regions, then in WGS84.

    The package is simplified at 50 m, enough for London; a larger region is
    simplified further as a coverage, so neighbours still share their borders
    (:func:`mapping.simplify.simplify_coverage`).
    """
    tolerance = web_tolerance(frame)
    geometry = frame.geometry.to_numpy()
    if tolerance > PACKAGE_TOLERANCE_M:
        geometry = simplify_coverage(frame, tolerance)
    return gpd.GeoSeries(geometry, crs=frame.crs).to_crs(4326)


# --- the map view: a topology of shared arcs --------------------------------------


def encode_topology(geometry: gpd.GeoSeries, step_m: float) -> dict:
    """Return polygons in WGS84 as shared arcs on a grid of ``step_m`` metres.

    ``{"origin": [lat, lng], "step": [dlat, dlng], "arcs": "...", "seats":
    [polygons → rings → arc numbers per seat]}``. The arcs are one string:
    arcs separated by ``.``, each the varint (:data:`DIGITS`) zigzag deltas of
    its [lat, lng] grid points from the previous point (the first from the
    origin). A ring that shrinks to fewer than three points on the grid (an
    islet smaller than a step) is left out.
    """
    south, west = geometry.total_bounds[1], geometry.total_bounds[0]
    north = geometry.total_bounds[3]
    dlat = step_m / METRES_PER_DEGREE
    dlng = dlat / max(math.cos(math.radians((south + north) / 2)), 0.01)
    step = [float(f"{dlat:.6g}"), float(f"{dlng:.6g}")]
    origin = [round(float(south), 5), round(float(west), 5)]
    rings, ring_seat, ring_polygon = _grid_rings(geometry, origin, step)
    arcs, ring_arcs = _shared_arcs(rings)
    seats: list[list[list[int]]] = [[] for _ in range(len(geometry))]
    last_polygon = -1
    for seat, polygon, refs in zip(ring_seat, ring_polygon, ring_arcs, strict=True):
        if polygon != last_polygon:  # a polygon's exterior comes first
            seats[seat].append([])
            last_polygon = polygon
        seats[seat][-1].append(refs)
    return {
        "origin": origin,
        "step": step,
        "arcs": ".".join(_varints(arc) for arc in arcs),
        "seats": seats,
    }


def _grid_rings(geometry: gpd.GeoSeries, origin, step) -> tuple[list, list, list]:
    """Every ring as open [lat, lng] grid points, with its seat and polygon.

    Repeated points (two that fall on one grid point) are merged; rings of
    fewer than three points are dropped, and polygons whose exterior drops.
    """
    polygons, seat_of = shapely.get_parts(geometry.to_numpy(), return_index=True)
    rings, polygon_of = shapely.get_rings(polygons, return_index=True)
    coords, ring_of = shapely.get_coordinates(rings, return_index=True)
    grid = np.rint((coords[:, ::-1] - origin) / step).astype(np.int64)
    moved = np.ones(len(grid), bool)
    moved[1:] = (grid[1:] != grid[:-1]).any(axis=1) | (ring_of[1:] != ring_of[:-1])
    grid, ring_of = grid[moved], ring_of[moved]
    starts = np.flatnonzero(np.r_[True, ring_of[1:] != ring_of[:-1]])
    out: list[np.ndarray] = []
    out_seat: list[int] = []
    out_polygon: list[int] = []
    dropped: set[int] = set()
    for start, end in zip(starts, [*starts[1:], len(grid)], strict=True):
        ring = grid[start:end]
        if len(ring) > 1 and (ring[0] == ring[-1]).all():
            ring = ring[:-1]  # open: the page closes it
        polygon = polygon_of[ring_of[start]]
        is_exterior = not out_polygon or out_polygon[-1] != polygon
        if is_exterior and len(ring) < 3:
            dropped.add(polygon)
        if len(ring) < 3 or polygon in dropped:
            continue
        out.append(ring)
        out_seat.append(int(seat_of[polygon]))
        out_polygon.append(int(polygon))
    return out, out_seat, out_polygon


def _shared_arcs(rings: list[np.ndarray]) -> tuple[list[np.ndarray], list[list[int]]]:
    """Cut rings into arcs at junctions; each arc kept once, shared by number.

    A junction is a point where three or more borders meet, or where a ring's
    neighbour changes. Every ring is cut at every junction it passes, so the two
    seats along a border cut it at the same points, and the pieces match.
    """
    points = np.concatenate(rings)
    ring_of = np.repeat(np.arange(len(rings)), [len(r) for r in rings])
    starts = np.cumsum([0] + [len(r) for r in rings])
    keys = points[:, 0] * (1 << 32) + points[:, 1]
    unique_keys, point = np.unique(keys, return_inverse=True)
    after = np.arange(1, len(points) + 1)
    after[starts[1:] - 1] = starts[:-1]  # each ring's last point joins its first
    before = np.empty_like(after)
    before[after] = np.arange(len(points))
    a, b = point, point[after]
    lo, hi = np.minimum(a, b), np.maximum(a, b)
    edges, edge = np.unique(lo * len(unique_keys) + hi, return_inverse=True)
    # Who lies along each edge: how many rings, the first and the last of them.
    users = np.bincount(edge)
    first = np.full(len(edges), len(rings))
    last = np.full(len(edges), -1)
    np.minimum.at(first, edge, ring_of)
    np.maximum.at(last, edge, ring_of)
    sides = np.stack([users, first, last], axis=1)
    changes = (sides[edge] != sides[edge[before]]).any(axis=1)
    ends = np.concatenate([edges // len(unique_keys), edges % len(unique_keys)])
    junction = np.bincount(ends, minlength=len(unique_keys)) > 2
    junction[point[changes]] = True
    cut = junction[point]

    arcs: list[np.ndarray] = []
    numbers: dict[bytes, int] = {}
    ring_arcs = []
    for r in range(len(rings)):
        ids = point[starts[r] : starts[r + 1]]
        cuts = np.flatnonzero(cut[starts[r] : starts[r + 1]])
        if len(cuts) == 0:  # an island, or a seat inside another: one closed arc
            cuts = np.array([_canonical_start(ids)])
        ids = np.roll(ids, -cuts[0])
        bounds = [*(cuts - cuts[0]), len(ids)]
        ids = np.append(ids, ids[0])
        refs = []
        for start, end in zip(bounds[:-1], bounds[1:], strict=True):
            piece = ids[start : end + 1]
            forward, backward = piece.tobytes(), piece[::-1].tobytes()
            if forward in numbers:
                refs.append(numbers[forward])
            elif backward in numbers:
                refs.append(~numbers[backward])
            else:
                numbers[forward] = len(arcs)
                refs.append(len(arcs))
                arcs.append(piece)
        ring_arcs.append(refs)
    grid = np.stack([unique_keys >> 32, unique_keys & 0xFFFFFFFF], axis=1)
    return [grid[arc] for arc in arcs], ring_arcs


def _canonical_start(ids: np.ndarray) -> int:
    """Return where a ring without junctions starts: its least point.

    Whichever seat walks the ring, it starts there; the other way round is the
    same arc backwards.
    """
    return int(np.argmin(ids))


def _varints(arc: np.ndarray) -> str:
    """Zigzag varints of an arc's deltas, five bits a digit, least first."""
    deltas = np.diff(arc, axis=0, prepend=np.zeros((1, 2), np.int64)).ravel()
    values = (deltas << 1) ^ (deltas >> 63)  # zigzag: small either way is small
    out = []
    for value in values.tolist():
        while value >= 32:
            out.append(DIGITS[32 | (value & 31)])
            value >>= 5
        out.append(DIGITS[value])
    return "".join(out)


# --- the hex view: grid positions and a fitted projection -------------------------


def encode_hexes(frame: gpd.GeoDataFrame, hex_layout: pd.DataFrame) -> dict:
    """Return the hexagons of :func:`mapping.hexes.hex_frame` as grid positions.

    ``{"q": [...], "r": [...], "centre": [u, v], "span": s, "lat": [...],
    "lng": [...]}``: a hex's corners lie at ``(√3 (q + (r & 1) / 2) + cos a,
    1.5 r + sin a)`` hex sizes east and north (a = 30°, 90°, … 330°), and
    ``lat``/``lng`` are the coefficients of cubics in ``((u, v) − centre) /
    span`` (terms ``x^i y^j``, i + j ≤ 3, by i then j) that give their WGS84.
    """
    q = hex_layout["q"].to_numpy(dtype=np.int64)
    r = hex_layout["r"].to_numpy(dtype=np.int64)
    corners = hex_units(q, r)
    exact = shapely.get_coordinates(
        hex_frame(frame, hex_layout).to_crs(4326).geometry.to_numpy()
    )
    shapely_rings = exact.reshape(len(q), 7, 2)[:, :6]  # hexes.py's corner order
    u, v = corners[..., 0].ravel(), corners[..., 1].ravel()
    centre = [
        float(np.round((u.min() + u.max()) / 2, 3)),
        float(np.round((v.min() + v.max()) / 2, 3)),
    ]
    span = float(max(u.max() - u.min(), v.max() - v.min(), 1.0) / 2)
    terms = _terms((u - centre[0]) / span, (v - centre[1]) / span)
    fit = {}
    for name, column in (("lat", 1), ("lng", 0)):
        coefficients = np.linalg.lstsq(
            terms, shapely_rings[..., column].ravel(), rcond=None
        )[0]
        fit[name] = [float(f"{c:.{HEX_FIT_DIGITS}g}") for c in coefficients]
    return {"q": q.tolist(), "r": r.tolist(), "centre": centre, "span": span, **fit}


def hex_units(q: np.ndarray, r: np.ndarray) -> np.ndarray:
    """Return the six corners of each odd-r hex, in hex sizes east and north."""
    angles = np.radians(30 + 60 * np.arange(6))
    x = np.sqrt(3) * (q + 0.5 * (r & 1))
    y = 1.5 * r
    return np.stack([x[:, None] + np.cos(angles), y[:, None] + np.sin(angles)], axis=-1)


def _terms(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Return the polynomial's terms ``x^i y^j`` (i + j ≤ degree), by i then j."""
    powers = [
        (i, j) for i in range(HEX_FIT_DEGREE + 1) for j in range(HEX_FIT_DEGREE + 1 - i)
    ]
    return np.stack([x**i * y**j for i, j in powers], axis=1)
