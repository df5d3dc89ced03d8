"""A series: one panel per election, one shared legend, the story on every panel.

``--election 2010,2015,2017,2019,2024 --layer gains`` draws the gains of each
election side by side, in the columns that draw them largest, under one
headline and one legend (its rows without the per-election counts, which each
panel's note gives instead). Highlights and labels apply to every panel;
callouts go on the last (latest) one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
from matplotlib.figure import Figure

from ..dataset import ElectionData
from ..layers import LegendEntry, StyledLayer, get_layer, style_layer
from ..style import format_count
from .annotate import annotate_map
from .api import LABEL_SCALE, PresetName, View, _check_seats, _preset, _view_frame
from .draw import (
    draw_footer,
    draw_header,
    draw_heading,
    draw_map,
    keep_text_literal,
    legend_rows,
    place_legend,
)
from .grid import plan_series
from .layout import PanelText, map_aspect
from .story import UnknownSeatError, tell_story
from .words import editorial

#: The count a legend row ends with: "Labour gain (4)" → "Labour gain".
_COUNT = re.compile(r" \([\d,]+\)$")


def render_series(
    elections: Sequence[ElectionData],
    layer_id: str,
    *,
    view: View = "geo",
    preset: PresetName = "web",
    title: str | None = None,
    subtitle: str | None = None,
    source: str | None = None,
    highlight: Sequence[str] = (),
    annotate: Sequence[tuple[str, str]] = (),
    label: Sequence[str] = (),
    focus: Sequence[str] = (),
) -> tuple[Figure, np.ndarray]:
    """Draw one layer of several elections, one panel each, with one legend.

    Parameters
    ----------
    elections
        The elections' data, in the order the panels read.
    layer_id
        One layer that every election has (``"gains"``, ``"winner"``, ...).
    view, preset, title, subtitle, source, highlight, label, focus
        As :func:`mapping.image.render_image` takes them; seat names must name
        a seat of every election.
    annotate
        Callouts, drawn on the last panel.

    Returns
    -------
    fig, axes
        The figure and a 1-d array of the panels' map axes.

    Raises
    ------
    ImageOptionError
        As :func:`mapping.image.render_image` does; an unknown seat names the
        election it is missing from.
    """
    if not elections:
        raise UnknownSeatError("a series needs at least one election")
    spec = _preset(preset)
    panels = []
    for i, data in enumerate(elections):
        _check_seats(data)
        styled = style_layer(data.seats, get_layer(layer_id, data.seats))
        shapes = _view_frame(data, view)
        last = i == len(elections) - 1
        try:
            story = tell_story(
                data.seats,
                shapes,
                highlight=highlight,
                annotate=annotate if last else (),
                label=label,
                focus=focus,
            )
        except UnknownSeatError as error:
            raise UnknownSeatError(f"{data.election}: {error}") from None
        panels.append((data, styled, shapes, story))
    first = elections[-1]
    ids = [layer_id]
    words = editorial(
        first,
        panels[-1][1].layer,
        view=view,
        layer_ids=ids,
        title=title,
        subtitle=subtitle,
        source=source,
        default_title=f"{panels[-1][1].layer.title} — {first.region_label}, "
        + ", ".join(str(data.election) for data in elections),
    )
    shared = shared_legend([styled for _, styled, _, _ in panels])
    aspect = max(
        map_aspect(story.focus or shapes.total_bounds) for _, _, shapes, story in panels
    )
    plan = plan_series(
        [str(data.election) for data in elections],
        [_panel_note(styled) for _, styled, _, _ in panels],
        PanelText("", "", shared.layer.title, tuple(e.label for e in shared.entries)),
        preset=spec,
        aspect=aspect,
        words=words,
    )
    page = plan.page
    fig = Figure(figsize=(page.width, page.height), dpi=page.dpi, facecolor="white")
    draw_header(fig, page)
    axes = []
    width, height = page.width, page.height
    for (data, styled, shapes, story), panel, origin in zip(
        panels, page.panels, page.origins, strict=True
    ):
        ax = fig.add_axes(panel.map.shifted(*origin).figure_rect(width, height))
        tag = f"{layer_id}-{data.election}"
        draw_map(
            ax, shapes, styled, highlight=story.highlight, bounds=story.focus, tag=tag
        )
        draw_heading(ax, panel.title, panel.note, panel.title_size, panel.text_size)
        axes.append(ax)
    place_legend(
        fig, shared, plan.legend, plan.legend_columns, page.panels[0].text_size
    )
    draw_footer(fig, page)
    for ax, (data, styled, shapes, story) in zip(axes, panels, strict=True):
        annotate_map(
            ax,
            shapes,
            styled,
            story,
            tag=f"{layer_id}-{data.election}",
            hexagons=view == "hex",
            text_size=page.panels[0].text_size,
            label_size=page.panels[0].text_size * LABEL_SCALE,
            margin=spec.margin,
            inset=False,
            within_panel=True,
        )
    keep_text_literal(fig)
    return fig, np.array(axes, dtype=object)


def shared_legend(styles: Sequence[StyledLayer]) -> StyledLayer:
    """Return one legend for several panels: every row once, without counts.

    Rows with the gain cue come first, in the order they first appear.
    """
    rows: dict[tuple[str, str, bool], LegendEntry] = {}
    for styled in styles:
        for entry in legend_rows(styled):
            label = _COUNT.sub("", entry.label)
            key = (label, entry.colour, entry.outlined)
            rows.setdefault(key, LegendEntry(label, entry.colour, entry.outlined))
    entries = sorted(rows.values(), key=lambda entry: not entry.outlined)
    return StyledLayer(styles[-1].layer, tuple(entries), np.zeros(0, dtype=int))


def _panel_note(styled: StyledLayer) -> str:
    """Return what a panel adds to the shared legend: the counts of its rows."""
    if styled.layer.kind == "gain":
        changed = int(sum(styled.outlined()))
        noun = "seat" if changed == 1 else "seats"
        return f"{format_count(changed)} {noun} changed hands"
    return ""
