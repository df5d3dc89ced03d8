"""Writing figures to files: the format follows the suffix, the bytes never vary."""

from __future__ import annotations

import io
import os
from pathlib import Path

from matplotlib import rc_context
from matplotlib.figure import Figure

from ..errors import ImageFormatError
from ..output import write_atomically

#: File formats :func:`save_figure` writes, by suffix.
FORMATS = {".png": "png", ".svg": "svg", ".pdf": "pdf"}
#: Settings that make files reproducible and keep SVG text as text.
_SAVE_RC: dict = {
    "svg.fonttype": "none",
    "svg.hashsalt": "london-maps",
    # TrueType fonts embedded whole (Type 42), as print shops ask, not Type 3.
    "pdf.fonttype": 42,
}
_METADATA = {
    "png": {"Software": None},
    "svg": {"Date": None},
    "pdf": {"CreationDate": None, "ModDate": None},
}


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


def check_suffix(path: str | os.PathLike[str]) -> str:
    """Return the format that the suffix of ``path`` names.

    Parameters
    ----------
    path
        A file name; the suffix is read case-insensitively.

    Returns
    -------
    str
        ``"png"``, ``"svg"`` or ``"pdf"``.

    Raises
    ------
    ImageFormatError
        When the suffix is not one of :data:`FORMATS`, naming those that are.
    """
    path = Path(path)
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        allowed = ", ".join(FORMATS)
        raise ImageFormatError(
            f"cannot write {str(path)!r}: unknown image suffix "
            f"{path.suffix or '(none)'!r}; use one of {allowed}"
        )
    return fmt


def figure_bytes(fig: Figure, fmt: str) -> bytes:
    """Return the bytes of ``fig`` as a file of format ``fmt``.

    Parameters
    ----------
    fig
        The figure to write.
    fmt
        ``"png"``, ``"svg"`` or ``"pdf"``, as :func:`check_suffix` returns it.

    Returns
    -------
    bytes
        The same for the same figure, every time: no dates or versions inside.
    """
    buffer = io.BytesIO()
    with rc_context(_SAVE_RC):
        fig.savefig(buffer, format=fmt, dpi=fig.dpi, metadata=_METADATA[fmt])
    return buffer.getvalue()
