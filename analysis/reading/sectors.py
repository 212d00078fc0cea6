"""The sector of each row: as written, or guessed from the institution's name (and told as a problem).

Attendance lists read their participants' sectors here, tables of proposals their leads' sectors.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from analysis.tables import Problem
from analysis.vocabulary import SECTOR_CODES, SECTOR_LABELS, sector_from_text, sectors_from_institutions

_SECTOR_HINT = "Wpisz jeden z sektorów: " + ", ".join(label for code, label in SECTOR_LABELS.items() if code != "other") + "."


def read_sectors(
    sector_texts: pd.Series | None, institutions: pd.Series, numbers: Sequence[int], sector_header: str | None,
    institution_header: str | None, problems: list[Problem], subject: str = "instytucji",
    required: bool = True,
) -> pd.api.extensions.ExtensionArray:
    """The sector of each row (a text column of codes; NA only where not ``required``), and its problems."""
    n = len(numbers)
    # each row's sector as its place in SECTOR_CODES (-1: none yet), read once per distinct text
    if sector_texts is not None:
        codes, uniques = pd.factorize(sector_texts, use_na_sentinel=False)
        places = _places([sector_from_text(u) for u in uniques.tolist()])[codes]
    else:
        places = np.full(n, -1, dtype=np.intp)
    unstated = np.flatnonzero(places < 0)
    if not len(unstated):
        return _SECTOR_COLUMN.take(places)
    column = sector_header or institution_header or "Sektor"
    written = sector_texts.take(unstated).to_numpy(dtype=object) if sector_texts is not None else np.full(
        len(unstated), "", dtype=object)
    named = institutions.take(unstated).reset_index(drop=True)
    codes, uniques = pd.factorize(named, use_na_sentinel=False)
    distinct: list[str] = uniques.tolist()
    guess_of_name = _places(sectors_from_institutions(distinct))
    guesses = guess_of_name[codes]
    # inferred from the name, no sector written: told as a guess to check (the row is complete)
    quiet = (guesses >= 0) & (written == "")
    places[unstated[quiet]] = guesses[quiet]
    if quiet.any():
        where = "kolumny sektora nie ma" if sector_texts is None else "komórka sektora jest pusta"
        told_rows = np.array([numbers[i] for i in unstated[quiet].tolist()], dtype=np.int64)
        problems.extend(_told_guesses(told_rows, codes[quiet], distinct,
                                      guess_of_name, column, subject, where))
    told = np.flatnonzero(~quiet)
    # text columns hold str (no NA)
    texts: list[str] = written[told].tolist()
    names: list[str] = named.take(told).tolist()
    told_guesses: list[int] = guesses[told].tolist()
    for i, guess, text, institution in zip(unstated[told].tolist(), told_guesses, texts, names, strict=True):
        if guess >= 0:
            places[i] = guess
            problems.append(Problem(numbers[i], column,
                                    f"Nie rozpoznano sektora „{text}”; z nazwy {subject} „{institution}” "
                                    f"przyjęto „{SECTOR_LABELS[SECTOR_CODES[guess]]}”. Sprawdź i popraw, jeśli trzeba.",
                                    code="sector_inferred"))
            continue
        if not required and not text and not institution:
            continue  # stays -1: NA
        places[i] = _OTHER
        if text:
            why = f"Nie rozpoznano sektora „{text}”"
            why += f", a z nazwy {subject} „{institution}” nie da się go ustalić" if institution else ""
        elif institution:
            why = f"Brak sektora, a z nazwy {subject} „{institution}” nie da się go ustalić"
        else:
            why = f"Brak sektora i nazwy {subject}"
        problems.append(Problem(numbers[i], column, f"{why}; wiersz policzono jako „Inne”. {_SECTOR_HINT}",
                                code="sector_unknown"))
    return _SECTOR_COLUMN.take(places, allow_fill=True)


def _told_guesses(rows: np.ndarray, institutions: np.ndarray, names: list[str], guess_of_name: np.ndarray,
                  column: str, subject: str, where: str) -> list[Problem]:
    """One notice per institution whose sector was taken from its name: the name, the sector guessed
    (``guess_of_name``, by its place in ``names``) and the rows (``rows``: each guessed row's spreadsheet
    number, ``institutions``: its name's place) as ranges, "wiersze 3–40, 52"; in the order of each
    institution's first row.

    The notices are built as columns (Arrow's text functions), not one by one: a long list can have
    an institution on nearly every tenth row.
    """
    order = np.lexsort((rows, institutions))  # by institution, then by row
    rows, institutions = rows[order], institutions[order]
    # runs of consecutive rows of one institution (a range each), and where each institution's runs begin
    runs = np.flatnonzero(np.r_[True, (institutions[1:] != institutions[:-1]) | (rows[1:] != rows[:-1] + 1)])
    firsts, lasts = rows[runs], rows[np.r_[runs[1:], len(rows)] - 1]
    owners = institutions[runs]
    bounds = np.r_[np.flatnonzero(np.r_[True, owners[1:] != owners[:-1]]), len(runs)]  # each institution's runs
    starts = bounds[:-1]
    # "3–40" or "52" for each run, "; wiersze 3–40, 52" for each institution (nothing for one row alone)
    first_texts = pc.cast(pa.array(firsts), pa.string())
    spans = pc.if_else(pa.array(lasts > firsts), pc.binary_join_element_wise(
        first_texts, pc.cast(pa.array(lasts), pa.string()), "–"), first_texts)
    listed = pc.binary_join(pa.ListArray.from_arrays(pa.array(bounds, pa.int32()), spans), ", ")
    alone = (np.diff(bounds) == 1) & (firsts[starts] == lasts[starts])
    listed = pc.if_else(pa.array(alone), "", pc.binary_join_element_wise("; wiersze ", listed, ""))
    owner = owners[starts]
    messages = pc.binary_join_element_wise(
        f"Sektor uzupełniono z nazwy {subject} „", pa.array(names, pa.string()).take(pa.array(owner)), "”: „",
        _LABEL_COLUMN.take(pa.array(guess_of_name[owner])), f"” ({where}", listed, "). Sprawdź, czy się zgadza.", "")
    shown = np.argsort(firsts[starts], kind="stable")  # by each institution's first row
    ranges = list(zip(firsts.tolist(), lasts.tolist(), strict=True))
    bounds_of = bounds.tolist()
    return [Problem(ranges[bounds_of[i]][0], column, message, "sector_from_name",
                    rows=tuple(ranges[bounds_of[i]:bounds_of[i + 1]]))
            for i, message in zip(shown.tolist(), messages.take(pa.array(shown)).to_pylist(), strict=True)]


# a sector's code -> its place in SECTOR_CODES, and the codes as a text column to take them from
_SECTOR_PLACES = {code: place for place, code in enumerate(SECTOR_CODES)}
_OTHER = _SECTOR_PLACES["other"]
_SECTOR_COLUMN = pd.array(list(SECTOR_CODES), dtype="str")
_LABEL_COLUMN = pa.array([SECTOR_LABELS[code] for code in SECTOR_CODES], pa.string())  # by place


def _places(codes: list[str | None]) -> np.ndarray:
    """The place of each sector's code in SECTOR_CODES (-1 for None)."""
    return np.array([_SECTOR_PLACES[c] if c is not None else -1 for c in codes], dtype=np.intp)
