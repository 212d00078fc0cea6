"""Canonical tables of a cycle, as the store hands them to every view, metric and report."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd

from analysis.schedule import DEFAULT_CALENDAR, Calendar


@dataclass(frozen=True)
class Dataset:
    workshops: pd.DataFrame  # cycle, workshop, date, gmina, venue, title
    attendance: pd.DataFrame  # cycle, workshop, person, institution, sector, gmina, role, group (+ person_id)
    proposals: pd.DataFrame  # cycle, workshop, number, group, area, title, …, votes, status
    is_sample: bool = False
    as_of: dt.date | None = None  # the day the schedule is read against (None: today; the sample has its own)
    # the office's target mix per cycle (migration 0004): cycle, kind (sector | gmina), code, share (0–1)
    targets: pd.DataFrame = field(default_factory=lambda: no_targets())
    # derived facts that many reruns ask for (e.g. the filters' options); the frames never change
    memo: dict = field(default_factory=dict, compare=False, repr=False)


TARGET_COLUMNS = ("cycle", "kind", "code", "share")


def no_targets() -> pd.DataFrame:
    return pd.DataFrame({"cycle": pd.Series(dtype=str), "kind": pd.Series(dtype=str), "code": pd.Series(dtype=str),
                         "share": pd.Series(dtype=float)})


def _schedule(calendar: Calendar) -> pd.DataFrame:
    return pd.DataFrame({
        "cycle": [calendar.cycle] * len(calendar.workshops),
        "workshop": pd.array([w.number for w in calendar.workshops], dtype="Int64"),
        "date": [w.date for w in calendar.workshops],
        "gmina": [w.gmina for w in calendar.workshops],
        "venue": [w.venue for w in calendar.workshops],
        "title": [w.title for w in calendar.workshops],
    })


def dataset_frames(workshops: pd.DataFrame, attendance: pd.DataFrame, proposals: pd.DataFrame,
                   is_sample: bool = False, as_of: dt.date | None = None,
                   targets: pd.DataFrame | None = None) -> Dataset:
    """A dataset from canonical frames (``person`` already a key or a pseudonym)."""
    if workshops.empty:
        workshops = _schedule(DEFAULT_CALENDAR)
    attendance = attendance.copy()
    # a number per person, so counting people never compares strings
    attendance["person_id"] = pd.factorize(attendance["person"])[0]
    # few distinct values in many rows: categories make filtering and counting cheap
    for column in ("cycle", "sector", "gmina"):
        attendance[column] = attendance[column].astype("category")
    workshops = workshops.drop_duplicates(subset=["cycle", "workshop"], keep="last")
    return Dataset(workshops.sort_values(["cycle", "workshop"]).reset_index(drop=True), attendance, proposals,
                   is_sample, as_of, no_targets() if targets is None else targets)


def calendar_of(dataset: Dataset) -> Calendar:
    """The schedule of the dataset's latest cycle, for reading new files against it."""
    return calendar_of_schedule(dataset.workshops)


def calendar_of_schedule(frame: pd.DataFrame) -> Calendar:
    """The latest cycle of a workshops table as a calendar (the 2018 plan when there is none)."""
    from analysis.schedule import PlannedWorkshop

    if frame.empty:
        return DEFAULT_CALENDAR
    cycle = sorted(str(c) for c in frame["cycle"].dropna().unique())[-1]
    rows = frame[frame["cycle"] == cycle].drop_duplicates(subset=["workshop"], keep="last").sort_values("workshop")
    planned = tuple(
        PlannedWorkshop(int(w), d if not pd.isna(d) else None, str(g), str(v or ""), str(t or ""))
        for w, d, g, v, t in zip(rows["workshop"], rows["date"], rows["gmina"], rows["venue"], rows["title"],
                                 strict=True) if not pd.isna(w))
    return Calendar(cycle, planned) if planned else DEFAULT_CALENDAR
