"""The room labels may take on a drawn figure: its frame, what is drawn, the land.

Measured with the renderer (:func:`~mapping.image.halo.renderer_of`), in
display pixels, for :mod:`mapping.image.placement`.
"""

from __future__ import annotations

import geopandas as gpd
import shapely
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.text import Text

from .halo import renderer_of
from .placement import Land, Room, land_of


def map_land(fig: Figure, ax: Axes, shapes: gpd.GeoDataFrame, *, margin: float) -> Land:
    """Return where the seats of ``ax`` are drawn, over the figure less its margin."""
    ax.apply_aspect()
    parts = shapely.get_parts(shapes.geometry.dropna().to_numpy())
    polygons = shapely.multipolygons(
        [p for p in parts if isinstance(p, shapely.Polygon)]
    )
    to_data = ax.transData.inverted().transform
    return Land(land_of(polygons, to_data), _frame(fig, margin), cell=4 * fig.dpi / 72)


def taken_room(
    fig: Figure, *, margin: float, gap: float, within: Axes | None = None
) -> Room:
    """Return the :class:`Room` of a drawn figure: the frame less what is drawn.

    Every text already drawn (headline, subtitle, footer, legends, axes titles,
    the layer's note, the labels of other panels) is taken; the frame is the
    figure less ``margin`` inches, or the box of ``within`` (a panel of a
    series); ``gap`` points are kept between boxes.
    """
    renderer = renderer_of(fig)
    for axes in fig.axes:
        axes.apply_aspect()
    taken = []
    texts = list(fig.texts)
    for axes in fig.axes:
        texts += [*axes.texts, *_titles(axes)]
        legend = axes.get_legend()
        if legend is not None:
            taken.append(legend.get_window_extent(renderer))
    for text in texts:
        if text.get_visible() and text.get_text():
            taken.append(text.get_window_extent(renderer))
    boxes = [(b.x0, b.y0, b.x1, b.y1) for b in taken]
    frame = _frame(fig, margin)
    if within is not None:
        box = within.get_window_extent()
        frame = (box.x0, box.y0, box.x1, box.y1)
    return Room(frame, boxes, gap=gap * fig.dpi / 72)


def _frame(fig: Figure, margin: float) -> tuple[float, float, float, float]:
    bbox, inset = fig.bbox, margin * fig.dpi
    return (bbox.x0 + inset, bbox.y0 + inset, bbox.x1 - inset, bbox.y1 - inset)


def _titles(ax: Axes) -> list[Text]:
    titles = [ax.title, getattr(ax, "_left_title", None)]
    titles.append(getattr(ax, "_right_title", None))
    return [t for t in titles if t is not None]
