"""Benchmark: our interactive maps against a geopandas ``explore()`` baseline.

Builds the five London maps both ways in one run and prints build time, HTML
bytes and the number of files each page fetches from the network; then what
the bytes of a page of one election and of the page of every election are made
of (each part packed: gzip, base64), the bytes of the page of every election
beside the five pages' total, and how long that page takes to switch election
in headless Chromium (Debian's chromium).

    python benchmarks/bench_html.py
"""

from __future__ import annotations

import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from baselines import explore_map

import mapping
from mapping.packed import read_payload
from mapping.site import build_maps

YEARS = [2010, 2015, 2017, 2019, 2024]
TARGET_SECONDS = 10.0
TARGET_BYTES = 400_000
TARGET_ALL_BYTES = 450_000
TARGET_SWITCH_MS = 100.0
#: Switches timed, in order: the same boundaries, then across the 2024 change
#: (the first builds the other set's shapes; later ones reuse them).
SWITCHES = [2017, 2019, 2015, 2024, 2019, 2024, 2010, 2024, 2017, 2024, 2019]

#: The parts of a page (mapping.packed.PARTS) as this report names them.
PART_NAMES = {
    "style": "CSS (Leaflet's, ours)",
    "leaflet": "Leaflet's script",
    "code": "our scripts",
    "data": "data",
    "map": "the map's call",
}

SWITCH_JS = """async (year) => {
  const input = document.querySelector(`input[name="lm-election"][value="${year}"]`);
  const start = performance.now();
  input.click();  // the switch runs in the change event, synchronously
  const scripted = performance.now() - start;
  await new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)));
  return [scripted, performance.now() - start];
}"""


def external_files(html: str) -> int:
    """Scripts and style sheets the page loads from elsewhere."""
    return len(re.findall(r"<(?:script[^>]+src|link[^>]+href)=\S*https?://", html))


def switch_times(page_path: Path) -> list[tuple[int, int, float, float]]:
    """Time each switch of SWITCHES: (from, to, script ms, to the next frame ms).

    The layer is Gains, the view the hexes and Putney's result is open, so a
    switch restyles the seats, redraws the legend and reopens the result.
    """
    from playwright.sync_api import sync_playwright

    times = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=shutil.which("chromium"), args=["--no-sandbox"]
        )
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.goto(page_path.resolve().as_uri() + "#2019/gains/hex/E14000887")
        page.wait_for_function("window.londonMapsState !== undefined")
        year = 2019
        for target in SWITCHES:
            scripted, framed = page.evaluate(SWITCH_JS, target)
            times.append((year, target, scripted, framed))
            year = target
        browser.close()
    return times


def report_parts(page: Path) -> None:
    """Print a page's bytes part by part: packed, its share, and plain."""
    html = page.read_text(encoding="utf-8")
    total = len(html.encode())
    parts = read_payload(html)
    print(f"\n{page.name}: {total:,} bytes")
    print(f"  {'part':24}{'in the file':>14}{'share':>8}{'unpacked':>12}")
    rows = [(PART_NAMES[n], p.packed, len(p.text.encode())) for n, p in parts.items()]
    plain = total - sum(packed for _, packed, _ in rows)
    for name, packed, unpacked in [*rows, ("plain HTML, boot.js", plain, plain)]:
        print(
            f"  {name:24}{packed:>12,} B{100 * packed / total:>7.1f}%{unpacked:>10,} B"
        )


def report_page_of_every_election(folder: Path) -> bool:
    """Print the page of every election's bytes and switch times; True if met."""
    every = (folder / "london.html").stat().st_size
    each = sum((folder / f"london-{y}.html").stat().st_size for y in YEARS)
    print(f"\npage of every election: {every:,} bytes (five pages: {each:,} bytes)")
    ok = every <= TARGET_ALL_BYTES
    if shutil.which("chromium") is None:
        print("switch time: not measured (no chromium)")
        return ok
    times = switch_times(folder / "london.html")
    sets = {y: "2024" if y == 2024 else "2010" for y in YEARS}
    same = [t[3] for t in times if sets[t[0]] == sets[t[1]]]
    across = [t[3] for t in times if sets[t[0]] != sets[t[1]]]
    for old, new, scripted, framed in times:
        print(f"  {old} -> {new}: {scripted:6.1f} ms script, {framed:6.1f} ms to frame")
    median_same, median_across = statistics.median(same), statistics.median(across)
    print(
        f"switch, median to the next frame: same boundaries {median_same:.1f} ms "
        f"(n={len(same)}), across 2019/2024 {median_across:.1f} ms (n={len(across)})"
    )
    return ok and max(median_same, median_across) < TARGET_SWITCH_MS


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
            explore_map(year).save(base_dir / f"london-{year}.html")
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
        report_parts(ours_dir / "london-2024.html")
        report_parts(ours_dir / "london.html")
        every_ok = report_page_of_every_election(ours_dir)
    ok = ours_time < TARGET_SECONDS and worst <= TARGET_BYTES
    print(
        f"target: 5 maps < {TARGET_SECONDS:.0f} s and each <= {TARGET_BYTES:,} bytes: "
        + ("met" if ok else "NOT MET")
    )
    print(
        f"target: page of every election <= {TARGET_ALL_BYTES:,} bytes, switch "
        f"< {TARGET_SWITCH_MS:.0f} ms: " + ("met" if every_ok else "NOT MET")
    )
    return 0 if ok and every_ok else 1


if __name__ == "__main__":
    sys.exit(main())
