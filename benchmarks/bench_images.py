"""Time the static-image renderer against a plain ``GeoDataFrame.plot`` baseline.

Renders the four required layers of all five elections (London, PNG, ``web``
preset) into a temporary folder, then does the same with nothing but
``GeoDataFrame.plot(column=...)`` and ``savefig`` at the same size and dpi, and
prints both side by side. Loading the data is timed apart from drawing.

Run from the repository root::

    python benchmarks/bench_images.py [--repeat N]

Target: all 20 images in under 15 s on a 2-core machine.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path
from time import perf_counter

import matplotlib
from matplotlib.figure import Figure

from mapping.custom import load_data
from mapping.dataset import ElectionData
from mapping.elections import ELECTIONS
from mapping.image import PRESETS, render_image, save_figure
from mapping.image.series import render_series
from mapping.layers import REQUIRED_LAYERS

TARGET_SECONDS = 15.0


def load_elections() -> dict[int, ElectionData]:
    """Return the London seats of every election, with their credits, by year."""
    return {year: load_data(year) for year in ELECTIONS}


def time_renderer(
    elections: dict[int, ElectionData], folder: Path
) -> dict[tuple[int, str], float]:
    """Render and save every required layer of every election; seconds each."""
    times = {}
    for year, data in elections.items():
        for layer in REQUIRED_LAYERS:
            start = perf_counter()
            fig, _ = render_image(data, layer.id, preset="web")
            save_figure(fig, folder / f"{layer.id}-{year}.png")
            times[year, layer.id] = perf_counter() - start
    return times


def time_baseline(
    elections: dict[int, ElectionData], folder: Path
) -> dict[tuple[int, str], float]:
    """Draw the same maps with ``GeoDataFrame.plot(column=...)``; seconds each."""
    spec = PRESETS["web"]
    times = {}
    for year, data in elections.items():
        for layer in REQUIRED_LAYERS:
            start = perf_counter()
            fig = Figure(figsize=(spec.width, 5.8), dpi=spec.dpi)
            ax = fig.add_subplot()
            plain = data.seats[["geometry", layer.column]].copy()
            if plain[layer.column].dtype == bool:
                plain[layer.column] = plain[layer.column].map({True: "gain", False: ""})
            plain.plot(column=layer.column, ax=ax, legend=True)
            ax.set_title(f"{layer.title}, {year}")
            ax.set_axis_off()
            fig.savefig(folder / f"baseline-{layer.id}-{year}.png")
            times[year, layer.id] = perf_counter() - start
    return times


#: The "Remain London, 2019" story of the README, drawn in every preset.
STORY = {
    "highlight": ["Richmond Park", "Putney", "Battersea", "Chingford"],
    "annotate": [
        ("Richmond Park", "LD gain; 71% Remain"),
        ("Putney", "Lab gain; 72% Remain"),
        ("Battersea", "Lab hold; 78% Remain"),
        ("Chingford", "Con hold by 1,262; 50% Remain"),
    ],
}


def time_presets(
    elections: dict[int, ElectionData], folder: Path
) -> list[tuple[str, str, float, int]]:
    """Render the story with every seat labelled, per preset and format.

    Returns (preset, suffix, seconds, bytes) rows; the last rows are the
    five-election series of gains.
    """
    rows = []
    for preset in PRESETS:
        for suffix in (".png", ".svg", ".pdf"):
            start = perf_counter()
            fig, _ = render_image(
                elections[2019], "remain", preset=preset, label=("all",), **STORY
            )
            path = save_figure(fig, folder / f"story-{preset}{suffix}")
            rows.append((preset, suffix, perf_counter() - start, path.stat().st_size))
    start = perf_counter()
    fig, _ = render_series(list(elections.values()), "gains", label=("gains",))
    path = save_figure(fig, folder / "series.png")
    rows.append(("series", ".png", perf_counter() - start, path.stat().st_size))
    return rows


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print a table; exit status 1 if over the target."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--repeat", type=int, default=1, help="runs to make; the best is shown"
    )
    args = parser.parse_args(argv)
    matplotlib.use("Agg")  # the baseline goes through geopandas, which uses pyplot

    start = perf_counter()
    elections = load_elections()
    load_time = perf_counter() - start

    best: dict[str, dict[tuple[int, str], float]] = {}
    for _ in range(max(1, args.repeat)):
        with tempfile.TemporaryDirectory() as tmp:
            runs = {
                "render_image": time_renderer(elections, Path(tmp)),
                "GeoDataFrame.plot": time_baseline(elections, Path(tmp)),
            }
        for name, times in runs.items():
            if name not in best or sum(times.values()) < sum(best[name].values()):
                best[name] = times

    ours, baseline = best["render_image"], best["GeoDataFrame.plot"]
    print(f"loading 5 elections: {load_time:.2f} s (not counted below)")
    print(f"{'election':>8}  {'layer':<10} {'render_image':>13} {'gdf.plot':>10}")
    for key in ours:
        year, layer_id = key
        print(f"{year:>8}  {layer_id:<10} {ours[key]:>11.3f} s {baseline[key]:>8.3f} s")
    total, total_baseline = sum(ours.values()), sum(baseline.values())
    count = len(ours)
    print(
        f"{'total':>8}  {count:<10} {total:>11.2f} s {total_baseline:>8.2f} s"
        f"   (per image {total / count:.3f} s vs {total_baseline / count:.3f} s)"
    )
    with tempfile.TemporaryDirectory() as tmp:
        print("\nthe README's Remain story, every seat labelled:")
        print(f"{'preset':>10} {'format':<6} {'time':>8} {'size':>10}")
        for preset, suffix, seconds, size in time_presets(elections, Path(tmp)):
            print(f"{preset:>10} {suffix:<6} {seconds:>6.2f} s {size:>10,}")
    verdict = "within" if total < TARGET_SECONDS else "OVER"
    print(f"{verdict} the {TARGET_SECONDS:.0f} s target for {count} images")
    return 0 if total < TARGET_SECONDS else 1


if __name__ == "__main__":
    raise SystemExit(main())
