"""The equal-area hex view: one hexagon per seat, in the Open Innovations layout.

A user's own HexJSON layout (:mod:`mapping.formats.hexjson`) may replace it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from .package import read_table

if TYPE_CHECKING:  # the layout is a table; only the hexagons are geometry
    import geopandas as gpd

#: Distance from a hexagon's centre to its corners, in metres of the British
#: National Grid: London's 75 hexes then span about the width of London.
HEX_SIZE_M = 2000.0
#: Words shortened in seat labels, as data rather than an if/elif chain.
SHORT_WORDS = {
    "and": "&",
    "North": "N",
    "South": "S",
    "East": "E",
    "West": "W",
    "Central": "C",
}
SHORT_LABEL = 14  # names up to this many characters are left as they are


def hex_layout(
    codes: pd.Series, boundary_set: str, *, layout: pd.DataFrame | None = None
) -> pd.DataFrame | None:
    """Return the hex grid positions (``code``, ``q``, ``r``) of these seats.

    Parameters
    ----------
    codes
        The seats, in the order of the map's frame.
    boundary_set
        The boundary set of the shipped Open Innovations layout to use.
    layout
        A user's layout (``code``, ``q``, ``r``, odd-r) used instead of the
        shipped one, as :func:`mapping.formats.hexjson.read_hexjson` reads it.

    Returns
    -------
    pandas.DataFrame or None
        ``None`` when the layout does not place every one of the seats (areas of
        the user's own): such maps have the geographic view only.
    """
    if layout is None:
        layout = read_table("hexes")
        layout = layout[layout["boundary_set"] == boundary_set]
    layout = layout.set_index("code")
    if len(codes) == 0 or not codes.isin(layout.index).all():
        return None
    return layout.loc[codes, ["q", "r"]].reset_index()


#: Where the centre of each hex of a HexJSON layout lies, in hex sizes (y runs
#: north): the shifted rows ("-r") or columns ("-q") are the odd or even ones,
#: and HexJSON shifts rows right and columns down (as d3-hexjson draws them).
SHIFTED = {"odd-r": 1, "even-r": 0, "odd-q": 1, "even-q": 0}


def to_odd_r(q: np.ndarray, r: np.ndarray, layout: str) -> tuple[np.ndarray, ...]:
    """Return the odd-r positions of hexes of a HexJSON ``layout``.

    Row layouts (pointy-topped hexes) keep their shape exactly. Column layouts
    (flat-topped hexes) are turned 30° clockwise onto rows: every hex keeps its
    six neighbours, but the picture is turned.
    """
    q, r = np.asarray(q, dtype=np.int64), np.asarray(r, dtype=np.int64)
    if layout.endswith("-r"):  # even-r: shift the grid half a hex left
        return q - (r & 1) * (1 - SHIFTED[layout]), r
    shifted = (q & 1) == SHIFTED[layout]
    x, y = 1.5 * q, np.sqrt(3) * (r - 0.5 * shifted)
    angle = np.radians(-30)
    x, y = x * np.cos(angle) - y * np.sin(angle), x * np.sin(angle) + y * np.cos(angle)
    x, y = x - x[0], y - y[0]  # one hex on (0, 0): all then lie on odd-r centres
    rows = np.rint(y / 1.5).astype(np.int64)
    return np.rint(x / np.sqrt(3) - 0.5 * (rows & 1)).astype(np.int64), rows


def hex_geometries(
    layout: pd.DataFrame, *, centre: tuple[float, float] | None = None
) -> gpd.GeoSeries:
    """Return a pointy-top hexagon for each row of ``layout``, in EPSG:27700.

    The layout is "odd-r" (odd rows shifted right by half a hexagon; rows run
    northwards). The hexes are centred on ``centre`` (default: central London)
    so that they can share a web map with the real boundaries.
    """
    import geopandas as gpd
    import shapely

    q = layout["q"].to_numpy(dtype=float)
    r = layout["r"].to_numpy(dtype=int)
    x = HEX_SIZE_M * np.sqrt(3) * (q + 0.5 * (r & 1))
    y = HEX_SIZE_M * 1.5 * r
    cx, cy = centre if centre is not None else (530000.0, 180000.0)
    x += cx - (x.min() + x.max()) / 2
    y += cy - (y.min() + y.max()) / 2
    angles = np.radians(30 + 60 * np.arange(6))
    rings = np.stack(
        [
            x[:, None] + HEX_SIZE_M * np.cos(angles)[None, :],
            y[:, None] + HEX_SIZE_M * np.sin(angles)[None, :],
        ],
        axis=-1,
    )
    polygons = shapely.polygons(np.round(rings, 1))
    return gpd.GeoSeries(polygons, index=layout.index, crs=27700)


def hex_frame(frame: gpd.GeoDataFrame, layout: pd.DataFrame) -> gpd.GeoDataFrame:
    """Return ``frame`` with each seat's geometry replaced by its hexagon.

    ``layout`` is :func:`hex_layout` of the seats of ``frame``, in their order.
    """
    hexes = hex_geometries(layout, centre=_centre(frame.geometry))
    return frame.set_geometry(hexes.set_axis(frame.index).to_numpy())


def _centre(geometry: gpd.GeoSeries) -> tuple[float, float]:
    """Return the centroid of the seats' union, without computing the union.

    The area-weighted mean of the centroids is the same point, found in
    milliseconds, and never fails on imperfect shapes as a union can.
    """
    areas = geometry.area.to_numpy()
    centroids = geometry.centroid
    weights = areas if areas.sum() > 0 else None
    return (
        float(np.average(centroids.x, weights=weights)),
        float(np.average(centroids.y, weights=weights)),
    )


def short_label(name: str) -> str:
    """Shorten a long seat name ("Hackney N & Stoke Newington") and wrap it."""
    if len(name) > SHORT_LABEL:
        name = " ".join(SHORT_WORDS.get(word, word) for word in name.split())
    name = re.sub(r",\s*", " ", name)
    if len(name) <= SHORT_LABEL:
        return name
    # Two lines of about equal length: break at the space nearest the middle.
    spaces = [i for i, char in enumerate(name) if char == " "]
    if not spaces:
        return name
    middle = min(spaces, key=lambda i: abs(i - len(name) / 2))
    return name[:middle] + "\n" + name[middle + 1 :]
