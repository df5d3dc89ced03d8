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
from dataclasses import dataclass, replace
from typing import Literal, TypeVar

from ..errors import ImageOptionError
from .layout import (
    FOOTER_SPACING,
    LEGEND_GAP,
    NOTE_SPACING,
    TITLE_SPACING,
    Box,
    PanelPlan,
    PanelText,
    plan_beside_map,
    plan_panel,
    text_height,
    wrap,
)
from .presets import Preset

_T = TypeVar("_T")

#: Small multiples shrink the type of each panel by this factor (on a sidebar
#: preset, whose type is sized for a single map, by the second).
GRID_SCALE = 0.78
SIDEBAR_GRID_SCALE = 0.6
#: Space between the panels of a grid (inches).
GRID_GAP = 0.3
#: Space below the page's title, and above its footer (inches).
TITLE_GAP = 0.15
FOOTER_GAP = 0.1
#: Room left free between the headline block and the map: an axes title that a
#: notebook user adds with ``ax.set_title`` (12 pt, matplotlib's default) fits
#: there without touching the subtitle (inches).
TITLE_SLOT = 0.3
#: The attribution's type relative to the source line's: small, but kept.
ATTRIBUTION_SCALE = 0.85
#: Steps by which a sidebar's headline shrinks until it and the legend fit the
#: column's height (each step times the last).
SIDEBAR_TITLE_SCALES = (1.0, 0.85, 0.85, 0.85)
#: Room (inches) kept under a sidebar's legend: its height is an estimate.
SIDEBAR_SLACK = 0.15
#: Share of the inner width that a sidebar (headline and legend) takes.
SIDEBAR_SHARE = 0.34


@dataclass(frozen=True)
class PagePlan:
    """A whole image: its size, its headline, panels and footer.

    ``height`` is a whole number of pixels at ``dpi``. ``title`` and
    ``subtitle`` (wrapped to ``header_width``; empty when the panels carry their
    own) are drawn from the top-left margin; ``source`` (the short source line)
    and ``footer`` (the wrapped attribution) from the bottom-left margin, in
    ``footer_size`` and ``attribution_size`` points.
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
    subtitle: str = ""
    subtitle_size: float = 0.0
    source: str = ""
    attribution_size: float = 0.0


@dataclass(frozen=True)
class Editorial:
    """The words around the maps: headline, standfirst, source line and credits."""

    title: str
    subtitle: str
    source: str
    attribution: str


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


def wrap_footer(preset: Preset, words: Editorial) -> tuple[str, str, float]:
    """Return the wrapped source line and attribution, and their height."""
    inner = preset.width - 2 * preset.margin
    small = preset.small_size * ATTRIBUTION_SCALE
    source = wrap(words.source, inner, preset.small_size)
    credit = wrap(words.attribution, inner, small)
    height = text_height(source, preset.small_size, FOOTER_SPACING)
    height += text_height(credit, small, FOOTER_SPACING)
    return source, credit, height


def wrap_header(
    words: Editorial, width: float, preset: Preset
) -> tuple[str, str, float]:
    """Return the wrapped headline and subtitle, and their height with the slot.

    Below them stays :data:`TITLE_SLOT`, the room of an axes title.
    """
    title = wrap(words.title, width, preset.title_size, bold=True)
    subtitle = wrap(words.subtitle, width, preset.text_size)
    height = text_height(title, preset.title_size, TITLE_SPACING)
    height += text_height(subtitle, preset.text_size, NOTE_SPACING)
    return title, subtitle, height + TITLE_SLOT


def _whole_pixels(height: float, dpi: int) -> float:
    """Round a height to whole pixels, so that the PNG is exactly that tall."""
    return round(height * dpi) / dpi


def page_plan(
    preset: Preset,
    words: Editorial,
    *,
    height: float,
    panels: Sequence[PanelPlan],
    origins: Sequence[tuple[float, float]],
    header_width: float | None = None,
) -> PagePlan:
    """Return the plan of a page whose panels are placed: text wrapped, pixels whole."""
    inner = preset.width - 2 * preset.margin
    title, subtitle, _ = wrap_header(words, header_width or inner, preset)
    source, credit, _ = wrap_footer(preset, words)
    return PagePlan(
        width=preset.width,
        height=_whole_pixels(height, preset.dpi),
        dpi=preset.dpi,
        margin=preset.margin,
        title=title,
        title_size=preset.title_size,
        footer=credit,
        footer_size=preset.small_size,
        panels=tuple(panels),
        origins=tuple(origins),
        subtitle=subtitle,
        subtitle_size=preset.text_size,
        source=source,
        attribution_size=preset.small_size * ATTRIBUTION_SCALE,
    )


def plan_page(
    text: PanelText, *, preset: Preset, aspect: float, words: Editorial
) -> PagePlan:
    """Lay out an image of one map: headline, map and legend, then the footer.

    Parameters
    ----------
    text
        The legend, as it will be drawn (the panel's own title and note are
        the page's headline and subtitle here, so they are not used).
    preset
        The image's size and type scale; a ``"sidebar"`` preset puts headline
        and legend in a column beside a map as tall as the frame.
    aspect
        Height over width of the map.
    words
        Headline, subtitle, source line and attribution (one line each).

    Returns
    -------
    PagePlan
    """
    text = PanelText("", "", text.legend_title, text.legend_labels)
    inner = preset.width - 2 * preset.margin
    _, _, footer_height = wrap_footer(preset, words)
    fixed = 2 * preset.margin + footer_height + FOOTER_GAP
    if preset.legend_side == "sidebar":
        return _plan_sidebar(text, preset, aspect, words, fixed)
    _, _, header = wrap_header(words, inner, preset)
    side: Literal["right", "below"] = (
        "below" if preset.legend_side == "below" else "right"
    )

    def plan_for(room: float | None) -> tuple[PanelPlan, float]:
        plan = plan_panel(
            text,
            width=inner,
            height=room,
            aspect=aspect,
            title_size=preset.title_size,
            text_size=preset.text_size,
            legend_side=side,
        )
        return plan, plan.height

    panel, height = fit_height(
        plan_for, fixed + header, height=preset.height, max_height=preset.max_height
    )
    if side == "below" and preset.height is not None:
        # A long legend below a fixed frame (the UK's parties on a square)
        # squeezes the map: beside it, the map may be the larger.
        side = "right"
        beside, _ = fit_height(
            plan_for, fixed + header, height=preset.height, max_height=None
        )
        if beside.map.width > panel.map.width:
            panel = beside
    origin = (preset.margin, preset.margin + header)
    if panel.legend.left + panel.legend.width > inner:  # a label wider than the page
        raise _legend_too_long(text)
    return page_plan(preset, words, height=height, panels=[panel], origins=[origin])


def _legend_too_long(text: PanelText) -> ImageOptionError:
    """Return the error of a legend that would run off the page."""
    return ImageOptionError(
        f"the legend of {text.legend_title!r} is too wide for this preset: choose "
        "a wider one (web)"
    )


def _plan_sidebar(
    text: PanelText, preset: Preset, aspect: float, words: Editorial, fixed: float
) -> PagePlan:
    """Headline and legend in a column at the left; the map fills the rest."""
    height = preset.height
    assert height is not None, "a sidebar page has a fixed height"
    inner = preset.width - 2 * preset.margin
    side = inner * SIDEBAR_SHARE
    body = height - fixed
    room = inner - side - LEGEND_GAP
    map_height = min(body - TITLE_SLOT, room * aspect)
    map_width = map_height / aspect
    left = side + LEGEND_GAP + (room - map_width) / 2
    top = TITLE_SLOT + (body - TITLE_SLOT - map_height) / 2
    for scale in SIDEBAR_TITLE_SCALES:  # a long headline takes smaller type
        preset = replace(preset, title_size=preset.title_size * scale)
        _, _, header = wrap_header(words, side, preset)
        legend_plan = plan_beside_map(
            text,
            map_width=0.0,
            map_height=body - header,
            title_size=preset.title_size,
            text_size=preset.text_size,
            width=left - LEGEND_GAP,  # never under the map
        )
        if header + legend_plan.legend.height + SIDEBAR_SLACK <= body:
            break
    legend = Box(0.0, header, legend_plan.legend.width, legend_plan.legend.height)
    panel = PanelPlan(
        "",
        "",
        preset.title_size,
        preset.text_size,
        Box(left, top, map_width, map_height),
        legend,
        legend_plan.legend_columns,
        body,
    )
    origin = (preset.margin, preset.margin)
    return page_plan(
        preset,
        words,
        height=height,
        panels=[panel],
        origins=[origin],
        header_width=side,
    )


def plan_grid(
    texts: Sequence[PanelText],
    *,
    preset: Preset,
    aspect: float,
    words: Editorial,
) -> PagePlan:
    """Lay out maps in rows of two, under one headline and above the footer.

    Each panel has its own title, note and legend, in type :data:`GRID_SCALE`
    times the preset's; the panels of a row start at the same height.

    Returns
    -------
    PagePlan
        The panels in reading order.
    """
    inner = preset.width - 2 * preset.margin
    _, _, footer_height = wrap_footer(preset, words)
    _, _, header = wrap_header(words, inner, preset)
    header += TITLE_GAP - TITLE_SLOT  # panels carry their own titles
    cell_width = (inner - GRID_GAP) / 2
    # A sidebar preset's type is sized for one map across a phone: four need less.
    scale = SIDEBAR_GRID_SCALE if preset.legend_side == "sidebar" else GRID_SCALE

    def plan_for(room: float | None) -> tuple[list[PanelPlan], float]:
        cell = None if room is None else (room - GRID_GAP) / 2
        plans = [
            plan_panel(
                text,
                width=cell_width,
                height=cell,
                aspect=aspect,
                title_size=preset.title_size * scale,
                text_size=preset.text_size * scale,
                legend_side="below" if preset.legend_side == "below" else "right",
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
    return page_plan(preset, words, height=height, panels=plans, origins=origins)


def row_heights(plans: Sequence[PanelPlan]) -> list[float]:
    """Return the height of each row of a two-column grid: its tallest panel."""
    return [
        max(plan.height for plan in plans[start : start + 2])
        for start in range(0, len(plans), 2)
    ]
