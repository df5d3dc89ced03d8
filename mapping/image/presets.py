"""The kinds of image: size, resolution and type scale of each, in one table.

Plain data (no matplotlib), so that the command line can list the presets
without loading the drawing code.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

LegendSide = Literal["right", "below", "sidebar"]


@dataclass(frozen=True)
class Preset:
    """Size and type scale of one kind of image (sizes in inches and points).

    ``height`` fixes the height; without it the image is as tall as its content
    needs, up to ``max_height``. ``legend_side`` places the legend ``"right"``
    of the map, ``"below"`` it, or in a ``"sidebar"`` column at the left that
    also holds the headline, beside a map as tall as the frame.
    """

    dpi: int
    width: float
    height: float | None
    max_height: float | None
    margin: float
    title_size: float
    text_size: float
    small_size: float
    legend_side: LegendSide


PRESETS: dict[str, Preset] = {
    # 1600 px wide, as tall as the content needs.
    "web": Preset(200, 8.0, None, None, 0.25, 14.0, 8.5, 6.5, "right"),
    # Exactly 1200 × 675 px: a feed shows it about 500 px wide, so the type is
    # large and the headline and legend take a column beside a full-height map.
    "social": Preset(150, 8.0, 4.5, None, 0.2, 17.0, 10.5, 7.0, "sidebar"),
    # Exactly 1080 × 1080 px, for phones: seen about 360 px wide.
    "square": Preset(150, 7.2, 7.2, None, 0.25, 21.0, 12.5, 8.0, "below"),
    # A4 width at 300 dpi (2481 px), no taller than A4 portrait (3507 px).
    "print": Preset(300, 8.27, None, 11.69, 0.5, 16.0, 10.0, 7.5, "below"),
    # A5 width at 300 dpi (1748 px), no taller than A5 portrait (2480 px).
    "print-a5": Preset(300, 5.83, None, 8.27, 0.4, 13.0, 8.5, 6.5, "below"),
}

#: The preset names, in the order the command line lists them.
PRESET_NAMES = tuple(PRESETS)
