"""Whom to invite next: each sector's and gmina's share at the last workshop against the office's
target or the cycle so far, and the institutions that came before but not to the last workshop.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from analysis.metrics import _counting as counting
from analysis.metrics.memo import memoised, prepared_with
from analysis.metrics.participation import (
    NAMED_SECTORS,
)
from analysis.metrics.view import View
from analysis.vocabulary import GMINA_CODES, fold

INVITE_RATIO = 0.8  # a share below 80% of its reference is under-represented (whom to invite)
TARGET_KINDS = ("sector", "gmina")
INVITE_GMINAS = tuple(code for code in GMINA_CODES if code != "unknown")


def targets(view: View, kind: str) -> dict[str, float]:
    """The office's target mix of ``kind`` (sector | gmina) for the view's cycle: code -> share (0–1)."""
    frame = view.dataset.targets
    rows = frame[(frame["cycle"] == view.cycle) & (frame["kind"] == kind)]
    return {str(c): float(s) for c, s in zip(rows["code"], rows["share"], strict=True)}


@memoised
def invite_for(view: View) -> int | None:
    """The workshop the invitations are for: the first of the schedule after the last held one selected."""
    held = view.held_selected
    if not held:
        return None
    later = view.schedule.loc[view.schedule["workshop"] > held[-1], "workshop"]
    return int(later.iloc[0]) if not later.empty else None


def _held_attendance(view: View) -> pd.DataFrame:
    """The selected held workshops' attendance, whatever the gmina and sector filters (who is missing)."""
    frame = view.cycle_attendance
    return frame[frame["workshop"].isin(view.held_selected)]


@prepared_with(("sector",), ("gmina",))
@memoised
def representation(view: View, kind: str) -> pd.DataFrame:
    """code, last (participants at the last held workshop), last_share, cycle_share, target, reference,
    shortfall (people to invite for the reference at a workshop as large as the last), status.

    reference: the office's target when it set one for the code, else the share in the cycle so far
    (every selected held workshop); shortfall only for the weak ones (0 when ok). status: absent (nobody
    at the last, reference above 0), under (the last's share below ``INVITE_RATIO`` of the reference) or ok.
    """
    if kind not in TARGET_KINDS:
        raise ValueError(f"unknown kind: {kind}")
    columns = ["code", "last", "last_share", "cycle_share", "target", "reference", "shortfall", "status"]
    held = view.held_selected
    if not held:
        return pd.DataFrame(columns=columns)
    frame = _held_attendance(view)
    codes = NAMED_SECTORS if kind == "sector" else INVITE_GMINAS
    values = frame[kind]
    cycle_counts = values.value_counts()
    last_counts = values[(frame["workshop"] == held[-1]).to_numpy()].value_counts()
    cycle_total, last_total = int(cycle_counts.sum()), int(last_counts.sum())
    goals = targets(view, kind)
    rows = []
    for code in codes:
        last = int(last_counts.get(code, 0))
        last_share = last / last_total if last_total else 0.0
        cycle_share = int(cycle_counts.get(code, 0)) / cycle_total if cycle_total else 0.0
        target = goals.get(code)
        reference = target if target is not None else cycle_share
        if not reference and not last:
            continue
        status = ("absent" if last == 0 and reference > 0 else
                  "under" if last_share < INVITE_RATIO * reference else "ok")
        shortfall = max(0, math.ceil(round(reference * last_total - last, 9))) if status != "ok" else 0
        rows.append((code, last, last_share, cycle_share, target, reference, shortfall, status))
    return pd.DataFrame(rows, columns=columns)


@memoised
def invite_institutions(view: View) -> pd.DataFrame:
    """institution, sector, gmina, workshops (tuple of numbers) — institutions at a held workshop before
    the last one but not at the last; most workshops first, then by name. Institutions, never people."""
    columns = ["institution", "sector", "gmina", "workshops"]
    held = view.held_selected
    if len(held) < 2:
        return pd.DataFrame(columns=columns)
    frame = _held_attendance(view)
    codes, _ = counting.institution_codes(frame)
    workshops = frame["workshop"].to_numpy(dtype=np.int64, na_value=-1)
    at_last = np.unique(codes[workshops == held[-1]])
    gone = (codes >= 0) & ~np.isin(codes, at_last)
    if not gone.any():
        return pd.DataFrame(columns=columns)
    frame, codes, workshops = frame[gone], codes[gone], workshops[gone]
    visits = pd.DataFrame({"k": codes, "w": workshops}).drop_duplicates().sort_values(["k", "w"])
    table = pd.DataFrame({
        "institution": counting.mode(codes, frame["institution"].astype(str).str.strip()),
        "sector": counting.mode(codes, frame["sector"]),
        "gmina": counting.mode(codes, frame["gmina"]),
        "workshops": visits.groupby("k")["w"].agg(list).map(lambda w: tuple(int(x) for x in w)),
    })
    table["count"] = table["workshops"].map(len)
    table["name"] = table["institution"].map(fold)
    table = table.sort_values(["count", "name"], ascending=[False, True])
    return table[columns].reset_index(drop=True)
