"""Results files made by other people (../shared/data/realworld/results).

Each file gives the same winner, runner-up and majority per seat as the shipped
package for its election, or, where the file itself disagrees with the official
record, what the file says (read here with plain pandas, independently of the
tool's readers). Winners-only files give the same winners.
"""

from __future__ import annotations

import warnings

import pandas as pd
import pytest
from click.testing import CliRunner

from mapping.api import seat_results
from mapping.cli import main
from mapping.custom import load_data
from mapping.errors import InputWarning

from .conftest import SHARED_DATA, require

RESULTS = SHARED_DATA / "realworld" / "results"


def loaded(name: str, year: int) -> pd.DataFrame:
    require((RESULTS / name).is_file(), f"{name} is not in ../shared/data/realworld")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", InputWarning)
        seats = load_data(year, region="all", results=RESULTS / name).seats
    return seats.set_index("code")


def official(year: int) -> pd.DataFrame:
    return seat_results(year).set_index("code")


def differences(got: pd.Series, expected: pd.Series, file_says: pd.Series) -> int:
    """Count the seats that differ from the official record, each as the file says."""
    assert set(got.index) == set(expected.index)
    got = got.reindex(expected.index)
    differs = got != expected
    assert (got[differs] == file_says.reindex(expected.index)[differs]).all(), (
        got[differs].to_dict(),
        expected[differs].to_dict(),
    )
    return int(differs.sum())


@pytest.mark.sources
def test_library_snake_case_layout_gives_the_official_results():
    seats, record = (
        loaded("hoc-ge2019-by-constituency-snake-case.csv", 2019),
        official(2019),
    )
    assert len(seats) == 650
    for column in ("winner", "runner_up", "majority", "previous_winner"):
        assert (seats[column].reindex(record.index) == record[column]).all(), column
    assert seats.loc["E14000637", "winner"] == "Spk"  # Chorley: the Speaker's seat


@pytest.mark.sources
def test_library_by_candidate_file_gives_the_official_results():
    seats, record = loaded("hoc-ge2019-by-candidate.csv", 2019), official(2019)
    for column in ("winner", "runner_up", "majority", "valid_votes"):
        assert (seats[column].reindex(record.index) == record[column]).all(), column
    # gains against 2019's previous election, borrowed from the package
    assert seats.loc["E14000549", "gain"] == False  # noqa: E712 (Battersea, Lab hold)
    assert seats["gain"].sum() == record["gain"].sum()


@pytest.mark.sources
def test_electoral_commission_file_in_windows_1252_gives_the_official_results():
    name = "electoral-commission-ge2015-results.csv"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        load_data(2015, results=RESULTS / name)
    said = [str(w.message) for w in caught]
    assert any("read as Windows-1252" in text for text in said)
    assert any("1 row (3973) name no seat and no party" in text for text in said)
    seats, record = loaded(name, 2015), official(2015)
    raw = pd.read_csv(RESULTS / name, encoding="cp1252", dtype=str)
    raw.columns = raw.columns.str.strip()
    raw["Votes"] = pd.to_numeric(raw["Votes"])
    ranked = raw.sort_values("Votes", ascending=False).groupby("Constituency ID")
    file_majority = ranked["Votes"].apply(lambda v: v.iloc[0] - v.iloc[1])
    for column in ("winner", "runner_up"):
        assert (seats[column].reindex(record.index) == record[column]).all(), column
    assert differences(seats["majority"], record["majority"], file_majority) == 1
    assert seats.loc["E14000530", "winner_name"] == "Gerald Howarth"  # Aldershot


@pytest.mark.sources
def test_democracy_club_candidates_give_the_official_winners():
    seats, record = (
        loaded("democracyclub-candidates-parl-2019-12-12.csv", 2019),
        official(2019),
    )
    assert (seats["winner"].reindex(record.index) == record["winner"]).all()
    assert seats["majority"].isna().all()  # not in the file, never guessed
    assert seats["runner_up"].isna().all()


@pytest.mark.sources
def test_open_innovations_winners_table_gives_the_official_winners():
    name = "open-innovations-general-elections-2024.csv"
    seats, record = loaded(name, 2024), official(2024)
    raw = pd.read_csv(RESULTS / name, dtype=str).set_index("PCON24CD")
    assert (seats["winner"].reindex(record.index) == record["winner"]).all()
    second = raw["Second"].replace({"Ref": "RUK"})
    assert differences(seats["runner_up"], record["runner_up"], second) == 6
    file_majority = pd.to_numeric(raw["Majority"])
    assert differences(seats["majority"], record["majority"], file_majority) == 10
    assert seats["majority_pct"].isna().all()  # no valid votes in the file


@pytest.mark.sources
def test_every_realworld_results_file_is_tested():
    require(RESULTS.is_dir(), "../shared/data/realworld is missing")
    tested = {
        "hoc-ge2019-by-constituency-snake-case.csv",
        "hoc-ge2019-by-candidate.csv",
        "electoral-commission-ge2015-results.csv",
        "democracyclub-candidates-parl-2019-12-12.csv",
        "open-innovations-general-elections-2024.csv",
    }
    assert {path.name for path in RESULTS.iterdir()} == tested


# --- the official files, as a user would pass them -----------------------------------

OFFICIAL = SHARED_DATA / "results"


@pytest.mark.sources
@pytest.mark.parametrize(
    ("name", "year"),
    [
        ("HoC-GE2015-results-by-constituency.csv", 2015),
        ("HoC-GE2017-results-by-candidate.csv", 2017),
        ("HoC-GE2019-results-by-constituency.csv", 2019),
        ("HoC-GE2024-results-by-candidate.csv", 2024),  # title rows, a BOM
        ("HoC-GE2024-results-by-constituency.csv", 2024),
    ],
)
def test_the_librarys_own_files_give_the_package(name, year):
    require((OFFICIAL / name).is_file(), f"{name} is not in ../shared/data/results")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", InputWarning)
        seats = load_data(year, region="all", results=OFFICIAL / name).seats
    seats, record = seats.set_index("code"), official(year)
    for column in ("winner", "runner_up", "majority", "gain"):
        assert (seats[column].reindex(record.index) == record[column]).all(), column


@pytest.mark.sources
@pytest.mark.parametrize(
    ("name", "year", "said"),
    [
        (
            "HoC-GE2010-results-by-constituency.csv",
            2010,
            "E14000608 (Buckingham): cannot find the votes of the winner (Spk), which "
            "lie in 'All other candidates'; add an 'Of which other winner' column",
        ),
        (
            "BES-2019-General-Election-results-file-v1.1.xlsx",
            2019,
            "holds the results of several elections (columns such as 'Con19', "
            "'Con17', 'Con15'); keep the vote columns of one election",
        ),
    ],
)
def test_files_that_cannot_say_who_won_are_refused_in_one_line(name, year, said):
    require((OFFICIAL / name).is_file(), f"{name} is not in ../shared/data/results")
    args = ["table", "--election", str(year), "--results", str(OFFICIAL / name)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len([line for line in lines if line.startswith("Error:")]) == 1
    assert said in lines[-1]
