"""Party codes, names and colours: one lookup shared by the logic and every renderer."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from .text import normalise_name

OTHER = "Other"
INDEPENDENT = "Ind"


@dataclass(frozen=True)
class Party:
    """A party as the maps show it."""

    code: str
    name: str
    colour: str


def _key(text: str) -> str:
    """Fold a party label for lookup: "Lab Co-op", "lab coop", "LAB & COOP"."""
    return normalise_name(text).replace(" ", "")


@dataclass(frozen=True)
class _Table:
    """The party table: parties by code, spellings by key, and the reductions."""

    parties: dict[str, Party]
    spellings: dict[str, str]
    reductions: tuple[tuple[re.Pattern[str], bool], ...]
    aggregates: frozenset[str]


@cache
def _table() -> _Table:
    raw = json.loads(
        resources.files("mapping").joinpath("data/parties.json").read_text()
    )
    reductions = tuple(
        (re.compile(step["pattern"]), step.get("folded", False))
        for step in raw["reduce"]
    )
    parties: dict[str, Party] = {}
    spellings: dict[str, str] = {}
    for entry in raw["parties"]:
        party = Party(entry["code"], entry["name"], entry["colour"])
        parties[party.code] = party
        for spelling in [entry["code"], entry["name"], *entry["aliases"]]:
            for key in _keys(spelling, reductions):
                spellings.setdefault(key, party.code)
    aggregates = frozenset(e["code"] for e in raw["parties"] if e.get("aggregate"))
    return _Table(parties, spellings, reductions, aggregates)


def _keys(label: str, reductions) -> list[str]:
    """Return the lookup keys of a label: as written, then reduced step by step."""
    keys = [_key(label)]
    text = label.strip()
    for pattern, folded in reductions:
        if folded:
            text = normalise_name(text)
        reduced = pattern.sub("", text).strip()
        if reduced and reduced != text:
            text = reduced
            keys.append(_key(text))
    return keys


@lru_cache(maxsize=4096)  # a table of candidates repeats a few hundred labels
def find_party(label: str) -> str | None:
    """Return the code of a label the party table knows, else ``None``.

    "Conservative and Unionist Party", "Lab Co-op", "Lib Dems", "Scottish
    National Party (SNP)", "con_votes" and "Lab 2019" are all found.
    """
    table = _table()
    for key in _keys(str(label), table.reductions):
        if key in table.spellings:
            return table.spellings[key]
    return None


def party_code(label: str) -> str:
    """Return the canonical code for a party label.

    Aliases and other spellings map to one code ("Lab Coop" and "Labour" give
    "Lab", "UCUNF" gives "UUP"); a label the table does not know is kept as it
    is, so every other party keeps a code of its own.
    """
    label = str(label).strip()
    return find_party(label) or label


def is_aggregate(code: str) -> bool:
    """Whether a code lumps several candidates together ("Other")."""
    return code in _table().aggregates


def get_party(label: str) -> Party:
    """Return the :class:`Party` for a code or any known spelling of it.

    Unknown parties get their own code as name and the neutral colour of "Other".
    """
    code = party_code(label)
    parties = _table().parties
    if code in parties:
        return parties[code]
    return Party(code, code, parties[OTHER].colour)


def known_parties() -> list[Party]:
    """Return every party of the table, in the table's order."""
    return list(_table().parties.values())


def by_seats(counts) -> list[str]:
    """Party codes ordered as every legend and description lists them.

    Most seats first; ties in code order. ``counts`` maps code → seats (a
    ``pandas.Series`` from ``value_counts`` will do).
    """
    return sorted(counts.index, key=lambda code: (-counts[code], code))
