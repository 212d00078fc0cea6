"""The dataset seen through the sidebar's filters: ``Filters``, ``View``, and the one refusal of a cycle
or a workshop the store lacks.

A ``View`` is the dataset of one cycle, seen through the filters; every metric is a function of a view.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pandas as pd

from analysis.dataset import Dataset, current_cycle
from analysis.display import workshop_names
from analysis.errors import UserError
from analysis.metrics import _counting as counting
from analysis.metrics import memo
from analysis.metrics.memo import kept_fact
from analysis.vocabulary import GMINA_CODES, SECTOR_CODES


@dataclass(frozen=True)
class Filters:
    """The sidebar's choices; ``None`` or an empty tuple means "all"."""

    cycle: str | None = None
    workshops: tuple[int, ...] | None = None
    gminas: tuple[str, ...] | None = None
    sectors: tuple[str, ...] | None = None


@dataclass(frozen=True)
class FilterOptions:
    cycles: tuple[str, ...]
    workshops: tuple[int, ...]
    gminas: tuple[str, ...]
    sectors: tuple[str, ...]
    current: str | None = None  # the cycle shown when none is chosen (``dataset.current_cycle``)


def filter_options(dataset: Dataset, cycle: str | None = None) -> FilterOptions:
    """What the sidebar offers: the store's cycles, and the workshops of ``cycle`` (else the current one)."""
    return kept_fact(dataset, ("filter_options", cycle), lambda: _filter_options(dataset, cycle))


def _filter_options(dataset: Dataset, cycle: str | None) -> FilterOptions:
    cycles = sorted({str(c) for c in dataset.workshops["cycle"].dropna().unique()}
                    | {str(c) for c in dataset.attendance["cycle"].dropna().unique()})
    chosen = cycle if cycle in cycles else current_cycle(dataset.workshops, cycles, dataset.as_of)
    schedule = dataset.workshops[dataset.workshops["cycle"] == chosen]
    attended = dataset.attendance.loc[dataset.attendance["cycle"] == chosen, "workshop"].dropna().unique()
    workshops = sorted({int(w) for w in schedule["workshop"].dropna()} | {int(w) for w in attended})
    return FilterOptions(tuple(cycles), tuple(workshops), GMINA_CODES, SECTOR_CODES, chosen)


class View:
    """The dataset of one cycle, seen through the filters."""

    def __init__(self, dataset: Dataset, filters: Filters = Filters()) -> None:
        self.dataset = dataset
        options = filter_options(dataset, filters.cycle)
        self.cycle = filters.cycle if filters.cycle in options.cycles else options.current
        self.filters = filters
        self.selected_workshops = tuple(sorted(filters.workshops)) if filters.workshops else options.workshops

    # --- the cycle, unfiltered except by cycle ---------------------------------------------

    @cached_property
    def key(self) -> tuple:
        """What the view's numbers depend on besides the dataset: the memo key of its metrics."""
        return (self.cycle, self.selected_workshops, self.filters.gminas, self.filters.sectors, self.today)

    @cached_property
    def cycle_attendance(self) -> pd.DataFrame:
        """The cycle's attendance rows; one frame per cycle shared by every view (the dataset's own when it
        holds only this cycle), so a rerun does not copy a million rows again."""
        return kept_fact(self.dataset, ("cycle_attendance", self.cycle), lambda: _rows_of_cycle(self.dataset,
                                                                                                   self.cycle))

    @cached_property
    def today(self) -> dt.date:
        """The day the schedule is read against: today, or the day the sample cycle is told as of."""
        return self.dataset.as_of or dt.date.today()

    @cached_property
    def schedule(self) -> pd.DataFrame:
        """Every workshop of the cycle, by number, with ``held`` and ``status``.

        held: there is an attendance list for it; missing ("lista nie wgrana"): no list, although a
        later workshop was held or its date has passed; planned: no list and still to come.
        """
        frame = self.dataset.workshops
        frame = frame[frame["cycle"] == self.cycle][["workshop", "date", "gmina", "venue", "title"]].copy()
        held = set(_workshops_of_cycle(self))  # each number once, not each row
        extra = sorted(held - set(frame["workshop"].dropna().astype(int)))
        if extra:  # attendance for a workshop missing from the schedule: still a workshop of the cycle
            frame = pd.concat([frame, pd.DataFrame({"workshop": extra, "gmina": ["unknown"] * len(extra)})],
                              ignore_index=True)
        frame["workshop"] = frame["workshop"].astype(int)
        frame["held"] = frame["workshop"].isin(held)
        last = max(held) if held else None
        frame["status"] = [
            "held" if is_held else
            "missing" if (last is not None and number < last) or (isinstance(day, dt.date) and day < self.today) else
            "planned"
            for number, day, is_held in zip(frame["workshop"], frame["date"], frame["held"], strict=True)]
        return frame.sort_values("workshop").reset_index(drop=True)

    @cached_property
    def to_come(self) -> pd.DataFrame:
        """The workshops still ahead: after the last held one (or, before any, those not yet past)."""
        frame = self.schedule
        if frame["held"].any():
            return frame[frame["workshop"] > frame.loc[frame["held"], "workshop"].max()]
        return frame[frame["status"] == "planned"]

    @cached_property
    def presence(self) -> tuple[np.ndarray, list[int]]:
        """A persons × held-selected-workshops matrix of attendance (True: the person was there); a row per
        ``person_id`` of the dataset (persons not in the view: all False), a column per held workshop."""
        frame = self.attendance
        held = np.asarray(self.held_selected, dtype=np.int64)
        matrix = np.zeros((counting.person_count(self.dataset), len(held)), dtype=bool)
        if len(held) and len(frame):
            positions = counting.positions(frame["workshop"], held)
            known = positions >= 0
            matrix[frame["person_id"].to_numpy(dtype=np.int64)[known], positions[known]] = True
        return matrix, [int(w) for w in held]

    @cached_property
    def patterns(self) -> tuple[np.ndarray, np.ndarray, list[int]]:
        """``presence`` summed up: each different set of held selected workshops persons came to (a
        patterns × workshops matrix, the empty set left out) and how many persons came to exactly that set."""
        matrix, held = self.presence
        return (*counting.patterns(matrix), held)

    # --- through the filters ------------------------------------------------------------------

    @cached_property
    def attendance(self) -> pd.DataFrame:
        frame = self.cycle_attendance
        if frame["workshop"].hasnans or not set(_workshops_of_cycle(self)) <= set(self.selected_workshops):
            frame = frame[frame["workshop"].isin(self.selected_workshops)]  # else every row is selected: no copy
        if self.filters.gminas:
            frame = frame[frame["gmina"].isin(self.filters.gminas)]
        if self.filters.sectors:
            frame = frame[frame["sector"].isin(self.filters.sectors)]
        return frame

    @cached_property
    def proposals(self) -> pd.DataFrame:
        frame = self.dataset.proposals
        frame = frame[(frame["cycle"] == self.cycle) & frame["workshop"].isin(self.selected_workshops)]
        if self.filters.sectors:
            frame = frame[frame["lead_sector"].isin(self.filters.sectors)]
        return frame

    @cached_property
    def selected_schedule(self) -> pd.DataFrame:
        return self.schedule[self.schedule["workshop"].isin(self.selected_workshops)]

    @cached_property
    def held_selected(self) -> list[int]:
        return [int(w) for w in self.selected_schedule.loc[self.selected_schedule["held"], "workshop"]]


def _rows_of_cycle(dataset: Dataset, cycle: str | None) -> pd.DataFrame:
    frame = dataset.attendance
    mask = (frame["cycle"] == cycle).to_numpy(dtype=bool, na_value=False)
    return frame if mask.all() else frame[mask]


def _workshops_of_cycle(view: View) -> tuple[int, ...]:
    """The workshop numbers on the cycle's attendance lists."""
    return kept_fact(view.dataset, ("attended_workshops", view.cycle), lambda: tuple(
        sorted({int(w) for w in view.cycle_attendance["workshop"].dropna().unique()})))


def refuse_unknown(dataset: Dataset, cycle: str | None = None, workshop: int | None = None,
                   command_line: bool = False, also: int | None = None) -> None:
    """Refuse (``UserError``) a cycle the store lacks, or a workshop its cycle (the current one when
    ``cycle`` is None) lacks, naming the ones it has: the one refusal of the pages' filters, the reports
    and the command line. ``also``: a workshop number accepted besides the cycle's (a report's summary
    after the last workshop), named in the sentence. ``command_line``: the sentence names the option
    (--cycle, --workshop) to give."""
    options = filter_options(dataset, cycle)
    if cycle is not None and cycle not in options.cycles:
        known = ", ".join(options.cycles) or "żadnego"
        option = " (--cycle)" if command_line else ""
        raise UserError(f"W magazynie nie ma cyklu „{cycle}”. Cykle w magazynie: {known}. Podaj jeden z nich"
                        f"{option}.", "no_such_cycle")
    if workshop is None or workshop in options.workshops or workshop == also:
        return
    option = " (--workshop)" if command_line else ""
    if not options.workshops:
        instead = f" Można podać tylko warsztat {also}{option}." if also is not None else ""
        raise UserError(f"Nie ma warsztatu {workshop}: cykl nie ma jeszcze harmonogramu ani list obecności."
                        f"{instead}", "no_such_workshop")
    chosen = cycle or options.current or ""
    names = workshop_names(dataset.workshops[dataset.workshops["cycle"] == chosen])
    listed = ", ".join(names.get(w, f"{w}.") for w in options.workshops)
    beyond = also is not None and also not in options.workshops
    after = f" (albo {also} — podsumowanie po ostatnim warsztacie)" if beyond else ""
    raise UserError(f"W cyklu {chosen} nie ma warsztatu {workshop}. Warsztaty tego cyklu: {listed}{after}. "
                    f"Podaj numer jednego z nich{option}.", "no_such_workshop")


def prepare(dataset: Dataset) -> int:
    """Compute every page's numbers for the view everyone opens first (the current cycle, no filters) and
    keep them (``memo``): the server does it once after loading a dataset, so the first visit of a page
    reads them instead of counting a million rows while the person waits. Returns how many."""
    return memo.prepare(View(dataset))
