"""Boundaries simplified for the maps of large regions, as coverages.

The package's boundaries are simplified at 50 m, enough for London. The map of
a larger region is simplified further, at a tolerance that grows with the
region's size (:func:`web_tolerance`), as one coverage, so that neighbours
keep one common border. The map of every seat of a boundary set is the
largest to simplify (0.7–0.9 s of a UK build), so the pipeline simplifies each
set once, by :func:`overview`, and the package ships it
(:func:`mapping.package.read_overview`); :func:`simplify_coverage` takes it
wherever the seats are exactly a shipped set's, which gives the same polygons.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import shapely

from .elections import BOUNDARY_SETS
from .package import read_boundaries, read_overview, read_table

if TYPE_CHECKING:
    import geopandas as gpd

#: Tolerance (metres, EPSG:27700) to which the pipeline simplifies the data
#: package, about a pixel at zoom 11: small regions are drawn at it, larger
#: ones are simplified further.
PACKAGE_TOLERANCE_M = 50.0
#: A larger region is simplified to about its size divided by this.
SIZE_PER_TOLERANCE = 2000


def web_tolerance(frame: gpd.GeoDataFrame) -> float:
    """Return the simplification tolerance (metres) of the page's boundaries.

    The package's 50 m for London; about 1/2000 of the region's size beyond
    (the square root of its bounding box's area).
    """
    minx, miny, maxx, maxy = frame.total_bounds
    size = math.sqrt((maxx - minx) * (maxy - miny))
    return max(PACKAGE_TOLERANCE_M, size / SIZE_PER_TOLERANCE)


def simplify_coverage(frame: gpd.GeoDataFrame, tolerance: float) -> np.ndarray:
    """Return the seats' polygons simplified together at ``tolerance`` metres.

    ``frame`` is in EPSG:27700, its polygons a coverage. Where it holds exactly
    the seats and shapes of a boundary set of the package, the package's
    :func:`overview` of that set, in ``frame``'s order.
    """
    shipped = _shipped_overview(frame, tolerance)
    if shipped is not None:
        return shipped
    return shapely.coverage_simplify(frame.geometry.to_numpy(), tolerance)


def overview(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Return a whole boundary set simplified for the map of all its seats.

    ``frame`` holds the set's ``code`` and polygons in the order the maps list
    the seats (by name): simplifying a coverage moves a few borders slightly
    differently in another order. :func:`simplify_coverage` takes the result
    for seats in that very order.
    """
    polygons = shapely.coverage_simplify(
        frame.geometry.to_numpy(), web_tolerance(frame)
    )
    return frame[["code"]].set_geometry(polygons, crs=frame.crs)


def _shipped_overview(frame: gpd.GeoDataFrame, tolerance: float) -> np.ndarray | None:
    """Return the package's overview of ``frame``'s seats, if they would give it.

    The seats must be every seat of a shipped set, in the overview's order,
    with the package's very shapes (coordinate for coordinate) in EPSG:27700.
    """
    if frame.crs is None or frame.crs.to_epsg() != 27700:
        return None
    codes = frame["code"].tolist()
    seats = read_table("seats")
    for set_id in BOUNDARY_SETS:
        listed = seats.loc[seats["boundary_set"] == set_id, "code"]
        if len(listed) != len(codes) or set(listed) != set(codes):
            continue
        simplified = read_overview(set_id)
        shipped = read_boundaries(set_id)
        order = pd.Index(shipped["code"]).get_indexer(codes)
        polygons = shipped.geometry.to_numpy()[order]
        if (
            simplified["code"].tolist() == codes
            and shapely.equals_exact(polygons, frame.geometry.to_numpy(), 0).all()
            and web_tolerance(shipped) == tolerance
        ):
            return simplified.geometry.to_numpy()
    return None
