"""Drawing onto matplotlib objects: seats, legends, headings, footers and labels.

Every position comes from a plan of :mod:`mapping.image.layout`; every colour,
edge and hatch from :mod:`mapping.style` and the layer definitions. Data strings
are drawn through :func:`mapping.text.visible` and :func:`keep_text_literal`, so
what a file holds is shown as it is.
"""

from __future__ import annotations

from collections.abc import Sequence

import geopandas as gpd
import numpy as np
import shapely
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Patch, PathPatch
from matplotlib.path import Path as MplPath
from matplotlib.text import Text

from ..layers import LegendEntry, StyledLayer
from ..style import (
    GAIN_OUTLINE,
    GAIN_OUTLINE_PT,
    NO_DATA_COLOUR,
    SEAT_EDGE,
    SEAT_EDGE_PT,
    SWATCH_EDGE,
    TEXT_MUTED,
    text_colour,
)
from ..text import visible
from .layout import (
    FOOTER_SPACING,
    NOTE_SCALE,
    NOTE_SPACING,
    TITLE_SPACING,
    PanelPlan,
    PanelText,
    padded_bounds,
    text_height,
)
from .pages import PagePlan

#: matplotlib's hatch closest to the page's: 45° lines (see mapping.style).
GAIN_HATCH = "////"
_HATCH_LINEWIDTH = 0.6


def figure_of(ax: Axes) -> Figure:
    """Return the figure that holds ``ax``."""
    fig = ax.get_figure(root=True)
    assert isinstance(fig, Figure), "the axes belong to no figure"
    return fig


def keep_text_literal(artist: Figure | Axes) -> None:
    """Draw every text as it is: a ``$`` in a seat name is never read as maths.

    Data strings are shown with :func:`mapping.text.visible` (control characters
    escaped) before they are drawn; this turns off mathtext for all of them.
    """
    for text in artist.findobj(Text):
        text.set_parse_math(False)


def legend_rows(styled: StyledLayer) -> list[LegendEntry]:
    """Return a layer's legend rows: its entries, and "No data" where it has gaps."""
    entries = list(styled.entries)
    if (styled.seat_entry < 0).any():
        entries.append(LegendEntry(styled.layer.no_data, NO_DATA_COLOUR))
    return entries


def panel_text(styled: StyledLayer, title: str) -> PanelText:
    """Return what a panel of ``styled`` says, as it will be drawn."""
    return PanelText(
        title=title,
        note=styled.layer.note,
        legend_title=styled.layer.title,
        legend_labels=tuple(visible(entry.label) for entry in legend_rows(styled)),
    )


# --------------------------------------------------------------------------
# Pages and panels


def draw_page(
    plan: PagePlan, shapes: gpd.GeoDataFrame, styles: Sequence[StyledLayer]
) -> tuple[Figure, list[Axes]]:
    """Draw a planned page: its title, one panel per layer, and the footer.

    Returns
    -------
    fig, axes
        A new figure (no pyplot) and the map axes of each panel, in order.
    """
    fig = Figure(figsize=(plan.width, plan.height), dpi=plan.dpi, facecolor="white")
    if plan.title:
        fig.text(
            plan.margin / plan.width,
            1 - plan.margin / plan.height,
            plan.title,
            fontsize=plan.title_size,
            fontweight="bold",
            ha="left",
            va="top",
            linespacing=TITLE_SPACING,
            gid="figure-title",
        )
    axes = []
    for panel, origin, styled in zip(plan.panels, plan.origins, styles, strict=True):
        width, height = fig.get_size_inches()
        ax = fig.add_axes(panel.map.shifted(*origin).figure_rect(width, height))
        draw_panel(ax, panel, shapes, styled, origin=origin)
        axes.append(ax)
    _draw_footer(fig, plan)
    return fig, axes


def draw_panel(
    ax: Axes,
    plan: PanelPlan,
    shapes: gpd.GeoDataFrame,
    styled: StyledLayer,
    *,
    origin: tuple[float, float],
) -> None:
    """Draw the map, heading and legend of a panel whose map box is ``ax``.

    ``origin`` is the panel's top-left corner in inches from the figure's.
    """
    fig = figure_of(ax)
    width, height = fig.get_size_inches()
    draw_map(ax, shapes, styled)
    draw_heading(ax, plan.title, plan.note, plan.title_size, plan.text_size)
    legend = plan.legend.shifted(*origin)
    ax.legend(
        handles=_legend_handles(styled),
        loc="upper left",
        bbox_to_anchor=(legend.left / width, 1 - legend.top / height),
        bbox_transform=fig.transFigure,
        ncols=plan.legend_columns,
        **_legend_style(styled, plan.text_size),
    )


def draw_heading(
    ax: Axes, title: str, note: str, title_size: float, text_size: float
) -> None:
    """Write the (wrapped) title and note above the axes, the note nearest."""
    note_size = text_size * NOTE_SCALE
    note_height = text_height(note, note_size) * 72
    if note:
        ax.annotate(
            note,
            xy=(0, 1),
            xycoords="axes fraction",
            xytext=(0, 6),
            textcoords="offset points",
            fontsize=note_size,
            color=TEXT_MUTED,
            ha="left",
            va="bottom",
            linespacing=NOTE_SPACING,
            gid="layer-note",
        )
    ax.set_title(
        title,
        loc="left",
        fontsize=title_size,
        fontweight="bold",
        pad=note_height + 8,
        linespacing=TITLE_SPACING,
    )


def _draw_footer(fig: Figure, plan: PagePlan) -> None:
    width, height = fig.get_size_inches()
    fig.text(
        plan.margin / width,
        plan.margin / height,
        plan.footer,
        fontsize=plan.footer_size,
        color=TEXT_MUTED,
        ha="left",
        va="bottom",
        linespacing=FOOTER_SPACING,
        gid="attribution",
    )


def draw_footer_below(ax: Axes, text: str, size: float) -> None:
    """Write the (wrapped) attribution just below the axes, as part of them."""
    ax.annotate(
        text,
        xy=(0, 0),
        xycoords="axes fraction",
        xytext=(0, -4),
        textcoords="offset points",
        fontsize=size,
        color=TEXT_MUTED,
        ha="left",
        va="top",
        gid="attribution",
    )


# --------------------------------------------------------------------------
# The map itself


def draw_map(ax: Axes, shapes: gpd.GeoDataFrame, styled: StyledLayer) -> None:
    """Add one patch per seat (gid ``seat-<layer>-<code>``) and frame the map."""
    colours = styled.colours()
    outlined = styled.outlined()
    codes = shapes["code"].to_numpy()
    # Seats with the outline cue go on top, so that no neighbour hides an outline.
    order = sorted(range(len(shapes)), key=lambda i: outlined[i])
    for i in order:
        path = _geometry_path(shapes.geometry.iloc[i])
        if path is None:
            continue
        patch = PathPatch(
            path,
            gid=f"seat-{styled.layer.id}-{visible(codes[i])}",
            **patch_style(colours[i], outlined=outlined[i]),
        )
        # add_artist, not add_patch: the limits are set below, and updating
        # them patch by patch would cost more than drawing.
        ax.add_artist(patch)
    _frame_map(ax, padded_bounds(shapes.total_bounds))


def patch_style(colour: str, *, outlined: bool) -> dict:
    """Return the patch keywords of a seat (or swatch) filled with ``colour``.

    An outlined one carries the gain cue: heavy dark edge and hatching in the
    text colour of the fill, the rule of :attr:`mapping.layers.LegendEntry.hatch`.
    """
    if outlined:
        return {
            "facecolor": colour,
            "edgecolor": GAIN_OUTLINE,
            "linewidth": GAIN_OUTLINE_PT,
            "hatch": GAIN_HATCH,
            "hatchcolor": text_colour(colour),
            "hatch_linewidth": _HATCH_LINEWIDTH,
            "zorder": 2,
        }
    return {
        "facecolor": colour,
        "edgecolor": SEAT_EDGE,
        "linewidth": SEAT_EDGE_PT,
        "zorder": 1,
    }


def _frame_map(ax: Axes, bounds: tuple[float, float, float, float]) -> None:
    """Fit ``bounds`` into the axes box at equal scale, centred; no axis lines."""
    xmin, ymin, xmax, ymax = bounds
    fig = figure_of(ax)
    box = ax.get_position()
    fig_width, fig_height = fig.get_size_inches()
    box_aspect = (box.height * fig_height) / (box.width * fig_width)
    cx, cy = (xmin + xmax) / 2, (ymin + ymax) / 2
    half_x, half_y = (xmax - xmin) / 2, (ymax - ymin) / 2
    if half_y / half_x > box_aspect:
        half_x = half_y / box_aspect
    else:
        half_y = half_x * box_aspect
    ax.set_xlim(cx - half_x, cx + half_x)
    ax.set_ylim(cy - half_y, cy + half_y)
    ax.set_aspect("equal", adjustable="datalim")
    ax.set_axis_off()


def _geometry_path(geometry) -> MplPath | None:
    """Return a compound path of a (multi)polygon's rings; None if it has none."""
    if geometry is None or geometry.is_empty:
        return None
    vertices = []
    codes = []
    for part in shapely.get_parts(geometry):
        if not isinstance(part, shapely.Polygon):
            continue
        for ring in (part.exterior, *part.interiors):
            xy = shapely.get_coordinates(ring)
            ring_codes = np.full(len(xy), MplPath.LINETO, dtype=MplPath.code_type)
            ring_codes[0] = MplPath.MOVETO
            ring_codes[-1] = MplPath.CLOSEPOLY
            vertices.append(xy)
            codes.append(ring_codes)
    if not vertices:
        return None
    return MplPath(np.concatenate(vertices), np.concatenate(codes))


def _legend_handles(styled: StyledLayer) -> list[Patch]:
    handles = []
    for entry in legend_rows(styled):
        style = patch_style(entry.colour, outlined=entry.outlined)
        if not entry.outlined:
            # A thin grey edge keeps pale swatches visible on white.
            style.update(edgecolor=SWATCH_EDGE, linewidth=SEAT_EDGE_PT)
        handles.append(Patch(label=visible(entry.label), **style))
    return handles


def _legend_style(styled: StyledLayer, size: float) -> dict:
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
