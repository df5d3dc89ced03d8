"""Election logic on plain tables: winners, majorities, gains and shares.

Pure pandas, no geometry and no plotting. Every function takes and returns
DataFrames indexed by nothing in particular and keyed by the ``code`` column.
The rules are those of the House of Commons Library: Labour Co-operative counts
as Labour, the Speaker is a party of its own, gains are measured against the
previous general election (by-elections ignored). Lead and swing against
the previous election are worked out in :mod:`mapping.changes`.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from .changes import CHANGE_COLUMNS, previous_lead, swings
from .parties import INDEPENDENT, OTHER, party_code

_CALL = re.compile(
    r"^\s*(?P<winner>.+?)\s+(?:(?P<hold>hold)|gain from\s+(?P<loser>.+?))\s*$"
)


def tidy_votes(votes: pd.DataFrame) -> pd.DataFrame:
    """Normalise party codes and add up rows of the same party in a seat.

    Independents stay apart, so two in one seat are two candidates: those
    with a name or an ``entry`` (the line of a table of candidates). Other
    rows are one per party.

    Parameters
    ----------
    votes
        Long table with ``code``, ``party`` and ``votes`` (``candidate`` and
        ``entry`` optional).
    """
    votes = votes.assign(party=_each_distinct(votes["party"], party_code))
    if "candidate" not in votes:
        votes = votes.assign(candidate=pd.NA)
    person = votes["candidate"]
    if "entry" in votes:  # a line per candidate: apart even without names
        person = votes["entry"].astype("string").fillna(person)
    named = person.notna() & _each_distinct(votes["party"], _per_candidate)
    person = person.where(named, "").astype(str)
    tidy = votes.assign(_person=person).groupby(
        ["code", "party", "_person"], as_index=False, sort=True
    )
    tidy = tidy.agg(votes=("votes", "sum"), candidate=("candidate", "first"))
    return tidy.drop(columns="_person")


def _each_distinct(values: pd.Series, rule) -> pd.Series:
    """Return ``values.map(rule)``, calling ``rule`` once per distinct value."""
    if values.empty:
        return values.map(rule)
    positions, distinct = pd.factorize(values, use_na_sentinel=False)
    mapped = pd.Series([rule(value) for value in distinct])
    return mapped.take(positions).set_axis(values.index)


def _per_candidate(party: str) -> bool:
    """Whether a party's candidates in one seat are counted apart (independents)."""
    return party == INDEPENDENT


def rank_parties(
    votes: pd.DataFrame, declared: pd.Series | None = None
) -> pd.DataFrame:
    """Return the winner and runner-up of each seat with their votes.

    Parameters
    ----------
    votes
        Long table with ``code``, ``party``, ``votes`` and optional ``candidate``.
        The lumped "Other" row never wins or comes second.
    declared
        Official winner per seat (indexed by code). It only decides exact ties,
        which returning officers settle by lot.
    """
    return _ranked(tidy_votes(votes), declared)


def _ranked(tidy: pd.DataFrame, declared: pd.Series | None) -> pd.DataFrame:
    """Return :func:`rank_parties` of votes already tidied."""
    ranked = tidy[tidy["party"] != OTHER]
    if declared is not None:
        is_declared = (
            ranked["party"].to_numpy() == ranked["code"].map(declared).to_numpy()
        )
        ranked = ranked.assign(_declared=is_declared)
    else:
        ranked = ranked.assign(_declared=False)
    ranked = ranked.sort_values(
        ["code", "votes", "_declared", "party"], ascending=[True, False, False, True]
    )
    position = ranked.groupby("code").cumcount()
    first = ranked[position == 0].set_index("code")
    second = ranked[position == 1].set_index("code")
    table = pd.DataFrame(
        {
            "winner": first["party"],
            "winner_name": first["candidate"],
            "winner_votes": first["votes"],
        }
    )
    table["runner_up"] = second["party"].reindex(table.index)
    table["runner_up_votes"] = (
        second["votes"].reindex(table.index).fillna(0).astype(int)
    )
    return table.rename_axis("code").reset_index()


def compute_results(seats: pd.DataFrame, votes: pd.DataFrame) -> pd.DataFrame:
    """Winner, runner-up, majority and turnout of each seat.

    Parameters
    ----------
    seats
        One row per seat: ``code``, ``electorate``, ``valid_votes`` and optionally
        ``first_party`` (the declared winner, used for ties only).
    votes
        Long table of votes per party (see :func:`rank_parties`).

    Returns
    -------
    DataFrame
        ``code, winner, winner_name, runner_up, majority, majority_pct,
        turnout_pct, electorate, valid_votes`` and the winner's and runner-up's
        votes. Percentages are of valid votes and of the electorate.
    """
    return _results(seats, tidy_votes(votes))


def _results(seats: pd.DataFrame, tidy: pd.DataFrame) -> pd.DataFrame:
    """Return :func:`compute_results` of votes already tidied."""
    declared = (
        seats.set_index("code")["first_party"] if "first_party" in seats else None
    )
    ranked = _ranked(tidy, declared)
    table = seats[["code", "electorate", "valid_votes"]].merge(
        ranked, on="code", how="left"
    )
    table["majority"] = table["winner_votes"] - table["runner_up_votes"]
    table["majority_pct"] = 100 * table["majority"] / table["valid_votes"]
    table["turnout_pct"] = 100 * table["valid_votes"] / table["electorate"]
    return table


def vote_shares(seats: pd.DataFrame, votes: pd.DataFrame) -> pd.DataFrame:
    """Vote share (% of valid votes) of every party, one column ``share_<party>``."""
    return _shares(seats, tidy_votes(votes))


def _shares(seats: pd.DataFrame, tidy: pd.DataFrame) -> pd.DataFrame:
    """Return :func:`vote_shares` of votes already tidied."""
    wide = tidy.pivot_table(
        index="code", columns="party", values="votes", aggfunc="sum", fill_value=0
    )
    valid = seats.set_index("code")["valid_votes"].reindex(wide.index)
    shares = 100 * wide.div(valid, axis=0)
    shares.columns = [f"share_{party}" for party in shares.columns]
    return shares.reset_index()


def results_with_shares(seats: pd.DataFrame, votes: pd.DataFrame) -> pd.DataFrame:
    """Return :func:`compute_results` with the :func:`vote_shares` of each seat."""
    tidy = tidy_votes(votes)  # once for both
    return _results(seats, tidy).merge(_shares(seats, tidy), on="code")


def results_from_shares(seats: pd.DataFrame, shares: pd.DataFrame) -> pd.DataFrame:
    """Winners, runners-up and majorities (% only) from vote shares.

    Parameters
    ----------
    seats
        ``code``, ``electorate`` and ``valid_votes`` (either may be empty).
    shares
        Long table like ``votes``, whose ``votes`` are % of valid votes.

    Returns
    -------
    DataFrame
        As :func:`results_with_shares`; counts of votes (the majority, the
        winner's and runner-up's votes) are empty: shares cannot give them.
    """
    per_hundred = seats.assign(valid_votes=100.0)
    table = results_with_shares(per_hundred, shares)
    placed = tidy_votes(shares).query("party != @OTHER")
    lead = placed.groupby("code")["votes"].apply(
        lambda share: (
            share.nlargest(2).diff().abs().sum()  # first minus second
            if len(share) > 1
            else share.max()
        )
    )
    table["majority_pct"] = table["code"].map(lead)
    for column in ("majority", "winner_votes", "runner_up_votes"):
        table[column] = np.nan
    table["valid_votes"] = table["code"].map(seats.set_index("code")["valid_votes"])
    table["turnout_pct"] = 100 * table["valid_votes"] / table["electorate"]
    return table


def results_from_winners(seats: pd.DataFrame) -> pd.DataFrame:
    """Return the columns of :func:`compute_results` from a table of winners only.

    ``seats`` holds ``code``, ``winner`` and what else the table gives
    (``winner_name``, ``runner_up``, ``majority``, ``majority_pct``,
    ``turnout_pct``, ``electorate``, ``valid_votes``); the rest stay empty.
    """
    columns = [
        "code", "electorate", "valid_votes", "winner", "winner_name",
        "runner_up", "majority", "majority_pct", "turnout_pct",
    ]  # fmt: skip
    table = seats.reindex(columns=columns)
    table["winner_votes"] = np.nan
    table["runner_up_votes"] = np.nan
    return table


def parse_result_call(text: str) -> tuple[str, bool, str]:
    """Read an official result call such as "Lab gain from Con" or "SNP hold".

    Returns
    -------
    tuple
        ``(winner, gain, previous_winner)`` with party codes normalised
        ("Lab Coop" is Labour).
    """
    match = _CALL.match(str(text))
    if not match:
        raise ValueError(
            f"not a result call: {text!r} (expected 'X hold' or 'X gain from Y')"
        )
    winner = party_code(match["winner"])
    if match["hold"]:
        return winner, False, winner
    return winner, True, party_code(match["loser"])


def previous_from_calls(calls: pd.Series) -> pd.Series:
    """Previous (notional) winner per seat from the official result calls."""
    return calls.map(lambda text: parse_result_call(text)[2])


def compare_with_previous(
    current: pd.DataFrame, previous: pd.DataFrame
) -> pd.DataFrame:
    """Gains and changes against the previous election on the same boundaries.

    Parameters
    ----------
    current, previous
        Tables from :func:`compute_results`, joined with :func:`vote_shares`.

    Returns
    -------
    DataFrame
        ``code, previous_winner, gain, gained_from``; the previous election's
        ``previous_majority`` (votes) and ``previous_majority_pct``;
        ``previous_lead`` (:func:`previous_lead`) and ``lead_change`` (majority %
        minus previous lead, points); ``majority_change`` (the old rule: majority
        % minus the previous winner's majority %); ``change_<party>`` (points of
        vote share, empty where the party stood in neither election) for every
        party with a share column in either table; and
        ``swing_<from>_to_<to>`` for every ordered pair of the main parties that
        stand in either (:func:`swings`).
    """
    before = previous.set_index("code")
    now = current.set_index("code")
    earlier = before.reindex(now.index)
    table = pd.DataFrame(index=now.index)
    table["previous_winner"] = earlier["winner"]
    table = mark_gains(table, now["winner"])
    table["previous_majority"] = earlier["majority"]
    table["previous_majority_pct"] = earlier["majority_pct"]
    table["previous_lead"] = previous_lead(current, previous).reindex(now.index)
    table["lead_change"] = now["majority_pct"] - table["previous_lead"]
    table["majority_change"] = now["majority_pct"] - earlier["majority_pct"]
    share_columns = sorted(
        {c for c in [*now.columns, *before.columns] if c.startswith("share_")}
    )
    for column in share_columns:
        after = now.get(column, pd.Series(0.0, now.index))
        then = before.get(column, pd.Series(0.0, before.index)).reindex(now.index)
        stood = (after > 0) | (then > 0)  # in neither election: nothing changed
        table[column.replace("share_", "change_")] = (after - then).where(stood)
    table = table.join(swings(current, previous))
    return table.reset_index()


def gains_from_calls(current: pd.DataFrame, calls: pd.Series) -> pd.DataFrame:
    """Gains against the notional previous result named in the official calls.

    Used where boundaries changed (2010, 2024): ``calls`` is the Library's
    ``Result`` column indexed by code. Changes are not comparable: every
    column of :data:`CHANGE_COLUMNS` is empty.
    """
    now = current.set_index("code")
    table = pd.DataFrame(index=now.index)
    table["previous_winner"] = previous_from_calls(calls).reindex(now.index)
    table = mark_gains(table, now["winner"])
    for column in CHANGE_COLUMNS:
        table[column] = np.nan
    return table.reset_index()


def mark_gains(table: pd.DataFrame, winner: pd.Series) -> pd.DataFrame:
    """Add ``gain`` and ``gained_from`` from ``previous_winner`` and ``winner``.

    A seat whose previous winner is unknown is not a gain.
    """
    known = table["previous_winner"].notna()
    table["gain"] = known & (winner != table["previous_winner"])
    table["gained_from"] = table["previous_winner"].where(table["gain"])
    return table


def result_label(winner: str, gain: bool, gained_from: str | None) -> str:
    """Human call of a result: "Lab gain from Con" or "Con hold"."""
    return f"{winner} gain from {gained_from}" if gain else f"{winner} hold"


def result_labels(table: pd.DataFrame) -> list[str | None]:
    """Return each seat's call: "Lab gain from Con", "Con hold" or "Lab win".

    "win" where the previous winner is unknown; ``None`` for a seat without one.
    """
    return [
        None
        if pd.isna(winner)
        else result_label(winner, gain, gained_from)
        if pd.notna(previous)
        else f"{winner} win"
        for winner, gain, gained_from, previous in zip(
            table["winner"],
            table["gain"],
            table["gained_from"],
            table["previous_winner"],
            strict=True,
        )
    ]
