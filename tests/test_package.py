"""The shipped data package against the public record."""

import json

import pytest
import shapely

import mapping
from mapping import logic
from mapping.api import seat_results
from mapping.errors import DataPackageError
from mapping.package import read_boundaries, read_manifest, read_table

from .conftest import assert_refused

SEATS_BY_PARTY = {
    2010: {"Lab": 38, "Con": 28, "LD": 7},
    2015: {"Lab": 45, "Con": 27, "LD": 1},
    2017: {"Lab": 49, "Con": 21, "LD": 3},
    2019: {"Lab": 49, "Con": 21, "LD": 3},
    2024: {"Lab": 59, "Con": 9, "LD": 6, "Ind": 1},
}


@pytest.mark.parametrize("year", sorted(SEATS_BY_PARTY))
def test_london_seats_by_winning_party_match_the_record(year):
    seats = mapping.load_election(year)
    assert len(seats) == (75 if year == 2024 else 73)
    assert seats["winner"].value_counts().to_dict() == SEATS_BY_PARTY[year]
    assert seats.crs.to_epsg() == 27700
    assert seats.geometry.is_valid.all()


def seat(year, name, region="london"):
    frame = mapping.load_election(year, region=region).set_index("name")
    return frame.loc[name]


@pytest.mark.parametrize(
    ("year", "name", "result", "majority"),
    [
        (2010, "Bethnal Green and Bow", "Lab gain from Res", 11574),
        (2017, "Kensington", "Lab gain from Con", 20),
        (2017, "Battersea", "Lab gain from Con", 2416),
        (2017, "Croydon Central", "Lab gain from Con", 5652),
        (2017, "Enfield, Southgate", "Lab gain from Con", 4355),
        (2017, "Putney", "Con hold", 1554),
        (2017, "Richmond Park", "Con hold", 45),
        (2019, "Richmond Park", "LD gain from Con", 7766),
        (2019, "Putney", "Lab gain from Con", 4774),
        (2019, "Kensington", "Con gain from Lab", 150),
        (2019, "Carshalton and Wallington", "Con gain from LD", 629),
        (2024, "Chelsea and Fulham", "Lab gain from Con", 152),
        (2024, "Hendon", "Lab gain from Con", 15),
        (2024, "Islington North", "Ind gain from Lab", 7247),
    ],
)
def test_known_results(year, name, result, majority):
    row = seat(year, name)
    assert row["result"] == result
    assert row["majority"] == majority


def test_speaker_seats_across_the_uk():
    assert seat(2010, "Buckingham", "all")[["winner", "majority"]].tolist() == [
        "Spk",
        12529,
    ]
    chorley = seat(2019, "Chorley", "all")
    assert (chorley["winner"], chorley["result"]) == ("Spk", "Spk gain from Lab")


def test_winning_candidate_and_revised_2024_figures():
    assert seat(2019, "Putney")["winner_name"] == "Fleur Anderson"
    clapham = seat(2024, "Clapham and Brixton Hill")
    assert clapham["electorate"] == 74159
    votes = mapping.load_votes(2024).merge(read_table("seats"), on="code")
    richmond = votes[votes["name"] == "Richmond Park"].set_index("party")
    assert richmond.loc["Green", "votes"] == 3416


@pytest.mark.parametrize(
    ("year", "name", "remain"),
    [
        (2019, "Richmond Park", 71.3),
        (2019, "Putney", 72.2),
        (2019, "Kensington", 68.8),
        (2019, "Battersea", 78.0),
        (2019, "Dagenham and Rainham", 29.7),
        (2024, "Richmond Park", 72.2),
        (2024, "Clapham and Brixton Hill", 83.4),
        (2024, "Dagenham and Rainham", 29.6),
    ],
)
def test_remain_estimates(year, name, remain):
    assert seat(year, name)["remain_pct"] == pytest.approx(remain, abs=0.05)


def test_remain_extremes_of_london_2024():
    frame = mapping.load_election(2024)
    assert frame.loc[frame["remain_pct"].idxmax(), "name"] == "Clapham and Brixton Hill"
    assert frame.loc[frame["remain_pct"].idxmin(), "name"] == "Dagenham and Rainham"


@pytest.mark.parametrize("year", sorted(SEATS_BY_PARTY))
def test_every_seat_agrees_with_the_official_record(year):
    """All 650 seats: winner, runner-up, majority and gain as the Library has them."""
    table = seat_results(year).set_index("code")
    official = read_table("results").query("election == @year").set_index("code")
    assert len(table) == 650
    assert (table["winner"] == official["first_party"]).all()
    assert (table["runner_up"] == official["second_party"]).all()
    assert (table["majority"] == official["majority"]).all()
    calls = official["result"].map(logic.parse_result_call)
    assert (table["gain"] == calls.str[1]).all()
    assert (table["previous_winner"] == calls.str[2]).all()


@pytest.mark.parametrize("year", sorted(SEATS_BY_PARTY))
def test_party_votes_add_up_to_valid_votes(year):
    votes = (
        read_table("votes").query("election == @year").groupby("code")["votes"].sum()
    )
    official = read_table("results").query("election == @year").set_index("code")
    assert (votes == official["valid_votes"]).all()


def test_changes_only_on_the_same_boundaries():
    assert seat_results(2024)["majority_change"].isna().all()
    changes = seat_results(2019).set_index("code")
    assert changes["majority_change"].notna().all()
    assert changes["swing_con_to_lab"].notna().all()


@pytest.mark.parametrize("set_id", ["pcon2010", "pcon2024"])
def test_boundaries_form_a_clean_coverage(set_id):
    shapes = read_boundaries(set_id)
    assert len(shapes) == 650 and shapes["code"].is_unique
    assert shapes.geometry.is_valid.all()
    london = shapes[
        shapes["code"].isin(read_table("seats").query("region == 'London'")["code"])
    ]
    area = shapely.area(london.geometry.to_numpy())
    union = shapely.union_all(london.geometry.to_numpy())
    # Neighbours share one border: no overlaps, and London's area is ONS's 1,573 km².
    assert area.sum() - union.area < 1.0
    assert union.area / 1e6 == pytest.approx(1573, rel=0.01)


def test_manifest_names_every_source_with_licence_and_hash():
    manifest = read_manifest()
    assert manifest["credits"]["hexes"] == "hex layouts: Open Innovations (MIT)"
    for entry in manifest["sources"].values():
        assert entry["url"].startswith("https://")
        assert entry["licence"] and len(entry["sha256"]) == 64 and entry["rows"] > 0
    assert set(manifest["files"]) == {
        "seats.csv",
        "results.csv",
        "votes.csv",
        "remain.csv",
        "hexes.csv",
        "pcon2010.fgb.gz",
        "pcon2024.fgb.gz",
        "pcon2010-overview.fgb.gz",
        "pcon2024-overview.fgb.gz",
    }


def test_a_corrupt_package_is_refused(package_copy):
    (package_copy / "votes.csv").write_text("election,code,party,votes\n")
    with pytest.raises(DataPackageError, match=r"votes\.csv does not match its sha256"):
        mapping.load_election(2019)


def test_a_missing_package_is_refused(package_copy):
    (package_copy / "manifest.json").unlink()
    with pytest.raises(DataPackageError, match="manifest.json is missing"):
        mapping.load_election(2019)


def set_file(name, entry):
    return lambda manifest: manifest["files"].__setitem__(name, entry)


A_HASH = {"sha256": "0" * 64}
TAMPERED = {
    "not-an-object": (lambda m: [m], "it is not a JSON object"),
    "files-missing": (lambda m: m.pop("files"), "'files' is not an object"),
    "files-empty": (lambda m: m.update(files={}), "'files' is not an object"),
    "files-a-list": (lambda m: m.update(files=list(m["files"])), "'files' is not"),
    "entry-without-sha256": (
        lambda m: m["files"]["votes.csv"].pop("sha256"),
        "votes.csv has no sha256",
    ),
    "entry-a-string": (set_file("votes.csv", "0" * 64), "votes.csv has no sha256"),
    "sha256-too-short": (
        set_file("votes.csv", {"sha256": "abc123"}),
        "the sha256 of votes.csv is not 64 hex digits",
    ),
    "sha256-not-hex": (
        set_file("votes.csv", {"sha256": "g" * 64}),
        "the sha256 of votes.csv is not 64 hex digits",
    ),
    "name-climbs-out": (
        set_file("../outside.csv", A_HASH),
        "'../outside.csv' is not a plain file name",
    ),
    "name-absolute": (
        set_file("/etc/hostname", A_HASH),
        "'/etc/hostname' is not a plain file name",
    ),
    "name-with-backslash": (
        set_file("..\\outside.csv", A_HASH),
        "'..\\\\outside.csv' is not a plain file name",
    ),
    "name-dot-dot": (set_file("..", A_HASH), "'..' is not a plain file name"),
    "required-file-unlisted": (
        lambda m: m["files"].pop("hexes.csv"),
        "it does not list hexes.csv",
    ),
    "credits-missing": (
        lambda m: m.pop("credits"),
        "'credits' is not an object of boundaries, results, remain, hexes",
    ),
    "credits-a-list": (
        lambda m: m.update(credits=["ONS"]),
        "'credits' is not an object of boundaries, results, remain, hexes",
    ),
    "credit-not-text": (
        lambda m: m["credits"].update(remain=1),
        "a credit is not a string",
    ),
}


@pytest.mark.parametrize("case", sorted(TAMPERED))
def test_a_tampered_manifest_is_refused(package_copy, case):
    change, expected = TAMPERED[case]
    path = package_copy / "manifest.json"
    manifest = json.loads(path.read_text(encoding="utf-8"))
    changed = change(manifest)
    manifest = changed if isinstance(changed, list) else manifest
    path.write_text(json.dumps(manifest), encoding="utf-8")
    assert_refused(["table", "--election", "2019"], expected, package_copy)
    with pytest.raises(DataPackageError, match="manifest.json is malformed"):
        read_manifest()


def test_only_files_the_manifest_lists_are_read(package_copy):
    (package_copy / "extra.csv").write_text("code\nE14000540\n", encoding="utf-8")
    with pytest.raises(DataPackageError, match="'extra.csv' is not a file of the"):
        read_table("extra")
    with pytest.raises(DataPackageError, match=r"'\.\./seats\.csv' is not a file"):
        read_table("../seats")
    with pytest.raises(DataPackageError, match=r"'pcon2019\.fgb\.gz' is not a file"):
        read_boundaries("pcon2019")
    assert len(read_table("seats")) > 650  # a listed file still reads


def test_each_boundary_set_is_read_once_and_shared():
    first = read_boundaries("pcon2010")
    mapping.load_election(2015)
    mapping.load_election(2017)
    assert read_boundaries("pcon2010") is first
