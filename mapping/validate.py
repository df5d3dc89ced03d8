"""Validation in one place: collect every problem of an input, report them all."""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from pathlib import Path

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


def check_readable(path: Path | str, what: str) -> Path:
    """Refuse a path that does not exist, is a folder or is empty."""
    path = Path(path)
    if not path.exists():
        raise InputError([f"{path}: no such file; check the path of the {what}"])
    if path.is_dir() and not any(path.iterdir()):
        raise InputError([f"{path}: is an empty folder, not a {what}"])
    if path.is_file() and path.stat().st_size == 0:
        raise InputError([f"{path}: the file is empty; export the {what} again"])
    return path


def plural(count: int, noun: str) -> str:
    """Return "1 seat" or "3 seats"."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


def listing(items, limit: int = 5) -> str:
    """Return a short listing: the first few items and how many more."""
    items = list(items)
    shown = ", ".join(str(i) for i in items[:limit])
    return shown + (f" and {len(items) - limit} more" if len(items) > limit else "")
