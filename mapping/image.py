"""Static images of a layer (PNG, SVG, PDF), drawn with matplotlib.

The renderer reads the same layer definitions as the interactive map
(:func:`mapping.layers.style_layer`), so a colour, a class break or a legend label
can never differ between the two. It builds :class:`matplotlib.figure.Figure`
objects directly (no ``pyplot`` and no global state): :func:`render_image` and
:func:`render_small_multiples` return ``(fig, ax)`` for notebook users, and
:func:`save_figure` writes a file whose format follows its suffix.

The layout is computed in inches from the preset, not by ``tight_layout`` or
``bbox_inches="tight"``, so that the ``social`` preset is exactly 1200 × 675
pixels and the same command always writes the same bytes.
"""

from __future__ import annotations

import io
import math
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, TypeVar

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from matplotlib import patheffects, rc_context
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.patches import Patch, PathPatch
from matplotlib.path import Path as MplPath
from matplotlib.text import Text
from matplotlib.textpath import text_to_path

from .elections import get_election
from .errors import MappingError
from .hexes import HEX_SIZE_M, hex_frame, short_label
from .layers import (
    REQUIRED_LAYERS,
    Layer,
    LegendEntry,
    StyledLayer,
    get_layer,
    layers_for,
    style_layer,
)
from .output import write_atomically
from .package import attribution
from .parties import get_party
from .style import (
    GAIN_OUTLINE,
    GAIN_OUTLINE_PT,
    NO_DATA_COLOUR,
    SEAT_EDGE,
    SEAT_EDGE_PT,
    SWATCH_EDGE,
    TEXT_MUTED,
    election_title,
    format_percent,
    text_colour,
)
from .text import visible

View = Literal["geo", "hex"]
PresetName = Literal["web", "social", "print"]
_T = TypeVar("_T")

#: File formats :func:`save_figure` writes, by suffix.
FORMATS = {".png": "png", ".svg": "svg", ".pdf": "pdf"}
#: Settings that make files reproducible and keep SVG text as text.
_SAVE_RC: dict = {"svg.fonttype": "none", "svg.hashsalt": "london-maps"}
_METADATA = {
    "png": {"Software": None},
    "svg": {"Date": None},
    "pdf": {"CreationDate": None, "ModDate": None},
}
#: matplotlib's hatch closest to the page's: 45° lines (see mapping.style).
_GAIN_HATCH = "////"
#: Size of a layer's note relative to the legend text.
_NOTE_SCALE = 0.92
_MIN_LABEL_SIZE = 3.0  # points


class ImageFormatError(MappingError, ValueError):
    """A file suffix that :func:`save_figure` cannot write."""


class ImageOptionError(MappingError, ValueError):
    """An unknown layer, view or preset."""


@dataclass(frozen=True)
class _Preset:
    """Size and type scale of one kind of image (sizes in inches and points).

    ``height`` fixes the height; without it the image is as tall as its content
    needs, up to ``max_height``.
    """

    dpi: int
    width: float
    height: float | None
    max_height: float | None
    margin: float
    title_size: float
    text_size: float
    small_size: float
    legend_side: Literal["right", "below"]


PRESETS: dict[str, _Preset] = {
    # 1600 px wide, as tall as the content needs.
    "web": _Preset(200, 8.0, None, None, 0.25, 13.0, 8.5, 6.5, "right"),
    # Exactly 1200 × 675 px.
    "social": _Preset(150, 8.0, 4.5, None, 0.2, 12.5, 8.0, 6.0, "right"),
    # A4 width at 300 dpi (2481 px), no taller than A4 portrait (3507 px).
    "print": _Preset(300, 8.27, None, 11.69, 0.5, 16.0, 10.0, 7.5, "below"),
}
#: Small multiples shrink the type of each panel by this factor.
_GRID_SCALE = 0.78


# --------------------------------------------------------------------------
# Public API


def render_image(
    frame: gpd.GeoDataFrame,
    layer_id: str,
    *,
    election: int,
    region_label: str,
    view: View = "geo",
    preset: PresetName = "web",
    labels: bool = False,
    ax: Axes | None = None,
) -> tuple[Figure, Axes]:
    """Draw one layer of one election as a static map.

    Parameters
    ----------
    frame
        Seats of one election, as returned by :func:`mapping.load_election`
        (EPSG:27700).
    layer_id
        A layer of :func:`mapping.layers.layers_for` (``"winner"``, ``"gains"``,
        ``"majority"``, ``"remain"``, ...).
    election
        The election year, for the title and the hex layout.
    region_label
        The region as the title names it, e.g. ``"London"``.
    view
        ``"geo"`` (real boundaries) or ``"hex"`` (one equal hexagon per seat).
    preset
        ``"web"`` (1600 px wide), ``"social"`` (1200 × 675 px) or ``"print"``
        (A4 portrait, 300 dpi).
    labels
        Write each seat's (shortened) name on the map.
    ax
        Draw into these axes instead of a new figure; the legend goes to their
        right and the attribution below them.

    Returns
    -------
    fig, ax
        The figure and the axes holding the map.

    Raises
    ------
    ImageOptionError
        For an unknown layer, view or preset.
    """
    _check_seats(frame, election)
    spec = _preset(preset)
    styled = style_layer(frame, _layer(layer_id, frame))
    shapes = _view_frame(frame, view, election)
    title = f"{styled.layer.title} — {_title(frame, region_label, election)}"
    if ax is None:
        fig, ax = _render_page(
            shapes, styled, title=title, spec=spec, labels=labels, view=view
        )
        _keep_text_literal(fig)
    else:
        fig = _figure_of(ax)
        _render_into(
            ax, shapes, styled, title=title, spec=spec, labels=labels, view=view
        )
        _keep_text_literal(ax)
    return fig, ax


def render_small_multiples(
    frame: gpd.GeoDataFrame,
    *,
    election: int,
    region_label: str,
    view: View = "geo",
    preset: PresetName = "print",
) -> tuple[Figure, np.ndarray]:
    """Draw the four required layers side by side, each with its own legend.

    Parameters
    ----------
    frame
        Seats of one election, as returned by :func:`mapping.load_election`.
    election
        The election year, for the title and the hex layout.
    region_label
        The region as the title names it, e.g. ``"London"``.
    view
        ``"geo"`` or ``"hex"``.
    preset
        ``"print"`` (A4 portrait, default), ``"web"`` or ``"social"``.

    Returns
    -------
    fig, axes
        The figure and a 2 × 2 array of map axes in the order of
        :data:`mapping.layers.REQUIRED_LAYERS`.
    """
    _check_seats(frame, election)
    spec = _preset(preset)
    shapes = _view_frame(frame, view, election)
    styles = [style_layer(frame, layer) for layer in REQUIRED_LAYERS]
    title = _title(frame, region_label, election)
    fig, axes = _render_grid(shapes, styles, title=title, spec=spec)
    _keep_text_literal(fig)
    return fig, axes


def _figure_of(ax: Axes) -> Figure:
    fig = ax.get_figure(root=True)
    assert isinstance(fig, Figure), "the axes belong to no figure"
    return fig


def _keep_text_literal(artist: Figure | Axes) -> None:
    """Draw every text as it is: a ``$`` in a seat name is never read as maths.

    Data strings are shown with :func:`mapping.text.visible` (control characters
    escaped) before they are drawn; this turns off mathtext for all of them.
    """
    for text in artist.findobj(Text):
        text.set_parse_math(False)


def save_figure(fig: Figure, path: str | os.PathLike[str]) -> Path:
    """Write ``fig`` to ``path`` as PNG, SVG or PDF, chosen by the suffix.

    The file is reproducible (no dates or software versions inside, fixed SVG
    ids) and written atomically: the figure goes to a temporary file in the same
    folder, which then replaces ``path``, so a failure never leaves a partial
    file behind. SVG keeps its text as text.

    Parameters
    ----------
    fig
        The figure to write.
    path
        Destination; its suffix (``.png``, ``.svg`` or ``.pdf``) picks the format.

    Returns
    -------
    Path
        The path written.

    Raises
    ------
    ImageFormatError
        When the suffix is not one of the formats above.
    """
    path = Path(path)
    return write_atomically(path, figure_bytes(fig, check_suffix(path)))


def check_suffix(path: Path) -> str:
    """Return the format that the suffix of ``path`` names, or raise."""
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        allowed = ", ".join(FORMATS)
        raise ImageFormatError(
            f"cannot write {str(path)!r}: unknown image suffix "
            f"{path.suffix or '(none)'!r}; use one of {allowed}"
        )
    return fmt


def figure_bytes(fig: Figure, fmt: str) -> bytes:
    """Return the bytes of ``fig`` as a ``png``, ``svg`` or ``pdf`` file."""
    buffer = io.BytesIO()
    with rc_context(_SAVE_RC):
        fig.savefig(buffer, format=fmt, dpi=fig.dpi, metadata=_METADATA[fmt])
    return buffer.getvalue()


def alt_text(
    frame: pd.DataFrame, layer_id: str, *, election: int, region_label: str
) -> str:
    """Describe a layer's map in a few sentences, for accessible publishing.

    Parameters
    ----------
    frame
        Seats of one election, as returned by :func:`mapping.load_election`.
    layer_id
        The layer the image shows.
    election
        The election year.
    region_label
        The region as the title names it, e.g. ``"London"``.

    Returns
    -------
    str
        The layer, election and region; seats won by each party; the largest and
        smallest majority; and a summary of what the layer shows (the gains, or
        the range of a classed layer).
    """
    _check_seats(frame, election)
    layer = _layer(layer_id, frame)
    seats = len(frame)
    counts = frame["winner"].value_counts()
    order = sorted(counts.index, key=lambda code: (-counts[code], code))
    won = ", ".join(f"{get_party(code).name} {counts[code]}" for code in order)
    sentences = [
        f"Map: {layer.title} — {_title(frame, region_label, election)}, {seats} seats.",
        f"Seats won: {won}.",
        _majority_sentence(frame),
    ]
    if layer.kind == "gain":
        sentences.append(_gains_sentence(frame))
    elif layer.kind == "classed" and layer.column != "majority_pct":
        # The majority layer's range is the sentence on majorities above.
        sentences.append(_range_sentence(frame, layer))
    # Alt text is pasted into pages and captions: control characters show escaped.
    return visible(" ".join(sentence for sentence in sentences if sentence))


# --------------------------------------------------------------------------
# Options


def _preset(name: str) -> _Preset:
    if name not in PRESETS:
        raise ImageOptionError(
            f"unknown image preset {name!r}; choose one of {', '.join(PRESETS)}"
        )
    return PRESETS[name]


def _layer(layer_id: str, frame: pd.DataFrame) -> Layer:
    try:
        return get_layer(layer_id, frame)
    except KeyError:
        known = ", ".join(layer.id for layer in layers_for(frame))
        raise ImageOptionError(
            f"no layer {layer_id!r} for these seats; choose one of {known}"
        ) from None


def _title(frame: pd.DataFrame, region_label: str, election: int) -> str:
    """Return the map's title, worded as the HTML map's (missing seats counted)."""
    missing = int(frame["winner"].isna().sum())
    return election_title(visible(region_label), election, missing=missing)


def _check_seats(frame: pd.DataFrame, election: int) -> None:
    if frame.empty:
        raise ImageOptionError(
            f"no seats to draw for the {election} election; check the region"
        )


def _view_frame(frame: gpd.GeoDataFrame, view: str, election: int) -> gpd.GeoDataFrame:
    if view == "geo":
        return frame
    if view == "hex":
        return hex_frame(frame, get_election(election).boundary_set.id)
    raise ImageOptionError(f"unknown view {view!r}; choose 'geo' or 'hex'")


# --------------------------------------------------------------------------
# Layout, in inches from the top-left corner of a panel


@dataclass(frozen=True)
class _Box:
    """A rectangle in inches: left, top (downwards) and size."""

    left: float
    top: float
    width: float
    height: float

    def shifted(self, left: float, top: float) -> _Box:
        return _Box(self.left + left, self.top + top, self.width, self.height)

    def figure_rect(
        self, fig_width: float, fig_height: float
    ) -> tuple[float, float, float, float]:
        bottom = fig_height - self.top - self.height
        return (
            self.left / fig_width,
            bottom / fig_height,
            self.width / fig_width,
            self.height / fig_height,
        )


@dataclass(frozen=True)
class _PanelPlan:
    """Where the title, note, map and legend of one panel go."""

    title: str
    note: str
    title_size: float
    text_size: float
    map: _Box
    legend: _Box
    legend_columns: int
    height: float


def _text_width(text: str, size: float, *, bold: bool = False) -> float:
    """Width in inches of one line of ``text`` at ``size`` points (default font)."""
    prop = FontProperties(size=size, weight="bold" if bold else "normal")
    width, _, _ = text_to_path.get_text_width_height_descent(text, prop, ismath=False)
    return width / 72


def _wrap(text: str, width: float, size: float, *, bold: bool = False) -> str:
    """Wrap ``text`` into lines no wider than ``width`` inches at ``size`` points."""
    lines: list[str] = []
    for word in text.split():
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and _text_width(candidate, size, bold=bold) <= width:
            lines[-1] = candidate
        else:
            lines.append(word)
    return "\n".join(lines)


def _text_height(text: str, size: float, spacing: float = 1.3) -> float:
    return 0.0 if not text else (text.count("\n") + 1) * size * spacing / 72


def _legend_rows(styled: StyledLayer) -> list[LegendEntry]:
    entries = list(styled.entries)
    if (styled.seat_entry < 0).any():
        entries.append(LegendEntry(styled.layer.no_data, NO_DATA_COLOUR))
    return entries


def _plan_panel(
    styled: StyledLayer,
    *,
    title: str,
    width: float,
    height: float | None,
    aspect: float,
    title_size: float,
    text_size: float,
    legend_side: str,
) -> _PanelPlan:
    """Lay out one panel ``width`` inches wide (and ``height`` tall, if given).

    The map keeps the aspect of the seats; the legend goes to its right or below
    it and takes more columns when it would otherwise be taller than the panel.
    """
    title = _wrap(title, width, title_size, bold=True)
    note = _wrap(styled.layer.note, width, text_size * _NOTE_SCALE)
    header = (
        _text_height(title, title_size, 1.2)
        + _text_height(note, text_size * _NOTE_SCALE)
        + 0.15
    )
    rows = _legend_rows(styled)
    labels = [visible(entry.label) for entry in rows]
    # Swatch, padding and column spacing come to about 3.2 ems.
    column_width = max(_text_width(label, text_size) for label in labels)
    column_width += 3.2 * text_size / 72
    legend_title = _text_width(styled.layer.title, text_size)
    row_height = text_size * 1.6 / 72
    gap = 0.15
    if legend_side == "right":
        columns = 1
        if height is not None:
            fitting = max(1, int((height - header) / row_height) - 1)
            columns = math.ceil(len(rows) / fitting)
        legend_width = max(columns * column_width, legend_title)
        legend_height = (math.ceil(len(rows) / columns) + 1) * row_height
        map_width = width - legend_width - gap
        if height is not None:
            map_width = min(map_width, (height - header) / aspect)
        map_height = map_width * aspect
        map_box = _Box(0.0, header, map_width, map_height)
        legend = _Box(map_width + gap, header, legend_width, legend_height)
        body = max(map_height, legend_height)
    else:
        columns = max(1, min(len(rows), int(width // column_width), 4))
        legend_height = (math.ceil(len(rows) / columns) + 1) * row_height
        map_width = width
        if height is not None:
            map_width = min(width, (height - header - gap - legend_height) / aspect)
        map_height = map_width * aspect
        offset = (width - map_width) / 2
        map_box = _Box(offset, header, map_width, map_height)
        legend = _Box(offset, header + map_height + gap, map_width, legend_height)
        body = map_height + gap + legend_height
    return _PanelPlan(
        title,
        note,
        title_size,
        text_size,
        map_box,
        legend,
        columns,
        header + body,
    )


def _aspect(shapes: gpd.GeoDataFrame) -> float:
    xmin, ymin, xmax, ymax = _padded_bounds(shapes)
    return (ymax - ymin) / (xmax - xmin)


def _padded_bounds(shapes: gpd.GeoDataFrame) -> tuple[float, float, float, float]:
    xmin, ymin, xmax, ymax = shapes.total_bounds
    pad = 0.015 * max(xmax - xmin, ymax - ymin)
    return xmin - pad, ymin - pad, xmax + pad, ymax + pad


# --------------------------------------------------------------------------
# Figures


def _new_figure(spec: _Preset, height: float) -> Figure:
    # Round the height to whole pixels so the PNG is exactly that tall.
    height = round(height * spec.dpi) / spec.dpi
    return Figure(figsize=(spec.width, height), dpi=spec.dpi, facecolor="white")


def _footer(spec: _Preset, width: float) -> tuple[str, float]:
    text = _wrap(attribution(), width, spec.small_size)
    return text, _text_height(text, spec.small_size, 1.25)


def _fit_height(
    spec: _Preset, plan_for: Callable[[float | None], tuple[_T, float]], fixed: float
) -> tuple[_T, float]:
    """Plan content for the preset's height: fixed, or fitted and capped.

    ``plan_for(height)`` lays out the content within ``height`` inches (or as
    tall as it needs for ``None``) and returns ``(plan, content_height)``;
    ``fixed`` is the height of the margins, title and footer around it.
    """
    if spec.height is not None:
        plan, _ = plan_for(spec.height - fixed)
        return plan, spec.height
    plan, content = plan_for(None)
    if spec.max_height is not None and content + fixed > spec.max_height:
        plan, _ = plan_for(spec.max_height - fixed)
        return plan, spec.max_height
    return plan, content + fixed


def _render_page(
    shapes: gpd.GeoDataFrame,
    styled: StyledLayer,
    *,
    title: str,
    spec: _Preset,
    labels: bool,
    view: str,
) -> tuple[Figure, Axes]:
    inner = spec.width - 2 * spec.margin
    footer, footer_height = _footer(spec, inner)
    aspect = _aspect(shapes)

    def plan_for(height: float | None) -> tuple[_PanelPlan, float]:
        plan = _plan_panel(
            styled,
            title=title,
            width=inner,
            height=height,
            aspect=aspect,
            title_size=spec.title_size,
            text_size=spec.text_size,
            legend_side=spec.legend_side,
        )
        return plan, plan.height

    plan, height = _fit_height(spec, plan_for, 2 * spec.margin + footer_height + 0.1)
    fig = _new_figure(spec, height)
    ax = _draw_panel(fig, plan, shapes, styled, origin=(spec.margin, spec.margin))
    if labels:
        _draw_labels(
            ax, shapes, styled, hexagons=view == "hex", max_size=spec.text_size * 0.8
        )
    _draw_footer(fig, footer, spec)
    return fig, ax


def _render_grid(
    shapes: gpd.GeoDataFrame,
    styles: Sequence[StyledLayer],
    *,
    title: str,
    spec: _Preset,
) -> tuple[Figure, np.ndarray]:
    inner = spec.width - 2 * spec.margin
    footer, footer_height = _footer(spec, inner)
    title = _wrap(title, inner, spec.title_size, bold=True)
    header = _text_height(title, spec.title_size, 1.2) + 0.15
    gap = 0.3
    cell_width = (inner - gap) / 2
    aspect = _aspect(shapes)

    def plan_for(height: float | None) -> tuple[list[_PanelPlan], float]:
        cell = None if height is None else (height - gap) / 2
        plans = [
            _plan_panel(
                styled,
                title=styled.layer.title,
                width=cell_width,
                height=cell,
                aspect=aspect,
                title_size=spec.title_size * _GRID_SCALE,
                text_size=spec.text_size * _GRID_SCALE,
                legend_side=spec.legend_side,
            )
            for styled in styles
        ]
        rows = _row_heights(plans)
        return plans, sum(rows) + gap

    fixed = 2 * spec.margin + header + footer_height + 0.1
    plans, height = _fit_height(spec, plan_for, fixed)
    fig = _new_figure(spec, height)
    fig.text(
        spec.margin / spec.width,
        1 - spec.margin / height,
        title,
        fontsize=spec.title_size,
        fontweight="bold",
        ha="left",
        va="top",
        linespacing=1.2,
        gid="figure-title",
    )
    rows = _row_heights(plans)
    axes = np.empty((2, 2), dtype=object)
    for i, (plan, styled) in enumerate(zip(plans, styles, strict=True)):
        row, column = divmod(i, 2)
        left = spec.margin + column * (cell_width + gap)
        top = spec.margin + header + sum(rows[:row]) + row * gap
        axes[row, column] = _draw_panel(fig, plan, shapes, styled, origin=(left, top))
    _draw_footer(fig, footer, spec)
    return fig, axes


def _row_heights(plans: Sequence[_PanelPlan]) -> list[float]:
    return [
        max(plans[0].height, plans[1].height),
        max(plans[2].height, plans[3].height),
    ]


def _draw_footer(fig: Figure, text: str, spec: _Preset) -> None:
    width, height = fig.get_size_inches()
    fig.text(
        spec.margin / width,
        spec.margin / height,
        text,
        fontsize=spec.small_size,
        color=TEXT_MUTED,
        ha="left",
        va="bottom",
        linespacing=1.25,
        gid="attribution",
    )


def _draw_panel(
    fig: Figure,
    plan: _PanelPlan,
    shapes: gpd.GeoDataFrame,
    styled: StyledLayer,
    *,
    origin: tuple[float, float],
) -> Axes:
    width, height = fig.get_size_inches()
    map_box = plan.map.shifted(*origin)
    ax = fig.add_axes(map_box.figure_rect(width, height))
    _draw_map(ax, shapes, styled)
    _draw_heading(ax, plan.title, plan.note, plan.title_size, plan.text_size)
    legend = plan.legend.shifted(*origin)
    ax.legend(
        handles=_legend_handles(styled),
        loc="upper left",
        bbox_to_anchor=(legend.left / width, 1 - legend.top / height),
        bbox_transform=fig.transFigure,
        ncols=plan.legend_columns,
        **_legend_style(styled, plan.text_size),
    )
    return ax


def _render_into(
    ax: Axes,
    shapes: gpd.GeoDataFrame,
    styled: StyledLayer,
    *,
    title: str,
    spec: _Preset,
    labels: bool,
    view: str,
) -> None:
    """Draw into axes the caller owns: legend to the right, attribution below."""
    fig = _figure_of(ax)
    box = ax.get_position()
    width = box.width * fig.get_size_inches()[0]
    _draw_map(ax, shapes, styled)
    _draw_heading(
        ax,
        _wrap(title, width, spec.title_size, bold=True),
        _wrap(styled.layer.note, width, spec.text_size * _NOTE_SCALE),
        spec.title_size,
        spec.text_size,
    )
    ax.legend(
        handles=_legend_handles(styled),
        loc="upper left",
        bbox_to_anchor=(1.02, 1.0),
        **_legend_style(styled, spec.text_size),
    )
    ax.annotate(
        _wrap(attribution(), width, spec.small_size),
        xy=(0, 0),
        xycoords="axes fraction",
        xytext=(0, -4),
        textcoords="offset points",
        fontsize=spec.small_size,
        color=TEXT_MUTED,
        ha="left",
        va="top",
        gid="attribution",
    )
    if labels:
        _draw_labels(
            ax, shapes, styled, hexagons=view == "hex", max_size=spec.text_size * 0.8
        )


def _draw_heading(
    ax: Axes, title: str, note: str, title_size: float, text_size: float
) -> None:
    note_size = text_size * _NOTE_SCALE
    note_height = _text_height(note, note_size) * 72
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
            linespacing=1.3,
            gid="layer-note",
        )
    ax.set_title(
        title,
        loc="left",
        fontsize=title_size,
        fontweight="bold",
        pad=note_height + 8,
        linespacing=1.2,
    )


# --------------------------------------------------------------------------
# The map itself


def _draw_map(ax: Axes, shapes: gpd.GeoDataFrame, styled: StyledLayer) -> None:
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
            **_patch_style(colours[i], outlined=outlined[i]),
        )
        # add_artist, not add_patch: the limits are set below, and updating
        # them patch by patch would cost more than drawing.
        ax.add_artist(patch)
    _frame_map(ax, _padded_bounds(shapes))


def _patch_style(colour: str, *, outlined: bool) -> dict:
    if outlined:
        return {
            "facecolor": colour,
            "edgecolor": GAIN_OUTLINE,
            "linewidth": GAIN_OUTLINE_PT,
            "hatch": _GAIN_HATCH,
            "hatchcolor": text_colour(colour),
            "hatch_linewidth": 0.6,
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
    fig = _figure_of(ax)
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
    for entry in _legend_rows(styled):
        style = _patch_style(entry.colour, outlined=entry.outlined)
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


# --------------------------------------------------------------------------
# Seat labels


def _draw_labels(
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
    fig = _figure_of(ax)
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
        widest = max(_text_width(line, 1.0) for line in label.split("\n")) * 72
        fit = room * points_per_metre / widest
        seats.append((i, geometry, label, fit))
    if not seats:
        return
    common = min(max_size, float(np.percentile([fit for *_, fit in seats], 25)))
    for i, geometry, label, fit in seats:
        size = max(_MIN_LABEL_SIZE, min(common, fit))
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


# --------------------------------------------------------------------------
# Alt text


def _seat_party(frame: pd.DataFrame, index) -> tuple[str, str]:
    row = frame.loc[index]
    return str(row["name"]), get_party(row["winner"]).name


def _majority_sentence(frame: pd.DataFrame) -> str:
    """Largest and smallest majority, ranked by share of the vote as mapped."""
    share = pd.to_numeric(frame["majority_pct"], errors="coerce")
    if share.notna().sum() == 0:
        return ""
    parts = []
    for word, index in (("Largest", share.idxmax()), ("smallest", share.idxmin())):
        name, party = _seat_party(frame, index)
        votes = int(frame.loc[index, "majority"])
        parts.append(
            f"{word} majority: {name} ({party}), {votes:,} votes "
            f"({format_percent(share[index])})"
        )
    return "; ".join(parts) + "."


def _gains_sentence(frame: pd.DataFrame) -> str:
    gained = frame[frame["gain"].astype(bool)]
    if gained.empty:
        return "No seat changed hands."
    counts = gained["winner"].value_counts()
    order = sorted(counts.index, key=lambda code: (-counts[code], code))
    parts = []
    for code in order:
        seats = ", ".join(sorted(gained.loc[gained["winner"] == code, "name"]))
        parts.append(f"{get_party(code).name} gained {counts[code]} ({seats})")
    noun = "seat" if len(gained) == 1 else "seats"
    return f"{len(gained)} {noun} changed hands: " + "; ".join(parts) + "."


def _range_sentence(frame: pd.DataFrame, layer: Layer) -> str:
    title = layer.title
    values = pd.to_numeric(frame[layer.column], errors="coerce")
    if values.notna().sum() == 0:
        return f"{title}: no data for these seats."
    unit = " points" if layer.labels and layer.labels[-1].endswith("pts") else "%"
    low, high = values.idxmin(), values.idxmax()
    return (
        f"{title} ranges from {format_percent(values[low], unit)} in "
        f"{frame.loc[low, 'name']} to {format_percent(values[high], unit)} in "
        f"{frame.loc[high, 'name']}."
    )
