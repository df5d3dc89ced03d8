"""The shape every results layout is read into, and the checks they all share."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..elections import ONS_CODE
from ..parties import find_party, is_aggregate, party_code
from ..validate import Problems, listing, plural
from .layouts import numeric_share, seat_codes
from .sheets import Sheet

#: What the numbers of a table are: votes, vote shares (%), or only winners.
KINDS = ("votes", "shares", "winners")


@dataclass(frozen=True)
class UserResults:
    """A results table in the project's shape.

    ``seats`` has one row per seat: ``row`` (the line of the file), ``code``
    and/or ``name``, ``electorate``, ``valid_votes``, ``previous_winner`` and
    ``winner_name``; a winners-only table adds ``winner``, ``runner_up``,
    ``majority``, ``majority_pct`` and ``turnout_pct`` as far as it gives them.
    ``votes`` is long: ``row``, ``party``, ``votes`` and ``candidate``; for
    ``kind == "shares"`` its ``votes`` are % of valid votes, and it is empty
    for ``"winners"``. ``layout`` names the layout in messages.
    """

    path: Path
    seats: pd.DataFrame
    votes: pd.DataFrame
    kind: str = "votes"
    layout: str = "one row per seat with a column per party"


def sheet_frame(sheet: Sheet, problems: Problems) -> pd.DataFrame:
    """Return a sheet as a frame of text indexed by line, its columns named once.

    Repeated headers are refused; a column without a header is dropped, or
    refused if it holds numbers (they would be votes of no one).
    """
    names = sheet.header
    for name in sorted({n for n in names if n and names.count(n) > 1}):
        positions = [i + 1 for i, n in enumerate(names) if n == name]
        problems.error(
            f"{_count_word(len(positions))} columns are called {name!r}; "
            "one column per party",
            where=f"columns {listing(positions)}",
        )
    frame = pd.DataFrame(sheet.rows, index=sheet.lines, columns=range(len(names)))
    keep = {}
    for position, name in enumerate(names):
        if name:
            keep[position] = name
        elif numeric_share(frame[position]) > 0:
            problems.error(
                f"column {position + 1} has no header but holds numbers; "
                "name the party (or delete the column)"
            )
    problems.raise_if_any()
    return frame[list(keep)].rename(columns=keep)


def _count_word(count: int) -> str:
    return {2: "two", 3: "three", 4: "four"}.get(count, str(count))


def party_codes(labels, problems: Problems) -> dict[str, str]:
    """Return the code of every party label, each kept as a party of its own.

    Labels the party table does not know are kept as they are written and can
    win; they are named in one warning.
    """
    codes = {label: party_code(label) for label in labels}
    unknown = sorted(
        {code for label, code in codes.items() if find_party(label) is None}
    )
    if unknown:
        problems.warn(
            f"{plural(len(unknown), 'party label')} not in the party table, each "
            f"kept as a party of its own (grey on the maps): "
            f"{', '.join(map(repr, unknown))}; to merge one "
            "with a known party, rename it (e.g. 'Lab', 'Con', 'LD', 'Green')"
        )
    return codes


def code_column(column: pd.Series) -> pd.Series:
    """Return the seat codes of a column, a ``WMC:`` style prefix removed."""
    codes = seat_codes(column)
    return codes.where(codes.notna(), column.str.strip().replace("", None))


def check_seats(seats: pd.DataFrame, votes: pd.DataFrame, problems: Problems) -> None:
    """Check every seat has one row, a key, and votes that add up.

    Fills ``valid_votes`` from the votes where the file gives none.
    """
    key = "code" if seats["code"].notna().any() else "name"
    for row in seats.loc[seats[key].isna(), "row"]:
        problems.error(f"no {key}", where=f"row {row}")
    if key == "code":
        odd = seats["code"].notna() & ~seats["code"].astype(str).str.match(ONS_CODE)
        for row, code in seats.loc[odd, ["row", "code"]].itertuples(index=False):
            problems.error(
                f"{code!r} is not an ONS code (like E14001234)", where=f"row {row}"
            )
    check_one_row_per_seat(seats, problems)
    totals = votes.groupby("row")["votes"].sum().reindex(seats["row"]).fillna(0)
    totals.index = seats.index
    for row in seats.loc[totals == 0, "row"]:
        problems.error("no votes for any party", where=f"row {row}")
    over = seats["electorate"].notna() & (totals > seats["electorate"])
    for row, total, electorate in zip(
        seats.loc[over, "row"], totals[over], seats.loc[over, "electorate"], strict=True
    ):
        problems.error(
            f"{total:,.0f} votes exceed the electorate of {electorate:,.0f}",
            where=f"row {row}",
        )
    given = seats["valid_votes"].notna()
    wrong = given & (seats["valid_votes"] != totals)
    for row, valid, total in zip(
        seats.loc[wrong, "row"], seats.loc[wrong, "valid_votes"], totals[wrong],
        strict=True,
    ):  # fmt: skip
        problems.error(
            f"valid_votes is {valid:,.0f} but the party columns add up to {total:,.0f}",
            where=f"row {row}",
        )
    seats["valid_votes"] = seats["valid_votes"].where(given, totals)


def check_one_row_per_seat(seats: pd.DataFrame, problems: Problems) -> None:
    """Record each seat (by code, else by name) that appears on several rows."""
    key = "code" if seats["code"].notna().any() else "name"
    duplicated = seats[key].notna() & seats[key].duplicated(keep=False)
    for value, group in seats[duplicated].groupby(key):
        problems.error(
            f"{key} {value!r} appears on rows {listing(group['row'])}; one row per seat"
        )


def check_aggregates(votes: pd.DataFrame, problems: Problems, *, unit: str) -> None:
    """Refuse seats whose lumped "Other" votes could hold the winner or runner-up.

    An aggregate of several candidates says nothing of who among them came
    first: where it holds as many votes as the runner-up, the result is unknown.
    """
    lumped = votes[votes["party"].map(is_aggregate)]
    if lumped.empty:
        return
    placed = votes[~votes["party"].map(is_aggregate)]
    second = placed.groupby("row")["votes"].apply(
        lambda v: v.nlargest(2).iloc[-1] if len(v) > 1 else 0.0
    )
    lumped_by_row = lumped.groupby("row")["votes"].sum()
    runner_up = second.reindex(lumped_by_row.index).fillna(0)
    unclear = lumped_by_row[lumped_by_row >= runner_up]
    unclear = unclear[unclear > 0]
    if not unclear.empty:
        rows = listing(unclear.index)
        problems.error(
            f"on {plural(len(unclear), 'row')} ({rows}) the lumped 'Other' column "
            f"holds as many {unit} as the runner-up, so it may hide the winner or "
            "runner-up; give those candidates a column of their own"
        )
