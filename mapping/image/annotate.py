"""The story drawn on a map: seat labels, callouts and the London inset.

Runs after the page is drawn, so that every box the labels must avoid (legend,
headline, footer) is known; see :mod:`mapping.image.labels` for the placing.
"""

from __future__ import annotations

import geopandas as gpd
from matplotlib.axes import Axes
from matplotlib.text import Text

from ..layers import StyledLayer
from ..style import muted
from .draw import figure_of
from .inset import draw_inset
from .labels import LABEL_GAP, callout_marks, place_marks, seat_marks
from .room import map_land, taken_room
from .story import Story


def annotate_map(
    ax: Axes,
    shapes: gpd.GeoDataFrame,
    styled: StyledLayer,
    story: Story,
    *,
    tag: str,
    hexagons: bool,
    text_size: float,
    label_size: float,
    margin: float,
    inset: bool = True,
    within_panel: bool = False,
) -> list[Text]:
    """Draw the inset (where useful), callouts and seat labels of ``story``.

    Parameters
    ----------
    ax
        The map, already drawn and framed.
    shapes
        The seats as drawn (boundaries or hexagons), with ``code``, ``name``
        and ``region``.
    styled
        The layer as drawn: each seat's fill.
    story
        The seats to highlight, annotate and label.
    tag
        The layer (and panel) in the ids of what is drawn.
    hexagons
        Whether the seats are hexagons (they are then all the same size).
    text_size, label_size
        Type sizes of callouts and of the largest seat label (points).
    margin
        Labels stay this far inside the figure's edge (inches).
    inset
        Draw London again, larger, when the map shows more than London.
    within_panel
        Keep every label inside the map's own box (a panel of a series).

    Returns
    -------
    list of Text
        The labels and callouts drawn, each placed clear of the others.
    """
    fig = figure_of(ax)
    land = map_land(fig, ax, shapes, margin=margin)
    where = dict.fromkeys(shapes["code"], ax)
    avoid = {}
    if inset and not hexagons and story.focus_region is None:
        drawn_inset = draw_inset(
            ax,
            shapes,
            styled,
            land=land,
            highlight=story.highlight,
            tag=tag,
            label_size=label_size,
        )
        if drawn_inset is not None:
            where.update(dict.fromkeys(drawn_inset.codes, drawn_inset.ax))
            box = drawn_inset.ax.get_window_extent()
            avoid[ax] = [(box.x0, box.y0, box.x1, box.y1)]
    if not story.notes and not story.labels:
        return []
    fills = {}
    for code, colour in zip(shapes["code"], styled.colours(), strict=True):
        chosen = story.highlight is None or code in story.highlight
        fills[code] = colour if chosen else muted(colour)
    first = {code for code, _ in story.notes} | set(story.highlight or ())
    labels = seat_marks(
        where,
        shapes,
        set(story.labels),
        fills,
        tag=tag,
        hexagons=hexagons,
        max_size=label_size,
    )
    labels.sort(key=lambda mark: mark.code not in first)
    callouts = callout_marks(where, shapes, story.notes, tag=tag, size=text_size)
    room = taken_room(
        fig, margin=margin, gap=LABEL_GAP, within=ax if within_panel else None
    )
    return place_marks(fig, callouts + labels, room=room, land=land, avoid=avoid)
