"""How a seat or a legend swatch is filled: colour, gain cue, hatch, muting.

The gain cue (outline and hatch) follows the page's hatch constants in
:mod:`mapping.style`, so PNG, SVG, PDF and the HTML map draw the same pattern.
"""

from __future__ import annotations

import math

from matplotlib.patches import Patch

from ..layers import LegendEntry, StyledLayer
from ..style import (
    CSS_PX_PT,
    GAIN_OUTLINE,
    GAIN_OUTLINE_PT,
    HATCH_ANGLE,
    HATCH_OPACITY,
    HATCH_SPACING_PX,
    HATCH_WIDTH_PX,
    NO_DATA_COLOUR,
    SEAT_EDGE,
    SEAT_EDGE_PT,
    SWATCH_EDGE,
    mix,
    text_colour,
)
from ..style import muted as muted_fill
from ..text import visible

#: matplotlib draws six lines per hatch character across a one-inch cell.
_LINES_PER_HATCH = 6


def _gain_hatch() -> tuple[str, float]:
    """Return the matplotlib hatch and line width closest to the page's hatch.

    The page draws lines :data:`~mapping.style.HATCH_SPACING_PX` CSS pixels
    apart and :data:`~mapping.style.HATCH_WIDTH_PX` wide at 45°; matplotlib
    draws whole numbers of lines per inch, so the spacing is the nearest it has
    and the width keeps the page's share of ink. Every format (PNG, SVG, PDF)
    draws the same pattern.
    """
    assert HATCH_ANGLE == 45, "matplotlib's '/' hatch is at 45°"
    spacing = HATCH_SPACING_PX * CSS_PX_PT * math.sqrt(2)  # along x, points
    repeats = max(1, round(72 / spacing / _LINES_PER_HATCH))
    drawn = 72 / (repeats * _LINES_PER_HATCH)
    return "/" * repeats, HATCH_WIDTH_PX * CSS_PX_PT * drawn / spacing


#: The gain cue's hatch, as matplotlib draws it, and its line width (points).
GAIN_HATCH, HATCH_LINEWIDTH = _gain_hatch()


def hatch_colour(fill: str) -> str:
    """Return the colour of hatching over ``fill``: its text colour, part opaque.

    Mixed in advance rather than drawn with transparency, so that every format
    shows the same colour.
    """
    return mix(fill, text_colour(fill), HATCH_OPACITY)


def legend_rows(styled: StyledLayer) -> list[LegendEntry]:
    """Return a layer's legend rows: its entries, and "No data" where it has gaps."""
    entries = list(styled.entries)
    if (styled.seat_entry < 0).any():
        entries.append(LegendEntry(styled.layer.no_data, NO_DATA_COLOUR))
    return entries


def patch_style(colour: str, *, outlined: bool, muted: bool = False) -> dict:
    """Return the patch keywords of a seat (or swatch) filled with ``colour``.

    An outlined one carries the gain cue: heavy dark edge and hatching in the
    text colour of the fill, the rule of :attr:`mapping.layers.LegendEntry.hatch`.
    A ``muted`` seat (not the story) is drawn paler, its cue too.
    """
    fill = muted_fill(colour) if muted else colour
    if outlined:
        return {
            "facecolor": fill,
            "edgecolor": muted_fill(GAIN_OUTLINE) if muted else GAIN_OUTLINE,
            "linewidth": GAIN_OUTLINE_PT,
            "hatch": GAIN_HATCH,
            "hatchcolor": (
                muted_fill(hatch_colour(colour)) if muted else hatch_colour(colour)
            ),
            "hatch_linewidth": HATCH_LINEWIDTH,
            "zorder": 2,
        }
    return {
        "facecolor": fill,
        "edgecolor": SEAT_EDGE,
        "linewidth": SEAT_EDGE_PT,
        "zorder": 1,
    }


def legend_handles(styled: StyledLayer) -> list[Patch]:
    """Return a legend's swatches: the seats' fill, edge and hatch."""
    handles = []
    for entry in legend_rows(styled):
        style = patch_style(entry.colour, outlined=entry.outlined)
        if not entry.outlined:
            # A thin grey edge keeps pale swatches visible on white.
            style.update(edgecolor=SWATCH_EDGE, linewidth=SEAT_EDGE_PT)
        handles.append(Patch(label=visible(entry.label), **style))
    return handles


def legend_style(styled: StyledLayer, size: float) -> dict:
    """Return the keywords of a legend of ``styled`` in ``size`` points."""
    return {
        "title": styled.layer.title,
        "fontsize": size,
        "title_fontsize": size,
        "alignment": "left",
        "frameon": False,
        "borderaxespad": 0.0,
        "borderpad": 0.0,
        "handlelength": 1.8,
        "handleheight": 1.1,
        "labelspacing": 0.45,
        "columnspacing": 1.2,
    }
