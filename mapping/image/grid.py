"""A series of maps (one per election) under one headline and one legend. No drawing.

The panels share one legend, placed in an empty cell of the last row where it
fits, else beside or below the grid; the number of columns is the one that
draws the maps largest within the preset's frame. Sizes in inches.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from .layout import (
    LEGEND_GAP,
    NOTE_SCALE,
    NOTE_SPACING,
    TITLE_SPACING,
    Box,
    PanelPlan,
    PanelText,
    plan_beside_map,
    text_height,
    wrap,
)
from .pages import (
    FOOTER_GAP,
    GRID_GAP,
    GRID_SCALE,
    Editorial,
    PagePlan,
    page_plan,
    wrap_footer,
    wrap_header,
)
from .presets import Preset

#: A series on a page without a height limit is at most this share of its width
#: tall, so that the panels go side by side rather than in one long column.
AUTO_HEIGHT = 0.9


@dataclass(frozen=True)
class SeriesPlan:
    """A page of panels and where their one legend goes (page inches)."""

    page: PagePlan
    legend: Box
    legend_columns: int


def plan_series(
    titles: Sequence[str],
    notes: Sequence[str],
    legend: PanelText,
    *,
    preset: Preset,
    aspect: float,
    words: Editorial,
) -> SeriesPlan:
    """Lay out one map per title, in the columns that draw them largest.

    Parameters
    ----------
    titles, notes
        Each panel's title (the election) and a short note under it.
    legend
        The shared legend (its title and rows).
    preset, aspect, words
        The image's size and type, the maps' height over width, and the words
        around them.

    Returns
    -------
    SeriesPlan
    """
    inner = preset.width - 2 * preset.margin
    _, _, header = wrap_header(words, inner, preset)
    _, _, footer = wrap_footer(preset, words)
    fixed = 2 * preset.margin + header + footer + FOOTER_GAP
    tallest_page = preset.height or preset.max_height or preset.width * AUTO_HEIGHT
    room = tallest_page - fixed
    title_size = preset.title_size * GRID_SCALE
    text_size = preset.text_size * GRID_SCALE
    heading = 0.1 + max(
        text_height(title, title_size, TITLE_SPACING)
        + text_height(note, text_size * NOTE_SCALE, NOTE_SPACING)
        for title, note in zip(titles, notes, strict=True)
    )
    key = plan_beside_map(
        legend,
        map_width=0.0,
        map_height=1e6,
        title_size=title_size,
        text_size=text_size,
    ).legend
    count = len(titles)
    best: tuple | None = None
    for columns in range(1, count + 1):
        rows = math.ceil(count / columns)
        spare = rows * columns - count
        for where in ("cell", "right", "below"):
            if where == "cell" and not spare:
                continue
            width = inner - (key.width + LEGEND_GAP if where == "right" else 0)
            cell = (width - (columns - 1) * GRID_GAP) / columns
            below = key.height + LEGEND_GAP if where == "below" else 0.0
            tallest = (room - below - (rows - 1) * GRID_GAP) / rows - heading
            cell = min(cell, tallest / aspect)
            if cell <= 0:
                continue
            if where == "cell" and (
                key.width > cell or key.height > heading + cell * aspect
            ):
                continue
            score = (round(cell, 3), -rows)
            if best is None or score > best[0]:
                best = (score, columns, rows, where, cell, below)
    assert best is not None, "no layout fits the frame"
    _, columns, rows, where, cell, below = best
    panels, origins = [], []
    row_height = heading + cell * aspect
    for i, (title, note) in enumerate(zip(titles, notes, strict=True)):
        row, column = divmod(i, columns)
        panels.append(
            PanelPlan(
                wrap(title, cell, title_size, bold=True),
                wrap(note, cell, text_size * NOTE_SCALE),
                title_size,
                text_size,
                Box(0.0, heading, cell, cell * aspect),
                Box(0.0, 0.0, 0.0, 0.0),
                1,
                row_height,
            )
        )
        origins.append(
            (
                preset.margin + column * (cell + GRID_GAP),
                preset.margin + header + row * (row_height + GRID_GAP),
            )
        )
    grid_height = rows * row_height + (rows - 1) * GRID_GAP
    body_top = preset.margin + header
    if where == "cell":
        column = count % columns
        legend_box = Box(
            preset.margin + column * (cell + GRID_GAP) + GRID_GAP / 2,
            body_top + (rows - 1) * (row_height + GRID_GAP) + heading,
            key.width,
            key.height,
        )
    elif where == "right":
        legend_box = Box(
            preset.margin + columns * (cell + GRID_GAP) - GRID_GAP + LEGEND_GAP,
            body_top + heading,
            key.width,
            key.height,
        )
    else:
        legend_box = Box(
            preset.margin, body_top + grid_height + LEGEND_GAP, key.width, key.height
        )
    height = preset.height or fixed + grid_height + below
    if preset.max_height is not None:
        height = min(height, preset.max_height)
    page = page_plan(preset, words, height=height, panels=panels, origins=origins)
    return SeriesPlan(page, legend_box, 1)
