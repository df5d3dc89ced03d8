"""The map of all seats takes the package's overview only where it is exact."""

from __future__ import annotations

import shapely

import mapping
from mapping import simplify
from mapping.package import read_overview


def test_the_overview_is_what_simplifying_every_seat_gives():
    for year in (2019, 2024):
        seats = mapping.load_election(year, region="all")
        tolerance = simplify.web_tolerance(seats)
        assert tolerance > simplify.PACKAGE_TOLERANCE_M
        live = shapely.coverage_simplify(seats.geometry.to_numpy(), tolerance)
        used = simplify.simplify_coverage(seats, tolerance)
        assert shapely.equals_exact(used, live, tolerance=0).all(), year


def test_other_seats_or_shapes_are_simplified_as_given():
    seats = mapping.load_election(2024, region="all")
    tolerance = simplify.web_tolerance(seats)
    # in another order, a coverage simplifies a little differently
    reordered = seats.iloc[::-1].reset_index(drop=True)
    live = shapely.coverage_simplify(reordered.geometry.to_numpy(), tolerance)
    used = simplify.simplify_coverage(reordered, tolerance)
    assert shapely.equals_exact(used, live, tolerance=0).all()
    assert not shapely.equals_exact(live[::-1], read_overview_of(seats), 0).all()
    for frame in (
        seats.set_geometry(seats.geometry.translate(1, 0)),  # other shapes
        seats.iloc[1:].reset_index(drop=True),  # not every seat of the set
    ):
        assert simplify._shipped_overview(frame, tolerance) is None


def read_overview_of(seats):
    overview = read_overview("pcon2024").set_index("code").geometry
    return overview.loc[seats["code"]].to_numpy()


def test_the_overview_is_smaller_than_the_boundaries():
    overview = read_overview("pcon2024").geometry.to_numpy()
    boundaries = mapping.load_election(2024, region="all").geometry.to_numpy()
    assert (
        shapely.get_num_coordinates(overview).sum()
        < shapely.get_num_coordinates(boundaries).sum() / 3
    )
