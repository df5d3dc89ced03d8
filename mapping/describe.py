"""A description of a map in words: the alt text of images, the page's summary.

One generator for every renderer, so an image's alt text and the interactive
map's description say the same. Data text shows with control characters escaped.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

import pandas as pd

from .dataset import ElectionData
from .layers import Layer, get_layer
from .parties import by_seats, get_party
from .style import format_percent
from .text import visible


def describe(
    data: ElectionData,
    layer_id: str,
    *,
    highlight: Collection[str] = (),
    notes: Sequence[tuple[str, str]] = (),
) -> str:
    """Describe a layer's map in a few sentences, for accessible publishing.

    Parameters
    ----------
    data
        The election's seats, as the map draws them.
    layer_id
        The layer mapped.
    highlight
        ONS codes of the seats the figure keeps in colour (the others muted):
        the description names them, with their value on the layer.
    notes
        ``(code, text)`` callouts drawn on the figure, said in the same words.

    Returns
    -------
    str
        The layer, election and region; seats won by each party; the largest and
        smallest majority; what the layer shows (the gains and from whom, or the
        range of a classed layer, in its units); then the seats the figure
        picks out.
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
    if layer.kind in ("gain", "winner"):
        sentences.append(_gains_sentence(frame))
    elif layer.kind == "classed" and layer.column != "majority_pct":
        # The majority layer's range is the sentence on majorities above.
        sentences.append(_range_sentence(frame, layer))
    sentences.append(_highlight_sentence(frame, layer, highlight))
    sentences += _note_sentences(frame, notes)
    # Pasted into pages and captions: control characters show escaped.
    return visible(" ".join(sentence for sentence in sentences if sentence))


def _unit(layer: Layer) -> str:
    """Return the unit of a layer's values: "%" or " points" (for changes)."""
    return " points" if any(label.endswith(" pts") for label in layer.labels) else "%"


def _seat_words(row: pd.Series, layer: Layer) -> str:
    """Say one seat: its name, and its value or its result on ``layer``."""
    if layer.kind in ("gain", "winner"):
        return f"{row['name']} ({_result(row)})"
    value = pd.to_numeric(pd.Series([row[layer.column]]), errors="coerce")[0]
    return f"{row['name']} ({format_percent(value, _unit(layer))})"


def _result(row: pd.Series) -> str:
    if pd.isna(row["winner"]):
        return "no result"
    party = get_party(row["winner"]).name
    if bool(row["gain"]) and pd.notna(row.get("gained_from")):
        return f"{party} gain from {get_party(row['gained_from']).name}"
    return f"{party} {'gain' if bool(row['gain']) else 'hold'}"


def _highlight_sentence(
    frame: pd.DataFrame, layer: Layer, highlight: Collection[str]
) -> str:
    rows = frame[frame["code"].isin(list(highlight))]
    if rows.empty:
        return ""
    seats = "; ".join(_seat_words(row, layer) for _, row in rows.iterrows())
    return f"Highlighted, the other seats paler: {seats}."


def _note_sentences(frame: pd.DataFrame, notes: Sequence[tuple[str, str]]) -> list[str]:
    names = dict(zip(frame["code"], frame["name"], strict=True))
    return [
        f"Note on {names[code]}: {text.rstrip('.')}."
        for code, text in notes
        if code in names
    ]


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
        rows = gained[gained["winner"] == code].sort_values("name")
        seats = ", ".join(
            f"{row['name']} from {get_party(row['gained_from']).name}"
            if pd.notna(row.get("gained_from"))
            else str(row["name"])
            for _, row in rows.iterrows()
        )
        parts.append(f"{get_party(code).name} gained {counts[code]} ({seats})")
    noun = "seat" if len(gained) == 1 else "seats"
    return f"{len(gained)} {noun} changed hands: " + "; ".join(parts) + "."


def _range_sentence(frame: pd.DataFrame, layer: Layer) -> str:
    title = layer.title
    values = pd.to_numeric(frame[layer.column], errors="coerce")
    if values.notna().sum() == 0:
        return f"{title}: no data for these seats."
    unit = _unit(layer)
    low, high = values.idxmin(), values.idxmax()
    return (
        f"{title} ranges from {format_percent(values[low], unit)} in "
        f"{frame.loc[low, 'name']} to {format_percent(values[high], unit)} in "
        f"{frame.loc[high, 'name']}."
    )
