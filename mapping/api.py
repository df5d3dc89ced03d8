"""The Python API: one election as a GeoDataFrame, ready to map or tabulate."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from . import logic
from .elections import Election, get_election
from .errors import UnknownRegionError
from .package import read_boundaries, read_table

if TYPE_CHECKING:  # tables import no geometry stack
    import geopandas as gpd

#: Columns of ``london-maps table``, in order: a fixed interface.
TABLE_COLUMNS = [
    "code",
    "name",
    "region",
    "election",
    "winner",
    "winner_name",
    "runner_up",
    "previous_winner",
    "gain",
    "gained_from",
    "majority",
    "majority_pct",
    "turnout_pct",
    "remain_pct",
    "electorate",
    "valid_votes",
]
#: Columns of whole numbers (people and votes).
COUNT_COLUMNS = ["election", "majority", "electorate", "valid_votes"]
ALL_REGIONS = "all"
DEFAULT_REGION = "london"


def load_election(year: int, *, region: str = DEFAULT_REGION) -> gpd.GeoDataFrame:
    """Return every seat of one general election with its result and geometry.

    Parameters
    ----------
    year
        2010, 2015, 2017, 2019 or 2024.
    region
        "london" (default), "all", or a region name such as "South East"
        (case does not matter).

    Returns
    -------
    GeoDataFrame
        One row per seat in EPSG:27700 with the columns of :data:`TABLE_COLUMNS`
        plus ``result`` ("Lab gain from Con"), ``official_result``, the winner's
        and runner-up's votes, ``majority_change``, ``share_<party>``,
        ``change_<party>`` and ``swing_con_to_lab`` (points; not comparable, so
        empty, where the boundaries changed).
    """
    election = get_election(year)
    table = seat_results(election.year)
    table = select_region(table, region, election)
    shapes = read_boundaries(election.boundary_set.id)
    frame = shapes.merge(table, on="code", how="inner")
    return frame.sort_values("name", ignore_index=True)


def load_votes(year: int, *, region: str = DEFAULT_REGION) -> pd.DataFrame:
    """Return the votes of every party (and candidate, where known) in each seat."""
    election = get_election(year)
    votes = _votes(election.year)
    codes = select_region(_seats(election), region, election)["code"]
    return votes[votes["code"].isin(codes)].reset_index(drop=True)


def seat_results(year: int) -> pd.DataFrame:
    """All 650 seats of one election with every computed column (no geometry)."""
    election = get_election(year)
    now = _results_with_shares(election.year)
    if election.previous is not None:
        before = _results_with_shares(election.previous)
        changes = logic.compare_with_previous(now, before)
        swing = logic.butler_swing(now, before, to="Lab", from_="Con")
        changes = changes.merge(swing.reset_index(), on="code")
    else:
        changes = logic.gains_from_calls(now, _official(election.year)["result"])
    table = assemble_results(election, now, changes)
    table["official_result"] = table["code"].map(_official(election.year)["result"])
    return _seats(election).merge(table, on="code")


def assemble_results(
    election: Election, current: pd.DataFrame, changes: pd.DataFrame
) -> pd.DataFrame:
    """Join every computed column of one election: the one assembly for all data.

    Parameters
    ----------
    election
        The election, for the Remain estimates of its boundary set.
    current
        Winners, majorities and shares of each seat, from
        :func:`mapping.logic.results_with_shares`.
    changes
        ``code`` and ``previous_winner``; where known, ``gain``, ``gained_from``,
        ``majority_change``, ``change_<party>`` and swing columns. Gains not
        given follow from the previous winner; changes not given are empty.
    """
    table = current.merge(changes, on="code", how="left")
    if "gain" not in changes:
        table = logic.mark_gains(table, table["winner"])
    if "majority_change" not in changes:
        table["majority_change"] = np.nan
    table = table.merge(_remain(election), on="code", how="left")
    table["official_result"] = None
    table["result"] = logic.result_labels(table)
    table.insert(1, "election", election.year)
    return table


def table_of(frame: pd.DataFrame) -> pd.DataFrame:
    """Return the fixed columns of ``london-maps table``, rounded for print."""
    table = pd.DataFrame(frame[TABLE_COLUMNS]).copy()
    for column in ("majority_pct", "turnout_pct", "remain_pct"):
        table[column] = table[column].round(2)
    for column in COUNT_COLUMNS:  # whole numbers, even where a seat has none
        table[column] = table[column].astype("Int64")
    return table


def regions(year: int) -> list[str]:
    """Names of the regions of the boundary set of ``year``."""
    return sorted(_seats(get_election(year))["region"].unique())


def select_region(table: pd.DataFrame, region: str, election: Election) -> pd.DataFrame:
    """Keep the seats of ``region`` ("all", "london" or a region name)."""
    if region.casefold() == ALL_REGIONS:
        return table
    names = {name.casefold(): name for name in table["region"].unique()}
    if region.casefold() not in names:
        choices = ", ".join(["all", *sorted(names.values())])
        raise UnknownRegionError(
            f"no region {region!r} on the {election.boundary_set.label}; "
            f"choose one of {choices}"
        )
    return table[table["region"] == names[region.casefold()]]


def _seats(election: Election) -> pd.DataFrame:
    seats = read_table("seats")
    seats = seats[seats["boundary_set"] == election.boundary_set.id]
    return seats[["code", "name", "region", "country"]]


def _official(year: int) -> pd.DataFrame:
    results = read_table("results")
    return results[results["election"] == year].set_index("code")


def _votes(year: int) -> pd.DataFrame:
    votes = read_table("votes")
    return votes[votes["election"] == year]


def _results_with_shares(year: int) -> pd.DataFrame:
    return logic.results_with_shares(_official(year).reset_index(), _votes(year))


def _remain(election: Election) -> pd.DataFrame:
    remain = read_table("remain")
    remain = remain[remain["boundary_set"] == election.boundary_set.id]
    return remain[["code", "remain_pct"]]
