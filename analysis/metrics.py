"""Canonical tables -> tidy frames of the numbers the views show, each defined in ``glossary``.

Every number is computed here and only here; pages, reports and the CLI show what these
functions return. A ``View`` is the dataset seen through the sidebar's filters.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property, wraps
from typing import Concatenate, ParamSpec, TypeVar

import numpy as np
import pandas as pd

from analysis.dataset import Dataset, current_cycle
from analysis.vocabulary import (
    AREAS,
    GMINA_CODES,
    SECTOR_CODES,
    SECTOR_GROUPS,
    STATUSES,
    fold,
    sector_from_institution,
)

NAMED_SECTORS = tuple(code for code in SECTOR_CODES if code != "other")
THREE_SECTORS = ("public", "business", "civil")
UNDER_REPRESENTED_RATIO = 0.5


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
    key = ("filter_options", cycle)
    if key not in dataset.memo:
        dataset.memo[key] = _filter_options(dataset, cycle)
    return dataset.memo[key]


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
        return _dataset_fact(self.dataset, ("cycle_attendance", self.cycle), lambda: _rows_of_cycle(self.dataset,
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
        matrix = np.zeros((_person_count(self.dataset), len(held)), dtype=bool)
        if len(held) and len(frame):
            positions = _positions(frame["workshop"], held)
            known = positions >= 0
            matrix[frame["person_id"].to_numpy(dtype=np.int64)[known], positions[known]] = True
        return matrix, [int(w) for w in held]

    @cached_property
    def patterns(self) -> tuple[np.ndarray, np.ndarray, list[int]]:
        """``presence`` summed up: each different set of held selected workshops persons came to (a
        patterns × workshops matrix, the empty set left out) and how many persons came to exactly that set."""
        matrix, held = self.presence
        return (*_patterns(matrix), held)

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


# --- memoised results ---------------------------------------------------------------------------
# The dataset never changes (a new one comes with every saved batch), so a number computed for a view
# stays true: a rerun with the same choices (a widget elsewhere on the page changed), another page or
# another person's session reads it instead of computing it again. One mechanism for every metric.

_MEMO_LIMIT = 1024  # results kept per dataset (each a small frame or a number), the least recently used dropped
_MISSING = object()
_T = TypeVar("_T")
_P = ParamSpec("_P")


class _Results:
    """A bounded, thread-safe map of results, least recently used dropped first (sessions run in threads)."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._items: OrderedDict[tuple, object] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple) -> object:
        with self._lock:
            if key not in self._items:
                return _MISSING
            self._items.move_to_end(key)
            return self._items[key]

    def put(self, key: tuple, value: object) -> None:
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.limit:
                self._items.popitem(last=False)

    def __len__(self) -> int:
        return len(self._items)


def _results(dataset: Dataset) -> _Results:
    return dataset.memo.setdefault("results", _Results(_MEMO_LIMIT))


def _fresh(value: _T) -> _T:
    """What a caller gets of a kept result: frames copied (a caller that adds a column changes its own copy)."""
    return value.copy() if isinstance(value, (pd.DataFrame, pd.Series, np.ndarray)) else value  # type: ignore[return-value]


_OF_VIEW: list[Callable[[View], object]] = []  # the memoised metrics that need nothing but the view (``prepare``)


def memoised(compute: Callable[Concatenate[View, _P], _T]) -> Callable[Concatenate[View, _P], _T]:
    """A metric of a view kept per dataset for the view's key (cycle, workshops, filters, today) and arguments."""
    import inspect

    @wraps(compute)
    def kept(view: View, /, *args: _P.args, **kwargs: _P.kwargs) -> _T:
        key = (compute.__module__, compute.__qualname__, view.key, args, tuple(sorted(kwargs.items())))
        results = _results(view.dataset)
        value = results.get(key)
        if value is _MISSING:
            computed = compute(view, *args, **kwargs)
            results.put(key, computed)
            return _fresh(computed)
        return _fresh(value)  # type: ignore[return-value]

    if all(p.default is not p.empty for p in list(inspect.signature(compute).parameters.values())[1:]):
        _OF_VIEW.append(kept)
    return kept


def prepare(dataset: Dataset) -> int:
    """Compute every page's numbers for the view everyone opens first (the current cycle, no filters) and
    keep them (``memoised``): the server does it once after loading a dataset, so the first visit of a
    page reads them instead of counting a million rows while the person waits. Returns how many."""
    view = View(dataset)
    calls: list[tuple[Callable[..., object], tuple[str, ...]]] = [(number_of, ()) for number_of in _OF_VIEW]
    calls += [(representation, (kind,)) for kind in TARGET_KINDS]
    calls += [(multi_sector_by, (by,)) for by in ("area", "workshop")]
    calls += [(workshop_counts, (column,)) for column in ("sector", "gmina")]
    for compute, args in calls:
        compute(view, *args)
    return len(calls)


def _dataset_fact(dataset: Dataset, key: tuple, compute: Callable[[], _T]) -> _T:
    """A fact of the whole dataset (a frame per cycle, a column of codes), computed once and kept with it."""
    value = dataset.memo.get(key, _MISSING)
    if value is _MISSING:
        value = dataset.memo.setdefault(key, compute())
    return value


def _rows_of_cycle(dataset: Dataset, cycle: str | None) -> pd.DataFrame:
    frame = dataset.attendance
    mask = (frame["cycle"] == cycle).to_numpy(dtype=bool, na_value=False)
    return frame if mask.all() else frame[mask]


def _workshops_of_cycle(view: View) -> tuple[int, ...]:
    """The workshop numbers on the cycle's attendance lists."""
    return _dataset_fact(view.dataset, ("attended_workshops", view.cycle), lambda: tuple(
        sorted({int(w) for w in view.cycle_attendance["workshop"].dropna().unique()})))


def _person_count(dataset: Dataset) -> int:
    """How many ``person_id`` numbers the dataset has (they run from 0)."""
    return _dataset_fact(dataset, ("person_count",), lambda: int(dataset.attendance["person_id"].max()) + 1
                         if len(dataset.attendance) else 0)


# --- overview ---------------------------------------------------------------------------------


@memoised
def participants_by_workshop(view: View) -> pd.DataFrame:
    """workshop, date, gmina (host), held, status, participants (0 when held but filtered out; NA when not held)."""
    counts = view.attendance.groupby("workshop").size()
    frame = view.selected_schedule[["workshop", "date", "gmina", "held", "status"]].copy()
    frame["participants"] = [int(counts.get(w, 0)) if held else pd.NA
                             for w, held in zip(frame["workshop"], frame["held"], strict=True)]
    frame["participants"] = frame["participants"].astype("Int64")
    return frame.reset_index(drop=True)


@dataclass(frozen=True)
class Overview:
    workshops_held: int
    workshops_planned: int  # all workshops of the cycle's schedule
    last_workshop: int | None
    participants_last: int | None
    change_from_previous: int | None
    unique_participants: int
    institutions: int
    sectors_represented: int
    sectors_total: int
    proposals: int


@memoised
def overview(view: View) -> Overview:
    per_workshop = participants_by_workshop(view)
    held = per_workshop[per_workshop["held"]]
    last = int(held["workshop"].iloc[-1]) if not held.empty else None
    participants_last = int(held["participants"].iloc[-1]) if not held.empty else None
    change = int(held["participants"].iloc[-1] - held["participants"].iloc[-2]) if len(held) >= 2 else None
    return Overview(
        workshops_held=int(view.schedule["held"].sum()),
        workshops_planned=len(view.schedule),
        last_workshop=last,
        participants_last=participants_last,
        change_from_previous=change,
        unique_participants=unique_participants(view),
        institutions=institutions(view),
        sectors_represented=sectors_represented(view),
        sectors_total=len(NAMED_SECTORS),
        proposals=len(view.proposals),
    )


@memoised
def unique_participants(view: View) -> int:
    return int(view.attendance["person_id"].nunique())


@memoised
def institutions(view: View) -> int:
    """Different institutions (folded names, ``Dataset.institution_key``; empty cells not counted)."""
    codes = view.attendance["institution_key"].cat.codes.to_numpy()
    return int(np.count_nonzero(np.bincount(codes[codes >= 0]))) if len(codes) else 0


@memoised
def sectors_represented(view: View) -> int:
    return len(set(view.attendance["sector"].unique()) & set(NAMED_SECTORS))


@memoised
def timeline(view: View) -> pd.DataFrame:
    """The whole cycle's schedule (not limited by filters) with participants of held workshops."""
    counts = view.cycle_attendance.groupby("workshop").size()
    frame = view.schedule.copy()
    frame["participants"] = pd.array([int(counts.get(w, 0)) if h else pd.NA
                                      for w, h in zip(frame["workshop"], frame["held"], strict=True)], dtype="Int64")
    return frame


@dataclass(frozen=True)
class NextWorkshop:
    workshop: int
    date: object
    gmina: str
    venue: str
    proposals_to_vote: int
    status: str  # planned, or missing when its date has passed and no list was uploaded


@memoised
def next_workshop(view: View) -> NextWorkshop | None:
    """The first workshop after the last held one (by number), and the proposals awaiting its vote."""
    ahead = view.to_come
    if ahead.empty:
        return None
    row = ahead.iloc[0]
    proposals = view.dataset.proposals
    waiting = proposals[(proposals["cycle"] == view.cycle) & (proposals["status"] == "to_vote")
                        & (proposals["workshop"] < int(row["workshop"]))]
    return NextWorkshop(int(row["workshop"]), row["date"], str(row["gmina"]), str(row.get("venue") or ""),
                        len(waiting), str(row["status"]))


@memoised
def missing_lists(view: View) -> list[int]:
    """Workshops whose time has passed without an attendance list in the store."""
    return [int(w) for w in view.schedule.loc[view.schedule["status"] == "missing", "workshop"]]


# --- sector participation -------------------------------------------------------------------


@memoised
def workshop_counts(view: View, column: str) -> pd.DataFrame:
    """Participations per held selected workshop (rows, by number) and value of ``column`` (sector or gmina:
    a column per value the dataset knows, zero included) — one pass over the rows, not a groupby per metric."""
    frame = view.attendance
    held = np.asarray(view.held_selected, dtype=np.int64)
    values = frame[column].astype("category")
    names = values.cat.categories
    table = np.zeros((len(held), len(names)), dtype=np.int64)
    if len(held) and len(frame) and len(names):
        positions = _positions(frame["workshop"], held)
        codes = values.cat.codes.to_numpy().astype(np.int64)
        known = (positions >= 0) & (codes >= 0)
        table = np.bincount(positions[known] * len(names) + codes[known],
                            minlength=len(held) * len(names)).reshape(len(held), len(names))
    return pd.DataFrame(table, index=pd.Index(held, name="workshop"), columns=pd.Index(list(names), name=column))


def _long_counts(view: View, column: str, order: tuple[str, ...]) -> pd.DataFrame:
    """workshop, <column>, participants — the non-zero cells of ``workshop_counts``, by workshop, then in ``order``."""
    table = workshop_counts(view, column)
    rank = {code: i for i, code in enumerate(order)}
    columns = sorted(table.columns, key=lambda code: (rank.get(code, len(rank)), str(code)))
    values = table[columns].to_numpy()
    rows, cells = np.nonzero(values)  # row by row: by workshop, then in order
    return pd.DataFrame({"workshop": pd.array(table.index.to_numpy()[rows], dtype="Int64"),
                         column: np.asarray(columns, dtype=object)[cells], "participants": values[rows, cells]})


@memoised
def sector_by_workshop(view: View) -> pd.DataFrame:
    """workshop, sector, participants, share (of the workshop's participants)."""
    frame = _long_counts(view, "sector", SECTOR_CODES)
    if frame.empty:
        return frame.assign(share=pd.Series(dtype=float))
    frame["share"] = frame["participants"] / frame.groupby("workshop")["participants"].transform("sum")
    return frame


@memoised
def sector_share_cycle(view: View) -> pd.DataFrame:
    """sector, participants, share — of all participations in the selected workshops."""
    counts = view.attendance["sector"].value_counts()
    total = int(counts.sum())
    rows = [(code, int(counts.get(code, 0))) for code in SECTOR_CODES if counts.get(code, 0)]
    frame = pd.DataFrame(rows, columns=["sector", "participants"])
    frame["share"] = frame["participants"] / total if total else 0.0
    return frame


def balance_index(shares: list[float]) -> float:
    """Normalised Shannon entropy of the three sectors' shares: 1 equal thirds, 0 a single sector."""
    present = [s for s in shares if s > 0]
    if not present:
        return 0.0
    return max(0.0, -sum(s * math.log(s) for s in present) / math.log(len(THREE_SECTORS)))


@memoised
def balance_by_workshop(view: View) -> pd.DataFrame:
    """workshop, group (public/business/civil), participants, share, index (per workshop)."""
    by_sector = _long_counts(view, "sector", SECTOR_CODES).rename(columns={"participants": "n"})
    by_sector["group3"] = by_sector["sector"].map(SECTOR_GROUPS)
    counts = by_sector[by_sector["group3"].isin(THREE_SECTORS)].groupby(["workshop", "group3"])["n"].sum()
    rows = []
    for workshop in view.held_selected:
        total = sum(int(counts.get((workshop, g), 0)) for g in THREE_SECTORS)
        if total == 0:
            continue
        shares = [int(counts.get((workshop, g), 0)) / total for g in THREE_SECTORS]
        index = balance_index(shares)
        for group, share in zip(THREE_SECTORS, shares, strict=True):
            rows.append((workshop, group, int(counts.get((workshop, group), 0)), share, index))
    return pd.DataFrame(rows, columns=["workshop", "group", "participants", "share", "index"])


@memoised
def origin_by_workshop(view: View) -> pd.DataFrame:
    """workshop, host, origin (gmina), participants, share, local (origin is the host)."""
    frame = _long_counts(view, "gmina", GMINA_CODES).rename(columns={"gmina": "origin"})
    hosts = dict(zip(view.schedule["workshop"], view.schedule["gmina"], strict=True))
    frame["host"] = frame["workshop"].map(hosts)
    frame["share"] = frame["participants"] / frame.groupby("workshop")["participants"].transform("sum")
    frame["local"] = frame["origin"] == frame["host"]
    return frame


@memoised
def sector_gaps(view: View) -> pd.DataFrame:
    """sector, share_last, share_before, status (absent | under | ok) at the last held workshop."""
    held = view.held_selected
    if len(held) < 2:
        return pd.DataFrame(columns=["sector", "share_last", "share_before", "status"])
    last, before = held[-1], held[:-1]
    frame = view.attendance
    last_counts = frame.loc[frame["workshop"] == last, "sector"].value_counts()
    before_counts = frame.loc[frame["workshop"].isin(before), "sector"].value_counts()
    last_total, before_total = int(last_counts.sum()), int(before_counts.sum())
    rows = []
    for code in NAMED_SECTORS:
        share_last = last_counts.get(code, 0) / last_total if last_total else 0.0
        share_before = before_counts.get(code, 0) / before_total if before_total else 0.0
        if share_before == 0 and share_last == 0:
            continue
        if share_last == 0:
            status = "absent"
        elif share_last < UNDER_REPRESENTED_RATIO * share_before:
            status = "under"
        else:
            status = "ok"
        rows.append((code, float(share_last), float(share_before), status))
    return pd.DataFrame(rows, columns=["sector", "share_last", "share_before", "status"])


# --- statistical disclosure -------------------------------------------------------------------

GROUPINGS = ("institution", "sector", "gmina")


@dataclass(frozen=True)
class GroupCounts:
    """Participants per institution, sector or gmina of origin, small groups suppressed.

    ``table`` has ``group`` (an institution as written most often, "" for an empty cell; or a sector
    or gmina code), for institutions also ``sector`` (the institution's most frequent sector), one
    column per held workshop (named by its number: participants there) and ``cycle`` (different
    persons over those workshops). A count from 1 to ``min_size - 1`` is NA: suppressed, never shown.
    """

    by: str
    min_size: int
    workshops: tuple[int, ...]
    table: pd.DataFrame


@memoised
def participants_by(view: View, by: str, min_size: int) -> GroupCounts:
    """The glossary's "participants_by": counts per group, never a row per person, small ones suppressed."""
    if by not in GROUPINGS:
        raise ValueError(f"unknown grouping: {by}")
    frame = view.attendance
    workshops = tuple(view.held_selected)
    codes, names = _group_codes(frame, by)
    width, held = len(names), np.asarray(workshops, dtype=np.int64)
    positions = _positions(frame["workshop"], held)
    counted = positions >= 0
    per_workshop = np.bincount(codes[counted] * len(held) + positions[counted],
                               minlength=width * len(held)).reshape(width, len(held))
    cycle = _distinct_persons(codes, frame["person_id"].to_numpy(dtype=np.int64), width)
    present = np.flatnonzero(np.bincount(codes, minlength=width))
    table = pd.DataFrame(per_workshop[present], index=pd.Index(names[present], dtype=object), columns=list(workshops))
    table["cycle"] = cycle[present]
    if by == "institution":  # the name as most often written, and the institution's most frequent sector
        sectors, sector_names = _group_codes(frame, "sector")
        sector = pd.Series(pd.Categorical.from_codes(sectors, categories=pd.Index(sector_names, dtype=object)))
        table.insert(0, "sector", _mode(codes, sector).reindex(present).to_numpy())
        table.insert(0, "group", _mode(codes, _stripped(frame["institution"])).reindex(present).to_numpy())
        table = table.sort_index(key=lambda index: pd.Index([(k == "", k) for k in index], tupleize_cols=False))
    else:
        order = {code: i for i, code in enumerate(SECTOR_CODES if by == "sector" else GMINA_CODES)}
        table.insert(0, "group", table.index.astype("str"))
        table = table.sort_index(key=lambda index: pd.Index([order.get(k, len(order)) for k in index]))
    for column in [*workshops, "cycle"]:
        counts = table[column].astype("Int64")
        table[column] = counts.mask((counts > 0) & (counts < min_size))
    table.columns.name = None
    return GroupCounts(by, min_size, workshops, table.reset_index(drop=True))


def _group_codes(frame: pd.DataFrame, by: str) -> tuple[np.ndarray, np.ndarray]:
    """Each row's group of ``participants_by`` as a number, and the groups' names: the folded institution
    name (``Dataset.institution_key``; "" where none is written), the sector or the gmina (none: "other",
    "unknown")."""
    if by == "institution":
        codes, names = _institution_codes(frame)
        return codes + 1, np.asarray(["", *names], dtype=object)
    column = frame[by].astype("category")
    values = [str(value) for value in column.cat.categories]
    rows = column.cat.codes.to_numpy().astype(np.int64)
    if (rows < 0).any():
        default = "unknown" if by == "gmina" else "other"
        if default not in values:
            values.append(default)
        rows = np.where(rows < 0, values.index(default), rows)
    return rows, np.asarray(values, dtype=object)


def _stripped(names: pd.Series) -> pd.Series:
    """The names as written, without spaces around them ("" for an empty cell), each distinct one stripped once."""
    codes, written = pd.factorize(names, use_na_sentinel=True)  # an empty cell: -1, the last of ``stripped``: ""
    stripped, categories = pd.factorize(np.asarray([*(str(name).strip() for name in written), ""], dtype=object))
    return pd.Series(pd.Categorical.from_codes(stripped[codes], categories=pd.Index(categories, dtype=object)))


# --- proposals ------------------------------------------------------------------------------


@memoised
def proposals_by_area(view: View) -> pd.DataFrame:
    """area (1–4), proposals — every area listed, zero included."""
    counts = view.proposals["area"].dropna().astype(int).value_counts()
    return pd.DataFrame({"area": list(AREAS), "proposals": [int(counts.get(a, 0)) for a in AREAS]})


def proposals_to_vote(view: View) -> pd.DataFrame:
    """The view's proposals awaiting a vote (status "pod głosowanie"), in the order of workshops and numbers."""
    frame = view.proposals
    return frame[frame["status"] == "to_vote"].sort_values(["workshop", "number"])


@memoised
def to_vote_by_area(view: View) -> pd.DataFrame:
    """area (1–4), proposals awaiting a vote — every area listed, zero included."""
    counts = proposals_to_vote(view)["area"].dropna().astype(int).value_counts()
    return pd.DataFrame({"area": list(AREAS), "proposals": [int(counts.get(a, 0)) for a in AREAS]})


@memoised
def area_by_workshop(view: View) -> pd.DataFrame:
    """workshop, area, proposals."""
    frame = view.proposals.dropna(subset=["area"])
    return (frame.groupby(["workshop", "area"]).size().rename("proposals").reset_index()
            .astype({"workshop": int, "area": int}))


@memoised
def proposals_by_group(view: View) -> pd.DataFrame:
    """workshop, group, proposals (thematic groups as written; empty group as "bez grupy")."""
    frame = view.proposals.assign(group=view.proposals["group"].fillna("").replace("", "bez grupy"))
    return (frame.groupby(["workshop", "group"]).size().rename("proposals").reset_index()
            .astype({"workshop": int}))


@memoised
def lead_sector_by_area(view: View) -> pd.DataFrame:
    """area, lead_sector, proposals."""
    frame = view.proposals.dropna(subset=["area", "lead_sector"])
    return (frame.groupby(["area", "lead_sector"]).size().rename("proposals").reset_index()
            .astype({"area": int}))


@memoised
def ranking_by_votes(view: View, limit: int | None = 15) -> pd.DataFrame:
    """Proposals with votes, most votes first (ties by workshop and number)."""
    frame = view.proposals.dropna(subset=["votes"])
    frame = frame.sort_values(["votes", "workshop", "number"], ascending=[False, True, True])
    columns = ["workshop", "number", "title", "area", "lead", "votes", "status"]
    return (frame.head(limit) if limit else frame)[columns].reset_index(drop=True)


@memoised
def proposals_by_status(view: View) -> pd.DataFrame:
    counts = view.proposals["status"].value_counts()
    return pd.DataFrame({"status": list(STATUSES), "proposals": [int(counts.get(s, 0)) for s in STATUSES]})


def search_proposals(view: View, text: str = "", areas: tuple[int, ...] = (), statuses: tuple[str, ...] = ()
                     ) -> pd.DataFrame:
    """The proposals table, narrowed by a search text (title, description, lead, partners)."""
    frame = view.proposals
    if areas:
        frame = frame[frame["area"].isin(areas)]
    if statuses:
        frame = frame[frame["status"].isin(statuses)]
    needle = fold(text)
    if needle:
        haystack = (frame["title"].fillna("") + " " + frame["description"].fillna("") + " "
                    + frame["lead"].fillna("") + " " + frame["partners"].fillna(""))
        frame = frame[[needle in fold(h) for h in haystack]]
    return frame.sort_values(["workshop", "number"]).reset_index(drop=True)


# --- progress of the cycle --------------------------------------------------------------------


def _persons_by(view: View, column: str) -> pd.Series:
    """Different persons (``person_id``) of the view per value of ``column`` (a category); values with none left out."""
    frame = view.attendance
    values = frame[column].astype("category")
    names, width = values.cat.categories, len(values.cat.categories)
    codes = values.cat.codes.to_numpy().astype(np.int64)
    known = codes >= 0
    if not width or not known.any():
        return pd.Series([], dtype=np.int64)
    counts = _distinct_persons(codes[known], frame["person_id"].to_numpy(dtype=np.int64)[known], width)
    return pd.Series(counts[counts > 0], index=np.asarray(names, dtype=object)[counts > 0])


def _distinct_persons(groups: np.ndarray, persons: np.ndarray, width: int) -> np.ndarray:
    """How many different persons each group (numbered 0 to ``width`` - 1) has among the rows (group, person)."""
    if not len(groups):
        return np.zeros(width, dtype=np.int64)
    span = int(persons.max()) + 1
    pairs = np.sort(groups * span + persons)  # sorted, not np.unique: its hashing took 1 s at 1M rows
    return np.bincount(pairs[np.r_[True, pairs[1:] != pairs[:-1]]] // span, minlength=width)


def _positions(workshops: pd.Series, held: np.ndarray) -> np.ndarray:
    """Each row's workshop as its position among ``held`` (sorted numbers), -1 for another one or none."""
    numbers = workshops.to_numpy(dtype=np.int64, na_value=-1)
    if not len(held):
        return np.full(len(numbers), -1, dtype=np.int64)
    table = np.full(int(held.max()) + 2, -1, dtype=np.int64)  # the last cell: numbers out of range
    table[held] = np.arange(len(held))
    return table[np.where((numbers >= 0) & (numbers <= held.max()), numbers, len(table) - 1)]


def _patterns(matrix: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The different rows of a bool matrix (all-False left out) and how many times each occurs."""
    width = matrix.shape[1]
    if not matrix.size:
        return np.zeros((0, width), dtype=bool), np.zeros(0, dtype=np.int64)
    packed = np.packbits(matrix, axis=1, bitorder="little")  # a row's workshops as the bits of a number
    size = 2 if width <= 16 else 8
    padded = np.zeros((len(packed), size), dtype=np.uint8)
    padded[:, :packed.shape[1]] = packed
    numbers = padded.view(np.uint16 if size == 2 else np.uint64).ravel()
    if size == 2:
        counts = np.bincount(numbers, minlength=2)
        found = np.flatnonzero(counts)
        counts = counts[found]
    else:
        found, counts = np.unique(numbers, return_counts=True)
    keep = found != 0
    found, counts = found[keep], counts[keep]
    bits = np.unpackbits(found.astype(np.uint16 if size == 2 else np.uint64).view(np.uint8).reshape(len(found), size),
                         axis=1, bitorder="little")[:, :width].astype(bool)
    return bits, counts.astype(np.int64)


def _first_workshops(view: View) -> np.ndarray:
    """Per ``person_id``, the first workshop of the cycle the person attended (filters do not change it;
    a number above every workshop for persons not in the cycle)."""
    def compute() -> np.ndarray:
        frame = view.cycle_attendance
        first = np.full(_person_count(view.dataset), np.iinfo(np.int64).max, dtype=np.int64)
        workshops = frame["workshop"].to_numpy(dtype=np.int64, na_value=np.iinfo(np.int64).max)
        np.minimum.at(first, frame["person_id"].to_numpy(dtype=np.int64), workshops)
        return first

    return _dataset_fact(view.dataset, ("first_workshops", view.cycle), compute)


@memoised
def new_and_returning(view: View) -> pd.DataFrame:
    """workshop, new, returning — returning: attended an earlier workshop of the cycle."""
    matrix, workshops = view.presence
    first = _first_workshops(view)
    rows = []
    for i, workshop in enumerate(workshops):
        there = matrix[:, i]
        back = int(np.count_nonzero(there & (first < workshop)))
        rows.append((workshop, int(np.count_nonzero(there)) - back, back))
    return pd.DataFrame(rows, columns=["workshop", "new", "returning"])


@memoised
def cumulative_unique(view: View) -> pd.DataFrame:
    """workshop, participants (unique persons up to and including this workshop)."""
    patterns, persons, workshops = view.patterns
    seen = np.logical_or.accumulate(patterns, axis=1) if patterns.size else patterns
    rows = [(w, int(persons[seen[:, i]].sum()) if seen.size else 0) for i, w in enumerate(workshops)]
    return pd.DataFrame(rows, columns=["workshop", "participants"])


@memoised
def flow(view: View) -> pd.DataFrame:
    """source, target, stayed, left, joined for each pair of consecutive held workshops."""
    patterns, persons, workshops = view.patterns
    rows = []
    for i in range(len(workshops) - 1):
        a, b = patterns[:, i], patterns[:, i + 1]
        stayed = int(persons[a & b].sum())
        rows.append((workshops[i], workshops[i + 1], stayed, int(persons[a].sum()) - stayed,
                     int(persons[b].sum()) - stayed))
    return pd.DataFrame(rows, columns=["source", "target", "stayed", "left", "joined"])


@memoised
def proposals_cumulative_by_area(view: View) -> pd.DataFrame:
    """workshop, area, proposals (accumulated up to and including the workshop)."""
    counts = area_by_workshop(view)
    workshops = sorted({int(w) for w in counts["workshop"]} | set(view.held_selected))
    table = (counts.pivot_table(index="workshop", columns="area", values="proposals", aggfunc="sum", fill_value=0)
             .reindex(index=workshops, columns=list(AREAS), fill_value=0).cumsum())
    rows = [(w, a, int(table[a].loc[w])) for a in AREAS for w in workshops]
    return pd.DataFrame(rows, columns=["workshop", "area", "proposals"])


@dataclass(frozen=True)
class Remaining:
    workshops_left: int
    planned: tuple[int, ...]
    proposals_to_vote: int


@memoised
def remaining(view: View) -> Remaining:
    """The workshops still ahead (``View.to_come``) and the proposals awaiting a vote in the cycle."""
    planned = tuple(int(w) for w in view.to_come["workshop"])
    proposals = view.dataset.proposals
    waiting = proposals[(proposals["cycle"] == view.cycle) & (proposals["status"] == "to_vote")]
    return Remaining(len(planned), planned, len(waiting))


# =============================================================================================
# Steering the partnership: whom to invite next, who comes back, how sectors
# work together. Glossary keys: invite_sectors, invite_gminas, invite_institutions, targets,
# cohort, cohort_institutions, return_rate_by_sector, proposals_multi_sector_2/_3, sector_pairs,
# ei_index, blau_index. Nothing here is quadratic in people: persons and institutions are
# counted with groupby/merge on their keys, proposals' ties with a merge per proposal.
# =============================================================================================

INVITE_RATIO = 0.8  # a share below 80% of its reference is under-represented (whom to invite)
TARGET_KINDS = ("sector", "gmina")
INVITE_GMINAS = tuple(code for code in GMINA_CODES if code != "unknown")
_PARTNER_SEPARATORS = r"[,;\n\r]+"


def _institution_codes(frame: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """For the rows of ``frame`` (a part of the dataset's attendance): each row's institution as a number
    (-1: an empty cell) and the folded names those numbers stand for (``Dataset.institution_key``)."""
    keys = frame["institution_key"]
    return keys.cat.codes.to_numpy(dtype=np.int64), np.asarray(keys.cat.categories, dtype=object)


_MODE_BINS = 8_000_000  # a keys × values table up to this size is counted at once, a larger one pair by pair


def _mode(keys: np.ndarray, values: pd.Series) -> pd.Series:
    """For each key (integers from 0), its most frequent value (ties: the first in sorted order)."""
    present, best, names = _mode_codes(keys, values)
    return pd.Series(names[best], index=present)


def _mode_codes(keys: np.ndarray, values: pd.Series) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``_mode`` as numbers: the keys present, each one's value as a position in the values' names, the names."""
    categories = values.astype("category")
    names = np.asarray(categories.cat.categories, dtype=object)
    order = np.argsort(np.asarray([str(n) for n in names], dtype=object), kind="stable")
    rank = np.empty(len(names), dtype=np.int64)
    rank[order] = np.arange(len(names))
    codes = categories.cat.codes.to_numpy()
    valid = (codes >= 0) & (np.asarray(keys) >= 0)
    keys, ranks = np.asarray(keys, dtype=np.int64)[valid], rank[codes[valid]]
    if not len(keys):
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), names
    width = len(names)
    size = (int(keys.max()) + 1) * width
    if size <= _MODE_BINS:
        lowest = np.full(size // width, width, dtype=np.int64)
        highest = np.full(size // width, -1, dtype=np.int64)
        np.minimum.at(lowest, keys, ranks)
        np.maximum.at(highest, keys, ranks)
        present = np.flatnonzero(highest >= 0)
        best = lowest[present]  # a key with one value all along (most persons keep their sector): that value
        varying = present[lowest[present] != highest[present]]
        if len(varying):  # the others: counts of each value, the first largest is the first in sorted order
            number = np.full(size // width, -1, dtype=np.int64)
            number[varying] = np.arange(len(varying))
            rows = number[keys] >= 0
            table = np.bincount(number[keys[rows]] * width + ranks[rows], minlength=len(varying) * width)
            best[np.searchsorted(present, varying)] = table.reshape(-1, width).argmax(axis=1)
    else:
        pairs, counts = np.unique(keys * width + ranks, return_counts=True)
        pair_keys, pair_ranks = pairs // width, pairs % width
        chosen = np.lexsort((pair_ranks, -counts, pair_keys))
        chosen = chosen[np.r_[True, pair_keys[chosen][1:] != pair_keys[chosen][:-1]]]
        present, best = pair_keys[chosen], pair_ranks[chosen]
    return present, order[best], names


def known_institution_sectors(dataset: Dataset) -> dict[str, str]:
    """Folded institution name -> its most frequent sector on the dataset's attendance lists."""
    def compute() -> dict[str, str]:
        codes, names = _institution_codes(dataset.attendance)
        sectors = _mode(codes, dataset.attendance["sector"])
        return {str(name): str(sector) for name, sector in zip(names[sectors.index.to_numpy()], sectors, strict=True)}

    return _dataset_fact(dataset, ("known_institution_sectors",), compute)


def split_partners(cell: object) -> list[str]:
    """The institutions of one "partners" cell: separated by commas, semicolons or new lines."""
    if cell is None or (isinstance(cell, float) and math.isnan(cell)) or cell is pd.NA:
        return []
    return [part.strip() for part in re.split(_PARTNER_SEPARATORS, str(cell)) if part.strip()]


@memoised
def proposal_members(view: View) -> pd.DataFrame:
    """proposal (position in ``view.proposals``), workshop, area, role (lead | partner), name, sector.

    The lead's sector is the proposal's ``lead_sector``; a partner's is the sector its institution
    has on the attendance lists, else the one its name tells, else ``other``. An institution named
    twice on one proposal (or as lead and partner) is one member.
    """
    frame = view.proposals.reset_index(drop=True)
    known = known_institution_sectors(view.dataset)
    ids = np.arange(len(frame))
    leads = pd.DataFrame({"proposal": ids, "role": "lead",
                          "name": frame["lead"].astype("object").fillna("").astype(str).str.strip(),
                          "sector": frame["lead_sector"].astype("object")})
    leads = leads[(leads["name"] != "") | leads["sector"].notna()]
    partners = pd.DataFrame({"proposal": ids, "role": "partner", "name": _partner_lists(frame["partners"])})
    partners = partners.explode("name").dropna(subset=["name"])
    partners = partners.assign(name=partners["name"].astype(str), sector=None)
    members = pd.concat([leads, partners], ignore_index=True)
    members["key"] = members["name"].map({name: fold(name) for name in members["name"].unique()})
    unknown = members["sector"].isna()
    names = {name: known.get(fold(name)) or sector_from_institution(name) or "other"
             for name in members.loc[unknown, "name"].unique()}
    members.loc[unknown, "sector"] = members.loc[unknown, "name"].map(names)
    members["sector"] = members["sector"].astype(str)
    named = members["key"] != ""
    members = pd.concat([members[named].drop_duplicates(["proposal", "key"]), members[~named]])
    members = members.sort_values(["proposal", "role"], kind="stable").reset_index(drop=True)
    members["workshop"] = frame["workshop"].to_numpy()[members["proposal"].to_numpy()]
    members["area"] = frame["area"].to_numpy()[members["proposal"].to_numpy()]
    return members[["proposal", "workshop", "area", "role", "name", "sector"]]


@memoised
def proposals_with_partners(view: View) -> int:
    """How many of the view's proposals name at least one partner (none: cooperation cannot be seen)."""
    return int(sum(1 for names in _partner_lists(view.proposals["partners"]) if names))


def _partner_lists(cells: pd.Series) -> list[list[str]]:
    """``split_partners`` of every cell, each distinct cell split once."""
    values = cells.astype("object").to_numpy()
    split = {cell: split_partners(cell) for cell in pd.unique(values[pd.notna(values)])}
    return [split[cell] if cell in split else [] for cell in values]


@memoised
def sectors_per_proposal(view: View) -> pd.DataFrame:
    """workshop, area, sectors — how many named sectors (not "Inne") each proposal's lead and partners span."""
    members = proposal_members(view)
    named = members[members["sector"] != "other"]
    counts = named.groupby("proposal")["sector"].nunique().reindex(range(len(view.proposals)), fill_value=0)
    return pd.DataFrame({"workshop": view.proposals["workshop"].to_numpy(), "area": view.proposals["area"].to_numpy(),
                         "sectors": counts.to_numpy(dtype=int)})


@dataclass(frozen=True)
class MultiSector:
    proposals: int
    at_least_2: int
    at_least_3: int

    @property
    def share_2(self) -> float | None:
        return self.at_least_2 / self.proposals if self.proposals else None

    @property
    def share_3(self) -> float | None:
        return self.at_least_3 / self.proposals if self.proposals else None


@memoised
def multi_sector(view: View) -> MultiSector:
    """The glossary's proposals_multi_sector_2 and _3 over all of the view's proposals."""
    spans = sectors_per_proposal(view)["sectors"]
    return MultiSector(len(spans), int((spans >= 2).sum()), int((spans >= 3).sum()))


@memoised
def multi_sector_by(view: View, by: str) -> pd.DataFrame:
    """by (area | workshop), proposals, at_least_2, at_least_3, share_2, share_3 — every area listed."""
    if by not in ("area", "workshop"):
        raise ValueError(f"unknown grouping: {by}")
    spans = sectors_per_proposal(view).dropna(subset=[by])
    spans = spans.assign(two=spans["sectors"] >= 2, three=spans["sectors"] >= 3)
    spans[by] = spans[by].astype(int)
    table = spans.groupby(by).agg(proposals=("sectors", "size"), at_least_2=("two", "sum"), at_least_3=("three", "sum"))
    order = list(AREAS) if by == "area" else sorted({int(w) for w in spans[by]})
    table = table.reindex(order, fill_value=0).astype(int)
    total = table["proposals"].replace(0, np.nan)
    table["share_2"] = table["at_least_2"] / total
    table["share_3"] = table["at_least_3"] / total
    return table.rename_axis(by).reset_index()


@memoised
def sector_ties(view: View) -> pd.DataFrame:
    """workshop, sector_a, sector_b: one row per pair of members of one proposal (lead and partners)."""
    members = proposal_members(view).reset_index(names="member")[["member", "proposal", "workshop", "sector"]]
    pairs = members.merge(members[["member", "proposal", "sector"]], on="proposal", suffixes=("_a", "_b"))
    pairs = pairs[pairs["member_a"] < pairs["member_b"]]
    return pairs[["workshop", "sector_a", "sector_b"]].reset_index(drop=True)


@memoised
def sector_pairs(view: View) -> pd.DataFrame:
    """sector_a, sector_b, ties — unordered pairs (sector_a first in the sectors' order), every tie once."""
    ties = sector_ties(view)
    order = {code: i for i, code in enumerate(SECTOR_CODES)}
    a, b = ties["sector_a"].to_numpy(dtype=object), ties["sector_b"].to_numpy(dtype=object)
    first = ties["sector_a"].map(order).to_numpy() <= ties["sector_b"].map(order).to_numpy()
    frame = pd.DataFrame({"sector_a": np.where(first, a, b), "sector_b": np.where(first, b, a)})
    counts = frame.value_counts().rename("ties").reset_index()
    counts["order_a"] = counts["sector_a"].map(order)
    counts["order_b"] = counts["sector_b"].map(order)
    return counts.sort_values(["order_a", "order_b"]).drop(columns=["order_a", "order_b"]).reset_index(drop=True)


@memoised
def sector_matrix(view: View) -> pd.DataFrame:
    """The symmetric sector × sector table of ties (rows and columns: sectors with a tie, in order)."""
    pairs = sector_pairs(view)
    present = [code for code in SECTOR_CODES if code in set(pairs["sector_a"]) | set(pairs["sector_b"])]
    position = {code: i for i, code in enumerate(present)}
    a = pairs["sector_a"].map(position).to_numpy(dtype=np.int64)
    b = pairs["sector_b"].map(position).to_numpy(dtype=np.int64)
    ties = pairs["ties"].to_numpy(dtype=np.int64)
    values = np.zeros((len(present), len(present)), dtype=np.int64)
    np.add.at(values, (a, b), ties)
    apart = a != b
    np.add.at(values, (b[apart], a[apart]), ties[apart])
    return pd.DataFrame(values, index=present, columns=present)


def _ei(ties: pd.DataFrame) -> tuple[int, int, float | None]:
    named = ties[(ties["sector_a"] != "other") & (ties["sector_b"] != "other")]
    internal = int((named["sector_a"] == named["sector_b"]).sum())
    external = len(named) - internal
    total = internal + external
    return external, internal, (external - internal) / total if total else None


@memoised
def ei_index(view: View) -> float | None:
    """Krackhardt & Stern's E-I index of all the view's ties between sectors; None without ties."""
    return _ei(sector_ties(view))[2]


@memoised
def ei_by_workshop(view: View) -> pd.DataFrame:
    """workshop, external, internal, index — of the ties of proposals written at each workshop."""
    ties = sector_ties(view)
    workshops = sorted({int(w) for w in view.proposals["workshop"].dropna()})
    rows = [(w, *_ei(ties[ties["workshop"] == w])) for w in workshops]
    return pd.DataFrame(rows, columns=["workshop", "external", "internal", "index"])


def blau(counts: pd.Series) -> float | None:
    """Blau's diversity index, 1 − Σ p², of counts per category; None for no counts."""
    total = float(counts.sum())
    if not total:
        return None
    return float(1 - ((counts / total) ** 2).sum())


@memoised
def blau_by_workshop(view: View) -> pd.DataFrame:
    """workshop, participants (of named sectors), index — Blau's index of each held workshop's sector mix."""
    table = workshop_counts(view, "sector")
    table = table[[code for code in table.columns if code in NAMED_SECTORS]]
    rows = []
    for workshop, mix in zip(view.held_selected, table.to_numpy(), strict=True):
        rows.append((workshop, int(mix.sum()), blau(pd.Series(mix))))
    return pd.DataFrame(rows, columns=["workshop", "participants", "index"])


# --- who comes back ---------------------------------------------------------------------------


def _cohort_table(patterns: np.ndarray, counts: np.ndarray, workshops: list[int], column: str) -> pd.DataFrame:
    """The cohort rows from attendance patterns (``_patterns``: sets of workshops, how many came to each)."""
    together = (patterns.T * counts) @ patterns.astype(np.int64)  # workshops × workshops: how many at both
    rows = []
    for i, first in enumerate(workshops):
        base = int(together[i, i])
        for j in range(i + 1, len(workshops)):
            came = int(together[i, j])
            rows.append((first, base, workshops[j], came, came / base if base else None))
    return pd.DataFrame(rows, columns=["workshop", "attended", "later", column, "share"])


@memoised
def cohort(view: View) -> pd.DataFrame:
    """workshop, attended (persons there), later (a later held workshop), people (of them, there too), share."""
    patterns, persons, workshops = view.patterns
    return _cohort_table(patterns, persons, workshops, "people")


@memoised
def cohort_institutions(view: View) -> pd.DataFrame:
    """The same as ``cohort`` for institutions (folded names; empty cells not counted)."""
    frame = view.attendance
    codes, names = _institution_codes(frame)
    held = np.asarray(view.held_selected, dtype=np.int64)
    known = codes >= 0
    matrix = np.zeros((len(names), len(held)), dtype=bool)
    if len(held) and known.any():
        positions = _positions(frame["workshop"], held)
        there = known & (positions >= 0)
        matrix[codes[there], positions[there]] = True
    return _cohort_table(*_patterns(matrix), [int(w) for w in held], "institutions")


@memoised
def return_rate_by_sector(view: View) -> pd.DataFrame:
    """sector, people, returned, rate — of the persons who came to a held workshop before the last one
    (the sector they gave most often), how many came to a later one."""
    frame = view.attendance
    held = view.held_selected
    if len(held) < 2 or frame.empty:
        return pd.DataFrame(columns=["sector", "people", "returned", "rate"])
    matrix, _ = view.presence
    persons, sectors, names = _mode_codes(frame["person_id"].to_numpy(dtype=np.int64), frame["sector"])
    there = matrix[persons]  # the view's persons
    first = there.argmax(axis=1)  # the first and the last held workshop each person came to (columns)
    last = there.shape[1] - 1 - there[:, ::-1].argmax(axis=1)
    counted = first < len(held) - 1
    table = pd.DataFrame({"people": np.bincount(sectors[counted], minlength=len(names)),
                          "returned": np.bincount(sectors[counted & (last > first)], minlength=len(names))},
                         index=pd.Index(names, dtype=object))
    table = table[table["people"] > 0]
    table = table.reindex([c for c in SECTOR_CODES if c in table.index]).astype(int)
    table["rate"] = table["returned"] / table["people"]
    return table.rename_axis("sector").reset_index()


# --- whom to invite next ----------------------------------------------------------------------


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
    codes, _ = _institution_codes(frame)
    workshops = frame["workshop"].to_numpy(dtype=np.int64, na_value=-1)
    at_last = np.unique(codes[workshops == held[-1]])
    gone = (codes >= 0) & ~np.isin(codes, at_last)
    if not gone.any():
        return pd.DataFrame(columns=columns)
    frame, codes, workshops = frame[gone], codes[gone], workshops[gone]
    visits = pd.DataFrame({"k": codes, "w": workshops}).drop_duplicates().sort_values(["k", "w"])
    table = pd.DataFrame({
        "institution": _mode(codes, frame["institution"].astype(str).str.strip()),
        "sector": _mode(codes, frame["sector"]),
        "gmina": _mode(codes, frame["gmina"]),
        "workshops": visits.groupby("k")["w"].agg(list).map(lambda w: tuple(int(x) for x in w)),
    })
    table["count"] = table["workshops"].map(len)
    table["name"] = table["institution"].map(fold)
    table = table.sort_values(["count", "name"], ascending=[False, True])
    return table[columns].reset_index(drop=True)


# === from idea to project, participants per resident, cycle over cycle ==============
# (glossary keys: status_reached, status_over_time, status_history, votes_spread, participants_per_10k,
# cycle_comparison)

REACH_STAGES = ("selected", "in_progress", "done")  # the way from idea to project, in order
PER_RESIDENTS = 10_000


@memoised
def _status_events_of(view: View) -> pd.DataFrame:
    """The status events (``Dataset.status_events``) of the view's proposals, in order."""
    events = view.dataset.status_events
    if events is None or events.empty or view.proposals.empty:
        return pd.DataFrame(columns=["cycle", "workshop", "number", "date", "status"])
    keys = view.proposals.dropna(subset=["workshop", "number"])[["workshop", "number"]].astype(int).drop_duplicates()
    mine = events[events["cycle"].astype(str) == str(view.cycle)]
    return mine.merge(keys, on=["workshop", "number"], how="inner")


@memoised
def status_history(view: View) -> pd.DataFrame:
    """The glossary's "status_history": workshop, number, title, area, date, status — every status each of
    the view's proposals has had, in order (date None: the day of its workshop is not known)."""
    events = _status_events_of(view)
    titles = view.proposals.dropna(subset=["workshop", "number"]).astype({"workshop": int, "number": int})
    titles = titles.drop_duplicates(["workshop", "number"], keep="last")[["workshop", "number", "title", "area"]]
    frame = events.merge(titles, on=["workshop", "number"], how="left")
    return frame[["workshop", "number", "title", "area", "date", "status"]].reset_index(drop=True)


@memoised
def status_reached_by_area(view: View) -> pd.DataFrame:
    """The glossary's "status_reached": area (1–4), stage (selected, in_progress, done), proposals.

    A proposal reached a stage when it has had that status or a later one of the three at any time
    (its history, not only its status now); every area and stage listed, zero included.
    """
    events = _status_events_of(view)
    rank = {stage: i for i, stage in enumerate(REACH_STAGES)}
    events = events.assign(rank=events["status"].map(rank))
    furthest = events.dropna(subset=["rank"]).groupby(["workshop", "number"])["rank"].max()
    proposals = view.proposals.dropna(subset=["workshop", "number"]).astype({"workshop": int, "number": int})
    areas = proposals.drop_duplicates(["workshop", "number"], keep="last").set_index(["workshop", "number"])["area"]
    reached = pd.DataFrame({"rank": furthest}).join(areas, how="left").dropna(subset=["area"])
    rows = []
    for area in AREAS:
        ranks = reached.loc[reached["area"] == area, "rank"]
        for stage, i in rank.items():
            rows.append((area, stage, int((ranks >= i).sum())))
    return pd.DataFrame(rows, columns=["area", "stage", "proposals"])


@memoised
def status_over_time(view: View) -> pd.DataFrame:
    """The glossary's "status_over_time": date, status, proposals — on each day a status of the view's
    proposals was set, how many proposals had each status (as of the end of that day).

    A proposal is counted from its workshop's day; one whose workshop has no date, from the first day.
    """
    events = _status_events_of(view)
    days = pd.to_datetime(events["date"], errors="coerce")
    if events.empty or days.isna().all():
        return pd.DataFrame(columns=["date", "status", "proposals"])
    events = events.assign(day=days.fillna(days.min()), order=np.arange(len(events)))
    # each status is in force from its day until the proposal's next day: +1 there, -1 then (linear, not a
    # proposals × days table)
    last = events.sort_values(["workshop", "number", "day", "order"]).drop_duplicates(
        ["workshop", "number", "day"], keep="last")
    ends = last.groupby(["workshop", "number"], sort=False)["day"].shift(-1)
    changes = pd.concat([pd.DataFrame({"day": last["day"], "status": last["status"], "n": 1}),
                         pd.DataFrame({"day": ends, "status": last["status"], "n": -1}).dropna(subset=["day"])])
    table = (changes.groupby(["day", "status"])["n"].sum().unstack(fill_value=0)
             .reindex(columns=list(STATUSES), fill_value=0).sort_index().cumsum())
    rows = [(day.date(), status, int(table.loc[day, status])) for day in table.index for status in STATUSES]
    return pd.DataFrame(rows, columns=["date", "status", "proposals"])


@memoised
def votes_spread(view: View) -> pd.DataFrame:
    """The glossary's "votes_spread": area (1–4, then 0 for all areas together), proposals (with votes),
    total, lowest, q1, median, q3, highest, mean — quartiles by linear interpolation (Excel's
    QUARTILE.INC); areas without a voted proposal are left out."""
    frame = view.proposals.dropna(subset=["votes"])
    rows = []
    groups = [(int(a), frame[frame["area"] == a]) for a in AREAS] + [(0, frame)]
    for area, part in groups:
        votes = part["votes"].astype(float)
        if votes.empty:
            continue
        rows.append((area, len(votes), int(votes.sum()), int(votes.min()), float(votes.quantile(0.25)),
                     float(votes.median()), float(votes.quantile(0.75)), int(votes.max()), float(votes.mean())))
    return pd.DataFrame(rows, columns=["area", "proposals", "total", "lowest", "q1", "median", "q3", "highest",
                                       "mean"])


@memoised
def gmina_table(view: View) -> pd.DataFrame:
    """gmina, population, year, source, cycle_of_figure — the residents the view's cycle counts with.

    The cycle's own gmina table; for a gmina it lacks, the newest figure (by year) of another cycle.
    """
    table = view.dataset.gminas
    if table.empty:
        return pd.DataFrame(columns=["gmina", "population", "year", "source", "cycle_of_figure"])
    table = table.dropna(subset=["population"]).assign(own=table["cycle"].astype(str) == str(view.cycle))
    table = table.sort_values(["own", "year", "cycle"], na_position="first", kind="stable")
    chosen = table.drop_duplicates("gmina", keep="last").rename(columns={"cycle": "cycle_of_figure"})
    order = {code: i for i, code in enumerate(GMINA_CODES)}
    chosen = chosen.sort_values("gmina", key=lambda s: s.map(order).fillna(len(order)))
    return chosen[["gmina", "population", "year", "source", "cycle_of_figure"]].reset_index(drop=True)


@memoised
def participants_per_10k(view: View) -> pd.DataFrame:
    """The glossary's "participants_per_10k": gmina, participants (different persons from it among the
    selected workshops), population, year, source, per_10k (participants / population × 10 000; NA
    where the residents are not known — always for "outside" and "unknown", shown apart).

    Every gmina of the county is listed (zero included), then "outside" and "unknown" when someone
    came from there.
    """
    counts = _persons_by(view, "gmina")
    residents = gmina_table(view).set_index("gmina").to_dict("index")
    rows = []
    for code in GMINA_CODES:
        n = int(counts.get(code, 0))
        if code in ("outside", "unknown") and not n:
            continue
        known = code in residents and code not in ("outside", "unknown")
        population = int(residents[code]["population"]) if known else None
        year = residents[code]["year"] if known else None
        rows.append((code, n, population, None if year is None or pd.isna(year) else int(year),
                     str(residents[code]["source"] or "") if known else "",
                     n / population * PER_RESIDENTS if population else None))
    frame = pd.DataFrame(rows, columns=["gmina", "participants", "population", "year", "source", "per_10k"])
    frame["population"] = frame["population"].astype("Int64")
    frame["year"] = frame["year"].astype("Int64")
    frame["per_10k"] = frame["per_10k"].astype("Float64")
    return frame


@dataclass(frozen=True)
class CycleComparison:
    """The glossary's "cycle_comparison" of two cycles, each seen through the same gmina and sector filters."""

    cycles: tuple[str, str]
    per_workshop: pd.DataFrame  # cycle, workshop, gmina (host), participants (held workshops)
    per_sector: pd.DataFrame  # cycle, sector, participants, share
    summary: pd.DataFrame  # cycle, workshops_held, participants, unique_participants, institutions, proposals, selected


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


def compare_cycles(dataset: Dataset, first: str, second: str, filters: Filters = Filters()) -> CycleComparison:
    """Two cycles side by side: every held workshop's participants, the sectors' shares, the totals."""
    per_workshop, per_sector, summary = [], [], []
    for cycle in (first, second):
        view = View(dataset, Filters(cycle=cycle, gminas=filters.gminas, sectors=filters.sectors))
        workshops = participants_by_workshop(view)
        held = workshops[workshops["held"]]
        per_workshop.append(held[["workshop", "gmina", "participants"]].assign(cycle=cycle))
        per_sector.append(sector_share_cycle(view).assign(cycle=cycle))
        reached = status_reached_by_area(view)
        summary.append((cycle, len(held), int(held["participants"].fillna(0).sum()), unique_participants(view),
                        institutions(view), len(view.proposals),
                        int(reached.loc[reached["stage"] == "selected", "proposals"].sum())))
    columns = ["cycle", "workshop", "gmina", "participants"]
    workshops = pd.concat(per_workshop, ignore_index=True)[columns] if per_workshop else pd.DataFrame(columns=columns)
    workshops["participants"] = workshops["participants"].astype(int)
    sectors = pd.concat(per_sector, ignore_index=True)[["cycle", "sector", "participants", "share"]]
    totals = pd.DataFrame(summary, columns=["cycle", "workshops_held", "participants", "unique_participants",
                                            "institutions", "proposals", "selected"])
    return CycleComparison((first, second), workshops.reset_index(drop=True), sectors, totals)
