"""Static images of a layer (PNG, SVG, PDF), drawn with matplotlib.

:func:`render_image`, :func:`render_series` and :func:`render_small_multiples`
return ``(fig, ax)`` for notebook users; :func:`save_figure` writes a file whose
format follows its suffix; :func:`write_figure` makes a published image from a
:class:`FigureSpec`. The work is split by job:

- :mod:`~mapping.image.spec` and :mod:`~mapping.image.presets`: the options,
  once, for the command line and spec files (plain Python, no drawing);
- :mod:`~mapping.image.api` and :mod:`~mapping.image.series`: the renderers;
- :mod:`~mapping.image.layout`, :mod:`~mapping.image.pages` and
  :mod:`~mapping.image.grid`: where everything goes, in inches (pure functions);
- :mod:`~mapping.image.draw`, :mod:`~mapping.image.labels`,
  :mod:`~mapping.image.placement`, :mod:`~mapping.image.annotate` and
  :mod:`~mapping.image.inset`: drawing seats, legends, text, labels and
  callouts placed without collisions;
- :mod:`~mapping.image.story` and :mod:`~mapping.image.words`: which seats the
  figure picks out, and the words around it;
- :mod:`~mapping.image.save` and :mod:`~mapping.image.publish`: files and bytes.

Names are loaded on first use, so that the command line can read the options
without importing matplotlib.
"""

from importlib import import_module

from ..errors import ImageFormatError, ImageOptionError

_LAZY = {
    "PRESETS": "presets",
    "Preset": "presets",
    "FigureSpec": "spec",
    "read_spec": "spec",
    "PresetName": "api",
    "View": "api",
    "render_image": "api",
    "render_small_multiples": "api",
    "render_series": "series",
    "FORMATS": "save",
    "check_suffix": "save",
    "figure_bytes": "save",
    "save_figure": "save",
    "write_figure": "publish",
}

__all__ = ["ImageFormatError", "ImageOptionError", *_LAZY]


def __getattr__(name: str):
    if name in _LAZY:
        return getattr(import_module(f"{__name__}.{_LAZY[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
