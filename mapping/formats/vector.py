"""Opening a vector file someone sent: identified by content, read by GDAL held close.

Only plain vector formats reach GDAL (never a VRT, XML, a network path or a
``crs`` it would fetch); a zip is checked and unpacked here, so that GDAL only
ever reads a local file of a kind it was allowed.
"""

from __future__ import annotations

import json
import lzma
import re
import shutil
import tempfile
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

import pyogrio
import pyproj
from pyogrio.errors import DataLayerError, DataSourceError

from ..errors import InputError
from ..text import short_text
from ..validate import check_readable, listing, read_capped, refuse

#: The GDAL drivers a boundary file may be read with.
DRIVERS = {"ESRI Shapefile", "GPKG", "GeoJSON", "TopoJSON", "FlatGeobuf"}
#: Pinned while GDAL reads, whatever the environment says: no SQL function of a
#: GeoPackage view reaches other files or the network; no missing .shx is written.
GDAL_LOCKDOWN = {
    "OGR_SQLITE_ALLOW_EXTERNAL_ACCESS": False,
    "ALLOW_OGR_SQL_FUNCTIONS_FROM_TRIGGER_AND_VIEW": False,
    "SHAPE_RESTORE_SHX": False,
}
DATA_SUFFIXES = {".shp", ".gpkg", ".geojson", ".json", ".topojson", ".fgb"}
SHAPEFILE_PARTS = {".shp", ".shx", ".dbf", ".prj", ".cpg"}
JSON_TYPES = {"FeatureCollection", "Feature", "Polygon", "MultiPolygon", "Topology"}
MAX_ZIP_BYTES, MAX_ZIP_MEMBERS, MAX_JSON_BYTES = 500_000_000, 1000, 250_000_000
#: GDAL's virtual file systems, URLs (also as ``Path`` makes them: "http:/host")
#: and Windows network shares.
VIRTUAL_PATH = re.compile(r"^(/vsi|\\\\)|^[A-Za-z][\w+.-]+:/|://")
EXPORT = "export the boundaries as GeoPackage, shapefile or GeoJSON"
#: Why a file is refused, for the reasons that need no detail from the file.
WHY = {
    "virtual": "network and GDAL virtual paths are not read; download the file",
    "bang": "GDAL takes the '!' in its path for an archive; rename it",
    "vrt": f"is a GDAL virtual file (VRT), which can read other files; {EXPORT}",
    "xml": f"is XML (KML, GML or the like), which can pull in other files; {EXPORT}",
    "table": "looks like a table, not a boundary file; did you mean --results?",
    "unknown": "not a vector file GDAL can read (nor a shapefile, GeoPackage, "
    f"GeoJSON, TopoJSON, FlatGeobuf or zip of one); {EXPORT}",
    "sqlite": f"is an SQLite database, not a GeoPackage; {EXPORT}",
    "hexjson": "is a HexJSON hex layout, not boundaries: it places seats as "
    "hexagons but holds no shapes; pass it with --hexes for the hex view",
    "json": 'is JSON but neither GeoJSON nor TopoJSON (no "type": '
    f'"FeatureCollection" or "Topology"); {EXPORT}',
    "deep": f"nests too deeply to be GeoJSON; {EXPORT}",
    "link": 'its "crs" links to an address GDAL would fetch; remove the "crs" '
    '(GeoJSON is EPSG:4326) or name one, such as "EPSG:27700"',
    "big json": f"is more than {MAX_JSON_BYTES / 1e6:g} MB of JSON; simplify it or "
    "export it as GeoPackage or FlatGeobuf",
    "no shapefile": "is a folder with no shapefile in it; pass the file itself",
    "no data": f"holds no boundary file; {EXPORT}",
    "password": "is password-protected; unzip it and pass the file",
    "no shapes": f"holds no layer with shapes; {EXPORT}",
    "no crs": "the file has no coordinate reference system; for a shapefile, keep "
    "its .prj file beside it, or save it again with a CRS (e.g. EPSG:27700 "
    "British National Grid)",
    "bad crs": "its coordinate system cannot be read; save it in EPSG:27700",
    "collapse": "its shape collapses to nothing when repaired; draw it again",
}
#: Text files refused by their first characters.
REFUSED_TEXT = {
    r"(<\?xml[^>]*>\s*)?<OGRVRTDataSource": WHY["vrt"],
    "<": WHY["xml"],
    r"[^\n\x00]*[,;\t|]": WHY["table"],
}


def open_vector(path: Path | str, layer: str | None = None) -> tuple:
    """Return ``(frame, driver, label)``: the one layer of a plain vector file.

    ``label`` names the file (and the member of a zip) in messages.

    Raises
    ------
    InputError
        The path is virtual or remote, or the file is of a kind not read, or
        holds several layers and ``layer`` names none of them.
    """
    if VIRTUAL_PATH.search(str(path)):
        refuse(path, WHY["virtual"])
    path = check_readable(path, "boundary file", allow_folder=True).absolute()
    if "!" in str(path):  # pyogrio reads "a!b" as the member b of the archive a
        refuse(path, WHY["bang"])
    with _local_dataset(path, layer) as (dataset, layer, label):
        frame, driver = _read_layer(dataset, layer, label)
    return frame, driver, label


@contextmanager
def _local_dataset(path: Path, layer: str | None) -> Iterator[tuple]:
    """Yield the identified local file to read, the layer still to pick, a label."""
    if path.is_dir():
        shapefiles = sorted(p for p in path.iterdir() if p.suffix.lower() == ".shp")
        if not shapefiles:
            refuse(path, WHY["no shapefile"])
        chosen, layer = _pick(path, {p.stem: p for p in shapefiles}, layer)
        _identify(check_readable(chosen, "shapefile"), chosen)
        yield chosen, layer, chosen
    elif _head(path).startswith((b"PK\x03\x04", b"PK\x05\x06")):
        with tempfile.TemporaryDirectory(prefix="london-maps-") as folder:
            member, layer = _unzip(path, layer, Path(folder))
            dataset = Path(folder, f"boundaries{PurePosixPath(member).suffix.lower()}")
            _identify(dataset, f"{path}/{member}")
            yield dataset, layer, f"{path}/{member}"
    else:
        _identify(path, path)
        yield path, layer, path


def _pick(label, choices: dict, layer: str | None) -> tuple:
    """Pick the one dataset or layer (by name if several); return it, layer left."""
    if len(choices) == 1 and layer is None:
        return next(iter(choices.values())), None
    for name, choice in choices.items():
        if layer in (name, str(choice)):
            return choice, None
    if len(choices) == 1:
        return next(iter(choices.values())), layer
    names = listing(map(short_text, choices), 8)
    if layer is None:
        how = "choose one with --boundary-layer NAME"
        refuse(label, f"holds {len(choices)} layers ({names}); {how}")
    refuse(label, f"holds no layer {short_text(layer)!r}; its layers are {names}")


def _head(path: Path, size: int = 4096) -> bytes:
    with path.open("rb") as file:
        return file.read(size)


def _identify(path: Path, label) -> None:
    """Refuse every file but a shapefile, GeoPackage, GeoJSON, TopoJSON, FlatGeobuf."""
    head, suffix = _head(path), path.suffix.lower()
    if head.startswith(b"SQLite format 3\x00"):
        if head[68:72] in (b"GPKG", b"GP10", b"GP11") or suffix == ".gpkg":
            return
        refuse(label, WHY["sqlite"])
    shapefile = head.startswith(b"\x00\x00\x27\x0a") and suffix == ".shp"
    if shapefile or head[:3] == head[4:7] == b"fgb":
        return
    text = head.decode("utf-8-sig", errors="replace").lstrip()
    if text.startswith(("{", "[")):
        return _identify_json(path, label)
    for pattern, reason in REFUSED_TEXT.items():
        if re.match(pattern, text, re.IGNORECASE):
            refuse(label, reason)
    refuse(label, WHY["unknown"])


def _identify_json(path: Path, label) -> None:
    """Refuse JSON that is not GeoJSON or TopoJSON, or that GDAL would follow."""

    def refuse_links(pairs: list) -> dict:
        # GDAL downloads a crs of type "link" or "url" (any case, any duplicate),
        # wherever an object holds one; it matches member names whatever their case.
        keys = [key.lower() for key, _ in pairs]
        kinds = [str(value).lower() for key, value in pairs if key.lower() == "type"]
        if "properties" in keys and any(k.startswith(("link", "url")) for k in kinds):
            refuse(label, WHY["link"])
        return dict(pairs)

    if path.stat().st_size > MAX_JSON_BYTES:
        refuse(label, WHY["big json"])
    raw = read_capped(path, "boundary file", MAX_JSON_BYTES)
    try:
        text = raw.decode("utf-8-sig")
        data = json.loads(text, object_pairs_hook=refuse_links)
    except InputError:
        raise
    except ValueError as error:  # not UTF-8, or not JSON
        refuse(label, f"is not valid JSON ({short_text(error)}); {EXPORT}")
    except RecursionError:
        refuse(label, WHY["deep"])
    data = data if isinstance(data, dict) else {}
    if isinstance(data.get("hexes"), dict) and "layout" in data:
        refuse(label, WHY["hexjson"])
    if data.get("type") not in JSON_TYPES:
        refuse(label, WHY["json"])


def _unzip(archive: Path, layer: str | None, folder: Path) -> tuple[str, str | None]:
    """Check every member of a zip; copy the one dataset (and its parts) out."""
    try:
        with zipfile.ZipFile(archive) as opened:
            members = [m for m in opened.infolist() if not m.is_dir()]
            _check_members(archive, members)
            found = [PurePosixPath(m.filename) for m in members if _is_data(m.filename)]
            if not found:
                refuse(archive, WHY["no data"])
            unique = len({p.stem for p in found}) == len(found)
            names = {(p.stem if unique else str(p)): str(p) for p in found}
            member, layer = _pick(archive, names, layer)
            wanted = PurePosixPath(member)  # with a shapefile's other parts
            suffixes = SHAPEFILE_PARTS | {wanted.suffix.lower()}
            for info in members:
                name = PurePosixPath(info.filename)
                if name.with_suffix("") == wanted.with_suffix("") and (
                    name.suffix.lower() in suffixes
                ):
                    target = folder / f"boundaries{name.suffix.lower()}"
                    with opened.open(info) as source, target.open("wb") as copy:
                        shutil.copyfileobj(source, copy)
    except (
        zipfile.BadZipFile,
        OSError,
        EOFError,
        NotImplementedError,
        zlib.error,  # corrupt compressed data
        lzma.LZMAError,
    ) as error:
        refuse(archive, f"cannot be unzipped ({short_text(error)})")
    return member, layer


def _is_data(name: str) -> bool:
    path = PurePosixPath(name)
    junk = "__MACOSX" in path.parts or path.name.startswith("._")  # a Mac's forks
    return path.suffix.lower() in DATA_SUFFIXES and not junk


def _check_members(archive: Path, members: list[zipfile.ZipInfo]) -> None:
    """Refuse a zip bomb, an encrypted zip, or members that would land elsewhere."""
    if len(members) > MAX_ZIP_MEMBERS:
        refuse(archive, f"holds {len(members):,} files; zip the boundary alone")
    for member in members:
        name = member.filename
        if ".." in re.split(r"[/\\]", name) or re.match(r"[/\\]|[A-Za-z]:", name):
            how = "zip the boundary files again without it"
            refuse(archive, f"holds {short_text(name)!r}, a path outside it; {how}")
        if member.flag_bits & 0x1:
            refuse(archive, WHY["password"])
    total = sum(member.file_size for member in members) / 1e6
    if total > MAX_ZIP_BYTES / 1e6:
        limit = f"the {MAX_ZIP_BYTES / 1e6:g} MB london-maps reads"
        refuse(archive, f"unpacks to {total:,.1f} MB, more than {limit}")


# --- reading, with GDAL held to the local file it was handed ------------------------
@contextmanager
def _gdal_locked_down() -> Iterator[None]:
    before = {key: pyogrio.get_gdal_config_option(key) for key in GDAL_LOCKDOWN}
    pyogrio.set_gdal_config_options(GDAL_LOCKDOWN)
    try:
        yield
    finally:
        pyogrio.set_gdal_config_options(before)


def _read_layer(dataset: Path, layer: str | None, label) -> tuple:
    """Read one spatial layer with GDAL; return it and GDAL's driver name."""
    try:
        with _gdal_locked_down():
            layers = pyogrio.list_layers(str(dataset))
            spatial = {str(name): name for name, kind in layers if kind is not None}
            if not spatial:
                refuse(label, WHY["no shapes"])
            name, unmatched = _pick(label, spatial, layer)
            if unmatched is not None:
                refuse(label, f"holds no layer {short_text(layer)!r}")
            driver = pyogrio.read_info(str(dataset), layer=name)["driver"]
            if driver not in DRIVERS:
                refuse(label, f"is read by GDAL as {driver}; {EXPORT}")
            frame = pyogrio.read_dataframe(dataset, layer=name, on_invalid="ignore")
    except (DataSourceError, DataLayerError) as error:
        reason = short_text(str(error).partition("\n")[0] or type(error).__name__, 100)
        refuse(label, f"not a vector file GDAL can read ({reason}); {EXPORT}")
    except pyproj.exceptions.CRSError:
        refuse(label, WHY["bad crs"])
    return frame, driver
