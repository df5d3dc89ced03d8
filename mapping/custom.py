"""Join a user's boundaries and results (or the shipped ones) into one frame."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from . import logic
from .api import assemble_results, load_election, load_votes, seat_results
from .dataset import ElectionData
from .elections import get_election
from .errors import UnknownRegionError
from .hexes import hex_layout
from .joins import check_coverage, current_results
from .notional import notional_changes, notional_credit, notional_year
from .package import credits as package_credits
from .package import read_boundaries, read_table
from .regions import check_ring, is_all, region_label, select_region

if TYPE_CHECKING:
    import geopandas as gpd

CUSTOM_REGION = "Custom areas"
#: Where a user's --results use codes of the other boundary set.
RESULTS_HINT = (
    "pass --election with a year of those boundaries, or --boundaries with "
    "matching seats"
)


def load_data(
    year: int,
    *,
    region: str = "london",
    ring: int = 0,
    boundaries: Path | str | None = None,
    results: Path | str | None = None,
    notional: Path | str | None = None,
    code_column: str | None = None,
    name_column: str | None = None,
    allow_missing: bool = False,
    boundary_layer: str | None = None,
    attribution: str | None = None,
    hexes: Path | str | None = None,
    geometry: bool = True,
) -> ElectionData:
    """Return one election's seats, from shipped or user data, with their credits.

    Parameters
    ----------
    year
        The election; with ``results`` it names the boundary set and the title.
    region
        "london", "all", a region name, or several separated by commas.
    ring
        Also the seats that share a border with the region, ``ring`` times
        over (from the geometry of the boundaries in use).
    boundaries, results
        A user's boundary file and results table; ``None`` uses the package.
    notional
        A user's notional results of the previous election on the seats of
        ``year`` (2010 or 2024), in any layout ``results`` takes: the changes
        (of share, majority, swing) are measured against it; gains keep the
        official notional calls.
    code_column, name_column
        Columns of the boundary file (detected when omitted).
    allow_missing
        Leave seats without a result grey (and results without a seat out)
        instead of refusing the files.
    boundary_layer
        The layer of ``boundaries`` to read when it holds several (a GeoPackage
        of several layers, a zip or folder of several shapefiles).
    attribution
        The credit of the user's files; by default their file names.
    hexes
        A user's HexJSON hex layout for the hex view, in place of the shipped
        Open Innovations layout; it must place every seat of the map.
    geometry
        ``False`` for a table: the shipped boundaries are not read and the
        seats are a plain DataFrame, the same rows and columns but the shapes
        (a user's boundary file is still read: it says which seats there are).

    Returns
    -------
    ElectionData
        The seats (as :func:`mapping.load_election` returns them; a seat without
        a result has no winner), votes, title, hex layout and credits.
    """
    election = get_election(year)
    check_ring(ring)
    if notional is not None:
        notional_year(election)  # refused before any file is read
    frame, votes = _seats_and_votes(
        election,
        region,
        ring,
        boundaries,
        results,
        notional,
        code_column=code_column,
        name_column=name_column,
        allow_missing=allow_missing,
        boundary_layer=boundary_layer,
        geometry=geometry,
    )
    layout = _hex_layout(frame, election, hexes)
    credits = _credits(frame, (boundaries, results, hexes), layout, attribution)
    if notional is not None:
        credits["notional"] = notional_credit(notional, election, attribution)
    return ElectionData(
        seats=frame.drop(columns="previous_source", errors="ignore"),
        votes=votes,
        election=election.year,
        region_label=region_label(frame["region"], region, ring=ring),
        credits=credits,
        hex_layout=layout,
        boundary_set=election.boundary_set.id if boundaries is None else None,
    )


def _credits(frame, files, layout, attribution) -> dict[str, str]:
    """Return the credit of each source the seats were made from, and no other.

    ``files`` are the user's boundaries, results and hexes (or ``None``), each
    credited by name, or as ``attribution`` says.
    """
    shipped = package_credits()
    credits = {}
    boundaries, results, hexes = files
    for kind, path in (("boundaries", boundaries), ("results", results)):
        if path is None:
            credits[kind] = shipped[kind]
        else:
            credits[kind] = attribution or f"{kind}: {Path(path).name}"
    if frame["remain_pct"].notna().any():
        credits["remain"] = shipped["remain"]
    if "previous_source" in frame and (frame["previous_source"] == "package").any():
        credits["previous"] = f"gains against {shipped['results']}"
    if layout is not None and hexes is None:
        credits["hexes"] = shipped["hexes"]
    elif layout is not None:
        credits["hexes"] = attribution or f"hex layout: {Path(hexes).name}"
    return credits


def _hex_layout(frame, election, hexes) -> pd.DataFrame | None:
    """Return the hex positions of the seats: the user's layout, or the shipped."""
    if hexes is None:
        return hex_layout(frame["code"], election.boundary_set.id)
    from .formats.hexjson import read_hex_layout

    return read_hex_layout(hexes, frame, election)


def _seats_and_votes(
    election,
    region: str,
    ring: int,
    boundaries,
    results,
    notional,
    *,
    code_column,
    name_column,
    allow_missing: bool,
    boundary_layer,
    geometry: bool = True,
) -> tuple[gpd.GeoDataFrame, pd.DataFrame]:
    """Return the seats of the region joined to their results, and the votes."""
    geometry = geometry or ring > 0  # the ring is found from the shapes
    if boundaries is None and results is None and notional is None:
        frame = load_election(
            election.year, region=region, ring=ring, geometry=geometry
        )
        votes = load_votes(election.year, region="all")
        return frame, votes[votes["code"].isin(frame["code"])].reset_index(drop=True)
    if boundaries is not None:
        from .formats.boundaries import read_boundaries as read_user_boundaries

        shapes = read_user_boundaries(
            boundaries,
            code_column=code_column,
            name_column=name_column,
            layer=boundary_layer,
            election=election,
        )
    else:
        shapes = _shipped_shapes(election.boundary_set.id, geometry=geometry)
    every_seat = _with_regions(shapes)
    shapes = _select(every_seat, region, election, ring)
    # A user's boundaries must all find a result; the shipped ones in the region.
    # A user's results must all find a seat; the shipped ones cover all 650.
    checked = every_seat if boundaries is not None else shapes
    placed = every_seat if results is not None else None
    table, votes = _results(
        election, results, notional, every_seat, checked, allow_missing
    )
    check_coverage(
        checked,
        table["code"],
        placed,
        allow_missing=allow_missing,
        source=boundaries or results,
        boundary_set=election.boundary_set.id,
    )
    frame = shapes.merge(table, on="code", how="left")
    frame["gain"] = frame["gain"].fillna(False).astype(bool)
    frame = frame.sort_values("name", ignore_index=True)
    frame["election"] = election.year
    votes = votes[votes["code"].isin(frame["code"])].reset_index(drop=True)
    return frame, votes


def _results(
    election, results, notional, seats, checked, allow_missing: bool
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return the results of every seat (the user's or the package's), and votes.

    With ``notional``, the changes are measured against the user's notional
    results; gains keep the previous winners they would have without it.
    """
    if results is None and notional is None:
        table = seat_results(election.year).drop(columns=["name", "region"])
        return table, load_votes(election.year, region="all")
    if results is not None:
        from .formats.results import read_results  # readers load only when used

        current, votes, rows = current_results(
            read_results(results), seats, election, hint=RESULTS_HINT
        )
        previous = _previous_winners(rows, election)
    else:
        current, votes = _shipped_results(election.year)
        official = seat_results(election.year)
        previous = official[["code", "previous_winner"]].assign(
            previous_source="package"
        )
    if notional is not None:
        previous = notional_changes(
            notional,
            election,
            current,
            previous,
            seats=seats,
            checked=checked,
            allow_missing=allow_missing,
        )
    table = assemble_results(election, current, previous)
    if results is None:  # the package's own call of each seat
        calls = official.set_index("code")["official_result"]
        table["official_result"] = table["code"].map(calls)
    return table, votes


def _shipped_results(year: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return the package's results and shares of ``year``, and its votes."""
    votes = load_votes(year, region="all")
    counted = read_table("results").query("election == @year")
    return logic.results_with_shares(counted, votes), votes


def _shipped_shapes(set_id: str, *, geometry: bool = True) -> gpd.GeoDataFrame:
    seats = read_table("seats").query("boundary_set == @set_id")[["code", "name"]]
    if not geometry:  # the package's seats, in the boundaries' order (by code)
        return seats.sort_values("code", ignore_index=True)
    return read_boundaries(set_id).merge(seats, on="code")


def _previous_winners(seats: pd.DataFrame, election) -> pd.DataFrame:
    """Return the previous winner of each seat: from the file, else the package's.

    A file without previous winners borrows the package's (the previous
    general election, or the official notional result across a boundary
    change), marked in ``previous_source`` so that the maps credit it.
    """
    changes = seats[["code", "previous_winner"]].assign(previous_source="file")
    if seats["previous_winner"].notna().any():
        return changes
    package = seat_results(election.year).set_index("code")["previous_winner"]
    found = changes["code"].map(package)
    source = pd.Series("package", index=found.index).where(found.notna())
    return changes.assign(previous_winner=found, previous_source=source)


def _with_regions(shapes: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    regions = read_table("seats").drop_duplicates("code").set_index("code")["region"]
    return shapes.assign(region=shapes["code"].map(regions).fillna(CUSTOM_REGION))


def _select(
    shapes: gpd.GeoDataFrame, region: str, election, ring: int
) -> gpd.GeoDataFrame:
    if set(shapes["region"]) == {CUSTOM_REGION} and not is_all(region):
        raise UnknownRegionError(
            f"the boundaries hold no region {region!r} (their codes are not ONS "
            "constituency codes of the package); pass --region all"
        )
    chosen = select_region(shapes, region, election, ring=ring, shapes=shapes)
    return chosen.reset_index(drop=True)
