"""Read the committed data package (``boundaries/``), checked against its manifest.

Each file is checked against its sha256 when it is first read, so a command
hashes only what it reads (``table`` never reads the boundaries).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from .elections import BOUNDARY_SETS
from .errors import DataPackageError

if TYPE_CHECKING:  # geometry loads only where it is drawn: tables need none
    import geopandas as gpd

#: The kinds of shipped source, each credited where it is used.
CREDITS = ("boundaries", "results", "remain", "hexes")
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


def boundary_file(set_id: str) -> str:
    """Return the package's file of one boundary set: gzipped FlatGeobuf."""
    return f"{set_id}.fgb.gz"


def overview_file(set_id: str) -> str:
    """Return the package's file of one set simplified for the map of all its seats."""
    return f"{set_id}-overview.fgb.gz"


#: Files the reader needs; the manifest must list each with its sha256.
REQUIRED_FILES = (
    "seats.csv",
    "results.csv",
    "votes.csv",
    "remain.csv",
    "hexes.csv",
    *(boundary_file(set_id) for set_id in BOUNDARY_SETS),
    *(overview_file(set_id) for set_id in BOUNDARY_SETS),
)
#: A plain file name: no folder, no "..", nothing absolute.
_PLAIN_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*")
_SHA256 = re.compile(r"[0-9a-fA-F]{64}")


@cache
def _verified_manifest(folder: Path) -> dict:
    manifest_path = folder / "manifest.json"
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataPackageError(
            f"data package not found: {manifest_path} is missing; {_REBUILD_HINT}"
        ) from None
    except (OSError, ValueError) as error:
        raise DataPackageError(
            f"data package manifest {manifest_path} is unreadable ({error}); "
            + _REBUILD_HINT
        ) from None
    problems = _manifest_problems(manifest)
    if problems:
        raise DataPackageError(
            f"data package manifest {manifest_path} is malformed: "
            f"{'; '.join(problems)}; {_REBUILD_HINT}"
        )
    return manifest


def _manifest_problems(manifest: object) -> list[str]:
    """Return what is wrong with the manifest's shape, one problem an item."""
    if not isinstance(manifest, dict):
        return ["it is not a JSON object"]
    problems = []
    credits = manifest.get("credits")
    if not isinstance(credits, dict) or set(credits) != set(CREDITS):
        problems.append(f"'credits' is not an object of {', '.join(CREDITS)}")
    elif not all(isinstance(text, str) for text in credits.values()):
        problems.append("a credit is not a string")
    files = manifest.get("files")
    if not isinstance(files, dict) or not files:
        return [*problems, "'files' is not an object listing the package's files"]
    for name, entry in files.items():
        if not _PLAIN_NAME.fullmatch(name) or ".." in name:
            problems.append(f"{name!r} is not a plain file name")
        elif not isinstance(entry, dict) or not isinstance(entry.get("sha256"), str):
            problems.append(f"{name} has no sha256")
        elif not _SHA256.fullmatch(entry["sha256"]):
            problems.append(f"the sha256 of {name} is not 64 hex digits")
    absent = [name for name in REQUIRED_FILES if name not in files]
    if absent:
        problems.append(f"it does not list {', '.join(absent)}")
    return problems


def _file_problem(path: Path, sha256: str) -> str | None:
    if not path.is_file():
        return f"{path.name} is missing"
    with path.open("rb") as file:
        digest = hashlib.file_digest(file, "sha256").hexdigest()
    if digest != sha256.lower():
        return f"{path.name} does not match its sha256"
    return None


@cache
def _listed(folder: Path, name: str) -> Path:
    """Return the path of a file of the package, once it matched its sha256.

    A file the manifest does not list is refused, as is one that differs.
    """
    files = _verified_manifest(folder)["files"]
    if name not in files:
        raise DataPackageError(
            f"{name!r} is not a file of the data package {folder}; it holds "
            f"{', '.join(sorted(files))}"
        )
    problem = _file_problem(folder / name, files[name]["sha256"])
    if problem:
        raise DataPackageError(
            f"data package {folder} is corrupt: {problem}; {_REBUILD_HINT}"
        )
    return folder / name


def read_manifest() -> dict:
    """Return the package manifest, once every file it lists matched its sha256."""
    folder = package_dir()
    manifest = _verified_manifest(folder)
    for name in manifest["files"]:
        _listed(folder, name)
    return manifest


def credits() -> dict[str, str]:
    """Return the credit of each kind of shipped source (see :data:`CREDITS`)."""
    return dict(_verified_manifest(package_dir())["credits"])


@cache
def _read_table_from(folder: Path, name: str) -> pd.DataFrame:
    path = _listed(folder, name)
    try:
        return pd.read_csv(path, keep_default_na=False, na_values=[""])
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
def _read_geometry_from(folder: Path, name: str) -> gpd.GeoDataFrame:
    import pyogrio
    from pyogrio.errors import DataLayerError, DataSourceError

    path = _listed(folder, name)
    try:
        frame = pyogrio.read_dataframe(f"/vsigzip/{path}")
    except (DataSourceError, DataLayerError, OSError, ValueError) as error:
        raise DataPackageError(
            f"cannot read {path}: {error}; {_REBUILD_HINT}"
        ) from None
    return frame.set_crs(27700, allow_override=True)


def read_boundaries(set_id: str) -> gpd.GeoDataFrame:
    """Return the boundaries of one set (``code`` and geometry, EPSG:27700).

    Read once per process and shared between calls: copy it before changing it.
    """
    return _read_geometry_from(package_dir(), boundary_file(set_id))


def read_overview(set_id: str) -> gpd.GeoDataFrame:
    """Return one set simplified further for the map of all its seats.

    :func:`mapping.simplify.overview` of its boundaries, made by the pipeline;
    read once per process, as :func:`read_boundaries`.
    """
    return _read_geometry_from(package_dir(), overview_file(set_id))
