"""Untrusted boundary files: only plain vector formats are read, and read with sense.

Every refusal is one line, exit status 2, nothing written or changed, and no
connection to the network (a local socket stands in for the world).
"""

from __future__ import annotations

import csv
import json
import socket
import sqlite3
import threading
import zipfile
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import pytest
import shapely
from click.testing import CliRunner

from mapping.cli import main
from mapping.custom import load_data
from mapping.errors import InputError, InputWarning
from mapping.formats import hexjson as hexjson_format
from mapping.formats import vector
from mapping.formats.boundaries import read_boundaries
from mapping.hexes import HEX_SIZE_M, hex_frame

from .conftest import assert_refused

LOCAL_CS = 'LOCAL_CS["Site grid",UNIT["metre",1],AXIS["X",EAST],AXIS["Y",NORTH]]'


class Listener:
    """A local port that counts connections and hangs up: any is a request that left."""

    def __init__(self) -> None:
        self.socket = socket.create_server(("127.0.0.1", 0))
        self.socket.settimeout(0.1)
        self.url = f"http://127.0.0.1:{self.socket.getsockname()[1]}"
        self.count, self.open = 0, True
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while self.open:
            try:
                connection, _ = self.socket.accept()
            except TimeoutError:
                continue
            self.count += 1
            connection.close()

    def connections(self) -> int:
        return self.count


@pytest.fixture(scope="module")
def listener():
    server = Listener()
    yield server
    server.open = False
    server.thread.join()
    server.socket.close()


def seats(inputs) -> gpd.GeoDataFrame:
    return gpd.read_file(inputs / "london-bng.shp")


def with_seat(frame, name, shape):
    frame.loc[frame["name"] == name, "geometry"] = shape
    return frame


def write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


def zipped(path, members: dict):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, source in members.items():
            archive.writestr(name, source.read_bytes() if source else b"junk")
    return path


def shapefile_parts(inputs, stem="london-bng"):
    return {p.suffix: p for p in inputs.glob(f"{stem}.*")}


# --- bad boundary files: refused before or by the checks ---------------------------

BAD = {}


def bad(expected):
    def register(make):
        BAD[make.__name__] = (make, expected)
        return make

    return register


def vrt(source: str) -> str:
    return (
        f'<OGRVRTDataSource><OGRVRTLayer name="seats"><SrcDataSource>{source}'
        '</SrcDataSource><GeometryField encoding="WKT" field="wkt"/>'
        "<LayerSRS>EPSG:27700</LayerSRS></OGRVRTLayer></OGRVRTDataSource>"
    )


def secret_table(tmp):
    text = "code,name,wkt\nE14000887,SECRET-CANARY,POLYGON((0 0,1 0,1 1,0 0))\n"
    return write(tmp / "secret.csv", text)


@bad("is a GDAL virtual file (VRT), which can read other files")
def vrt_of_a_local_table(inputs, tmp, server, monkeypatch):
    return write(tmp / "seats.vrt", vrt(str(secret_table(tmp))))


@bad("is a GDAL virtual file (VRT), which can read other files")
def vrt_of_a_remote_file_named_geojson(inputs, tmp, server, monkeypatch):
    return write(tmp / "seats.geojson", vrt(f"/vsicurl/{server.url}/x.geojson"))


@bad("network and GDAL virtual paths are not read")
def vsicurl_path(inputs, tmp, server, monkeypatch):
    return f"/vsicurl/{server.url}/x.geojson"


@bad("network and GDAL virtual paths are not read")
def url(inputs, tmp, server, monkeypatch):
    return f"{server.url}/x.geojson"


@bad('its "crs" links to an address GDAL would fetch; remove the "crs"')
def geojson_whose_crs_is_a_link(inputs, tmp, server, monkeypatch):
    data = json.loads(seats(inputs).to_crs(4326).to_json())
    link = {"TYPE": "link", "properties": {"href": f"{server.url}/crs.wkt"}}
    data["features"][3]["geometry"]["Crs"] = link  # GDAL ignores the case
    return write(tmp / "link.geojson", json.dumps(data))


@bad("is read by GDAL as JSONFG; export the boundaries as GeoPackage, shapefile")
def json_fg_read_by_another_driver(inputs, tmp, server, monkeypatch):
    data = json.loads(seats(inputs).to_crs(4326).to_json())
    data = {"conformsTo": ["[ogc-json-fg-1-0.1:core]"], **data}  # GDAL looks first
    return write(tmp / "seats.json", json.dumps(data))


@bad("looks like a table, not a boundary file; did you mean --results?")
def results_table(inputs, tmp, server, monkeypatch):
    return inputs / "results.csv"


@bad("is a HexJSON hex layout, not boundaries: it places seats as hexagons but holds")
def hexjson(inputs, tmp, server, monkeypatch):
    hexes = {"E14000887": {"n": "Putney", "q": 0, "r": 0}}
    return write(tmp / "hexes.json", json.dumps({"layout": "odd-r", "hexes": hexes}))


@bad("is XML (KML, GML or the like), which can pull in other files")
def kml(inputs, tmp, server, monkeypatch):
    text = (
        '<?xml version="1.0"?><kml xmlns="http://www.opengis.net/kml/2.2">'
        "<Placemark><name>Putney</name><Polygon><outerBoundaryIs><LinearRing>"
        "<coordinates>-0.2,51.4 -0.1,51.4 -0.1,51.5 -0.2,51.4</coordinates>"
        "</LinearRing></outerBoundaryIs></Polygon></Placemark></kml>"
    )
    return write(tmp / "seats.kml", text)


@bad("is an SQLite database, not a GeoPackage")
def sqlite_database(inputs, tmp, server, monkeypatch):
    path = tmp / "seats.sqlite"
    with sqlite3.connect(path) as database:
        database.execute("create table seats (code text)")
    database.close()
    return path


@bad("is JSON but neither GeoJSON nor TopoJSON")
def json_of_something_else(inputs, tmp, server, monkeypatch):
    return write(tmp / "seats.json", '{"seats": ["Putney"]}')


@bad("not a vector file GDAL can read (A trigger and/or view calls a OGR")
def geopackage_view_that_reads_another_file(inputs, tmp, server, monkeypatch):
    path = tmp / "view.gpkg"
    seats(inputs).to_file(path, layer="seats")
    with sqlite3.connect(path) as database:
        database.executescript(
            "create view v as select fid, geom, code, name, "
            f"ogr_datasource_load_layers('{secret_table(tmp)}') as n from seats;"
            "insert into gpkg_contents (table_name, data_type, identifier, srs_id)"
            " values ('v', 'features', 'v', 27700);"
            "insert into gpkg_geometry_columns values "
            "('v', 'geom', 'GEOMETRY', 27700, 0, 0);"
            "delete from gpkg_contents where table_name = 'seats';"
        )
    database.close()
    # A user's environment may allow what a boundary file must never do.
    pyogrio.set_gdal_config_options(
        {"ALLOW_OGR_SQL_FUNCTIONS_FROM_TRIGGER_AND_VIEW": True}
    )
    return path


@bad("cannot convert its coordinate system (Mars (2015) - Sphere / Ocentric) to")
def mars(inputs, tmp, server, monkeypatch):
    frame = seats(inputs).to_crs(4326).set_crs("IAU_2015:49900", allow_override=True)
    frame.to_file(tmp / "mars.gpkg")
    return tmp / "mars.gpkg"


@bad("cannot convert its coordinate system (Site grid) to the British National Grid")
def local_cs(inputs, tmp, server, monkeypatch):
    seats(inputs).set_crs(LOCAL_CS, allow_override=True).to_file(tmp / "site.gpkg")
    return tmp / "site.gpkg"


@bad("cannot convert its coordinate system (unknown) to the British National Grid")
def points_beyond_the_horizon(inputs, tmp, server, monkeypatch):
    frame = seats(inputs)
    frame.geometry = frame.translate(7_000_000)  # off the edge of the globe
    ortho = "+proj=ortho +lat_0=0 +lon_0=0"
    frame.set_crs(ortho, allow_override=True).to_file(tmp / "ortho.gpkg")
    return tmp / "ortho.gpkg"


@bad("seat Putney reaches x=52")
def vertex_at_1e300(inputs, tmp, server, monkeypatch):
    frame = seats(inputs)
    x0, y0, x1, y1 = frame.loc[frame["name"] == "Putney"].total_bounds
    spike = shapely.Polygon([(x0, y0), (x1, y0), (x1, y1), (x0, 1e300), (x0, y0)])
    with_seat(frame, "Putney", spike).to_file(tmp / "spike.gpkg")
    return tmp / "spike.gpkg"


@bad("latitude and longitude look swapped")
def latitude_and_longitude_swapped(inputs, tmp, server, monkeypatch):
    frame = seats(inputs).to_crs(4326)
    frame.geometry = shapely.transform(frame.geometry, lambda xy: xy[:, ::-1])
    frame.to_file(tmp / "swapped.geojson")
    return tmp / "swapped.geojson"


@bad("seat Putney: its shape collapses to nothing when repaired")
def seat_of_zero_area(inputs, tmp, server, monkeypatch):
    line = shapely.Polygon([(530000, 180000), (531000, 181000), (532000, 182000)])
    with_seat(seats(inputs), "Putney", line).to_file(tmp / "flat.gpkg")
    return tmp / "flat.gpkg"


@bad("holds 3 layers (seats, seats_again, seats_too); choose one with --boundary-")
def geopackage_of_three_layers(inputs, tmp, server, monkeypatch):
    return three_layers(inputs, tmp)


@bad("', a path outside it; zip the boundary files again without it")
def zip_with_a_member_outside(inputs, tmp, server, monkeypatch):
    parts = {f"../../{p.name}": p for p in shapefile_parts(inputs).values()}
    return zipped(tmp / "escape.zip", parts)


@bad("holds 2 layers (london-bng, london-wgs84); choose one with --boundary-layer")
def zip_of_two_datasets(inputs, tmp, server, monkeypatch):
    members = {f"a/{p.name}": p for p in shapefile_parts(inputs).values()}
    members["b/london-wgs84.geojson"] = inputs / "london-wgs84.geojson"
    return zipped(tmp / "two.zip", members)


@bad("unpacks to 0.3 MB, more than the 0.2 MB london-maps reads")
def zip_too_big_to_unpack(inputs, tmp, server, monkeypatch):
    monkeypatch.setattr(vector, "MAX_ZIP_BYTES", 200_000)
    return zipped(tmp / "big.zip", {"x.geojson": inputs / "london-wgs84.geojson"})


@bad("holds 2 layers (a, b); choose one")
def folder_of_two_shapefiles(inputs, tmp, server, monkeypatch):
    (tmp / "folder").mkdir()
    for stem in "ab":
        for suffix, part in shapefile_parts(inputs).items():
            (tmp / "folder" / f"{stem}{suffix}").write_bytes(part.read_bytes())
    return tmp / "folder"


@bad("is a folder with no shapefile in it")
def folder_without_shapefile(inputs, tmp, server, monkeypatch):
    (tmp / "folder").mkdir()
    write(tmp / "folder" / "readme.txt", "boundaries to follow")
    return tmp / "folder"


def three_layers(inputs, tmp):
    path = tmp / "layers.gpkg"
    for layer in ("seats", "seats_again", "seats_too"):
        seats(inputs).to_file(path, layer=layer)
    notes = pd.DataFrame({"note": ["not a layer of shapes"]})
    pyogrio.write_dataframe(notes, path, layer="notes")
    return path


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_boundary_file(case, inputs, tmp_path, listener, monkeypatch):
    make, expected = BAD[case]
    given = tmp_path / "given"
    given.mkdir()
    before = pyogrio.get_gdal_config_option(
        "ALLOW_OGR_SQL_FUNCTIONS_FROM_TRIGGER_AND_VIEW"
    )
    path = make(inputs, given, listener, monkeypatch)
    out = tmp_path / "output"
    out.mkdir()
    (out / "london-2019.html").write_text("an earlier map")
    try:
        args = ["table", "--election", "2019", "--boundaries", path]
        assert_refused(args, expected, given, inputs, out)
        assert_refused([*args, "--results", inputs / "results.csv"], expected)
    finally:
        pyogrio.set_gdal_config_options(
            {"ALLOW_OGR_SQL_FUNCTIONS_FROM_TRIGGER_AND_VIEW": before}
        )
    assert listener.connections() == 0


def test_refusal_never_shows_the_files_a_vrt_points_at(inputs, tmp_path):
    path = vrt_of_a_local_table(inputs, tmp_path, None, None)
    result = CliRunner().invoke(
        main, ["table", "--election", "2019", "--boundaries", path]
    )
    assert result.exit_code == 2
    assert "is a GDAL virtual file (VRT)" in result.output
    assert "SECRET-CANARY" not in result.output


# --- good boundary files ------------------------------------------------------------


def test_z_coordinates_are_dropped_and_the_map_builds(inputs, tmp_path):
    flat = seats(inputs)
    raised = flat.assign(geometry=shapely.force_3d(flat.geometry.to_numpy(), z=35.0))
    raised.to_file(tmp_path / "3d.gpkg")
    flat.to_file(tmp_path / "2d.gpkg")
    frame = load_data(2019, boundaries=tmp_path / "3d.gpkg").seats
    expected = load_data(2019, boundaries=tmp_path / "2d.gpkg").seats
    assert not frame.geometry.has_z.any()
    assert frame.geometry.geom_equals_exact(expected.geometry, 0).all()
    out = tmp_path / "out"
    built = CliRunner().invoke(
        main,
        [
            "build",
            "--election",
            "2019",
            "--boundaries",
            tmp_path / "3d.gpkg",
            "--out",
            out,
        ],
    )
    assert built.exit_code == 0, built.output
    assert (out / "london-2019.html").stat().st_size > 100_000


def test_a_chosen_layer_of_a_geopackage(inputs, tmp_path):
    path = three_layers(inputs, tmp_path)
    frame = load_data(2019, boundaries=path, boundary_layer="seats_too").seats
    assert len(frame) == 73 and frame["winner"].notna().all()
    with pytest.raises(InputError, match="holds no layer 'notes'"):
        load_data(2019, boundaries=path, boundary_layer="notes")
    args = ["--boundaries", path, "--boundary-layer", "seats_again"]
    result = CliRunner().invoke(main, ["table", "--election", "2019", *args])
    assert result.exit_code == 0 and len(result.output.splitlines()) == 74


def test_a_chosen_dataset_of_a_zip(inputs, tmp_path):
    path = zip_of_two_datasets(inputs, tmp_path, None, None)
    frame = load_data(2019, boundaries=path, boundary_layer="london-wgs84").seats
    assert len(frame) == 73


def test_zip_with_the_shapefile_in_a_subfolder(inputs, tmp_path):
    members = {f"export/london/{p.name}": p for p in shapefile_parts(inputs).values()}
    members["__MACOSX/export/london/._london-bng.shp"] = None  # a Mac's leftovers
    members["export/README.txt"] = None
    path = zipped(tmp_path / "london.zip", members)
    frame = load_data(2019, boundaries=path).seats
    expected = load_data(2019, boundaries=inputs / "london-bng.shp").seats
    assert frame.drop(columns="geometry").equals(expected.drop(columns="geometry"))
    result = CliRunner().invoke(
        main, ["table", "--election", "2019", "--boundaries", path]
    )
    assert result.exit_code == 0 and len(result.output.splitlines()) == 74


def test_folder_of_one_shapefile_and_flatgeobuf(inputs, tmp_path):
    (tmp_path / "folder").mkdir()
    for suffix, part in shapefile_parts(inputs).items():
        (tmp_path / "folder" / f"seats{suffix}").write_bytes(part.read_bytes())
    seats(inputs).to_file(tmp_path / "seats.fgb")
    for path in (tmp_path / "folder", tmp_path / "seats.fgb"):
        frame = read_boundaries(path)
        assert len(frame) == 73 and frame.crs == "EPSG:27700"


# --- seats split across features, files without a CRS, TopoJSON -------------------


def table_rows(*args) -> list[dict]:
    """The rows ``london-maps table`` prints for these arguments (exit status 0)."""
    result = CliRunner().invoke(main, ["table", *map(str, args)])
    assert result.exit_code == 0, result.output
    lines = [line for line in result.output.splitlines() if line.startswith("E")]
    header = result.output.splitlines()[0]
    return list(csv.DictReader([header, *lines]))


def test_a_seat_split_across_features_is_merged_with_one_warning(inputs, tmp_path):
    split = seats(inputs).explode(index_parts=False)  # islands as their own features
    assert len(split) > 73
    split.to_file(tmp_path / "parts.gpkg")
    with pytest.warns(InputWarning) as caught:
        frame = load_data(2019, boundaries=tmp_path / "parts.gpkg").seats
    merged = [str(w.message) for w in caught if "sharing a code" in str(w.message)]
    assert len(merged) == 1
    assert f"merged {len(split) - 68} features sharing a code into 5 seats" in merged[0]
    assert "Richmond Park (E14000896)" in merged[0]
    assert len(frame) == 73 and frame["code"].is_unique
    whole = seats(inputs).set_index("code").geometry
    areas = frame.set_index("code").geometry.area
    assert (areas - whole.area.loc[areas.index]).abs().max() < 1  # square metres
    assert table_rows("--election", 2019, "--boundaries", tmp_path / "parts.gpkg") == (
        table_rows("--election", 2019)
    )


def test_a_code_on_features_of_different_names_is_refused(inputs, tmp_path):
    frame = seats(inputs)
    frame.loc[frame["name"] == "Putney", "code"] = "E14000540"  # Barking's
    frame.to_file(tmp_path / "typo.gpkg")
    args = ["table", "--election", 2019, "--boundaries", tmp_path / "typo.gpkg"]
    assert_refused(args, "duplicate codes E14000540 for features named Barking, Putney")


@pytest.mark.parametrize(
    ("crs", "looks"),
    [
        (27700, "look like British National Grid metres: save it again in EPSG:27700"),
        (4326, "look like longitude and latitude: save it again in EPSG:4326"),
    ],
)
def test_a_file_without_a_crs_is_told_the_crs_it_looks_like(
    inputs, tmp_path, crs, looks
):
    seats(inputs).to_crs(crs).to_file(tmp_path / "seats.shp")
    (tmp_path / "seats.prj").unlink()
    args = ["table", "--election", 2019, "--boundaries", tmp_path / "seats.shp"]
    assert_refused(args, f"has no coordinate reference system; its coordinates {looks}")


def topojson_of(frame: gpd.GeoDataFrame) -> dict:
    """A TopoJSON of the seats (one arc per ring), with no "crs" anywhere."""
    arcs, geometries = [], []
    rows = zip(frame["code"], frame["name"], frame.geometry, strict=True)
    for code, name, shape in rows:
        polygons = []
        for polygon in getattr(shape, "geoms", [shape]):
            rings = [polygon.exterior, *polygon.interiors]
            polygons.append(list(range(len(arcs), len(arcs) + len(rings))))
            arcs.extend([list(map(list, ring.coords)) for ring in rings])
        geometries.append(
            {
                "type": "MultiPolygon",
                "arcs": [[[i] for i in rings] for rings in polygons],
                "properties": {"PCON19CD": code, "PCON19NM": name},
            }
        )
    return {
        "type": "Topology",
        "objects": {"seats": {"type": "GeometryCollection", "geometries": geometries}},
        "arcs": arcs,
    }


def test_topojson_without_a_crs_is_longitude_and_latitude(inputs, tmp_path):
    topology = topojson_of(seats(inputs).to_crs(4326))
    path = write(tmp_path / "seats.topojson", json.dumps(topology))
    frame = read_boundaries(path)
    assert len(frame) == 73 and frame.crs == "EPSG:27700"
    x0, y0, x1, y1 = frame.total_bounds  # Greater London, in metres
    assert 500_000 < x0 < x1 < 565_000 and 155_000 < y0 < y1 < 205_000
    assert table_rows("--election", 2019, "--boundaries", path) == table_rows(
        "--election", 2019
    )


# --- seats of another election; names; results outside the boundaries ----------------


@pytest.mark.parametrize(
    ("shapes_of", "election", "expected"),
    [
        (
            2024,
            2019,
            "these are the 2024 seats (2023 review), such as E14001",
        ),
        (
            2019,
            2024,
            "these are the 2010–2019 seats, such as E14000",
        ),
    ],
)
def test_seats_of_the_other_boundary_set_are_named_as_such(
    tmp_path, shapes_of, election, expected
):
    import mapping

    shapes = mapping.load_election(shapes_of)[["code", "name", "geometry"]]
    shapes.to_file(tmp_path / "seats.gpkg")
    years = "2024" if shapes_of == 2024 else "2010, 2015, 2017 or 2019"
    args = ["table", "--election", election, "--boundaries", tmp_path / "seats.gpkg"]
    assert_refused(args, expected)
    assert_refused(args, f"pass --election {years}, or boundaries of the")
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert "have no result" not in result.output


def test_the_package_names_the_seats_it_knows(inputs, tmp_path):
    frame = seats(inputs)
    frame["name"] = frame["name"].str.upper() + " BORO CONST"  # the OS's style
    frame.loc[0, ["code", "name"]] = ["E14099999", "Nowhere Boro Const"]
    frame.to_file(tmp_path / "os.gpkg")
    path = tmp_path / "os.gpkg"
    data = load_data(2019, boundaries=path, region="all", allow_missing=True)
    names = dict(zip(data.seats["code"], data.seats["name"], strict=True))
    assert names["E14000549"] == "Battersea"
    assert names["E14099999"] == "Nowhere Boro Const"  # unknown to the package
    assert data.missing == ["Nowhere Boro Const"]


def test_names_that_are_other_seats_are_warned_of(inputs, tmp_path):
    frame = seats(inputs)
    frame["code"] = np.roll(frame["code"].to_numpy(), 1)  # codes one row out
    frame.to_file(tmp_path / "shifted.gpkg")
    with pytest.warns(InputWarning, match="73 seats of the file have another name"):
        data = load_data(2019, boundaries=tmp_path / "shifted.gpkg")
    assert set(data.seats["name"]) == set(frame["name"])  # the package's, by code


def test_a_chosen_name_column_keeps_the_file_names(inputs, tmp_path):
    frame = seats(inputs).rename(columns={"name": "label"})
    frame["label"] = "Seat " + frame["code"].str[-3:]
    frame.to_file(tmp_path / "labels.gpkg")
    path = tmp_path / "labels.gpkg"
    chosen = load_data(2019, boundaries=path, name_column="label").seats
    assert set(chosen["name"]) == set(frame["label"])
    with pytest.warns(InputWarning, match="another name than the package"):
        detected = load_data(2019, boundaries=path).seats
    assert "Battersea" in set(detected["name"])


@pytest.fixture(scope="module")
def uk_results(tmp_path_factory) -> Path:
    """Results of all 650 seats of 2019, in the project's own schema."""
    import mapping

    votes = mapping.load_votes(2019, region="all")
    wide = votes.pivot_table(
        index="code", columns="party", values="votes", aggfunc="sum"
    )
    seats = mapping.load_election(2019, region="all")[["code", "name", "electorate"]]
    table = seats.merge(wide.fillna(0).astype(int).reset_index(), on="code")
    path = tmp_path_factory.mktemp("uk") / "uk.csv"
    table.to_csv(path, index=False)
    return path


def test_regional_boundaries_take_uk_wide_results(inputs, uk_results, tmp_path):
    boundaries = inputs / "london-bng.shp"
    with pytest.warns(InputWarning) as caught:
        data = load_data(2019, boundaries=boundaries, results=uk_results)
    assert [str(w.message) for w in caught] == [
        f"{inputs / 'london-bng.shp'}: 577 results lie outside these boundaries and "
        "are not mapped"
    ]
    shipped = load_data(2019).seats.set_index("code")
    mine = data.seats.set_index("code")
    assert len(mine) == 73
    columns = ["name", "winner", "runner_up", "majority"]
    pd.testing.assert_frame_equal(
        mine[columns], shipped.loc[mine.index, columns], check_dtype=False
    )
    args = ["--boundaries", boundaries, "--results", uk_results]
    result = CliRunner().invoke(main, ["table", "--election", "2019", *map(str, args)])
    assert result.exit_code == 0, result.output
    assert "Warning: " in result.output and "577 results lie outside" in result.output


def test_seats_of_regional_boundaries_without_a_result_are_still_refused(
    inputs, uk_results, tmp_path
):
    table = pd.read_csv(uk_results)
    table[table["name"] != "Putney"].to_csv(tmp_path / "uk.csv", index=False)
    args = ["table", "--election", "2019", "--boundaries", inputs / "london-bng.shp"]
    args += ["--results", tmp_path / "uk.csv"]
    assert_refused(args, "1 seat of the boundaries have no result: Putney (E14000887)")


# --- your own hex layout (--hexes) ------------------------------------------------


def london_codes() -> list[str]:
    return sorted(load_data(2019).seats["code"])


def write_hexjson(path: Path, layout: str, positions: dict) -> Path:
    hexes = {code: {"q": q, "r": r, "n": code} for code, (q, r) in positions.items()}
    return write(path, json.dumps({"layout": layout, "hexes": hexes}))


def grid_positions(codes, width: int = 9) -> dict:
    """Positions of my own: nine to a row (the shipped layout is no such grid)."""
    return {code: (i % width - 4, i // width - 3) for i, code in enumerate(codes)}


def file_centres(layout: str, positions: dict) -> np.ndarray:
    """Where a HexJSON reader draws each hex (in hex sizes, y north): rows shift
    right, columns down (as d3-hexjson draws them)."""
    q, r = np.array(list(positions.values())).T
    odd = {"odd-r": r & 1, "even-r": 1 - (r & 1), "odd-q": q & 1, "even-q": 1 - (q & 1)}
    if layout.endswith("-r"):
        return np.c_[np.sqrt(3) * (q + 0.5 * odd[layout]), 1.5 * r]
    return np.c_[1.5 * q, np.sqrt(3) * (r - 0.5 * odd[layout])]


def drawn_centres(data, codes) -> np.ndarray:
    """The centres of the hexes the maps draw (both renderers use hex_frame)."""
    hexes = hex_frame(data.seats, data.hex_layout).set_index(data.seats["code"])
    centres = hexes.geometry.loc[codes].centroid
    return np.c_[centres.x, centres.y] / HEX_SIZE_M


def distances(points: np.ndarray) -> np.ndarray:
    return np.hypot(*(points[:, None, :] - points[None, :, :]).transpose(2, 0, 1))


def test_your_hex_layout_replaces_the_shipped_one(tmp_path):
    codes = london_codes()
    positions = grid_positions(codes)
    path = write_hexjson(tmp_path / "mine.hexjson", "odd-r", positions)
    data = load_data(2019, hexes=path)
    placed = data.hex_layout.set_index("code")
    assert {c: tuple(placed.loc[c, ["q", "r"]]) for c in codes} == positions
    shipped = load_data(2019).hex_layout.set_index("code")
    assert not placed.loc[codes].equals(shipped.loc[codes])
    drawn, expected = drawn_centres(data, codes), file_centres("odd-r", positions)
    assert np.allclose(drawn - drawn[0], expected - expected[0], atol=1e-3)
    assert data.credits["hexes"] == "hex layout: mine.hexjson"
    assert "Open Innovations" not in data.attribution_for("hex", ["winner"])
    credited = load_data(2019, hexes=path, attribution="Hexes by me").credits
    assert credited["hexes"] == "Hexes by me"


@pytest.mark.parametrize("layout", ["even-r", "odd-q", "even-q"])
def test_every_hexjson_layout_is_drawn_as_the_file_places_it(tmp_path, layout):
    codes = london_codes()
    positions = grid_positions(codes)
    path = write_hexjson(tmp_path / "mine.hexjson", layout, positions)
    if layout.endswith("-q"):
        with pytest.warns(InputWarning, match=f"its {layout} layout of flat-topped"):
            data = load_data(2019, hexes=path)
    else:
        data = load_data(2019, hexes=path)
    drawn, expected = drawn_centres(data, codes), file_centres(layout, positions)
    # Every hex where the file puts it (turned, for columns): all distances kept.
    assert np.allclose(distances(drawn), distances(expected), atol=1e-3)
    if layout == "even-r":  # rows are kept upright
        assert np.allclose(drawn - drawn[0], expected - expected[0], atol=1e-3)


PUTNEY, BARKING = "E14000887", "E14000540"


def putney(**changes):
    """Spoil Putney's hex: its "q", "r" or "n" set to another value."""
    return lambda hexes: hexes[PUTNEY].update(changes)


def whole(text):
    """Replace the whole file with this text."""
    return lambda hexes: text


def put(key, value):
    return lambda hexes: hexes.update({key: value})


BAD_HEXES = {
    "not_json": (whole("{layout: odd-r"), "is not a HexJSON hex layout: not JSON"),
    "geojson": (
        whole('{"type": "FeatureCollection", "features": []}'),
        "is GeoJSON boundaries, not a HexJSON hex layout; pass it with --boundaries",
    ),
    "no_layout": (
        whole('{"hexes": {"E14000887": {"q": 0, "r": 0}}}'),
        'is not a HexJSON hex layout (an object of "layout" and "hexes")',
    ),
    "unknown_layout": (
        whole('{"layout": "odd-x", "hexes": {"E14000887": {"q": 0, "r": 0}}}'),
        'its "layout" is "odd-x", not one of odd-r, even-r, odd-q, even-q',
    ),
    "no_hexes": (whole('{"layout": "odd-r", "hexes": {}}'), "holds no hexes"),
    "too_deep": (whole("[" * 100_000), "nests too deeply"),
    "text_position": (
        putney(q="3"),
        'hex \'E14000887\': "q" and "r" must be whole numbers within ±10,000, '
        'found "3", ',
    ),
    "half_position": (putney(q=1.5), "found 1.5, "),
    "true_position": (putney(r=True), ", true"),
    "far_position": (putney(r=10**6), ", 1000000"),
    "no_position": (putney(q=None), "found null, "),
    "name_not_text": (putney(n=["Putney"]), 'its name "n" must be text'),
    "hex_not_object": (put(PUTNEY, [0, 0]), 'a hex must be an object of "q", "r"'),
    "empty_code": (put(" ", {"q": 99, "r": 99}), "a hex has an empty code"),
    "two_seats_one_hex": (
        lambda hexes: hexes[PUTNEY].update(
            q=hexes[BARKING]["q"], r=hexes[BARKING]["r"]
        ),
        f"seats {BARKING}, {PUTNEY} share one hex",
    ),
    "seat_left_out": (
        lambda hexes: hexes.pop(PUTNEY) and None,
        f"places no hex for 1 seat of the map: Putney ({PUTNEY}); add them",
    ),
    "code_twice": (None, "the code is given twice; one hex per seat"),
}


def bad_hexjson(tmp, spoil) -> Path:
    """A HexJSON of London's seats, spoilt by ``spoil`` (which may return the text)."""
    positions = grid_positions(london_codes())
    hexes = {c: {"n": c, "q": q, "r": r} for c, (q, r) in positions.items()}
    text = spoil(hexes) if spoil else None
    if text is None:
        text = json.dumps({"layout": "odd-r", "hexes": hexes})
    if spoil is None:  # JSON allows a key twice; the second would hide the first
        text = text[:-2] + f', "{PUTNEY}": {{"q": 99, "r": 99}}}}}}'
    return write(tmp / "bad.hexjson", text)


@pytest.mark.parametrize("case", sorted(BAD_HEXES))
def test_bad_hexjson_is_refused_in_one_line(case, tmp_path):
    spoil, expected = BAD_HEXES[case]
    given = tmp_path / "given"
    given.mkdir()
    path = bad_hexjson(given, spoil)
    assert_refused(["table", "--election", "2019", "--hexes", path], expected, given)


def test_hexjson_passed_for_boundaries_or_the_reverse_says_which_option(inputs):
    args = ["table", "--election", "2019", "--hexes", inputs / "london-bng.shp"]
    assert_refused(args, "is a boundary file, not a HexJSON hex layout; pass it with")


def test_hexjson_of_the_other_boundary_set(tmp_path):
    path = write_hexjson(
        tmp_path / "h.hexjson", "odd-r", grid_positions(london_codes())
    )
    assert_refused(
        ["table", "--election", "2024", "--hexes", path],
        "these are the 2010–2019 seats, such as E14000540, but --election 2024 uses "
        "the 2024 seats (2023 review); pass --election 2010, 2015, 2017 or 2019, or "
        "a hex layout of the 2024 seats (2023 review)",
    )


def test_hexjson_within_the_limits_of_every_json_input(tmp_path, monkeypatch):
    path = write_hexjson(
        tmp_path / "h.hexjson", "odd-r", grid_positions(london_codes())
    )
    args = ["table", "--election", "2019", "--hexes", path]
    monkeypatch.setattr(hexjson_format, "MAX_HEXES", 10)
    assert_refused(args, "holds 73 hexes, more than the 10 london-maps reads")
    monkeypatch.setattr(vector, "MAX_JSON_BYTES", 1000)
    size = path.stat().st_size / 1000
    assert_refused(args, f"is {size:.1f} kB; hex layouts are at most 1 kB")
