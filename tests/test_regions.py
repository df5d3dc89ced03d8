"""Which seats a map holds: several regions, the seats bordering them (--ring)."""

from __future__ import annotations

import csv
import io

import geopandas as gpd
import pytest
import shapely
from click.testing import CliRunner

import mapping
from mapping.cli import main
from mapping.custom import load_data
from mapping.elections import get_election
from mapping.errors import UnknownRegionError
from mapping.package import read_boundaries, read_table
from mapping.regions import bordering, region_label, region_slug, select_region

from .conftest import assert_refused, page_data, page_election

#: Seats that share a border with London on the 2010–2019 boundaries, by region.
LONDON_NEIGHBOURS_2019 = {
    "Epsom and Ewell", "Dartford", "Hertsmere", "Spelthorne", "Esher and Walton",
    "Epping Forest", "Brentwood and Ongar", "Thurrock", "Sevenoaks", "East Surrey",
    "Reigate", "Beaconsfield", "Windsor", "South West Hertfordshire", "Watford",
    "Broxbourne", "Mole Valley", "South Basildon and East Thurrock",
}  # fmt: skip


def table_rows(*args) -> list[dict]:
    result = CliRunner().invoke(main, ["table", *args])
    assert result.exit_code == 0, result.output
    return list(csv.DictReader(io.StringIO(result.output)))


def seats_of(set_id: str) -> gpd.GeoDataFrame:
    seats = read_table("seats").query("boundary_set == @set_id")
    return read_boundaries(set_id).merge(seats[["code", "name", "region"]], on="code")


# --- several regions ----------------------------------------------------------------


def test_several_regions_in_any_case():
    rows = table_rows("--election", "2019", "--region", "london, SOUTH EAST")
    counts = {
        r: sum(row["region"] == r for row in rows) for r in {"London", "South East"}
    }
    assert counts == {"London": 73, "South East": 84}
    assert len(rows) == 157


def test_titles_and_file_names_read_well(tmp_path):
    data = load_data(2019, region="London,South East")
    assert data.title == "London and South East, 2019 general election"
    assert region_slug("London,South East") == "london-south-east"
    assert region_slug("london", ring=1) == "london-and-bordering-seats"
    assert region_slug("London,Wales", ring=2) == (
        "london-wales-and-two-rings-of-bordering-seats"
    )
    regions = ["London", "Wales", "South East"]
    assert region_label(regions, "london,wales", ring=1) == (
        "London, Wales and bordering seats"
    )
    assert region_label(regions, "London", ring=2) == (
        "London and two rings of bordering seats"
    )
    assert region_label(["Wales"], "all") == "Wales"
    assert region_label(regions, "all", ring=1) == "United Kingdom"


def test_a_build_of_two_regions_names_its_file_and_title(tmp_path):
    result = CliRunner().invoke(
        main,
        ["build", "--election", "2024", "--region", "Wales,South West"]
        + ["--ring", "1", "--out", str(tmp_path)],
    )
    assert result.exit_code == 0, result.output
    page = tmp_path / "wales-south-west-and-bordering-seats-2024.html"
    data = page_election(page_data(page.read_text()))
    assert data["title"] == (
        "Wales, South West and bordering seats, 2024 general election"
    )
    index = (tmp_path / "index.html").read_text()
    assert "Wales South West and Bordering Seats: 2024 general election" in index


@pytest.mark.parametrize(
    ("region", "message"),
    [
        ("London,Mars", "no region 'Mars' on the 2010–2019 boundaries; choose one"),
        ("London,all", "'all' stands alone"),
        (" , ", "no region named"),
    ],
)
def test_a_bad_region_is_one_line_listing_the_choices(region, message, tmp_path):
    assert_refused(
        ["build", "--election", "2019", "--region", region, "--out", tmp_path],
        message,
        tmp_path,
    )


def test_an_unknown_region_lists_every_region():
    result = CliRunner().invoke(
        main, ["table", "--election", "2024", "--region", "London,Narnia"]
    )
    last = result.output.strip().splitlines()[-1]
    for name in ("all", "London", "South East", "Yorkshire and The Humber", "Wales"):
        assert name in last


def test_all_alone_is_every_seat():
    assert len(table_rows("--election", "2024", "--region", "ALL")) == 650


# --- the seats that border a region ---------------------------------------------------


def test_london_and_the_seats_that_border_it():
    rows = table_rows("--region", "london", "--ring", "1", "--election", "2019")
    outside = {r["name"]: r for r in rows if r["region"] != "London"}
    assert sum(r["region"] == "London" for r in rows) == 73
    esher = outside["Esher and Walton"]
    assert (esher["winner"], esher["gain"], esher["majority"]) == (
        "Con",
        "false",
        "2743",
    )
    assert set(outside) == LONDON_NEIGHBOURS_2019


@pytest.mark.parametrize(("year", "set_id"), [(2019, "pcon2010"), (2024, "pcon2024")])
def test_every_added_seat_is_one_step_away_and_none_is_left_out(year, set_id):
    seats = seats_of(set_id)
    london = shapely.union_all(seats[seats["region"] == "London"].geometry.values)
    others = seats[seats["region"] != "London"]
    # Measured another way: the length of each seat's outline along London's.
    shared = others.geometry.boundary.intersection(london.boundary).length
    expected = set(others.loc[shared > 0, "code"])
    frame = mapping.load_election(year, region="london", ring=1)
    added = set(frame["code"]) - set(seats.loc[seats["region"] == "London", "code"])
    assert added == expected
    assert len(added) >= 17


def test_two_rings_add_the_neighbours_of_the_neighbours():
    seats = seats_of("pcon2010")
    one = set(mapping.load_election(2019, ring=1)["code"])
    two = mapping.load_election(2019, ring=2)
    second = seats[seats["code"].isin(set(two["code"]) - one)]
    first = shapely.union_all(seats[seats["code"].isin(one)].geometry.values)
    assert len(second) > 20
    assert (second.geometry.boundary.intersection(first.boundary).length > 0).all()
    assert mapping.load_election(2019, ring=2).shape == two.shape  # deterministic


def test_seats_meeting_at_a_point_do_not_border():
    # A 3×3 grid of squares: the centre borders four, meets four at a corner.
    squares = [shapely.box(x, y, x + 1, y + 1) for y in range(3) for x in range(3)]
    grid = gpd.GeoDataFrame({"code": [f"s{i}" for i in range(9)]}, geometry=squares)
    assert sorted(bordering(grid, ["s4"], 1)) == ["s1", "s3", "s4", "s5", "s7"]
    assert sorted(bordering(grid, ["s4"], 2)) == [f"s{i}" for i in range(9)]
    # In the package: Beckenham and Lewisham East meet at one point only.
    seats = seats_of("pcon2010").set_index("code")
    beckenham, lewisham_east = "E14000551", "E14000787"
    meeting = seats.geometry[beckenham].intersection(seats.geometry[lewisham_east])
    assert meeting.geom_type == "Point"
    assert lewisham_east not in bordering(seats.reset_index(), [beckenham], 1)


def test_areas_that_overlap_border_each_other():
    grid = gpd.GeoDataFrame(
        {"code": ["a", "b"]},
        geometry=[shapely.box(0, 0, 2, 2), shapely.box(1, 1, 3, 3)],
    )
    assert bordering(grid, ["a"], 1) == ["a", "b"]


def test_a_ring_around_every_seat_changes_nothing_and_needs_no_shapes():
    seats = read_table("seats").query("boundary_set == 'pcon2024'")
    election = get_election(2024)
    assert len(select_region(seats, "all", election, ring=3)) == 650
    assert len(select_region(seats, "London", election)) == 75  # no shapes read


def test_the_ring_follows_your_own_boundaries(tmp_path):
    frame = mapping.load_election(2019, region="London,South East,East of England")
    path = tmp_path / "seats.gpkg"
    frame[["code", "name", "geometry"]].to_file(path, driver="GPKG")
    yours = table_rows("--election", "2019", "--ring", "1", "--boundaries", str(path))
    assert len(yours) == 73 + len(LONDON_NEIGHBOURS_2019)
    assert {r["name"] for r in yours if r["region"] != "London"} == (
        LONDON_NEIGHBOURS_2019
    )


def test_a_negative_ring_is_refused(tmp_path):
    assert_refused(
        ["build", "--election", "2019", "--ring", "-1", "--out", tmp_path],
        "-1 is not in the range x>=0",
        tmp_path,
    )
    with pytest.raises(UnknownRegionError, match="ring must be"):
        load_data(2019, ring=-2)


def test_an_image_of_london_and_its_neighbours(tmp_path):
    out = tmp_path / "ring.png"
    result = CliRunner().invoke(
        main,
        ["image", "--election", "2024", "--layer", "winner", "--ring", "1"]
        + ["--alt-text", "--out", str(out)],
    )
    assert result.exit_code == 0, result.output
    text = (tmp_path / "ring.alt.txt").read_text()
    assert "London and bordering seats, 2024 general election, 92 seats." in text
    assert "Reform UK gained 1 (South Basildon and East Thurrock" in text
