"""Canonical tables of a cycle, gathered from imported files: what every view reads.

Until the store arrives (issue 4) the dashboard shows the files of a folder: the sample cycle
by default, or the folder named by ``PARTNERSTWO_DATA_DIR``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from analysis.calendar import DEFAULT_CALENDAR, Calendar
from analysis.importer import FileResult, read_files
from analysis.sample import SAMPLE_DIR, folder_paths
from analysis.tables import CANONICAL_COLUMNS, calendar_from_tables
from analysis.vocabulary import fold


@dataclass(frozen=True)
class Dataset:
    workshops: pd.DataFrame  # cycle, workshop, date, gmina, venue, title
    attendance: pd.DataFrame  # cycle, workshop, person, institution, sector, gmina, role, group (+ person_id)
    proposals: pd.DataFrame  # cycle, workshop, number, group, area, title, …, votes, status
    is_sample: bool = False
    # derived facts that many reruns ask for (e.g. the filters' options); the frames never change
    memo: dict = field(default_factory=dict, compare=False, repr=False)


def person_key(name: str, row_id: str) -> str:
    """Who a participant is, across workshops: the folded name (case, spacing and diacritics
    do not split a person); a row without a name is a person of its own."""
    folded = fold(name)
    return folded if folded else f"#{row_id}"


def _empty(kind: str) -> pd.DataFrame:
    return pd.DataFrame({column: pd.Series(dtype="object") for column in CANONICAL_COLUMNS[kind]})


def _schedule(calendar: Calendar) -> pd.DataFrame:
    return pd.DataFrame({
        "cycle": [calendar.cycle] * len(calendar.workshops),
        "workshop": pd.array([w.number for w in calendar.workshops], dtype="Int64"),
        "date": [w.date for w in calendar.workshops],
        "gmina": [w.gmina for w in calendar.workshops],
        "venue": [w.venue for w in calendar.workshops],
        "title": [w.title for w in calendar.workshops],
    })


def dataset_from_results(results: list[FileResult], is_sample: bool = False) -> Dataset:
    """One dataset from the tables of several files; rows whose workshop is unknown stay out."""
    tables = [t for r in results if r.ok for t in r.tables]
    frames: dict[str, list[pd.DataFrame]] = {"workshops": [], "attendance": [], "proposals": []}
    for index, table in enumerate(tables):
        frame = table.frame.dropna(subset=["workshop"]).copy()
        if table.kind == "attendance":
            frame["person"] = [person_key(name, f"{index}:{row}") for name, row in zip(frame["person"], frame["row"],
                                                                                        strict=True)]
        frames[table.kind].append(frame[list(CANONICAL_COLUMNS[table.kind])])
    combined = {k: pd.concat(v, ignore_index=True) if v else _empty(k) for k, v in frames.items()}
    if combined["workshops"].empty:
        combined["workshops"] = _schedule(calendar_from_tables(tables, DEFAULT_CALENDAR))
    return dataset_frames(combined["workshops"], combined["attendance"], combined["proposals"], is_sample)


def dataset_frames(workshops: pd.DataFrame, attendance: pd.DataFrame, proposals: pd.DataFrame,
                   is_sample: bool = False) -> Dataset:
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
                   is_sample)


def data_dir() -> Path:
    """The folder whose spreadsheets the dashboard shows."""
    configured = os.environ.get("PARTNERSTWO_DATA_DIR", "").strip()
    return Path(configured) if configured else SAMPLE_DIR


def load_folder(folder: Path) -> tuple[list[FileResult], Dataset]:
    results = read_files([(p.name, p.read_bytes()) for p in folder_paths(folder)])
    return results, dataset_from_results(results, is_sample=folder.resolve() == SAMPLE_DIR.resolve())


def calendar_of(dataset: Dataset) -> Calendar:
    """The schedule of the dataset's latest cycle, for reading new files against it."""
    from analysis.calendar import PlannedWorkshop

    frame = dataset.workshops
    if frame.empty:
        return DEFAULT_CALENDAR
    cycle = sorted(str(c) for c in frame["cycle"].dropna().unique())[-1]
    rows = frame[frame["cycle"] == cycle]
    planned = tuple(
        PlannedWorkshop(int(w), d if not pd.isna(d) else None, str(g), str(v or ""), str(t or ""))
        for w, d, g, v, t in zip(rows["workshop"], rows["date"], rows["gmina"], rows["venue"], rows["title"],
                                 strict=True) if not pd.isna(w))
    return Calendar(cycle, planned) if planned else DEFAULT_CALENDAR
