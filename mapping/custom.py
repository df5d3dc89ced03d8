"""Join a user's boundaries and results (or the shipped ones) into one frame."""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from . import logic
from .api import (
    assemble_results,
    load_election,
    load_votes,
    seat_results,
    select_region,
)
from .dataset import ElectionData
from .elections import BOUNDARY_SETS, get_election
from .errors import InputError, UnknownRegionError
from .hexes import hex_layout
from .package import credits as package_credits
from .package import read_boundaries, read_table
from .text import normalise_name, seat_name_key
from .validate import Problems, listing, plural

if TYPE_CHECKING:
    import geopandas as gpd

    from .formats.results import UserResults

CUSTOM_REGION = "Custom areas"


def load_data(
    year: int,
    *,
    region: str = "london",
    boundaries: Path | str | None = None,
    results: Path | str | None = None,
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
        "london", "all" or a region name.
    boundaries, results
        A user's boundary file and results table; ``None`` uses the package.
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
    frame, votes = _seats_and_votes(
        election,
        region,
        boundaries,
        results,
        code_column=code_column,
        name_column=name_column,
        allow_missing=allow_missing,
        boundary_layer=boundary_layer,
        geometry=geometry,
    )
    layout = _hex_layout(frame, election, hexes)
    credits = _credits(frame, (boundaries, results, hexes), layout, attribution)
    return ElectionData(
        seats=frame.drop(columns="previous_source", errors="ignore"),
        votes=votes,
        election=election.year,
        region_label=region_label(frame["region"], region),
        credits=credits,
        hex_layout=layout,
    )


def region_label(frame_regions, region: str) -> str:
    """Display name of the region of a set of seats."""
    names = sorted(set(frame_regions))
    if len(names) == 1:
        return names[0]
    return "United Kingdom" if region.casefold() == "all" else region


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
    boundaries,
    results,
    *,
    code_column,
    name_column,
    allow_missing: bool,
    boundary_layer,
    geometry: bool = True,
) -> tuple[gpd.GeoDataFrame, pd.DataFrame]:
    """Return the seats of the region joined to their results, and the votes."""
    if boundaries is None and results is None:
        if geometry:
            frame = load_election(election.year, region=region)
        else:  # load_election's rows and order, without reading the shapes
            frame = select_region(seat_results(election.year), region, election)
            frame = frame.sort_values("name", ignore_index=True)
        return frame, load_votes(election.year, region=region)
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
    if results is not None:
        from .formats.results import read_results  # readers load only when used

        table, votes = _user_table(read_results(results), shapes, election)
    else:
        table = seat_results(election.year).drop(columns=["name", "region"])
        votes = load_votes(election.year, region="all")
    every_seat = _with_regions(shapes)
    shapes = _select(every_seat, region, election)
    # A user's boundaries must all find a result; the shipped ones in the region.
    # A user's results must all find a seat; the shipped ones cover all 650.
    checked = every_seat if boundaries is not None else shapes
    placed = every_seat if results is not None else None
    source = boundaries or results
    frame = _join(
        shapes,
        table,
        checked,
        placed,
        allow_missing,
        source,
        election=election.boundary_set.id,
    )
    frame["election"] = election.year
    votes = votes[votes["code"].isin(frame["code"])].reset_index(drop=True)
    return frame, votes


def _shipped_shapes(set_id: str, *, geometry: bool = True) -> gpd.GeoDataFrame:
    seats = read_table("seats").query("boundary_set == @set_id")[["code", "name"]]
    if not geometry:  # the package's seats, in the boundaries' order (by code)
        return seats.sort_values("code", ignore_index=True)
    return read_boundaries(set_id).merge(seats, on="code")


def _user_table(
    results: UserResults, shapes: gpd.GeoDataFrame, election
) -> tuple[pd.DataFrame, pd.DataFrame]:
    seats = results.seats.copy()
    if seats["code"].isna().all():
        seats["code"] = match_names(results, shapes)
        _check_one_row_per_seat(results, seats)
    else:
        _check_boundary_set(results, seats["code"], shapes, election)
    codes = dict(zip(seats["row"], seats["code"], strict=True))
    votes = results.votes.assign(code=results.votes["row"].map(codes))
    votes = votes.drop(columns="row")
    counted = seats[["code", "electorate", "valid_votes"]].assign(first_party=None)
    if results.kind == "winners":
        current = logic.results_from_winners(seats)
    elif results.kind == "shares":
        current = logic.results_from_shares(counted, votes)
        votes = votes.iloc[0:0]  # shares are not votes
    else:
        current = logic.results_with_shares(counted, votes)
    table = assemble_results(election, current, _previous_winners(seats, election))
    names = seats.set_index("code")["winner_name"]
    table["winner_name"] = table["code"].map(names).fillna(table["winner_name"])
    return table, votes


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


def _check_one_row_per_seat(results: UserResults, seats: pd.DataFrame) -> None:
    """Refuse two rows whose names match the same seat ("Putney" and "PUTNEY")."""
    problems = Problems(results.path)
    for code, group in seats[seats["code"].duplicated(keep=False)].groupby("code"):
        problems.error(
            f"rows {listing(group['row'])} ({listing(group['name'])}) all match "
            f"seat {code}; one row per seat"
        )
    problems.raise_if_any()


def _check_boundary_set(results: UserResults, codes, shapes, election) -> None:
    """Refuse results whose codes belong to the other boundary set."""
    known = set(shapes["code"])
    if codes.isin(known).mean() >= 0.5:
        return
    for set_id, bounds in BOUNDARY_SETS.items():
        seats = set(read_table("seats").query("boundary_set == @set_id")["code"])
        if set_id != election.boundary_set.id and codes.isin(seats).mean() >= 0.5:
            raise InputError(
                [
                    f"{results.path}: its codes belong to the {bounds.label} (e.g. "
                    f"{codes.iloc[0]}), but {election.year} was fought on the "
                    f"{election.boundary_set.label}; pass --election with a year of "
                    "those boundaries, or --boundaries with matching seats"
                ]
            )


def _with_regions(shapes: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    regions = read_table("seats").drop_duplicates("code").set_index("code")["region"]
    return shapes.assign(region=shapes["code"].map(regions).fillna(CUSTOM_REGION))


def _join(shapes, table, checked, placed, allow_missing, source, *, election):
    """Join seats and results; refuse seats without results and the reverse.

    Every seat of ``checked`` needs a result; with ``placed``, every result needs
    a seat of it, but for the results of other seats of the election: those lie
    outside regional boundaries, are not mapped, and are counted in a warning.
    """
    problems = Problems(source)
    no_result = sorted(set(checked["code"]) - set(table["code"]))
    no_seat = set(table["code"]) - set(placed["code"]) if placed is not None else set()
    seats = read_table("seats")
    outside = no_seat & set(seats.loc[seats["boundary_set"] == election, "code"])
    no_seat -= outside
    if outside:
        lie, are = ("lies", "is") if len(outside) == 1 else ("lie", "are")
        problems.warn(
            f"{plural(len(outside), 'result')} {lie} outside these boundaries and "
            f"{are} not mapped"
        )
    names = dict(zip(checked["code"], checked["name"], strict=True))
    if no_result and not allow_missing:
        problems.error(
            f"{plural(len(no_result), 'seat')} of the boundaries have no result: "
            f"{listing(f'{names[c]} ({c})' for c in no_result)}; add them, or pass "
            "--allow-missing to leave them grey"
        )
    if no_seat and not allow_missing:
        problems.error(
            f"{plural(len(no_seat), 'result')} match no seat of the boundaries: "
            f"{listing(sorted(no_seat))}; check the codes, or pass --allow-missing "
            "to leave them out"
        )
    problems.raise_if_any()
    frame = shapes.merge(table, on="code", how="left")
    frame["gain"] = frame["gain"].fillna(False).astype(bool)
    return frame.sort_values("name", ignore_index=True)


def _select(shapes: gpd.GeoDataFrame, region: str, election) -> gpd.GeoDataFrame:
    if set(shapes["region"]) == {CUSTOM_REGION} and region.casefold() != "all":
        raise UnknownRegionError(
            f"the boundaries hold no region {region!r} (their codes are not ONS "
            "constituency codes of the package); pass --region all"
        )
    return select_region(shapes, region, election).reset_index(drop=True)


def match_names(results: UserResults, seats: pd.DataFrame) -> pd.Series:
    """Give each result row the code of the seat whose name matches.

    Raises
    ------
    InputError
        Listing every unmatched name with the closest seat names.
    """
    lookup: dict[str, str] = {}
    for code, name in zip(seats["code"], seats["name"], strict=True):
        lookup.setdefault(seat_name_key(name), code)
    problems = Problems(results.path)
    codes = []
    for row, name in zip(results.seats["row"], results.seats["name"], strict=True):
        code = lookup.get(seat_name_key(name))
        if code is None:
            keys = {normalise_name(n): n for n in seats["name"]}
            close = difflib.get_close_matches(normalise_name(name), list(keys), n=3)
            hint = f"; closest: {listing([keys[c] for c in close])}" if close else ""
            problems.error(f"no seat called {name!r}{hint}", where=f"row {row}")
        codes.append(code)
    problems.raise_if_any()
    return pd.Series(codes, index=results.seats.index)
