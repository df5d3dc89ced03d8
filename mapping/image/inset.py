"""An inset of London at readable scale, for maps of the UK or several regions.

London's 73 (or 75) seats are a smudge on a map of Great Britain; the inset
draws them again, larger, in the corner of the map that covers least land, and
outlines on the main map the area it shows. The hex view needs none: its
hexagons are all the same size.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
from matplotlib.axes import Axes
from matplotlib.patches import Rectangle

from ..layers import StyledLayer
from ..style import TEXT_MUTED
from .draw import draw_map, figure_of
from .layout import padded_bounds
from .placement import Land

#: The region shown in the inset.
INSET_REGION = "London"
#: The inset's width, as a share of the map's, and its frame.
INSET_SHARE = 0.42
INSET_EDGE = "#9e9e9e"
INSET_EDGE_PT = 0.6
#: No inset when the map is already no wider than this many Londons.
READABLE_SPAN = 4.0


@dataclass(frozen=True)
class Inset:
    """The inset's axes and the seats drawn in it (ONS codes)."""

    ax: Axes
    codes: frozenset[str]


def draw_inset(
    ax: Axes,
    shapes: gpd.GeoDataFrame,
    styled: StyledLayer,
    *,
    land: Land,
    highlight: Collection[str] | None,
    tag: str,
    label_size: float,
) -> Inset | None:
    """Draw London again, larger, in the emptiest corner of ``ax``.

    Returns ``None`` (and draws nothing) when the map holds no London seat,
    only London seats, or shows London large enough already.
    """
    inside = (shapes["region"] == INSET_REGION).to_numpy()
    if not inside.any() or inside.all():
        return None
    xmin, ymin, xmax, ymax = padded_bounds(shapes.loc[inside].total_bounds)
    view_left, view_right = ax.get_xlim()
    if view_right - view_left < READABLE_SPAN * (xmax - xmin):
        return None
    fig = figure_of(ax)
    box = ax.get_window_extent()
    width = box.width * INSET_SHARE
    height = width * (ymax - ymin) / (xmax - xmin)
    corners = np.array(
        [
            (box.x1 - width, box.y1 - height, box.x1, box.y1),
            (box.x0, box.y1 - height, box.x0 + width, box.y1),
            (box.x1 - width, box.y0, box.x1, box.y0 + height),
            (box.x0, box.y0, box.x0 + width, box.y0 + height),
        ]
    )
    x0, y0, x1, y1 = corners[int(np.argmin(land.share(corners)))]
    to_figure = fig.transFigure.inverted()
    (fx0, fy0), (fx1, fy1) = to_figure.transform([(x0, y0), (x1, y1)])
    inset = fig.add_axes((fx0, fy0, fx1 - fx0, fy1 - fy0), gid="inset")
    inset.add_patch(
        Rectangle(
            (0, 0),
            1,
            1,
            transform=inset.transAxes,
            facecolor="white",
            edgecolor=INSET_EDGE,
            linewidth=INSET_EDGE_PT,
            zorder=0,
            clip_on=False,
        )
    )
    part = StyledLayer(styled.layer, styled.entries, styled.seat_entry[inside])
    draw_map(inset, shapes.loc[inside], part, highlight=highlight, tag=f"{tag}-inset")
    inset.text(
        0.03,
        0.97,
        INSET_REGION,
        transform=inset.transAxes,
        fontsize=label_size,
        fontweight="bold",
        color=TEXT_MUTED,
        ha="left",
        va="top",
        gid="inset-title",
    )
    ax.add_patch(
        Rectangle(
            (xmin, ymin),
            xmax - xmin,
            ymax - ymin,
            fill=False,
            edgecolor=INSET_EDGE,
            linewidth=INSET_EDGE_PT,
            zorder=4,
            gid="inset-area",
        )
    )
    return Inset(inset, frozenset(shapes.loc[inside, "code"]))
