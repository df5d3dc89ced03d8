"""A description of a map in words: the alt text of images, the page's summary.

One generator for every renderer, so an image's alt text and the interactive
map's description say the same. Data text shows with control characters escaped.
"""

from __future__ import annotations

import pandas as pd

from .dataset import ElectionData
from .layers import Layer, get_layer
from .parties import by_seats, get_party
from .style import format_percent
from .text import visible


def describe(data: ElectionData, layer_id: str) -> str:
    """Describe a layer's map in a few sentences, for accessible publishing.

    Returns
    -------
    str
        The layer, election and region; seats won by each party; the largest and
        smallest majority; and a summary of what the layer shows (the gains, or
        the range of a classed layer).
    """
    frame = data.seats
    layer = get_layer(layer_id, frame)
    counts = frame["winner"].value_counts()
    order = by_seats(counts)
    won = ", ".join(f"{get_party(code).name} {counts[code]}" for code in order)
    sentences = [
        f"Map: {layer.title} — {data.title}, {len(frame)} seats.",
        f"Seats won: {won}.",
        _majority_sentence(frame),
    ]
    if layer.kind == "gain":
        sentences.append(_gains_sentence(frame))
    elif layer.kind == "classed" and layer.column != "majority_pct":
        # The majority layer's range is the sentence on majorities above.
        sentences.append(_range_sentence(frame, layer))
    # Pasted into pages and captions: control characters show escaped.
    return visible(" ".join(sentence for sentence in sentences if sentence))


def _seat_party(frame: pd.DataFrame, index) -> tuple[str, str]:
    row = frame.loc[index]
    return str(row["name"]), get_party(row["winner"]).name


def _majority_sentence(frame: pd.DataFrame) -> str:
    """Largest and smallest majority, ranked by share of the vote as mapped."""
    share = pd.to_numeric(frame["majority_pct"], errors="coerce")
    if share.notna().sum() == 0:
        return ""
    parts = []
    for word, index in (("Largest", share.idxmax()), ("smallest", share.idxmin())):
        name, party = _seat_party(frame, index)
        votes = int(frame.loc[index, "majority"])
        parts.append(
            f"{word} majority: {name} ({party}), {votes:,} votes "
            f"({format_percent(share[index])})"
        )
    return "; ".join(parts) + "."


def _gains_sentence(frame: pd.DataFrame) -> str:
    gained = frame[frame["gain"].astype(bool)]
    if gained.empty:
        return "No seat changed hands."
    counts = gained["winner"].value_counts()
    order = by_seats(counts)
    parts = []
    for code in order:
        seats = ", ".join(sorted(gained.loc[gained["winner"] == code, "name"]))
        parts.append(f"{get_party(code).name} gained {counts[code]} ({seats})")
    noun = "seat" if len(gained) == 1 else "seats"
    return f"{len(gained)} {noun} changed hands: " + "; ".join(parts) + "."


def _range_sentence(frame: pd.DataFrame, layer: Layer) -> str:
    title = layer.title
    values = pd.to_numeric(frame[layer.column], errors="coerce")
    if values.notna().sum() == 0:
        return f"{title}: no data for these seats."
    unit = " points" if layer.labels and layer.labels[-1].endswith("pts") else "%"
    low, high = values.idxmin(), values.idxmax()
    return (
        f"{title} ranges from {format_percent(values[low], unit)} in "
        f"{frame.loc[low, 'name']} to {format_percent(values[high], unit)} in "
        f"{frame.loc[high, 'name']}."
    )
