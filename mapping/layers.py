"""Layer definitions: what each map layer shows and how it is coloured.

One source of truth for every renderer. The interactive HTML map and the static
images both call :func:`style_layer`, so they can never disagree about a colour,
a class break or a legend label.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from .errors import UnknownLayerError
from .parties import by_seats, get_party
from .style import NO_DATA_COLOUR, NO_DATA_LABEL, NOT_IN_FILE, text_colour

HOLD_COLOUR = "#f0f0f0"
#: Parties that get a vote-share layer when they stand in the seats mapped.
SHARE_PARTIES = ("Con", "Lab", "LD", "Green", "RUK", "BRX", "UKIP", "SNP", "PC")
#: A party's vote share is mapped where it took at least this share overall (%).
SHARE_THRESHOLD = 2.0


@dataclass(frozen=True)
class LegendEntry:
    """One line of a legend: a swatch and its label.

    ``outlined`` marks the second cue of the gains layer (a heavy outline and
    hatching) that does not depend on telling colours apart.
    """

    label: str
    colour: str
    outlined: bool = False

    @property
    def hatch(self) -> str | None:
        """Colour of the hatching over an outlined swatch (``None``: no hatch)."""
        return text_colour(self.colour) if self.outlined else None


@dataclass(frozen=True)
class Layer:
    """A map layer: the column it reads and how values become colours."""

    id: str
    title: str
    column: str
    kind: str  # "winner", "gain" or "classed"
    note: str = ""
    edges: tuple[float, ...] = ()
    colours: tuple[str, ...] = ()
    labels: tuple[str, ...] = ()
    no_data: str = NO_DATA_LABEL
    #: Where the colours come from: (matplotlib colour map, from, to).
    palette: tuple[str, float, float] | None = None


@dataclass(frozen=True)
class StyledLayer:
    """A layer applied to a set of seats.

    ``entries`` is the legend (only classes that occur, for the categorical
    layers; every class, for the classed ones, so that scales compare between
    elections); ``seat_entry`` gives each seat's legend entry (-1: no data).
    """

    layer: Layer
    entries: tuple[LegendEntry, ...]
    seat_entry: np.ndarray

    def colours(self) -> list[str]:
        """Return the fill colour of each seat."""
        return [
            self.entries[i].colour if i >= 0 else NO_DATA_COLOUR
            for i in self.seat_entry
        ]

    def outlined(self) -> list[bool]:
        """Return, for each seat, whether it carries the second (outline) cue."""
        return [i >= 0 and self.entries[i].outlined for i in self.seat_entry]


#: Colours of the classed layers, sampled from matplotlib's colour-blind-safe maps
#: at evenly spaced points between two ends. Kept as data, so that an HTML map
#: never imports matplotlib; ``tests/test_layers.py`` samples them again.
SAMPLED = {
    ("viridis_r", 0.0, 0.95): (
        "#fde725", "#c0df25", "#81d34d", "#4cc26c", "#26ad81", "#1f968b",
        "#27808e", "#31688e", "#3c4f8a", "#46337f", "#471365",
    ),
    ("PuOr", 0.05, 0.95): (
        "#974907", "#c96d0d", "#ef9e3c", "#fdcc8c", "#faecd7",
        "#e8e9f1", "#c5c2de", "#988dbe", "#6a4c9a", "#3f1268",
    ),
    ("cividis_r", 0.0, 0.9): (
        "#fee838", "#d6c35d", "#aea371", "#888578", "#666970", "#424e6c", "#083370",
    ),
    ("BrBG", 0.05, 0.95): (
        "#6e4007", "#b37625", "#e0c481", "#f6edd5",
        "#d7eeeb", "#84cfc3", "#298b83", "#005046",
    ),
}  # fmt: skip
#: Steps of a colour ramp, as in a 256-entry colour map.
_RAMP_STEPS = 256


def _ramp(stops: list[str], count: int, low: float, high: float) -> tuple[str, ...]:
    """Sample a linear ramp through ``stops`` at ``count`` points in [low, high]."""
    rgb = np.array([[int(c[i : i + 2], 16) / 255 for i in (1, 3, 5)] for c in stops])
    table_at = np.linspace(0, 1, _RAMP_STEPS)
    stop_at = np.linspace(0, 1, len(stops))
    table = np.column_stack([np.interp(table_at, stop_at, rgb[:, k]) for k in range(3)])
    steps = np.clip((np.linspace(low, high, count) * _RAMP_STEPS).astype(int), 0, 255)
    return tuple(
        "#" + "".join(f"{round(v * 255):02x}" for v in table[i]) for i in steps
    )


def _number(value: float) -> str:
    return f"{value:g}".replace("-", "\u2212")  # a true minus sign


def _band_labels(edges: tuple[float, ...], unit: str) -> tuple[str, ...]:
    """Labels such as "under 30%", "30–35%", "−10 to −5 pts", "70% or more"."""
    labels = [f"under {_number(edges[0])}{unit}"]
    for low, high in zip(edges[:-1], edges[1:], strict=True):
        joint = " to " if low < 0 else "–"
        labels.append(f"{_number(low)}{joint}{_number(high)}{unit}")
    labels.append(f"{_number(edges[-1])}{unit} or more")
    return tuple(labels)


def _classed(
    id: str,
    title: str,
    column: str,
    edges,
    palette: tuple[str, float, float] | None,
    *,
    note: str = "",
    unit: str = "%",
    from_zero: bool = False,
    colours: tuple[str, ...] | None = None,
) -> Layer:
    edges = tuple(float(e) for e in edges)
    labels = _band_labels(edges, unit)
    if from_zero:
        # The first band starts at zero: "0–5%" rather than "under 5%".
        labels = (f"0–{edges[0]:g}%", *labels[1:])
    if colours is None:
        assert palette is not None, f"{id}: give colours or a palette"
        colours = SAMPLED[palette]
    return Layer(
        id, title, column, "classed", note, edges, colours, labels, palette=palette
    )


def _darker(colour: str) -> str:
    rgb = np.array([int(colour[i : i + 2], 16) for i in (1, 3, 5)]) * 0.55
    return "#" + "".join(f"{int(v):02x}" for v in rgb)


WINNER = Layer(
    "winner",
    "Winning party",
    "winner",
    "winner",
    "Party of the candidate with most votes.",
)
GAINS = Layer(
    "gains",
    "Gains",
    "gain",
    "gain",
    "Seats won from another party at the previous general election; "
    "gains are outlined and hatched, holds are pale.",
)
MAJORITY = _classed(
    "majority",
    "Majority",
    "majority_pct",
    range(5, 55, 5),
    ("viridis_r", 0.0, 0.95),
    note="Winner's lead over the runner-up, % of valid votes, in the House of "
    "Commons Library's 5-point bands.",
    from_zero=True,
)
REMAIN = _classed(
    "remain",
    "Estimated Remain vote, 2016",
    "remain_pct",
    (30, 35, 40, 45, 50, 55, 60, 65, 70),
    ("PuOr", 0.05, 0.95),
    note="Estimated Remain share in the 2016 EU referendum (Hanretty 2017); "
    "orange leaned Leave, purple Remain, centred on 50%.",
)
TURNOUT = _classed(
    "turnout",
    "Turnout",
    "turnout_pct",
    (50, 55, 60, 65, 70, 75),
    ("cividis_r", 0.0, 0.9),
    note="Valid votes ÷ electorate × 100.",
)
MAJORITY_CHANGE = _classed(
    "majority_change",
    "Change in majority",
    "majority_change",
    (-20, -10, -5, 0, 5, 10, 20),
    ("BrBG", 0.05, 0.95),
    note="Majority % minus the majority % at the previous general election "
    "(percentage points).",
    unit=" pts",
)


def share_layer(code: str) -> Layer:
    """Return the vote-share layer of one party."""
    party = get_party(code)
    edges = (10, 20, 30, 40, 50, 60)
    stops = ["#f7f7f7", party.colour, _darker(party.colour)]
    return _classed(
        f"share_{code}",
        f"{party.name} vote share",
        f"share_{code}",
        edges,
        None,
        note=f"{party.name} votes, % of valid votes.",
        from_zero=True,
        colours=_ramp(stops, len(edges) + 1, 0.08, 0.9),
    )


#: The four layers every map and the small-multiples figure show, in order.
REQUIRED_LAYERS = (WINNER, GAINS, MAJORITY, REMAIN)


def layers_for(frame: pd.DataFrame) -> list[Layer]:
    """Return every layer that has data for these seats, the required four first.

    Majority change appears only where the previous election was fought on the
    same boundaries; a party's share where it took at least
    :data:`SHARE_THRESHOLD` % of the votes in these seats. A required layer
    whose figures the seats lack (a table of winners only has no majorities)
    stays, every seat marked "not in this file".
    """
    layers = [_marked_if_absent(layer, frame) for layer in REQUIRED_LAYERS]
    if frame["turnout_pct"].notna().any():
        layers.append(TURNOUT)
    if frame["majority_change"].notna().any():
        layers.append(MAJORITY_CHANGE)
    weights = frame["valid_votes"].where(frame["valid_votes"].notna(), 1.0)
    for code in SHARE_PARTIES:
        column = f"share_{code}"
        if column in frame and frame[column].notna().any():
            overall = (frame[column] * weights).sum() / weights.sum()
            if overall >= SHARE_THRESHOLD:
                layers.append(share_layer(code))
    return layers


def _marked_if_absent(layer: Layer, frame: pd.DataFrame) -> Layer:
    """Return the layer, its no-data label saying so where no seat has its figure.

    The Remain estimates never come from the user's file, so they are left as
    they are.
    """
    if layer is REMAIN:
        return layer
    if layer.kind == "gain":
        absent = frame.get("previous_winner", frame["winner"]).isna().all()
    else:
        absent = frame[layer.column].isna().all()
    return replace(layer, no_data=NOT_IN_FILE) if absent else layer


def get_layer(layer_id: str, frame: pd.DataFrame) -> Layer:
    """Return the layer called ``layer_id`` for these seats.

    Raises
    ------
    UnknownLayerError
        Naming the layers these seats have.
    """
    layers = layers_for(frame)
    for layer in layers:
        if layer.id == layer_id:
            return layer
    known = ", ".join(layer.id for layer in layers)
    raise UnknownLayerError(
        f"no layer {layer_id!r} for these seats; choose one of {known}"
    )


def style_layer(frame: pd.DataFrame, layer: Layer) -> StyledLayer:
    """Classify every seat of ``frame`` for ``layer`` and build its legend."""
    if layer.kind == "winner":
        return _style_parties(frame["winner"], layer, outlined=False)
    if layer.kind == "gain":
        gained = frame["gain"].astype(bool).to_numpy()
        previous = frame.get("previous_winner", frame["winner"])
        known = (frame["winner"].notna() & previous.notna()).to_numpy()
        styled = _style_parties(frame["winner"].where(gained), layer, outlined=True)
        holds = int((known & ~gained).sum())
        entries = (*styled.entries, LegendEntry(f"No change ({holds})", HOLD_COLOUR))
        seat_entry = np.where(gained, styled.seat_entry, len(entries) - 1)
        seat_entry = np.where(known, seat_entry, -1)
        return StyledLayer(layer, entries, seat_entry)
    values = pd.to_numeric(frame[layer.column], errors="coerce").to_numpy(dtype=float)
    seat_entry = np.digitize(values, layer.edges, right=False)
    seat_entry = np.where(np.isnan(values), -1, seat_entry)
    entries = tuple(
        LegendEntry(label, colour)
        for label, colour in zip(layer.labels, layer.colours, strict=True)
    )
    return StyledLayer(layer, entries, seat_entry)


def _style_parties(winners: pd.Series, layer: Layer, *, outlined: bool) -> StyledLayer:
    counts = winners.dropna().value_counts()
    order = by_seats(counts)
    suffix = " gain" if outlined else ""
    entries = tuple(
        LegendEntry(
            f"{get_party(code).name}{suffix} ({counts[code]})",
            get_party(code).colour,
            outlined,
        )
        for code in order
    )
    position = {code: i for i, code in enumerate(order)}
    seat_entry = np.array([position.get(code, -1) for code in winners], dtype=int)
    return StyledLayer(layer, entries, seat_entry)
