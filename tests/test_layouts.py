"""Results layouts told by their content, and no party ever silently lost."""

from __future__ import annotations

import warnings

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mapping.custom import load_data
from mapping.errors import InputError, InputWarning
from mapping.formats.layouts import role_of
from mapping.formats.results import read_results
from mapping.parties import find_party

#: Three London seats of 2019 with their official votes (Con, Lab, LD, Green).
SEATS = {
    "E14000887": ("Putney", 20952, 25391, 8548, 2107),  # Lab gain from Con
    "E14000549": ("Battersea", 17574, 27290, 9150, 1529),
    "E14000634": ("Chingford and Woodford Green", 23481, 22219, 2744, 1204),
}
WINNERS = {"E14000887": "Lab", "E14000549": "Lab", "E14000634": "Con"}


def quietly(function, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", InputWarning)
        return function(*args, **kwargs)


def results_of(path, year=2019) -> pd.DataFrame:
    data = quietly(load_data, year, results=path, allow_missing=True)
    return data.seats.set_index("code").loc[list(SEATS)]


def wide_csv(headers=("Con", "Lab", "LD", "Green")) -> str:
    lines = [",".join(["code", "name", *headers])]
    for code, (name, *votes) in SEATS.items():
        lines.append(",".join([code, f'"{name}"', *map(str, votes)]))
    return "\n".join(lines) + "\n"


def test_snake_case_library_layout(tmp_path):
    header = (
        "ons_id,constituency_name,region_name,mp_firstname,mp_surname,result,"
        "first_party,second_party,electorate,valid_votes,majority,con,lab,ld,"
        "green,other,other_winner"
    )
    rows = [
        "E14000887,Putney,London,Fleur,Anderson,Lab gain from Con,Lab,Con,"
        "66000,56998,4439,20952,25391,8548,2107,0,0",
    ]
    path = tmp_path / "snake.csv"
    path.write_text("\n".join([header, *rows]) + "\n")
    seat = results_of(path).loc["E14000887"]
    assert (seat["winner"], seat["runner_up"], seat["majority"]) == ("Lab", "Con", 4439)
    assert seat["gain"] and seat["gained_from"] == "Con"
    assert seat["winner_name"] == "Fleur Anderson"


@pytest.mark.parametrize("names", [True, False])
def test_one_row_per_candidate_keeps_independents_apart(tmp_path, names):
    text = (
        "constituency,party,candidate,votes\n"
        "Putney,Independent,A,900\nPutney,Independent,B,800\n"
        "Putney,Conservative,C,1000\nPutney,Labour,D,1500\n"
    )
    if not names:
        text = text.replace(",candidate", "").replace(",A,", ",").replace(",B,", ",")
        text = text.replace(",C,", ",").replace(",D,", ",")
    path = tmp_path / "candidates.csv"
    path.write_text(text)
    seat = results_of(path).loc["E14000887"]
    # the two independents (1,700 together) do not beat the Conservative
    assert (seat["winner"], seat["runner_up"], seat["majority"]) == ("Lab", "Con", 500)
    assert seat["valid_votes"] == 4200


def test_winners_only_table_maps_winners_and_says_what_it_lacks(tmp_path):
    path = tmp_path / "calls.csv"
    path.write_text(
        "PCON19CD,seat,winner,second\n"
        + "".join(f"{c},{SEATS[c][0]},{w},LD\n" for c, w in WINNERS.items())
    )
    seats = results_of(path)
    assert seats["winner"].to_dict() == WINNERS
    assert (seats["runner_up"] == "LD").all()
    assert seats["majority"].isna().all()


@pytest.mark.parametrize("scale", [1, 0.01])
def test_vote_shares_in_percent_or_fractions(tmp_path, scale):
    lines = ["code,Con,Lab,LD,Green"]
    for code, (_, *votes) in SEATS.items():
        shares = [100 * v / sum(votes) * scale for v in votes]
        lines.append(",".join([code, *(f"{s:.4f}" for s in shares)]))
    path = tmp_path / "shares.csv"
    path.write_text("\n".join(lines) + "\n")
    seats = results_of(path)
    assert seats["winner"].to_dict() == WINNERS
    putney = seats.loc["E14000887"]
    assert putney["majority_pct"] == pytest.approx(100 * 4439 / 56998, abs=0.01)
    assert pd.isna(putney["majority"])  # shares cannot give votes


@pytest.mark.parametrize(
    ("encoding", "delimiter"),
    [("utf-8-sig", ","), ("utf-16", "\t"), ("utf-16-le", ";"), ("cp1252", ";")],
)
def test_encodings_and_delimiters(tmp_path, encoding, delimiter):
    # Sinn Féin tops Putney: read with the wrong encoding, "Sinn FÃ©in" would win
    text = wide_csv(("Con", "Lab", "LD", "Sinn Féin")).replace(",2107", ",99999")
    path = tmp_path / "results.csv"
    path.write_bytes(text.replace(",", delimiter).encode(encoding))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        seats = load_data(2019, results=path, allow_missing=True).seats
    assert seats.set_index("code").loc["E14000887", "winner"] == "SF"
    windows = [w for w in caught if "read as Windows-1252" in str(w.message)]
    assert len(windows) == (encoding == "cp1252")


def test_a_workbook_with_a_title_above_the_table(tmp_path):
    table = pd.DataFrame(
        [[c, *v] for c, v in SEATS.items()],
        columns=["Constituency code", "Seat", "Con", "Lab", "LD", "Green"],
    )
    path = tmp_path / "results.xlsx"
    with pd.ExcelWriter(path) as book:
        pd.DataFrame([["General election 2019: votes"]]).to_excel(
            book, header=False, index=False
        )
        table.to_excel(book, index=False, startrow=3)
    assert results_of(path)["winner"].to_dict() == WINNERS


def test_codes_with_a_prefix_and_names_in_any_order(tmp_path):
    path = tmp_path / "prefixed.csv"
    path.write_text(wide_csv().replace("E14", "WMC:E14"))
    assert results_of(path)["winner"].to_dict() == WINNERS
    path.write_text(
        wide_csv()
        .replace("code,", "ccode,")
        .replace('"Chingford and Woodford Green"', '"Woodford Green and Chingford"')
    )
    assert results_of(path)["winner"].to_dict() == WINNERS


# --- no party is ever silently lost --------------------------------------------------


def test_every_kind_of_column_counts_or_is_refused(tmp_path):
    """A blank header, a text column, an unknown party and an aggregate."""
    base = wide_csv(("Con", "Lab", "LD", "Green"))
    lines = base.splitlines()
    lines[0] += ",notes,Monster Raving Loony,Other"
    for i, extra in enumerate([",recount,30000,100", ",,10,20", ",close,5,5"], start=1):
        lines[i] += extra
    path = tmp_path / "kinds.csv"
    path.write_text("\n".join(lines) + "\n")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        seats = load_data(2019, results=path, allow_missing=True).seats
    seats = seats.set_index("code")
    said = " ".join(str(w.message) for w in caught)
    assert "'notes'" in said and "'Monster Raving Loony'" in said
    putney = seats.loc["E14000887"]
    assert putney["winner"] == "Monster Raving Loony"  # an unknown party can win
    assert putney["valid_votes"] == 56998 + 30000 + 100  # every vote counted
    lines[0] += ","
    lines[1] += ",999"  # votes under a blank header
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(InputError, match="column 10 has no header but holds numbers"):
        read_results(path)


def test_a_lumped_other_column_cannot_hide_a_winner(tmp_path):
    text = wide_csv(("Con", "Lab", "LD", "Other")).replace(",8548,", ",8548,")
    path = tmp_path / "lumped.csv"
    path.write_text(text.replace(",2107", ",30000"))
    with pytest.raises(InputError, match="the lumped 'Other' column holds as many"):
        read_results(path)


def test_two_columns_of_one_party_are_refused(tmp_path):
    path = tmp_path / "twice.csv"
    path.write_text(wide_csv(("Con", "Labour", "LD", "Lab Co-op")))
    with pytest.raises(InputError, match="are all the party 'Lab'"):
        read_results(path)


# --- property-based: labels from the alias list, and unknown labels ------------------

ALIASES = {
    "Con": ["Con", "Conservative", "Conservative and Unionist Party", "con_votes",
            "The Conservative Party Candidate", "CONSERVATIVES"],
    "Lab": ["Lab", "Labour", "Labour Party", "Lab Co-op",
            "Labour and Co-operative Party",
            "lab 2019"],
    "LD": ["LD", "Lib Dems", "Liberal Democrats", "Liberal Democrat", "ld_votes"],
    "Green": ["Green", "Green Party", "Scottish Green Party", "Grn"],
}  # fmt: skip


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.tuples(*(st.sampled_from(ALIASES[p]) for p in ("Con", "Lab", "LD", "Green"))))
def test_any_alias_gives_the_winners_of_the_canonical_labels(tmp_path_factory, labels):
    path = tmp_path_factory.mktemp("aliases") / "results.csv"
    path.write_text(wide_csv(labels))
    assert results_of(path)["winner"].to_dict() == WINNERS


UNKNOWN = st.text(
    st.characters(codec="utf-8", categories=("L", "N", "Zs")), min_size=3, max_size=30
).filter(lambda t: t.strip() and find_party(t) is None and role_of(t) is None)


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(UNKNOWN)
def test_a_random_unknown_label_can_win(tmp_path_factory, label):
    path = tmp_path_factory.mktemp("unknown") / "results.csv"
    quoted = '"' + label.replace('"', '""') + '"'
    path.write_text(wide_csv(("Con", "Lab", "LD", quoted)).replace(",2107", ",99999"))
    winner = results_of(path).loc["E14000887", "winner"]
    assert winner == label.strip()


# --- what a map of such a file says of the figures it lacks --------------------------


@pytest.mark.browser
@pytest.mark.slow
def test_a_winners_only_map_says_what_is_not_in_the_file(browser, tmp_path):
    from mapping.html import render_map

    from .conftest import WatchedPage

    path = tmp_path / "calls.csv"
    path.write_text(
        "PCON19CD,seat,winner,majority\n"
        + "".join(f"{c},{SEATS[c][0]},{w},1234\n" for c, w in WINNERS.items())
    )
    data = quietly(load_data, 2019, results=path, allow_missing=True)
    page_file = tmp_path / "map.html"
    render_map(data).save(str(page_file))
    page = WatchedPage(browser, page_file)
    try:
        page.page.get_by_role("radio", name="Majority").check()
        legend = page.page.locator(".lm-legend").inner_text()
        assert "Not in this file" in legend
        putney = page.page.get_by_role(
            "option",
            name="Putney, Labour gain from Conservative, majority 1,234 "
            "(% not in this file)",
        )
        putney.focus()
        page.page.keyboard.press("Enter")
        popup = page.page.locator(".lm-popup").inner_text()
        assert "Votes of each party: not in this file" in popup
        assert "Majority 1,234 (% not in this file)" in popup
        page.assert_quiet()
    finally:
        page.page.close()
