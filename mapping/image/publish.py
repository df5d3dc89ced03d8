"""A published image from a :class:`~mapping.image.spec.FigureSpec`: load, draw, write.

What ``london-maps image`` does, as one library call: the elections are
loaded (shipped data or the user's files), the figure drawn (one map, a 2×2 of
the four layers, or a series), its description written to follow the same
editorial choices, and every file written at once or not at all.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import cast

from matplotlib.figure import Figure

from ..custom import load_data
from ..dataset import ElectionData
from ..describe import describe
from ..errors import InputError
from ..layers import REQUIRED_LAYERS
from ..output import write_files
from .api import PresetName, View, render_image, render_small_multiples
from .save import check_suffix, figure_bytes
from .series import render_series
from .spec import FigureSpec, FigureSpecError
from .story import tell_story

#: Options that draw on one layer's map, refused with ``--layer all``.
_STORY_OPTIONS = ("highlight", "annotate", "label", "focus")


def write_figure(spec: FigureSpec, **inputs) -> list[Path]:
    """Draw the figure ``spec`` describes and write it (and its alt text).

    Parameters
    ----------
    spec
        Elections, layer, view, preset, words and story; ``spec.out`` names the
        file, whose suffix picks the format.
    **inputs
        The user's files and their options, as :func:`mapping.load_data` takes
        them (``boundaries``, ``results``, ``allow_missing``, ...).

    Returns
    -------
    list of Path
        The image, then ``NAME.alt.txt`` when ``spec.alt_text``.

    Raises
    ------
    MappingError
        For any option or file that cannot be used; nothing is written then.
    """
    spec = spec.checked()
    assert spec.out is not None and spec.layer is not None
    out = Path(spec.out)
    fmt = check_suffix(out)
    if inputs.get("results") is not None and len(spec.election) > 1:
        raise InputError(["--results holds one election: name one with --election"])
    if spec.layer == "all" and any(getattr(spec, name) for name in _STORY_OPTIONS):
        raise FigureSpecError(
            "--highlight, --annotate, --label and --focus draw on one layer; "
            "name one with --layer"
        )
    elections = [
        load_data(year, region=spec.region, **inputs) for year in spec.election
    ]
    fig = draw_figure(spec, elections)
    files = {out: figure_bytes(fig, fmt)}
    if spec.alt_text:
        text = out.with_name(f"{out.stem}.alt.txt")
        files[text] = (describe_figure(spec, elections) + "\n").encode("utf-8")
    return write_files(files)


def draw_figure(spec: FigureSpec, elections: list[ElectionData]) -> Figure:
    """Return the figure of ``spec`` drawn from ``elections`` (already loaded)."""
    assert spec.layer is not None
    view = cast(View, spec.view)
    preset = cast(PresetName, spec.preset)
    if spec.layer == "all":
        fig, _ = render_small_multiples(
            elections[0],
            view=view,
            preset=preset,
            title=spec.title,
            subtitle=spec.subtitle,
            source=spec.source,
        )
        return fig
    draw: Callable[..., tuple] = (
        partial(render_series, elections)
        if len(elections) > 1
        else partial(render_image, elections[0])
    )
    fig, _ = draw(
        spec.layer,
        view=view,
        preset=preset,
        title=spec.title,
        subtitle=spec.subtitle,
        source=spec.source,
        highlight=spec.highlight,
        annotate=spec.annotate,
        label=spec.label,
        focus=spec.focus,
    )
    return fig


def describe_figure(spec: FigureSpec, elections: list[ElectionData]) -> str:
    """Return the alt text of the figure: each map, with the seats it picks out."""
    assert spec.layer is not None
    if spec.layer == "all":
        ids = [layer.id for layer in REQUIRED_LAYERS]
        return "\n\n".join(describe(elections[0], i) for i in ids)
    parts = []
    for i, data in enumerate(elections):
        story = tell_story(
            data.seats,
            data.seats,
            highlight=spec.highlight,
            annotate=spec.annotate if i == len(elections) - 1 else (),
        )
        parts.append(
            describe(
                data, spec.layer, highlight=story.highlight or (), notes=story.notes
            )
        )
    return "\n\n".join(parts)
