"""Benchmark: the map page's bytes, load time and zoom time, beside baselines.

Builds, in one run: London (2024), London's page of every election, the UK
(2024), and 9,000 synthetic areas (each 2024 seat cut into 14 cells, written to
a GeoPackage and built with ``--boundaries --allow-missing``). Each page is
opened in Debian's Chromium (Playwright); load is navigation start → every seat
drawn, zoom is one zoom-in → the seats redrawn; medians of ``RUNS`` with
min–max. Beside each: a geopandas ``explore()`` page of the same seats (for the
page of every election, of its 2024 seats). Exit 1 if a target is missed.

    python benchmarks/bench_page.py
"""

from __future__ import annotations

import re
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import folium
import geopandas as gpd
import numpy as np
import shapely

import mapping

RUNS = 7
CELLS_PER_SEAT = 14
#: name → (page bytes, load ms, zoom ms): the targets of issue 14.
TARGETS = {
    "London 2024": (230_000, 200, None),
    "London, every election": (450_000, 250, None),
    "UK 2024": (750_000, 450, None),
    "9,000 areas": (3_000_000, 1200, 100),
}

LOAD_JS = """async () => {
  const nav = performance.getEntriesByType("navigation")[0];
  const give_up = performance.now() + 60000;
  while (!window.__drawn && performance.now() < give_up) {
    await new Promise((r) => setTimeout(r, 5));
  }
  return window.__drawn - nav.startTime;
}"""
#: Marks the moment the seats are on screen: a seat is in the map's overlay
#: pane (an SVG path, or the canvas that paints many areas), then the browser
#: painted (two animation frames). It looks in the document, not through
#: ``Object.values(window)``: that call's first run makes every lazy property of
#: the window (about 30 ms here), which would be charged to every page's load.
DRAWN_PROBE = """
addEventListener("load", () => {
  const wait = () => {
    const seat = document.querySelector(
      ".leaflet-overlay-pane path, .leaflet-overlay-pane canvas");
    if (!seat) return requestAnimationFrame(wait);
    requestAnimationFrame(() => requestAnimationFrame(() => {
      window.__drawn = performance.now();
    }));
  };
  wait();
});
"""
ZOOM_JS = """async () => {
  const map = Object.values(window).find((v) => v instanceof L.Map);
  const t0 = performance.now();
  await new Promise((done) => {
    map.once("zoomend", done);
    map.setZoom(map.getZoom() + 1, {animate: false});
  });
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  const t = performance.now() - t0;
  map.setZoom(map.getZoom() - 1, {animate: false});
  return t;
}"""


def synthetic_areas(path: Path) -> int:
    """Cut every 2024 seat into Voronoi cells of seeded points; write a GeoPackage."""
    seats = mapping.load_election(2024, region="all")
    rng = np.random.default_rng(14)
    cells, codes = [], []
    for k, seat in enumerate(seats.geometry):
        minx, miny, maxx, maxy = seat.bounds
        points: list = []
        while len(points) < CELLS_PER_SEAT:
            xy = rng.uniform((minx, miny), (maxx, maxy), size=(64, 2))
            inside = shapely.contains_xy(seat, xy[:, 0], xy[:, 1])
            points.extend(xy[inside].tolist())
        diagram = shapely.voronoi_polygons(
            shapely.multipoints(points[:CELLS_PER_SEAT]), extend_to=seat
        )
        for n, cell in enumerate(shapely.get_parts(diagram)):
            part = shapely.intersection(cell, seat)
            if not part.is_empty:
                cells.append(part)
                codes.append(f"E99{k:04d}{n:02d}")  # shaped as ONS codes
    frame = gpd.GeoDataFrame(
        {"code": codes, "name": [f"Area {c}" for c in codes]},
        geometry=cells,
        crs=27700,
    )
    frame.to_file(path, driver="GPKG")
    return len(frame)


def explore_page(frame: gpd.GeoDataFrame, path: Path) -> None:
    """Write the baseline: geopandas' explore() of the winners, Leaflet inlined.

    explore() links Leaflet and its plugins from the network; the baseline
    gets Leaflet inlined as ours has it, so that both open offline.
    """
    from branca.element import Element

    from mapping.html import _inline_assets

    fmap = folium.Map(tiles=None)
    fmap.default_js, fmap.default_css = [], []
    leaflet = _inline_assets().split("<script>")[1].removesuffix("</script>\n")
    head = f"<style>{_leaflet_css()}</style><script>{leaflet}</script>"
    fmap.get_root().header.add_child(Element(head), name="leaflet_inline")
    column = "winner" if "winner" in frame.columns else None
    frame[[c for c in ("name", "winner") if c in frame.columns] + ["geometry"]].explore(
        column=column, m=fmap, tooltip=["name"], legend=False
    )
    html = fmap.get_root().render()
    path.write_text(
        re.sub(r"<(script|link)[^>]+(src|href)=.https?://[^>]*>(</script>)?", "", html)
    )


def _leaflet_css() -> str:
    from xstatic.pkg import leaflet

    return (Path(leaflet.BASE_DIR) / "leaflet.css").read_text(encoding="utf-8")


def build(args: list[str], out: Path) -> Path:
    """Build with the CLI; return the page of every election built, or the one."""
    command = [sys.executable, "-m", "mapping", "build", "--out", str(out), *args]
    subprocess.run(command, check=True, capture_output=True)
    pages = sorted(p for p in out.glob("*.html") if p.name != "index.html")
    return min(pages, key=lambda p: len(p.name))  # london.html before london-2019.html


def measure(browser, path: Path, zoom: bool) -> tuple[list[float], list[float]]:
    """Open the page RUNS times, after one untimed opening: load (and zoom) in ms.

    The untimed opening warms what every page shares (the browser's first
    fonts, caches and process), which the first page timed would pay alone.
    """
    loads, zooms = [], []
    for run in range(RUNS + 1):
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.add_init_script(DRAWN_PROBE)
        page.goto(path.resolve().as_uri())
        load = page.evaluate(LOAD_JS)
        zoomed = page.evaluate(ZOOM_JS) if zoom else None
        page.close()
        if run:
            loads.append(load)
            if zoomed is not None:
                zooms.append(zoomed)
    return loads, zooms


def spread(values: list[float]) -> str:
    """Return "median ms (min–max)"."""
    if not values:
        return "-"
    return f"{statistics.median(values):7.0f} ms ({min(values):.0f}–{max(values):.0f})"


def main() -> int:
    """Build the pages, time each RUNS times; return 1 if a target is missed."""
    from playwright.sync_api import sync_playwright

    missed = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        gpkg = tmp_path / "areas.gpkg"
        count = synthetic_areas(gpkg)
        cases = {
            "London 2024": (["--election", "2024"], mapping.load_election(2024)),
            # Its baseline: explore() of one of its five elections (2024).
            "London, every election": (
                ["--election", "all"],
                mapping.load_election(2024),
            ),
            "UK 2024": (
                ["--election", "2024", "--region", "all"],
                mapping.load_election(2024, region="all"),
            ),
            "9,000 areas": (
                [
                    "--election",
                    "2024",
                    "--region",
                    "all",
                    "--boundaries",
                    str(gpkg),
                    "--allow-missing",
                ],
                gpd.read_file(gpkg),
            ),
        }
        pages = {}
        for n, (name, (args, frame)) in enumerate(cases.items()):
            ours = build(args, tmp_path / f"ours{n}")
            base = tmp_path / f"explore{n}.html"
            explore_page(frame.to_crs(4326), base)
            pages[name] = (ours, base)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path="/usr/bin/chromium", args=["--no-sandbox"]
            )
            print(f"synthetic areas: {count:,}; medians of {RUNS} (min–max)")
            for name, (ours, base) in pages.items():
                size, load_target, zoom_target = TARGETS[name]
                loads, zooms = measure(browser, ours, zoom=True)
                base_loads, base_zooms = measure(browser, base, zoom=True)
                print(f"{name}")
                for label, page, times, zoom in (
                    ("london-maps", ours, loads, zooms),
                    ("explore()", base, base_loads, base_zooms),
                ):
                    print(
                        f"  {label:12} {page.stat().st_size:>10,} B"
                        f"  load {spread(times)}  zoom {spread(zoom)}",
                        flush=True,
                    )
                if ours.stat().st_size > size:
                    missed.append(f"{name} bytes > {size:,}")
                if statistics.median(loads) > load_target:
                    missed.append(f"{name} load > {load_target} ms")
                if zoom_target and statistics.median(zooms) > zoom_target:
                    missed.append(f"{name} zoom > {zoom_target} ms")
            browser.close()
    print("targets: " + ("met" if not missed else "NOT MET: " + "; ".join(missed)))
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
