"""The page's geometry: the seats of both views, encoded for the data island.

One module owns how shapes travel to the page; ``static/shapes.js`` reads them
back (``lmShapes.decode``). The map view is each seat's boundary in WGS84; the
hex view is each seat's hexagon of the hex layout.
"""

from __future__ import annotations

import math

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from .hexes import hex_frame

#: Coordinates travel as integers of 1e-5 degrees (about a metre).
COORDINATE_SCALE = 100_000


def encode_views(frame: gpd.GeoDataFrame, hex_layout: pd.DataFrame | None) -> dict:
    """Return the shapes of both views of ``frame``'s seats, in their order.

    ``{"scale": …, "geo": [...], "hex": [...] | None}``: ``hex`` is ``None``
    for areas without a hex layout (the user's own).
    """
    geo = web_geometry(frame)
    hexes = None
    if hex_layout is not None:
        hexes = hex_frame(frame, hex_layout).to_crs(4326).geometry
    return {
        "scale": COORDINATE_SCALE,
        "geo": [_encode(g) for g in geo],
        "hex": None if hexes is None else [_encode(g) for g in hexes],
    }


def web_geometry(frame: gpd.GeoDataFrame) -> gpd.GeoSeries:
    """Boundaries for the web: simplified for large regions, then in WGS84.

    The package is simplified at 50 m, enough for London; a larger region is
    simplified further as a coverage, so neighbours still share their borders.
    """
    minx, miny, maxx, maxy = frame.total_bounds
    tolerance = math.sqrt((maxx - minx) * (maxy - miny)) / 2000
    geometry = frame.geometry.to_numpy()
    if tolerance > 50:
        geometry = shapely.coverage_simplify(geometry, tolerance)
    return gpd.GeoSeries(geometry, crs=frame.crs).to_crs(4326)


def _encode(geometry) -> list:
    """Polygons → rings → delta-encoded integer [lat, lng] pairs."""
    polygons = getattr(geometry, "geoms", [geometry])
    encoded = []
    for polygon in polygons:
        rings = []
        for ring in [polygon.exterior, *polygon.interiors]:
            coords = np.asarray(ring.coords)[:, ::-1]  # lng, lat → lat, lng
            ints = np.round(coords * COORDINATE_SCALE).astype(np.int64)
            deltas = np.diff(ints, axis=0, prepend=np.zeros((1, 2), np.int64))
            rings.append(deltas.ravel().tolist())
        encoded.append(rings)
    return encoded
