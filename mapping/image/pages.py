"""Whole images, in inches: their size, title, panels and footer. No drawing.

A page is planned from its :class:`Preset` with the panel plans of
:mod:`mapping.image.layout`: a fixed height (``social``) or as tall as the
content needs, up to a cap (``print``), rounded to whole pixels. The layout is
computed here, not by ``tight_layout`` or ``bbox_inches="tight"``, so that the
``social`` preset is exactly 1200 × 675 pixels and the same command always
writes the same bytes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal, TypeVar

from .layout import (
    FOOTER_SPACING,
    TITLE_SPACING,
    PanelPlan,
    PanelText,
    plan_panel,
    text_height,
    wrap,
)

_T = TypeVar("_T")

#: Small multiples shrink the type of each panel by this factor.
GRID_SCALE = 0.78
#: Space between the panels of a grid (inches).
GRID_GAP = 0.3
#: Space below the page's title, and above its footer (inches).
TITLE_GAP = 0.15
FOOTER_GAP = 0.1


@dataclass(frozen=True)
class Preset:
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


@dataclass(frozen=True)
class PagePlan:
    """A whole image: its size, its panels and where each one starts.

    ``height`` is a whole number of pixels at ``dpi``. ``title`` (wrapped; empty
    when the panel carries its own) and ``footer`` (the wrapped attribution) are
    drawn at the top and bottom margins, ``margin`` inches from the left edge,
    in ``title_size`` and ``footer_size`` points.
    """

    width: float
    height: float
    dpi: int
    margin: float
    title: str
    title_size: float
    footer: str
    footer_size: float
    panels: tuple[PanelPlan, ...]
    origins: tuple[tuple[float, float], ...]


def fit_height(
    plan_for: Callable[[float | None], tuple[_T, float]],
    fixed: float,
    *,
    height: float | None,
    max_height: float | None,
) -> tuple[_T, float]:
    """Plan content for a page's height: fixed, or fitted and capped.

    Parameters
    ----------
    plan_for
        ``plan_for(room)`` lays out the content within ``room`` inches (or as
        tall as it needs, for ``None``) and returns ``(plan, content_height)``.
    fixed
        Height of the margins, title and footer around the content.
    height, max_height
        The page's fixed height, or the most it may have (inches; ``None``: no
        limit).

    Returns
    -------
    plan, page_height
    """
    if height is not None:
        plan, _ = plan_for(height - fixed)
        return plan, height
    plan, content = plan_for(None)
    if max_height is not None and content + fixed > max_height:
        plan, _ = plan_for(max_height - fixed)
        return plan, max_height
    return plan, content + fixed


def _footer(preset: Preset, attribution: str) -> tuple[str, float]:
    inner = preset.width - 2 * preset.margin
    text = wrap(attribution, inner, preset.small_size)
    return text, text_height(text, preset.small_size, FOOTER_SPACING)


def _whole_pixels(height: float, dpi: int) -> float:
    """Round a height to whole pixels, so that the PNG is exactly that tall."""
    return round(height * dpi) / dpi


def plan_page(
    text: PanelText, *, preset: Preset, aspect: float, attribution: str
) -> PagePlan:
    """Lay out an image of one map: the panel, then the attribution below it.

    Parameters
    ----------
    text
        The panel's title, note and legend, as they will be drawn.
    preset
        The image's size and type scale.
    aspect
        Height over width of the map.
    attribution
        The credits, one line; wrapped to the page.

    Returns
    -------
    PagePlan
    """
    inner = preset.width - 2 * preset.margin
    footer, footer_height = _footer(preset, attribution)

    def plan_for(room: float | None) -> tuple[PanelPlan, float]:
        plan = plan_panel(
            text,
            width=inner,
            height=room,
            aspect=aspect,
            title_size=preset.title_size,
            text_size=preset.text_size,
            legend_side=preset.legend_side,
        )
        return plan, plan.height

    fixed = 2 * preset.margin + footer_height + FOOTER_GAP
    panel, height = fit_height(
        plan_for, fixed, height=preset.height, max_height=preset.max_height
    )
    return PagePlan(
        width=preset.width,
        height=_whole_pixels(height, preset.dpi),
        dpi=preset.dpi,
        margin=preset.margin,
        title="",
        title_size=preset.title_size,
        footer=footer,
        footer_size=preset.small_size,
        panels=(panel,),
        origins=((preset.margin, preset.margin),),
    )


def plan_grid(
    texts: Sequence[PanelText],
    *,
    preset: Preset,
    aspect: float,
    title: str,
    attribution: str,
) -> PagePlan:
    """Lay out maps in rows of two, under one title and above the attribution.

    Each panel has its own title, note and legend, in type :data:`GRID_SCALE`
    times the preset's; the panels of a row start at the same height.

    Returns
    -------
    PagePlan
        The panels in reading order.
    """
    inner = preset.width - 2 * preset.margin
    footer, footer_height = _footer(preset, attribution)
    title = wrap(title, inner, preset.title_size, bold=True)
    header = text_height(title, preset.title_size, TITLE_SPACING) + TITLE_GAP
    cell_width = (inner - GRID_GAP) / 2

    def plan_for(room: float | None) -> tuple[list[PanelPlan], float]:
        cell = None if room is None else (room - GRID_GAP) / 2
        plans = [
            plan_panel(
                text,
                width=cell_width,
                height=cell,
                aspect=aspect,
                title_size=preset.title_size * GRID_SCALE,
                text_size=preset.text_size * GRID_SCALE,
                legend_side=preset.legend_side,
            )
            for text in texts
        ]
        return plans, sum(row_heights(plans)) + GRID_GAP

    fixed = 2 * preset.margin + header + footer_height + FOOTER_GAP
    plans, height = fit_height(
        plan_for, fixed, height=preset.height, max_height=preset.max_height
    )
    rows = row_heights(plans)
    origins = []
    for i in range(len(plans)):
        row, column = divmod(i, 2)
        left = preset.margin + column * (cell_width + GRID_GAP)
        top = preset.margin + header + sum(rows[:row]) + row * GRID_GAP
        origins.append((left, top))
    return PagePlan(
        width=preset.width,
        height=_whole_pixels(height, preset.dpi),
        dpi=preset.dpi,
        margin=preset.margin,
        title=title,
        title_size=preset.title_size,
        footer=footer,
        footer_size=preset.small_size,
        panels=tuple(plans),
        origins=tuple(origins),
    )


def row_heights(plans: Sequence[PanelPlan]) -> list[float]:
    """Return the height of each row of a two-column grid: its tallest panel."""
    return [
        max(plan.height for plan in plans[start : start + 2])
        for start in range(0, len(plans), 2)
    ]
