"""Time the commands of issue 14 against a baseline measured in the same run.

Every figure is a whole command run as a subprocess (start-up included), timed
after one untimed warm-up run, over ``--runs`` runs (default 5): the median,
the fastest and slowest run, and the ratio to its baseline. The baselines:

- ``--help``: the bare interpreter (``python -c pass``);
- ``table``: a plain pandas script that joins the same package CSVs into the
  same columns and prints them;
- the one-election builds: geopandas ``explore()`` of the same seats (four
  layers, saved as HTML), as a user without london-maps would draw them;
- the build of all five UK elections: five one-election builds, one process
  each (what one build saves by reading each boundary set once).

The commands run with this checkout first on ``PYTHONPATH`` and with bytecode
caching on (``PYTHONDONTWRITEBYTECODE`` is dropped), as an installed copy runs.
Each figure prints wall and CPU time (user + system, children included) and
is checked on one: CPU for all five UK elections, wall for the others. The
load average is printed too: on a busy machine wall times stretch, so read the
CPU times and ratios. Exit status 1 if a target is missed.

Run from the repository root::

    python benchmarks/bench_speed.py [--runs N] [--only help,table,london,uk,uk5]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PY = sys.executable

#: A user's own table: the package's CSVs joined with nothing but pandas.
PANDAS_TABLE = """
import sys
import pandas as pd
folder = sys.argv[1]
seats = pd.read_csv(f"{folder}/seats.csv")
results = pd.read_csv(f"{folder}/results.csv")
votes = pd.read_csv(f"{folder}/votes.csv")
remain = pd.read_csv(f"{folder}/remain.csv")
seats = seats[(seats["boundary_set"] == "pcon2010") & (seats["region"] == "London")]
now = results[results["election"] == 2019]
before = results.loc[results["election"] == 2017, ["code", "first_party"]]
top = votes[votes["election"] == 2019].sort_values("votes", ascending=False)
top = top.drop_duplicates("code")[["code", "candidate"]]
table = (
    seats.merge(now, on="code")
    .merge(before.rename(columns={"first_party": "previous_winner"}), on="code")
    .merge(top.rename(columns={"candidate": "top_candidate"}), on="code")
    .merge(remain.loc[remain["boundary_set"] == "pcon2010", ["code", "remain_pct"]],
           on="code", how="left")
    .rename(columns={"first_party": "winner", "second_party": "runner_up"})
)
table["gain"] = table["winner"] != table["previous_winner"]
table["gained_from"] = table["previous_winner"].where(table["gain"])
table["gain"] = table["gain"].map({True: "true", False: "false"})
table["majority_pct"] = 100 * table["majority"] / table["valid_votes"]
table["turnout_pct"] = 100 * table["valid_votes"] / table["electorate"]
columns = ["code", "name", "region", "election", "winner", "winner_name",
           "runner_up", "previous_winner", "gain", "gained_from", "majority",
           "majority_pct", "turnout_pct", "remain_pct", "electorate", "valid_votes"]
table = table.sort_values("name")[columns]
sys.stdout.write(table.to_csv(index=False, float_format="%.2f"))
"""

#: geopandas' own interactive map: four layers of each election, one file each.
EXPLORE = """
import sys
sys.path.insert(0, sys.argv[1])
from baselines import explore_map
region, out = sys.argv[2], sys.argv[3]
for year in map(int, sys.argv[4:]):
    explore_map(year, region).save(f"{out}/{region}-{year}.html")
"""

#: One process per election: nothing is shared between the elections.
BUILD_EACH = """
import subprocess
import sys
out = sys.argv[1]
for year in sys.argv[2:]:
    subprocess.run([sys.executable, "-m", "mapping", "build", "--region", "all",
                    "--election", year, "--out", out], check=True,
                   stdout=subprocess.DEVNULL)
"""

YEARS = ["2010", "2015", "2017", "2019", "2024"]


@dataclass
class Runs:
    """Seconds of each timed run of one command: wall clock and CPU."""

    wall: list[float]
    cpu: list[float]

    def of(self, clock: str) -> list[float]:
        """Return the runs by ``"wall"`` or ``"cpu"``."""
        return self.wall if clock == "wall" else self.cpu


@dataclass
class Figure:
    """One figure of the issue: our command, its baseline and the targets."""

    key: str
    label: str
    ours: list[str]
    baseline: list[str]
    baseline_label: str
    clock: str = "wall"
    target_seconds: float | None = None
    target_ratio: float | None = None  # ours ÷ baseline at most


def environment() -> dict[str, str]:
    """Return the commands' environment: this checkout first, bytecode cached."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPATH"] = os.pathsep.join(
        [str(REPO), *filter(None, [env.get("PYTHONPATH")])]
    )
    return env


def run(command: list[str], runs: int) -> Runs:
    """Run ``command`` once untimed, then ``runs`` times, timing each."""
    env = environment()
    wall, cpu = [], []
    for attempt in range(runs + 1):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(
            command, cwd=REPO, env=env, check=True, stdout=subprocess.DEVNULL
        )
        elapsed = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if attempt:  # the first run warms the caches and writes the bytecode
            wall.append(elapsed)
            cpu.append(
                after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
            )
    return Runs(wall, cpu)


def figures(out: Path) -> list[Figure]:
    """Return the figures of issue 14, each with its baseline and targets."""
    cli = [PY, "-m", "mapping"]
    explore = [PY, "-c", EXPLORE, str(REPO / "benchmarks")]
    return [
        Figure(
            "help",
            "london-maps --help",
            [*cli, "--help"],
            [PY, "-c", "pass"],
            "bare interpreter",
            target_seconds=0.15,
        ),
        Figure(
            "table",
            "table --election 2019",
            [*cli, "table", "--election", "2019"],
            [PY, "-c", PANDAS_TABLE, str(REPO / "boundaries")],
            "plain pandas",
            target_seconds=0.45,
            target_ratio=1.3,
        ),
        Figure(
            "london",
            "build London 2019",
            [*cli, "build", "--election", "2019", "--out", str(out / "london")],
            [*explore, "london", str(out), "2019"],
            "explore()",
            target_seconds=0.9,
            target_ratio=1 / 3,
        ),
        Figure(
            "uk",
            "build UK 2024",
            [
                *cli,
                "build",
                "--election",
                "2024",
                "--region",
                "all",
                "--out",
                str(out / "uk"),
            ],
            [*explore, "all", str(out), "2024"],
            "explore()",
            target_seconds=2.0,
        ),
        Figure(
            "uk5",
            "build UK, 5 elections",
            [*cli, "build", "--region", "all", "--out", str(out / "uk5")],
            [PY, "-c", BUILD_EACH, str(out / "each"), *YEARS],
            "5 builds",
            clock="cpu",
            target_seconds=8.0,
        ),
    ]


def spread(values: list[float]) -> str:
    """Return the median and range of some runs, in seconds."""
    return f"{statistics.median(values):6.2f} s ({min(values):.2f}–{max(values):.2f})"


def verdict(figure: Figure, ours: float, ratio: float) -> tuple[str, bool]:
    """Return the targets of a figure, and whether the median meets them all."""
    targets, met = [], True
    if figure.target_seconds is not None:
        targets.append(f"≤ {figure.target_seconds:g} s")
        met &= ours <= figure.target_seconds
    if figure.target_ratio is not None:
        targets.append(f"≤ {figure.target_ratio:.2g}× baseline")
        met &= ratio <= figure.target_ratio
    return ", ".join(targets), met


def _load() -> str:
    return " ".join(f"{n:.2f}" for n in os.getloadavg())


def main() -> int:
    """Time every figure asked for, print them, exit 1 if a target is missed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs (≥ 5)")
    parser.add_argument("--only", default="", help="figures, e.g. help,table")
    args = parser.parse_args()
    wanted = set(filter(None, args.only.split(",")))
    missed = []
    print(f"load average at the start: {_load()}")
    print(
        f"{'figure':23}{'clock':>6}{'london-maps':>25}   {'baseline':42}"
        f"{'ratio':>7}  target"
    )
    with tempfile.TemporaryDirectory() as tmp:
        for figure in figures(Path(tmp)):
            if wanted and figure.key not in wanted:
                continue
            ours, base = run(figure.ours, args.runs), run(figure.baseline, args.runs)
            for clock in sorted({figure.clock, "wall", "cpu"}, reverse=True):
                mine, theirs = ours.of(clock), base.of(clock)
                ratio = statistics.median(mine) / statistics.median(theirs)
                line = (
                    f"{figure.label if clock == 'wall' else '':23}{clock:>6}"
                    f"{spread(mine):>25}   {figure.baseline_label:18}"
                    f"{spread(theirs):>24}{ratio:>6.2f}×"
                )
                if clock == figure.clock:
                    target, met = verdict(figure, statistics.median(mine), ratio)
                    line += f"  {target}: {'met' if met else 'MISSED'}"
                    if not met:
                        missed.append(figure.label)
                print(line, flush=True)
    print(f"load average at the end: {_load()} (on a busy machine, trust the CPU)")
    print("every target met" if not missed else f"missed: {', '.join(missed)}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
