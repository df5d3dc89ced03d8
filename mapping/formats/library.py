"""The House of Commons Library's results-by-constituency layout.

One reader of the layout's rules for both the data pipeline (the official files)
and a user's ``--results`` file: which columns are parties, who the member is,
and how the lumped "All other candidates" column is split.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from ..errors import SourceDataError
from ..logic import previous_from_calls
from ..parties import OTHER, party_code
from ..validate import Problems, listing, refuse
from .counts import counts
from .layouts import LIBRARY_SNAKE, Layout, header_key
from .table import UserResults, check_seats

#: Columns a constituency file of the Library must have (title case).
REQUIRED = (
    "ONS ID",
    "Constituency name",
    "Electorate",
    "Valid votes",
    "Majority",
    "First party",
    "Second party",
    "Result",
    "All other candidates",
)


def party_columns(frame: pd.DataFrame) -> list[str]:
    """Return the columns of votes per party: those between Majority and the rest."""
    columns = list(frame.columns)
    return columns[
        columns.index("Majority") + 1 : columns.index("All other candidates")
    ]


def member_names(frame: pd.DataFrame) -> pd.Series:
    """Return the elected member of each seat ("First Surname"); empty if unnamed."""
    first = frame.get("Member first name", pd.Series("", index=frame.index))
    last = frame.get("Member surname", pd.Series("", index=frame.index))
    return (
        first.fillna("").str.strip() + " " + last.fillna("").str.strip()
    ).str.strip()


def split_votes(
    frame: pd.DataFrame,
    *,
    speaker_votes: Mapping[str, int] | None = None,
    label: str = "",
) -> pd.DataFrame:
    """Return one row per seat and party (``code``, ``party``, ``votes``).

    The Library gives the main parties a column each and lumps everyone else
    together. A winner or runner-up from outside the main parties (the Speaker,
    an independent) gets a row of its own: from "Of which other winner" where
    the file has it, else from the official majority, else from
    ``speaker_votes`` (code → votes); what is left stays as "Other".

    Parameters
    ----------
    frame
        The layout with numeric vote columns (``First party``, ``Second party``,
        ``Majority``, the party columns and ``All other candidates``).
    speaker_votes
        Votes of a winner the file cannot give, by seat code.
    label
        Named in errors, e.g. the election year.

    Raises
    ------
    SourceDataError
        Where the votes of the winner or runner-up cannot be found.
    """
    columns = party_columns(frame)
    speaker_votes = speaker_votes or {}
    rows: list[tuple[str, str, int]] = []
    for record in frame.to_dict("records"):
        code = record["ONS ID"]
        where = f"{code} ({record['Constituency name']}){' ' + label if label else ''}"
        votes: dict[str, int] = {}
        for column in columns:
            if record[column] > 0:
                party = party_code(column)
                votes[party] = votes.get(party, 0) + int(record[column])
        others = int(record["All other candidates"])
        first = party_code(record["First party"])
        second = party_code(record["Second party"])
        majority = int(record["Majority"])
        if first == second:
            raise SourceDataError(
                f"{where}: winner and runner-up are both {first}; the party table "
                "cannot tell them apart"
            )
        if first not in votes:
            if record.get("Of which other winner", 0) > 0:
                votes[first] = int(record["Of which other winner"])
            elif second in votes:
                votes[first] = votes[second] + majority
            elif code in speaker_votes:
                votes[first] = speaker_votes[code]
            else:
                raise SourceDataError(
                    f"{where}: cannot find the votes of the winner ({first}), which "
                    "lie in 'All other candidates'; add an 'Of which other winner' "
                    "column with them"
                )
            others -= votes[first]
        if second not in votes:
            votes[second] = votes[first] - majority
            others -= votes[second]
        if others < 0:
            raise SourceDataError(
                f"{where}: winner and runner-up exceed 'All other candidates'"
            )
        if others:
            votes[OTHER] = others
        rows.extend((code, party, count) for party, count in votes.items())
    return pd.DataFrame(rows, columns=["code", "party", "votes"])


def read_library(
    path: Path, table: pd.DataFrame, layout: Layout, problems: Problems
) -> UserResults:
    """Read a constituency file of the Library, in title case or snake case.

    The member's name columns are optional; gains come from the ``Result`` calls.
    """
    snake = {
        c: LIBRARY_SNAKE[header_key(c)] for c in table if header_key(c) in LIBRARY_SNAKE
    }
    frame = table.rename(columns=snake).rename(columns={"UUP (as UCUNF)": "UUP"})
    absent = [c for c in REQUIRED if c not in frame.columns]
    if absent:
        refuse(path, f"looks like a Commons Library file but lacks {listing(absent)}")
    numeric = ["Electorate", "Valid votes", "Majority", *party_columns(frame)]
    numeric.append("All other candidates")
    numeric += [c for c in ("Of which other winner",) if c in frame.columns]
    for column in numeric:
        frame[column] = counts(frame[column], column, problems)
    problems.raise_if_any()
    frame = frame.fillna({c: 0 for c in numeric})
    calls = frame["Result"].str.strip()
    bad_calls = ~calls.str.match(r"^.+ (hold|gain from .+)$")
    for row in frame.index[bad_calls]:
        problems.error(
            f"{calls[row]!r} is not a result call", where=f"row {row}, column 'Result'"
        )
    problems.raise_if_any()
    try:
        long = split_votes(frame)
    except SourceDataError as error:  # the derivation explains itself
        refuse(path, str(error))
    rows = dict(zip(frame["ONS ID"], frame.index, strict=True))
    votes = pd.DataFrame(
        {
            "row": long["code"].map(rows),
            "party": long["party"],
            "votes": long["votes"],
            "candidate": pd.NA,
        }
    )
    seats = pd.DataFrame(
        {
            "row": frame.index,
            "code": frame["ONS ID"].str.strip(),
            "name": frame["Constituency name"].str.strip(),
            "electorate": frame["Electorate"],
            "valid_votes": frame["Valid votes"],
            "previous_winner": previous_from_calls(calls),
            "winner_name": member_names(frame).replace("", None),
        }
    )
    check_seats(seats, votes, problems)
    return UserResults(
        path, seats.reset_index(drop=True), votes, layout="the Library's layout"
    )
