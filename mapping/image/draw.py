"""Drawing onto matplotlib objects: seats, legends, headings, footers and labels.

Every position comes from a plan of :mod:`mapping.image.layout`; every colour,
edge and hatch from :mod:`mapping.style` and the layer definitions. Data strings
are drawn through :func:`mapping.text.visible` and :func:`keep_text_literal`, so
what a file holds is shown as it is.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

import geopandas as gpd
import numpy as np
import shapely
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import PathPatch
from matplotlib.path import Path as MplPath
from matplotlib.text import Text

from ..layers import StyledLayer
from ..style import (
    HIGHLIGHT_EDGE,
    HIGHLIGHT_EDGE_PT,
    TEXT_MUTED,
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
from .swatches import legend_handles, legend_rows, legend_style, patch_style


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
    plan: PagePlan,
    shapes: gpd.GeoDataFrame,
    styles: Sequence[StyledLayer],
    *,
    highlight: Collection[str] | None = None,
    bounds: Sequence[float] | None = None,
) -> tuple[Figure, list[Axes]]:
    """Draw a planned page: its headline, one panel per layer, and the footer.

    ``highlight`` (seat codes) keeps those seats in colour and mutes the rest;
    ``bounds`` crops every map to an area.

    Returns
    -------
    fig, axes
        A new figure (no pyplot) and the map axes of each panel, in order.
    """
    fig = Figure(figsize=(plan.width, plan.height), dpi=plan.dpi, facecolor="white")
    draw_header(fig, plan)
    axes = []
    for panel, origin, styled in zip(plan.panels, plan.origins, styles, strict=True):
        width, height = fig.get_size_inches()
        ax = fig.add_axes(panel.map.shifted(*origin).figure_rect(width, height))
        draw_panel(
            ax, panel, shapes, styled, origin=origin, highlight=highlight, bounds=bounds
        )
        axes.append(ax)
    draw_footer(fig, plan)
    return fig, axes


def draw_header(fig: Figure, plan: PagePlan) -> None:
    """Write the headline and subtitle at the top-left margin, as figure text.

    Figure text, not an axes title: the axes' own title slot stays free for a
    notebook user's ``ax.set_title``.
    """
    width, height = fig.get_size_inches()
    top = plan.margin
    for text, size, gid in (
        (plan.title, plan.title_size, "figure-title"),
        (plan.subtitle, plan.subtitle_size, "figure-subtitle"),
    ):
        if not text:
            continue
        headline = gid == "figure-title"
        spacing = TITLE_SPACING if headline else NOTE_SPACING
        fig.text(
            plan.margin / width,
            1 - top / height,
            text,
            fontsize=size,
            fontweight="bold" if headline else "normal",
            color="black" if headline else TEXT_MUTED,
            ha="left",
            va="top",
            linespacing=spacing,
            gid=gid,
        )
        top += text_height(text, size, spacing)


def draw_panel(
    ax: Axes,
    plan: PanelPlan,
    shapes: gpd.GeoDataFrame,
    styled: StyledLayer,
    *,
    origin: tuple[float, float],
    highlight: Collection[str] | None = None,
    bounds: Sequence[float] | None = None,
) -> None:
    """Draw the map, heading and legend of a panel whose map box is ``ax``.

    ``origin`` is the panel's top-left corner in inches from the figure's.
    """
    draw_map(ax, shapes, styled, highlight=highlight, bounds=bounds)
    if plan.title or plan.note:
        draw_heading(ax, plan.title, plan.note, plan.title_size, plan.text_size)
    place_legend(
        ax, styled, plan.legend.shifted(*origin), plan.legend_columns, plan.text_size
    )


def place_legend(
    owner: Axes | Figure, styled: StyledLayer, box, columns: int, text_size: float
) -> None:
    """Draw the legend of ``styled`` with its top-left corner at ``box``'s (inches).

    ``owner`` is the panel's axes, or the figure for a legend shared by panels.
    """
    fig = owner if isinstance(owner, Figure) else figure_of(owner)
    width, height = fig.get_size_inches()
    owner.legend(
        handles=legend_handles(styled),
        loc="upper left",
        bbox_to_anchor=(box.left / width, 1 - box.top / height),
        bbox_transform=fig.transFigure,
        ncols=columns,
        **legend_style(styled, text_size),
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


def draw_footer(fig: Figure, plan: PagePlan) -> None:
    """Write the source line and, below it in smaller type, the attribution."""
    width, height = fig.get_size_inches()
    bottom = plan.margin
    for text, size, gid in (
        (plan.footer, plan.attribution_size or plan.footer_size, "attribution"),
        (plan.source, plan.footer_size, "source"),
    ):
        if not text:
            continue
        fig.text(
            plan.margin / width,
            bottom / height,
            text,
            fontsize=size,
            color=TEXT_MUTED,
            ha="left",
            va="bottom",
            linespacing=FOOTER_SPACING,
            gid=gid,
        )
        bottom += text_height(text, size, FOOTER_SPACING)


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


def draw_map(
    ax: Axes,
    shapes: gpd.GeoDataFrame,
    styled: StyledLayer,
    *,
    highlight: Collection[str] | None = None,
    bounds: Sequence[float] | None = None,
    tag: str | None = None,
) -> None:
    """Add one patch per seat (gid ``seat-<tag>-<code>``) and frame the map.

    ``highlight`` (seat codes) keeps those seats in colour, outlined, and
    mutes every other; ``bounds`` frames an area instead of every seat; ``tag``
    (default: the layer's id) keeps the ids of several panels apart.
    """
    colours = styled.colours()
    outlined = styled.outlined()
    codes = shapes["code"].to_numpy()
    tag = tag or styled.layer.id
    chosen = set(highlight) if highlight is not None else None
    # Seats with the outline cue go on top, so that no neighbour hides an outline.
    order = sorted(range(len(shapes)), key=lambda i: outlined[i])
    for i in order:
        path = _geometry_path(shapes.geometry.iloc[i])
        if path is None:
            continue
        style = patch_style(
            colours[i],
            outlined=outlined[i],
            muted=chosen is not None and codes[i] not in chosen,
        )
        if chosen is not None and codes[i] in chosen:
            style.update(edgecolor=HIGHLIGHT_EDGE, zorder=style["zorder"] + 0.5)
            style["linewidth"] = max(style["linewidth"], HIGHLIGHT_EDGE_PT)
        patch = PathPatch(path, gid=f"seat-{tag}-{visible(codes[i])}", **style)
        # add_artist, not add_patch: the limits are set below, and updating
        # them patch by patch would cost more than drawing.
        ax.add_artist(patch)
    _frame_map(ax, padded_bounds(shapes.total_bounds if bounds is None else bounds))


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
