"""User boundary files: read safely, checked for sense, put on the British Grid."""

from __future__ import annotations

import re
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyproj
import shapely

from ..elections import BOUNDARY_SETS, ELECTIONS, ONS_CODE, Election
from ..package import read_table
from ..text import seat_name_key, short_text
from ..validate import Problems, listing, plural, refuse
from .vector import WHY, open_vector

#: A plausible extent of the UK in the British National Grid (metres).
UK_X, UK_Y = (-250_000, 800_000), (-100_000, 1_300_000)


def read_boundaries(
    path: Path | str,
    *,
    code_column: str | None = None,
    name_column: str | None = None,
    layer: str | None = None,
    election: Election | None = None,
) -> gpd.GeoDataFrame:
    """Read a user's boundary file into ``code``, ``name``, geometry (EPSG:27700).

    Parameters
    ----------
    path
        ESRI shapefile (with its ``.prj``) or a folder holding one, GeoPackage,
        GeoJSON, TopoJSON, FlatGeobuf, or a ``.zip`` of one; in any CRS.
    code_column, name_column
        Columns holding the ONS code and the seat name; detected when omitted.
    layer
        The layer to read of a file (or zip, or folder) that holds several.
    election
        The election the seats are for: seats of another boundary set are
        refused as such, and the seats the package knows take its names.

    Returns
    -------
    geopandas.GeoDataFrame
        One valid two-dimensional (multi)polygon per seat; the features of a
        seat split across several are merged, with a warning.

    Raises
    ------
    InputError
        The file is of another kind, cannot be read or makes no sense as UK seats.
    """
    frame, driver, label = open_vector(path, layer)
    return _to_seats(frame, driver, label, (code_column, name_column), election)


def _package_names(codes: pd.Series, names: pd.Series, election, problems: Problems):
    """Name each seat the package knows as the package does; others as the file.

    Codes are the join key: "Battersea Boro Const" (the Ordnance Survey's name)
    of E14000549 is "Battersea" in popups, titles and name joins. A file's name
    that is another seat's (codes shifted by a row?) is said in a warning.
    """
    known = read_table("seats")
    known = known[known["boundary_set"] == election.boundary_set.id]
    package = codes.map(dict(zip(known["code"], known["name"], strict=True)))
    differ = package.notna() & names.notna()
    differ &= package.fillna("").map(seat_name_key) != names.fillna("").map(
        seat_name_key
    )
    if differ.any():
        shown = [
            f"{short_text(name)!r} ({short_text(code)}) is {seat}"
            for code, name, seat in zip(
                codes[differ], names[differ], package[differ], strict=True
            )
        ]
        count = int(differ.sum())
        problems.warn(
            f"{plural(count, 'seat')} of the file {'has' if count == 1 else 'have'} "
            f"another name than the package gives its code: {listing(shown, 3)}; "
            "check the codes; the package's names are shown (--name-column shows "
            "the file's)"
        )
    return package.where(package.notna(), names.fillna(codes)).astype("string")


def check_seat_set(codes, election: Election, label, what: str) -> None:
    """Refuse seats of another boundary set than the election's, saying which.

    Decided from the codes against the package's seat lists before any seat is
    found without a result: the 2024 seats with ``--election 2019`` are "the
    2024 seats", not 645 seats without a result. ``what`` names the file's kind
    in the fix ("boundaries", "a hex layout").
    """
    codes = pd.Series(list(codes), dtype=object)
    seats = read_table("seats").groupby("boundary_set")["code"]
    members = {set_id: set(group) for set_id, group in seats}
    share = {set_id: codes.isin(known).mean() for set_id, known in members.items()}
    own = election.boundary_set
    other = max(share, key=share.__getitem__)
    if share.get(own.id, 0) >= 0.5 or other == own.id or share[other] < 0.5:
        return
    years = [str(y) for y, e in ELECTIONS.items() if e.boundary_set.id == other]
    years_text = " or ".join(
        [", ".join(years[:-1]), years[-1]] if years[:-1] else years
    )
    example = short_text(codes[codes.isin(members[other])].iloc[0], 20)
    theirs = BOUNDARY_SETS[other].label.replace("boundaries", "seats")
    ours = own.label.replace("boundaries", "seats")
    refuse(
        label,
        f"these are the {theirs}, such as {example}, but --election "
        f"{election.year} uses the {ours}; pass --election {years_text}, or "
        f"{what} of the {ours}",
    )


# --- checked for sense, then put on the British National Grid ----------------------
def _to_seats(frame, driver: str, label, columns, election) -> gpd.GeoDataFrame:
    code_column, name_column = columns
    problems = Problems(label)
    if len(frame) == 0:
        refuse(label, "the file holds no features")
    crs = frame.crs
    if crs is None and driver == "TopoJSON":
        crs = pyproj.CRS.from_epsg(4326)  # TopoJSON is always longitude/latitude
    if crs is None:
        refuse(label, _no_crs(frame.geometry.to_numpy()))
    code_column = _pick_column(frame, code_column, "code", problems)
    name_column = _pick_column(
        frame, name_column, "name", problems, exclude=code_column
    )
    problems.raise_if_any()
    codes = frame[code_column].astype("string").str.strip()
    for row in np.flatnonzero(codes.isna() | (codes == "")):
        problems.error("a feature has no code", where=f"feature {row + 1}")
    names = frame[name_column].astype("string") if name_column else codes
    _check_split_seats(codes, names, problems)
    if election is not None:
        check_seat_set(codes, election, label, "boundaries")
    if election is not None and columns[1] is None:  # names the user did not choose
        named = names if name_column else pd.Series(pd.NA, index=codes.index)
        names = _package_names(codes, named, election, problems)
    geometry = gpd.GeoSeries(shapely.force_2d(frame.geometry.to_numpy()), crs=crs)
    for row in np.flatnonzero(geometry.isna() | geometry.is_empty):
        where = f"seat {short_text(codes.iloc[row])}"
        problems.error("the seat has no geometry, or one GDAL cannot read", where=where)
    kinds = set(geometry.dropna().geom_type) - {"Polygon", "MultiPolygon"}
    if kinds:
        problems.error(f"seats must be polygons, found {listing(sorted(kinds))}")
    problems.raise_if_any()
    shown = np.array([short_text(name) for name in names], dtype=object)
    _check_coordinates(geometry, shown, problems)
    shapes = _repaired(_to_british_grid(geometry, shown, label), shown, problems)
    seats = gpd.GeoDataFrame(
        {"code": codes.to_numpy(dtype=object), "name": names.to_numpy(dtype=object)},
        geometry=shapes,
        crs=27700,
    )
    return _dissolved(seats, problems)


#: How a column of codes and a column of names look (90% of their values).
LOOKS_LIKE = {"code": ONS_CODE, "name": re.compile(r"(?s).*[A-Za-z]{3}")}


def _pick_column(frame, chosen, what, problems, *, exclude=None):
    columns = [c for c in frame.columns if c not in ("geometry", exclude)]
    if chosen is not None and chosen not in frame.columns:
        problems.error(f"no column {chosen!r}; the columns are {listing(columns, 20)}")
    if chosen is not None:
        return chosen
    texts = [c for c in columns if pd.api.types.is_string_dtype(frame[c])]
    text = {c: frame[c].dropna().astype(str).str.strip() for c in texts}
    hits = [c for c, t in text.items() if t.str.match(LOOKS_LIKE[what]).mean() > 0.9]
    if what == "name":
        preferred = [c for c in hits if re.search(r"(nm|name)$", c, re.I)]
        return (preferred or hits or [None])[0]
    if not hits:
        problems.error(
            f"no column of ONS codes (like E14001234) among {listing(columns, 20)}; "
            f"name it with --code-column"
        )
    return (hits or [None])[0]


def _not_finite(values: np.ndarray) -> np.ndarray:
    """Return the rows of the seats with a coordinate that is infinite or NaN."""
    coords, rows = shapely.get_coordinates(values, return_index=True)
    return np.unique(rows[~np.isfinite(coords).all(axis=1)])


def _check_coordinates(geometry: gpd.GeoSeries, names, problems: Problems) -> None:
    """Catch the commonest CRS mistakes, and points that are not numbers."""
    broken = _not_finite(geometry.to_numpy())
    if len(broken):
        what = f"seats {listing(names[broken], 3)} have points that are not numbers"
        refuse(problems.path, f"{what}; fix or remove those points")
    crs, (minx, miny, maxx, maxy) = geometry.crs, geometry.total_bounds
    in_degrees = max(abs(minx), abs(maxx)) <= 180 and max(abs(miny), abs(maxy)) <= 90
    if crs.is_geographic and not in_degrees:
        problems.error(
            f"the file says {short_text(crs.name)} (degrees) but its coordinates reach "
            f"{maxx:,.0f}, {maxy:,.0f}, which look like British National Grid metres; "
            "set its CRS to EPSG:27700"
        )
    elif not crs.is_geographic and in_degrees:
        problems.error(
            f"the file says {short_text(crs.name)} (metres) but its coordinates stay "
            f"within {maxx:.2f}, {maxy:.2f}, which look like longitude and latitude; "
            "set its CRS to EPSG:4326"
        )
    elif crs.is_geographic and 49 <= minx <= maxx <= 61 and -9 <= miny <= maxy <= 2.5:
        problems.error(
            f"latitude and longitude look swapped (x runs {minx:.2f} to {maxx:.2f}, "
            f"y {miny:.2f} to {maxy:.2f}); save it again with longitude first"
        )
    problems.raise_if_any()


def _to_british_grid(geometry: gpd.GeoSeries, names, label) -> np.ndarray:
    """Reproject to EPSG:27700; refuse a CRS that will not go, or seats off the UK."""
    cannot = (
        f"cannot convert its coordinate system ({short_text(geometry.crs.name)}) to "
        "the British National Grid; save it in EPSG:27700 or EPSG:4326"
    )
    try:
        pyproj.Transformer.from_crs(geometry.crs, 27700, always_xy=True)
        shapes = geometry.to_crs(27700).to_numpy()
    except (pyproj.exceptions.ProjError, pyproj.exceptions.CRSError):
        refuse(label, cannot)
    if len(_not_finite(shapes)):
        refuse(label, cannot)
    bounds = shapely.bounds(shapes)
    out_x = (bounds[:, 0] < UK_X[0]) | (bounds[:, 2] > UK_X[1])
    out_y = (bounds[:, 1] < UK_Y[0]) | (bounds[:, 3] > UK_Y[1])
    outside = np.flatnonzero(out_x | out_y)
    if len(outside):
        minx, miny, maxx, maxy = bounds[outside[0]]
        x, y = (minx if minx < UK_X[0] else maxx), (miny if miny < UK_Y[0] else maxy)
        more = f" (so do {listing(names[outside[1:]], 3)})" if len(outside) > 1 else ""
        reach = f"x={_short(x)}, y={_short(y)}"
        where = f"seat {names[outside[0]]} reaches {reach}, outside the UK{more}"
        refuse(label, f"{where}; check its coordinate system and stray points")
    return shapes


def _short(value: float) -> str:
    return f"{value:,.0f}" if abs(value) < 1e9 else f"{value:.3g}"


def _repaired(shapes: np.ndarray, names, problems: Problems) -> np.ndarray:
    """Repair invalid shapes (as projected); refuse a seat that repairs to nothing."""
    invalid = ~shapely.is_valid(shapes)
    if not invalid.any():
        return shapes
    shapes = shapes.copy()
    shapes[invalid] = shapely.make_valid(
        shapes[invalid], method="structure", keep_collapsed=False
    )
    collapsed = np.flatnonzero(shapely.is_empty(shapes) | shapely.is_missing(shapes))
    for row in collapsed:
        problems.error(WHY["collapse"], where=f"seat {names[row]}")
    if not len(collapsed):
        problems.warn(
            f"repaired invalid geometry of {plural(int(invalid.sum()), 'seat')}: "
            f"{listing(names[invalid])}"
        )
    problems.raise_if_any()
    return shapes


def _check_split_seats(codes: pd.Series, names: pd.Series, problems: Problems) -> None:
    """Refuse a code shared by features of different names: a mistaken code.

    The parts of one seat (its islands, as separate features) share its name, in
    any spelling; they are merged by :func:`_dissolved`.
    """
    split = (codes.duplicated(keep=False) & codes.notna()).to_numpy()
    for code, group in names[split].groupby(codes[split].to_numpy()):
        if len({seat_name_key(name) for name in group.fillna("")}) > 1:
            shown = listing(sorted({short_text(name) for name in group.fillna("")}))
            problems.error(
                f"duplicate codes {short_text(code)} for features named {shown}; "
                "give each seat its own code (the parts of one seat share its name)"
            )


def _dissolved(seats: gpd.GeoDataFrame, problems: Problems) -> gpd.GeoDataFrame:
    """Merge the features of a seat that a file splits into several (its islands).

    Each code becomes one (multi)polygon, the union of its features, named as its
    first feature; the seats so merged are named in one warning.
    """
    split = seats["code"].duplicated(keep=False)
    if not split.any():
        return seats
    parts = seats[split].groupby("code", sort=False).geometry
    unions = parts.agg(lambda shapes: shapely.union_all(shapes.to_numpy()))
    merged = seats[~seats["code"].duplicated()].reset_index(drop=True)
    rows = merged["code"].isin(unions.index).to_numpy()
    shapes = merged.geometry.to_numpy().copy()
    shapes[rows] = unions.loc[merged.loc[rows, "code"]].to_numpy()
    named = [
        f"{short_text(name)} ({short_text(code)})"
        for code, name in zip(merged["code"][rows], merged["name"][rows], strict=True)
    ]
    problems.warn(
        f"merged {plural(int(split.sum()), 'feature')} sharing a code into "
        f"{plural(len(unions), 'seat')} (one multipolygon each): {listing(named)}"
    )
    problems.raise_if_any()
    return merged.set_geometry(shapes)


def _no_crs(shapes: np.ndarray) -> str:
    """Why a file without a CRS is refused, and the CRS its coordinates look like."""
    minx, miny, maxx, maxy = shapely.total_bounds(shapes)
    if -9 <= minx <= maxx <= 2.5 and 49 <= miny <= maxy <= 61:
        looks, crs = "longitude and latitude", "EPSG:4326"
    elif UK_X[0] <= minx <= maxx <= UK_X[1] and UK_Y[0] <= miny <= maxy <= UK_Y[1]:
        looks, crs = "British National Grid metres", "EPSG:27700"
    else:
        return WHY["no crs"]
    return (
        f"the file has no coordinate reference system; its coordinates look like "
        f"{looks}: save it again in {crs} (a shapefile keeps it in its .prj file)"
    )
