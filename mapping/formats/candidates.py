"""Tables of candidates (one row each) and tables of winners only."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from ..validate import Problems, listing, plural, refuse
from .counts import counts, percentages
from .layouts import Layout
from .table import UserResults, check_seats, code_column, party_codes

#: Cells of an "elected" column that mean yes.
ELECTED = {"true", "yes", "y", "1", "elected", "t", "x"}


def read_candidates(
    path: Path, table: pd.DataFrame, layout: Layout, problems: Problems
) -> UserResults:
    """Read one row per candidate: seat, party, votes (or only who was elected).

    Independents stay separate candidates. Without votes, an ``elected`` column
    makes a winners-only table.
    """
    roles = layout.roles
    table = _without_footer(table, roles, problems)
    key = "code" if "code" in roles else "name"
    cells = table[roles[key]]
    seat = code_column(cells) if key == "code" else cells.str.strip()
    first_row = seat.groupby(seat, sort=False).transform(lambda s: s.index[0])
    labels = table[roles["party"]].str.strip()
    codes = party_codes(sorted(set(labels) - {""}), problems)
    for row in labels.index[labels == ""]:
        problems.error("no party (write 'Independent' for one)", where=f"row {row}")
    candidate = _candidate_names(table, roles)
    elected = (
        table[roles["elected"]].str.strip().str.casefold().isin(ELECTED)
        if "elected" in roles
        else None
    )
    seats = _seats(table, roles, seat, first_row, key, problems)
    if "votes" not in roles:
        if elected is None:
            refuse(
                path,
                f"looks like {layout.described} but has no votes column and no "
                "'elected' column; add the votes of each candidate",
            )
        problems.raise_if_any()
        return _winners_from_flags(
            path, seats, first_row, labels.map(codes), candidate, elected, problems
        )
    votes = pd.DataFrame(
        {
            "row": first_row,
            "party": labels.map(codes),
            "votes": counts(table[roles["votes"]], roles["votes"], problems),
            "candidate": candidate,
            "entry": table.index,
        }
    )
    problems.raise_if_any()
    votes = votes[votes["votes"].fillna(0) > 0]
    check_seats(seats, votes, problems)
    if elected is not None:
        _check_flags(votes, elected, problems)
    return UserResults(
        path, seats, votes.reset_index(drop=True), "votes", layout.described
    )


def _without_footer(table: pd.DataFrame, roles, problems: Problems) -> pd.DataFrame:
    """Drop rows naming neither a seat nor a party (totals and notes under a table)."""
    keys = [roles[r] for r in ("code", "name", "party") if r in roles]
    blank = (table[keys].apply(lambda c: c.str.strip()) == "").all(axis=1)
    if blank.any():
        problems.warn(
            f"{plural(int(blank.sum()), 'row')} ({listing(table.index[blank])}) name "
            "no seat and no party (totals or notes?) and are left out"
        )
    return table[~blank]


def _candidate_names(table: pd.DataFrame, roles) -> pd.Series:
    if "candidate" in roles:
        names = table[roles["candidate"]]
    elif "first_name" in roles:
        names = table[roles["first_name"]].str.strip() + " " + table[roles["surname"]]
    else:
        return pd.Series(pd.NA, index=table.index, dtype=object)
    names = names.str.strip()
    return names.where(names != "", pd.NA)


def _seats(table, roles, seat, first_row, key, problems: Problems) -> pd.DataFrame:
    """One row per seat, at the line of its first candidate."""
    firsts = ~first_row.duplicated()
    seats = pd.DataFrame({"row": first_row[firsts]})
    seats["code"] = seat[firsts] if key == "code" else None
    seats["name"] = (
        table.loc[firsts, roles["name"]].str.strip() if "name" in roles else None
    )
    seats["electorate"] = (
        counts(table.loc[firsts, roles["electorate"]], roles["electorate"], problems)
        if "electorate" in roles
        else np.nan
    )
    seats["valid_votes"] = np.nan
    seats["previous_winner"] = None
    seats["winner_name"] = None
    return seats.reset_index(drop=True)


def _check_flags(votes: pd.DataFrame, elected: pd.Series, problems: Problems) -> None:
    """Refuse a seat whose candidate marked elected did not get the most votes."""
    votes = votes.assign(elected=elected.reindex(votes.index).fillna(False))
    for row, group in votes.groupby("row"):
        top = group["votes"].max()
        marked = group[group["elected"]]
        if len(marked) == 1 and marked["votes"].iloc[0] < top:
            problems.error(
                f"the candidate marked elected has {marked['votes'].iloc[0]:,.0f} "
                f"votes but another has {top:,.0f}; check the votes or the flag",
                where=f"row {row}",
            )
    problems.raise_if_any()


def _winners_from_flags(
    path, seats, first_row, parties, candidate, elected, problems: Problems
) -> UserResults:
    """Return a winners-only table from candidates flagged ``elected``."""
    flagged = pd.DataFrame(
        {
            "row": first_row[elected],
            "party": parties[elected],
            "name": candidate[elected],
        }
    )
    count = flagged.groupby("row").size().reindex(seats["row"]).fillna(0)
    for row in seats["row"][(count != 1).to_numpy()]:
        problems.error(
            f"{plural(int(count[row]), 'candidate')} marked elected; one per seat",
            where=f"row {row}",
        )
    problems.raise_if_any()
    winners = flagged.set_index("row")
    seats = seats.assign(
        winner=seats["row"].map(winners["party"]),
        winner_name=seats["row"].map(winners["name"]),
        runner_up=None,
        majority=np.nan,
        majority_pct=np.nan,
        turnout_pct=np.nan,
    )
    empty = pd.DataFrame(columns=["row", "party", "votes", "candidate"])
    return UserResults(
        path, seats, empty, "winners", "one row per candidate, winners flagged"
    )


def read_winners(
    path: Path, table: pd.DataFrame, layout: Layout, problems: Problems
) -> UserResults:
    """Read one row per seat naming the winner (and maybe majority, runner-up)."""
    roles = layout.roles

    def column(role: str, read=None, default=np.nan):
        if role not in roles:
            return pd.Series(default, index=table.index)
        cells = table[roles[role]]
        return (
            read(cells, roles[role], problems)
            if read
            else cells.str.strip().replace("", None)
        )

    labels = pd.concat([column("winner"), column("runner_up", default=None)]).dropna()
    codes = party_codes(sorted(set(labels)), problems)
    seats = pd.DataFrame(
        {
            "row": table.index,
            "code": code_column(table[roles["code"]]) if "code" in roles else None,
            "name": column("name", default=None),
            "electorate": column("electorate", counts),
            "valid_votes": column("valid_votes", counts),
            "previous_winner": column("previous_winner", default=None),
            "winner_name": column("winner_name", default=None),
            "winner": column("winner").map(codes),
            "runner_up": column("runner_up", default=None).map(codes),
            "majority": column("majority", counts),
            "majority_pct": column("majority_pct", percentages),
            "turnout_pct": column("turnout", percentages),
        }
    )
    problems.raise_if_any()
    for row in seats.loc[seats["winner"].isna(), "row"]:
        problems.error("no winner", where=f"row {row}")
    derived = seats["majority"] / seats["valid_votes"] * 100
    seats["majority_pct"] = seats["majority_pct"].fillna(derived)
    turnout = seats["valid_votes"] / seats["electorate"] * 100
    seats["turnout_pct"] = seats["turnout_pct"].fillna(turnout)
    return UserResults(
        path,
        seats.reset_index(drop=True),
        pd.DataFrame(columns=["row", "party", "votes", "candidate"]),
        "winners",
        layout.described,
    )
