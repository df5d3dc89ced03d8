"""Static images of a layer: the renderers, their presets and option checks.

The renderers draw only what an :class:`~mapping.dataset.ElectionData` carries:
its seats, title, hex layout and credits. They read the same layer definitions
as the interactive map (:func:`mapping.layers.style_layer`), so a colour, a
class break or a legend label can never differ between the two, and build
:class:`matplotlib.figure.Figure` objects directly (no ``pyplot`` and no global
state).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import geopandas as gpd
import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from ..dataset import ElectionData
from ..errors import ImageOptionError
from ..hexes import hex_frame
from ..layers import REQUIRED_LAYERS, StyledLayer, get_layer, style_layer
from ..text import visible
from .annotate import annotate_map
from .draw import (
    draw_footer_below,
    draw_page,
    draw_panel,
    figure_of,
    keep_text_literal,
    panel_text,
)
from .layout import map_aspect, plan_beside_map, wrap
from .pages import Editorial, plan_grid, plan_page
from .presets import PRESETS, Preset
from .story import Story, tell_story
from .words import editorial

View = Literal["geo", "hex"]
PresetName = Literal["web", "social", "square", "print", "print-a5"]

#: Seat labels are at most this size relative to the legend text.
LABEL_SCALE = 0.8


def render_image(
    data: ElectionData,
    layer_id: str,
    *,
    view: View = "geo",
    preset: PresetName = "web",
    labels: bool = False,
    ax: Axes | None = None,
    title: str | None = None,
    subtitle: str | None = None,
    source: str | None = None,
    highlight: Sequence[str] = (),
    annotate: Sequence[tuple[str, str]] = (),
    label: Sequence[str] = (),
    focus: Sequence[str] = (),
) -> tuple[Figure, Axes]:
    """Draw one layer of one election as a static map.

    Parameters
    ----------
    data
        The seats of one election with their title, hex layout and credits, as
        :func:`mapping.load_data` returns them.
    layer_id
        A layer of :func:`mapping.layers.layers_for` (``"winner"``, ``"gains"``,
        ``"majority"``, ``"remain"``, ...).
    view
        ``"geo"`` (real boundaries) or ``"hex"`` (one equal hexagon per seat).
    preset
        ``"web"`` (1600 px wide), ``"social"`` (1200 × 675 px), ``"square"``
        (1080 × 1080 px), ``"print"`` (A4) or ``"print-a5"`` (A5), 300 dpi.
    labels
        Write every seat's (shortened) name on the map: ``label=("all",)``.
    ax
        Draw into these axes instead of a new figure; the legend goes to their
        right and the attribution below them.
    title, subtitle, source
        Replace the headline, the subtitle (the layer's definition) and the
        short source line; the full attribution is always drawn.
    highlight
        Seat names to keep in colour; every other seat is muted.
    annotate
        ``(seat name, text)`` callouts, drawn off the seat with a leader line.
    label
        ``("gains",)``, ``("all",)`` or seat names to write on the map.
    focus
        Seat names, or one region name, to crop the map to.

    Returns
    -------
    fig, ax
        The figure and the axes holding the map. The axes' title slot is free:
        the headline is figure text, so ``ax.set_title`` collides with nothing.

    Raises
    ------
    ImageOptionError
        For an unknown view or preset, a hex view of seats that have no hex
        layout, no seats at all, or a seat name that matches no seat (the
        message names it and suggests the closest).
    UnknownLayerError
        For a layer these seats do not have, naming those they have.
    """
    _check_seats(data)
    spec = _preset(preset)
    styled = style_layer(data.seats, get_layer(layer_id, data.seats))
    shapes = _view_frame(data, view)
    story = tell_story(
        data.seats,
        shapes,
        highlight=highlight,
        annotate=annotate,
        label=label or (("all",) if labels else ()),
        focus=focus,
    )
    words = editorial(
        data,
        styled.layer,
        view=view,
        layer_ids=[layer_id],
        title=title,
        subtitle=subtitle,
        source=source,
    )
    drawn: Figure | Axes
    if ax is None:
        fig, ax = _render_page(shapes, styled, words=words, spec=spec, story=story)
        drawn = fig
    else:
        fig = figure_of(ax)
        _render_into(ax, shapes, styled, words=words, spec=spec, story=story)
        drawn = ax  # the rest of the caller's figure is theirs
    annotate_map(
        ax,
        shapes,
        styled,
        story,
        tag=layer_id,
        hexagons=view == "hex",
        text_size=spec.text_size,
        label_size=spec.text_size * LABEL_SCALE,
        margin=spec.margin if drawn is fig else 0.0,
        inset=drawn is fig,
    )
    keep_text_literal(drawn)
    return fig, ax


def render_small_multiples(
    data: ElectionData,
    *,
    view: View = "geo",
    preset: PresetName = "print",
    title: str | None = None,
    subtitle: str | None = None,
    source: str | None = None,
) -> tuple[Figure, np.ndarray]:
    """Draw the four required layers side by side, each with its own legend.

    Parameters
    ----------
    data
        The seats of one election with their title, hex layout and credits, as
        :func:`mapping.load_data` returns them.
    view
        ``"geo"`` or ``"hex"``.
    preset
        ``"print"`` (A4 portrait, default), or any other preset.
    title, subtitle, source
        Replace the headline (the data's title), add a subtitle, replace the
        short source line.

    Returns
    -------
    fig, axes
        The figure and a 2 × 2 array of map axes in the order of
        :data:`mapping.layers.REQUIRED_LAYERS`.

    Raises
    ------
    ImageOptionError
        As :func:`render_image` does.
    """
    _check_seats(data)
    spec = _preset(preset)
    shapes = _view_frame(data, view)
    styles = [style_layer(data.seats, layer) for layer in REQUIRED_LAYERS]
    words = editorial(
        data,
        None,
        view=view,
        layer_ids=[layer.id for layer in REQUIRED_LAYERS],
        title=title,
        subtitle=subtitle,
        source=source,
        default_title=visible(data.title),
    )
    plan = plan_grid(
        [panel_text(styled, styled.layer.title) for styled in styles],
        preset=spec,
        aspect=map_aspect(shapes.total_bounds),
        words=words,
    )
    fig, axes = draw_page(plan, shapes, styles)
    keep_text_literal(fig)
    grid = np.empty((2, 2), dtype=object)
    for i, ax in enumerate(axes):
        grid[divmod(i, 2)] = ax
    return fig, grid


# --------------------------------------------------------------------------
# Options


def _preset(name: str) -> Preset:
    if name not in PRESETS:
        raise ImageOptionError(
            f"unknown image preset {name!r}; choose one of {', '.join(PRESETS)}"
        )
    return PRESETS[name]


def _check_seats(data: ElectionData) -> None:
    if data.seats.empty:
        raise ImageOptionError(
            f"no seats to draw for the {data.election} election; check the region"
        )


def _view_frame(data: ElectionData, view: str) -> gpd.GeoDataFrame:
    if view == "geo":
        return data.seats
    if view != "hex":
        raise ImageOptionError(f"unknown view {view!r}; choose 'geo' or 'hex'")
    if data.hex_layout is None:
        raise ImageOptionError(
            "these seats have no hex layout (areas of your own); use --view geo"
        )
    return hex_frame(data.seats, data.hex_layout)


# --------------------------------------------------------------------------
# Rendering


def _render_page(
    shapes: gpd.GeoDataFrame,
    styled: StyledLayer,
    *,
    words: Editorial,
    spec: Preset,
    story: Story,
) -> tuple[Figure, Axes]:
    plan = plan_page(
        panel_text(styled, words.title),
        preset=spec,
        aspect=map_aspect(story.focus or shapes.total_bounds),
        words=words,
    )
    fig, (ax,) = draw_page(
        plan, shapes, [styled], highlight=story.highlight, bounds=story.focus
    )
    return fig, ax


def _render_into(
    ax: Axes,
    shapes: gpd.GeoDataFrame,
    styled: StyledLayer,
    *,
    words: Editorial,
    spec: Preset,
    story: Story,
) -> None:
    """Draw into axes the caller owns: legend to the right, attribution below.

    The axes are the map's box: the panel is planned around it with the page's
    layout and drawn by the page's own :func:`~mapping.image.draw.draw_panel`.
    """
    fig = figure_of(ax)
    fig_width, fig_height = fig.get_size_inches()
    box = ax.get_position()
    width, height = box.width * fig_width, box.height * fig_height
    plan = plan_beside_map(
        panel_text(styled, words.title),
        map_width=width,
        map_height=height,
        title_size=spec.title_size,
        text_size=spec.text_size,
    )
    origin = (box.x0 * fig_width, (1 - box.y1) * fig_height)
    draw_panel(
        ax,
        plan,
        shapes,
        styled,
        origin=origin,
        highlight=story.highlight,
        bounds=story.focus,
    )
    footer = wrap(words.attribution, width, spec.small_size)
    draw_footer_below(ax, footer, spec.small_size)
