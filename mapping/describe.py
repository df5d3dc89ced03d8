"""A description of a map in words: the alt text of images, the page's summary.

One generator for every renderer, so an image's alt text and the interactive
map's description say the same. Data text shows with control characters escaped.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

import pandas as pd

from .dataset import ElectionData
from .layers import POINTS, Layer, get_layer
from .parties import by_seats, get_party
from .style import NO_DATA_LABEL, format_percent
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
    elif layer.kind == "party":
        sentences.append(_parties_sentence(frame, layer))
    elif layer.kind == "classed" and layer.column != "majority_pct":
        # The majority layer's range is the sentence on majorities above.
        sentences.append(_range_sentence(frame, layer))
        if _unit(layer) == _POINTS_WORD and frame[layer.column].notna().any():
            sentences.append(layer.note)  # a change: say how it is measured
    sentences.append(_highlight_sentence(frame, layer, highlight))
    sentences += _note_sentences(frame, notes)
    # Pasted into pages and captions: control characters show escaped.
    return visible(" ".join(sentence for sentence in sentences if sentence))


_POINTS_WORD = " points"


def _unit(layer: Layer) -> str:
    """Return the unit of a layer's values: "%" or " points" (for changes)."""
    in_points = any(label.endswith(POINTS) for label in layer.labels)
    return _POINTS_WORD if in_points else "%"


def _value_words(value, layer: Layer) -> str:
    """Say a value in the layer's unit: "4.4%", or "+12.8 points" for a change."""
    unit = _unit(layer)
    text = format_percent(value, unit)
    return "+" + text if unit == _POINTS_WORD and value > 0 else text


def _seat_words(row: pd.Series, layer: Layer) -> str:
    """Say one seat: its name, and its value or its result on ``layer``."""
    if layer.kind in ("gain", "winner"):
        return f"{row['name']} ({_result(row)})"
    if layer.kind == "party":
        party = row[layer.column]
        said = get_party(party).name if pd.notna(party) else layer.no_data
        return f"{row['name']} ({said})"
    value = pd.to_numeric(pd.Series([row[layer.column]]), errors="coerce")[0]
    return f"{row['name']} ({_value_words(value, layer)})"


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


def _parties_sentence(frame: pd.DataFrame, layer: Layer) -> str:
    """Say how many seats each party holds on a layer of parties (second place)."""
    counts = frame[layer.column].value_counts()
    parts = [f"{get_party(code).name} {counts[code]}" for code in by_seats(counts)]
    missing = int(frame[layer.column].isna().sum())
    if missing:
        parts.append(f"{layer.no_data.lower()} {missing}")
    return f"{layer.title}: {', '.join(parts)}."


def _range_sentence(frame: pd.DataFrame, layer: Layer) -> str:
    title = layer.title
    values = pd.to_numeric(frame[layer.column], errors="coerce")
    if values.notna().sum() == 0:
        if layer.no_data == NO_DATA_LABEL:
            return f"{title}: no data for these seats."
        return f"{title}: no figures. {layer.no_data}."
    low, high = values.idxmin(), values.idxmax()
    return (
        f"{title} ranges from {_value_words(values[low], layer)} in "
        f"{frame.loc[low, 'name']} to {_value_words(values[high], layer)} in "
        f"{frame.loc[high, 'name']}."
    )
