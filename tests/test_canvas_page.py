"""A map of thousands of areas: one canvas that the page paints itself (shapes.js).

The areas are squares on a grid with gaps between them, so that what the
browser drew can be read from the screenshot: a point inside a square shows
its fill, a point in a gap the map's background, at any zoom.
"""

from __future__ import annotations

import io
import subprocess
import sys

import geopandas as gpd
import pytest
import shapely
from PIL import Image
from playwright.sync_api import expect

from .conftest import WatchedPage

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SIDE = 56  # 56 × 56 = 3,136 areas: above the canvas threshold (3,000)
PITCH_M, SQUARE_M = 500.0, 300.0
NO_DATA = (0xD9, 0xD9, 0xD9)  # style.NO_DATA: custom codes have no result


@pytest.fixture(scope="module")
def grid_page(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("canvas")
    x0, y0 = 517_000.0, 167_000.0  # London, in metres of the British grid
    squares, codes = [], []
    for row in range(SIDE):
        for col in range(SIDE):
            x, y = x0 + col * PITCH_M, y0 + row * PITCH_M
            squares.append(shapely.box(x, y, x + SQUARE_M, y + SQUARE_M))
            codes.append(f"E99{row:03d}{col:03d}")
    frame = gpd.GeoDataFrame(
        {"code": codes, "name": [f"Square {c}" for c in codes]},
        geometry=squares,
        crs=27700,
    )
    frame.to_file(tmp / "grid.gpkg", driver="GPKG")
    out = tmp / "out"
    command = [
        sys.executable,
        "-m",
        "mapping",
        "build",
        "--election",
        "2024",
        "--region",
        "all",
    ]
    command += ["--boundaries", str(tmp / "grid.gpkg"), "--allow-missing"]
    subprocess.run([*command, "--out", str(out)], check=True, capture_output=True)
    return next(p for p in out.glob("*.html") if p.name != "index.html")


#: Container points of a square's centre, a point inside it near its edge
#: and a point in the gap beside it, from its geometry (WGS84 corners).
POINTS_JS = """(code) => {
  const map = Object.values(window).find((v) => v instanceof L.Map);
  const painter = [];
  map.eachLayer((l) => { if (l instanceof L.Canvas && l.seats) painter.push(l); });
  const sets = JSON.parse(document.getElementById("lm-data").textContent).sets;
  const codes = Object.values(sets)[0].codes, i = codes.indexOf(code);
  const b = painter[0].seats[i].getBounds(), c = b.getCenter();
  const w = b.getEast() - b.getWest();
  const at = (lat, lng) => map.latLngToContainerPoint([lat, lng]);
  const box = map.getContainer().getBoundingClientRect();
  const shift = (p) => ({x: p.x + box.left, y: p.y + box.top});
  return {
    painters: painter.length,
    svgSeats: document.querySelectorAll("path.lm-seat").length,
    centre: shift(at(c.lat, c.lng)),
    inside: shift(at(c.lat, c.lng + 0.4 * w)),
    gap: shift(at(c.lat, c.lng + (0.5 + 1 / 3) * w)),  // the gap's middle
    zoom: map.getZoom(),
  };
}"""


#: One zoom in, about the square's centre (a point on screen).
ZOOM_IN_JS = """async (point) => {
  const map = Object.values(window).find((v) => v instanceof L.Map);
  const box = map.getContainer().getBoundingClientRect();
  const at = map.containerPointToLatLng([point.x - box.left, point.y - box.top]);
  await new Promise((done) => {
    map.once("zoomend", done);
    map.setZoomAround(at, map.getZoom() + 1, {animate: false});
  });
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
}"""


def pixel(page, point) -> tuple[int, int, int]:
    shot = Image.open(io.BytesIO(page.screenshot())).convert("RGB")
    return shot.getpixel((round(point["x"]), round(point["y"])))


def near(one, other, tolerance=6) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(one, other, strict=True))


def test_thousands_of_areas_are_painted_on_one_canvas_at_every_zoom(browser, grid_page):
    watched = WatchedPage(browser, grid_page)
    page = watched.page
    code = f"E99{SIDE // 2:03d}{SIDE // 2:03d}"  # a square in the middle
    points = page.evaluate(POINTS_JS, code)
    assert points["painters"] == 1 and points["svgSeats"] == 0
    background = pixel(page, {"x": 640, "y": 5})  # above the squares
    for zooms in range(4):
        if zooms >= 2:  # the squares big enough to read their inside and gaps
            assert near(pixel(page, points["centre"]), NO_DATA)
            assert near(pixel(page, points["inside"]), NO_DATA)
            assert near(pixel(page, points["gap"]), background)
        # One zoom in: the squares are drawn again at twice the size.
        page.evaluate(ZOOM_IN_JS, points["centre"])
        zoomed = page.evaluate(POINTS_JS, code)
        assert zoomed["zoom"] == points["zoom"] + 1
        points = zoomed
    watched.assert_quiet()


def test_a_square_on_the_canvas_names_itself_and_opens_its_result(browser, grid_page):
    watched = WatchedPage(browser, grid_page)
    page = watched.page
    code = f"E99{SIDE // 2:03d}{SIDE // 3:03d}"
    for _ in range(2):
        page.evaluate(ZOOM_IN_JS, page.evaluate(POINTS_JS, code)["centre"])
    points = page.evaluate(POINTS_JS, code)
    page.mouse.move(points["centre"]["x"], points["centre"]["y"])
    tooltip = page.locator(".leaflet-tooltip")
    assert f"Square {code}" in tooltip.inner_text()
    assert "No result" in tooltip.inner_text()
    page.mouse.move(points["gap"]["x"], points["gap"]["y"])
    expect(tooltip).to_have_count(0)  # gone once it has faded
    page.mouse.click(points["inside"]["x"], points["inside"]["y"])
    result = page.get_by_role("dialog", name=f"Square {code}")
    assert result.is_visible()
    assert "No result in the data for this seat" in result.inner_text()
    assert page.evaluate("window.londonMapsState.seat") >= 0
    watched.assert_quiet()
