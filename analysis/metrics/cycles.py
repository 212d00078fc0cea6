"""Cycle beside cycle: the cycle before or after, and two cycles through the same filters.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analysis.dataset import Dataset
from analysis.metrics.participation import (
    institutions,
    participants_by_workshop,
    sector_share_cycle,
    unique_participants,
)
from analysis.metrics.proposals import status_reached
from analysis.metrics.view import Filters, View, filter_options


@dataclass(frozen=True)
class CycleComparison:
    """The glossary's "cycle_comparison" of two cycles, each seen through the same gmina and sector filters."""

    cycles: tuple[str, str]
    per_workshop: pd.DataFrame  # cycle, workshop, gmina (host), participants (held workshops)
    per_sector: pd.DataFrame  # cycle, sector, participants, share
    summary: pd.DataFrame  # cycle, workshops_held, participants, unique_participants, institutions, proposals, selected

    def change(self, total: str) -> tuple[int, int, int]:
        """One total of ``summary`` (e.g. "unique_participants") in the first cycle, in the second, and its
        change from the first to the second (second − first): the page's card "134 → 112", -22."""
        by_cycle = self.summary.set_index("cycle")[total]
        first, second = (int(by_cycle.loc[c]) for c in self.cycles)
        return first, second, second - first


def previous_cycle(dataset: Dataset, cycle: str | None) -> str | None:
    """The cycle before ``cycle`` in the store (None: it is the first) — what a show or a report made
    during ``cycle`` compares it with (a later cycle did not exist yet then)."""
    cycles = list(filter_options(dataset).cycles)
    if cycle not in cycles or cycles.index(cycle) == 0:
        return None
    return cycles[cycles.index(cycle) - 1]


def other_cycle(dataset: Dataset, cycle: str | None) -> str | None:
    """The cycle the page "Cykl do cyklu" compares ``cycle`` with first: the one before it, else the one after it."""
    before = previous_cycle(dataset, cycle)
    if before is not None or cycle not in (cycles := list(filter_options(dataset).cycles)) or len(cycles) < 2:
        return before
    return cycles[cycles.index(cycle) + 1]


def compare_cycles(dataset: Dataset, first: str, second: str, filters: Filters | None = None
                   ) -> CycleComparison:
    """Two cycles side by side: every held workshop's participants, the sectors' shares, the totals (both
    through the gmina and sector filters of ``filters``)."""
    filters = filters or Filters()
    per_workshop, per_sector, summary = [], [], []
    for cycle in (first, second):
        view = View(dataset, Filters(cycle=cycle, gminas=filters.gminas, sectors=filters.sectors))
        workshops = participants_by_workshop(view)
        held = workshops[workshops["held"]]
        per_workshop.append(held[["workshop", "gmina", "participants"]].assign(cycle=cycle))
        per_sector.append(sector_share_cycle(view).assign(cycle=cycle))
        summary.append((cycle, len(held), int(held["participants"].fillna(0).sum()), unique_participants(view),
                        institutions(view), len(view.proposals), status_reached(view)["selected"]))
    columns = ["cycle", "workshop", "gmina", "participants"]
    workshops = pd.concat(per_workshop, ignore_index=True)[columns] if per_workshop else pd.DataFrame(columns=columns)
    workshops["participants"] = workshops["participants"].astype(int)
    sectors = pd.concat(per_sector, ignore_index=True)[["cycle", "sector", "participants", "share"]]
    totals = pd.DataFrame(summary, columns=["cycle", "workshops_held", "participants", "unique_participants",
                                            "institutions", "proposals", "selected"])
    return CycleComparison((first, second), workshops.reset_index(drop=True), sectors, totals)
