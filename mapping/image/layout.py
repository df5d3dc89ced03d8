"""Where a panel's title, note, map and legend go, in inches; text measured.

Pure functions: they take numbers and strings and return numbers, strings and
boxes, so the layout can be tested without rendering (whole pages are planned
in :mod:`mapping.image.pages`). Boxes are measured from the top-left corner
(``top`` grows downwards); :meth:`Box.figure_rect` turns one into the figure
fractions matplotlib wants. Text is measured with matplotlib's default font, as
it will be drawn, but nothing is drawn here.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from matplotlib.font_manager import FontProperties
from matplotlib.textpath import text_to_path

#: Size of a layer's note relative to the legend text.
NOTE_SCALE = 0.92
#: Space between a map and its legend, and below a heading (inches).
LEGEND_GAP = 0.15
HEADING_GAP = 0.15
#: Line spacing of titles, notes and footers.
TITLE_SPACING = 1.2
NOTE_SPACING = 1.3
FOOTER_SPACING = 1.25


@dataclass(frozen=True)
class Box:
    """A rectangle in inches: left, top (downwards) and size."""

    left: float
    top: float
    width: float
    height: float

    def shifted(self, left: float, top: float) -> Box:
        """Return the box moved right by ``left`` and down by ``top`` inches."""
        return Box(self.left + left, self.top + top, self.width, self.height)

    def figure_rect(
        self, fig_width: float, fig_height: float
    ) -> tuple[float, float, float, float]:
        """Return ``(left, bottom, width, height)`` as fractions of the figure."""
        bottom = fig_height - self.top - self.height
        return (
            self.left / fig_width,
            bottom / fig_height,
            self.width / fig_width,
            self.height / fig_height,
        )

    def overlaps(self, other: Box) -> bool:
        """Return whether the two boxes share any area."""
        return (
            self.left < other.left + other.width
            and other.left < self.left + self.width
            and self.top < other.top + other.height
            and other.top < self.top + self.height
        )


@dataclass(frozen=True)
class PanelText:
    """What one panel says, as drawn: title, note and legend (title and rows)."""

    title: str
    note: str
    legend_title: str
    legend_labels: tuple[str, ...]


@dataclass(frozen=True)
class PanelPlan:
    """Where the title, note, map and legend of one panel go.

    ``title`` and ``note`` are wrapped to the panel. The heading takes the top
    of the panel, above ``map``; ``height`` is the whole panel's.
    """

    title: str
    note: str
    title_size: float
    text_size: float
    map: Box
    legend: Box
    legend_columns: int
    height: float


# --------------------------------------------------------------------------
# Text


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """Return the width in inches of one line of ``text`` at ``size`` points.

    Measured with matplotlib's default font, as the text will be drawn.
    """
    prop = FontProperties(size=size, weight="bold" if bold else "normal")
    width, _, _ = text_to_path.get_text_width_height_descent(text, prop, ismath=False)
    return width / 72


def wrap(text: str, width: float, size: float, *, bold: bool = False) -> str:
    """Wrap ``text`` into lines no wider than ``width`` inches at ``size`` points.

    Words are never broken: a word wider than ``width`` gets a line of its own.
    """
    lines: list[str] = []
    for word in text.split():
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and text_width(candidate, size, bold=bold) <= width:
            lines[-1] = candidate
        else:
            lines.append(word)
    return "\n".join(lines)


def text_height(text: str, size: float, spacing: float = NOTE_SPACING) -> float:
    """Return the height in inches of ``text`` (one or more lines); 0 if empty."""
    return 0.0 if not text else (text.count("\n") + 1) * size * spacing / 72


# --------------------------------------------------------------------------
# Panels


@dataclass(frozen=True)
class _Legend:
    """Measurements of a legend, in inches."""

    rows: int
    column_width: float
    title_width: float
    row_height: float

    def height(self, columns: int) -> float:
        # One row more than the entries, for the legend's title.
        return (math.ceil(self.rows / columns) + 1) * self.row_height


def _measure_legend(text: PanelText, text_size: float) -> _Legend:
    # Swatch, padding and column spacing come to about 3.2 ems.
    column_width = max(text_width(label, text_size) for label in text.legend_labels)
    column_width += 3.2 * text_size / 72
    return _Legend(
        rows=len(text.legend_labels),
        column_width=column_width,
        title_width=text_width(text.legend_title, text_size),
        row_height=text_size * 1.6 / 72,
    )


def _legend_columns_beside(legend: _Legend, room: float | None) -> int:
    """Columns of a legend beside the map: as few as fit ``room`` inches of height."""
    if room is None:
        return 1
    fitting = max(1, int(room / legend.row_height) - 1)
    return math.ceil(legend.rows / fitting)


def _heading(
    text: PanelText, width: float, title_size: float, text_size: float
) -> tuple[str, str, float]:
    """Return the wrapped title and note, and their height with the gap below."""
    title = wrap(text.title, width, title_size, bold=True)
    note = wrap(text.note, width, text_size * NOTE_SCALE)
    if not title and not note:  # the page's headline stands in for it
        return "", "", 0.0
    height = (
        text_height(title, title_size, TITLE_SPACING)
        + text_height(note, text_size * NOTE_SCALE)
        + HEADING_GAP
    )
    return title, note, height


def plan_panel(
    text: PanelText,
    *,
    width: float,
    height: float | None,
    aspect: float,
    title_size: float,
    text_size: float,
    legend_side: Literal["right", "below"],
) -> PanelPlan:
    """Lay out one panel ``width`` inches wide (and ``height`` tall, if given).

    Parameters
    ----------
    text
        The panel's title, note and legend, as they will be drawn.
    width, height
        The panel's size in inches; ``height=None`` makes it as tall as needed.
    aspect
        Height of the map divided by its width, which the map keeps.
    title_size, text_size
        Type sizes in points: the title's, and the legend's.
    legend_side
        ``"right"`` of the map, or ``"below"`` it.

    Returns
    -------
    PanelPlan
        The legend takes more columns when it would otherwise be taller than the
        panel; the map shrinks to leave room for it.
    """
    title, note, header = _heading(text, width, title_size, text_size)
    legend = _measure_legend(text, text_size)
    if legend_side == "right":
        room = None if height is None else height - header
        columns = _legend_columns_beside(legend, room)
        legend_width = max(columns * legend.column_width, legend.title_width)
        legend_height = legend.height(columns)
        map_width = width - legend_width - LEGEND_GAP
        if room is not None:
            map_width = min(map_width, room / aspect)
        map_height = map_width * aspect
        map_box = Box(0.0, header, map_width, map_height)
        legend_box = Box(map_width + LEGEND_GAP, header, legend_width, legend_height)
        body = max(map_height, legend_height)
    else:
        columns = max(1, min(legend.rows, int(width // legend.column_width), 4))
        legend_height = legend.height(columns)
        map_width = width
        if height is not None:
            room = height - header - LEGEND_GAP - legend_height
            map_width = min(width, room / aspect)
        map_height = map_width * aspect
        offset = (width - map_width) / 2
        map_box = Box(offset, header, map_width, map_height)
        # Under the map's left edge; moved left as far as a wide legend needs.
        legend_width = max(map_width, columns * legend.column_width)
        legend_box = Box(
            max(0.0, min(offset, width - legend_width)),
            header + map_height + LEGEND_GAP,
            legend_width,
            legend_height,
        )
        body = map_height + LEGEND_GAP + legend_height
    return PanelPlan(
        title, note, title_size, text_size, map_box, legend_box, columns, header + body
    )


def plan_beside_map(
    text: PanelText,
    *,
    map_width: float,
    map_height: float,
    title_size: float,
    text_size: float,
    width: float | None = None,
) -> PanelPlan:
    """Lay out a panel around a map box that is already placed (axes of the caller).

    The map is the box at the panel's origin; the legend goes to its right, in
    as few columns as fit its height (and no more than fit ``width`` inches,
    if given), and the heading (wrapped to the map's width) goes above it,
    outside the panel.

    Returns
    -------
    PanelPlan
        ``map`` is ``Box(0, 0, map_width, map_height)``.
    """
    title, note, _ = _heading(text, map_width, title_size, text_size)
    legend = _measure_legend(text, text_size)
    columns = _legend_columns_beside(legend, map_height)
    if width is not None:  # never wider than the room it is given
        columns = max(1, min(columns, int(width // legend.column_width)))
    legend_width = max(columns * legend.column_width, legend.title_width)
    legend_height = legend.height(columns)
    return PanelPlan(
        title,
        note,
        title_size,
        text_size,
        Box(0.0, 0.0, map_width, map_height),
        Box(map_width + LEGEND_GAP, 0.0, legend_width, legend_height),
        columns,
        max(map_height, legend_height),
    )


def padded_bounds(
    bounds: Sequence[float],
) -> tuple[float, float, float, float]:
    """Return ``(xmin, ymin, xmax, ymax)`` grown by 1.5% of the longer side."""
    xmin, ymin, xmax, ymax = bounds
    pad = 0.015 * max(xmax - xmin, ymax - ymin)
    return xmin - pad, ymin - pad, xmax + pad, ymax + pad


def map_aspect(bounds: Sequence[float]) -> float:
    """Return the height over the width of the padded ``bounds``."""
    xmin, ymin, xmax, ymax = padded_bounds(bounds)
    return (ymax - ymin) / (xmax - xmin)
