"""The page's geometry: shared arcs and hex grid positions, undone as the page does."""

from __future__ import annotations

import math

import numpy as np
import pytest
import shapely

import mapping
from mapping import shapes
from mapping.hexes import hex_frame

#: A decoded hexagon's corners lie within this many degrees (under 20 cm; the
#: hexes are 2 km wide) of hexes.py's hexagon projected to WGS84: the cubic's
#: error and hexes.py's rounding of its corners to 10 cm.
HEX_TOLERANCE_DEG = 2e-6


def decode_arcs(topology: dict) -> list[np.ndarray]:
    """The arcs' [lat, lng] points, read as static/shapes.js reads them."""
    value = {c: i for i, c in enumerate(shapes.DIGITS)}
    arcs = []
    for text in topology["arcs"].split("."):
        numbers, number, scale = [], 0, 1
        for char in text:
            digit = value[char]
            number += (digit & 31) * scale
            if digit & 32:
                scale *= 32
                continue
            numbers.append(-(number + 1) // 2 if number % 2 else number // 2)
            number, scale = 0, 1
        grid = np.cumsum(np.array(numbers).reshape(-1, 2), axis=0)
        arcs.append(np.asarray(topology["origin"]) + grid * topology["step"])
    return arcs


def decode_geo(topology: dict) -> list[shapely.Geometry]:
    """Each seat as a shapely (Multi)Polygon in lng, lat."""
    arcs = decode_arcs(topology)

    def ring(refs):
        pieces = [arcs[r] if r >= 0 else arcs[~r][::-1] for r in refs]
        points = np.concatenate([pieces[0], *[p[1:] for p in pieces[1:]]])
        return points[:, ::-1]

    seats = []
    for polygons in topology["seats"]:
        parts = [
            shapely.Polygon(ring(rings[0]), [ring(h) for h in rings[1:]])
            for rings in polygons
        ]
        seats.append(shapely.MultiPolygon(parts) if len(parts) > 1 else parts[0])
    return seats


def decode_hexes(grid: dict) -> list[shapely.Polygon]:
    """Each seat's hexagon in lng, lat, built from its grid position."""
    q, r = np.asarray(grid["q"]), np.asarray(grid["r"])
    corners = (shapes.hex_units(q, r) - grid["centre"]) / grid["span"]
    terms = shapes._terms(corners[..., 0].ravel(), corners[..., 1].ravel())
    lat = (terms @ grid["lat"]).reshape(len(q), 6)
    lng = (terms @ grid["lng"]).reshape(len(q), 6)
    return [
        shapely.Polygon(np.stack([x, y], axis=1)) for x, y in zip(lng, lat, strict=True)
    ]


def on_grid(coords: np.ndarray, topology: dict) -> np.ndarray:
    """The distinct grid points of lng, lat coordinates."""
    grid = (coords[:, ::-1] - topology["origin"]) / topology["step"]
    return np.unique(np.rint(grid), axis=0)


def lines_of(geometry: shapely.Geometry) -> shapely.Geometry:
    """The lines of a geometry, without its points."""
    parts = shapely.get_parts(geometry)
    return shapely.multilinestrings(parts[shapely.get_type_id(parts) == 1])


@pytest.fixture(scope="module", params=["London", "all"])
def region(request):
    data = mapping.load_data(2024, region=request.param)
    return data, shapes.encode_views(data.seats, data.hex_layout)


def test_the_map_view_round_trips_within_half_a_grid_step(region):
    data, encoded = region
    expected = shapes.web_geometry(data.seats)
    decoded = decode_geo(encoded["geo"])
    dlat, dlng = encoded["geo"]["step"]
    step_m = dlat * shapes.METRES_PER_DEGREE
    assert step_m == pytest.approx(shapes.web_tolerance(data.seats) / 10, rel=1e-3)
    # Each point moves at most half a step along each axis (plus rounding).
    tolerance = math.hypot(dlat, dlng) / 2 * 1.001
    for seat, original in zip(decoded, expected, strict=True):
        drawn = shapely.points(shapely.get_coordinates(seat))
        assert shapely.distance(drawn, original.boundary).max() < tolerance
        # Every ring is kept but those the grid leaves with under three points.
        rings = shapely.get_rings(shapely.get_parts(original))
        kept = shapely.points(
            np.concatenate(
                [
                    c
                    for c in map(shapely.get_coordinates, rings)
                    if len(on_grid(c, encoded["geo"])) >= 3
                ]
            )
        )
        assert shapely.distance(kept, seat.boundary).max() < tolerance
        # The area changes by at most a strip half a step wide along the edges.
        assert abs(seat.area - original.area) < original.length * tolerance


def test_neighbours_share_their_borders_exactly(region):
    data, encoded = region
    decoded = np.array(decode_geo(encoded["geo"]))
    original = shapes.web_geometry(data.seats).to_numpy()
    step = math.hypot(*encoded["geo"]["step"])
    # Seats that shared a border share it point for point, all of it.
    tree = shapely.STRtree(original)
    first, second = tree.query(original, predicate="touches")
    pairs = first < second
    first, second = first[pairs], second[pairs]
    before = shapely.intersection(
        shapely.boundary(original[first]), shapely.boundary(original[second])
    )
    after = shapely.intersection(
        shapely.boundary(decoded[first]), shapely.boundary(decoded[second])
    )
    # Their lines, not the points where they just touch.
    before, after = (np.array([lines_of(g) for g in x]) for x in (before, after))
    shared = shapely.length(before) > 10 * step
    length_after, length_before = shapely.length(after), shapely.length(before)
    kept = np.isclose(length_after, length_before, rtol=0.02)[shared]
    # All of London's; in the UK, a border may lose an islet or a stretch
    # where snapping lets it touch another seat's across an estuary.
    assert kept.mean() >= (1 if data.region_label == "London" else 0.98)
    if data.region_label == "London":  # a valid coverage: no gap, no overlap
        assert (shapely.hausdorff_distance(after, before)[shared] < step).all()
        assert shapely.coverage_is_valid(decoded)
    # Where the grid lets two nearby borders cross (as TopoJSON's quantising
    # does), the overlap is thinner than a step: never a sliver of its own.
    valid = shapely.make_valid(decoded)
    overlaps = shapely.intersection(valid[first], valid[second])
    overlaps = overlaps[shapely.area(overlaps) > 0]
    width = 2 * shapely.area(overlaps) / shapely.length(overlaps)
    assert (width < step).all()


def test_each_border_travels_once(region):
    _, encoded = region
    refs = [
        abs(r if r >= 0 else ~r)
        for polygons in encoded["geo"]["seats"]
        for rings in polygons
        for ring in rings
        for r in ring
    ]
    counts = np.bincount(refs)
    # An arc is one seat's edge, or two seats' border (or, where the UK's
    # simplified coverage folds on itself, a rare third).
    assert (counts <= 2).mean() > 0.999
    assert (counts == 2).sum() > len(encoded["geo"]["seats"])  # borders, shared


def test_hexes_rebuild_hexes_py_hexagons(region):
    data, encoded = region
    expected = hex_frame(data.seats, data.hex_layout).to_crs(4326).geometry
    decoded = decode_hexes(encoded["hex"])
    for hexagon, original in zip(decoded, expected, strict=True):
        mine = shapely.get_coordinates(hexagon)[:6]
        theirs = shapely.get_coordinates(original)[:6]
        assert np.abs(mine - theirs).max() < HEX_TOLERANCE_DEG


def test_seats_without_a_hex_layout_have_no_hex_view():
    data = mapping.load_data(2019)
    assert shapes.encode_views(data.seats, None)["hex"] is None


# --- in the browser: what static/shapes.js makes of them --------------------------


@pytest.fixture(scope="module")
def london_page(tmp_path_factory):
    from mapping.html import render_map, save_map

    data = mapping.load_data(2024)
    path = save_map(render_map(data), tmp_path_factory.mktemp("page") / "map.html")
    return path, data


#: Both views of a set as the page decodes them, each point as [lat, lng].
DECODED_JS = """(id) => {
  const views = JSON.parse(document.getElementById("lm-data").textContent)
    .sets[id].shapes;
  // (a map seat is polygons of rings, a hex one ring in a list)
  const plain = (v) => Array.isArray(v) ? v.map(plain) : [v.lat, v.lng];
  return {geo: plain(lmShapes.decodeView(views, "geo")),
    hex: plain(lmShapes.decodeView(views, "hex"))};
}"""


def test_the_page_decodes_the_views_as_drawn_by_python(browser, london_page):
    from .conftest import WatchedPage, page_data

    path, data = london_page
    page = WatchedPage(browser, path)
    island = page_data(path.read_text())
    (set_id,) = island["sets"]
    decoded = page.page.evaluate(DECODED_JS, set_id)
    expected = decode_geo(island["sets"][set_id]["shapes"]["geo"])
    for polygons, seat in zip(decoded["geo"], expected, strict=True):
        drawn = shapely.MultiPolygon(
            [shapely.Polygon(np.array(r[0])[:, ::-1]) for r in polygons]
        )
        exteriors = [p.exterior for p in shapely.get_parts(seat)]
        assert (
            shapely.hausdorff_distance(
                drawn.boundary, shapely.MultiLineString(exteriors)
            )
            < 1e-9
        )
    hexes = hex_frame(data.seats, data.hex_layout).to_crs(4326).geometry
    for polygons, original in zip(decoded["hex"], hexes, strict=True):
        corners = np.array(polygons[0])[:, ::-1]
        assert np.abs(corners - shapely.get_coordinates(original)[:6]).max() < (
            HEX_TOLERANCE_DEG
        )
    page.assert_quiet()


HATCH_JS = """async (style) => {
  const div = document.createElement("div");
  div.style.cssText = "position:fixed;left:0;top:0;width:200px;height:200px";
  document.body.appendChild(div);
  const map = L.map(div, {zoomControl: false, attributionControl: false,
    fadeAnimation: false}).setView([0, 0], 10);
  const many = lmShapes.painter([[[[[-1, -1], [-1, 1], [1, 1], [1, -1]]]]],
    {weight: 0, color: "#000000", opacity: 0, fillOpacity: 1});
  many.seats[0].setStyle({fillColor: lmShapes.hatch("#ff0000", "#000000", style)});
  many.addTo(map);
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  const canvas = div.querySelector("canvas"), g = canvas.getContext("2d");
  const pixels = g.getImageData(0, 0, canvas.width, canvas.height).data;
  let red = 0, dark = 0;
  for (let i = 0; i < pixels.length; i += 4) {
    if (pixels[i] > 200 && pixels[i + 1] < 60) red++;
    else if (pixels[i] < 200 && pixels[i + 3] > 0) dark++;
  }
  return {canvas: many instanceof L.Canvas, red: red, dark: dark,
    total: pixels.length / 4};
}"""


def test_many_areas_go_on_a_canvas_that_paints_the_gain_hatch(browser, london_page):
    from .conftest import WatchedPage, page_data

    path, _ = london_page
    page = WatchedPage(browser, path)
    style = page_data(path.read_text())["style"]
    drawn = page.page.evaluate(HATCH_JS, style)
    assert drawn["canvas"]
    # The fill, crossed by lines: both painted, the fill most.
    assert drawn["red"] > drawn["total"] / 2
    assert drawn["dark"] > drawn["total"] / 20
    page.assert_quiet()
