"""The table path reads no geometry, and prints what the maps' frame holds."""

import gzip

import pytest
from pandas.testing import assert_frame_equal

from mapping.api import table_of
from mapping.custom import load_data
from mapping.errors import DataPackageError
from mapping.package import boundary_file, read_boundaries, read_manifest

from .test_code import imports_of

GEOMETRY_STACK = {"geopandas", "shapely", "pyogrio", "pyproj", "folium", "matplotlib"}


def test_the_table_command_imports_no_geometry_stack():
    loaded = imports_of(
        "import contextlib, io\n"
        "from mapping.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()) as out:\n"
        "    main(['table', '--election', '2019'], standalone_mode=False)\n"
        "assert out.getvalue().count('\\n') == 74, out.getvalue()"
    )
    assert "pandas" in loaded
    assert not GEOMETRY_STACK & loaded


@pytest.mark.parametrize(("year", "region"), [(2019, "london"), (2024, "all")])
def test_a_table_without_geometry_is_the_table_of_the_map(year, region):
    without = load_data(year, region=region, geometry=False)
    assert "geometry" not in without.seats
    drawn = load_data(year, region=region)
    assert_frame_equal(table_of(without.seats), table_of(drawn.seats))
    assert without.credits == drawn.credits
    assert_frame_equal(without.votes, drawn.votes)


def test_a_table_of_a_results_file_needs_no_geometry(inputs):
    results = inputs / "results.csv"
    without = load_data(2019, results=results, geometry=False)
    drawn = load_data(2019, results=results)
    assert "geometry" not in without.seats
    assert_frame_equal(table_of(without.seats), table_of(drawn.seats))


def test_a_boundary_file_is_checked_when_it_is_read(package_copy):
    path = package_copy / boundary_file("pcon2024")
    path.write_bytes(gzip.compress(b"not a FlatGeobuf", mtime=0))
    with pytest.raises(DataPackageError, match=r"pcon2024\.fgb\.gz does not match"):
        read_boundaries("pcon2024")
    with pytest.raises(DataPackageError, match=r"pcon2024\.fgb\.gz does not match"):
        read_manifest()
    assert len(read_boundaries("pcon2010")) == 650  # an intact set still reads
