"""The registry of official source files: origin, licence and hash of each."""

from __future__ import annotations

import hashlib
import json
from functools import cache
from importlib import resources
from pathlib import Path

from ..errors import SourceDataError


@cache
def load_registry() -> dict:
    """Return the source registry (``sources.json``): credits, one entry a file."""
    text = resources.files("mapping.pipeline").joinpath("sources.json").read_text()
    return json.loads(text)


def sha256_of(path: Path) -> str:
    """Return the hex sha256 of a file, read in blocks."""
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def check_sources(source_dir: Path) -> dict[str, Path]:
    """Check every registered file under ``source_dir`` against its sha256.

    Returns the resolved path of each source id. Every missing or differing file
    is reported at once in one :class:`SourceDataError`.
    """
    source_dir = Path(source_dir)
    if not source_dir.is_dir():
        raise SourceDataError(
            f"source folder {source_dir} does not exist; pass the folder that holds "
            "boundaries/, results/, eu_referendum/ and hexjson/"
        )
    paths, problems = {}, []
    for source_id, entry in load_registry()["sources"].items():
        path = source_dir / entry["path"]
        if not path.is_file():
            problems.append(
                f"{entry['path']} is missing (download it from {entry['url']})"
            )
        elif (digest := sha256_of(path)) != entry["sha256"]:
            problems.append(
                f"{entry['path']} has sha256 {digest[:12]}…, expected "
                f"{entry['sha256'][:12]}… (a different release of {entry['title']})"
            )
        paths[source_id] = path
    if problems:
        raise SourceDataError(
            f"{len(problems)} source file(s) in {source_dir} are not the registered "
            "ones: " + "; ".join(problems)
        )
    return paths


def check_rows(source_id: str, rows: int) -> None:
    """Refuse a source whose row count differs from the registry's."""
    entry = load_registry()["sources"][source_id]
    if rows != entry["rows"]:
        raise SourceDataError(
            f"{entry['path']} has {rows} rows, expected {entry['rows']}"
        )
