"""Bring your own data: boundary files and result tables, read and validated.

Everything a user hands in goes through :mod:`mapping.validate`: every problem of a
file is reported at once, with the file, row or seat and the fix, as one
:class:`~mapping.validate.InputError`. Input files are only ever read.
"""

from __future__ import annotations

import difflib
import io
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import shapely

from .logic import previous_from_calls
from .parties import OTHER, known_parties, party_code
from .validate import InputError, Problems, check_readable, listing, plural

ONS_CODE = re.compile(r"^[EWSN]\d{8}$")
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


# --- boundaries -------------------------------------------------------------------


def read_boundaries(
    path: Path | str, *, code_column: str | None = None, name_column: str | None = None
) -> gpd.GeoDataFrame:
    """Read a boundary file GDAL understands into ``code``, ``name``, geometry (27700).

    Parameters
    ----------
    path
        ESRI shapefile (with its ``.prj``), GeoPackage, GeoJSON, … in any CRS.
    code_column, name_column
        Columns holding the ONS code and the seat name; detected when omitted.
    """
    path = check_readable(path, "boundary file")
    problems = Problems(path)
    try:
        frame = pyogrio.read_dataframe(path)
    except Exception as error:  # GDAL's errors come in several types
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise InputError(
            [
                f"{path}: not a vector file GDAL can read ({reason}); export it as a "
                "shapefile, GeoPackage or GeoJSON"
            ]
        ) from None
    if len(frame) == 0:
        raise InputError([f"{path}: the file holds no features"])
    if frame.crs is None:
        raise InputError(
            [
                f"{path}: the file has no coordinate reference system; for a "
                "shapefile, "
                "keep its .prj file beside it, or save it again with a CRS "
                "(e.g. EPSG:27700 British National Grid)"
            ]
        )
    code_column = _pick_column(frame, code_column, "code", _looks_like_codes, problems)
    name_column = _pick_column(
        frame, name_column, "name", _looks_like_names, problems, exclude=code_column
    )
    problems.raise_if_any()
    _check_coordinates(frame, problems)
    codes = frame[code_column].astype("string").str.strip()
    for row in np.flatnonzero(codes.isna() | (codes == "")):
        problems.error("a feature has no code", where=f"feature {row + 1}")
    duplicated = codes[codes.duplicated(keep=False) & codes.notna()]
    if len(duplicated):
        problems.error(
            f"duplicate codes {listing(sorted(set(duplicated)))}; each seat must be "
            "one feature (dissolve the parts into one multipolygon)"
        )
    names = frame[name_column].astype("string") if name_column else codes
    geometry = frame.geometry
    for row in np.flatnonzero(geometry.isna() | geometry.is_empty):
        problems.error("the seat has no geometry", where=f"seat {codes.iloc[row]}")
    kinds = set(geometry.dropna().geom_type) - {"Polygon", "MultiPolygon"}
    if kinds:
        problems.error(f"seats must be polygons, found {listing(sorted(kinds))}")
    problems.raise_if_any()
    frame = gpd.GeoDataFrame(
        {"code": codes.to_numpy(dtype=object), "name": names.to_numpy(dtype=object)},
        geometry=geometry.to_crs(27700).to_numpy(),
        crs=27700,
    )
    invalid = ~frame.geometry.is_valid
    if invalid.any():
        frame.loc[invalid, "geometry"] = shapely.make_valid(
            frame.geometry[invalid].to_numpy(), method="structure", keep_collapsed=False
        )
        problems.warn(
            f"repaired invalid geometry of {plural(int(invalid.sum()), 'seat')}: "
            f"{listing(frame.loc[invalid, 'name'])}"
        )
    problems.raise_if_any()
    return frame


def _looks_like_codes(values: pd.Series) -> bool:
    text = values.dropna().astype(str).str.strip()
    return len(text) > 0 and text.str.match(ONS_CODE).mean() > 0.9


def _looks_like_names(values: pd.Series) -> bool:
    text = values.dropna().astype(str)
    return len(text) > 0 and text.str.contains(r"[A-Za-z]{3}").mean() > 0.9


def _pick_column(frame, chosen, what, test, problems, *, exclude=None):
    columns = [c for c in frame.columns if c not in ("geometry", exclude)]
    if chosen is not None:
        if chosen not in frame.columns:
            problems.error(
                f"no column {chosen!r}; the columns are {listing(columns, 20)}"
            )
        return chosen
    candidates = [
        c
        for c in columns
        if frame[c].dtype == object or pd.api.types.is_string_dtype(frame[c])
    ]
    hits = [c for c in candidates if test(frame[c])]
    if what == "name":
        preferred = [c for c in hits if re.search(r"(nm|name)$", c, re.I)]
        return (preferred or hits or [None])[0]
    if not hits:
        problems.error(
            f"no column of ONS codes (like E14001234) among {listing(columns, 20)}; "
            f"name it with --code-column"
        )
        return None
    return hits[0]


def _check_coordinates(frame: gpd.GeoDataFrame, problems: Problems) -> None:
    """Catch the commonest CRS mistake: metres labelled as degrees, or the reverse."""
    minx, miny, maxx, maxy = frame.total_bounds
    in_degrees = max(abs(minx), abs(maxx)) <= 180 and max(abs(miny), abs(maxy)) <= 90
    if frame.crs.is_geographic and not in_degrees:
        problems.error(
            f"the file says {frame.crs.name} (degrees) but its coordinates reach "
            f"{maxx:,.0f}, {maxy:,.0f}, which look like British National Grid metres; "
            "set its CRS to EPSG:27700"
        )
    elif not frame.crs.is_geographic and in_degrees:
        problems.error(
            f"the file says {frame.crs.name} (metres) but its coordinates stay within "
            f"{maxx:.2f}, {maxy:.2f}, which look like longitude and latitude; set its "
            "CRS to EPSG:4326"
        )
    problems.raise_if_any()


# --- results ----------------------------------------------------------------------


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
    from .pipeline.build import derive_votes

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


# --- joining ----------------------------------------------------------------------


def normalise_name(name: str) -> str:
    """Fold a seat name for matching: case, accents, "&", punctuation and spaces."""
    text = unicodedata.normalize("NFKD", str(name))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = re.sub(r"\s*&\s*", " and ", text)
    text = re.sub(r"[^a-z0-9]+", " ", text)
    return " ".join(text.split())


def match_names(results: UserResults, seats: pd.DataFrame) -> pd.Series:
    """Give each result row the code of the seat whose name matches.

    Raises
    ------
    InputError
        Listing every unmatched name with the closest seat names.
    """
    lookup = {}
    for code, name in zip(seats["code"], seats["name"], strict=True):
        lookup.setdefault(normalise_name(name), code)
    problems = Problems(results.path)
    codes = []
    for row, name in zip(results.seats["row"], results.seats["name"], strict=True):
        code = lookup.get(normalise_name(name))
        if code is None:
            close = difflib.get_close_matches(normalise_name(name), list(lookup), n=3)
            names = dict(
                zip(map(normalise_name, seats["name"]), seats["name"], strict=True)
            )
            hint = f"; closest: {listing([names[c] for c in close])}" if close else ""
            problems.error(f"no seat called {name!r}{hint}", where=f"row {row}")
        codes.append(code)
    problems.raise_if_any()
    return pd.Series(codes, index=results.seats.index)
