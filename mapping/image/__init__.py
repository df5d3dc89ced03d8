"""Static images of a layer (PNG, SVG, PDF), drawn with matplotlib.

:func:`render_image` and :func:`render_small_multiples` return ``(fig, ax)``
for notebook users; :func:`save_figure` writes a file whose format follows its
suffix. The work is split by job:

- :mod:`~mapping.image.api`: the renderers, their presets and option checks;
- :mod:`~mapping.image.layout` and :mod:`~mapping.image.pages`: where everything
  goes, in inches (pure functions, no drawing);
- :mod:`~mapping.image.draw` and :mod:`~mapping.image.labels`: drawing seats,
  legends, headings, footers and seat names onto axes;
- :mod:`~mapping.image.save`: files and bytes.
"""

from ..errors import ImageFormatError, ImageOptionError
from .api import PRESETS, PresetName, View, render_image, render_small_multiples
from .save import FORMATS, check_suffix, figure_bytes, save_figure

__all__ = [
    "FORMATS",
    "PRESETS",
    "ImageFormatError",
    "ImageOptionError",
    "PresetName",
    "View",
    "check_suffix",
    "figure_bytes",
    "render_image",
    "render_small_multiples",
    "save_figure",
]
