"""Changes against the previous election on the same boundaries: lead and swing.

Pure pandas, like :mod:`mapping.logic`, which joins these columns to its gains.
Shares are % of valid votes and changes are in points; a party that did not
stand has a share of 0.
"""

from __future__ import annotations

from itertools import permutations

import numpy as np
import pandas as pd

#: The main parties: each gets a share layer, and swing is measured between them.
MAIN_PARTIES = ("Con", "Lab", "LD", "Green", "RUK", "BRX", "UKIP", "SNP", "PC")
#: Columns measured against the previous election on the same boundaries: empty
#: where there is none (a new boundary set), like every ``change_<party>``.
CHANGE_COLUMNS = (
    "previous_majority",
    "previous_majority_pct",
    "previous_lead",
    "lead_change",
    "majority_change",
    "swing_con_to_lab",
)


def previous_lead(current: pd.DataFrame, previous: pd.DataFrame) -> pd.Series:
    """Return the current winner's lead at the previous election, in points.

    Its share then minus the best other party's share then: the previous
    majority % where it won, minus that where it came second, else its share
    minus the previous winner's (negative: it trailed). Empty where either
    election has no result for the seat.
    """
    now = current.set_index("code")
    before = previous.set_index("code").reindex(now.index)
    winner, margin = now["winner"], before["majority_pct"]
    trailed = _share_of(before, winner) - _share_of(before, before["winner"])
    lead = trailed.where(winner != before["runner_up"], -margin)
    lead = lead.where(winner != before["winner"], margin)
    return lead.where(winner.notna() & before["winner"].notna()).rename("previous_lead")


def _share_of(table: pd.DataFrame, parties: pd.Series) -> pd.Series:
    """Each seat's share of the party named on its row (0: it did not stand)."""
    if not any(str(c).startswith("share_") for c in table.columns):
        return pd.Series(np.nan, table.index)
    values = [
        table.at[code, f"share_{party}"] if f"share_{party}" in table else 0.0
        for code, party in zip(table.index, parties, strict=True)
    ]
    return pd.Series(values, table.index, dtype=float)


def swings(current: pd.DataFrame, previous: pd.DataFrame) -> pd.DataFrame:
    """Butler swing between every ordered pair of the main parties standing.

    A main party stands where it has votes in either election; Conservative to
    Labour is always there. Columns ``swing_<from>_to_<to>`` indexed by code.
    """
    standing = {"Con", "Lab"}
    for frame in (current, previous):
        standing.update(
            party
            for party in MAIN_PARTIES
            if f"share_{party}" in frame and (frame[f"share_{party}"] > 0).any()
        )
    parties = [party for party in MAIN_PARTIES if party in standing]
    return pd.concat(
        [
            butler_swing(current, previous, to=to, from_=from_)
            for from_, to in permutations(parties, 2)
        ],
        axis=1,
    )


def butler_swing(
    shares_now: pd.DataFrame, shares_before: pd.DataFrame, *, to: str, from_: str
) -> pd.Series:
    """Two-party (Butler) swing from party ``from_`` to party ``to``, in points.

    ((to₂ − to₁) − (from₂ − from₁)) ÷ 2, with shares in % of valid votes; a party
    that did not stand has a share of 0. Empty for a seat with no previous result.
    """
    now = shares_now.set_index("code")
    before = shares_before.set_index("code").reindex(now.index)
    compared = now.index.isin(shares_before["code"])

    def share(frame: pd.DataFrame, party: str) -> pd.Series:
        column = f"share_{party}"
        return (
            frame[column].fillna(0) if column in frame else pd.Series(0.0, frame.index)
        )

    swing = (
        (share(now, to) - share(before, to))
        - (share(now, from_) - share(before, from_))
    ) / 2
    return swing.where(compared).rename(f"swing_{from_.lower()}_to_{to.lower()}")
