"""What a map layer is: the column it reads, its bands, colours and labels.

:mod:`mapping.layers` defines the layers and applies them to seats.
"""

from __future__ import annotations

from dataclasses import dataclass

from .palettes import SAMPLED, band_labels
from .style import NO_DATA_LABEL

#: The unit of changes, in legends: percentage points.
POINTS = " pts"


@dataclass(frozen=True)
class Layer:
    """A map layer: the column it reads and how values become colours."""

    id: str
    title: str
    column: str
    kind: str  # "winner", "gain", "party" (a party per seat) or "classed"
    note: str = ""
    edges: tuple[float, ...] = ()
    colours: tuple[str, ...] = ()
    labels: tuple[str, ...] = ()
    no_data: str = NO_DATA_LABEL
    #: Where the colours come from: (matplotlib colour map, from, to).
    palette: tuple[str, float, float] | None = None
    #: A family of layers the page may offer as one choice: "swing", "change".
    group: str = ""
    #: The two parties of a swing layer: (from, to).
    pair: tuple[str, str] | None = None
    #: What a value is in: "%" or points (:data:`POINTS`, signed).
    unit: str = "%"


def classed_layer(
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
    **extra,
) -> Layer:
    """Return a layer of values in bands: ``edges`` between them, a colour each.

    Colours are ``colours`` or those sampled from ``palette``; legend labels
    say the bands in ``unit`` (changes, in :data:`POINTS`, with signs); extra
    keywords are fields of :class:`Layer`.
    """
    edges = tuple(float(e) for e in edges)
    labels = band_labels(edges, unit, signed=unit == POINTS)
    if from_zero:
        # The first band starts at zero: "0–5%" rather than "under 5%".
        labels = (f"0–{edges[0]:g}%", *labels[1:])
    if colours is None:
        assert palette is not None, f"{id}: give colours or a palette"
        colours = SAMPLED[palette]
    return Layer(
        id,
        title,
        column,
        "classed",
        note,
        edges,
        colours,
        labels,
        palette=palette,
        unit=unit,
        **extra,
    )
