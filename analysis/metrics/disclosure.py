"""What may be shown: participants per institution, sector or gmina, small groups suppressed.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.metrics import _counting as counting
from analysis.metrics.memo import memoised
from analysis.metrics.view import View
from analysis.vocabulary import GMINA_CODES, SECTOR_CODES

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
    positions = counting.positions(frame["workshop"], held)
    counted = positions >= 0
    per_workshop = np.bincount(codes[counted] * len(held) + positions[counted],
                               minlength=width * len(held)).reshape(width, len(held))
    cycle = counting.distinct_persons(codes, frame["person_id"].to_numpy(dtype=np.int64), width)
    present = np.flatnonzero(np.bincount(codes, minlength=width))
    table = pd.DataFrame(per_workshop[present], index=pd.Index(names[present], dtype=object), columns=list(workshops))
    table["cycle"] = cycle[present]
    if by == "institution":  # the name as most often written, and the institution's most frequent sector
        sectors, sector_names = _group_codes(frame, "sector")
        sector = pd.Series(pd.Categorical.from_codes(sectors, categories=pd.Index(sector_names, dtype=object)))
        table.insert(0, "sector", counting.mode(codes, sector).reindex(present).to_numpy())
        table.insert(0, "group", counting.mode(codes, _stripped(frame["institution"])).reindex(present).to_numpy())
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
        codes, names = counting.institution_codes(frame)
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
