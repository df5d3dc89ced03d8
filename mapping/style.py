"""How every map looks, apart from its data: one source for the page and the images.

Seat edges, hover, the gain cue (outline and hatch), the "No data" swatch, text
colours, number formats and title grammar live here once. The HTML map receives
:func:`page_style` in its data and keeps no style literal of its own; the image
renderer reads the same constants, so PNG, SVG, PDF and HTML cannot drift.
"""

from __future__ import annotations

import math

#: Fill of a seat without data, and its legend row.
NO_DATA_COLOUR = "#d9d9d9"
NO_DATA_LABEL = "No data"
#: Legend label of a layer whose figures the user's file does not give.
NOT_IN_FILE = "Not in this file"
#: Seats drawn opaque, so that the colour drawn is the layer's colour.
FILL_OPACITY = 1.0
#: Seat edges: white hairlines between neighbours.
SEAT_EDGE = "#ffffff"
SEAT_EDGE_PX = 0.8  # on screen
SEAT_EDGE_PT = 0.5  # in images
#: The seat under the pointer or keyboard focus.
HOVER_EDGE = "#333333"
HOVER_EDGE_PX = 2.5
#: The second cue of a gain, which does not depend on telling colours apart: a
#: heavy dark outline and diagonal hatching in the text colour of the fill.
GAIN_OUTLINE = "#1a1a1a"
GAIN_OUTLINE_PX = 3.0
GAIN_OUTLINE_PT = 1.4
HATCH_ANGLE = 45  # degrees
HATCH_SPACING_PX = 7.0
HATCH_WIDTH_PX = 2.0
HATCH_OPACITY = 0.6
#: Text drawn on a fill: near-black or white, whichever contrasts more.
TEXT_DARK = "#1a1a1a"
TEXT_LIGHT = "#ffffff"
TEXT_MUTED = "#555555"
#: Labels on a fill in the interactive map: pure black or white, whichever
#: contrasts more, so that every label reaches 4.5:1 (WCAG AA) on any fill.
LABEL_DARK = "#000000"
LABEL_LIGHT = "#ffffff"
#: The keyboard focus on a seat: a dark ring over a white halo, so that one of
#: the two shows at 3:1 or more against any fill around it.
FOCUS_RING = "#000000"
FOCUS_HALO = "#ffffff"
FOCUS_RING_PX = 3.0
#: Edge of pale legend swatches, so that they show on white.
SWATCH_EDGE = "#9e9e9e"


def luminance(colour: str) -> float:
    """Return the relative luminance (WCAG 2) of a ``#rrggbb`` colour."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [
        c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels
    ]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(one: str, other: str) -> float:
    """Return the WCAG contrast ratio of two colours (1 to 21)."""
    high, low = sorted([luminance(one), luminance(other)], reverse=True)
    return (high + 0.05) / (low + 0.05)


def label_ink(fill: str) -> str:
    """Return the ink of a label on ``fill``: black or white, whichever contrasts more.

    Pure black and white: one of the two reaches 4.5:1 (WCAG AA) on any fill.
    The page's hex labels and the images' seat labels both use it.
    """
    return max((LABEL_DARK, LABEL_LIGHT), key=lambda ink: contrast_ratio(fill, ink))


def text_colour(fill: str) -> str:
    """Return :data:`TEXT_DARK` or :data:`TEXT_LIGHT`, whichever contrasts more."""
    dark = contrast_ratio(fill, TEXT_DARK)
    light = contrast_ratio(fill, TEXT_LIGHT)
    return TEXT_DARK if dark >= light else TEXT_LIGHT


#: Percentages show one decimal; smaller values keep this many significant
#: digits, so that Hendon's 0.036% never reads as "0.0%".
PERCENT_DECIMALS = 1
SMALL_PERCENT_DIGITS = 2
#: Decimals a percentage keeps before it is formatted, here and in the page's
#: data, so that both format the same number.
PERCENT_PRECISION = 4


def format_count(value) -> str:
    """Return a whole number with thousands separators: ``2,416``; "n/a" if none."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "n/a"
    return f"{round(value):,}"


def format_percent(value, unit: str = "%") -> str:
    """Return ``4.4%``, or ``0.036%`` where one decimal would show zero; "n/a" if none.

    The page formats numbers with the same rule (see ``map.js``); a browser
    test holds the two to the same text.
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "n/a"
    value = round(float(value), PERCENT_PRECISION)
    decimals = PERCENT_DECIMALS
    if value != 0 and abs(value) < 10**-PERCENT_DECIMALS:
        decimals = SMALL_PERCENT_DIGITS - 1 - math.floor(math.log10(abs(value)))
    text = f"{value:.{decimals}f}".replace("-", "\u2212")  # a true minus sign
    return text + unit


def election_title(region_label: str, election: int, *, missing: int = 0) -> str:
    """Return "London, 2019 general election", saying how many seats have no result."""
    title = f"{region_label}, {election} general election"
    if missing:
        title += f" ({missing} {'seat' if missing == 1 else 'seats'} without a result)"
    return title


def page_style() -> dict:
    """Return the style the HTML map draws with, to travel in its data."""
    return {
        "no_data": NO_DATA_COLOUR,
        "no_data_label": NO_DATA_LABEL,
        "fill_opacity": FILL_OPACITY,
        "edge": SEAT_EDGE,
        "edge_width": SEAT_EDGE_PX,
        "hover_edge": HOVER_EDGE,
        "hover_width": HOVER_EDGE_PX,
        "gain_outline": GAIN_OUTLINE,
        "gain_width": GAIN_OUTLINE_PX,
        "hatch_angle": HATCH_ANGLE,
        "hatch_spacing": HATCH_SPACING_PX,
        "hatch_width": HATCH_WIDTH_PX,
        "hatch_opacity": HATCH_OPACITY,
        "swatch_edge": SWATCH_EDGE,
        "percent_decimals": PERCENT_DECIMALS,
        "small_percent_digits": SMALL_PERCENT_DIGITS,
    }


# --------------------------------------------------------------------------
# Published images (mapping.image): emphasis, callouts and the hatch in points

#: Seats that are not the story, when others are highlighted: their fill mixed
#: with this share of white, and edges and hatching as pale.
MUTED_WHITE_SHARE = 0.72
#: The outline of a highlighted seat.
HIGHLIGHT_EDGE = "#1a1a1a"
HIGHLIGHT_EDGE_PT = 1.1
#: Callouts and the leader lines of labels moved off their seat.
CALLOUT_TEXT = TEXT_DARK
LEADER_LINE = "#333333"
LEADER_LINE_PT = 0.8
#: The halo behind text drawn off its seat, and its width relative to the type.
LABEL_HALO = "#ffffff"
HALO_SHARE = 0.35
#: One CSS pixel of the page's hatch, in points: the images draw the same hatch
#: (angle, spacing, width and opacity) at the size a screen shows the page.
CSS_PX_PT = 0.75


def mix(colour: str, other: str, share: float) -> str:
    """Return ``colour`` mixed with ``share`` (0 to 1) of ``other``, as ``#rrggbb``."""
    one = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    two = [int(other[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(
        f"{round(a + (b - a) * share):02x}" for a, b in zip(one, two, strict=True)
    )


def muted(colour: str) -> str:
    """Return the fill of a seat that is not highlighted: ``colour``, paled."""
    return mix(colour, "#ffffff", MUTED_WHITE_SHARE)
