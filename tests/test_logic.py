"""The election rules on small hand-made tables."""

import math

import pandas as pd
import pytest

from mapping import changes, logic


def seats(*rows):
    return pd.DataFrame(
        rows, columns=["code", "electorate", "valid_votes", "first_party"]
    )


def votes(*rows):
    return pd.DataFrame(rows, columns=["code", "party", "votes", "candidate"])


def test_winner_runner_up_majority_and_turnout():
    table = logic.compute_results(
        seats(("A", 1000, 500, "Con")),
        votes(
            ("A", "Con", 250, "Ann"), ("A", "Lab", 200, "Bob"), ("A", "LD", 50, None)
        ),
    ).iloc[0]
    assert (table.winner, table.winner_name, table.runner_up) == ("Con", "Ann", "Lab")
    assert table.majority == 50
    assert table.majority_pct == pytest.approx(10.0)
    assert table.turnout_pct == pytest.approx(50.0)


def test_labour_cooperative_counts_as_labour():
    table = logic.compute_results(
        seats(("A", 1000, 600, "Lab")),
        votes(
            ("A", "Lab Coop", 300, "Cat"),
            ("A", "Con", 200, None),
            ("A", "LD", 100, None),
        ),
    ).iloc[0]
    assert table.winner == "Lab"
    assert logic.parse_result_call("Con gain from Lab Coop") == ("Con", True, "Lab")


def test_speaker_is_a_party_of_its_own():
    table = logic.compute_results(
        seats(("B", 70000, 40000, "Spk")),
        votes(
            ("B", "Spk", 30000, "The Speaker"),
            ("B", "Green", 6000, None),
            ("B", "Other", 4000, None),
        ),
    ).iloc[0]
    assert (table.winner, table.runner_up, table.majority) == ("Spk", "Green", 24000)


def test_lumped_other_candidates_never_win():
    table = logic.compute_results(
        seats(("C", 100, 90, "Lab")),
        votes(("C", "Lab", 40, None), ("C", "Con", 10, None), ("C", "Other", 40, None)),
    ).iloc[0]
    assert (table.winner, table.runner_up) == ("Lab", "Con")


def test_tie_is_settled_by_the_declared_winner():
    rows = votes(
        ("T", "Con", 100, None), ("T", "Lab", 100, None), ("T", "LD", 10, None)
    )
    for declared in ("Con", "Lab"):
        table = logic.compute_results(seats(("T", 300, 210, declared)), rows).iloc[0]
        assert table.winner == declared
        assert table.runner_up == {"Con": "Lab", "Lab": "Con"}[declared]
        assert table.majority == 0


def test_gain_hold_and_a_seat_with_no_previous_result():
    before = logic.compute_results(
        seats(("A", 100, 90, "Con"), ("B", 100, 90, "Lab")),
        votes(
            ("A", "Con", 50, None),
            ("A", "Lab", 40, None),
            ("B", "Lab", 60, None),
            ("B", "Con", 30, None),
        ),
    )
    now = logic.compute_results(
        seats(("A", 100, 90, "Lab"), ("B", 100, 90, "Lab"), ("N", 100, 90, "LD")),
        votes(
            ("A", "Lab", 50, None),
            ("A", "Con", 40, None),
            ("B", "Lab", 70, None),
            ("B", "Con", 20, None),
            ("N", "LD", 60, None),
            ("N", "Con", 30, None),
        ),
    )
    changes = logic.compare_with_previous(now, before).set_index("code")
    assert changes.loc["A", "gain"] and changes.loc["A", "gained_from"] == "Con"
    assert not changes.loc["B", "gain"] and pd.isna(changes.loc["B", "gained_from"])
    assert changes.loc["B", "majority_change"] == pytest.approx(
        100 * 50 / 90 - 100 * 30 / 90
    )
    assert pd.isna(changes.loc["N", "previous_winner"]) and not changes.loc["N", "gain"]
    assert math.isnan(changes.loc["N", "majority_change"])


def test_gains_from_official_notional_calls():
    now = logic.compute_results(
        seats(("A", 100, 90, "Lab"), ("B", 100, 90, "Con")),
        votes(
            ("A", "Lab", 50, None),
            ("A", "Con", 40, None),
            ("B", "Con", 50, None),
            ("B", "Lab", 40, None),
        ),
    )
    calls = pd.Series({"A": "Lab gain from Con", "B": "Con hold"})
    table = logic.gains_from_calls(now, calls).set_index("code")
    assert table.loc["A", "gain"] and table.loc["A", "previous_winner"] == "Con"
    assert not table.loc["B", "gain"] and table.loc["B", "previous_winner"] == "Con"


@pytest.mark.parametrize("text", ["", "Lab", "gain from Con", "Lab won"])
def test_malformed_result_calls_are_refused(text):
    with pytest.raises(ValueError, match="not a result call"):
        logic.parse_result_call(text)


def test_vote_shares_and_butler_swing():
    frame_seats = seats(("A", 100, 100, "Con"))
    before = logic.vote_shares(
        frame_seats,
        votes(("A", "Con", 50, None), ("A", "Lab", 30, None), ("A", "LD", 20, None)),
    )
    after = logic.vote_shares(
        frame_seats,
        votes(("A", "Con", 40, None), ("A", "Lab", 44, None), ("A", "LD", 16, None)),
    )
    assert after.set_index("code").loc["A", "share_Lab"] == pytest.approx(44.0)
    swing = changes.butler_swing(after, before, to="Lab", from_="Con")
    assert swing.name == "swing_con_to_lab"
    assert swing["A"] == pytest.approx(((44 - 30) - (40 - 50)) / 2)


def test_swing_counts_a_party_that_did_not_stand_as_zero():
    frame_seats = seats(("A", 100, 100, "Con"))
    before = logic.vote_shares(
        frame_seats, votes(("A", "Con", 60, None), ("A", "LD", 40, None))
    )
    after = logic.vote_shares(
        frame_seats, votes(("A", "Con", 50, None), ("A", "Lab", 50, None))
    )
    assert changes.butler_swing(after, before, to="Lab", from_="Con")[
        "A"
    ] == pytest.approx(30.0)


def results(*rows):
    """Results with shares of seats of 100 valid votes: (code, {party: votes})."""
    frame_seats = seats(*[(code, 200, 100, None) for code, _ in rows])
    frame_votes = votes(
        *[(code, party, n, None) for code, count in rows for party, n in count.items()]
    )
    return logic.results_with_shares(frame_seats, frame_votes)


BEFORE = results(
    ("held", {"Con": 50, "Lab": 30, "LD": 20}),
    ("second", {"Con": 45, "Lab": 40, "LD": 15}),
    ("third", {"Con": 40, "Lab": 35, "LD": 25}),
    ("new", {"Con": 60, "Lab": 40}),
    ("neither", {"Con": 55, "Lab": 45}),
)
NOW = results(
    ("held", {"Con": 45, "Lab": 35, "LD": 20}),
    ("second", {"Lab": 50, "Con": 40, "LD": 10}),
    ("third", {"LD": 45, "Con": 35, "Lab": 20}),
    ("new", {"Green": 50, "Con": 30, "Lab": 20}),
    ("neither", {"Con": 60, "Lab": 40}),
    ("fresh", {"Con": 70, "Lab": 30}),
)


def test_previous_lead_is_the_winners_share_then_minus_the_best_other():
    lead = changes.previous_lead(NOW, BEFORE)
    assert lead["held"] == pytest.approx(50 - 30)  # it won: its majority then
    assert lead["second"] == pytest.approx(40 - 45)  # it trailed the winner
    assert lead["third"] == pytest.approx(25 - 40)  # third: behind the winner
    assert lead["new"] == pytest.approx(0 - 60)  # did not stand: a share of 0
    assert math.isnan(lead["fresh"])  # no previous result


def test_lead_change_reads_a_change_of_hands_as_a_rise():
    table = logic.compare_with_previous(NOW, BEFORE).set_index("code")
    assert table.loc["held", "lead_change"] == pytest.approx(10 - 20)
    assert table.loc["second", "lead_change"] == pytest.approx(10 - (-5))
    assert table.loc["third", "lead_change"] == pytest.approx(10 - (-15))
    # the old rule subtracts the previous winner's majority: a fall
    assert table.loc["second", "majority_change"] == pytest.approx(10 - 5)
    assert table.loc["third", "majority_change"] == pytest.approx(10 - 5)
    assert (table.loc[table["gain"].astype(bool), "lead_change"] > 0).all()
    assert table.loc["held", "previous_majority"] == 20
    assert table.loc["held", "previous_majority_pct"] == pytest.approx(20.0)
    assert table.loc["fresh"][["previous_majority", "lead_change"]].isna().all()


def test_share_changes_are_empty_where_a_party_stood_in_neither_election():
    table = logic.compare_with_previous(NOW, BEFORE).set_index("code")
    assert table.loc["new", "change_Green"] == pytest.approx(50.0)
    assert math.isnan(table.loc["new", "change_LD"])
    assert math.isnan(table.loc["neither", "change_LD"])
    assert math.isnan(table.loc["neither", "change_Green"])
    assert table.loc["third", "change_LD"] == pytest.approx(20.0)


def test_swing_for_every_ordered_pair_of_main_parties_standing():
    table = logic.compare_with_previous(NOW, BEFORE).set_index("code")
    parties = ["con", "lab", "ld", "green"]
    expected = {f"swing_{a}_to_{b}" for a in parties for b in parties if a != b}
    assert {c for c in table if c.startswith("swing_")} == expected
    # Con 50 → 45, Lab 30 → 35: a swing of 5 from Con to Lab, -5 the other way
    assert table.loc["held", "swing_con_to_lab"] == pytest.approx(5.0)
    assert table.loc["held", "swing_lab_to_con"] == pytest.approx(-5.0)
    assert math.isnan(table.loc["fresh", "swing_con_to_lab"])


def test_swing_con_to_lab_is_there_even_where_neither_stands():
    before = results(("A", {"LD": 60, "Green": 40}))
    now = results(("A", {"LD": 50, "Green": 50}))
    table = logic.compare_with_previous(now, before)
    assert table.loc[0, "swing_con_to_lab"] == 0
    assert table.loc[0, "swing_ld_to_green"] == pytest.approx(10.0)


def test_changes_across_new_boundaries_are_empty():
    calls = pd.Series({code: "Con hold" for code in NOW["code"]})
    table = logic.gains_from_calls(NOW, calls)
    for column in changes.CHANGE_COLUMNS:
        assert table[column].isna().all(), column
