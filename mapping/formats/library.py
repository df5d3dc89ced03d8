"""The House of Commons Library's results-by-constituency layout.

One reader of the layout's rules for both the data pipeline (the official files)
and a user's ``--results`` file: which columns are parties, who the member is,
and how the lumped "All other candidates" column is split.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from ..errors import SourceDataError
from ..parties import OTHER, party_code


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
                    f"{where}: cannot find the votes of the winner ({first})"
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
