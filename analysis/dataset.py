"""Canonical tables of a cycle, as the store hands them to every view, metric and report."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from analysis.schedule import DEFAULT_CALENDAR, Calendar
from analysis.vocabulary import AREAS, GMINA_CODES, SECTOR_CODES, STATUSES, fold

# the gmina table of a cycle (migration 0005): residents of each gmina, the year and source of the figure
GMINA_COLUMNS = ["cycle", "gmina", "population", "year", "source"]


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
    # the gmina table in force: cycle, gmina, population, year, source (participants per 10 000 residents)
    gminas: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=GMINA_COLUMNS), compare=False,
                                 repr=False)
    # every status each proposal has had: cycle, workshop, number, date, status (None: not derived yet)
    status_events: pd.DataFrame | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "attendance", canonical_attendance(self.attendance))


def canonical_attendance(frame: pd.DataFrame) -> pd.DataFrame:
    """The attendance with what counting needs, derived once per dataset (and kept in its snapshot):
    ``person_id`` (a number per person, so counting people never compares strings), ``institution_key``
    (the folded institution name as a category, empty cells missing: one institution however it is
    written) and categories for the few distinct values of cycle, sector and gmina. A frame that
    already has them is returned as it is."""
    missing = [c for c in ("cycle", "sector", "gmina") if c in frame and not isinstance(frame[c].dtype, pd.CategoricalDtype)]
    numbered = "person_id" in frame and not frame["person_id"].hasnans  # rows added by hand have none
    if numbered and "institution_key" in frame and not missing:
        return frame
    frame = frame.copy()
    if not numbered:
        frame["person_id"] = pd.factorize(frame["person"])[0]
    for column in missing:
        frame[column] = frame[column].astype("category")
    if "institution_key" not in frame:
        frame["institution_key"] = institution_keys(frame["institution"])
    return frame


def institution_keys(names: pd.Series) -> pd.Categorical:
    """Each name folded (``vocabulary.fold``) as a category, an empty cell missing; each distinct name folded once."""
    codes, written = pd.factorize(names, use_na_sentinel=True)
    folded = pd.Series([fold(str(name)) for name in written], dtype=object)
    keys, categories = pd.factorize(folded.where(folded != "", None))
    row_keys = np.where(codes >= 0, keys[codes.clip(min=0)] if len(keys) else -1, -1)
    return pd.Categorical.from_codes(row_keys, categories=pd.Index(categories, dtype="str"), validate=False)


EVENT_COLUMNS = ["cycle", "workshop", "number", "date", "status"]


def status_events(workshops: pd.DataFrame, proposals: pd.DataFrame, first_statuses: pd.DataFrame | None = None,
                  updates: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every status each proposal has had, in order: cycle, workshop, number, date, status.

    The first is the status its earliest stored row says (``first_statuses``; else the proposal's own),
    on the day of the workshop that wrote it (NaT when the schedule has no date). Then every update
    (a later file, an edit on the page, a saved vote), by its day and then the moment it was saved; an
    update without a status (a vote's votes only) means the status its file says. Repeats are dropped.
    """
    proposals = proposals.dropna(subset=["workshop", "number"])
    keys = ["cycle", "workshop", "number"]
    if proposals.empty:
        return pd.DataFrame(columns=EVENT_COLUMNS)
    current = proposals[keys + ["status"]].astype({"cycle": str, "workshop": int, "number": int})
    current = current.drop_duplicates(keys, keep="last")
    first = current.reset_index(drop=True)
    if first_statuses is not None and not first_statuses.empty:
        earliest = first_statuses.astype({"cycle": str, "workshop": int, "number": int})[keys + ["status"]]
        earliest = earliest.drop_duplicates(keys).rename(columns={"status": "earliest"})
        first = first.merge(earliest, on=keys, how="left")  # keeps the left order
        first["status"] = first["earliest"].where(first["earliest"].notna(), first["status"])
        first = first.drop(columns="earliest")
    days = workshops.dropna(subset=["workshop"]).astype({"cycle": str}).assign(
        workshop=lambda f: f["workshop"].astype(int)).drop_duplicates(["cycle", "workshop"], keep="last")
    first = first.merge(days[["cycle", "workshop", "date"]], on=["cycle", "workshop"], how="left")
    first["order"], first["at"] = 0, pd.NaT
    parts = [first]
    if updates is not None and not updates.empty:
        later = updates.astype({"cycle": str, "workshop": int, "number": int}).merge(
            current.rename(columns={"status": "written"}), on=keys, how="inner")
        later["status"] = later["status"].where(later["status"].notna(), later["written"])
        later["order"] = 1
        parts.append(later[keys + ["date", "status", "order", "at"]])
    events = pd.concat(parts, ignore_index=True)
    events["day"] = pd.to_datetime(events["date"], errors="coerce")
    events["at"] = pd.to_datetime(events["at"], errors="coerce")
    events = events.sort_values(keys + ["order", "day", "at"], kind="stable", na_position="first")
    repeated = (events[keys + ["status"]] == events[keys + ["status"]].shift()).all(axis=1)
    events = events[~repeated]
    events["date"] = events["day"].dt.date.where(events["day"].notna(), None)
    return events[EVENT_COLUMNS].reset_index(drop=True)


def as_dates(values: object) -> pd.Series:
    """Dates as the canonical tables hold them: ``datetime.date``, and None where a date is missing or
    cannot be read. Takes date cells, timestamps and ISO text ("2018-09-13", how SQLite keeps a date).
    Never pandas' NaT: it passes for a date (``isinstance(pd.NaT, dt.date)``) and then refuses every
    comparison with one."""
    column = values if isinstance(values, pd.Series) else pd.Series(values, dtype=object)
    return pd.Series([_date(v) for v in column.astype(object)], index=column.index, dtype=object)


def whole_or_none(value: object) -> int | None:
    """A value of a canonical table's whole-number column (workshop, number, area, votes) as an int; None
    when it is missing (None, NaN or pandas' NA, which refuses to be true or false)."""
    return None if value is None or pd.isna(value) else int(value)  # type: ignore[call-overload]


def _date(value: object) -> dt.date | None:
    if isinstance(value, np.datetime64):
        value = pd.Timestamp(value) if not np.isnat(value) else None
    if isinstance(value, dt.datetime):
        return None if pd.isna(value) else value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    return None


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


def schedule_frame(workshops: pd.DataFrame) -> pd.DataFrame:
    """Every cycle's workshops as the dataset has them: the stored schedule rows (a later row of a cycle's
    workshop wins), by cycle and number; the 2018 plan when none is stored."""
    if workshops.empty:
        workshops = _schedule(DEFAULT_CALENDAR)
    workshops = workshops.drop_duplicates(subset=["cycle", "workshop"], keep="last")
    return workshops.sort_values(["cycle", "workshop"]).reset_index(drop=True)


def dataset_frames(workshops: pd.DataFrame, attendance: pd.DataFrame, proposals: pd.DataFrame,
                   is_sample: bool = False, as_of: dt.date | None = None,
                   targets: pd.DataFrame | None = None, gminas: pd.DataFrame | None = None,
                   first_statuses: pd.DataFrame | None = None, updates: pd.DataFrame | None = None) -> Dataset:
    """A dataset from canonical frames (``person`` already a key or a pseudonym); ``targets`` the office's
    target mix, ``gminas`` the gmina table, ``first_statuses`` and ``updates`` the proposals' history
    (``status_events``)."""
    workshops = schedule_frame(workshops)
    workshops, attendance, proposals = in_vocabulary(workshops, attendance, proposals)
    attendance = canonical_attendance(attendance)
    events = status_events(workshops, proposals, first_statuses, updates)
    gminas = pd.DataFrame(columns=GMINA_COLUMNS) if gminas is None else gminas[GMINA_COLUMNS].copy()
    return Dataset(workshops, attendance, proposals,
                   is_sample, as_of, no_targets() if targets is None else targets, gminas=gminas,
                   status_events=events)


# codes a canonical table may hold, and what the importer makes of any other: (table, column, allowed,
# instead); None instead: any other code becomes missing, and a missing one stays missing
_VOCABULARY_RULES: tuple[tuple[str, str, tuple[object, ...], str | None], ...] = (
    ("workshops", "gmina", GMINA_CODES, "unknown"),
    ("attendance", "sector", SECTOR_CODES, "other"),
    ("attendance", "gmina", GMINA_CODES, "unknown"),
    ("proposals", "lead_sector", SECTOR_CODES, None),
    ("proposals", "status", tuple(STATUSES), "submitted"),
)


def in_vocabulary(workshops: pd.DataFrame, attendance: pd.DataFrame, proposals: pd.DataFrame
                  ) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The canonical tables with every code in the vocabulary, read as the importer reads what it does not
    recognise: a sector as other (Inne), a gmina as not given, a proposal's area and lead sector as none,
    its status as submitted, votes below zero as none, a date as none (``as_dates``). What a hand edit or an
    older program left in the store is shown, never a page's error; the store itself is not changed. A
    table already in the vocabulary is returned as it is."""
    tables = {"workshops": workshops, "attendance": attendance, "proposals": proposals}
    fixes: dict[str, dict[str, pd.Series]] = {name: {} for name in tables}
    for name, column, allowed, instead in _VOCABULARY_RULES:
        if column not in tables[name]:
            continue
        values = tables[name][column]
        stray = ~values.isin(allowed)
        if instead is None:
            stray &= values.notna()
        if stray.any():
            fixed = values.astype(object).where(~stray, instead)
            fixes[name][column] = fixed.astype(values.dtype) if values.dtype == "str" else fixed
    if "area" in proposals:
        area = proposals["area"].astype("Int64")
        if (area.notna() & ~area.isin(tuple(AREAS))).any():
            fixes["proposals"]["area"] = area.where(area.isin(tuple(AREAS)), pd.NA)
    if "votes" in proposals and (proposals["votes"] < 0).any():
        fixes["proposals"]["votes"] = proposals["votes"].where(~(proposals["votes"] < 0), pd.NA)
    if "date" in workshops and not all(d is None or (isinstance(d, dt.date) and not pd.isna(d))
                                       for d in workshops["date"]):
        fixes["workshops"]["date"] = as_dates(workshops["date"])
    fixed_tables = [tables[name].assign(**fixes[name]) if fixes[name] else tables[name] for name in tables]
    return fixed_tables[0], fixed_tables[1], fixed_tables[2]


def current_cycle(workshops: pd.DataFrame, cycles: list[str] | None = None, as_of: dt.date | None = None) -> str | None:
    """The cycle going on as of ``as_of`` (today when None): the latest cycle that has begun.

    A cycle has begun when its first workshop's date has come (a cycle without dates has begun). A
    schedule of next year's cycle uploaded in advance does not make it the current one; when no
    cycle has begun yet, the earliest is. ``cycles`` adds cycles known without a schedule.
    """
    known = sorted({str(c) for c in workshops["cycle"].dropna().unique()} | set(cycles or ()))
    if not known:
        return None
    today = as_of or dt.date.today()
    begun = []
    for cycle in known:
        dates = [d for d in workshops.loc[workshops["cycle"].astype(str) == cycle, "date"]
                 if isinstance(d, dt.date)]
        if not dates or min(dates) <= today:
            begun.append(cycle)
    return begun[-1] if begun else known[0]


def calendar_of(dataset: Dataset) -> Calendar:
    """The schedule of the dataset's current cycle, for reading new files against it."""
    return calendar_of_schedule(dataset.workshops, dataset.as_of)


def calendar_of_schedule(frame: pd.DataFrame, as_of: dt.date | None = None) -> Calendar:
    """The current cycle of a workshops table (``current_cycle``) as a calendar (the 2018 plan when there is none)."""
    from analysis.schedule import PlannedWorkshop

    if frame.empty:
        return DEFAULT_CALENDAR
    cycle = current_cycle(frame, as_of=as_of)
    rows = frame[frame["cycle"] == cycle].drop_duplicates(subset=["workshop"], keep="last").sort_values("workshop")
    planned = tuple(
        PlannedWorkshop(int(w), d if not pd.isna(d) else None, str(g), str(v or ""), str(t or ""))
        for w, d, g, v, t in zip(rows["workshop"], rows["date"], rows["gmina"], rows["venue"], rows["title"],
                                 strict=True) if not pd.isna(w))
    return Calendar(cycle, planned) if planned and cycle is not None else DEFAULT_CALENDAR
