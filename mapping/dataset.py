"""One election's seats, ready to draw, with where every part of them came from.

Both renderers draw only what an :class:`ElectionData` carries: its seats and
votes, its title, its hex layout and its credits. Nothing downstream reads the
data package or the environment, so a map of a user's own file credits that
file, and nothing that was not used.
"""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import pandas as pd

from .style import election_title


@dataclass(frozen=True)
class ElectionData:
    """The seats of one election and everything the maps say about them.

    Attributes
    ----------
    seats
        One row per seat (EPSG:27700), as :func:`mapping.load_election` returns
        them; a seat without a result has no ``winner``.
    votes
        Votes per party (and candidate, where known) in those seats.
    election
        The election year.
    region_label
        The area as titles name it ("London", "United Kingdom", "Custom areas").
    credits
        One credit per source actually used, in the order they are printed.
    hex_layout
        Hex grid positions (``code``, ``q``, ``r``, odd-r) of the seats, or
        ``None`` where the seats are not in a hex layout (areas of the user's own).
    """

    seats: gpd.GeoDataFrame
    votes: pd.DataFrame
    election: int
    region_label: str
    credits: tuple[str, ...]
    hex_layout: pd.DataFrame | None = None

    @property
    def attribution(self) -> str:
        """The credits as one line, as every map and image prints it."""
        return "; ".join(self.credits) + "." if self.credits else ""

    @property
    def missing(self) -> list[str]:
        """Names of the seats that have no result."""
        return sorted(self.seats.loc[self.seats["winner"].isna(), "name"])

    @property
    def title(self) -> str:
        """"London, 2019 general election", saying how many seats lack a result."""
        return election_title(
            self.region_label, self.election, missing=len(self.missing)
        )
