"""Changes against the previous election on the same boundaries: lead and swing.

Pure pandas and numpy, like :mod:`mapping.logic`, which joins these columns to
its gains. Shares are % of valid votes and changes are in points; a party that
did not stand has a share of 0. Each rule works on every seat at once.
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
    """Each seat's share of the party named on its row (0: it did not stand).

    Empty where the table has no shares at all.
    """
    columns = [c for c in table.columns if str(c).startswith("share_")]
    if not columns:
        return pd.Series(np.nan, table.index)
    found = pd.Index(columns).get_indexer("share_" + parties.astype(str))
    shares = table[columns].to_numpy(dtype=float)
    values = shares[np.arange(len(table)), np.maximum(found, 0)]
    return pd.Series(np.where(found >= 0, values, 0.0), table.index)


def swings(current: pd.DataFrame, previous: pd.DataFrame) -> pd.DataFrame:
    """Butler swing between every ordered pair of the main parties standing.

    A main party stands where it has votes in either election; Conservative to
    Labour is always there. Columns ``swing_<from>_to_<to>`` indexed by code,
    each as :func:`butler_swing` gives it.
    """
    standing = {"Con", "Lab"}
    for frame in (current, previous):
        standing.update(
            party
            for party in MAIN_PARTIES
            if f"share_{party}" in frame and (frame[f"share_{party}"] > 0).any()
        )
    parties = [party for party in MAIN_PARTIES if party in standing]
    pairs = list(permutations(range(len(parties)), 2))
    change = _share_changes(current, previous, parties)
    return pd.DataFrame(
        _butler(change, to=[to for _, to in pairs], from_=[fr for fr, _ in pairs]),
        index=change.index,
        columns=[_swing_column(parties[fr], parties[to]) for fr, to in pairs],
    )


def butler_swing(
    shares_now: pd.DataFrame, shares_before: pd.DataFrame, *, to: str, from_: str
) -> pd.Series:
    """Two-party (Butler) swing from party ``from_`` to party ``to``, in points.

    ((to₂ − to₁) − (from₂ − from₁)) ÷ 2, with shares in % of valid votes; a party
    that did not stand has a share of 0. Empty for a seat with no previous result.
    """
    change = _share_changes(shares_now, shares_before, [to, from_])
    swing = _butler(change, to=[0], from_=[1])[:, 0]
    return pd.Series(swing, change.index, name=_swing_column(from_, to))


def _share_changes(
    now: pd.DataFrame, before: pd.DataFrame, parties: list[str]
) -> pd.DataFrame:
    """Each party's share now minus its share then, one column a party, by code.

    A party without a share (or an empty one) counts as 0; a seat without a
    previous result has no changes.
    """

    def shares(frame: pd.DataFrame) -> np.ndarray:
        return np.column_stack(
            [
                frame[f"share_{party}"].fillna(0).to_numpy(dtype=float)
                if f"share_{party}" in frame
                else np.zeros(len(frame))
                for party in parties
            ]
        ).reshape(len(frame), len(parties))

    index = pd.Index(now["code"], name="code")
    then = before.set_index("code").reindex(index)
    change = shares(now) - shares(then)
    change[~index.isin(before["code"])] = np.nan
    return pd.DataFrame(change, index=index, columns=list(parties))


def _butler(change: pd.DataFrame, *, to: list[int], from_: list[int]) -> np.ndarray:
    """Return the swing to each ``to`` from each ``from_`` (columns of ``change``)."""
    values = change.to_numpy()
    return (values[:, to] - values[:, from_]) / 2


def _swing_column(from_: str, to: str) -> str:
    return f"swing_{from_.lower()}_to_{to.lower()}"
