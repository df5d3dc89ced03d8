"""One election's seats, ready to draw, with where every part of them came from.

Both renderers draw only what an :class:`ElectionData` carries: its seats and
votes, its title, its hex layout and its credits. Nothing downstream reads the
data package or the environment, so a map of a user's own file credits that
file, and nothing that was not used.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from .style import election_title

if TYPE_CHECKING:  # tables import no geometry stack
    import geopandas as gpd


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
        The credit of each source used, by what it gave: ``boundaries``,
        ``results``, ``remain`` (the estimates) and ``hexes`` (the hex layout).
    hex_layout
        Hex grid positions (``code``, ``q``, ``r``, odd-r) of the seats, or
        ``None`` where the seats are not in a hex layout (areas of the user's own).
    boundary_set
        The id of the package's boundary set the seats are drawn with
        (``"pcon2024"``), or ``None`` for boundaries of the user's own.
    """

    seats: gpd.GeoDataFrame
    votes: pd.DataFrame
    election: int
    region_label: str
    credits: dict[str, str]
    hex_layout: pd.DataFrame | None = None
    boundary_set: str | None = None

    @property
    def attribution(self) -> str:
        """Every credit as one line: for a page that shows every layer and view."""
        return _one_line(self.credits.values())

    def attribution_for(self, view: str, layers: Iterable[str]) -> str:
        """Return the credits of a drawing of ``layers`` in one view, as one line.

        The boundaries are credited on the map view, the hex layout on the hex
        view, the Remain estimates where their layer is drawn.
        """
        unused = {"geo": "hexes", "hex": "boundaries"}[view]
        drawn = set(layers)
        return _one_line(
            text
            for kind, text in self.credits.items()
            if kind != unused and (kind != "remain" or "remain" in drawn)
        )

    @property
    def missing(self) -> list[str]:
        """Names of the seats that have no result."""
        return sorted(self.seats.loc[self.seats["winner"].isna(), "name"])

    @property
    def title(self) -> str:
        """The title, e.g. "London, 2019 general election" (and seats lacking one)."""
        return election_title(
            self.region_label, self.election, missing=len(self.missing)
        )


def _one_line(credits: Iterable[str]) -> str:
    text = "; ".join(dict.fromkeys(credits))  # one credit for your two files
    return text + "." if text else ""
