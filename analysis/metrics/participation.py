"""Who comes: participants per workshop and in the cycle, institutions, sectors and their
balance, gminas of origin and participants per 10 000 residents, the schedule's progress.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.attributes import ATTRIBUTE_LABELS, ATTRIBUTES, NOT_GIVEN
from analysis.display import share as share_text
from analysis.metrics import _counting as counting
from analysis.metrics.memo import memoised, prepared_with
from analysis.metrics.view import View
from analysis.vocabulary import GMINA_CODES, SECTOR_CODES, SECTOR_GROUPS

NAMED_SECTORS = tuple(code for code in SECTOR_CODES if code != "other")
THREE_SECTORS = ("public", "business", "civil")
UNDER_REPRESENTED_RATIO = 0.5
PER_RESIDENTS = 10_000


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


@prepared_with(("sector",), ("gmina",))
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
        positions = counting.positions(frame["workshop"], held)
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


@dataclass(frozen=True)
class SectorGaps:
    """``sector_gaps`` told apart, in the order of the sectors: those nobody came from at the last held
    workshop (``absent``, codes) and those whose share fell below ``UNDER_REPRESENTED_RATIO`` of their
    share before it (``under``: sector, share at the last workshop, share before)."""

    absent: tuple[str, ...]
    under: tuple[tuple[str, float, float], ...]


def sector_gaps_at_last(view: View) -> SectorGaps:
    """The sectors missing or under-represented at the last held selected workshop (``sector_gaps``)."""
    gaps = sector_gaps(view)
    under = gaps[gaps["status"] == "under"]
    return SectorGaps(tuple(str(c) for c in gaps.loc[gaps["status"] == "absent", "sector"]),
                      tuple((str(c), float(last), float(before)) for c, last, before
                            in zip(under["sector"], under["share_last"], under["share_before"], strict=True)))


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
    counts = counting.persons_by(view.attendance, "gmina")
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


# --- optional personal attributes: gender and age group, as shares only -----------------------------------

NOT_GIVEN_CODE = "not_given"
SMALL, HIDDEN = "small", "hidden"  # why a cell of ``attribute_shares`` is not shown


@memoised
def attribute_shares(view: View, min_size: int = 3) -> pd.DataFrame:
    """Shares of gender and of age group per selected held workshop and in the cycle, small groups suppressed.

    One row per (scope, attribute, value): ``scope`` is "workshop" (with its ``workshop``) or "cycle" (workshop
    NA), ``attribute`` gender | age_group, ``value`` a code of ``analysis.attributes`` or "not_given",
    ``people``, ``share`` (of the scope's people) and ``suppressed`` ("" shown, "small", "hidden"). People are
    counted as the other participation numbers: each person once per workshop, and the cycle's different persons
    (a person's value in the cycle is the one they gave last; not given at one workshop and given at another
    counts as given). A workshop or cycle where nobody gave the attribute has no rows for it.

    Suppression (``min_size``, 3 by default): a count from 1 to ``min_size - 1`` is not shown ("small", printed
    "<3"). Because the scope's total is published (participants), the hidden cells must not be workable out
    from it: while any hidden cell could take only one value given the total, the shown cells and what the
    marks say (a "small" cell is 1…min_size-1, a "hidden" one at least ``min_size``), the smallest shown
    non-zero cell is hidden too ("hidden"); when none is left, the whole row of values is hidden, zeros
    included, and every cell of it is "hidden" (it may then be any count). Shares and counts of hidden cells
    are NA: never a figure for a group under the threshold. Never a row per person.
    """
    frame = view.attendance
    held = list(view.held_selected)
    rows: list[tuple[object, ...]] = []
    for attribute, labels in ATTRIBUTES.items():
        if attribute not in frame or frame.empty:
            continue
        order = [*labels, NOT_GIVEN_CODE]
        values = frame[attribute].astype(object).where(frame[attribute].notna(), None)
        people = pd.DataFrame({"workshop": frame["workshop"].to_numpy(), "person": frame["person_id"].to_numpy(),
                               "value": values.to_numpy()})
        people = people[people["workshop"].isin(held)].sort_values("workshop", kind="stable")
        # a person's value: the last one given (at a workshop: once per person; in the cycle: over its workshops)
        scopes: list[tuple[str, object, pd.DataFrame]] = [
            ("workshop", w, part) for w, part in people.groupby("workshop", sort=True)]
        scopes.append(("cycle", pd.NA, people))
        for scope, workshop, part in scopes:
            given = part.dropna(subset=["value"]).drop_duplicates("person", keep="last").set_index("person")["value"]
            if given.empty:
                continue
            persons = part["person"].unique()
            counts = given.value_counts()
            cells = [int(counts.get(code, 0)) for code in labels] + [len(persons) - len(given)]
            marks = _suppressed(cells, min_size)
            total = len(persons)
            for code, count, mark in zip(order, cells, marks, strict=True):
                rows.append((scope, workshop, attribute, code, pd.NA if mark else count,
                             pd.NA if mark else count / total, mark))
    result = pd.DataFrame(rows, columns=["scope", "workshop", "attribute", "value", "people", "share", "suppressed"])
    result["workshop"] = result["workshop"].astype("Int64")
    result["people"] = result["people"].astype("Int64")
    result["share"] = result["share"].astype("Float64")
    return result


def _suppressed(cells: list[int], min_size: int) -> list[str]:
    """Each cell's mark ("" shown, SMALL, HIDDEN) by ``attribute_shares``' rule."""
    marks = [SMALL if 0 < c < min_size else "" for c in cells]
    while any(marks) and _revealed(cells, marks, min_size):
        shown = [i for i, m in enumerate(marks) if not m and cells[i] > 0]
        if not shown:
            return [HIDDEN] * len(cells)
        marks[min(shown, key=lambda i: cells[i])] = HIDDEN
    return marks


def _revealed(cells: list[int], marks: list[str], min_size: int) -> bool:
    """Whether any hidden cell takes one value only, knowing the hidden cells' sum (total − shown) and that a
    SMALL cell is 1…min_size-1 and a HIDDEN one at least ``min_size``."""
    hidden = [i for i, m in enumerate(marks) if m]
    total = sum(cells[i] for i in hidden)
    bounds = {i: (1, min_size - 1) if marks[i] == SMALL else (min_size, total) for i in hidden}
    if len(hidden) == 1:
        return True
    for i in hidden:
        low = max(bounds[i][0], total - sum(bounds[j][1] for j in hidden if j != i))
        high = min(bounds[i][1], total - sum(bounds[j][0] for j in hidden if j != i))
        if low == high:
            return True
    return False


def attribute_table(shares: pd.DataFrame, attribute: str, workshop_labels: dict[int, str]) -> pd.DataFrame:
    """One attribute of ``attribute_shares`` as the table a page or report shows: a row per value (Polish label),
    a column per workshop (its label) and "Cały cykl"; a cell "57% (4)", "<3" (small group), "ukryto" (hidden so
    that a small group cannot be worked out from the total) or "0". Empty when nobody gave the attribute."""

    part = shares[shares["attribute"] == attribute]
    if part.empty:
        return pd.DataFrame()
    labels = {**ATTRIBUTES[attribute], NOT_GIVEN_CODE: NOT_GIVEN}
    table = pd.DataFrame({ATTRIBUTE_LABELS[attribute]: list(labels.values())})
    columns: dict[tuple[str, object], dict[str, dict]] = {}
    for cell in part.to_dict("records"):
        columns.setdefault((cell["scope"], cell["workshop"]), {})[cell["value"]] = cell
    for (scope, workshop), cells in columns.items():
        heading = "Cały cykl" if scope == "cycle" else workshop_labels.get(int(str(workshop)), f"Warsztat {workshop}")
        table[heading] = [_cell(cells[code]) for code in labels]
    return table


def _cell(row: dict) -> str:
    if row["suppressed"] == SMALL:
        return "<3"
    if row["suppressed"] == HIDDEN:
        return "ukryto"
    return "0" if int(row["people"]) == 0 else f"{share_text(float(row['share']))} ({int(row['people'])})"
