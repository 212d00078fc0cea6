"""Who comes back: new and returning participants, unique ones so far, flows between consecutive
workshops, cohorts of persons and institutions, return rates by sector.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.metrics import _counting as counting
from analysis.metrics.memo import kept_fact, memoised
from analysis.metrics.view import View
from analysis.vocabulary import SECTOR_CODES


def _first_workshops(view: View) -> np.ndarray:
    """Per ``person_id``, the first workshop of the cycle the person attended (filters do not change it;
    a number above every workshop for persons not in the cycle)."""
    def compute() -> np.ndarray:
        frame = view.cycle_attendance
        first = np.full(counting.person_count(view.dataset), np.iinfo(np.int64).max, dtype=np.int64)
        workshops = frame["workshop"].to_numpy(dtype=np.int64, na_value=np.iinfo(np.int64).max)
        np.minimum.at(first, frame["person_id"].to_numpy(dtype=np.int64), workshops)
        return first

    return kept_fact(view.dataset, ("first_workshops", view.cycle), compute)


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
    codes, names = counting.institution_codes(frame)
    held = np.asarray(view.held_selected, dtype=np.int64)
    known = codes >= 0
    matrix = np.zeros((len(names), len(held)), dtype=bool)
    if len(held) and known.any():
        positions = counting.positions(frame["workshop"], held)
        there = known & (positions >= 0)
        matrix[codes[there], positions[there]] = True
    return _cohort_table(*counting.patterns(matrix), [int(w) for w in held], "institutions")


@memoised
def return_rate_by_sector(view: View) -> pd.DataFrame:
    """sector, people, returned, rate — of the persons who came to a held workshop before the last one
    (the sector they gave most often), how many came to a later one."""
    frame = view.attendance
    held = view.held_selected
    if len(held) < 2 or frame.empty:
        return pd.DataFrame(columns=["sector", "people", "returned", "rate"])
    matrix, _ = view.presence
    persons, sectors, names = counting.mode_codes(frame["person_id"].to_numpy(dtype=np.int64), frame["sector"])
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
