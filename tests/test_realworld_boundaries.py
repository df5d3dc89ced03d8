"""Boundary files from other people's repositories: the package's answers, or a refusal.

Each file of ``../shared/data/realworld/boundaries`` (as published, never edited)
either gives, seat by seat, the same table as the shipped package for its
election (the shipped results joined to the file's shapes) or is refused in one
line that says what the file is and what to do. The files are read only when
present, like the official sources; CI has them.
"""

from __future__ import annotations

import csv
import io
import json
import time
from contextlib import nullcontext

import pytest
from click.testing import CliRunner

from mapping.cli import main
from mapping.custom import load_data
from mapping.errors import InputWarning
from mapping.formats.boundaries import read_boundaries
from mapping.hexes import HEX_SIZE_M, hex_frame
from mapping.packed import read_payload

from .conftest import SHARED_DATA, assert_refused, require

pytestmark = pytest.mark.sources

REALWORLD = SHARED_DATA / "realworld" / "boundaries"
MARTINJC = REALWORLD / "martinjc-gb-topo_wpc.json"
OS_ZIP = REALWORLD / "os-boundary-line-westminster-simplified.zip"
ONS_2024 = REALWORLD / "pcon-july-2024-uk-buc.geojson"
HEXJSON = REALWORLD / "odileeds-constituencies.hexjson"


def real(path):
    require(path.exists(), f"{path} not found")
    return path


def table(*args) -> tuple[dict[str, dict], str]:
    """Rows of ``london-maps table`` by code, and what it said on stderr."""
    result = CliRunner().invoke(main, ["table", *map(str, args)])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    return {row["code"]: row for row in rows}, result.stderr


@pytest.fixture(scope="module")
def shipped() -> dict:
    """The shipped package's table of every seat, by election."""
    return {
        year: table("--election", year, "--region", "all")[0] for year in (2019, 2024)
    }


SLOW = pytest.mark.slow  # every seat of Great Britain or the UK, repaired


@pytest.mark.parametrize(
    ("path", "election", "region", "seats"),
    [
        pytest.param(MARTINJC, 2019, "london", 73, id="topojson-london"),
        pytest.param(MARTINJC, 2019, "all", 632, id="topojson-gb", marks=SLOW),
        pytest.param(OS_ZIP, 2019, "london", 73, id="os-zip-london"),
        pytest.param(OS_ZIP, 2019, "all", 632, id="os-zip-gb"),
        pytest.param(ONS_2024, 2024, "london", 75, id="ons-2024-london"),
        pytest.param(ONS_2024, 2024, "all", 650, id="ons-2024-uk", marks=SLOW),
    ],
)
def test_a_real_boundary_file_gives_the_package_table(
    shipped, path, election, region, seats
):
    rows, said = table(
        "--election", election, "--region", region, "--boundaries", real(path)
    )
    assert len(rows) == seats
    # Every column, seat by seat: winner, runner-up, majority, turnout, and the
    # name (the package's: "Battersea", never "Battersea Boro Const").
    assert rows == {code: shipped[election][code] for code in rows}
    assert "Const" not in " ".join(row["name"] for row in rows.values())
    assert "Error" not in said


def test_the_topojson_is_longitude_latitude_and_repaired_with_a_warning():
    with pytest.warns(InputWarning) as caught:
        frame = read_boundaries(real(MARTINJC), code_column="PCON13CD")
    assert [str(w.message).split(": ", 1)[1].split(":")[0] for w in caught] == [
        "repaired invalid geometry of 545 seats"
    ]
    assert len(frame) == 632 and frame.geometry.is_valid.all()
    assert set(frame.geom_type) <= {"Polygon", "MultiPolygon"}
    x0, y0, x1, y1 = frame.total_bounds  # Scilly to Shetland, in metres
    assert 0 < x0 < 100_000 and 600_000 < x1 < 700_000
    assert 0 < y0 < 20_000 and 1_200_000 < y1 < 1_300_000


@pytest.mark.parametrize(
    ("path", "election", "expected"),
    [
        (
            ONS_2024,
            2019,
            "these are the 2024 seats (2023 review), such as E14001063, but "
            "--election 2019 uses the 2010–2019 seats; pass --election 2024, or "
            "boundaries of the 2010–2019 seats",
        ),
        (
            MARTINJC,
            2024,
            "these are the 2010–2019 seats, such as E14000530, but --election 2024 "
            "uses the 2024 seats (2023 review); pass --election 2010, 2015, 2017 or "
            "2019, or boundaries of the 2024 seats (2023 review)",
        ),
        (
            OS_ZIP,
            2024,
            "these are the 2010–2019 seats, such as W07000049, but --election 2024",
        ),
        (
            HEXJSON,
            2019,
            "is a HexJSON hex layout, not boundaries: it places seats as hexagons but "
            "holds no shapes; pass it with --hexes for the hex view",
        ),
    ],
    ids=["ons-2024-for-2019", "topojson-for-2024", "os-zip-for-2024", "hexjson"],
)
def test_a_real_file_for_another_use_is_refused_as_what_it_is(
    tmp_path, path, election, expected
):
    args = ["table", "--election", election, "--boundaries", real(path)]
    assert_refused(args, expected, tmp_path)
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert "have no result" not in result.output and "Warning" not in result.output


def test_the_hexjson_gives_the_hex_view_its_positions():
    hexes = json.loads(real(HEXJSON).read_text(encoding="utf-8"))["hexes"]
    data = load_data(2019, region="all", hexes=HEXJSON)
    assert len(data.hex_layout) == 650
    placed = data.hex_layout.set_index("code")
    assert {c: (h["q"], h["r"]) for c, h in hexes.items()} == {
        c: (placed.loc[c, "q"], placed.loc[c, "r"]) for c in placed.index
    }
    assert data.credits["hexes"] == f"hex layout: {HEXJSON.name}"
    # The drawn hexes: Aldershot and Amber Valley lie 3 columns and 13 rows apart.
    drawn = hex_frame(data.seats, data.hex_layout).set_index(data.seats["code"])
    a, b = drawn.geometry.loc[["E14000530", "E14000533"]].centroid
    assert round((b.y - a.y) / (1.5 * HEX_SIZE_M)) == 13
    # (-3, -11) and (0, 2): the odd row is shifted right by half a hex.
    assert round((b.x - a.x) / (3**0.5 * HEX_SIZE_M), 3) == 2.5
    london = load_data(2019, hexes=HEXJSON).hex_layout.set_index("code")
    assert len(london) == 73 and london.equals(placed.loc[london.index])


@pytest.mark.slow
def test_the_hexjson_with_the_real_boundaries_builds(tmp_path):
    out = tmp_path / "out"
    args = ["build", "--election", "2019", "--boundaries", real(OS_ZIP)]
    args += ["--hexes", real(HEXJSON), "--out", out]
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    page = (out / "london-2019.html").read_text(encoding="utf-8")
    data = read_payload(page)["data"].text  # the credits and names the page shows
    assert HEXJSON.name in data and "Battersea Boro Const" not in data


@pytest.mark.parametrize(
    "path", [MARTINJC, OS_ZIP, ONS_2024], ids=["topojson", "os-zip", "ons-2024"]
)
def test_real_files_read_in_seconds(path):
    start = time.perf_counter()
    with pytest.warns(InputWarning) if path != OS_ZIP else nullcontext():
        read_boundaries(real(path))  # the 2024 file and the TopoJSON need repairs
    assert time.perf_counter() - start < 15
