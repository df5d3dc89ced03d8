"""Seat history: where each 2024 seat came from, and one seat's results over time.

:func:`predecessors` overlays the package's two boundary sets (EPSG:27700) and
gives, for each 2024 seat, the 2010–2019 seats that cover part of it, with the
share of its area each covers, measured along lines 50 m apart
(:func:`overlap_shares`). Both sets are simplified at 50 m, each as a
coverage of its own, so their shared borders and coasts do not quite coincide:
every seat touches its old neighbours in slivers. Overlaps under
:data:`SLIVER_PCT` of the new seat's area are dropped: measured against the
ONS lookup of 2010 to 2024 seats (1,407 pairs), every overlap of 1% or more is
an ONS pair, while at 0.5% two pairs are not (Scotland and Northern Ireland,
0.57% and 0.65%); 111 ONS pairs cover less than 1% of their new seat.

:func:`seat_history` tabulates one seat across the elections of its boundary
set, for notebooks and tests; the page draws the same from its data island
(``static/history.js``).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd
import shapely

from .elections import ELECTIONS, PCON_2010, PCON_2024
from .errors import MappingError
from .package import package_dir, read_boundaries, read_table

#: Spacing (m) of the lines along which overlaps are measured: the package's
#: simplification tolerance, so the measure adds less error (0.14 points at
#: most, against an exact overlay) than the boundaries already carry.
ROW_SPACING_M = 50.0
#: Overlaps smaller than this share of the new seat's area (%) are slivers.
SLIVER_PCT = 1.0
#: A party is one of a seat's main parties where it took at least this share
#: of the vote (%) at one election or more of the seat's history; history.js
#: draws the same parties.
MAIN_SHARE_PCT = 5.0
#: The rules history.js draws by, sent in the page's style.
PAGE_RULES = {"main_share_pct": MAIN_SHARE_PCT, "sliver_pct": SLIVER_PCT}
#: Decimals of the area shares sent to the page.
SHARE_DECIMALS = 1


class UnknownSeatError(MappingError, KeyError):
    """A constituency code that no boundary set of the package holds."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0])


def predecessors(codes_2024: list[str]) -> list[list[list]]:
    """Return, for each 2024 seat, the 2010–2019 seats it was formed from.

    Parameters
    ----------
    codes_2024
        ONS codes of seats of the 2024 boundaries, in any order.

    Returns
    -------
    list
        One list per code, in the order given: ``[code, name, share_pct]`` of
        each 2010–2019 seat covering at least :data:`SLIVER_PCT` of the new
        seat's area, largest share first; ``share_pct`` is the percentage of
        the new seat's area it covers, to :data:`SHARE_DECIMALS` decimals.
    """
    found = _predecessors(package_dir(), tuple(codes_2024))
    return [[list(source) for source in seat] for seat in found]


@lru_cache(maxsize=4)  # a build's pages of one election and of all share them
def _predecessors(folder: Path, codes_2024: tuple[str, ...]) -> list[list[list]]:
    """Return :func:`predecessors` from the package in ``folder`` (the cache key)."""
    new = read_boundaries(PCON_2024.id).set_index("code")
    old = read_boundaries(PCON_2010.id)
    unknown = [code for code in codes_2024 if code not in new.index]
    if unknown:
        raise UnknownSeatError(
            f"not seats of the {PCON_2024.label}: {', '.join(map(str, unknown))}"
        )
    if not codes_2024:
        return []
    seats = np.asarray(new.geometry.loc[list(codes_2024)].values)
    everything = np.asarray(old.geometry.values)
    near = np.unique(shapely.STRtree(everything).query(seats)[1])
    shares = overlap_shares(seats, everything[near])
    names = _names(PCON_2010.id)
    result: list[list[list]] = []
    for seat_shares in shares:
        kept = np.flatnonzero(seat_shares >= SLIVER_PCT)
        kept = kept[np.argsort(-seat_shares[kept], kind="stable")]
        codes = old["code"].to_numpy()[near[kept]]
        result.append(
            [
                [code, names[code], round(float(share), SHARE_DECIMALS)]
                for code, share in zip(codes, seat_shares[kept], strict=True)
            ]
        )
    return result


def overlap_shares(seats, others, *, spacing: float = ROW_SPACING_M) -> np.ndarray:
    """Return the share (%) of each seat's area that each of ``others`` covers.

    The areas are integrated along horizontal lines ``spacing`` metres apart:
    each line crosses each polygon in intervals, found exactly from its edges,
    and the intervals of the two sets are intersected along the line. One pass
    over every vertex, where an overlay of each pair of polygons visits a
    seat's every vertex once per neighbour: for the 650 seats, 0.25 s of CPU
    against 1.9 s for shapely's exact overlay, which these shares match to
    0.15 points.

    Parameters
    ----------
    seats, others
        Arrays of polygons in metres (EPSG:27700).

    Returns
    -------
    ndarray
        ``len(seats)`` × ``len(others)``; each row is of its seat's area as
        the same lines measure it, so a row sums to 100 where ``others`` cover
        the seat.
    """
    west, south, east, _ = shapely.total_bounds(np.concatenate([seats, others]))
    frame = _Lines(spacing, west, south, width=east - west)
    seat, line, start, end = frame.intervals(seats)
    other, other_line, other_start, other_end = frame.intervals(others)
    # Along one line the intervals of one set do not overlap (a set is a
    # coverage), so the others that meet [start, end] are one run of them.
    other_start = frame.key(other_line, other_start)
    order = np.argsort(other_start)
    other, other_start = other[order], other_start[order]
    other_end = frame.key(other_line[order], other_end[order])
    whole = np.bincount(seat, weights=end - start, minlength=len(seats))
    start, end = frame.key(line, start), frame.key(line, end)
    first = np.searchsorted(np.maximum.accumulate(other_end), start, side="right")
    stop = np.searchsorted(other_start, end)
    mine, theirs = _expand(first, np.maximum(stop - first, 0))
    shared = np.minimum(end[mine], other_end[theirs])
    shared -= np.maximum(start[mine], other_start[theirs])
    pairs = seat[mine] * len(others) + other[theirs]
    areas = np.bincount(
        pairs, weights=np.maximum(shared, 0), minlength=len(seats) * len(others)
    ).reshape(len(seats), len(others))
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.nan_to_num(100 * areas / whole[:, None])


class _Lines:
    """Horizontal lines ``y = south + (k + ½) × spacing`` over the polygons.

    A position on line ``k`` has the sortable key ``k × length + x − west``,
    where ``length`` (a power of two) is wider than the polygons: one float
    sort orders by line, then by position (to a few millimetres).
    """

    def __init__(self, spacing: float, west: float, south: float, width: float):
        self.spacing, self.west, self.south = spacing, west, south
        self.length = 2.0 ** np.ceil(np.log2(width + 1))

    def key(self, line: np.ndarray, x: np.ndarray) -> np.ndarray:
        return line * self.length + x

    def intervals(self, polygons):
        """Where the lines cross each polygon: polygon, line, start and end.

        An edge crosses a line whose ``y`` is in ``[y_low, y_high)``, so each
        ring crosses each line an even number of times and, sorted along the
        line, a polygon's crossings pair into intervals (holes stay out).
        Starts and ends are measured from ``west``.
        """
        parts, polygon_of_part = shapely.get_parts(polygons, return_index=True)
        rings, part_of_ring = shapely.get_rings(parts, return_index=True)
        xy, ring = shapely.get_coordinates(rings, return_index=True)
        xy -= (self.west, self.south)
        edge = ring[1:] == ring[:-1]
        (x0, y0), (x1, y1) = xy[:-1][edge].T, xy[1:][edge].T
        low = np.ceil(np.minimum(y0, y1) / self.spacing - 0.5).astype(np.int64)
        high = np.ceil(np.maximum(y0, y1) / self.spacing - 0.5).astype(np.int64)
        crossing = high > low  # not every edge crosses a line
        x0, y0, low, high = x0[crossing], y0[crossing], low[crossing], high[crossing]
        slope = (x1[crossing] - x0) / (y1[crossing] - y0)
        polygon = polygon_of_part[part_of_ring[ring[:-1][edge][crossing]]]
        which, line = _expand(low, high - low)
        x = x0[which] + ((line + 0.5) * self.spacing - y0[which]) * slope[which]
        lines = int(high.max(initial=0)) + 1
        order = np.argsort(self.key(polygon[which] * lines + line, x))
        polygon, line, x = polygon[which][order], line[order], x[order]
        return polygon[0::2], line[0::2], x[0::2], x[1::2]


def _expand(first: np.ndarray, counts: np.ndarray):
    """Return (item, value) for each of ``first[i] … first[i] + counts[i] - 1``."""
    item = np.repeat(np.arange(len(counts)), counts)
    step = np.arange(len(item)) - np.repeat(np.cumsum(counts) - counts, counts)
    return item, first[item] + step


def _names(set_id: str) -> dict[str, str]:
    seats = read_table("seats")
    seats = seats[seats["boundary_set"] == set_id]
    return dict(zip(seats["code"], seats["name"], strict=True))


def seat_history(code: str) -> pd.DataFrame:
    """Return one seat's result at every election of its boundary set.

    Parameters
    ----------
    code
        The seat's ONS code, of either boundary set.

    Returns
    -------
    DataFrame
        One row per election, oldest first: ``year``, ``winner``,
        ``runner_up``, ``majority`` (votes), ``majority_pct`` and
        ``share_<party>`` (%) of the seat's main parties (see
        :data:`MAIN_SHARE_PCT`), in order of their best share.
    """
    from .api import seat_results

    seats = read_table("seats")
    found = seats.loc[seats["code"] == code, "boundary_set"]
    if found.empty:
        raise UnknownSeatError(f"no seat {code!r} in the data package")
    years = [y for y, e in ELECTIONS.items() if e.boundary_set.id == found.iloc[0]]
    results = [seat_results(year) for year in sorted(years)]
    rows = pd.concat(
        [frame[frame["code"] == code] for frame in results], ignore_index=True
    ).rename(columns={"election": "year"})
    shares = rows.filter(like="share_").drop(columns="share_Other", errors="ignore")
    best = shares.max().sort_values(ascending=False)
    main = list(best[best >= MAIN_SHARE_PCT].index)
    columns = ["year", "winner", "runner_up", "majority", "majority_pct", *main]
    return rows[columns]
