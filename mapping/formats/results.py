"""User result tables in every layout read: which layout a file is, and reading it.

The layout is told from the content (:mod:`.layouts`); one row per seat with a
column per party is read here, the other layouts by their own modules.
"""

from __future__ import annotations

import re
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import InputWarning
from ..logic import previous_from_calls
from ..parties import find_party, party_code
from ..validate import Problems, listing, plural, refuse
from .candidates import read_candidates, read_winners
from .counts import MAX_COUNT, counts, parse_numbers, percentages
from .layouts import MOSTLY, Layout, identify, numeric_share, role_of
from .library import read_library
from .sheets import MAX_RESULTS_BYTES, read_sheet
from .table import (
    UserResults,
    check_aggregates,
    check_one_row_per_seat,
    check_seats,
    party_codes,
    sheet_frame,
)
from .table import code_column as seat_code_column

__all__ = ["MAX_COUNT", "MAX_RESULTS_BYTES", "UserResults", "read_results"]

#: Readers of each layout but the wide one.
READERS = {
    "library": read_library,
    "candidates": read_candidates,
    "winners": read_winners,
}
#: How close to 100% the shares of a seat must add up to be read as shares.
SHARE_TOTAL = (95.0, 100.5)


def read_results(path: Path | str) -> UserResults:
    """Read a results table in any layout london-maps knows.

    One row per seat with a column of votes (or % shares) per party; the House
    of Commons Library's constituency files; one row per candidate; a table of
    winners only. CSV in UTF-8, UTF-16 or Windows-1252 with any common
    delimiter, or an xlsx, xls or ods workbook; titles above the header are
    skipped. See the README's "Files from elsewhere".
    """
    sheet = read_sheet(path)
    path = sheet.path
    for note in sheet.notes:
        warnings.warn(note, InputWarning, stacklevel=2)
    problems = Problems(path)
    table = sheet_frame(sheet, problems)
    layout = identify(table)
    if layout.kind == "wide":
        results = _wide(path, table, layout, problems)
    else:
        results = READERS[layout.kind](path, table, layout, problems)
    problems.raise_if_any()
    return results


def _wide(
    path: Path, table: pd.DataFrame, layout: Layout, problems: Problems
) -> UserResults:
    """One row per seat, a column of votes (or of % shares) per party."""
    roles = layout.roles
    if "code" not in roles and "name" not in roles:
        problems.error(
            "no column of seat codes or names; the first row must name the "
            "columns, e.g. code,name,electorate,Con,Lab"
        )
        problems.raise_if_any()
    used = set(roles.values())
    candidates = [c for c in table.columns if c not in used and role_of(c) is None]
    text = [c for c in candidates if numeric_share(table[c]) < 0.5]
    if text:
        problems.warn(
            f"{plural(len(text), 'column')} of text skipped, not parties: "
            f"{listing(map(repr, text), 8)}"
        )
    columns = [c for c in candidates if c not in text]
    _refuse_several_elections(path, columns)
    if not columns:
        problems.error(
            "no party columns; add one column of votes per party (Con, Lab, …)"
        )
        problems.raise_if_any()
    codes = party_codes(columns, problems)
    _refuse_repeated_parties(codes, problems)
    shares = _are_shares(table, columns)
    read = percentages if shares else counts
    numbers = {c: read(table[c], c, problems) for c in columns}
    if shares:
        scale = 100.0 if max(float(numbers[c].max()) for c in columns) <= 1 else 1.0
        numbers = {c: v * scale for c, v in numbers.items()}
    seats = _seat_columns(table, roles, problems)
    votes = pd.DataFrame(
        [
            (row, codes[column], value, pd.NA)
            for column in columns
            for row, value in numbers[column].items()
            if pd.notna(value) and value > 0
        ],
        columns=["row", "party", "votes", "candidate"],
    )
    problems.raise_if_any()
    check_aggregates(votes, problems, unit="% of the vote" if shares else "votes")
    if shares:
        _check_shares(seats, votes, problems)
        return UserResults(path, seats, votes, "shares", "vote shares (%)")
    check_seats(seats, votes, problems)
    return UserResults(
        path, seats.reset_index(drop=True), votes, "votes", layout.described
    )


def _seat_columns(table: pd.DataFrame, roles, problems: Problems) -> pd.DataFrame:
    """Return the seat-level columns of a wide table."""

    def text(role: str) -> pd.Series | None:
        if role not in roles:
            return None
        return table[roles[role]].str.strip().replace("", None)

    seats = pd.DataFrame({"row": table.index}, index=table.index)
    seats["code"] = seat_code_column(table[roles["code"]]) if "code" in roles else None
    seats["name"] = text("name")
    seats["winner_name"] = text("winner_name")
    previous = text("previous_winner")
    if previous is None and "result" in roles:
        try:
            previous = previous_from_calls(table[roles["result"]])
        except ValueError as error:
            problems.error(str(error), where=f"column {roles['result']!r}")
    seats["previous_winner"] = (
        previous.map(lambda v: party_code(v) if isinstance(v, str) else v)
        if previous is not None
        else None
    )
    for role in ("electorate", "valid_votes"):
        seats[role] = (
            counts(table[roles[role]], roles[role], problems)
            if role in roles
            else np.nan
        )
    return seats


def _refuse_several_elections(path: Path, columns: list[str]) -> None:
    """Refuse party columns of several elections ("Con19", "Con17", "Con15")."""
    years: dict[str, str] = {}
    for column in columns:
        found = re.search(r"(?<![0-9])((?:19|20)?[0-9]{2})$", column.strip())
        if found and find_party(column[: found.start()].strip(" _")) is not None:
            years.setdefault(found.group(1)[-2:], column)
    if len(years) > 1:
        examples = listing(map(repr, list(years.values())[:3]))
        refuse(
            path,
            f"holds the results of several elections (columns such as {examples}); "
            "keep the vote columns of one election and save it again",
        )


def _refuse_repeated_parties(codes: dict[str, str], problems: Problems) -> None:
    """Refuse two columns that are one party ("Con" and "Conservative")."""
    columns: dict[str, list[str]] = {}
    for column, code in codes.items():
        columns.setdefault(code, []).append(column)
    for code, same in columns.items():
        if len(same) > 1:
            problems.error(
                f"columns {listing(map(repr, same))} are all the party {code!r}; "
                "keep one column per party"
            )


def _are_shares(table: pd.DataFrame, columns: list[str]) -> bool:
    """Whether the party columns are % shares (each seat adds up to about 100)."""
    totals = table[columns].apply(parse_numbers).sum(axis=1)
    if totals.max() <= 1.005 + 1e-9:
        totals = totals * 100
    low, high = SHARE_TOTAL
    return bool(((totals >= low) & (totals <= high)).mean() >= MOSTLY)


def _check_shares(seats: pd.DataFrame, votes: pd.DataFrame, problems: Problems) -> None:
    """Each seat's shares must add up to 95–100.5%."""
    totals = votes.groupby("row")["votes"].sum().reindex(seats["row"]).fillna(0)
    low, high = SHARE_TOTAL
    for row, total in totals[(totals < low) | (totals > high)].items():
        problems.error(
            f"the shares add up to {total:.1f}%, not about 100%; check the row",
            where=f"row {row}",
        )
    check_one_row_per_seat(seats, problems)
