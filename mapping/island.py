"""The page's data island: everything the map's script reads, as one JSON document.

Seats, votes, layers and legends, the geometry of both views, the page's style,
its description and the columns of ``london-maps table`` that the seats do not
already carry. Strings travel as JSON and the script writes them as text.
"""

from __future__ import annotations

import json
import math
import re

import numpy as np
import pandas as pd

from .api import PERCENT_COLUMNS, TABLE_COLUMNS, table_of
from .dataset import ElectionData
from .describe import describe
from .hexes import short_label
from .layers import layers_for, style_layer
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

#: Columns of ``london-maps table`` that the page reads from its seats, where
#: they hold the same values; the others travel in the table's own arrays.
TABLE_FROM_SEATS = (
    "code",
    "name",
    "winner",
    "winner_name",
    "majority",
    "electorate",
    "valid_votes",
)
#: What only the page draws: the keyboard focus ring on a seat (a dark ring on a
#: light halo, 3:1 against any fill around it).
PAGE_ONLY_STYLE = {
    "focus": FOCUS_RING,
    "focus_halo": FOCUS_HALO,
    "focus_width": FOCUS_RING_PX,
}
#: The layer whose description is the page's (seats, majorities and gains).
DESCRIBED_LAYER = "gains"


def island_data(data: ElectionData) -> dict:
    """Return the page's data: seats, layers, geometry, table and description.

    Parameters
    ----------
    data
        The election, as :func:`mapping.load_data` returns it.
    """
    frame = data.seats.reset_index(drop=True)
    seats, parties = _seats(frame, data.votes)
    parties.update(frame["gained_from"].dropna())
    return {
        "title": data.title,
        "election": data.election,
        "description": describe(data, DESCRIBED_LAYER),
        "csv_file": f"{_slug(data.region_label)}-{data.election}.csv",
        "style": {
            **page_style(),
            **PAGE_ONLY_STYLE,
            "no_data_ink": label_ink(NO_DATA_COLOUR),
        },
        "attribution": data.attribution,
        "parties": {
            code: {"name": get_party(code).name, "colour": get_party(code).colour}
            for code in sorted(parties)
        },
        "seats": seats,
        "layers": _layers(frame),
        "table": _table(frame),
        **encode_views(frame, data.hex_layout),
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


def _number(value, digits: int | None = None):
    if pd.isna(value):
        return None
    return round(float(value), digits) if digits is not None else int(value)


def _text(value) -> str | None:
    return value if isinstance(value, str) else None


def _seats(frame: pd.DataFrame, votes: pd.DataFrame) -> tuple[list[dict], set[str]]:
    by_seat = {
        code: group.sort_values("votes", ascending=False)
        for code, group in votes.groupby("code")
    }
    seats = []
    parties = set(frame["winner"].dropna())
    for row in frame.itertuples(index=False):
        seat_votes = by_seat.get(row.code, votes.iloc[:0])
        valid = row.valid_votes
        parties.update(seat_votes["party"])
        seats.append(
            {
                "code": row.code,
                "name": row.name,
                "label": short_label(str(row.name)),
                "winner": _text(row.winner),
                "winner_name": _text(row.winner_name),
                "result": _text(row.result),
                "majority": _number(row.majority),
                "majority_pct": _number(row.majority_pct, PERCENT_PRECISION),
                "turnout_pct": _number(row.turnout_pct, PERCENT_PRECISION),
                "remain_pct": _number(row.remain_pct, PERCENT_PRECISION),
                "electorate": _number(row.electorate),
                "valid_votes": _number(valid),
                "votes": [
                    [
                        v.party,
                        int(v.votes),
                        _text(v.candidate),
                        round(100 * v.votes / valid, PERCENT_PRECISION),
                    ]
                    for v in seat_votes.itertuples(index=False)
                ],
            }
        )
    return seats, parties


def _layers(frame: pd.DataFrame) -> list[dict]:
    """Each layer's legend (label, fill, hatch, ink on the fill) and seat classes."""
    layers = []
    for layer in layers_for(frame):
        styled = style_layer(frame, layer)
        layers.append(
            {
                "id": layer.id,
                "title": layer.title,
                "column": layer.column,
                "note": layer.note,
                "no_data": layer.no_data,
                "legend": [
                    [e.label, e.colour, e.hatch, label_ink(e.colour)]
                    for e in styled.entries
                ],
                "classes": styled.seat_entry.tolist(),
            }
        )
    return layers


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
