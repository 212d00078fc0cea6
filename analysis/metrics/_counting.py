"""Counting attendance rows by their codes: the shared steps of the themes' metrics.

Rows are counted through integer codes (a workshop's position, a person's number, an institution's
folded name), never a row per person in Python.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.dataset import Dataset
from analysis.metrics.memo import kept_fact


def positions(workshops: pd.Series, held: np.ndarray) -> np.ndarray:
    """Each row's workshop as its position among ``held`` (sorted numbers), -1 for another one or none."""
    numbers = workshops.to_numpy(dtype=np.int64, na_value=-1)
    if not len(held):
        return np.full(len(numbers), -1, dtype=np.int64)
    table = np.full(int(held.max()) + 2, -1, dtype=np.int64)  # the last cell: numbers out of range
    table[held] = np.arange(len(held))
    return table[np.where((numbers >= 0) & (numbers <= held.max()), numbers, len(table) - 1)]


def patterns(matrix: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The different rows of a bool matrix of up to 64 columns (all-False left out) and how many times each
    occurs."""
    width = matrix.shape[1]
    if not matrix.size:
        return np.zeros((0, width), dtype=bool), np.zeros(0, dtype=np.int64)
    powers = np.left_shift(np.uint64(1), np.arange(width, dtype=np.uint64))
    numbers = np.bitwise_or.reduce(np.where(matrix, powers, np.uint64(0)), axis=1)  # a row's workshops as bits
    found, counts = np.unique(numbers, return_counts=True)
    keep = found != 0
    bits = (found[keep, None] & powers) != 0
    return bits, counts[keep].astype(np.int64)


def distinct_persons(groups: np.ndarray, persons: np.ndarray, width: int) -> np.ndarray:
    """How many different persons each group (numbered 0 to ``width`` - 1) has among the rows (group, person)."""
    if not len(groups):
        return np.zeros(width, dtype=np.int64)
    span = int(persons.max()) + 1
    pairs = np.sort(groups * span + persons)  # each (group, person) counted where it differs from the one before
    return np.bincount(pairs[np.r_[True, pairs[1:] != pairs[:-1]]] // span, minlength=width)


def persons_by(frame: pd.DataFrame, column: str) -> pd.Series:
    """Different persons (``person_id``) of attendance rows per value of ``column`` (a category); values with
    none left out."""
    values = frame[column].astype("category")
    names, width = values.cat.categories, len(values.cat.categories)
    codes = values.cat.codes.to_numpy().astype(np.int64)
    known = codes >= 0
    if not width or not known.any():
        return pd.Series([], dtype=np.int64)
    counts = distinct_persons(codes[known], frame["person_id"].to_numpy(dtype=np.int64)[known], width)
    return pd.Series(counts[counts > 0], index=np.asarray(names, dtype=object)[counts > 0])


def institution_codes(frame: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """For the rows of ``frame`` (a part of the dataset's attendance): each row's institution as a number
    (-1: an empty cell) and the folded names those numbers stand for (``Dataset.institution_key``)."""
    keys = frame["institution_key"]
    return keys.cat.codes.to_numpy(dtype=np.int64), np.asarray(keys.cat.categories, dtype=object)


def mode(keys: np.ndarray, values: pd.Series) -> pd.Series:
    """For each key (integers from 0), its most frequent value (ties: the first in sorted order)."""
    present, best, names = mode_codes(keys, values)
    return pd.Series(names[best], index=present)


def mode_codes(keys: np.ndarray, values: pd.Series) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``mode`` as numbers: the keys present, each one's value as a position in the values' names, the names."""
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
    pairs, counts = np.unique(keys * width + ranks, return_counts=True)
    pair_keys, pair_ranks = pairs // width, pairs % width
    chosen = np.lexsort((pair_ranks, -counts, pair_keys))  # per key: the most frequent, then the first in order
    chosen = chosen[np.r_[True, pair_keys[chosen][1:] != pair_keys[chosen][:-1]]]
    present, best = pair_keys[chosen], pair_ranks[chosen]
    return present, order[best], names


def person_count(dataset: Dataset) -> int:
    """How many ``person_id`` numbers the dataset has (they run from 0)."""
    return kept_fact(dataset, ("person_count",), lambda: int(dataset.attendance["person_id"].max()) + 1
                         if len(dataset.attendance) else 0)
