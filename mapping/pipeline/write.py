"""Writing the data package: tables, gzipped boundaries and the manifest.

Boundaries are FlatGeobuf, gzipped: a binary format that pyogrio reads about
twenty times faster than GeoJSON (the package once shipped GeoJSON: 0.3 s a
set), in a file a little smaller; ``benchmarks/bench_speed.py`` times it.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import tempfile
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio

from ..package import boundary_file, overview_file
from .sources import load_registry, sha256_of

FILE_DESCRIPTIONS = {
    "seats.csv": "one row per seat and boundary set: code, name, region, country",
    "results.csv": "one row per seat and election: electorate, votes cast, the "
    "official winner, runner-up, majority and result call, the winning candidate",
    "votes.csv": "one row per seat, election and party: votes and candidate name",
    "remain.csv": "Hanretty's estimated Remain share (%) per seat and boundary set",
    "hexes.csv": "Open Innovations hex layout (odd-r): column q and row r per seat",
    boundary_file("pcon2010"): "2010-2019 boundaries, EPSG:27700, simplified "
    "coverage (FlatGeobuf)",
    boundary_file("pcon2024"): "2024 boundaries, EPSG:27700, simplified coverage "
    "(FlatGeobuf)",
    overview_file("pcon2010"): "2010-2019 boundaries simplified further for the "
    "map of all seats (overview_tolerance_m), EPSG:27700 (FlatGeobuf)",
    overview_file("pcon2024"): "2024 boundaries simplified further for the map of "
    "all seats (overview_tolerance_m), EPSG:27700 (FlatGeobuf)",
}


def write_package(
    out_dir: Path,
    tables: dict[str, pd.DataFrame],
    geometries: dict[str, gpd.GeoDataFrame],
    simplification: dict,
) -> dict:
    """Write the tables, boundaries and manifest into ``out_dir``; return the manifest.

    Everything is written to a staging folder first, then moved into place, the
    manifest last, so a reader never sees a half-written package.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    registry = load_registry()
    with tempfile.TemporaryDirectory(dir=out_dir.parent, prefix=".package-") as tmp:
        staging = Path(tmp)
        rows = {}
        for name, table in tables.items():
            table.to_csv(staging / name, index=False, lineterminator="\n")
            rows[name] = len(table)
        for name, frame in geometries.items():
            _write_gzipped_flatgeobuf(frame, staging / name)
            rows[name] = len(frame)
        manifest = {
            "format": 1,
            "credits": registry["credits"],
            "hex_layout": "odd-r",
            "simplification": simplification,
            "sources": {
                source_id: {key: entry[key] for key in sorted(entry)}
                for source_id, entry in registry["sources"].items()
            },
            "files": {
                name: {
                    "description": FILE_DESCRIPTIONS[name],
                    "rows": rows[name],
                    "sha256": sha256_of(staging / name),
                }
                for name in sorted(rows)
            },
        }
        (staging / "manifest.json").write_text(
            json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        # Every file is complete: move them into place, the manifest last.
        for name in [*sorted(rows), "manifest.json"]:
            os.replace(staging / name, out_dir / name)
    return manifest


def _write_gzipped_flatgeobuf(frame: gpd.GeoDataFrame, target: Path) -> None:
    """Write the seats in their order, each geometry of its own type, gzipped.

    No spatial index: it would reorder the seats and the reader never needs it.
    """
    with tempfile.TemporaryDirectory() as tmp:
        plain = Path(tmp) / "layer.fgb"
        pyogrio.write_dataframe(
            frame,
            plain,
            driver="FlatGeobuf",
            layer="constituencies",
            promote_to_multi=False,
            SPATIAL_INDEX="NO",
        )
        # mtime=0 and no file name keep the bytes reproducible.
        with (
            open(plain, "rb") as src,
            open(target, "wb") as raw,
            gzip.GzipFile(
                fileobj=raw, mode="wb", compresslevel=9, mtime=0, filename=""
            ) as dst,
        ):
            shutil.copyfileobj(src, dst)
