"""The layers of the page's data island: heads once, each election's classes.

A layer's head (its id, title, column, note, group, pair, unit, no-data words
and legend) travels once, as most elections have it; each election sends its
seats' legend entries and only what differs from the head. The page's script
(map.js) merges the two.
"""

from __future__ import annotations

import pandas as pd

from .elections import get_election
from .layers import SHARE_THRESHOLD, Layer, style_layer
from .parties import get_party
from .style import label_ink

#: What a layer says besides its seats' classes: each goes once in the island's
#: list of layers (its value in most elections), and again in an election only
#: where that election's differs.
LAYER_KEYS = (
    "id",
    "title",
    "column",
    "note",
    "group",
    "pair",
    "unit",
    "no_data",
    "legend",
)

#: The characters of a seat's legend entry (its position) in a layer's classes;
#: a seat with no data is "-". A layer of more entries sends a list of numbers.
CLASS_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"


def election_layers(frame: pd.DataFrame, shown: list[Layer]) -> list[dict]:
    """Each layer's legend (label, fill, hatch, ink on the fill) and seat classes.

    ``shown`` are the layers of these seats (:func:`mapping.layers.layers_for`).
    """
    layers = []
    for layer in shown:
        styled = style_layer(frame, layer)
        legend = [
            [e.label, e.colour, e.hatch, label_ink(e.colour)] for e in styled.entries
        ]
        layers.append(
            {
                **_layer_head(layer),
                "no_data": layer.no_data,
                "legend": legend,
                "classes": styled.seat_entry.tolist(),
            }
        )
    return layers


def _layer_head(layer: Layer) -> dict:
    """Return what names a layer: the same in every election that has it."""
    return {
        "id": layer.id,
        "title": layer.title,
        "column": layer.column,
        "note": layer.note,
        "group": layer.group,
        "pair": list(layer.pair) if layer.pair else None,
        "unit": layer.unit,
    }


def _offer_every_layer(entries: list[dict]) -> None:
    """Give every election every layer of the page, in one order.

    A layer an election lacks shows each of its seats as no data, with a note
    that says why.
    """
    order: list[str] = []
    heads: dict[str, dict] = {}
    for entry in entries[::-1]:  # the latest election's order first
        before = -1
        for layer in entry["layers"]:
            if layer["id"] not in heads:
                heads[layer["id"]] = layer
                order.insert(before + 1, layer["id"])
            before = order.index(layer["id"])
    for entry in entries:
        have = {layer["id"]: layer for layer in entry["layers"]}
        seats = len(entry["votes"])
        entry["layers"] = [
            have.get(i) or _absent_layer(heads[i], entry["year"], seats) for i in order
        ]


def layer_heads(entries: list[dict]) -> list[dict]:
    """Return each layer's head, once; leave each election what differs from it.

    First every election is given every layer (:func:`_offer_every_layer`).
    The head holds each key of :data:`LAYER_KEYS` as most elections that have
    the layer have it. An election keeps its seats' classes (:func:`_classes`)
    and each key whose value is not the head's; of a layer it lacks, only why
    (``absent``): the page marks every seat no data, for that reason.
    """
    _offer_every_layer(entries)
    heads = []
    for k in range(len(entries[0]["layers"])):
        own = [entry["layers"][k] for entry in entries]
        present = [layer for layer in own if "absent" not in layer] or own
        head = {key: _most_common([lay[key] for lay in present]) for key in LAYER_KEYS}
        heads.append(head)
        for entry, layer in zip(entries, own, strict=True):
            if "absent" in layer:
                entry["layers"][k] = {"absent": layer["absent"]}
                continue
            differs = {key: layer[key] for key in LAYER_KEYS if layer[key] != head[key]}
            entry["layers"][k] = {**differs, "classes": _classes(layer["classes"])}
    return heads


def _most_common(values: list):
    """Return the value most elections have; of a tie, the latest election's."""
    latest_first = values[::-1]
    return max(latest_first, key=latest_first.count)


def _classes(entries: list[int]) -> str | list[int]:
    """Each seat's legend entry as one character (:data:`CLASS_DIGITS`)."""
    if max(entries, default=-1) >= len(CLASS_DIGITS):
        return entries
    return "".join("-" if k < 0 else CLASS_DIGITS[k] for k in entries)


def _absent_layer(head: dict, year: int, seats: int) -> dict:
    keys = ("id", "title", "column", "note", "group", "pair", "unit")
    if head["column"].startswith("share_"):
        party = get_party(head["column"].removeprefix("share_")).name
        why = f"{party} took under {SHARE_THRESHOLD:g}% of the vote here in {year}"
    elif get_election(year).previous is None and head["column"].endswith("change"):
        why = f"Not comparable: new boundaries in {year}"
    else:
        why = f"Not available for {year}"
    return {
        **{k: head[k] for k in keys},
        "note": f"{why}.",
        "no_data": why,
        "absent": why,
        "legend": [],
        "classes": [-1] * seats,
    }
