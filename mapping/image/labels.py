"""Seat names written on the map, each sized to its seat and legible on its fill."""

from __future__ import annotations

import math

import geopandas as gpd
import numpy as np
from matplotlib import patheffects
from matplotlib.axes import Axes

from ..hexes import HEX_SIZE_M, short_label
from ..layers import StyledLayer
from ..style import text_colour
from ..text import visible
from .draw import figure_of
from .layout import text_width

MIN_LABEL_SIZE = 3.0  # points


def draw_labels(
    ax: Axes,
    shapes: gpd.GeoDataFrame,
    styled: StyledLayer,
    *,
    hexagons: bool,
    max_size: float,
) -> None:
    """Write seat names at each seat's representative point, sized to the seat.

    Most labels share one size; only names too long for their seat get smaller.
    Text is near-black or white, whichever contrasts more with the fill, with a
    halo of the fill colour so that it stays legible over hatching.
    """
    fig = figure_of(ax)
    xmin, xmax = ax.get_xlim()
    points_per_metre = ax.get_position().width * fig.get_size_inches()[0] * 72
    points_per_metre /= xmax - xmin
    colours = styled.colours()
    codes = shapes["code"].to_numpy()
    seats = []
    for i, (name, geometry) in enumerate(
        zip(shapes["name"], shapes.geometry, strict=True)
    ):
        if geometry is None or geometry.is_empty:
            continue
        if hexagons:
            room = math.sqrt(3) * HEX_SIZE_M * 0.86
        else:
            left, _, right, _ = geometry.bounds
            room = min(right - left, 1.2 * math.sqrt(geometry.area))
        label = short_label(visible(name))
        # Width of the widest line at 1 pt, in points.
        widest = max(text_width(line, 1.0) for line in label.split("\n")) * 72
        fit = room * points_per_metre / widest
        seats.append((i, geometry, label, fit))
    if not seats:
        return
    common = min(max_size, float(np.percentile([fit for *_, fit in seats], 25)))
    for i, geometry, label, fit in seats:
        size = max(MIN_LABEL_SIZE, min(common, fit))
        anchor = geometry.representative_point()
        fill = colours[i]
        ax.text(
            anchor.x,
            anchor.y,
            label,
            fontsize=size,
            color=text_colour(fill),
            ha="center",
            va="center",
            linespacing=1.0,
            clip_on=True,
            zorder=3,
            gid=f"label-{styled.layer.id}-{visible(codes[i])}",
            path_effects=[
                patheffects.withStroke(linewidth=size * 0.35, foreground=fill)
            ],
        )
