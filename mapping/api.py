"""The Python API: one election as a GeoDataFrame, ready to map or tabulate."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from . import logic
from .changes import CHANGE_COLUMNS
from .elections import Election, get_election
from .package import read_boundaries, read_table
from .regions import DEFAULT_REGION, select_region

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
    "previous_majority",
    "previous_majority_pct",
    "lead_change",
    "swing_con_to_lab",
    "change_con",
    "change_lab",
    "change_ld",
    "change_green",
    "change_ruk",
    "change_brx",
    "change_ukip",
    "change_snp",
    "change_pc",
]
#: Columns of whole numbers (people and votes).
COUNT_COLUMNS = [
    "election",
    "majority",
    "electorate",
    "valid_votes",
    "previous_majority",
]
#: Columns of percentages and points, printed with two decimals: the one list
#: that the command and the page's CSV download both follow.
PERCENT_COLUMNS = [
    "majority_pct",
    "turnout_pct",
    "remain_pct",
    "previous_majority_pct",
    "lead_change",
    "swing_con_to_lab",
    *(column for column in TABLE_COLUMNS if column.startswith("change_")),
]


def load_election(
    year: int, *, region: str = DEFAULT_REGION, ring: int = 0, geometry: bool = True
) -> gpd.GeoDataFrame:
    """Return every seat of one general election with its result and geometry.

    Parameters
    ----------
    year
        2010, 2015, 2017, 2019 or 2024.
    region
        "london" (default), "all", a region name such as "South East", or
        several separated by commas (case does not matter).
    ring
        Also the seats that share a border with the region, ``ring`` times over.
    geometry
        ``False``: the same rows, in the same order, as a plain DataFrame
        without shapes (none are read unless ``ring`` needs them).

    Returns
    -------
    GeoDataFrame
        One row per seat in EPSG:27700 with the columns of :data:`TABLE_COLUMNS`
        plus ``result`` ("Lab gain from Con"), ``official_result``, the winner's
        and runner-up's votes, ``share_<party>``, and against the previous
        election: ``previous_lead``, ``change_<party>``, ``swing_<from>_to_<to>``
        for every ordered pair of main parties standing, and ``majority_change``
        (the old rule: majority % minus the previous winner's majority %).
        Changes are in points; not comparable, so empty, where the boundaries
        changed.
    """
    election = get_election(year)
    table = seat_results(election.year)
    shapes = read_boundaries(election.boundary_set.id) if geometry or ring else None
    table = select_region(table, region, election, ring=ring, shapes=shapes)
    if shapes is not None and geometry:
        table = shapes.merge(table, on="code", how="inner")
    return table.sort_values("name", ignore_index=True)


def load_votes(
    year: int, *, region: str = DEFAULT_REGION, ring: int = 0
) -> pd.DataFrame:
    """Return the votes of every party (and candidate, where known) in each seat."""
    election = get_election(year)
    votes = _votes(election.year)
    shapes = read_boundaries(election.boundary_set.id) if ring else None
    seats = select_region(_seats(election), region, election, ring=ring, shapes=shapes)
    codes = seats["code"]
    return votes[votes["code"].isin(codes)].reset_index(drop=True)


def seat_results(year: int) -> pd.DataFrame:
    """All 650 seats of one election with every computed column (no geometry)."""
    election = get_election(year)
    now = _results_with_shares(election.year)
    if election.previous is not None:
        before = _results_with_shares(election.previous)
        changes = logic.compare_with_previous(now, before)
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
        ``code`` and ``previous_winner``; where known, ``gain``, ``gained_from``
        and the columns of :func:`mapping.logic.compare_with_previous`. Gains
        not given follow from the previous winner; changes not given are empty
        (every ``change_<party>`` of a party with a share among them).
    """
    table = current.merge(changes, on="code", how="left")
    if "gain" not in changes:
        table = logic.mark_gains(table, table["winner"])
    shares = [c for c in current.columns if str(c).startswith("share_")]
    empty = [*CHANGE_COLUMNS, *(c.replace("share_", "change_") for c in shares)]
    table = table.reindex(
        columns=[*table.columns, *(c for c in empty if c not in table)]
    )
    table = table.merge(_remain(election), on="code", how="left")
    table["official_result"] = None
    table["result"] = logic.result_labels(table)
    table.insert(1, "election", election.year)
    return table


def table_of(frame: pd.DataFrame) -> pd.DataFrame:
    """Return the fixed columns of ``london-maps table``, rounded for print.

    ``change_lab`` is the seats' ``change_Lab``; a party that stood in neither
    election has an empty column.
    """
    changes = {
        str(c).casefold(): frame[c]
        for c in frame.columns
        if str(c).startswith("change_")
    }
    absent = pd.Series(np.nan, frame.index)
    table = pd.DataFrame(
        {
            column: changes.get(column, absent)
            if column.startswith("change_")
            else frame[column]
            for column in TABLE_COLUMNS
        }
    )
    for column in PERCENT_COLUMNS:
        # + 0.0 turns −0.0 into 0.0: "-0.00" is not a figure to print
        table[column] = pd.to_numeric(table[column]).round(2) + 0.0
    for column in COUNT_COLUMNS:  # whole numbers, even where a seat has none
        table[column] = table[column].astype("Int64")
    return table


def regions(year: int) -> list[str]:
    """Names of the regions of the boundary set of ``year``."""
    return sorted(_seats(get_election(year))["region"].unique())


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
