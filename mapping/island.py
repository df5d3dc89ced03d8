"""The page's data island: everything the map's script reads, as one JSON document.

One page holds one election or several. Each boundary set's geometry and seat
names travel once; each election adds its seats' values (one array per column,
in the set's order), their votes, its layers with their legends and classes,
and the columns of ``london-maps table`` that the seats do not already carry.
Strings travel as JSON and the script writes them as text.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence

import numpy as np
import pandas as pd

from .api import PERCENT_COLUMNS, TABLE_COLUMNS, table_of
from .dataset import ElectionData
from .describe import describe
from .elections import BOUNDARY_SETS, PCON_2024
from .hexes import short_label
from .history import PAGE_RULES, predecessors
from .island_layers import election_layers, layer_heads
from .layers import Layer, layers_for
from .logic import mark_gains, result_labels
from .parties import get_party
from .shapes import encode_views
from .style import (
    FOCUS_HALO,
    FOCUS_RING,
    FOCUS_RING_PX,
    NO_DATA_COLOUR,
    PERCENT_PRECISION,
    label_ink,
    page_style,
)

#: Columns of ``london-maps table`` that the page reads from its seats (or, for
#: the code and name, from the boundary set), where they hold the same values;
#: the others travel in the table's own arrays.
TABLE_FROM_SEATS = (
    "code",
    "name",
    "winner",
    "winner_name",
    "runner_up",
    "previous_winner",
    "majority",
    "electorate",
    "valid_votes",
)
#: The seats' values every election carries, where its seats have them.
SEAT_COLUMNS = (
    "winner",
    "winner_name",
    "result",
    "runner_up",
    "majority",
    "majority_pct",
    "turnout_pct",
    "remain_pct",
    "electorate",
    "valid_votes",
    "previous_winner",
    "previous_majority",
    "previous_majority_pct",
    "previous_lead",
    "lead_change",
)
#: Columns of whole numbers (votes, electors); every other number is a percentage.
COUNT_COLUMNS = {"majority", "electorate", "valid_votes", "previous_majority"}
#: What only the page draws: the keyboard focus ring on a seat (a dark ring on a
#: light halo, 3:1 against any fill around it).
PAGE_ONLY_STYLE = {
    "focus": FOCUS_RING,
    "focus_halo": FOCUS_HALO,
    "focus_width": FOCUS_RING_PX,
    "value_decimals": PERCENT_PRECISION,  # the seats' values, as they travel
}
#: The layer whose description is the page's (seats, majorities and gains).
DESCRIBED_LAYER = "gains"


def island_data(
    elections: ElectionData | Sequence[ElectionData], initial: int | None = None
) -> dict:
    """Return the page's data: boundary sets, then each election's seats and layers.

    Parameters
    ----------
    elections
        One election or several (of one region), as :func:`mapping.load_data`
        returns them.
    initial
        The election shown first; by default the latest.
    """
    datas = [elections] if isinstance(elections, ElectionData) else list(elections)
    datas.sort(key=lambda d: d.election)
    sets: dict[str, dict] = {}
    parties: set[str] = set()
    entries = []
    for data in datas:
        frame = data.seats.reset_index(drop=True)
        set_id = _set_id(data, sets)
        if set_id not in sets:
            sets[set_id] = _boundary_set(set_id, data, frame)
        else:  # the set's order: the same seats, named once
            order = pd.Index(frame["code"]).get_indexer(sets[set_id]["codes"])
            frame = frame.iloc[order].reset_index(drop=True)
        parties.update(_parties_of(frame, data.votes))
        entries.append(_election(data, frame, set_id))
    heads = layer_heads(entries)
    return {
        "style": {
            **page_style(),
            **PAGE_ONLY_STYLE,
            **PAGE_RULES,
            "no_data_ink": label_ink(NO_DATA_COLOUR),
        },
        "parties": {
            code: {"name": get_party(code).name, "colour": get_party(code).colour}
            for code in sorted(parties)
        },
        "initial": initial if initial is not None else datas[-1].election,
        "sets": sets,
        "layers": heads,
        "elections": entries,
    }


def script_json(value) -> str:
    """JSON that is safe inside a <script> element, whatever the strings hold."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-") or "seats"


def _set_id(data: ElectionData, sets: dict[str, dict]) -> str:
    """Return the boundary set's id; areas of the user's own are a set of their own."""
    set_id = data.boundary_set or "custom"
    codes = set(data.seats["code"])
    if set_id in sets and set(sets[set_id]["codes"]) != codes:
        set_id = f"{set_id}-{data.election}"
    return set_id


def _boundary_set(set_id: str, data: ElectionData, frame: pd.DataFrame) -> dict:
    """Codes, names, hex labels and shapes of a boundary set's seats, once."""
    names = frame["name"].astype(str).tolist()
    known = BOUNDARY_SETS.get(set_id)
    entry = {
        "label": known.label if known else "Areas of your own",
        "codes": frame["code"].astype(str).tolist(),
        "names": names,
        "labels": [short_label(name) for name in names],
        "shapes": encode_views(frame, data.hex_layout),
    }
    if set_id == PCON_2024.id:  # the seats each came from, by area
        entry["predecessors"] = predecessors(entry["codes"])
    return entry


def _parties_of(frame: pd.DataFrame, votes: pd.DataFrame) -> set[str]:
    columns = ("winner", "runner_up", "previous_winner", "gained_from")
    found = {
        code for column in columns if column in frame for code in frame[column].dropna()
    }
    return found | set(votes.loc[votes["code"].isin(frame["code"]), "party"])


def _election(data: ElectionData, frame: pd.DataFrame, set_id: str) -> dict:
    layers = layers_for(frame)
    entry = {
        "year": data.election,
        "set": set_id,
        "title": data.title,
        "description": describe(data, DESCRIBED_LAYER),
        "attribution": data.attribution,
        "csv_file": f"{_slug(data.region_label)}-{data.election}.csv",
        "seats": _seat_columns(frame, data.votes, layers),
        "votes": _votes(frame, data.votes),
        "layers": election_layers(frame, layers),
        "table": _table(frame),
    }
    _leave_to_the_page(entry)
    return entry


def _leave_to_the_page(entry: dict) -> None:
    """Leave out gain, gained_from and result where the page works them out the same.

    From each seat's winner and previous winner by the project's rules
    (:func:`mapping.logic.mark_gains`, :func:`mapping.logic.result_labels`);
    a column is sent where any seat's value differs, and ``derive`` names the
    ones the page works out.
    """
    seats, values = entry["seats"], entry["table"]["values"]
    count = len(entry["votes"])

    def column(name: str, where: dict) -> list:
        cells = where.get(name)
        return cells if isinstance(cells, list) else [cells] * count

    table = pd.DataFrame(
        {
            "winner": column("winner", seats),
            "previous_winner": column("previous_winner", seats),
        },
        dtype=object,
    )
    rule = mark_gains(table.copy(), table["winner"])
    table["gain"], table["gained_from"] = (
        column("gain", values),
        column("gained_from", values),
    )
    derived = {
        "gain": [bool(v) for v in rule["gain"]],
        "gained_from": [v if isinstance(v, str) else None for v in rule["gained_from"]],
        "result": result_labels(table),
    }
    entry["derive"] = []
    for name, where in (("gain", values), ("gained_from", values), ("result", seats)):
        if name in where and column(name, where) == derived[name]:
            del where[name]
            entry["derive"].append(name)


def _seat_columns(
    frame: pd.DataFrame, votes: pd.DataFrame, layers: list[Layer]
) -> dict:
    """One array per column, in the seats' order; a column with no value: null.

    No swing travels: the page takes each from the change columns (Butler's
    rule, :func:`mapping.changes.butler_swing`). A party's change travels where
    it has a share or change layer, is one of a swing's pair, or has votes here.
    """
    parties = set(votes.loc[votes["code"].isin(frame["code"]), "party"])
    for layer in layers:
        parties.update(layer.pair or ())
        if layer.column.startswith(("share_", "change_")):
            parties.add(layer.column.partition("_")[2])
    columns = [c for c in SEAT_COLUMNS if c in frame]
    columns += [f"change_{p}" for p in sorted(parties) if f"change_{p}" in frame]
    columns += [
        layer.column
        for layer in layers
        if layer.column in frame
        and layer.column not in columns
        and not layer.column.startswith(("share_", "gain", "swing_"))
    ]
    seats: dict[str, list | None] = {}
    for column in columns:
        values = frame[column]
        if column.startswith("change_") and not (values.fillna(0) != 0).any():
            continue  # a party that stood in neither election, or not comparable
        if values.isna().all():
            seats[column] = None
        elif column in COUNT_COLUMNS:
            seats[column] = [None if pd.isna(v) else int(v) for v in values]
        elif pd.api.types.is_numeric_dtype(values):
            rounded = values.astype(float).round(PERCENT_PRECISION)
            seats[column] = [None if math.isnan(v) else v for v in rounded.tolist()]
        else:
            seats[column] = [v if isinstance(v, str) else None for v in values]
    return seats


def _votes(frame: pd.DataFrame, votes: pd.DataFrame) -> list[list]:
    """Each seat's ``[party, votes, candidate]`` rows, largest first.

    One sort of every row by seat and votes, then one split per seat. The
    share of valid votes is left to the page, which adds it to each row.
    """
    position = pd.Series(np.arange(len(frame)), index=frame["code"].to_numpy())
    seat = votes["code"].map(position)
    kept = votes[seat.notna()]
    seat_of = seat[seat.notna()].to_numpy(dtype=int)
    counts = kept["votes"].to_numpy(dtype=float)
    order = np.lexsort((-counts, seat_of))  # by seat, then most votes first
    seat_of, counts = seat_of[order], counts[order]
    rows = [
        [party, int(n), name if isinstance(name, str) else None]
        for party, n, name in zip(
            kept["party"].to_numpy()[order],
            counts,
            kept["candidate"].to_numpy()[order],
            strict=True,
        )
    ]
    bounds = np.searchsorted(seat_of, np.arange(len(frame) + 1))
    return [rows[a:b] for a, b in zip(bounds[:-1], bounds[1:], strict=True)]


def _table(frame: pd.DataFrame) -> dict:
    """Return the columns of ``london-maps table`` that the seats do not carry.

    Values come from :func:`mapping.api.table_of`, as the command prints them
    before formatting; a column with one value for every seat is sent once.
    ``percent`` names the columns the CSV prints with two decimals.
    """
    rows = table_of(frame)
    values = {}
    for column in TABLE_COLUMNS:
        if column in TABLE_FROM_SEATS or column == "election":
            continue
        cells = [_cell(v) for v in rows[column]]
        constant = len(set(map(repr, cells))) == 1 and len(cells) > 1
        values[column] = cells[0] if constant else cells
    return {"columns": TABLE_COLUMNS, "values": values, "percent": PERCENT_COLUMNS}


def _cell(value):
    """Return a table value as plain JSON: None if missing, else int, bool or float."""
    if (
        value is None
        or value is pd.NA
        or (isinstance(value, float) and math.isnan(value))
    ):
        return None
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        return float(value)
    return str(value)
