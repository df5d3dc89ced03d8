"""A user's results table joined to the seats: codes found by name, every seat checked.

Used for ``--results`` (the election itself) and ``--notional`` (the previous
election on the same seats): both must give one row to each seat of the map,
and each row must be a seat of the boundaries.
"""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING

import pandas as pd

from . import logic
from .elections import BOUNDARY_SETS
from .errors import InputError
from .package import read_table
from .text import normalise_name, seat_name_key
from .validate import Problems, listing, plural

if TYPE_CHECKING:
    from .elections import Election
    from .formats.results import UserResults


def current_results(
    results: UserResults, seats: pd.DataFrame, election: Election, *, hint: str
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Return a user's table as the columns of :func:`logic.results_with_shares`.

    Parameters
    ----------
    results
        The file, as :func:`mapping.formats.results.read_results` read it.
    seats
        ``code`` and ``name`` of every seat of the boundaries, to find codes
        by name where the file has none.
    election
        The election whose boundary set the codes must belong to.
    hint
        What to do when they belong to the other boundary set.

    Returns
    -------
    tuple of DataFrame
        The results (``code``, winner, majority, shares, …), the votes per
        party (empty for shares and winners only) and the file's seat rows
        with their codes.
    """
    rows = results.seats.copy()
    if rows["code"].isna().all():
        rows["code"] = match_names(results, seats)
        _check_one_row_per_seat(results, rows)
    else:
        _check_boundary_set(results, rows["code"], seats, election, hint)
    codes = dict(zip(rows["row"], rows["code"], strict=True))
    votes = results.votes.assign(code=results.votes["row"].map(codes))
    votes = votes.drop(columns="row")
    counted = rows[["code", "electorate", "valid_votes"]].assign(first_party=None)
    if results.kind == "winners":
        current = logic.results_from_winners(rows)
    elif results.kind == "shares":
        current = logic.results_from_shares(counted, votes)
        votes = votes.iloc[0:0]  # shares are not votes
    else:
        current = logic.results_with_shares(counted, votes)
    names = rows.set_index("code")["winner_name"]
    current["winner_name"] = current["code"].map(names).fillna(current["winner_name"])
    return current, votes, rows


def check_coverage(
    checked: pd.DataFrame,
    codes,
    placed: pd.DataFrame | None,
    *,
    allow_missing: bool,
    source,
    boundary_set: str,
    noun: str = "result",
    leave: str = "leave them grey",
) -> None:
    """Refuse seats of ``checked`` without a row, and rows without a seat.

    Every seat of ``checked`` needs a row of ``codes``; with ``placed``, every
    row needs a seat of it, but for the rows of other seats of the boundary
    set: those lie outside regional boundaries, are not used, and are counted
    in a warning.
    """
    problems = Problems(source)
    codes = set(codes)
    no_row = sorted(set(checked["code"]) - codes)
    no_seat = codes - set(placed["code"]) if placed is not None else set()
    seats = read_table("seats")
    outside = no_seat & set(seats.loc[seats["boundary_set"] == boundary_set, "code"])
    no_seat -= outside
    if outside:
        lie, are = ("lies", "is") if len(outside) == 1 else ("lie", "are")
        problems.warn(
            f"{plural(len(outside), noun)} {lie} outside these boundaries and "
            f"{are} not mapped"
        )
    names = dict(zip(checked["code"], checked["name"], strict=True))
    if no_row and not allow_missing:
        problems.error(
            f"{plural(len(no_row), 'seat')} of the boundaries have no {noun}: "
            f"{listing(f'{names[c]} ({c})' for c in no_row)}; add them, or pass "
            f"--allow-missing to {leave}"
        )
    if no_seat and not allow_missing:
        problems.error(
            f"{plural(len(no_seat), noun)} match no seat of the boundaries: "
            f"{listing(sorted(no_seat))}; check the codes, or pass --allow-missing "
            "to leave them out"
        )
    problems.raise_if_any()


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


def _check_one_row_per_seat(results: UserResults, seats: pd.DataFrame) -> None:
    """Refuse two rows whose names match the same seat ("Putney" and "PUTNEY")."""
    problems = Problems(results.path)
    for code, group in seats[seats["code"].duplicated(keep=False)].groupby("code"):
        problems.error(
            f"rows {listing(group['row'])} ({listing(group['name'])}) all match "
            f"seat {code}; one row per seat"
        )
    problems.raise_if_any()


def _check_boundary_set(results: UserResults, codes, shapes, election, hint) -> None:
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
                    f"{election.boundary_set.label}; {hint}"
                ]
            )
