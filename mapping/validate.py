"""Validation in one place: collect every problem of an input, report them all."""

from __future__ import annotations

import os
import stat
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import NoReturn

from .errors import InputError, InputWarning


@dataclass
class Problems:
    """Problems found in one file, reported together by :meth:`raise_if_any`."""

    path: Path | str
    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def error(self, message: str, *, where: str = "") -> None:
        """Record a problem that stops the file from being used."""
        place = f"{self.path}{', ' + where if where else ''}"
        self.errors.append(f"{place}: {message}")

    def warn(self, message: str, *, where: str = "") -> None:
        """Record something repaired or guessed; shown as an :class:`InputWarning`."""
        place = f"{self.path}{', ' + where if where else ''}"
        self.notes.append(f"{place}: {message}")

    def raise_if_any(self) -> None:
        """Warn of every note, then raise one :class:`InputError` for every error."""
        for note in self.notes:
            warnings.warn(note, InputWarning, stacklevel=3)
        self.notes.clear()
        if self.errors:
            raise InputError(self.errors)


def check_readable(
    path: Path | str,
    what: str,
    *,
    allow_folder: bool = False,
    max_bytes: int | None = None,
) -> Path:
    """Refuse a path that cannot be an input file, with one line saying why.

    Parameters
    ----------
    path
        The path the user gave.
    what
        What the file should be ("results table"), for the messages.
    allow_folder
        Accept a folder that holds something (a shapefile's folder); an empty
        folder is always refused.
    max_bytes
        Refuse a file larger than this; ``None`` sets no limit.

    Returns
    -------
    Path
        The path, once it names a non-empty regular file (or an allowed folder).

    Raises
    ------
    InputError
        The path is missing, an empty file, a folder, a device, pipe or socket,
        or too large.
    """
    path = Path(path)
    try:
        info = path.stat()
    except (FileNotFoundError, NotADirectoryError):
        refuse(path, f"no such file; check the path of the {what}")
    except OSError as error:
        refuse(path, f"cannot be read ({error.strerror}); check the path")
    if stat.S_ISDIR(info.st_mode):
        _check_folder(path, what, allow_folder)
        return path
    _check_regular(path, info, what)
    if info.st_size == 0:
        refuse(path, f"the file is empty; export the {what} again")
    if max_bytes is not None and info.st_size > max_bytes:
        refuse(path, _too_large(f"is {_size(info.st_size)}", what, max_bytes))
    return path


def read_capped(path: Path, what: str, max_bytes: int) -> bytes:
    """Return the bytes of a regular file, reading no more than ``max_bytes``.

    The file is checked again once open (it may have been swapped for a pipe or
    have grown since :func:`check_readable`); a pipe is opened without waiting
    for a writer.

    Raises
    ------
    InputError
        The file cannot be opened, is not a regular file, or holds more than
        ``max_bytes``.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        with os.fdopen(os.open(path, flags), "rb") as file:
            _check_regular(path, os.fstat(file.fileno()), what)
            data = file.read(max_bytes + 1)
    except OSError as error:
        refuse(path, f"cannot be read ({error.strerror}); check its permissions")
    if len(data) > max_bytes:
        refuse(path, _too_large(f"is more than {_size(max_bytes)}", what, max_bytes))
    return data


def refuse(label, message: str) -> NoReturn:
    """Raise the one-line :class:`InputError` of a file refused for ``message``."""
    raise InputError([f"{label}: {message}"]) from None


def _check_folder(path: Path, what: str, allow_folder: bool) -> None:
    try:
        empty = not any(path.iterdir())
    except OSError as error:
        refuse(path, f"cannot be read ({error.strerror}); check its permissions")
    if empty:
        refuse(path, f"is an empty folder, not a {what}")
    if not allow_folder:
        refuse(path, f"is a folder, not a {what}; give the path of the file itself")


#: What a path that is not a regular file is, by its file type.
_FILE_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISSOCK, "a socket"),
)


def _check_regular(path: Path, info: os.stat_result, what: str) -> None:
    if stat.S_ISREG(info.st_mode):
        return
    kind = next((kind for test, kind in _FILE_KINDS if test(info.st_mode)), "special")
    refuse(
        path,
        f"is not a regular file ({kind}); give the path of a {what} saved on disk",
    )


def _too_large(size: str, what: str, max_bytes: int) -> str:
    return f"{size}; {what}s are at most {_size(max_bytes)}"


def _size(count: int) -> str:
    """Return "1.2 GB", "200 MB", "12 kB" or "512 bytes" (decimal units)."""
    for unit, scale in (("GB", 10**9), ("MB", 10**6), ("kB", 10**3)):
        if count >= scale:
            return f"{count / scale:.1f}".removesuffix(".0") + f" {unit}"
    return plural(count, "byte")


def plural(count: int, noun: str) -> str:
    """Return "1 seat" or "3 seats"."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


def listing(items, limit: int = 5) -> str:
    """Return a short listing: the first few items and how many more."""
    items = list(items)
    shown = ", ".join(str(i) for i in items[:limit])
    return shown + (f" and {len(items) - limit} more" if len(items) > limit else "")
