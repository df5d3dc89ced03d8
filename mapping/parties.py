"""Party codes, names and colours: one lookup shared by the logic and every renderer."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources

from .text import normalise_name

OTHER = "Other"


@dataclass(frozen=True)
class Party:
    """A party as the maps show it."""

    code: str
    name: str
    colour: str


def _key(text: str) -> str:
    """Fold a party label for lookup: "Lab Co-op", "lab coop", "LAB & COOP"."""
    return normalise_name(text).replace(" ", "")


@cache
def _table() -> tuple[dict[str, Party], dict[str, str]]:
    raw = json.loads(
        resources.files("mapping").joinpath("data/parties.json").read_text()
    )
    parties = {}
    aliases = {}
    for entry in raw["parties"]:
        party = Party(entry["code"], entry["name"], entry["colour"])
        parties[party.code] = party
        for spelling in [entry["code"], entry["name"], *entry["aliases"]]:
            aliases[_key(spelling)] = party.code
    return parties, aliases


def party_code(label: str) -> str:
    """Return the canonical code for a party label.

    Aliases and other spellings map to one code ("Lab Coop" and "Labour" give
    "Lab", "UCUNF" gives "UUP"); a label the table does not know is kept as it
    is, so small parties keep their own code.
    """
    label = str(label).strip()
    return _table()[1].get(_key(label), label)


def get_party(label: str) -> Party:
    """Return the :class:`Party` for a code or any known spelling of it.

    Unknown parties get their own code as name and the neutral colour of "Other".
    """
    code = party_code(label)
    parties = _table()[0]
    if code in parties:
        return parties[code]
    return Party(code, code, parties[OTHER].colour)


def known_parties() -> list[Party]:
    """Return every party of the table, in the table's order."""
    return list(_table()[0].values())


def by_seats(counts) -> list[str]:
    """Party codes ordered as every legend and description lists them.

    Most seats first; ties in code order. ``counts`` maps code → seats (a
    ``pandas.Series`` from ``value_counts`` will do).
    """
    return sorted(counts.index, key=lambda code: (-counts[code], code))
