"""HexJSON hex layouts someone sent: plain JSON, checked, put on the odd-r grid.

A HexJSON file (``{"layout": "odd-r", "hexes": {CODE: {"q": 0, "r": 0, "n":
NAME}}}``) places each seat as a hexagon: no GDAL reads it, only the standard
library's JSON parser, under the size cap of every JSON input.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from ..elections import Election
from ..hexes import hex_layout, to_odd_r
from ..text import short_text
from ..validate import Problems, check_readable, listing, plural, read_capped, refuse
from . import vector
from .boundaries import check_seat_set

#: The layouts of the HexJSON format: pointy-topped rows, flat-topped columns.
LAYOUTS = ("odd-r", "even-r", "odd-q", "even-q")
#: Hexes of a layout, and how far from (0, 0) one may lie: a UK map of wards
#: has some 9,000 hexes within a hundred rows.
MAX_HEXES, MAX_POSITION = 100_000, 10_000
FIX = "save it again from a HexJSON editor"
BOUNDARY_JSON = {"FeatureCollection", "Feature", "Topology"}


def read_hex_layout(
    path: Path | str, seats: pd.DataFrame, election: Election
) -> pd.DataFrame:
    """Return a HexJSON file's positions of the seats of a map, every one placed.

    Parameters
    ----------
    path
        The HexJSON file (see :func:`read_hexjson`).
    seats
        The seats of the map (``code``, ``name``), in its order.
    election
        The election: a layout of another boundary set's seats is refused.

    Returns
    -------
    pandas.DataFrame
        ``code``, ``q``, ``r`` (odd-r) of the seats, as
        :attr:`mapping.ElectionData.hex_layout` holds them.

    Raises
    ------
    InputError
        The file cannot be read as a hex layout, is one of the other boundary
        set, or places no hex for some seats of the map.
    """
    layout = read_hexjson(path)
    check_seat_set(layout["code"], election, path, "a hex layout")
    placed = hex_layout(seats["code"], election.boundary_set.id, layout=layout)
    if placed is None:
        missing = seats[~seats["code"].isin(layout["code"])]
        codes, names = missing["code"], missing["name"].map(short_text)
        named = (f"{n} ({c})" for c, n in zip(codes, names, strict=True))
        refuse(
            path,
            f"places no hex for {plural(len(missing), 'seat')} of the map: "
            f"{listing(named)}; add them, or choose a --region it covers",
        )
    return placed


def read_hexjson(path: Path | str) -> pd.DataFrame:
    """Read a HexJSON hex layout into ``code``, ``q``, ``r`` (odd-r) and ``name``.

    Parameters
    ----------
    path
        A HexJSON file: ``layout`` (odd-r, even-r, odd-q or even-q) and
        ``hexes``, an object of hexes by seat code, each with whole-number
        ``q`` (column) and ``r`` (row, running north) and an optional name ``n``.

    Returns
    -------
    pandas.DataFrame
        One row per hex, in the file's order, on the project's odd-r grid.

    Raises
    ------
    InputError
        The file is not a HexJSON layout, or places hexes that make no sense
        (positions that are not whole numbers, two seats on one hex).
    """
    path = check_readable(path, "hex layout", max_bytes=vector.MAX_JSON_BYTES)
    data, repeated = _parsed(
        read_capped(path, "hex layout", vector.MAX_JSON_BYTES), path
    )
    layout, hexes = _layout_and_hexes(data, path)
    problems = Problems(path)
    rows = []
    for code, hexagon in hexes.items():
        where = f"hex {short_text(code)!r}"
        if not code.strip():
            problems.error("a hex has an empty code", where=where)
        elif code in repeated:
            problems.error("the code is given twice; one hex per seat", where=where)
        if not isinstance(hexagon, dict):
            problems.error('a hex must be an object of "q", "r" (and "n")', where=where)
            continue
        position = [hexagon.get(key) for key in ("q", "r")]
        if not all(_whole(value) for value in position):
            shown = ", ".join(short_text(json.dumps(v), 20) for v in position)
            problems.error(
                f'"q" and "r" must be whole numbers within ±{MAX_POSITION:,}, '
                f"found {shown}",
                where=where,
            )
            continue
        name = hexagon.get("n")
        if name is not None and not isinstance(name, str):
            problems.error('its name "n" must be text', where=where)
        rows.append((code.strip(), *position, name))
    problems.raise_if_any()
    frame = pd.DataFrame(rows, columns=["code", "q", "r", "name"])
    _check_one_seat_a_hex(frame, problems)
    problems.raise_if_any()
    frame["q"], frame["r"] = to_odd_r(frame["q"], frame["r"], layout)
    if layout.endswith("-q"):
        problems.warn(
            f"its {layout} layout of flat-topped hexes is drawn as rows of "
            "pointy-topped hexes, turned 30° clockwise: every seat keeps its "
            "neighbours; save it as odd-r to keep it upright"
        )
    problems.raise_if_any()
    return frame


def _parsed(raw: bytes, path: Path) -> tuple[object, set[str]]:
    """Return the parsed JSON and the keys an object of it gives twice."""
    repeated: set[str] = set()

    def note_repeats(pairs: list) -> dict:
        keys = [key for key, _ in pairs]
        repeated.update(key for key in keys if keys.count(key) > 1)
        return dict(pairs)

    if raw.startswith((b"PK\x03\x04", b"SQLite format 3\x00", b"\x00\x00\x27\x0a")):
        refuse(
            path,
            "is a boundary file, not a HexJSON hex layout; pass it with --boundaries",
        )
    try:
        data = json.loads(raw.decode("utf-8-sig"), object_pairs_hook=note_repeats)
    except ValueError as error:  # not UTF-8, or not JSON
        refuse(path, f"is not a HexJSON hex layout: not JSON ({short_text(error)})")
    except RecursionError:
        refuse(path, "is not a HexJSON hex layout: it nests too deeply")
    return data, repeated


def _layout_and_hexes(data: object, path: Path) -> tuple[str, dict]:
    """Return the layout and hexes, or refuse JSON of another kind in one line."""
    if not isinstance(data, dict):
        data = {}
    if data.get("type") in BOUNDARY_JSON:
        kind = "TopoJSON" if data["type"] == "Topology" else "GeoJSON"
        refuse(
            path,
            f"is {kind} boundaries, not a HexJSON hex layout; pass it with "
            "--boundaries",
        )
    hexes, layout = data.get("hexes"), data.get("layout")
    if not isinstance(hexes, dict) or "layout" not in data:
        refuse(
            path,
            f'is not a HexJSON hex layout (an object of "layout" and "hexes"); {FIX}',
        )
    if layout not in LAYOUTS:
        shown = short_text(json.dumps(layout), 30)
        refuse(path, f'its "layout" is {shown}, not one of {", ".join(LAYOUTS)}')
    if not hexes:
        refuse(path, f"holds no hexes; {FIX}")
    if len(hexes) > MAX_HEXES:
        refuse(
            path,
            f"holds {len(hexes):,} hexes, more than the {MAX_HEXES:,} "
            "london-maps reads",
        )
    return layout, hexes


def _whole(value: object) -> bool:
    """Tell a whole number of hexes from the origin, not too far (true is none)."""
    return (
        isinstance(value, int)
        and not isinstance(value, bool)
        and abs(value) <= MAX_POSITION
    )


def _check_one_seat_a_hex(frame: pd.DataFrame, problems: Problems) -> None:
    shared = frame[frame.duplicated(["q", "r"], keep=False)]
    for (q, r), group in shared.groupby(["q", "r"]):
        codes = listing(short_text(c, 20) for c in group["code"])
        problems.error(f"seats {codes} share one hex (q={q}, r={r}); move them apart")
