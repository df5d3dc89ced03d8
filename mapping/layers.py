"""Layer definitions: what each map layer shows and how it is coloured.

One source of truth for every renderer. The interactive HTML map and the static
images both call :func:`style_layer`, so they can never disagree about a colour,
a class break or a legend label.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, replace
from itertools import permutations

import numpy as np
import pandas as pd

from .changes import MAIN_PARTIES
from .elections import get_election
from .errors import UnknownLayerError
from .layer_spec import POINTS, Layer, classed_layer
from .palettes import darker, ramp
from .parties import by_seats, get_party
from .style import NO_DATA_COLOUR, NOT_IN_FILE, text_colour

HOLD_COLOUR = "#f0f0f0"
#: Parties that get a vote-share layer when they stand in the seats mapped, and
#: change and swing layers when they stand now or stood at the previous election.
SHARE_PARTIES = MAIN_PARTIES
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


#: Bands of changes: symmetric about 0, where the colours turn.
CHANGE_EDGES = (-20, -10, -5, 0, 5, 10, 20)
SWING_EDGES = (-10, -5, -2, 0, 2, 5, 10)

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
MAJORITY = classed_layer(
    "majority",
    "Majority",
    "majority_pct",
    range(5, 55, 5),
    ("viridis_r", 0.0, 0.95),
    note="Winner's lead over the runner-up, % of valid votes, in the House of "
    "Commons Library's 5-point bands.",
    from_zero=True,
)
REMAIN = classed_layer(
    "remain",
    "Estimated Remain vote, 2016",
    "remain_pct",
    (30, 35, 40, 45, 50, 55, 60, 65, 70),
    ("PuOr", 0.05, 0.95),
    note="Estimated Remain share in the 2016 EU referendum (Hanretty 2017); "
    "orange leaned Leave, purple Remain, centred on 50%.",
)
TURNOUT = classed_layer(
    "turnout",
    "Turnout",
    "turnout_pct",
    (50, 55, 60, 65, 70, 75),
    ("cividis_r", 0.0, 0.9),
    note="Valid votes ÷ electorate × 100.",
)
SECOND = Layer(
    "second",
    "Second place",
    "runner_up",
    "party",
    "Party of the candidate with the second most votes.",
)
PREVIOUS = Layer(
    "previous",
    "Previous winner",
    "previous_winner",
    "party",
    "Winner at the previous general election; for 2010 and 2024, the official "
    "notional winner on the new boundaries (House of Commons Library).",
)
LEAD_CHANGE = classed_layer(
    "lead_change",
    "Change in the winner's lead",
    "lead_change",
    CHANGE_EDGES,
    ("BrBG", 0.05, 0.95),
    note="The winner's lead over its nearest rival now, minus its lead (negative "
    "when it trailed) at the previous general election, in points. A seat that "
    "changed hands always reads as a rise.",
    unit=POINTS,
)
#: The layer ``lead_change`` replaced; its id still finds ``lead_change``.
RETIRED_LAYERS = {"majority_change": LEAD_CHANGE.id}


def share_layer(code: str) -> Layer:
    """Return the vote-share layer of one party."""
    party = get_party(code)
    edges = (10, 20, 30, 40, 50, 60)
    stops = ["#f7f7f7", party.colour, darker(party.colour)]
    return classed_layer(
        f"share_{code}",
        f"{party.name} vote share",
        f"share_{code}",
        edges,
        None,
        note=f"{party.name} votes, % of valid votes.",
        from_zero=True,
        colours=ramp(stops, len(edges) + 1, 0.08, 0.9),
    )


def change_layer(code: str) -> Layer:
    """Return the layer of one party's change in vote share."""
    name = get_party(code).name
    return classed_layer(
        f"change_{code}",
        f"Change in {name} vote share",
        f"change_{code}",
        CHANGE_EDGES,
        ("PiYG", 0.05, 0.95),
        note=f"{name} share of valid votes minus its share at the previous "
        "general election, in points; 0% where it did not stand, no figure "
        "where it stood in neither.",
        unit=POINTS,
        group="change",
    )


def swing_layer(from_: str, to: str) -> Layer:
    """Return the layer of the two-party (Butler) swing from ``from_`` to ``to``."""
    old, new = get_party(from_).name, get_party(to).name
    return classed_layer(
        f"swing_{from_.lower()}_to_{to.lower()}",
        f"Swing, {old} to {new}",
        f"swing_{from_.lower()}_to_{to.lower()}",
        SWING_EDGES,
        ("PRGn", 0.05, 0.95),
        note=f"Butler swing since the previous general election: the change in "
        f"the {new} share minus the change in the {old} share, halved, in "
        f"points. Positive: a swing to {new}; negative: a swing to {old}.",
        unit=POINTS,
        group="swing",
        pair=(from_, to),
    )


#: The four layers every map and the small-multiples figure show, in order.
REQUIRED_LAYERS = (WINNER, GAINS, MAJORITY, REMAIN)


def layers_for(frame: pd.DataFrame) -> list[Layer]:
    """Return every layer that has data for these seats, the required four first.

    Then turnout, second place and the previous winner where the seats have
    them; a party's share where it took at least :data:`SHARE_THRESHOLD` % of
    the votes in these seats; the change in the winner's lead, the change in
    share of each party that took that much now or at the previous election,
    and the swing between each ordered pair of them (Conservative to Labour
    always). Where changes are not comparable (new boundaries), the lead, the
    Conservative to Labour swing and the share parties' changes stay, every
    seat saying why it has no figure. A required layer whose figures the
    seats lack (a table of winners only has no majorities) stays, every seat
    marked "not in this file".
    """
    layers = [_marked_if_absent(layer, frame) for layer in REQUIRED_LAYERS]
    if frame["turnout_pct"].notna().any():
        layers.append(TURNOUT)
    layers += [layer for layer in (SECOND, PREVIOUS) if _column(frame, layer).any()]
    shared = [code for code in SHARE_PARTIES if _took_enough(frame, code)]
    layers += [share_layer(code) for code in shared]
    return layers + _change_layers(frame, shared)


def _change_layers(frame: pd.DataFrame, shared: list[str]) -> list[Layer]:
    """Return the lead, share-change and swing layers of :func:`layers_for`."""
    parties, pairs = shared, [("Con", "Lab")]
    if _column(frame, LEAD_CHANGE).any():
        parties = [
            code
            for code in SHARE_PARTIES
            if code in shared or _took_enough(frame, code, before=True)
        ]
        pairs += [
            pair
            for pair in permutations(parties, 2)
            if pair != ("Con", "Lab") and _column(frame, swing_layer(*pair)).any()
        ]
    layers = [
        LEAD_CHANGE,
        *(change_layer(code) for code in parties),
        *(swing_layer(*pair) for pair in pairs),
    ]
    missing = _no_comparison(frame)
    return [
        layer if _column(frame, layer).any() else replace(layer, no_data=missing)
        for layer in layers
    ]


def _column(frame: pd.DataFrame, layer: Layer) -> pd.Series:
    """Whether each seat has a figure on ``layer`` (all False: no column)."""
    return frame.get(layer.column, pd.Series(np.nan, frame.index)).notna()


def _took_enough(frame: pd.DataFrame, code: str, *, before: bool = False) -> bool:
    """Whether a party took :data:`SHARE_THRESHOLD` % of all votes in these seats.

    With ``before``, at the previous election: share now minus its change,
    weighted by the votes now.
    """
    share = frame.get(f"share_{code}", pd.Series(np.nan, frame.index))
    if before:
        share = share - frame.get(f"change_{code}", np.nan)
    if share.isna().all():
        return False
    weights = frame["valid_votes"].where(frame["valid_votes"].notna(), 1.0)
    return (share.fillna(0) * weights).sum() / weights.sum() >= SHARE_THRESHOLD


def _no_comparison(frame: pd.DataFrame) -> str:
    """Why the seats have no changes: new boundaries, or not in the user's file."""
    years = frame["election"].dropna().unique() if "election" in frame else []
    if len(years) == 1 and get_election(int(years[0])).previous is None:
        return (
            f"Not comparable: new boundaries in {int(years[0])}; "
            "no previous result on them"
        )
    return NOT_IN_FILE


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

    A retired id (``majority_change``) finds the layer that replaced it, with
    a :class:`FutureWarning`.

    Raises
    ------
    UnknownLayerError
        Naming the layers these seats have.
    """
    if layer_id in RETIRED_LAYERS:
        warnings.warn(
            f"the layer {layer_id!r} is retired (it subtracted the previous "
            f"winner's majority from the new winner's); showing "
            f"{RETIRED_LAYERS[layer_id]!r}, the change in the winner's lead",
            FutureWarning,
            stacklevel=2,
        )
        layer_id = RETIRED_LAYERS[layer_id]
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
    if layer.kind in ("winner", "party"):
        return _style_parties(frame[layer.column], layer, outlined=False)
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
