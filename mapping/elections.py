"""The general elections the package holds and the boundary set each was fought on."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import UnknownElectionError

#: An ONS constituency code: E14001234 (England), W07…, S14…, N06….
ONS_CODE = re.compile(r"^[EWSN]\d{8}$")


@dataclass(frozen=True)
class BoundarySet:
    """A set of Westminster constituency boundaries."""

    id: str
    label: str
    seats: int
    london_seats: int


@dataclass(frozen=True)
class Election:
    """A general election and where its gains are measured from.

    ``previous`` is the previous general election when it was fought on the same
    boundaries; ``None`` means gains come from the official notional call and
    changes against the previous election are not comparable.
    """

    year: int
    date: str
    boundary_set: BoundarySet
    previous: int | None


PCON_2010 = BoundarySet("pcon2010", "2010–2019 boundaries", 650, 73)
PCON_2024 = BoundarySet("pcon2024", "2024 boundaries (2023 review)", 650, 75)
BOUNDARY_SETS = {b.id: b for b in (PCON_2010, PCON_2024)}

ELECTIONS = {
    e.year: e
    for e in (
        Election(2010, "2010-05-06", PCON_2010, None),
        Election(2015, "2015-05-07", PCON_2010, 2010),
        Election(2017, "2017-06-08", PCON_2010, 2015),
        Election(2019, "2019-12-12", PCON_2010, 2017),
        Election(2024, "2024-07-04", PCON_2024, None),
    )
}


def get_election(year: int | str) -> Election:
    """Return the :class:`Election` of ``year`` or raise a helpful error."""
    try:
        return ELECTIONS[int(year)]
    except (KeyError, ValueError):
        known = ", ".join(str(y) for y in ELECTIONS)
        raise UnknownElectionError(
            f"no general election {year!r} in the data package; choose one of {known}"
        ) from None
