"""Benchmark: our interactive maps against a geopandas ``explore()`` baseline.

Builds the five London maps both ways in one run and prints build time, HTML
bytes and the number of files each page fetches from the network.

    python benchmarks/bench_html.py
"""

from __future__ import annotations

import re
import sys
import tempfile
import time
from pathlib import Path

import folium

import mapping
from mapping.site import build_maps

YEARS = [2010, 2015, 2017, 2019, 2024]
TARGET_SECONDS = 10.0
TARGET_BYTES = 400_000


def external_files(html: str) -> int:
    """Scripts and style sheets the page loads from elsewhere."""
    return len(re.findall(r"<(?:script[^>]+src|link[^>]+href)=\S*https?://", html))


def explore_baseline(year: int, path: Path) -> None:
    """Draw the same four layers with geopandas' explore(), one GeoJSON each."""
    frame = mapping.load_election(year)
    frame = frame[["name", "winner", "gain", "majority_pct", "remain_pct", "geometry"]]
    frame = frame.assign(gain=frame["gain"].astype(str))
    fmap = folium.Map(tiles=None)
    for column in ("winner", "gain", "majority_pct", "remain_pct"):
        frame.explore(column=column, m=fmap, name=column, show=column == "winner")
    folium.LayerControl().add_to(fmap)
    fmap.save(path)


def main() -> int:
    """Build both ways, print the figures, exit 1 if a target is missed."""
    mapping.load_election(2019)  # read the package once, outside the timings
    with tempfile.TemporaryDirectory() as tmp:
        ours_dir, base_dir = Path(tmp, "ours"), Path(tmp, "baseline")
        base_dir.mkdir()
        start = time.perf_counter()
        build_maps(YEARS, out_dir=ours_dir)
        ours_time = time.perf_counter() - start
        start = time.perf_counter()
        for year in YEARS:
            explore_baseline(year, base_dir / f"london-{year}.html")
        base_time = time.perf_counter() - start

        print(f"{'':12}{'london-maps':>26}{'explore() baseline':>30}")
        print(f"{'map':12}{'bytes':>14}{'net files':>12}{'bytes':>18}{'net files':>12}")
        worst = 0
        for year in YEARS:
            ours = (ours_dir / f"london-{year}.html").read_text()
            base = (base_dir / f"london-{year}.html").read_text()
            worst = max(worst, len(ours.encode()))
            print(
                f"{year:<12}{len(ours.encode()):>14,}{external_files(ours):>12}"
                f"{len(base.encode()):>18,}{external_files(base):>12}"
            )
        print(f"{'build, all 5':12}{ours_time:>13.2f}s{'':>12}{base_time:>17.2f}s")
    ok = ours_time < TARGET_SECONDS and worst <= TARGET_BYTES
    print(
        f"target: 5 maps < {TARGET_SECONDS:.0f} s and each <= {TARGET_BYTES:,} bytes: "
        + ("met" if ok else "NOT MET")
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
