"""User result tables: the simple schema and the House of Commons Library layout."""

from __future__ import annotations

import csv
import io
import itertools
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from ..elections import ONS_CODE
from ..errors import SourceDataError
from ..logic import previous_from_calls
from ..parties import OTHER, known_parties, party_code
from ..text import normalise_name
from ..validate import Problems, check_readable, listing, read_capped, refuse
from .library import member_names, party_columns, split_votes

#: Largest results table read, in bytes: all 650 seats take well under 1 MB.
MAX_RESULTS_BYTES = 200 * 10**6

#: Largest count a cell may hold: more voters than any UK area has.
MAX_COUNT = 10_000_000

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
    path = check_readable(path, "results table", max_bytes=MAX_RESULTS_BYTES)
    problems = Problems(path)
    text = _read_text(path)
    lines = text.splitlines()
    header = next(
        (i for i, line in enumerate(lines[:10]) if line.startswith("ONS ID,")), None
    )
    table = _read_table(path, text, header or 0)
    if table.empty:
        refuse(path, "the table has a header but no rows")
    first_line = (header or 0) + 2  # a header line, then the rows, counted from 1
    table.index = range(first_line, first_line + len(table))
    table = _named_columns(table, _raw_header(path, text, header or 0), problems)
    problems.raise_if_any()
    if header is not None or {"ONS ID", "First party", "Result"} <= set(table.columns):
        results = _commons_library(path, table, problems)
    else:
        results = _simple(path, table, problems)
    problems.raise_if_any()
    return results


def _read_text(path: Path) -> str:
    data = read_capped(path, "results table", MAX_RESULTS_BYTES)
    if b"\x00" in data[:8192]:
        refuse(path, "is a binary file, not a CSV table; export the results as CSV")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        refuse(path, f"is not UTF-8 text (byte {error.start}); save it as 'CSV UTF-8'")


def _read_table(path: Path, text: str, skip: int) -> pd.DataFrame:
    try:
        return pd.read_csv(
            io.StringIO(text),
            skiprows=skip,
            dtype=str,
            keep_default_na=False,
            skipinitialspace=True,
        )
    except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError) as error:
        message = (
            str(error).strip().splitlines()[-1] if str(error).strip() else "unreadable"
        )
        refuse(path, f"not a CSV table ({message})")


def _raw_header(path: Path, text: str, skip: int) -> list[str]:
    """Return the header cells as written (pandas renames a second 'Lab' 'Lab.1')."""
    reader = csv.reader(io.StringIO(text), skipinitialspace=True)
    try:
        records = itertools.islice(reader, skip, None)
        return next((record for record in records if record), [])
    except csv.Error as error:
        refuse(path, f"not a CSV table ({error})")


def _named_columns(
    table: pd.DataFrame, header: list[str], problems: Problems
) -> pd.DataFrame:
    """Refuse repeated headers and blank headers over numbers; drop blank columns."""
    if len(header) != len(table.columns):
        problems.error(
            f"the header row reads as {len(header)} cells or as "
            f"{len(table.columns)} columns (stray quotes?); save it again as CSV"
        )
        return table
    names = [name.strip() for name in header]
    for name in sorted({n for n in names if n and names.count(n) > 1}):
        positions = [i + 1 for i, n in enumerate(names) if n == name]
        problems.error(
            f"{_count_word(len(positions))} columns are called {name!r}; "
            "one column per party",
            where=f"columns {listing(positions)}",
        )
    keep = []
    for position, (name, column) in enumerate(
        zip(names, table.columns, strict=True), start=1
    ):
        if name:
            keep.append(column)
        elif _holds_numbers(table[column]):
            problems.error(
                f"column {position} has no header but holds numbers; name the party"
            )
    return table[keep]


def _holds_numbers(column: pd.Series) -> bool:
    text = column.str.replace(r"[,\s]", "", regex=True)
    return bool(pd.to_numeric(text.where(text != ""), errors="coerce").notna().any())


def _count_word(count: int) -> str:
    return {2: "two", 3: "three", 4: "four"}.get(count, str(count))


def _key(text: str) -> str:
    """Fold a column header for matching: "ONS ID", "ons_id" and "Ons id"."""
    return normalise_name(text).replace(" ", "_")


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


#: Why a cell is not a count, in the order the rules apply: (for one cell, for
#: several, whether to quote the cell).
_NOT_COUNTS = {
    "text": ("is not a number", "are not numbers", True),
    "negative": ("is negative", "are negative", False),
    "huge": (
        f"is more than {MAX_COUNT:,}; votes and electorates are counts of people",
        f"are more than {MAX_COUNT:,}",
        False,
    ),
    "fraction": ("is not a whole number", "are not whole numbers", False),
}


def _numbers(column: pd.Series, name: str, problems: Problems) -> pd.Series:
    """Return the counts of a column: floats from 0 to MAX_COUNT, NaN when blank.

    A cell that is not a whole number in that range (text, ``inf``, ``nan``,
    ``1e400``, ``-5``, ``10.5``) is recorded as a problem and returned as NaN.
    """
    text = (
        column.astype(str)
        .str.strip()
        .str.replace(r"(?<=\d)[,\s](?=\d{3})", "", regex=True)
    )
    values = pd.to_numeric(text.where(text != ""), errors="coerce").astype(float)
    rules = {
        # 'inf', 'Infinity' and 'nan' parse, but are not numbers of people.
        "text": (text != "") & (values.isna() | ~text.str.contains(r"\d")),
        "negative": values < 0,
        "huge": values > MAX_COUNT,  # 1e400 parses as inf
        "fraction": (values % 1).fillna(0) != 0,
    }
    refused = pd.Series(False, index=values.index)
    for rule, mask in rules.items():
        mask = mask & ~refused
        refused |= mask
        _report_cells(column[mask].str.strip(), name, _NOT_COUNTS[rule], problems)
    return values.where(~refused)


def _report_cells(
    cells: pd.Series, name: str, wording: tuple[str, str, bool], problems: Problems
) -> None:
    one, several, quoted = wording
    for row, cell in cells.iloc[:5].items():
        shown = repr(cell) if quoted else cell
        problems.error(f"{shown} {one}", where=f"row {row}, column {name!r}")
    if len(cells) > 5:
        problems.error(
            f"{len(cells) - 5} more cells {several}", where=f"column {name!r}"
        )


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
    numeric = ["Electorate", "Valid votes", "Majority", *party_columns(frame)]
    numeric.append("All other candidates")
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
        long = split_votes(frame)
    except SourceDataError as error:  # the derivation explains itself
        refuse(path, str(error))
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
            "winner_name": member_names(frame).replace("", None),
        }
    )
    _check_seats(seats, votes, problems)
    return UserResults(path, seats.reset_index(drop=True), votes)
