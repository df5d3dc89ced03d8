"""How a command treats Python's garbage collector: it spends no time on libraries.

Importing pandas, geopandas and folium makes a few hundred thousand objects, none
of them garbage, and the collector would walk them again and again: while they
load (about 50 ms of a build) and once more at exit (about 0.1 s of a table).
"""

from __future__ import annotations

import atexit
import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def loading_libraries() -> Iterator[None]:
    """Import a command's libraries without collecting, then set them aside.

    Frozen, they are skipped by every collection the command still runs.
    """
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.enable()


def no_collection_at_exit() -> None:
    """Spare the last search of every object for cycles, at exit.

    The memory goes back to the system anyway; files are closed and streams
    flushed before then. Registered once, however many commands run.
    """
    atexit.unregister(gc.freeze)
    atexit.register(gc.freeze)
