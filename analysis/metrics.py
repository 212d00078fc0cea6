"""Canonical tables -> tidy frames of the numbers the views show, each defined in ``glossary``.

Every number is computed here and only here; pages, reports and the CLI show what these
functions return. A ``View`` is the dataset seen through the sidebar's filters.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import TypeVar

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
    def cycle_attendance(self) -> pd.DataFrame:
        frame = self.dataset.attendance
        if "person_id" not in frame.columns:  # a dataset built by hand: number the persons here
            frame = frame.assign(person_id=pd.factorize(frame["person"])[0])
        return frame[frame["cycle"] == self.cycle]

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
        held = {int(w) for w in self.cycle_attendance["workshop"].dropna().unique()}  # each number once, not each row
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
    def first_workshop_of_person(self) -> pd.Series:
        """The first workshop of the cycle each person (``person_id``) attended; filters do not change it."""
        return self.cycle_attendance.groupby("person_id")["workshop"].min()

    # --- through the filters ------------------------------------------------------------------

    @cached_property
    def attendance(self) -> pd.DataFrame:
        frame = self.cycle_attendance
        frame = frame[frame["workshop"].isin(self.selected_workshops)]
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


# --- overview ---------------------------------------------------------------------------------


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


def unique_participants(view: View) -> int:
    return int(view.attendance["person_id"].nunique())


def institutions(view: View) -> int:
    names = view.attendance["institution"].dropna()
    return len({fold(n) for n in names.unique()} - {""})


def sectors_represented(view: View) -> int:
    return len(set(view.attendance["sector"].unique()) & set(NAMED_SECTORS))


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


def missing_lists(view: View) -> list[int]:
    """Workshops whose time has passed without an attendance list in the store."""
    return [int(w) for w in view.schedule.loc[view.schedule["status"] == "missing", "workshop"]]


# --- sector participation -------------------------------------------------------------------


def sector_by_workshop(view: View) -> pd.DataFrame:
    """workshop, sector, participants, share (of the workshop's participants)."""
    frame = view.attendance.groupby(["workshop", "sector"]).size().rename("participants").reset_index()
    if frame.empty:
        return frame.assign(share=pd.Series(dtype=float))
    frame["share"] = frame["participants"] / frame.groupby("workshop")["participants"].transform("sum")
    frame["order"] = frame["sector"].map({c: i for i, c in enumerate(SECTOR_CODES)})
    return frame.sort_values(["workshop", "order"]).drop(columns="order").reset_index(drop=True)


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


def balance_by_workshop(view: View) -> pd.DataFrame:
    """workshop, group (public/business/civil), participants, share, index (per workshop)."""
    by_sector = view.attendance.groupby(["workshop", "sector"]).size().rename("n").reset_index()
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


def origin_by_workshop(view: View) -> pd.DataFrame:
    """workshop, host, origin (gmina), participants, share, local (origin is the host)."""
    frame = view.attendance.groupby(["workshop", "gmina"]).size().rename("participants").reset_index()
    frame = frame.rename(columns={"gmina": "origin"})
    hosts = dict(zip(view.schedule["workshop"], view.schedule["gmina"], strict=True))
    frame["host"] = frame["workshop"].map(hosts)
    frame["share"] = frame["participants"] / frame.groupby("workshop")["participants"].transform("sum")
    frame["local"] = frame["origin"] == frame["host"]
    frame["order"] = frame["origin"].map({c: i for i, c in enumerate(GMINA_CODES)})
    return frame.sort_values(["workshop", "order"]).drop(columns="order").reset_index(drop=True)


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


def participants_by(view: View, by: str, min_size: int) -> GroupCounts:
    """The glossary's "participants_by": counts per group, never a row per person, small ones suppressed."""
    if by not in GROUPINGS:
        raise ValueError(f"unknown grouping: {by}")
    frame = view.attendance
    workshops = tuple(view.held_selected)
    if by == "institution":
        written = frame["institution"].astype("object").fillna("").map(lambda n: str(n).strip())
        folded = {name: fold(name) for name in written.unique()}
        keys = written.map(folded)
    else:
        keys = frame[by].astype("object").fillna("unknown" if by == "gmina" else "other").astype(str)
    data = pd.DataFrame({"key": keys.to_numpy(dtype=object), "workshop": frame["workshop"].to_numpy(),
                         "person_id": frame["person_id"].to_numpy()})
    per_workshop = (data.groupby(["key", "workshop"]).size().unstack(fill_value=0)
                    .reindex(columns=list(workshops), fill_value=0))
    table = per_workshop.assign(cycle=data.groupby("key")["person_id"].nunique())
    if by == "institution":
        table.insert(0, "sector", _most_frequent(data["key"], frame["sector"].astype(str).to_numpy()))
        table.insert(0, "group", _most_frequent(data["key"], written.to_numpy(dtype=object)))
        table = table.sort_index(key=lambda index: pd.Index([(k == "", k) for k in index], tupleize_cols=False))
    else:
        order = {code: i for i, code in enumerate(SECTOR_CODES if by == "sector" else GMINA_CODES)}
        table.insert(0, "group", table.index)
        table = table.sort_index(key=lambda index: pd.Index([order.get(k, len(order)) for k in index]))
    for column in [*workshops, "cycle"]:
        counts = table[column].astype("Int64")
        table[column] = counts.mask((counts > 0) & (counts < min_size))
    table.columns.name = None
    return GroupCounts(by, min_size, workshops, table.reset_index(drop=True))


def _most_frequent(keys: pd.Series, values: object) -> pd.Series:
    """For each key, its most frequent value (ties: the first in sorted order)."""
    pairs = pd.DataFrame({"key": keys.to_numpy(), "value": values}).value_counts().rename("n").reset_index()
    pairs = pairs.sort_values(["n", "value"], ascending=[False, True], kind="stable")
    return pairs.drop_duplicates("key").set_index("key")["value"]


# --- proposals ------------------------------------------------------------------------------


def proposals_by_area(view: View) -> pd.DataFrame:
    """area (1–4), proposals — every area listed, zero included."""
    counts = view.proposals["area"].dropna().astype(int).value_counts()
    return pd.DataFrame({"area": list(AREAS), "proposals": [int(counts.get(a, 0)) for a in AREAS]})


def proposals_to_vote(view: View) -> pd.DataFrame:
    """The view's proposals awaiting a vote (status "pod głosowanie"), in the order of workshops and numbers."""
    frame = view.proposals
    return frame[frame["status"] == "to_vote"].sort_values(["workshop", "number"])


def to_vote_by_area(view: View) -> pd.DataFrame:
    """area (1–4), proposals awaiting a vote — every area listed, zero included."""
    counts = proposals_to_vote(view)["area"].dropna().astype(int).value_counts()
    return pd.DataFrame({"area": list(AREAS), "proposals": [int(counts.get(a, 0)) for a in AREAS]})


def area_by_workshop(view: View) -> pd.DataFrame:
    """workshop, area, proposals."""
    frame = view.proposals.dropna(subset=["area"])
    return (frame.groupby(["workshop", "area"]).size().rename("proposals").reset_index()
            .astype({"workshop": int, "area": int}))


def proposals_by_group(view: View) -> pd.DataFrame:
    """workshop, group, proposals (thematic groups as written; empty group as "bez grupy")."""
    frame = view.proposals.assign(group=view.proposals["group"].fillna("").replace("", "bez grupy"))
    return (frame.groupby(["workshop", "group"]).size().rename("proposals").reset_index()
            .astype({"workshop": int}))


def lead_sector_by_area(view: View) -> pd.DataFrame:
    """area, lead_sector, proposals."""
    frame = view.proposals.dropna(subset=["area", "lead_sector"])
    return (frame.groupby(["area", "lead_sector"]).size().rename("proposals").reset_index()
            .astype({"area": int}))


def ranking_by_votes(view: View, limit: int | None = 15) -> pd.DataFrame:
    """Proposals with votes, most votes first (ties by workshop and number)."""
    frame = view.proposals.dropna(subset=["votes"])
    frame = frame.sort_values(["votes", "workshop", "number"], ascending=[False, True, True])
    columns = ["workshop", "number", "title", "area", "lead", "votes", "status"]
    return (frame.head(limit) if limit else frame)[columns].reset_index(drop=True)


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


def _presence(view: View) -> tuple[np.ndarray, list[int]]:
    """A persons × held-workshops matrix of attendance (True: the person was there)."""
    frame = view.attendance[["workshop", "person_id"]]
    held = np.asarray(view.held_selected, dtype=np.int64)
    ids, persons = pd.factorize(frame["person_id"])
    matrix = np.zeros((len(persons), len(held)), dtype=bool)
    if len(held) and len(frame):
        workshops = frame["workshop"].to_numpy(dtype=np.int64, na_value=-1)
        positions = np.searchsorted(held, workshops).clip(max=len(held) - 1)
        known = held[positions] == workshops
        matrix[ids[known], positions[known]] = True
    return matrix, [int(w) for w in held]


def new_and_returning(view: View) -> pd.DataFrame:
    """workshop, new, returning — returning: attended an earlier workshop of the cycle."""
    frame = view.attendance[["workshop", "person_id"]].drop_duplicates()
    first = view.first_workshop_of_person.reindex(frame["person_id"].to_numpy()).to_numpy()
    returning = pd.Series(first < frame["workshop"].to_numpy(), index=frame.index)
    counts = returning.groupby(frame["workshop"].to_numpy()).agg(["size", "sum"])
    rows = []
    for workshop in view.held_selected:
        total, back = (int(counts["size"].loc[workshop]), int(counts["sum"].loc[workshop])) \
            if workshop in counts.index else (0, 0)
        rows.append((workshop, total - back, back))
    return pd.DataFrame(rows, columns=["workshop", "new", "returning"])


def cumulative_unique(view: View) -> pd.DataFrame:
    """workshop, participants (unique persons up to and including this workshop)."""
    matrix, workshops = _presence(view)
    seen = np.logical_or.accumulate(matrix, axis=1) if matrix.size else matrix
    rows = [(w, int(seen[:, i].sum()) if seen.size else 0) for i, w in enumerate(workshops)]
    return pd.DataFrame(rows, columns=["workshop", "participants"])


def flow(view: View) -> pd.DataFrame:
    """source, target, stayed, left, joined for each pair of consecutive held workshops."""
    matrix, workshops = _presence(view)
    rows = []
    for i in range(len(workshops) - 1):
        a, b = matrix[:, i], matrix[:, i + 1]
        stayed = int((a & b).sum())
        rows.append((workshops[i], workshops[i + 1], stayed, int(a.sum()) - stayed, int(b.sum()) - stayed))
    return pd.DataFrame(rows, columns=["source", "target", "stayed", "left", "joined"])


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


def remaining(view: View) -> Remaining:
    """The workshops still ahead (``View.to_come``) and the proposals awaiting a vote in the cycle."""
    planned = tuple(int(w) for w in view.to_come["workshop"])
    proposals = view.dataset.proposals
    waiting = proposals[(proposals["cycle"] == view.cycle) & (proposals["status"] == "to_vote")]
    return Remaining(len(planned), planned, len(waiting))


# =============================================================================================
# Steering the partnership (issue 12, part A): whom to invite next, who comes back, how sectors
# work together. Glossary keys: invite_sectors, invite_gminas, invite_institutions, targets,
# cohort, cohort_institutions, return_rate_by_sector, proposals_multi_sector_2/_3, sector_pairs,
# ei_index, blau_index. Nothing here is quadratic in people: persons and institutions are
# counted with groupby/merge on their keys, proposals' ties with a merge per proposal.
# =============================================================================================

INVITE_RATIO = 0.8  # a share below 80% of its reference is under-represented (whom to invite)
TARGET_KINDS = ("sector", "gmina")
INVITE_GMINAS = tuple(code for code in GMINA_CODES if code != "unknown")
_PARTNER_SEPARATORS = r"[,;\n\r]+"


def _institution_keys(names: pd.Series) -> pd.Series:
    """Folded institution names ("" for an empty cell), folding each distinct name once."""
    written = names.astype("object").fillna("").astype(str)
    folded = {name: fold(name) for name in written.unique()}
    return written.map(folded)


def _institution_codes(view: View, frame: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """For the rows of ``frame`` (a part of the dataset's attendance): each row's institution as a number
    (-1: an empty cell) and the folded names those numbers stand for. Folded once per dataset."""
    memo = view.dataset.memo
    if ("institution_codes",) not in memo:
        attendance = view.dataset.attendance
        codes, uniques = pd.factorize(_institution_keys(attendance["institution"]))
        names = np.asarray(uniques, dtype=object)
        empty = np.flatnonzero(names == "")
        if len(empty):
            codes = np.where(codes == empty[0], -1, codes)
        memo[("institution_codes",)] = (pd.Series(codes, index=attendance.index), names)
    codes, names = memo[("institution_codes",)]
    if isinstance(codes.index, pd.RangeIndex) and codes.index.start == 0 and codes.index.step == 1:
        return codes.to_numpy()[frame.index.to_numpy()], names
    return codes.reindex(frame.index).to_numpy(), names


def _mode(keys: np.ndarray, values: pd.Series) -> pd.Series:
    """For each key (integers), its most frequent value (ties: the first in sorted order), by the values' codes."""
    categories = values.astype("category")
    categories = categories.cat.reorder_categories(sorted(categories.cat.categories, key=str))
    frame = pd.DataFrame({"k": keys, "c": categories.cat.codes.to_numpy()})
    counts = frame.groupby(["k", "c"], sort=False).size().rename("n").reset_index()
    counts = counts.sort_values(["k", "n", "c"], ascending=[True, False, True], kind="stable").drop_duplicates("k")
    return pd.Series(np.asarray(categories.cat.categories, dtype=object)[counts["c"].to_numpy()],
                     index=counts["k"].to_numpy())


def known_institution_sectors(dataset: Dataset) -> dict[str, str]:
    """Folded institution name -> its most frequent sector on the dataset's attendance lists."""
    key = ("known_institution_sectors",)
    if key not in dataset.memo:
        frame = dataset.attendance
        keys = _institution_keys(frame["institution"])
        mask = (keys != "").to_numpy()
        dataset.memo[key] = (_most_frequent(keys[mask], frame["sector"].astype(str).to_numpy()[mask]).to_dict()
                             if mask.any() else {})
    return dataset.memo[key]


def split_partners(cell: object) -> list[str]:
    """The institutions of one "partners" cell: separated by commas, semicolons or new lines."""
    if cell is None or (isinstance(cell, float) and math.isnan(cell)) or cell is pd.NA:
        return []
    return [part.strip() for part in re.split(_PARTNER_SEPARATORS, str(cell)) if part.strip()]


def proposal_members(view: View) -> pd.DataFrame:
    """proposal (position in ``view.proposals``), workshop, area, role (lead | partner), name, sector.

    The lead's sector is the proposal's ``lead_sector``; a partner's is the sector its institution
    has on the attendance lists, else the one its name tells, else ``other``. An institution named
    twice on one proposal (or as lead and partner) is one member.
    """
    memo = ("proposal_members", view.cycle, view.selected_workshops, view.filters.sectors)
    if memo in view.dataset.memo:
        return view.dataset.memo[memo]
    frame = view.proposals.reset_index(drop=True)
    known = known_institution_sectors(view.dataset)
    ids = np.arange(len(frame))
    leads = pd.DataFrame({"proposal": ids, "role": "lead",
                          "name": frame["lead"].astype("object").fillna("").astype(str).str.strip(),
                          "sector": frame["lead_sector"].astype("object")})
    leads = leads[(leads["name"] != "") | leads["sector"].notna()]
    partners = pd.DataFrame({"proposal": ids, "role": "partner",
                             "name": [split_partners(c) for c in frame["partners"].astype("object")]})
    partners = partners.explode("name").dropna(subset=["name"])
    partners = partners.assign(name=partners["name"].astype(str), sector=None)
    members = pd.concat([leads, partners], ignore_index=True)
    members["key"] = _institution_keys(members["name"]).to_numpy()
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
    result = members[["proposal", "workshop", "area", "role", "name", "sector"]]
    view.dataset.memo[memo] = result
    return result


def proposals_with_partners(view: View) -> int:
    """How many of the view's proposals name at least one partner (none: cooperation cannot be seen)."""
    return sum(1 for cell in view.proposals["partners"].astype("object") if split_partners(cell))


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


def multi_sector(view: View) -> MultiSector:
    """The glossary's proposals_multi_sector_2 and _3 over all of the view's proposals."""
    spans = sectors_per_proposal(view)["sectors"]
    return MultiSector(len(spans), int((spans >= 2).sum()), int((spans >= 3).sum()))


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


def sector_ties(view: View) -> pd.DataFrame:
    """workshop, sector_a, sector_b: one row per pair of members of one proposal (lead and partners)."""
    members = proposal_members(view).reset_index(names="member")[["member", "proposal", "workshop", "sector"]]
    pairs = members.merge(members[["member", "proposal", "sector"]], on="proposal", suffixes=("_a", "_b"))
    pairs = pairs[pairs["member_a"] < pairs["member_b"]]
    return pairs[["workshop", "sector_a", "sector_b"]].reset_index(drop=True)


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


def ei_index(view: View) -> float | None:
    """Krackhardt & Stern's E-I index of all the view's ties between sectors; None without ties."""
    return _ei(sector_ties(view))[2]


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


def blau_by_workshop(view: View) -> pd.DataFrame:
    """workshop, participants (of named sectors), index — Blau's index of each held workshop's sector mix."""
    frame = view.attendance
    counts = frame[frame["sector"].isin(NAMED_SECTORS)].groupby(["workshop", "sector"], observed=True).size()
    rows = []
    for workshop in view.held_selected:
        mix = counts[counts.index.get_level_values(0) == workshop] if len(counts) else counts
        rows.append((workshop, int(mix.sum()), blau(mix)))
    return pd.DataFrame(rows, columns=["workshop", "participants", "index"])


# --- who comes back ---------------------------------------------------------------------------


def _cohort_of(matrix: np.ndarray, workshops: list[int], column: str) -> pd.DataFrame:
    together = matrix.astype(np.int64).T @ matrix.astype(np.int64)  # workshops × workshops, linear in rows
    rows = []
    for i, first in enumerate(workshops):
        base = int(together[i, i])
        for j in range(i + 1, len(workshops)):
            came = int(together[i, j])
            rows.append((first, base, workshops[j], came, came / base if base else None))
    return pd.DataFrame(rows, columns=["workshop", "attended", "later", column, "share"])


def cohort(view: View) -> pd.DataFrame:
    """workshop, attended (persons there), later (a later held workshop), people (of them, there too), share."""
    matrix, workshops = _presence(view)
    return _cohort_of(matrix, workshops, "people")


def cohort_institutions(view: View) -> pd.DataFrame:
    """The same as ``cohort`` for institutions (folded names; empty cells not counted)."""
    frame = view.attendance
    codes, _ = _institution_codes(view, frame)
    held = np.asarray(view.held_selected, dtype=np.int64)
    workshops = frame["workshop"].to_numpy(dtype=np.int64, na_value=-1)
    known = codes >= 0
    codes, workshops = codes[known], workshops[known]
    ids, institutions = pd.factorize(codes)
    matrix = np.zeros((len(institutions), len(held)), dtype=bool)
    if len(held) and len(ids):
        positions = np.searchsorted(held, workshops).clip(max=len(held) - 1)
        there = held[positions] == workshops
        matrix[ids[there], positions[there]] = True
    return _cohort_of(matrix, [int(w) for w in held], "institutions")


def return_rate_by_sector(view: View) -> pd.DataFrame:
    """sector, people, returned, rate — of the persons who came to a held workshop before the last one
    (the sector they gave most often), how many came to a later one."""
    frame = view.attendance[["person_id", "workshop", "sector"]]
    held = view.held_selected
    if len(held) < 2 or frame.empty:
        return pd.DataFrame(columns=["sector", "people", "returned", "rate"])
    visits = frame.groupby("person_id")["workshop"].agg(["min", "max"])
    sector = _mode(frame["person_id"].to_numpy(), frame["sector"])
    people = pd.DataFrame({"first": visits["min"], "last": visits["max"]}).join(sector.rename("sector"))
    people = people[people["first"] < held[-1]]
    people["returned"] = people["last"] > people["first"]
    table = people.groupby("sector").agg(people=("returned", "size"), returned=("returned", "sum"))
    table = table.reindex([c for c in SECTOR_CODES if c in table.index]).astype(int)
    table["rate"] = table["returned"] / table["people"]
    return table.rename_axis("sector").reset_index()


# --- whom to invite next ----------------------------------------------------------------------


def targets(view: View, kind: str) -> dict[str, float]:
    """The office's target mix of ``kind`` (sector | gmina) for the view's cycle: code -> share (0–1)."""
    frame = view.dataset.targets
    rows = frame[(frame["cycle"] == view.cycle) & (frame["kind"] == kind)]
    return {str(c): float(s) for c, s in zip(rows["code"], rows["share"], strict=True)}


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


def invite_institutions(view: View) -> pd.DataFrame:
    """institution, sector, gmina, workshops (tuple of numbers) — institutions at a held workshop before
    the last one but not at the last; most workshops first, then by name. Institutions, never people."""
    columns = ["institution", "sector", "gmina", "workshops"]
    held = view.held_selected
    if len(held) < 2:
        return pd.DataFrame(columns=columns)
    frame = _held_attendance(view)
    codes, _ = _institution_codes(view, frame)
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


# === Issue 12, part B: from idea to project, participants per resident, cycle over cycle ==============
# (glossary keys: status_reached, status_over_time, status_history, votes_spread, participants_per_10k,
# cycle_comparison)

REACH_STAGES = ("selected", "in_progress", "done")  # the way from idea to project, in order
PER_RESIDENTS = 10_000
_MEMO_LIMIT = 64  # results kept per dataset (each a small frame), the oldest dropped first
_T = TypeVar("_T")


def _memoised(compute: Callable[[View], _T]) -> Callable[[View], _T]:
    """A metric kept in the dataset's memo for the view's cycle and filters: a rerun with the same choices
    (a widget elsewhere on the page changed) reads it instead of computing it again. The dataset never
    changes (a new one comes with every saved batch), so what is kept stays true; callers never modify it."""
    from functools import wraps

    @wraps(compute)
    def memoised(view: View) -> _T:
        key = ("part_b", compute.__name__, view.cycle, view.selected_workshops, view.filters.gminas,
               view.filters.sectors)
        memo = view.dataset.memo
        if key not in memo:
            kept = [k for k in memo if isinstance(k, tuple) and k[:1] == ("part_b",)]
            if len(kept) >= _MEMO_LIMIT:
                memo.pop(kept[0], None)
            memo[key] = compute(view)
        return memo[key]

    return memoised


@_memoised
def _status_events_of(view: View) -> pd.DataFrame:
    """The status events (``Dataset.status_events``) of the view's proposals, in order."""
    events = view.dataset.status_events
    if events is None or events.empty or view.proposals.empty:
        return pd.DataFrame(columns=["cycle", "workshop", "number", "date", "status"])
    keys = view.proposals.dropna(subset=["workshop", "number"])[["workshop", "number"]].astype(int).drop_duplicates()
    mine = events[events["cycle"].astype(str) == str(view.cycle)]
    return mine.merge(keys, on=["workshop", "number"], how="inner")


@_memoised
def status_history(view: View) -> pd.DataFrame:
    """The glossary's "status_history": workshop, number, title, area, date, status — every status each of
    the view's proposals has had, in order (date None: the day of its workshop is not known)."""
    events = _status_events_of(view)
    titles = view.proposals.dropna(subset=["workshop", "number"]).astype({"workshop": int, "number": int})
    titles = titles.drop_duplicates(["workshop", "number"], keep="last")[["workshop", "number", "title", "area"]]
    frame = events.merge(titles, on=["workshop", "number"], how="left")
    return frame[["workshop", "number", "title", "area", "date", "status"]].reset_index(drop=True)


@_memoised
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


@_memoised
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


@_memoised
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


@_memoised
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


@_memoised
def participants_per_10k(view: View) -> pd.DataFrame:
    """The glossary's "participants_per_10k": gmina, participants (different persons from it among the
    selected workshops), population, year, source, per_10k (participants / population × 10 000; NA
    where the residents are not known — always for "outside" and "unknown", shown apart).

    Every gmina of the county is listed (zero included), then "outside" and "unknown" when someone
    came from there.
    """
    counts = view.attendance.groupby("gmina", observed=True)["person_id"].nunique()
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
