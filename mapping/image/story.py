"""The story of a figure: which seats to highlight, annotate, label and frame.

Seat names from the command line or a spec file are matched with
:func:`mapping.text.normalise_name` ("Enfield Southgate" finds "Enfield,
Southgate"), and the first words of a name find it when they name one seat
only ("Chingford"); a name that matches no seat is refused with one line naming
it and suggesting the closest names. Commas separate names, except inside a
name that has one.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import geopandas as gpd
import pandas as pd

from ..errors import ImageOptionError
from ..text import normalise_name, short_text, visible


class UnknownSeatError(ImageOptionError):
    """A seat or region name that matches nothing these maps draw."""


@dataclass(frozen=True)
class Story:
    """The seats a figure picks out, by ONS code.

    ``highlight`` is ``None`` when every seat keeps its colour; ``labels`` lists
    the seats to name on the map; ``notes`` pairs a seat with its callout;
    ``focus`` is the area to frame (``None``: every seat).
    """

    highlight: frozenset[str] | None = None
    notes: tuple[tuple[str, str], ...] = ()
    labels: frozenset[str] = frozenset()
    focus: tuple[float, float, float, float] | None = None
    focus_region: str | None = None


def tell_story(
    seats: gpd.GeoDataFrame,
    shapes: gpd.GeoDataFrame,
    *,
    highlight: Sequence[str] = (),
    annotate: Sequence[tuple[str, str]] = (),
    label: Sequence[str] = (),
    focus: Sequence[str] = (),
) -> Story:
    """Match the names of a figure's options against ``seats``.

    Parameters
    ----------
    seats
        The seats of the election (``code``, ``name``, ``region``, ``gain``).
    shapes
        Their shapes as drawn (boundaries or hexagons), for ``focus``.
    highlight, annotate, label, focus
        As :class:`mapping.image.spec.FigureSpec` holds them.

    Raises
    ------
    UnknownSeatError
        For a name that matches no seat (or region, for ``focus``), naming it.
    """
    codes = match_seats(seats, highlight, option="--highlight") if highlight else None
    notes = tuple(
        (match_seats(seats, [seat], option="--annotate", single=True)[0], text)
        for seat, text in annotate
    )
    return Story(
        highlight=frozenset(codes) if codes is not None else None,
        notes=notes,
        labels=frozenset(_labels(seats, label)),
        **_focus(seats, shapes, focus),
    )


def _labels(seats: pd.DataFrame, label: Sequence[str]) -> list[str]:
    if tuple(label) == ("all",):
        return list(seats["code"])
    if tuple(label) == ("gains",):
        return list(seats.loc[seats["gain"].fillna(False).astype(bool), "code"])
    return match_seats(seats, label, option="--label") if label else []


def _focus(seats: pd.DataFrame, shapes: gpd.GeoDataFrame, focus: Sequence[str]) -> dict:
    if not focus:
        return {}
    regions = {normalise_name(r): r for r in seats["region"].dropna().unique()}
    region = regions.get(normalise_name(",".join(focus)))
    if region is not None:
        chosen = seats["region"] == region
    else:
        names = list(regions.values())
        codes = match_seats(seats, focus, option="--focus", extra=names)
        chosen = seats["code"].isin(codes)
    bounds = shapes.loc[chosen.to_numpy()].total_bounds
    return {"focus": tuple(float(b) for b in bounds), "focus_region": region}


def match_seats(
    seats: pd.DataFrame,
    given: Iterable[str],
    *,
    option: str,
    single: bool = False,
    extra: Sequence[str] = (),
) -> list[str]:
    """Return the codes of the seats named in ``given``, in order, once each.

    Each item may hold several names separated by commas; a comma inside a
    seat's own name ("Enfield, Southgate") is kept when the joined words name a
    seat. ``single`` takes each item whole, as one name.

    Raises
    ------
    UnknownSeatError
        Naming the first name that matches no seat, with the closest names
        (of the seats, and of ``extra`` such as regions).
    """
    pairs = zip(seats["name"], seats["code"], strict=True)
    by_name = {normalise_name(name): code for name, code in pairs}
    found: list[str] = []
    for item in given:
        parts = [item] if single else item.split(",")
        start = 0
        while start < len(parts):
            for end in range(len(parts), start, -1):
                code = by_name.get(normalise_name(",".join(parts[start:end])))
                if code is not None:
                    found.append(code)
                    start = end
                    break
            else:
                name = parts[start].strip()
                if name:
                    found.append(_by_prefix(by_name, seats, name, option, extra))
                start += 1
    return list(dict.fromkeys(found))


def _by_prefix(
    by_name: dict[str, str],
    seats: pd.DataFrame,
    name: str,
    option: str,
    extra: Sequence[str],
) -> str:
    """Return the one seat whose name starts with ``name``'s words, or refuse.

    "Chingford" finds "Chingford and Woodford Green"; "Enfield" names two
    seats, so it is refused with both suggested.
    """
    words = normalise_name(name)
    starting = [
        code
        for folded, code in by_name.items()
        if words and (folded == words or folded.startswith(words + " "))
    ]
    if len(starting) == 1:
        return starting[0]
    raise _unknown(seats, name, option, extra)


def _unknown(
    seats: pd.DataFrame, name: str, option: str, extra: Sequence[str]
) -> UnknownSeatError:
    names = [*seats["name"], *extra]
    folded = {normalise_name(n): n for n in names}
    words = normalise_name(name)
    close = [n for n in folded if words and n.startswith(words + " ")][:3]
    close += difflib.get_close_matches(words, folded, n=3 - len(close), cutoff=0.6)
    hint = f"; did you mean {', '.join(visible(folded[c]) for c in close)}?"
    what = "seat or region" if extra else "seat"
    return UnknownSeatError(
        f"{option}: no {what} called '{visible(short_text(name, 50))}' here"
        + (hint if close else "; check the spelling, the region and the election")
    )
