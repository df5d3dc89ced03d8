"""The words around a map: headline, subtitle, source line and attribution.

The defaults say what the map is ("Gains — London, 2019 general election"),
define the layer, and credit the sources drawn in a short line ("Source: House
of Commons Library; ..."); ``--title``, ``--subtitle`` and ``--source``
replace them. The full attribution is always kept, in small type. Every text is
shown through :func:`mapping.text.visible`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..dataset import ElectionData
from ..layers import Layer
from ..text import visible
from .pages import Editorial

#: The order sources are named in the short source line, by what they gave.
SOURCE_ORDER = ("results", "remain", "boundaries", "hexes")
#: A licence or note in brackets (a year, as in "(2017)", is kept).
_BRACKETS = re.compile(r"\s*\((?!\d{4}\))[^)]*\)")
_LICENSED = re.compile(r"\s+licensed under .*$", re.IGNORECASE)


def short_credit(credit: str) -> str:
    """Return the short form of one credit: who, without what or the licence.

    "election results: House of Commons Library (Open Parliament Licence v3.0)"
    becomes "House of Commons Library"; "results: my.csv" becomes "my.csv".
    """
    who = credit.rsplit(": ", 1)[-1]
    who = _LICENSED.sub("", _BRACKETS.sub("", who))
    return who.strip(" .;") or credit.strip()


def short_source(data: ElectionData, view: str, layer_ids: Sequence[str]) -> str:
    """Return "Source: A; B; C" for the sources of a drawing, results first."""
    used = data.attribution_for(view, layer_ids)
    kinds = sorted(
        (kind for kind, text in data.credits.items() if text and text in used),
        key=lambda kind: SOURCE_ORDER.index(kind) if kind in SOURCE_ORDER else 9,
    )
    names = dict.fromkeys(short_credit(data.credits[kind]) for kind in kinds)
    return "Source: " + "; ".join(names) if names else ""


def editorial(
    data: ElectionData,
    layer: Layer | None,
    *,
    view: str,
    layer_ids: Sequence[str],
    title: str | None = None,
    subtitle: str | None = None,
    source: str | None = None,
    default_title: str | None = None,
) -> Editorial:
    """Return the words of a figure: the user's where given, else the defaults.

    The default headline is ``default_title``, or "<layer> — <data's title>";
    the default subtitle is the layer's definition (none without a layer).
    """
    if default_title is None:
        assert layer is not None, "a figure of no one layer needs its title"
        default_title = f"{layer.title} — {visible(data.title)}"
    return Editorial(
        title=visible(title) if title is not None else default_title,
        subtitle=(
            visible(subtitle)
            if subtitle is not None
            else (layer.note if layer is not None else "")
        ),
        source=(
            visible(source)
            if source is not None
            else visible(short_source(data, view, layer_ids))
        ),
        attribution=visible(data.attribution_for(view, layer_ids)),
    )
