"""Derive the compact data package from the official source files.

``build_package(source_dir, out_dir)`` checks every source against the registry,
derives tidy tables (seats, results, party votes, Remain estimates, hex layouts) and
simplified boundaries (and each set simplified further for the map of all its
seats), and writes them with a manifest of sources, hashes and credits. The
same sources and library versions always give the same bytes.
"""

from __future__ import annotations

import json
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio
import shapely

from ..elections import BOUNDARY_SETS, ELECTIONS
from ..errors import SourceDataError
from ..formats.library import member_names, split_votes
from ..package import boundary_file, overview_file
from ..parties import OTHER, party_code
from ..simplify import PACKAGE_TOLERANCE_M, overview, web_tolerance
from .sources import check_rows, check_sources
from .write import write_package

#: Coordinates are stored on a one-metre grid.
GRID_M = 1.0
#: Gaps narrower than this between neighbouring seats are closed when cleaning.
GAP_WIDTH_M = 1.0
#: Results file that names the seats of each boundary set (the 2019 file spells
#: "Isleof Wight" and "Stratford-On-Avon").
NAMES_FROM = {"pcon2010": 2017, "pcon2024": 2024}


def build_package(source_dir: Path | str, out_dir: Path | str) -> dict:
    """Build the data package from ``source_dir`` into ``out_dir``.

    Parameters
    ----------
    source_dir
        Folder laid out like the official downloads (``boundaries/``,
        ``results/``, ``eu_referendum/``, ``hexjson/``).
    out_dir
        Folder to write the package into (``boundaries/`` of the repository).
        Files are written to a temporary folder first and moved into place only
        when every one is complete.

    Returns
    -------
    dict
        The manifest that was written.
    """
    paths = check_sources(Path(source_dir))
    raw = {year: _read_results(paths[f"results_{year}"], year) for year in ELECTIONS}
    candidates = {
        year: _read_candidates(paths[f"candidates_{year}"], year)
        for year in (2017, 2019, 2024)
    }
    speaker = _speaker_votes_from_bes(paths["bes_2019"])

    tables = {
        "seats.csv": _derive_seats(raw),
        "results.csv": pd.concat([_derive_results(raw[y], y) for y in ELECTIONS]),
        "votes.csv": pd.concat(
            [_derive_votes(raw[y], y, candidates.get(y), speaker) for y in ELECTIONS]
        ),
        "remain.csv": _derive_remain(paths),
        "hexes.csv": _derive_hexes(paths),
    }
    geometries = {
        boundary_file(set_id): _derive_boundaries(paths[f"boundaries_{set_id}"], set_id)
        for set_id in BOUNDARY_SETS
    }
    _check_codes_agree(tables, geometries)
    simplification = {
        "crs": "EPSG:27700",
        "method": "make_valid, coverage_clean, coverage_simplify",
        "tolerance_m": PACKAGE_TOLERANCE_M,
        "grid_m": GRID_M,
        "overview_tolerance_m": {
            set_id: round(web_tolerance(geometries[boundary_file(set_id)]), 3)
            for set_id in BOUNDARY_SETS
        },
    }
    for set_id in BOUNDARY_SETS:  # the map of all seats: simplified further
        geometries[overview_file(set_id)] = _derive_overview(
            geometries[boundary_file(set_id)], tables["seats.csv"], set_id
        )
    return write_package(Path(out_dir), tables, geometries, simplification)


# --- reading the sources --------------------------------------------------------


def _read_results(path: Path, year: int) -> pd.DataFrame:
    # The 2024 file has two preamble rows and a trailing comma on every row.
    skip = 2 if year == 2024 else 0
    frame = pd.read_csv(path, skiprows=skip, thousands=",", encoding="utf-8")
    frame = frame.loc[:, ~frame.columns.str.startswith("Unnamed")]
    check_rows(f"results_{year}", len(frame))
    return frame.rename(columns={"UUP (as UCUNF)": "UUP"})


def _read_candidates(path: Path, year: int) -> pd.DataFrame:
    frame = pd.read_csv(path, encoding="utf-8-sig", thousands=",")
    check_rows(f"candidates_{year}", len(frame))
    frame = frame.rename(
        columns={
            "ons_id": "ONS ID",
            "party_abbreviation": "Party abbreviation",
            "firstname": "Candidate first name",
            "surname": "Candidate surname",
            "votes": "Votes",
        }
    )
    return pd.DataFrame(
        {
            "code": frame["ONS ID"],
            "party": frame["Party abbreviation"].map(party_code),
            "votes": frame["Votes"].astype(int),
            "candidate": (
                frame["Candidate first name"].str.strip()
                + " "
                + frame["Candidate surname"].str.strip()
            ),
        }
    )


def _speaker_votes_from_bes(path: Path) -> dict[tuple[int, str], int]:
    """Votes of the Speaker where the Library files lump them with others.

    The Library's 2010 and 2015 files have no "Of which other winner" column; the
    British Election Study records the Speaker's vote in its ``ConVote`` column.
    """
    bes = pd.read_excel(path, sheet_name="Data", engine="openpyxl")
    check_rows("bes_2019", len(bes))
    votes = {}
    for year, suffix in ((2010, "10"), (2015, "15")):
        seats = bes[bes[f"Winner{suffix}"] == "Speaker"]
        for code, count in zip(
            seats["ONSConstID"], seats[f"ConVote{suffix}"], strict=True
        ):
            votes[(year, code)] = int(count)
    return votes


# --- deriving the tables --------------------------------------------------------


def _derive_seats(raw: dict[int, pd.DataFrame]) -> pd.DataFrame:
    rows = []
    for set_id, year in NAMES_FROM.items():
        frame = raw[year]
        rows.append(
            pd.DataFrame(
                {
                    "boundary_set": set_id,
                    "code": frame["ONS ID"],
                    "name": frame["Constituency name"],
                    "region": frame["Region name"],
                    "country": frame["Country name"],
                }
            ).sort_values("code")
        )
    return pd.concat(rows)


def _derive_results(frame: pd.DataFrame, year: int) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "election": year,
            "code": frame["ONS ID"],
            "electorate": frame["Electorate"].astype(int),
            "valid_votes": frame["Valid votes"].astype(int),
            "invalid_votes": frame["Invalid votes"].astype(int),
            "majority": frame["Majority"].astype(int),
            "first_party": frame["First party"].map(party_code),
            "second_party": frame["Second party"].map(party_code),
            "result": frame["Result"],
            "winner_name": member_names(frame),
        }
    ).sort_values("code")


def _derive_votes(
    frame: pd.DataFrame,
    year: int,
    candidates: pd.DataFrame | None,
    speaker: dict[tuple[int, str], int],
) -> pd.DataFrame:
    """One row per seat and party, with the candidate where the sources name one."""
    speaker_votes = {
        code: votes for (when, code), votes in speaker.items() if when == year
    }
    table = split_votes(frame, speaker_votes=speaker_votes, label=str(year))
    table.insert(0, "election", year)
    table["candidate"] = _candidate_names(table, candidates, frame)
    return table.sort_values(["code", "votes", "party"], ascending=[True, False, True])


def _candidate_names(
    votes: pd.DataFrame, candidates: pd.DataFrame | None, frame: pd.DataFrame
) -> pd.Series:
    """Candidate of each party row: matched on party and votes, else on party alone."""
    names = pd.Series(pd.NA, index=votes.index, dtype="string")
    if candidates is not None:
        exact = candidates.drop_duplicates(["code", "party", "votes"], keep=False)
        exact = exact.set_index(["code", "party", "votes"])["candidate"]
        keys = pd.MultiIndex.from_frame(votes[["code", "party", "votes"]])
        names = names.fillna(
            pd.Series(exact.reindex(keys).to_numpy(), index=votes.index)
        )
        single = candidates.drop_duplicates(["code", "party"], keep=False)
        single = single.set_index(["code", "party"])["candidate"]
        keys = pd.MultiIndex.from_frame(votes[["code", "party"]])
        names = names.fillna(
            pd.Series(single.reindex(keys).to_numpy(), index=votes.index)
        )
    # The winning MP is named in every year's seat file.
    winners = dict(
        zip(
            frame["ONS ID"] + "|" + frame["First party"].map(party_code),
            member_names(frame),
            strict=True,
        )
    )
    keys = votes["code"] + "|" + votes["party"]
    names = pd.Series(keys.map(winners), index=votes.index, dtype="string").fillna(
        names
    )
    names[votes["party"] == OTHER] = pd.NA
    return names


def _derive_remain(paths: dict[str, Path]) -> pd.DataFrame:
    old = pd.read_csv(paths["remain_pcon2010"])
    check_rows("remain_pcon2010", len(old))
    new = pd.read_csv(paths["remain_pcon2024"])
    check_rows("remain_pcon2024", len(new))
    return pd.concat(
        [
            pd.DataFrame(
                {
                    "boundary_set": "pcon2010",
                    "code": old["PCON11CD"],
                    "remain_pct": ((1 - old["Figure to use"]) * 100).round(4),
                }
            ).sort_values("code"),
            pd.DataFrame(
                {
                    "boundary_set": "pcon2024",
                    "code": new["gss_code"],
                    "remain_pct": (new["RemainPct"] * 100).round(4),
                }
            ).sort_values("code"),
        ]
    )


def _derive_hexes(paths: dict[str, Path]) -> pd.DataFrame:
    frames = []
    for set_id in BOUNDARY_SETS:
        source_id = f"hexes_{set_id}"
        hexjson = json.loads(paths[source_id].read_text(encoding="utf-8"))
        if hexjson.get("layout") != "odd-r":
            raise SourceDataError(f"{paths[source_id]}: expected the odd-r layout")
        hexes = hexjson["hexes"]
        check_rows(source_id, len(hexes))
        frames.append(
            pd.DataFrame(
                [(set_id, code, h["q"], h["r"]) for code, h in sorted(hexes.items())],
                columns=["boundary_set", "code", "q", "r"],
            )
        )
    return pd.concat(frames)


def _derive_boundaries(path: Path, set_id: str) -> gpd.GeoDataFrame:
    """Read, repair, clean and simplify one boundary set as a coverage.

    ``coverage_simplify`` simplifies each shared border once, so neighbouring
    seats keep one common edge: no gaps and no slivers.
    """
    frame = pyogrio.read_dataframe(path)
    check_rows(f"boundaries_{set_id}", len(frame))
    code_column = next(c for c in frame.columns if c.lower().endswith("cd"))
    frame = frame.set_crs(4326).to_crs(27700)  # TopoJSON carries no CRS member
    polygons = shapely.make_valid(
        frame.geometry.to_numpy(), method="structure", keep_collapsed=False
    )
    polygons = shapely.coverage_clean(polygons, gap_width=GAP_WIDTH_M)
    polygons = shapely.coverage_simplify(polygons, PACKAGE_TOLERANCE_M)
    polygons = shapely.set_precision(polygons, GRID_M)
    return gpd.GeoDataFrame(
        {"code": frame[code_column].to_numpy()}, geometry=polygons, crs=27700
    ).sort_values("code", ignore_index=True)


def _derive_overview(
    frame: gpd.GeoDataFrame, seats: pd.DataFrame, set_id: str
) -> gpd.GeoDataFrame:
    """Simplify a whole set further, its seats in the maps' order (by name)."""
    names = seats.loc[seats["boundary_set"] == set_id, ["code", "name"]]
    in_order = frame.merge(names, on="code").sort_values("name", ignore_index=True)
    return overview(in_order)


def _check_codes_agree(
    tables: dict[str, pd.DataFrame], geometries: dict[str, gpd.GeoDataFrame]
) -> None:
    seats = tables["seats.csv"]
    results = tables["results.csv"]
    problems = []
    for year, election in ELECTIONS.items():
        set_id = election.boundary_set.id
        expected = set(seats.loc[seats["boundary_set"] == set_id, "code"])
        checks = {
            f"results {year}": set(results.loc[results["election"] == year, "code"]),
            f"boundaries {set_id}": set(geometries[boundary_file(set_id)]["code"]),
            f"hexes {set_id}": set(
                tables["hexes.csv"].query("boundary_set == @set_id")["code"]
            ),
        }
        remain = set(tables["remain.csv"].query("boundary_set == @set_id")["code"])
        if not remain <= expected:
            problems.append(f"Remain estimates {set_id} have unknown codes")
        for what, codes in checks.items():
            if codes != expected:
                problems.append(
                    f"{what}: {len(codes ^ expected)} codes differ from the seat list"
                )
    if problems:
        raise SourceDataError(
            "sources do not join on ONS codes: " + "; ".join(problems)
        )


# --- writing the package --------------------------------------------------------
