"""User result tables: the simple schema and the House of Commons Library layout."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from ..elections import ONS_CODE
from ..errors import InputError
from ..logic import previous_from_calls
from ..parties import OTHER, known_parties, party_code
from ..validate import Problems, check_readable, listing

#: Reserved columns of the simple results schema (any case, spaces or underscores).
SIMPLE_COLUMNS = {
    "code": ("code", "ons_id", "ons_code", "pcon_code", "gss_code"),
    "name": ("name", "constituency", "constituency_name", "seat"),
    "electorate": ("electorate",),
    "valid_votes": ("valid_votes", "total_votes"),
    "previous_winner": ("previous_winner",),
    "winner_name": ("winner_name", "mp", "candidate"),
}


@dataclass(frozen=True)
class UserResults:
    """A results table in the project's shape.

    ``seats`` has one row per seat: ``code`` and/or ``name``, ``electorate``,
    ``valid_votes``, ``previous_winner``, ``winner_name`` and ``row`` (the line of
    the file). ``votes`` is long: ``row``, ``party``, ``votes``.
    """

    path: Path
    seats: pd.DataFrame
    votes: pd.DataFrame


def read_results(path: Path | str) -> UserResults:
    """Read a results table: the simple schema or the House of Commons Library layout.

    The simple schema has one row per seat with a ``code`` or ``name`` column
    (or both), optional ``electorate``, ``valid_votes``, ``previous_winner`` and
    ``winner_name``, and one column of votes per party (``Con``, ``Lab``, …).
    UTF-8 with or without BOM, CRLF or LF, and thousands separators are fine.
    """
    path = check_readable(path, "results table")
    problems = Problems(path)
    text = _read_text(path)
    lines = text.splitlines()
    header = next(
        (i for i, line in enumerate(lines[:10]) if line.startswith("ONS ID,")), None
    )
    try:
        table = pd.read_csv(
            io.StringIO(text),
            skiprows=header or 0,
            dtype=str,
            keep_default_na=False,
            skipinitialspace=True,
        )
    except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError) as error:
        message = (
            str(error).strip().splitlines()[-1] if str(error).strip() else "unreadable"
        )
        raise InputError([f"{path}: not a CSV table ({message})"]) from None
    table = table.loc[:, ~table.columns.astype(str).str.match(r"^Unnamed: \d+$")]
    if table.empty:
        raise InputError([f"{path}: the table has a header but no rows"])
    first_line = (header or 0) + 2  # a header line, then the rows, counted from 1
    table.index = range(first_line, first_line + len(table))
    if header is not None or {"ONS ID", "First party", "Result"} <= set(table.columns):
        results = _commons_library(path, table, problems)
    else:
        results = _simple(path, table, problems)
    problems.raise_if_any()
    return results


def _read_text(path: Path) -> str:
    data = path.read_bytes()
    if b"\x00" in data[:8192]:
        raise InputError(
            [f"{path}: is a binary file, not a CSV table; export the results as CSV"]
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(
            [f"{path}: is not UTF-8 text (byte {error.start}); save it as 'CSV UTF-8'"]
        ) from None


def _key(text: str) -> str:
    return re.sub(r"[\s_]+", "_", str(text).strip().casefold())


def _simple(path: Path, table: pd.DataFrame, problems: Problems) -> UserResults:
    roles = {}
    for column in table.columns:
        for role, spellings in SIMPLE_COLUMNS.items():
            if _key(column) in spellings and role not in roles:
                roles[role] = column
    if "code" not in roles and "name" not in roles:
        problems.error(
            "no 'code' or 'name' column; the first row must name the columns, "
            "e.g. code,name,electorate,Con,Lab"
        )
        problems.raise_if_any()
    reserved = set(roles.values())
    party_columns = [c for c in table.columns if c not in reserved]
    if not party_columns:
        problems.error(
            "no party columns; add one column of votes per party (Con, Lab, …)"
        )
        problems.raise_if_any()
    seats = pd.DataFrame(index=table.index)
    seats["row"] = table.index
    for role in ("code", "name", "previous_winner", "winner_name"):
        seats[role] = (
            table[roles[role]].str.strip().replace("", None) if role in roles else None
        )
    if seats["previous_winner"].notna().any():
        seats["previous_winner"] = seats["previous_winner"].map(
            lambda v: party_code(v) if isinstance(v, str) else v
        )
    numbers = {c: _numbers(table[c], c, problems) for c in party_columns}
    for role in ("electorate", "valid_votes"):
        seats[role] = (
            _numbers(table[roles[role]], roles[role], problems)
            if role in roles
            else np.nan
        )
    parties = _party_codes(party_columns, problems)
    votes = pd.DataFrame(
        [
            (row, parties[column], value)
            for column in party_columns
            for row, value in numbers[column].items()
            if pd.notna(value) and value > 0
        ],
        columns=["row", "party", "votes"],
    )
    votes = votes.groupby(["row", "party"], as_index=False, sort=True)["votes"].sum()
    _check_seats(seats, votes, problems)
    return UserResults(path, seats.reset_index(drop=True), votes)


def _numbers(column: pd.Series, name: str, problems: Problems) -> pd.Series:
    text = (
        column.astype(str)
        .str.strip()
        .str.replace(r"(?<=\d)[,\s](?=\d{3})", "", regex=True)
    )
    values = pd.to_numeric(text.replace("", None), errors="coerce")
    bad = values.isna() & (text != "")
    for row in bad[bad].index[:5]:
        problems.error(
            f"{column[row]!r} is not a number", where=f"row {row}, column {name!r}"
        )
    if bad.sum() > 5:
        problems.error(
            f"{int(bad.sum()) - 5} more cells are not numbers", where=f"column {name!r}"
        )
    negative = values < 0
    for row in negative[negative].index[:5]:
        problems.error(
            f"{column[row]} is negative", where=f"row {row}, column {name!r}"
        )
    fractional = (values % 1).fillna(0) != 0
    for row in fractional[fractional].index[:5]:
        problems.error(
            f"{column[row]} is not a whole number", where=f"row {row}, column {name!r}"
        )
    return values.where(~(bad | negative | fractional))


def _party_codes(columns: list[str], problems: Problems) -> dict[str, str]:
    known = {p.code for p in known_parties()}
    codes = {}
    for column in columns:
        code = party_code(column)
        if code not in known:
            problems.warn(
                f"unknown party {column!r} counted as {OTHER}; use a code such as "
                f"{listing(sorted(known - {OTHER}), 20)}",
            )
            code = OTHER
        codes[column] = code
    return codes


def _check_seats(seats: pd.DataFrame, votes: pd.DataFrame, problems: Problems) -> None:
    key = "code" if seats["code"].notna().any() else "name"
    missing = seats[key].isna()
    for row in seats.loc[missing, "row"]:
        problems.error(f"no {key}", where=f"row {row}")
    if key == "code":
        odd = seats["code"].notna() & ~seats["code"].astype(str).str.match(ONS_CODE)
        for row, code in seats.loc[odd, ["row", "code"]].itertuples(index=False):
            problems.error(
                f"{code!r} is not an ONS code (like E14001234)", where=f"row {row}"
            )
    duplicated = seats[key].notna() & seats[key].duplicated(keep=False)
    if duplicated.any():
        for value, group in seats[duplicated].groupby(key):
            problems.error(
                f"{key} {value!r} appears on rows {listing(group['row'])}; "
                "one row per seat"
            )
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
        seats.loc[wrong, "row"],
        seats.loc[wrong, "valid_votes"],
        totals[wrong],
        strict=True,
    ):
        problems.error(
            f"valid_votes is {valid:,.0f} but the party columns add up to {total:,.0f}",
            where=f"row {row}",
        )
    seats["valid_votes"] = seats["valid_votes"].where(given, totals)


def _commons_library(
    path: Path, table: pd.DataFrame, problems: Problems
) -> UserResults:
    """Read the House of Commons Library's results-by-constituency layout."""
    from ..pipeline.build import derive_votes

    needed = [
        "ONS ID",
        "Constituency name",
        "Electorate",
        "Valid votes",
        "Majority",
        "First party",
        "Second party",
        "Result",
        "All other candidates",
    ]
    absent = [c for c in needed if c not in table.columns]
    if absent:
        problems.error(f"looks like a Commons Library file but lacks {listing(absent)}")
        problems.raise_if_any()
    frame = table.rename(columns={"UUP (as UCUNF)": "UUP"})
    columns = list(frame.columns)
    first, last = columns.index("Majority"), columns.index("All other candidates")
    numeric = ["Electorate", "Valid votes", *columns[first : last + 1]]
    numeric += [c for c in ("Of which other winner",) if c in frame.columns]
    for column in numeric:
        frame[column] = _numbers(frame[column], column, problems)
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
        long = derive_votes(frame, 0, None, {})
    except Exception as error:  # the derivation explains itself
        raise InputError([f"{path}: {error}"]) from None
    rows = dict(zip(frame["ONS ID"], frame.index, strict=True))
    votes = pd.DataFrame(
        {"row": long["code"].map(rows), "party": long["party"], "votes": long["votes"]}
    )
    seats = pd.DataFrame(
        {
            "row": frame.index,
            "code": frame["ONS ID"].str.strip(),
            "name": frame["Constituency name"].str.strip(),
            "electorate": frame["Electorate"],
            "valid_votes": frame["Valid votes"],
            "previous_winner": previous_from_calls(calls),
            "winner_name": (
                frame.get("Member first name", "").str.strip()
                + " "
                + frame.get("Member surname", "").str.strip()
            )
            .str.strip()
            .replace("", None)
            if "Member surname" in frame
            else None,
        }
    )
    _check_seats(seats, votes, problems)
    return UserResults(path, seats.reset_index(drop=True), votes)
