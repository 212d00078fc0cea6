"""The check-in at the door, counted: people checked in, by sector and by gmina, and how many come back.

Computed from the check-in's people as ``analysis.checkin.CheckIns.live`` / ``people`` hand them over
(sector, gmina and, where known, ``earlier``: the other workshops each person attended) — not from the
dataset's view, because a check-in's rows reach the dataset only when it is closed. The page, the
projector and ``metrics --json`` show what these functions return.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analysis.vocabulary import GMINA_CODES, GMINA_LABELS, SECTOR_CODES, SECTOR_LABELS


@dataclass(frozen=True)
class CheckedIn:
    """People checked in, in all and per sector and gmina code (the vocabulary's order, only codes with someone)."""

    people: int
    by_sector: dict[str, int]
    by_gmina: dict[str, int]
    returning: int | None  # checked-in people who attended another workshop (None: not asked)


def checked_in(people: pd.DataFrame) -> CheckedIn:
    """The counts of a check-in's people (one row per person: ``sector``, ``gmina``, optionally ``earlier``)."""
    sectors = people["sector"].astype(str).value_counts() if len(people) else pd.Series(dtype="int64")
    gminas = people["gmina"].astype(str).value_counts() if len(people) else pd.Series(dtype="int64")
    returning = int((people["earlier"] > 0).sum()) if "earlier" in people else None
    return CheckedIn(len(people), {c: int(sectors[c]) for c in SECTOR_CODES if c in sectors.index},
                     {c: int(gminas[c]) for c in GMINA_CODES if c in gminas.index}, returning)


def checked_in_table(counts: CheckedIn, by: str) -> pd.DataFrame:
    """code, label, people, share — per sector (``by="sector"``) or gmina, for a table or a bar chart."""
    found, labels = (counts.by_sector, SECTOR_LABELS) if by == "sector" else (counts.by_gmina, GMINA_LABELS)
    rows = [(code, labels[code], n, n / counts.people if counts.people else 0.0) for code, n in found.items()]
    return pd.DataFrame(rows, columns=["code", "label", "people", "share"])
