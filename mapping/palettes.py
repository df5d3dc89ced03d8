"""Colours and legend labels of the classed layers, kept as data.

The colours are sampled from matplotlib's colour-blind-safe maps, so that an
HTML map never imports matplotlib; ``tests/test_layers.py`` samples them again.
"""

from __future__ import annotations

import numpy as np

#: Colours of the classed layers: (colour map, from, to) → colours at evenly
#: spaced points between the two ends. The diverging maps of changes (BrBG,
#: PRGn, PiYG) are ColorBrewer's colour-blind-safe ones, centred on 0.
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
    ("PRGn", 0.05, 0.95): (
        "#591465", "#9160a2", "#c4a8d0", "#ede0ed",
        "#e4f2e0", "#a9dca3", "#4ba157", "#0d5c28",
    ),
    ("PiYG", 0.05, 0.95): (
        "#a80d66", "#d861a2", "#f2b8db", "#fbe8f2",
        "#ecf6de", "#bbe28a", "#73b239", "#397a1d",
    ),
}  # fmt: skip
#: Steps of a colour ramp, as in a 256-entry colour map.
_RAMP_STEPS = 256


def ramp(stops: list[str], count: int, low: float, high: float) -> tuple[str, ...]:
    """Sample a linear ramp through ``stops`` at ``count`` points in [low, high]."""
    rgb = np.array([[int(c[i : i + 2], 16) / 255 for i in (1, 3, 5)] for c in stops])
    table_at = np.linspace(0, 1, _RAMP_STEPS)
    stop_at = np.linspace(0, 1, len(stops))
    table = np.column_stack([np.interp(table_at, stop_at, rgb[:, k]) for k in range(3)])
    steps = np.clip((np.linspace(low, high, count) * _RAMP_STEPS).astype(int), 0, 255)
    return tuple(
        "#" + "".join(f"{round(v * 255):02x}" for v in table[i]) for i in steps
    )


def _number(value: float, *, signed: bool = False) -> str:
    text = f"{value:+g}" if signed and value > 0 else f"{value:g}"
    return text.replace("-", "\u2212")  # a true minus sign


def band_labels(
    edges: tuple[float, ...], unit: str, *, signed: bool = False
) -> tuple[str, ...]:
    """Labels such as "under 30%", "30–35%", "70% or more".

    ``signed`` (for changes) writes rises with a plus: "−5 to 0 pts",
    "0 to +5 pts", "+20 pts or more".
    """
    labels = [f"under {_number(edges[0])}{unit}"]
    for low, high in zip(edges[:-1], edges[1:], strict=True):
        joint = " to " if low < 0 or signed else "–"
        words = _number(low, signed=signed), _number(high, signed=signed)
        labels.append(f"{words[0]}{joint}{words[1]}{unit}")
    labels.append(f"{_number(edges[-1], signed=signed)}{unit} or more")
    return tuple(labels)


def darker(colour: str) -> str:
    """Return ``colour`` at 55% of its brightness: the dark end of a share ramp."""
    rgb = np.array([int(colour[i : i + 2], 16) for i in (1, 3, 5)]) * 0.55
    return "#" + "".join(f"{int(v):02x}" for v in rgb)
