"""Untrusted boundary files: only plain vector formats are read, and read with sense.

Every refusal is one line, exit status 2, nothing written or changed, and no
connection to the network (a local socket stands in for the world).
"""

from __future__ import annotations

import json
import socket
import sqlite3
import threading
import zipfile

import geopandas as gpd
import pandas as pd
import pyogrio
import pytest
import shapely
from click.testing import CliRunner

from mapping.cli import main
from mapping.custom import load_data
from mapping.errors import InputError, InputWarning
from mapping.formats import vector
from mapping.formats.boundaries import read_boundaries

from .conftest import SHARED_DATA, assert_refused, require

REALWORLD = SHARED_DATA / "realworld" / "boundaries"
MARTINJC = REALWORLD / "martinjc-gb-topo_wpc.json"
HEXJSON = REALWORLD / "odileeds-constituencies.hexjson"
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


@bad("is a HexJSON hex layout, not boundaries")
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


def test_the_open_innovations_hexjson_is_refused(tmp_path):
    require(HEXJSON.exists(), f"{HEXJSON} not found")
    args = ["table", "--election", "2019", "--boundaries", HEXJSON]
    assert_refused(args, "is a HexJSON hex layout, not boundaries", tmp_path)


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


def test_topojson_of_every_seat_reads_as_valid_longitude_latitude():
    require(MARTINJC.exists(), f"{MARTINJC} not found")
    with pytest.warns(InputWarning, match="repaired invalid geometry of 5"):
        frame = read_boundaries(MARTINJC, code_column="PCON13CD")
    assert len(frame) == 632
    assert frame.geometry.is_valid.all()
    assert set(frame.geom_type) <= {"Polygon", "MultiPolygon"}
    assert "Aldershot" in set(frame["name"])  # from PCON13NM
    x0, y0, x1, y1 = frame.total_bounds  # Scilly to Shetland, in metres
    assert 0 < x0 < 100_000 and 600_000 < x1 < 700_000
    assert 0 < y0 < 20_000 and 1_200_000 < y1 < 1_300_000
