"""--notional: changes of a 2024 map against the user's notional 2019 results."""

from __future__ import annotations

import io
import warnings

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner

import mapping
from mapping.api import TABLE_COLUMNS
from mapping.cli import main
from mapping.custom import load_data
from mapping.errors import InputWarning

from .conftest import assert_refused, page_data, page_election

#: Parties with one candidate a seat: the notional file swaps two of them.
SWAPPED = {"Con": "Lab", "Lab": "Con"}


@pytest.fixture(scope="session")
def notional_votes() -> pd.DataFrame:
    """London's 2024 votes with Labour's and the Conservatives' swapped, one row
    per seat and party (independents and the lumped others left out)."""
    votes = mapping.load_votes(2024)
    votes = votes[~votes["party"].isin(["Ind", "Other"])]
    votes = votes.groupby(["code", "party"], as_index=False)["votes"].sum()
    return votes.assign(party=votes["party"].replace(SWAPPED))


@pytest.fixture(scope="session")
def notional_files(tmp_path_factory, notional_votes) -> dict:
    """The same notionals in two layouts: votes per party by code (CSV), and one
    row per candidate by seat name (a workbook)."""
    folder = tmp_path_factory.mktemp("notional")
    wide = notional_votes.pivot(index="code", columns="party", values="votes")
    wide = wide.fillna(0).astype(int).reset_index()
    wide.to_csv(folder / "notional.csv", index=False)
    names = mapping.load_election(2024).set_index("code")["name"]
    long = notional_votes.assign(constituency=notional_votes["code"].map(names))
    long = long.assign(candidate="A. Candidate")
    long[["constituency", "party", "candidate", "votes"]].to_excel(
        folder / "notional.xlsx", index=False
    )
    return {"wide": folder / "notional.csv", "candidates": folder / "notional.xlsx"}


def expected_columns(notional_votes: pd.DataFrame) -> pd.DataFrame:
    """Every change column, from the definitions, for the notional file."""
    now = mapping.load_election(2024).set_index("code")
    wide = notional_votes.pivot(index="code", columns="party", values="votes")
    stood_before = wide.notna().reindex(now.index, fill_value=False)
    wide = wide.fillna(0).reindex(now.index)
    before = 100 * wide.div(wide.sum(axis=1), axis=0)
    top = np.sort(wide.to_numpy(), axis=1)[:, ::-1]
    expected = pd.DataFrame(index=now.index)
    expected["previous_majority"] = top[:, 0] - top[:, 1]
    expected["previous_majority_pct"] = 100 * (top[:, 0] - top[:, 1]) / wide.sum(axis=1)
    expected["majority_change"] = (
        now["majority_pct"] - expected["previous_majority_pct"]
    )
    # A winner who did not stand before (Islington North's independent) had 0%.
    winner_before = [before.loc[c].get(w, 0.0) for c, w in now["winner"].items()]
    best_other = [
        before.loc[c].drop(w, errors="ignore").max() for c, w in now["winner"].items()
    ]
    expected["previous_lead"] = np.subtract(winner_before, best_other)
    expected["lead_change"] = now["majority_pct"] - expected["previous_lead"]
    for party in before.columns:
        share_now = now.get(f"share_{party}", pd.Series(np.nan, now.index))
        change = share_now.fillna(0) - before[party]
        # Empty where the party stood in neither election.
        stood = share_now.notna() | stood_before[party]
        expected[f"change_{party}"] = change.where(stood)
    expected["swing_con_to_lab"] = (expected["change_Lab"] - expected["change_Con"]) / 2
    return expected


def load_quietly(**options):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        data = load_data(2024, **options)
    return data, [str(w.message) for w in caught if w.category is InputWarning]


@pytest.mark.parametrize("layout", ["wide", "candidates"])
def test_the_changes_follow_the_definitions(layout, notional_files, notional_votes):
    data, _ = load_quietly(notional=notional_files[layout])
    seats = data.seats.set_index("code")
    expected = expected_columns(notional_votes)
    change_columns = ["majority_change"] + [
        c for c in expected if c.startswith("change_")
    ]
    assert seats[["majority_change", "change_Con", "change_Lab"]].notna().all().all()
    # A wide file's empty cell may read as 0 votes: a change of 0, not "empty".
    pd.testing.assert_frame_equal(
        seats[change_columns].fillna(0),
        expected[change_columns].reindex(seats.index).fillna(0),
        check_names=False,
    )


def test_the_contract_columns_follow_the_definitions(notional_files, notional_votes):
    data, _ = load_quietly(notional=notional_files["wide"])
    seats = data.seats.set_index("code")
    expected = expected_columns(notional_votes).reindex(seats.index)
    for column in [
        "previous_majority",
        "previous_majority_pct",
        "previous_lead",
        "lead_change",
        "swing_con_to_lab",
    ]:
        pd.testing.assert_series_equal(
            seats[column], expected[column], check_names=False
        )


def test_gains_keep_the_official_calls_and_one_warning_names_the_others(
    notional_files, notional_votes
):
    official = load_data(2024).seats.set_index("code")
    data, caught = load_quietly(notional=notional_files["wide"])
    seats = data.seats.set_index("code")
    for column in ("previous_winner", "gain", "gained_from", "result"):
        pd.testing.assert_series_equal(
            seats[column], official[column].reindex(seats.index)
        )
    wide = notional_votes.pivot(index="code", columns="party", values="votes")
    yours = wide.idxmax(axis=1).reindex(seats.index)
    differ = (yours != seats["previous_winner"]).sum()
    assert differ > 10
    about = [w for w in caught if "official notional winner" in w]
    assert len(about) == 1
    assert f"in {differ} seats its winner differs from the official" in about[0]
    assert "and" in about[0] and f"{differ - 5} more" in about[0]


def test_the_maps_credit_the_file(notional_files, tmp_path):
    data, _ = load_quietly(notional=notional_files["wide"], attribution=None)
    assert "changes against notional 2019 results: notional.csv" in data.attribution
    named, _ = load_quietly(notional=notional_files["wide"], attribution="R&T")
    assert named.credits["notional"] == "changes against notional 2019 results: R&T"
    result = CliRunner().invoke(
        main,
        ["build", "--election", "2024", "--notional", notional_files["candidates"]]
        + ["--out", str(tmp_path)],
    )
    assert result.exit_code == 0, result.output
    page = page_election(page_data((tmp_path / "london-2024.html").read_text()))
    assert "changes against notional 2019 results: notional.xlsx" in page["attribution"]
    assert result.output.count("Warning:") == 1


def test_the_table_command_takes_a_notional_file(notional_files):
    plain = CliRunner().invoke(main, ["table", "--election", "2024"])
    result = CliRunner().invoke(
        main, ["table", "--election", "2024", "--notional", notional_files["wide"]]
    )
    assert result.exit_code == 0, result.output
    before = pd.read_csv(io.StringIO(plain.stdout))
    after = pd.read_csv(io.StringIO(result.stdout))
    official = TABLE_COLUMNS[: TABLE_COLUMNS.index("valid_votes") + 1]
    # The official calls stay; the change columns are now filled in.
    pd.testing.assert_frame_equal(after[official], before[official])
    assert before["lead_change"].isna().all()
    assert after["lead_change"].notna().all()


def test_seats_missing_from_the_file_are_refused_or_left_empty(
    notional_files, tmp_path
):
    table = pd.read_csv(notional_files["wide"])
    short = tmp_path / "short.csv"
    table[table["code"] != "E14001434"].to_csv(short, index=False)  # Putney
    assert_refused(
        ["build", "--election", "2024", "--notional", short, "--out", tmp_path],
        "1 seat of the boundaries have no notional result: Putney (E14001434)",
        tmp_path,
    )
    data, _ = load_quietly(notional=short, allow_missing=True)
    putney = data.seats.set_index("code").loc["E14001434"]
    assert np.isnan(putney["change_Lab"]) and putney["result"] == "Lab hold"


def test_codes_that_are_no_seat_are_refused(notional_files, tmp_path):
    table = pd.read_csv(notional_files["wide"])
    table.loc[0, "code"] = "E14009999"
    extra = tmp_path / "extra.csv"
    table.to_csv(extra, index=False)
    assert_refused(
        ["table", "--election", "2024", "--notional", extra],
        "notional result match no seat of the boundaries: E14009999",
        tmp_path,
    )


def test_the_real_previous_results_are_not_notionals(inputs, tmp_path):
    # The 2019 results are on the 2010–2019 seats, not the 2024 ones.
    assert_refused(
        ["build", "--election", "2024", "--notional", inputs / "results.csv"]
        + ["--out", tmp_path],
        "its codes belong to the 2010–2019 boundaries (e.g. E14000",
        tmp_path,
    )


@pytest.mark.parametrize("year", ["2015", "2017", "2019"])
def test_refused_where_the_previous_election_had_the_same_seats(
    year, notional_files, tmp_path
):
    assert_refused(
        ["build", "--election", year, "--notional", notional_files["wide"]]
        + ["--out", tmp_path],
        f"--notional is for an election on new boundaries (2010, 2024): {year} "
        "was fought on the same seats as",
        tmp_path,
    )


def test_one_notional_file_is_one_election(notional_files, tmp_path):
    assert_refused(
        ["build", "--notional", notional_files["wide"], "--out", tmp_path],
        "--notional holds one election: name it with --election YEAR",
        tmp_path,
    )


def test_winners_only_cannot_give_changes(tmp_path):
    winners = mapping.load_election(2024)[["code", "winner"]]
    path = tmp_path / "winners.csv"
    winners.to_csv(path, index=False)
    assert_refused(
        ["table", "--election", "2024", "--notional", path],
        "holds winners only; --notional needs the votes or shares",
        tmp_path,
    )
    assert_refused(
        ["table", "--election", "2024", "--results", path, "--notional", path],
        "holds winners only",
        tmp_path,
    )


def test_notionals_with_your_own_results(notional_votes, notional_files, tmp_path):
    # Your results: the notional file with the two parties swapped back.
    votes = notional_votes.assign(party=notional_votes["party"].replace(SWAPPED))
    wide = votes.pivot(index="code", columns="party", values="votes")
    path = tmp_path / "results-2024.csv"
    wide.fillna(0).astype(int).reset_index().to_csv(path, index=False)
    data, _ = load_quietly(results=path, notional=notional_files["wide"])
    seats = data.seats
    assert seats["change_LD"].abs().max() < 1e-9  # same votes, same total
    difference = seats["share_Lab"] - seats["share_Con"]
    pd.testing.assert_series_equal(seats["change_Lab"], difference, check_names=False)
    assert "previous" in data.credits and "notional" in data.credits
