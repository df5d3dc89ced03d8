"""Seat names and callouts on the map, placed so that no two collide.

Each label is anchored on a good interior point of its seat (``shapely.
polylabel``), sized to the seat and legible on its fill. A label is tried at
its anchor and nearby, then smaller; one that still does not fit moves off its
seat to the nearest free room, preferring background, with a leader line back
to its anchor. Callouts (``--annotate``) always sit off their seat, with a
leader line. Nothing placed overlaps another label or callout, the legend, the
headline, the footer, the inset or the frame: every box is measured by the
renderer and checked by :class:`~mapping.image.placement.Room`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import shapely
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.text import Text
from shapely.ops import polylabel

from ..hexes import HEX_SIZE_M, short_label
from ..style import (
    CALLOUT_TEXT,
    HALO_SHARE,
    LABEL_HALO,
    LEADER_LINE,
    LEADER_LINE_PT,
    label_ink,
)
from ..text import visible
from .halo import HaloText, renderer_of
from .layout import text_width, wrap
from .placement import (
    CALLOUT_LAND_COST,
    LAND_COST,
    RADII,
    Land,
    Room,
    best_spot,
    nearest_point,
    ring,
)

MIN_LABEL_SIZE = 3.0  # points
#: Labels moved off their seat are never smaller than this (points).
MIN_LEADER_SIZE = 4.5
#: Callouts wrap to this width (inches).
CALLOUT_WIDTH = 1.8
#: Space kept around every label, in points.
LABEL_GAP = 1.0
#: Smaller sizes tried for a label before it moves off its seat.
SHRINK_STEPS = (0.85, 0.7)


@dataclass
class Mark:
    """One label or callout to place: its text, where it points, how it looks."""

    code: str
    text: str
    ax: Axes
    anchor: tuple[float, float]  # data units of ``ax``
    size: float
    colour: str
    halo: str
    gid: str
    in_seat: bool
    room_for: float = 0.0  # the seat's width in points, for labels


def anchor_of(geometry) -> shapely.Point:
    """Return a good interior point of a seat: the pole of inaccessibility.

    For a seat of several parts, the pole of the largest part.
    """
    parts = [p for p in shapely.get_parts(geometry) if isinstance(p, shapely.Polygon)]
    largest = max(parts, key=lambda part: part.area)
    tolerance = max(1.0, math.sqrt(largest.area) / 50)
    return polylabel(largest, tolerance=tolerance)


def seat_marks(
    where: Mapping[str, Axes],
    shapes: gpd.GeoDataFrame,
    codes: set[str],
    fills: Mapping[str, str],
    *,
    tag: str,
    hexagons: bool,
    max_size: float,
) -> list[Mark]:
    """Return the label of each seat of ``codes``, sized to its seat.

    ``where`` gives the axes each seat is drawn in; ``fills`` its fill as drawn.
    Most labels share one size; only names too long for their seat get smaller.
    """
    fits = []
    for code, name, geometry in zip(
        shapes["code"], shapes["name"], shapes.geometry, strict=True
    ):
        if code not in codes or code not in where or geometry is None:
            continue
        if geometry.is_empty:
            continue
        ax = where[code]
        if hexagons:
            room = math.sqrt(3) * HEX_SIZE_M * 0.86
        else:
            left, _, right, _ = geometry.bounds
            room = min(right - left, 1.2 * math.sqrt(geometry.area))
        label = short_label(visible(name))
        widest = max(text_width(line, 1.0) for line in label.split("\n")) * 72
        room_points = room * _points_per_unit(ax)
        fits.append((code, ax, anchor_of(geometry), label, room_points / widest))
    if not fits:
        return []
    common = min(max_size, float(np.percentile([fit for *_, fit in fits], 25)))
    marks = []
    for code, ax, anchor, label, fit in fits:
        fill = fills[code]
        marks.append(
            Mark(
                code=code,
                text=label,
                ax=ax,
                anchor=(anchor.x, anchor.y),
                size=max(MIN_LABEL_SIZE, min(common, fit)),
                colour=label_ink(fill),
                halo=fill,
                gid=f"label-{tag}-{visible(code)}",
                in_seat=True,
                room_for=max(common, MIN_LEADER_SIZE),
            )
        )
    return marks


def callout_marks(
    where: Mapping[str, Axes],
    shapes: gpd.GeoDataFrame,
    notes: tuple[tuple[str, str], ...],
    *,
    tag: str,
    size: float,
) -> list[Mark]:
    """Return a callout for each ``(code, text)``: the seat's name, then the text."""
    names = dict(zip(shapes["code"], shapes["name"], strict=True))
    geometries = dict(zip(shapes["code"], shapes.geometry, strict=True))
    marks = []
    for code, note in notes:
        if code not in where:
            continue
        name, geometry = names[code], geometries[code]
        anchor = anchor_of(geometry)
        text = wrap(f"{visible(name)}: {visible(note)}", CALLOUT_WIDTH, size)
        marks.append(
            Mark(
                code=code,
                text=text,
                ax=where[code],
                anchor=(anchor.x, anchor.y),
                size=size,
                colour=CALLOUT_TEXT,
                halo=LABEL_HALO,
                gid=f"callout-{tag}-{visible(code)}",
                in_seat=False,
            )
        )
    return marks


def place_marks(
    fig: Figure,
    marks: list[Mark],
    *,
    room: Room,
    land: Land | None,
    avoid: Mapping[Axes, list] | None = None,
) -> list[Text]:
    """Draw every mark where it collides with nothing; return the texts drawn.

    Callouts come first; then labels are tried on their seat, all of them,
    and those that did not fit move off with a leader line. ``avoid``
    gives, per axes, boxes its marks must also keep clear of (the inset, for
    the main map). A mark with no free room anywhere is left out rather than
    drawn over something.
    """
    renderer = renderer_of(fig)
    drawn: list[Text] = []
    avoid = avoid or {}
    callouts = [mark for mark in marks if not mark.in_seat]
    labels = [mark for mark in marks if mark.in_seat]
    moved = []
    for mark in callouts:
        text = _place_off_seat(mark, renderer, room, land, avoid.get(mark.ax, []))
        if text is not None:
            drawn.append(text)
    for mark in labels:
        text = _place_on_seat(mark, renderer, room, avoid.get(mark.ax, []))
        if text is None:
            moved.append(mark)
        else:
            drawn.append(text)
    for mark in moved:
        text = _place_off_seat(mark, renderer, room, land, avoid.get(mark.ax, []))
        if text is not None:
            drawn.append(text)
    return drawn


def _new_text(mark: Mark, size: float, *, on_seat: bool) -> HaloText:
    text = HaloText(
        mark.anchor[0],
        mark.anchor[1],
        mark.text,
        fontsize=size,
        color=mark.colour if on_seat else CALLOUT_TEXT,
        ha="center",
        va="center",
        multialignment="center" if on_seat else "left",
        linespacing=1.0 if on_seat else 1.15,
        zorder=6 if mark.in_seat else 7,
        gid=mark.gid,
        halo=mark.halo if on_seat else LABEL_HALO,
        halo_width=size * HALO_SHARE,
        clip_on=False,
        parse_math=False,
    )
    mark.ax.add_artist(text)
    text.set_transform(mark.ax.transData)
    return text


def _extent(text: Text, renderer) -> np.ndarray:
    box = text.get_window_extent(renderer)
    return np.array([box.x0, box.y0, box.x1, box.y1])


def _move(text: Text, mark: Mark, extent: np.ndarray, target: np.ndarray) -> None:
    """Move ``text`` so that its box, now ``extent``, becomes ``target``."""
    to_display = mark.ax.transData
    x, y = to_display.transform(text.get_position())
    x += target[0] - extent[0]
    y += target[1] - extent[1]
    text.set_position(tuple(to_display.inverted().transform((x, y))))


def _place_on_seat(mark: Mark, renderer, room: Room, avoid: list) -> Text | None:
    anchor = mark.ax.transData.transform(mark.anchor)
    if not mark.ax.bbox.contains(*anchor):
        return None  # outside the view
    text = _new_text(mark, mark.size, on_seat=True)
    for scale in (1.0, *SHRINK_STEPS):
        size = mark.size * scale
        if size < MIN_LABEL_SIZE:
            break
        text.set_fontsize(size)
        extent = _extent(text, renderer)
        height = extent[3] - extent[1]
        width = extent[2] - extent[0]
        boxes, distances = ring(anchor, width, height, [0.0, 0.15 * height])
        free = room.free(boxes, avoid)
        if free.any():
            choice = int(np.argmax(free))  # the nearest: the anchor first
            _move(text, mark, extent, boxes[choice])
            room.take(boxes[choice])
            return text
    text.remove()
    return None


def _place_off_seat(
    mark: Mark, renderer, room: Room, land: Land | None, avoid: list
) -> Text | None:
    anchor = mark.ax.transData.transform(mark.anchor)
    if not mark.ax.bbox.contains(*anchor):
        return None
    size = mark.room_for if mark.in_seat else mark.size
    text = _new_text(mark, size, on_seat=False)
    extent = _extent(text, renderer)
    height = extent[3] - extent[1]
    unit = size * renderer.points_to_pixels(1.0) * 1.2  # one line
    start = 1 if mark.in_seat else 2  # callouts stand further off
    radii = [r * unit for r in RADII[start:]]
    boxes, distances = ring(anchor, extent[2] - extent[0], height, radii)
    choice = best_spot(
        boxes,
        distances,
        room,
        land=land,
        unit=unit,
        extra=avoid,
        land_cost=LAND_COST if mark.in_seat else CALLOUT_LAND_COST,
    )
    if choice is None:
        text.remove()
        return None
    box = boxes[choice]
    _move(text, mark, extent, box)
    room.take(box)
    _leader(mark, anchor, box)
    return text


def _leader(mark: Mark, anchor: np.ndarray, box: np.ndarray) -> None:
    """Draw a line from the seat's anchor to the nearest point of the text's box."""
    end = nearest_point(box, anchor)
    to_data = mark.ax.transData.inverted()
    (x0, y0), (x1, y1) = to_data.transform(np.array([anchor, end], dtype=float))
    line = Line2D(
        [x0, x1],
        [y0, y1],
        color=LEADER_LINE,
        linewidth=LEADER_LINE_PT,
        marker="o",
        markevery=[0],
        markersize=LEADER_LINE_PT * 4,
        zorder=6.5,
        gid=f"leader-{mark.gid}",
        clip_on=False,
    )
    mark.ax.add_line(line)


def _points_per_unit(ax: Axes) -> float:
    """Return how many points one data unit (metre) of ``ax`` spans."""
    fig = ax.get_figure(root=True)
    assert fig is not None
    xmin, xmax = ax.get_xlim()
    return ax.get_position().width * fig.get_size_inches()[0] * 72 / (xmax - xmin)
