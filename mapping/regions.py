"""Which seats a map holds: one or several regions, and the seats that border them.

A region is named as the seats table names it ("South East"), in any case;
several are separated by commas ("London,South East"); "all" is every seat.
``ring`` adds the seats that share a border with the selection, ``ring`` times
over, from the geometry of the boundary set in use.

Two seats share a border when their outlines run together along a line (of any
length) or their areas overlap. Seats that meet only at a point, as diagonal
squares of a grid do, do not: such a seat shares no stretch of border.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from .errors import UnknownRegionError
from .text import normalise_name

if TYPE_CHECKING:
    import geopandas as gpd

    from .elections import Election

ALL_REGIONS = "all"
DEFAULT_REGION = "london"
#: How titles count the rings of bordering seats beyond the first.
_COUNTS = ["", "", "two", "three", "four", "five", "six", "seven", "eight", "nine"]


def region_names(region: str) -> list[str]:
    """Split a ``--region`` value into its names: "London, South East" → two names.

    Raises
    ------
    UnknownRegionError
        No name at all, or "all" with other names.
    """
    names = list(dict.fromkeys(n.strip() for n in str(region).split(",") if n.strip()))
    if not names:
        raise UnknownRegionError("no region named; give a region name or 'all'")
    if len(names) > 1 and any(n.casefold() == ALL_REGIONS for n in names):
        raise UnknownRegionError(
            f"'all' stands alone: it is every seat; not {region!r}"
        )
    return names


def is_all(region: str) -> bool:
    """Whether ``region`` asks for every seat."""
    return str(region).strip().casefold() == ALL_REGIONS


def select_region(
    table: pd.DataFrame,
    region: str,
    election: Election,
    *,
    ring: int = 0,
    shapes: gpd.GeoDataFrame | None = None,
) -> pd.DataFrame:
    """Keep the seats of ``region`` and, with ``ring``, the seats bordering them.

    Parameters
    ----------
    table
        Seats with ``code`` and ``region``.
    region
        "all", a region name, or several separated by commas; case does not
        matter.
    election
        The election, to name its boundary set in errors.
    ring
        How many times over to add the seats that share a border with the
        selection (0: none).
    shapes
        ``code`` and ``geometry`` of every seat of the boundary set in use;
        read only when ``ring`` is above 0.

    Raises
    ------
    UnknownRegionError
        For a name that is no region of the table, listing the choices.
    """
    check_ring(ring)
    if is_all(region):
        return table
    known = {normalise_name(name): name for name in table["region"].dropna().unique()}
    wanted = []
    for name in region_names(region):
        if normalise_name(name) not in known:
            choices = ", ".join([ALL_REGIONS, *sorted(known.values())])
            raise UnknownRegionError(
                f"no region {name!r} on the {election.boundary_set.label}; "
                f"choose one or more of {choices} (separated by commas)"
            )
        wanted.append(known[normalise_name(name)])
    chosen = table["region"].isin(wanted)
    if ring and shapes is not None:
        codes = bordering(shapes, table.loc[chosen, "code"], ring)
        chosen = table["code"].isin(codes)
    elif ring:
        raise TypeError("select_region needs the seats' shapes to add a ring")
    return table[chosen]


def check_ring(ring: int) -> int:
    """Return ``ring`` if it is a whole number of rings (0 or more)."""
    if isinstance(ring, bool) or not isinstance(ring, int | np.integer) or ring < 0:
        raise UnknownRegionError(
            f"ring must be a whole number, 0 or more; not {ring!r}"
        )
    return int(ring)


def bordering(shapes: gpd.GeoDataFrame, codes, ring: int) -> list[str]:
    """Return ``codes`` with the seats that border them, ``ring`` times over.

    Parameters
    ----------
    shapes
        ``code`` and ``geometry`` of every seat that may be added.
    codes
        The seats to start from.
    ring
        1 adds the seats that share a border with them; 2 also those that
        border these; and so on.

    Returns
    -------
    list of str
        The codes, those given first, then each ring's in the order of ``shapes``.
    """
    import shapely  # geometry only when a ring is asked for

    given = list(codes)
    geometry = np.asarray(shapes.geometry.values, dtype=object)
    all_codes = shapes["code"].to_numpy()
    tree = shapely.STRtree(geometry)
    inside = np.isin(all_codes, given)
    frontier = np.flatnonzero(inside)
    for _ in range(check_ring(ring)):
        source, target = tree.query(geometry[frontier], predicate="intersects")
        source = frontier[source]
        outside = ~inside[target]
        source, target = source[outside], target[outside]
        shared = share_border(geometry[source], geometry[target])
        frontier = np.unique(target[shared])
        if not len(frontier):
            break
        inside[frontier] = True
    start = set(given)
    return [*given, *(c for c in all_codes[inside] if c not in start)]


def share_border(first, second) -> np.ndarray:
    """Whether each pair of areas shares a stretch of border (or overlaps).

    Areas that meet only at a point do not: their outlines have no line in
    common (DE-9IM: boundaries meet in 1 dimension, or interiors meet).
    """
    import shapely

    return shapely.relate_pattern(first, second, "****1****") | shapely.relate_pattern(
        first, second, "T********"
    )


def region_label(frame_regions, region: str, *, ring: int = 0) -> str:
    """Return the area as titles name it.

    "London and South East", "London and bordering seats", "United Kingdom",
    or the one region the seats lie in.
    """
    present = sorted(set(pd.Series(list(frame_regions)).dropna()))
    if is_all(region):
        return present[0] if len(present) == 1 else "United Kingdom"
    canonical = {normalise_name(name): name for name in present}
    names = [canonical.get(normalise_name(n), n) for n in region_names(region)]
    if not ring:
        return _and(names)
    return _and([*names, f"{_rings(ring)}bordering seats"])


def region_slug(region: str, *, ring: int = 0) -> str:
    """Return the file-name form of a selection.

    "London,South East" → "london-south-east"; with ``ring=1``,
    "london-and-bordering-seats".
    """
    names = [ALL_REGIONS] if is_all(region) else region_names(region)
    slug = "-".join(_slug(name) for name in names)
    if ring and not is_all(region):
        slug += "-" + _slug(f"and {_rings(ring)}bordering seats")
    return slug


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", normalise_name(text)).strip("-")


def _rings(ring: int) -> str:
    """Return how a title counts rings: nothing for one, "two rings of " for two."""
    if ring == 1:
        return ""
    count = _COUNTS[ring] if ring < len(_COUNTS) else str(ring)
    return f"{count} rings of "


def _and(items: list[str]) -> str:
    """Join names as prose: "A", "A and B", "A, B and C"."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
