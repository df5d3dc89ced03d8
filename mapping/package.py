"""Read the committed data package (``boundaries/``), checked against its manifest."""

from __future__ import annotations

import hashlib
import json
import os
from functools import cache
from importlib import resources
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio

from .errors import DataPackageError

#: Environment variable that points the reader at another package folder.
PACKAGE_ENV = "LONDON_MAPS_PACKAGE"
_REBUILD_HINT = (
    "reinstall london-maps, or rebuild the package with "
    "'london-maps data build --source DIR'"
)


def package_dir() -> Path:
    """Return the folder of the data package.

    ``$LONDON_MAPS_PACKAGE`` wins; an installed wheel carries the package inside
    ``mapping/_package``; a source checkout reads ``boundaries/`` beside ``mapping/``.
    """
    if os.environ.get(PACKAGE_ENV):
        return Path(os.environ[PACKAGE_ENV])
    installed = Path(str(resources.files("mapping"))) / "_package"
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parent.parent / "boundaries"


@cache
def _verified_manifest(folder: Path) -> dict:
    manifest_path = folder / "manifest.json"
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        files = manifest["files"]
    except FileNotFoundError:
        raise DataPackageError(
            f"data package not found: {manifest_path} is missing; {_REBUILD_HINT}"
        ) from None
    except (ValueError, KeyError, TypeError) as error:
        raise DataPackageError(
            f"data package manifest {manifest_path} is unreadable ({error}); "
            + _REBUILD_HINT
        ) from None
    problems = []
    for name, entry in files.items():
        path = folder / name
        if not path.is_file():
            problems.append(f"{name} is missing")
        elif hashlib.sha256(path.read_bytes()).hexdigest() != entry["sha256"]:
            problems.append(f"{name} does not match its sha256")
    if problems:
        raise DataPackageError(
            f"data package {folder} is corrupt: {'; '.join(problems)}; {_REBUILD_HINT}"
        )
    return manifest


def read_manifest() -> dict:
    """Return the package manifest, once every file has matched its sha256."""
    return _verified_manifest(package_dir())


def attribution() -> str:
    """Return the data attribution that every map and image prints."""
    return read_manifest()["attribution"]


@cache
def _read_table_from(folder: Path, name: str) -> pd.DataFrame:
    _verified_manifest(folder)
    try:
        return pd.read_csv(folder / name, keep_default_na=False, na_values=[""])
    except (ValueError, OSError) as error:
        raise DataPackageError(
            f"cannot read {folder / name}: {error}; {_REBUILD_HINT}"
        ) from None


def read_table(name: str) -> pd.DataFrame:
    """Return one CSV table of the package (``seats``, ``results``, ``votes``, ...).

    The frame is shared between calls: copy it before changing it.
    """
    return _read_table_from(package_dir(), f"{name}.csv")


@cache
def _read_boundaries_from(folder: Path, set_id: str) -> gpd.GeoDataFrame:
    _verified_manifest(folder)
    path = folder / f"{set_id}.geojson.gz"
    try:
        frame = pyogrio.read_dataframe(f"/vsigzip/{path}")
    except Exception as error:  # pyogrio raises several GDAL error types
        raise DataPackageError(
            f"cannot read {path}: {error}; {_REBUILD_HINT}"
        ) from None
    return frame.set_crs(27700, allow_override=True)


def read_boundaries(set_id: str) -> gpd.GeoDataFrame:
    """Return the boundaries of one set (``code`` and geometry, EPSG:27700)."""
    return _read_boundaries_from(package_dir(), set_id)
