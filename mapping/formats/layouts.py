"""What a results table is, from its headers and its content.

Four layouts are read: one row per seat with a column of votes (or shares) per
party; the House of Commons Library's constituency files; one row per
candidate; and winners-only tables. Each column gets a role from its header
(in any case, with spaces or underscores) and, for the seat code, from what its
cells hold.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from ..parties import find_party
from ..text import normalise_name

#: Headers of each column role, folded to snake case. A pattern is a regex.
ROLES: dict[str, tuple[str, ...]] = {
    "code": (
        "code", "ons_id", "ons_code", "pcon_code", "gss_code", "constituency_id",
        "constituency_code", "seat_code", "ccode", "post_id", "area_code",
        r"pcon\d{2}cd", r"wmc\d{2}cd",
    ),
    "name": (
        "constituency_name", "constituency", "seat", "seat_name", "post_label",
        "area_name", r"pcon\d{2}nm", r"wmc\d{2}nm", "name",
    ),
    "electorate": ("electorate", "registered_electors", "electors"),
    "valid_votes": ("valid_votes", "total_votes", "total_valid_votes"),
    "previous_winner": ("previous_winner", "prev_winner", "notional_winner"),
    "winner_name": ("winner_name", "mp", "member", "mp_name", "elected_member"),
    "winner": ("winner", "first_party", "winning_party", "party"),
    "runner_up": ("runner_up", "second_party", "second", "runnerup"),
    "majority": ("majority", "majority_votes"),
    "majority_pct": ("majority_pct", "majority_percent", "majority_share"),
    "turnout": ("turnout", "turnout_pct", "turnout_percent"),
    "winner_share": ("share", "winner_share", "share_pct", "vote_share"),
    "votes": ("votes", "votes_cast", "candidate_votes", "vote"),
    "elected": ("elected", "is_elected", "won"),
    "result": ("result", "result_call"),
    "ignored": (
        "year", "election", "election_year", "election_date", "pano", "id",
        "invalid_votes", "rejected_ballots", "change", "declaration_time",
        r".*_id", r".*region.*", "county", "county_name", "country", "country_name",
        "constituency_type", "gender", "sitting_mp", "former_mp",
        "incumbent", r"incumbent_?", "party_name", "party_id",
    ),
}  # fmt: skip
#: Headers of the party of a candidate, best first (one row per candidate).
PARTY_HEADERS = (
    "party_abbreviation", "party_name_identifier", "party", "party_name",
    "description_on_ballot_paper", "party_description",
)  # fmt: skip
#: Headers of a candidate's name: one column, or first name and surname.
CANDIDATE_HEADERS = ("candidate", "candidate_name", "name")
FIRST_NAMES = (
    "forename", "firstname", "first_name", "given_name", "candidate_first_name",
)  # fmt: skip
SURNAMES = ("surname", "lastname", "last_name", "family_name", "candidate_surname")
#: Headers of the Library's constituency files, snake case → title case.
LIBRARY_SNAKE = {
    "ons_id": "ONS ID",
    "constituency_name": "Constituency name",
    "electorate": "Electorate",
    "valid_votes": "Valid votes",
    "majority": "Majority",
    "first_party": "First party",
    "second_party": "Second party",
    "result": "Result",
    "other": "All other candidates",
    "other_winner": "Of which other winner",
    "mp_firstname": "Member first name",
    "mp_surname": "Member surname",
}
#: Share of a column's cells that must look alike for its content to decide.
MOSTLY = 0.9
#: A seat code, with the prefix some files put before it (``WMC:E14000793``).
_PREFIXED_CODE = re.compile(r"^(?:[A-Za-z]+:)?([EWSN]\d{8})$")


def header_key(text: str) -> str:
    """Fold a header for matching: "ONS ID", "ons_id" and "Ons id" are one."""
    return normalise_name(text).replace(" ", "_")


def role_of(header: str) -> str | None:
    """Return the role a header names, if any."""
    key = header_key(header)
    for role, spellings in ROLES.items():
        if any(re.fullmatch(spelling, key) for spelling in spellings):
            return role
    return None


def seat_codes(column: pd.Series) -> pd.Series:
    """Return the ONS seat codes of a column, prefixes removed; NaN elsewhere."""
    return column.str.strip().str.extract(_PREFIXED_CODE, expand=False)


def holds_codes(column: pd.Series) -> bool:
    """Whether (nearly) every filled cell of a column is a seat code."""
    filled = column[column.str.strip() != ""]
    if filled.empty:
        return False
    codes = seat_codes(filled)
    seat_like = codes.str.match(r"^(E14|W07|S14|N06)", na=False)
    return bool(seat_like.mean() >= MOSTLY)


def numeric_share(column: pd.Series) -> float:
    """Share of the filled cells of a column that read as numbers."""
    text = column.str.strip().str.replace(r"[,%\s]", "", regex=True)
    filled = text[text != ""]
    if filled.empty:
        return 0.0
    return float(pd.to_numeric(filled, errors="coerce").notna().mean())


@dataclass(frozen=True)
class Layout:
    """A table's layout and the column of each role.

    ``kind`` is ``"library"``, ``"candidates"``, ``"winners"`` or ``"wide"``;
    ``roles`` maps a role to its column; ``described`` names the layout in
    messages ("one row per candidate").
    """

    kind: str
    roles: dict[str, str]
    described: str


def identify(table: pd.DataFrame) -> Layout:
    """Tell the layout of a table of text from its headers and content."""
    keys = {header_key(column): column for column in table.columns}
    if {"ons_id", "first_party", "result"} <= set(keys) and (
        "all_other_candidates" in keys or "other" in keys
    ):
        return Layout("library", {}, "the House of Commons Library's layout")
    roles = _roles(table)
    party = _party_column(table)
    repeats = _key_repeats(table, roles)
    if party is not None and repeats:
        roles = {**roles, "party": party}
        roles.update(_candidate_columns(table, roles))
        return Layout("candidates", roles, "one row per candidate")
    parties = [
        column
        for column in table.columns
        if column not in roles.values()
        and role_of(column) is None
        and find_party(column) is not None
        and numeric_share(table[column]) >= MOSTLY
    ]
    if "winner" in roles and not parties:
        return Layout("winners", roles, "a table of winners only")
    return Layout("wide", roles, "one row per seat with a column per party")


def _roles(table: pd.DataFrame) -> dict[str, str]:
    """Return the first column of each seat-level role, the code found by content."""
    roles: dict[str, str] = {}
    for column in table.columns:
        role = role_of(column)
        if role is not None and role not in roles and role != "ignored":
            roles[role] = column
    if "code" in roles and not holds_codes(table[roles["code"]]):
        del roles["code"]
    if "code" not in roles:
        found = next((c for c in table.columns if holds_codes(table[c])), None)
        if found is not None:
            roles["code"] = found
    return roles


def _party_column(table: pd.DataFrame) -> str | None:
    """Return the column of candidates' parties: the one whose labels are best known."""
    columns = [
        c for key in PARTY_HEADERS for c in table.columns if header_key(c) == key
    ]
    if not columns:
        return None
    known = {
        c: table[c].map(lambda label: find_party(label) is not None).mean()
        for c in columns
    }
    return max(columns, key=lambda c: known[c])  # the first of the best, by order


def _key_repeats(table: pd.DataFrame, roles: dict[str, str]) -> bool:
    """Whether seats take several rows each (one row per candidate)."""
    key = roles.get("code") or roles.get("name")
    if key is None:
        return False
    filled = table[key].str.strip()
    filled = filled[filled != ""]
    return len(filled) >= 1.5 * max(1, filled.nunique())


def _candidate_columns(table: pd.DataFrame, roles: dict[str, str]) -> dict[str, str]:
    """Columns of a candidate layout: name(s), votes, share and elected flag."""
    keys = {header_key(column): column for column in table.columns}
    found = {}
    if roles.get("name") == keys.get("name") and any(
        k in keys for k in ("post_label", "constituency_name", "constituency")
    ):
        seat = next(
            keys[k]
            for k in ("post_label", "constituency_name", "constituency")
            if k in keys
        )
        found["name"] = seat
    for spelling in CANDIDATE_HEADERS:
        if spelling in keys and keys[spelling] != found.get("name", roles.get("name")):
            found["candidate"] = keys[spelling]
            break
    first = next((keys[k] for k in FIRST_NAMES if k in keys), None)
    last = next((keys[k] for k in SURNAMES if k in keys), None)
    if "candidate" not in found and first and last:
        found["first_name"], found["surname"] = first, last
    share = next(
        (keys[k] for k in ("share", "share_pct", "vote_share", "share_") if k in keys),
        None,
    )
    if share is not None:
        found["share"] = share
    return found
