"""Changes against a user's notional results: the previous election on today's seats.

Where boundaries changed (2010, 2024) the package has only the official
notional *winners* (the House of Commons Library's calls), so changes of share,
majority and swing are not comparable. A file of notional results (votes or
shares per party of the previous election, estimated on the new seats) makes
them so. Gains still follow the official calls; seats where the file's winner
differs from them are named in one warning.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from . import logic
from .errors import InputError
from .joins import check_coverage, current_results
from .validate import Problems, listing, plural, refuse

if TYPE_CHECKING:
    from .elections import Election

#: The general election before each one fought on new boundaries.
PREVIOUS_ELECTION = {2010: 2005, 2024: 2019}
#: Seats named in the warning of winners that differ from the official calls.
NAMED = 5


def notional_year(election: Election) -> int:
    """Return the election a notional file gives for ``election``, or refuse it.

    Raises
    ------
    InputError
        Where the previous election was fought on the same boundaries: its
        real results are already the comparison.
    """
    if election.previous is not None:
        raise InputError(
            [
                f"--notional is for an election on new boundaries (2010, 2024): "
                f"{election.year} was fought on the same seats as "
                f"{election.previous}, whose real results its changes already use"
            ]
        )
    return PREVIOUS_ELECTION[election.year]


def notional_credit(path: Path | str, election: Election, attribution: str | None):
    """Return how the maps credit the notional file."""
    name = attribution or Path(path).name
    return f"changes against notional {notional_year(election)} results: {name}"


def notional_changes(
    path: Path | str,
    election: Election,
    current: pd.DataFrame,
    previous: pd.DataFrame,
    *,
    seats: pd.DataFrame,
    checked: pd.DataFrame,
    allow_missing: bool,
) -> pd.DataFrame:
    """Return the changes of each seat against the notional results in ``path``.

    Parameters
    ----------
    path
        The user's notional results: any layout of
        :func:`mapping.formats.results.read_results` with votes or shares.
    election
        The election on new boundaries (2010 or 2024).
    current
        The election's results and shares (:func:`logic.results_with_shares`).
    previous
        ``code`` and ``previous_winner`` (and ``previous_source``): the
        official notional winners, which gains keep.
    seats
        ``code`` and ``name`` of every seat of the boundaries.
    checked
        The seats of the map: each needs a notional result.
    allow_missing
        Leave the changes of seats without one empty instead of refusing.

    Returns
    -------
    DataFrame
        :func:`logic.compare_with_previous` of ``current`` against the file,
        with ``previous_winner``, ``gain`` and ``gained_from`` from ``previous``.
    """
    from .formats.results import read_results  # readers load only when used

    results = read_results(path)
    if results.kind == "winners":
        refuse(
            results.path,
            "holds winners only; --notional needs the votes or shares of each "
            "party to measure changes",
        )
    if not any(column.startswith("share_") for column in current):
        refuse(
            results.path,
            "the results compared with it hold winners only; give --results "
            "with votes or shares",
        )
    hint = (
        f"notional results give the previous election on the seats of "
        f"{election.year}; check that the file is the notional one"
    )
    notional, _, rows = current_results(results, seats, election, hint=hint)
    check_coverage(
        checked,
        rows["code"],
        seats,
        allow_missing=allow_missing,
        source=results.path,
        boundary_set=election.boundary_set.id,
        noun="notional result",
        leave="leave their changes empty",
    )
    changes = logic.compare_with_previous(current, notional)
    official = previous.set_index("code")
    yours = changes.set_index("code")["previous_winner"]
    _warn_of_other_winners(results.path, yours, official["previous_winner"], checked)
    kept = changes["code"].map(official["previous_winner"])
    changes["previous_winner"] = kept.fillna(changes["previous_winner"])
    if "previous_source" in official:
        changes["previous_source"] = changes["code"].map(official["previous_source"])
    winners = current.set_index("code")["winner"].reindex(changes["code"])
    return logic.mark_gains(changes, winners.to_numpy())


def _warn_of_other_winners(path, yours: pd.Series, official: pd.Series, checked):
    """One warning naming the seats whose notional winner is not the official one."""
    names = dict(zip(checked["code"], checked["name"], strict=True))
    codes = [c for c in names if c in yours.index and c in official.index]
    differ = [
        c
        for c in codes
        if pd.notna(yours[c]) and pd.notna(official[c]) and yours[c] != official[c]
    ]
    if not differ:
        return
    problems = Problems(path)
    seats = (f"{names[c]} ({yours[c]}, officially {official[c]})" for c in differ)
    problems.warn(
        f"in {plural(len(differ), 'seat')} its winner differs from the official "
        f"notional winner, which gains still follow: {listing(seats, NAMED)}"
    )
    problems.raise_if_any()
