"""User boundary files: read, checked for sense, put on the British National Grid."""

from __future__ import annotations

import re
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import shapely

from ..elections import ONS_CODE
from ..errors import InputError
from ..validate import Problems, check_readable, listing, plural


def read_boundaries(
    path: Path | str, *, code_column: str | None = None, name_column: str | None = None
) -> gpd.GeoDataFrame:
    """Read a boundary file GDAL understands into ``code``, ``name``, geometry (27700).

    Parameters
    ----------
    path
        ESRI shapefile (with its ``.prj``), GeoPackage, GeoJSON, … in any CRS.
    code_column, name_column
        Columns holding the ONS code and the seat name; detected when omitted.
    """
    path = check_readable(path, "boundary file")
    problems = Problems(path)
    try:
        frame = pyogrio.read_dataframe(path)
    except Exception as error:  # GDAL's errors come in several types
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise InputError(
            [
                f"{path}: not a vector file GDAL can read ({reason}); export it as a "
                "shapefile, GeoPackage or GeoJSON"
            ]
        ) from None
    if len(frame) == 0:
        raise InputError([f"{path}: the file holds no features"])
    if frame.crs is None:
        raise InputError(
            [
                f"{path}: the file has no coordinate reference system; for a "
                "shapefile, "
                "keep its .prj file beside it, or save it again with a CRS "
                "(e.g. EPSG:27700 British National Grid)"
            ]
        )
    code_column = _pick_column(frame, code_column, "code", _looks_like_codes, problems)
    name_column = _pick_column(
        frame, name_column, "name", _looks_like_names, problems, exclude=code_column
    )
    problems.raise_if_any()
    _check_coordinates(frame, problems)
    codes = frame[code_column].astype("string").str.strip()
    for row in np.flatnonzero(codes.isna() | (codes == "")):
        problems.error("a feature has no code", where=f"feature {row + 1}")
    duplicated = codes[codes.duplicated(keep=False) & codes.notna()]
    if len(duplicated):
        problems.error(
            f"duplicate codes {listing(sorted(set(duplicated)))}; each seat must be "
            "one feature (dissolve the parts into one multipolygon)"
        )
    names = frame[name_column].astype("string") if name_column else codes
    geometry = frame.geometry
    for row in np.flatnonzero(geometry.isna() | geometry.is_empty):
        problems.error("the seat has no geometry", where=f"seat {codes.iloc[row]}")
    kinds = set(geometry.dropna().geom_type) - {"Polygon", "MultiPolygon"}
    if kinds:
        problems.error(f"seats must be polygons, found {listing(sorted(kinds))}")
    problems.raise_if_any()
    frame = gpd.GeoDataFrame(
        {"code": codes.to_numpy(dtype=object), "name": names.to_numpy(dtype=object)},
        geometry=geometry.to_crs(27700).to_numpy(),
        crs=27700,
    )
    invalid = ~frame.geometry.is_valid
    if invalid.any():
        frame.loc[invalid, "geometry"] = shapely.make_valid(
            frame.geometry[invalid].to_numpy(), method="structure", keep_collapsed=False
        )
        problems.warn(
            f"repaired invalid geometry of {plural(int(invalid.sum()), 'seat')}: "
            f"{listing(frame.loc[invalid, 'name'])}"
        )
    problems.raise_if_any()
    return frame


def _looks_like_codes(values: pd.Series) -> bool:
    text = values.dropna().astype(str).str.strip()
    return len(text) > 0 and text.str.match(ONS_CODE).mean() > 0.9


def _looks_like_names(values: pd.Series) -> bool:
    text = values.dropna().astype(str)
    return len(text) > 0 and text.str.contains(r"[A-Za-z]{3}").mean() > 0.9


def _pick_column(frame, chosen, what, test, problems, *, exclude=None):
    columns = [c for c in frame.columns if c not in ("geometry", exclude)]
    if chosen is not None:
        if chosen not in frame.columns:
            problems.error(
                f"no column {chosen!r}; the columns are {listing(columns, 20)}"
            )
        return chosen
    candidates = [
        c
        for c in columns
        if frame[c].dtype == object or pd.api.types.is_string_dtype(frame[c])
    ]
    hits = [c for c in candidates if test(frame[c])]
    if what == "name":
        preferred = [c for c in hits if re.search(r"(nm|name)$", c, re.I)]
        return (preferred or hits or [None])[0]
    if not hits:
        problems.error(
            f"no column of ONS codes (like E14001234) among {listing(columns, 20)}; "
            f"name it with --code-column"
        )
        return None
    return hits[0]


def _check_coordinates(frame: gpd.GeoDataFrame, problems: Problems) -> None:
    """Catch the commonest CRS mistake: metres labelled as degrees, or the reverse."""
    minx, miny, maxx, maxy = frame.total_bounds
    in_degrees = max(abs(minx), abs(maxx)) <= 180 and max(abs(miny), abs(maxy)) <= 90
    if frame.crs.is_geographic and not in_degrees:
        problems.error(
            f"the file says {frame.crs.name} (degrees) but its coordinates reach "
            f"{maxx:,.0f}, {maxy:,.0f}, which look like British National Grid metres; "
            "set its CRS to EPSG:27700"
        )
    elif not frame.crs.is_geographic and in_degrees:
        problems.error(
            f"the file says {frame.crs.name} (metres) but its coordinates stay within "
            f"{maxx:.2f}, {maxy:.2f}, which look like longitude and latitude; set its "
            "CRS to EPSG:4326"
        )
    problems.raise_if_any()
