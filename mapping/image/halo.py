"""Text with a halo that stays text, and a renderer to measure text with."""

from __future__ import annotations

from matplotlib import patheffects
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.text import Text


class HaloText(Text):
    """Text with a halo that stays text: the halo is drawn first, as a shape.

    matplotlib's path effects turn text into glyph outlines; this draws the
    halo (a stroke in ``halo`` colour) as a path under the text, then the text
    itself as text, so SVG keeps ``<text>`` and PDF keeps its fonts.
    """

    def __init__(self, *args, halo: str, halo_width: float, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._halo = _Halo(halo, halo_width)

    def draw(self, renderer) -> None:  # noqa: D102 (matplotlib's)
        if not self.get_visible() or not self.get_text():
            return
        gid = self.get_gid()
        self._path_effects = [self._halo]  # set privately: not a change to redraw
        self._gid = f"{gid}-halo" if gid else None
        super().draw(renderer)
        self._path_effects = []
        self._gid = gid
        super().draw(renderer)


class _Halo(patheffects.AbstractPathEffect):
    """A stroke and fill in one colour: the halo behind a label."""

    def __init__(self, colour: str, width: float) -> None:
        super().__init__()
        self.colour = colour
        self.width = width

    def draw_path(self, renderer, gc, tpath, affine, rgbFace=None):  # noqa: N803
        gc_halo = renderer.new_gc()
        gc_halo.copy_properties(gc)
        gc_halo.set_foreground(self.colour)
        gc_halo.set_linewidth(self.width)
        gc_halo.set_joinstyle("round")
        renderer.draw_path(gc_halo, tpath, affine, to_rgba(self.colour))
        gc_halo.restore()


def renderer_of(fig: Figure):
    """Return a renderer that measures text as the figure will draw it."""
    canvas = fig.canvas
    if not hasattr(canvas, "get_renderer"):
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        canvas = FigureCanvasAgg(fig)
    return canvas.get_renderer()
