"""Change against the previous election, held to the official record.

Figures come from the House of Commons Library's results (the published
majorities and votes), not from our code; the definitions are worked out here
again, seat by seat, from the Library's own files in ``../shared/data``.
"""

from __future__ import annotations

import csv

import pandas as pd
import pytest

import mapping
from mapping.api import seat_results

from .conftest import SHARED_DATA, require


def seat(year: int, name: str):
    frame = seat_results(year)
    return frame[frame["name"] == name].iloc[0]


# --- the story's figures, from the public record ------------------------------


def test_putney_majorities_2015_2017_2019():
    assert seat(2015, "Putney")["majority"] == 10_180
    assert seat(2017, "Putney")["majority"] == 1_554
    assert seat(2017, "Putney")["previous_majority"] == 10_180
    assert seat(2019, "Putney")["majority"] == 4_774
    assert seat(2019, "Putney")["previous_majority"] == 1_554


def test_putney_2019_lead_rose_by_12_8_points_not_6_1():
    putney = seat(2019, "Putney")
    # Labour 19,125 of 46,894 valid votes (40.8%) to the Conservatives' 20,679
    # (44.1%) in 2017; a majority of 4,774 of 50,467 (9.5%) in 2019
    assert putney["previous_lead"] == pytest.approx(100 * (19_125 - 20_679) / 46_894)
    assert putney["lead_change"] == pytest.approx(
        100 * 4_774 / 50_467 - 100 * (19_125 - 20_679) / 46_894
    )
    assert round(putney["previous_lead"], 1) == -3.3
    assert round(putney["majority_pct"], 1) == 9.5
    assert round(putney["lead_change"], 1) == 12.8
    assert round(putney["majority_change"], 1) == 6.1  # the old, misleading rule


def test_putney_2019_swing_conservative_to_labour_is_6_4():
    putney = seat(2019, "Putney")
    # Con 20,679 of 46,894 → 18,006 of 50,467; Lab 19,125 → 22,780
    con = 100 * 18_006 / 50_467 - 100 * 20_679 / 46_894
    lab = 100 * 22_780 / 50_467 - 100 * 19_125 / 46_894
    assert putney["swing_con_to_lab"] == pytest.approx((lab - con) / 2)
    assert round(putney["swing_con_to_lab"], 1) == 6.4
    assert putney["swing_lab_to_con"] == pytest.approx(-putney["swing_con_to_lab"])


def test_ealing_central_and_acton_274_then_nearly_14000():
    assert seat(2015, "Ealing Central and Acton")["majority"] == 274
    later = seat(2017, "Ealing Central and Acton")
    assert later["majority"] == 13_807
    assert later["previous_majority"] == 274


def test_tooting_majority_5_3_then_26_6_per_cent():
    assert round(seat(2015, "Tooting")["majority_pct"], 1) == 5.3
    later = seat(2017, "Tooting")
    assert round(later["previous_majority_pct"], 1) == 5.3
    assert round(later["majority_pct"], 1) == 26.6


def test_chingford_majority_roughly_halved_2017_to_2019():
    chingford = seat(2019, "Chingford and Woodford Green")
    assert (chingford["previous_majority"], chingford["majority"]) == (2_438, 1_262)
    assert 0.45 < chingford["majority"] / chingford["previous_majority"] < 0.55


def test_battersea_2017_labour_gain_reads_as_a_rise():
    battersea = seat(2017, "Battersea")
    assert battersea["result"] == "Lab gain from Con"
    assert battersea["lead_change"] > 15  # from 15.6 behind to 4.4 ahead
    assert battersea["majority_change"] < 0  # what the old rule said: a fall


@pytest.mark.parametrize("year", [2015, 2017, 2019])
def test_every_gain_reads_as_a_rise(year):
    frame = seat_results(year)
    assert (frame.loc[frame["gain"], "lead_change"] > 0).all()


@pytest.mark.parametrize("year", [2010, 2024])
def test_no_change_is_given_across_new_boundaries(year):
    frame = mapping.load_election(year)
    columns = ["previous_majority", "previous_lead", "lead_change", "swing_con_to_lab"]
    columns += [c for c in frame if c.startswith("change_")]
    assert frame[columns].isna().all().all()
    assert frame["previous_winner"].notna().all()  # the notional winner stays


# --- every seat, against the Library's own files -----------------------------

PARTY_COLUMNS = {"UUP (as UCUNF)": "UUP"}
NOT_PARTIES = {"All other candidates", "Of which other winner"}


def library_results(year: int) -> dict[str, dict]:
    """The Library's results by constituency: winner, majority and party votes."""
    require(SHARED_DATA.is_dir(), f"official sources not found at {SHARED_DATA}")
    path = SHARED_DATA / "results" / f"HoC-GE{year}-results-by-constituency.csv"
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    first_party = rows[0].keys()
    parties = list(first_party)[list(first_party).index("Majority") + 1 :]
    seats = {}
    for row in rows:
        votes = {
            PARTY_COLUMNS.get(p, p): int(row[p])
            for p in parties
            if p not in NOT_PARTIES
        }
        seats[row["ONS ID"]] = {
            "winner": row["First party"].replace("Lab Coop", "Lab"),
            "majority": int(row["Majority"]),
            "valid": int(row["Valid votes"]),
            "votes": votes,
            "others": int(row["All other candidates"]),
        }
    return seats


@pytest.mark.sources
@pytest.mark.parametrize(
    ("year", "previous"), [(2015, 2010), (2017, 2015), (2019, 2017)]
)
def test_lead_change_of_every_seat_is_its_definition(year, previous):
    now, before = library_results(year), library_results(previous)
    ours = seat_results(year).set_index("code")
    checked = 0
    for code, seat_now in now.items():
        then = before[code]
        winner = seat_now["winner"]
        rivals = [v for party, v in then["votes"].items() if party != winner]
        if winner not in then["votes"] or then["others"] >= max(rivals):
            continue  # lumped candidates could hide the best rival: not decidable
        lead_then = 100 * (then["votes"][winner] - max(rivals)) / then["valid"]
        lead_now = 100 * seat_now["majority"] / seat_now["valid"]
        assert ours.loc[code, "previous_lead"] == pytest.approx(lead_then), code
        assert ours.loc[code, "lead_change"] == pytest.approx(lead_now - lead_then)
        assert ours.loc[code, "previous_majority"] == then["majority"], code
        checked += 1
    assert checked >= 640, checked


@pytest.mark.sources
@pytest.mark.parametrize(
    ("year", "previous"), [(2015, 2010), (2017, 2015), (2019, 2017)]
)
def test_swing_of_every_seat_is_butlers(year, previous):
    now, before = library_results(year), library_results(previous)
    ours = seat_results(year).set_index("code")

    def share(seat, party):
        return 100 * seat["votes"][party] / seat["valid"]

    for code, seat_now in now.items():
        then = before[code]
        lab = share(seat_now, "Lab") - share(then, "Lab")
        con = share(seat_now, "Con") - share(then, "Con")
        # Con → Lab is positive when Labour gains on the Conservatives
        assert ours.loc[code, "swing_con_to_lab"] == pytest.approx((lab - con) / 2)
        if seat_now["votes"]["Lab"] or then["votes"]["Lab"]:
            assert ours.loc[code, "change_Lab"] == pytest.approx(lab), code
        else:  # Labour stood in neither election (the Speaker's seat)
            assert pd.isna(ours.loc[code, "change_Lab"]), code


@pytest.mark.sources
@pytest.mark.parametrize(
    ("year", "previous"), [(2015, 2010), (2017, 2015), (2019, 2017)]
)
def test_swing_between_every_pair_of_parties_is_butlers(year, previous):
    """Every ordered pair the Library gives both elections' votes of, every seat."""
    now, before = library_results(year), library_results(previous)
    ours = seat_results(year).set_index("code")
    parties = [
        party
        for party in ("Con", "Lab", "LD", "Green", "UKIP", "SNP", "PC")
        if party in next(iter(now.values()))["votes"]
        and party in next(iter(before.values()))["votes"]
    ]
    assert len(parties) >= 6, parties

    def change(code, party):
        seat_now, then = now[code], before[code]
        return (
            100 * seat_now["votes"][party] / seat_now["valid"]
            - 100 * then["votes"][party] / then["valid"]
        )

    checked = 0
    for code in now:
        for from_ in parties:
            for to in parties:
                if from_ == to:
                    continue
                column = f"swing_{from_.lower()}_to_{to.lower()}"
                expected = (change(code, to) - change(code, from_)) / 2
                assert ours.loc[code, column] == pytest.approx(expected, abs=1e-9), (
                    code,
                    column,
                )
                checked += 1
    assert checked >= 650 * 30, checked
