"""Bring your own data: user boundaries and results, and every kind of bad input."""

from __future__ import annotations

import shutil
import warnings
from dataclasses import replace

import geopandas as gpd
import pandas as pd
import pytest
import shapely
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import mapping
from mapping.custom import load_data
from mapping.errors import InputError, InputWarning
from mapping.formats.results import read_results
from mapping.html import render_map
from mapping.text import normalise_name

from .conftest import assert_refused, page_data, page_election
from .test_shapes import decode_geo

# --- good input -------------------------------------------------------------------


def payload(fmap):
    """The one election of a map's data island, with its boundary set."""
    return page_election(page_data(fmap.get_root().render()))


def test_bng_shapefile_and_wgs84_geojson_give_the_same_map(inputs):
    maps = [
        payload(mapping.election_map(2019, boundaries=inputs / name))
        for name in ("london-bng.shp", "london-wgs84.geojson")
    ]
    shipped = payload(mapping.election_map(2019))
    for data in maps:
        assert data["seats"] == shipped["seats"]
        assert data["layers"] == shipped["layers"]
        assert len(data["boundaries"]["shapes"]["geo"]["seats"]) == 73
    # The geometry agrees to a grid step or two after the round trip through WGS84.
    shapes = [m["boundaries"]["shapes"] for m in maps]
    first, second = (decode_geo(one["geo"]) for one in shapes)
    step = max(shapes[0]["geo"]["step"])
    for one, other in zip(first, second, strict=True):
        assert shapely.hausdorff_distance(one, other) <= 2 * step


def test_user_results_by_code_reproduce_the_official_winners(inputs, london_2019):
    data = load_data(2019, results=inputs / "results.csv")
    frame, votes = data.seats, data.votes
    merged = frame.merge(london_2019, on="code", suffixes=("", "_official"))
    assert len(merged) == 73
    assert (merged["winner"] == merged["winner_official"]).all()
    assert (merged["majority"] == merged["majority_official"]).all()
    assert votes["votes"].sum() == london_2019["valid_votes"].sum()


def test_names_only_are_matched_loosely(inputs, tmp_path):
    table = pd.read_csv(inputs / "results.csv").drop(columns="code")
    table["name"] = (
        table["name"]
        .str.upper()
        .str.replace(" and ", " & ", regex=False)
        .str.replace(",", "", regex=False)
    )
    path = tmp_path / "names.csv"
    table.to_csv(path, index=False)
    frame = load_data(2019, results=path).seats
    assert frame["winner"].notna().all() and len(frame) == 73


def test_bom_crlf_and_thousands_separators(inputs, tmp_path):
    table = pd.read_csv(inputs / "results.csv")
    text = table.to_csv(index=False, lineterminator="\r\n")
    lines = text.split("\r\n")
    row = lines[1].split(",")
    row[2] = f'"{int(row[2]):,}"'
    lines[1] = ",".join(row)
    path = tmp_path / "excel.csv"
    path.write_bytes(b"\xef\xbb\xbf" + "\r\n".join(lines).encode())
    results = read_results(path)
    assert results.seats["electorate"].iloc[0] == table["electorate"].iloc[0]
    assert results.seats["code"].iloc[0] == table["code"].iloc[0]


def test_commons_library_layout(source_dir, tmp_path):
    path = source_dir / "results" / "HoC-GE2024-results-by-constituency.csv"
    frame = load_data(2024, results=path).seats
    shipped = mapping.load_election(2024)
    assert (frame["winner"].to_numpy() == shipped["winner"].to_numpy()).all()
    assert (frame["gain"].to_numpy() == shipped["gain"].to_numpy()).all()


def test_an_unknown_party_is_kept_as_itself_and_can_win(inputs, tmp_path):
    table = pd.read_csv(inputs / "results.csv").rename(columns={"Con": "Pirates"})
    path = tmp_path / "pirates.csv"
    table.to_csv(path, index=False)
    with pytest.warns(InputWarning, match="1 party label not in the party table"):
        data = load_data(2019, results=path)
    seats = data.seats.set_index("name")
    assert seats.loc["Chingford and Woodford Green", "winner"] == "Pirates"
    assert seats.loc["Putney", "runner_up"] == "Pirates"
    assert "Pirates" in set(data.votes["party"])


def test_invalid_geometry_is_repaired_with_a_warning(inputs, tmp_path, london_2019):
    shapes = london_2019[["code", "name", "geometry"]].copy()
    bowtie = shapely.Polygon(
        [(530000, 180000), (531000, 181000), (531000, 180000), (530000, 181000)]
    )
    shapes.loc[shapes["name"] == "Putney", "geometry"] = bowtie
    path = tmp_path / "bowtie.gpkg"
    shapes.to_file(path)
    with pytest.warns(
        InputWarning, match="repaired invalid geometry of 1 seat: Putney"
    ):
        frame = load_data(2019, boundaries=path).seats
    assert frame.geometry.is_valid.all()


def test_missing_seats_stay_grey_when_allowed(inputs, tmp_path):
    table = pd.read_csv(inputs / "results.csv").iloc[3:]
    path = tmp_path / "partial.csv"
    table.to_csv(path, index=False)
    data = load_data(2019, results=path, allow_missing=True)
    frame = data.seats
    assert frame["winner"].isna().sum() == 3
    data = payload(render_map(data))
    assert "(3 seats without a result)" in data["title"]
    assert data["layers"][0]["classes"].count(-1) == 3


def test_name_normalisation():
    assert normalise_name("Enfield, Southgate") == normalise_name("enfield southgate")
    assert normalise_name("Ynys Môn") == normalise_name("YNYS MON")
    assert normalise_name("Queen's Park & Maida Vale") == "queen s park and maida vale"


# --- bad input: one line, exit status 2, nothing written, nothing changed ---------

BAD_INPUTS = {}


def bad(expected, commands=("build", "table")):
    def register(make):
        BAD_INPUTS[make.__name__] = (make, expected, commands)
        return make

    return register


def write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


def spoilt(inputs, tmp, change):
    table = pd.read_csv(inputs / "results.csv", dtype=str)
    changed = change(table)
    table = table if changed is None else changed
    path = tmp / "results.csv"
    table.to_csv(path, index=False)
    return ["--results", str(path)]


def shapes_with(inputs, tmp, change, name="spoilt.geojson"):
    frame = gpd.read_file(inputs / "london-bng.shp")
    frame = change(frame)
    path = tmp / name
    frame.to_file(path, driver="GeoJSON" if name.endswith("json") else None)
    return ["--boundaries", str(path)]


@bad("no such file")
def boundaries_path_does_not_exist(inputs, tmp):
    return ["--boundaries", str(tmp / "nowhere.shp")]


@bad("the file is empty")
def boundaries_empty_file(inputs, tmp):
    return ["--boundaries", str(write(tmp / "empty.geojson", ""))]


@bad("empty folder")
def boundaries_empty_folder(inputs, tmp):
    (tmp / "folder").mkdir()
    return ["--boundaries", str(tmp / "folder")]


@bad("not a vector file GDAL can read")
def boundaries_binary_file(inputs, tmp):
    (tmp / "noise.gpkg").write_bytes(bytes(range(256)) * 40)
    return ["--boundaries", str(tmp / "noise.gpkg")]


@bad("no coordinate reference system")
def boundaries_shapefile_without_prj(inputs, tmp):
    for part in inputs.glob("london-bng.*"):
        if part.suffix != ".prj":
            shutil.copy(part, tmp / part.name)
    return ["--boundaries", str(tmp / "london-bng.shp")]


@bad("holds no features")
def boundaries_without_features(inputs, tmp):
    text = '{"type": "FeatureCollection", "features": []}'
    return ["--boundaries", str(write(tmp / "none.geojson", text))]


@bad("no column of ONS codes")
def boundaries_without_codes(inputs, tmp):
    return shapes_with(inputs, tmp, lambda f: f.drop(columns="code"))


@bad("no column 'PCON99CD'")
def boundaries_code_column_absent(inputs, tmp):
    return ["--boundaries", str(inputs / "london-bng.shp"), "--code-column", "PCON99CD"]


@bad("no column 'seat_title'")
def boundaries_name_column_absent(inputs, tmp):
    return [
        "--boundaries",
        str(inputs / "london-bng.shp"),
        "--name-column",
        "seat_title",
    ]


@bad("duplicate codes E14000540")
def boundaries_duplicate_codes(inputs, tmp):
    def change(frame):
        frame.loc[1, "code"] = frame.loc[0, "code"]
        return frame

    return shapes_with(inputs, tmp, change)


@bad("a feature has no code")
def boundaries_blank_code(inputs, tmp):
    def change(frame):
        frame.loc[5, "code"] = None
        return frame

    return shapes_with(inputs, tmp, change)


@bad("seats must be polygons, found Point")
def boundaries_of_points(inputs, tmp):
    return shapes_with(inputs, tmp, lambda f: f.set_geometry(f.centroid))


@bad("the seat has no geometry")
def boundaries_seat_without_geometry(inputs, tmp):
    def change(frame):
        frame.loc[2, "geometry"] = None
        return frame

    return shapes_with(inputs, tmp, change, "spoilt.gpkg")


@bad("look like British National Grid metres")
def boundaries_metres_labelled_degrees(inputs, tmp):
    return shapes_with(
        inputs, tmp, lambda f: f.set_crs(4326, allow_override=True), "spoilt.gpkg"
    )


@bad("which look like longitude and latitude; set its CRS to EPSG:4326")
def boundaries_degrees_labelled_metres(inputs, tmp):
    return shapes_with(
        inputs,
        tmp,
        lambda f: f.to_crs(4326).set_crs(27700, allow_override=True),
        "spoilt.gpkg",
    )


@bad("1 seat of the boundaries have no result: Nowhere (E14099999)")
def boundaries_seat_unknown_to_the_results(inputs, tmp):
    def change(frame):
        frame.loc[0, ["code", "name"]] = ["E14099999", "Nowhere"]
        return frame

    return shapes_with(inputs, tmp, change)


@bad("no such file")
def results_path_does_not_exist(inputs, tmp):
    return ["--results", str(tmp / "nowhere.csv")]


@bad("the file is empty")
def results_empty_file(inputs, tmp):
    return ["--results", str(write(tmp / "empty.csv", ""))]


@bad("is a binary file")
def results_binary_file(inputs, tmp):
    (tmp / "image.csv").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    return ["--results", str(tmp / "image.csv")]


@bad("is not UTF-8, UTF-16 or Windows-1252 text (byte 32)")
def results_not_text(inputs, tmp):
    (tmp / "odd.csv").write_bytes(b"code,name,Con\nE14000540,Barking \x81\x8d,1\n")
    return ["--results", str(tmp / "odd.csv")]


@bad("has a header but no rows")
def results_header_only(inputs, tmp):
    return ["--results", str(write(tmp / "header.csv", "code,name,Con,Lab\n"))]


@bad("row 3 has 5 cells but the header names 3 columns")
def results_ragged_rows(inputs, tmp):
    text = "code,Con,Lab\nE14000540,1,2\nE14000549,1,2,3,4\n"
    return ["--results", str(write(tmp / "ragged.csv", text))]


@bad("no column of seat codes or names")
def results_without_code_or_name(inputs, tmp):
    return spoilt(inputs, tmp, lambda t: t.drop(columns=["code", "name"]))


@bad("no party columns")
def results_without_parties(inputs, tmp):
    return [
        "--results",
        str(write(tmp / "p.csv", "code,name,electorate\nE14000540,B,9\n")),
    ]


@bad("appears on rows 2, 3")
def results_duplicate_codes(inputs, tmp):
    def change(table):
        table.loc[1, "code"] = table.loc[0, "code"]

    return spoilt(inputs, tmp, change)


@bad("row 6: no code")
def results_blank_code(inputs, tmp):
    return spoilt(
        inputs, tmp, lambda t: t.__setitem__("code", t["code"].mask(t.index == 4, ""))
    )


@bad("'X14000540' is not an ONS code")
def results_malformed_code(inputs, tmp):
    return spoilt(
        inputs,
        tmp,
        lambda t: t.__setitem__(
            "code", t["code"].str.replace("E", "X", n=1).mask(t.index > 0, t["code"])
        ),
    )


@bad("row 3, column 'Lab': 'lots' is not a number")
def results_non_numeric_votes(inputs, tmp):
    return spoilt(
        inputs, tmp, lambda t: t.__setitem__("Lab", t["Lab"].mask(t.index == 1, "lots"))
    )


@bad("row 2, column 'Con': -5 is negative")
def results_negative_votes(inputs, tmp):
    return spoilt(
        inputs, tmp, lambda t: t.__setitem__("Con", t["Con"].mask(t.index == 0, "-5"))
    )


@bad("row 2, column 'LD': 10.5 is not a whole number")
def results_fractional_votes(inputs, tmp):
    return spoilt(
        inputs, tmp, lambda t: t.__setitem__("LD", t["LD"].mask(t.index == 0, "10.5"))
    )


@bad("exceed the electorate of 1,000")
def results_votes_above_electorate(inputs, tmp):
    return spoilt(
        inputs,
        tmp,
        lambda t: t.__setitem__(
            "electorate", t["electorate"].mask(t.index == 0, "1000")
        ),
    )


@bad("valid_votes is 12 but the party columns add up to")
def results_valid_votes_disagree(inputs, tmp):
    return spoilt(inputs, tmp, lambda t: t.insert(3, "valid_votes", ["12"] * len(t)))


@bad("row 2: no votes for any party")
def results_seat_without_votes(inputs, tmp):
    def change(table):
        for column in table.columns[3:]:
            table.loc[0, column] = "0"

    return spoilt(inputs, tmp, change)


@bad("its codes belong to the 2010–2019 boundaries")
def results_on_the_wrong_boundary_set(inputs, tmp):
    return ["--results", str(inputs / "results.csv"), "--election", "2024"]


@bad("no seat called 'Putny'; closest: Putney")
def results_name_that_matches_no_seat(inputs, tmp):
    def change(table):
        table = table.drop(columns="code")
        table.loc[table["name"] == "Putney", "name"] = "Putny"
        return table

    return spoilt(inputs, tmp, change)


@bad("all match seat E14000887; one row per seat")
def results_two_names_for_one_seat(inputs, tmp):
    def change(table):
        table = table.drop(columns="code")
        table.loc[0, "name"] = "PUTNEY"
        table.loc[1, "name"] = "Putney"
        return table.drop(index=table.index[table["name"] == "Putney"][1:])

    return spoilt(inputs, tmp, change)


@bad("3 seats of the boundaries have no result")
def results_missing_seats(inputs, tmp):
    return spoilt(inputs, tmp, lambda t: t.drop(index=[0, 1, 2]))


@bad("1 result match no seat of the boundaries: E14099999")
def results_without_a_seat(inputs, tmp):
    # A result of a seat the package knows but the boundaries leave out lies
    # outside them (a warning); a code of no seat at all is an error.
    def change(table):
        table.loc[0, ["code", "name"]] = ["E14099999", "Nowhere"]
        return table

    shapes = str(inputs / "london-bng.shp")
    return [*spoilt(inputs, tmp, change), "--boundaries", shapes]


@bad("'Lab landslide' is not a result call")
def results_commons_layout_with_a_bad_call(inputs, tmp):
    text = (
        "ONS ID,Constituency name,Region name,Result,First party,Second party,"
        "Electorate,Valid votes,Invalid votes,Majority,Con,Lab,All other candidates\n"
        "E14000540,Barking,London,Lab landslide,Lab,Con,100,90,0,10,40,50,0\n"
    )
    return ["--results", str(write(tmp / "hoc.csv", text))]


@bad("--results holds one election", commands=("build",))
def results_for_every_election(inputs, tmp):
    return ["--results", str(inputs / "results.csv"), "--election", "all"]


@bad("pass --region all")
def boundaries_of_custom_areas_without_region_all(inputs, tmp):
    def change(frame):
        frame["code"] = [f"E05{i:06d}" for i in range(len(frame))]
        return frame

    shapes = shapes_with(inputs, tmp, change)
    table = pd.read_csv(inputs / "results.csv")
    table["code"] = [f"E05{i:06d}" for i in range(len(table))]
    table.to_csv(tmp / "wards.csv", index=False)
    return [*shapes, "--results", str(tmp / "wards.csv")]


def test_there_are_at_least_25_kinds_of_bad_input():
    assert len(BAD_INPUTS) >= 25


@pytest.mark.parametrize(
    ("case", "command"),
    [(case, command) for case in sorted(BAD_INPUTS) for command in BAD_INPUTS[case][2]],
)
def test_bad_input(case, command, inputs, tmp_path):
    make, expected, _ = BAD_INPUTS[case]
    given_dir = tmp_path / "given"
    given_dir.mkdir()
    args = make(inputs, given_dir)
    out = tmp_path / "output"
    out.mkdir()
    (out / "london-2019.html").write_text("an earlier map")
    if "--election" not in args:
        args = [*args, "--election", "2019"]
    if command == "build":
        args = [*args, "--out", str(out)]
    assert_refused([command, *args], expected, given_dir, inputs, out)


# --- random tables ----------------------------------------------------------------

HEADERS = st.sampled_from(
    [
        "code",
        "name",
        "electorate",
        "valid_votes",
        "Con",
        "Lab",
        "LD",
        "Green",
        "previous_winner",
        "Lab Coop",
        "Pirates",
        "",
        "x",
        "Code",
        "ONS ID",
        "Result",
    ]
)
CELLS = st.one_of(
    st.integers(-10, 10**6).map(str),
    st.sampled_from(
        [
            "",
            "E14000540",
            "E14001063",
            "Putney",
            "Lab",
            "1,234",
            "1.5",
            "n/a",
            "Lab hold",
            "Con gain from Lab",
            '"',
            "\u00e9",
            " ",
        ]
    ),
    st.text(max_size=8),
)


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    headers=st.lists(HEADERS, min_size=1, max_size=7),
    rows=st.lists(st.lists(CELLS, max_size=8), max_size=6),
    newline=st.sampled_from(["\n", "\r\n"]),
    bom=st.booleans(),
)
def test_random_tables_load_or_raise_our_error(tmp_path, headers, rows, newline, bom):
    text = newline.join(",".join(line) for line in [headers, *rows])
    path = tmp_path / "random.csv"
    path.write_bytes(
        (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8", "surrogatepass")
    )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", InputWarning)  # odd headers warn
            results = read_results(path)
    except InputError:
        return
    assert set(results.seats.columns) >= {
        "row",
        "code",
        "name",
        "electorate",
        "valid_votes",
    }
    assert (results.votes["votes"] >= 0).all()


def test_hostile_text_cannot_break_the_svg(tmp_path):
    import xml.etree.ElementTree as ET

    from mapping.image import render_image, save_figure

    data = mapping.load_data(2019)
    frame = data.seats.copy()
    frame.loc[frame["name"] == "Putney", "name"] = (
        '</text><script>alert(1)</script> & "Q"'
    )
    data = replace(data, seats=frame, region_label="<London & Co>")
    fig, _ = render_image(data, "winner", view="hex", labels=True)
    path = save_figure(fig, tmp_path / "hostile.svg")
    tree = ET.parse(path)  # still well-formed XML
    scripts = [e for e in tree.iter() if e.tag.endswith("script")]
    assert scripts == []
    texts = " ".join(
        "".join(e.itertext()) for e in tree.iter() if e.tag.endswith("text")
    )
    assert "<London & Co>" in texts


def test_custom_areas_map_without_a_hex_view(inputs, tmp_path):
    shapes = gpd.read_file(inputs / "london-bng.shp")
    shapes["code"] = [f"E05{i:06d}" for i in range(len(shapes))]
    shapes.to_file(tmp_path / "areas.gpkg")
    table = pd.read_csv(inputs / "results.csv")
    table["code"] = shapes["code"]
    table.to_csv(tmp_path / "areas.csv", index=False)
    fmap = mapping.election_map(
        2019,
        region="all",
        boundaries=tmp_path / "areas.gpkg",
        results=tmp_path / "areas.csv",
    )
    data = payload(fmap)
    shapes = data["boundaries"]["shapes"]
    assert shapes["hex"] is None and len(data["boundaries"]["codes"]) == 73
    assert data["title"].startswith("Custom areas, 2019")


# --- provenance: a map credits what it was made from ------------------------------


def test_a_map_of_your_results_credits_your_file_not_the_library(inputs, tmp_path):
    data = load_data(2019, results=inputs / "results.csv")
    page = payload(render_map(data))
    assert page["attribution"] == data.attribution
    assert "results: results.csv" in data.attribution
    # the file has no previous winners: gains borrow the package's, and say so
    assert "gains against election results: House of Commons Library" in (
        data.attribution
    )
    assert "Office for National Statistics" in data.attribution  # shipped shapes
    assert "Hanretty" in data.attribution and "Open Innovations" in data.attribution
    table = pd.read_csv(inputs / "results.csv").assign(previous_winner="Lab")
    table.to_csv(tmp_path / "with-previous.csv", index=False)
    own = load_data(2019, results=tmp_path / "with-previous.csv")
    assert "House of Commons Library" not in own.attribution
    assert own.seats["gain"].sum() == (own.seats["winner"] != "Lab").sum()


def test_custom_areas_credit_only_the_files_they_came_from(inputs, tmp_path):
    shapes = gpd.read_file(inputs / "london-bng.shp")
    shapes["code"] = [f"E05{i:06d}" for i in range(len(shapes))]
    shapes.to_file(tmp_path / "wards.gpkg")
    table = pd.read_csv(inputs / "results.csv").drop(columns="code")
    table.to_csv(tmp_path / "wards.csv", index=False)
    files = {"boundaries": tmp_path / "wards.gpkg", "results": tmp_path / "wards.csv"}
    data = load_data(2019, region="all", **files)
    assert data.attribution == "boundaries: wards.gpkg; results: wards.csv."
    assert data.hex_layout is None
    credited = load_data(2019, region="all", attribution="Our newsroom", **files)
    assert credited.attribution == "Our newsroom."


def test_shipped_data_credits_every_source():
    assert load_data(2019).attribution == (
        "Contains OS data © Crown copyright and database right; Source: Office for "
        "National Statistics licensed under the Open Government Licence v3.0; "
        "election results: House of Commons Library (Open Parliament Licence v3.0); "
        "EU referendum estimates: Chris Hanretty (2017); hex layouts: Open "
        "Innovations (MIT)."
    )
