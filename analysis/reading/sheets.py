"""What every reader hands on: a file's sheets as grids of cells, and the characters no cell keeps.

Each reader (``spreadsheet`` for workbooks, ``delimited`` for CSV) makes a ``Workbook`` of
``Sheet``s; ``locate`` and ``normalise`` read them without knowing which reader made them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pyarrow as pa

# Invisible control characters (pasted from other systems): C0 but tab, newline and carriage return
# (a newline inside a cell is legitimate), DEL and C1 — the Excel report cannot write the C0 ones —
# and the invisible format characters: soft hyphen, the bidirectional marks, embeddings, overrides
# and isolates (an RTL override makes "Tytuł" read backwards on a ballot), zero-width spaces and
# joiners, the word joiner and invisible operators, the byte order mark inside a text.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\xad\u061c\u180e\u200b-\u200f\u202a-\u202e"
                                "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]")


def without_control_characters(text: str) -> str:
    return CONTROL_CHARACTERS.sub("", text)


@dataclass
class Sheet:
    """One sheet as a grid of cell values, and where that grid starts in the spreadsheet.

    A large CSV is held column by column instead (``columns``: one Arrow string array per column,
    all of the same length); its ``rows`` are then made only when asked for. Reading code takes
    ``row(i)``, ``top(n)`` and ``column(i, start)``, which need no rows.
    """

    name: str
    # the rows (read only: each reader keeps its own cell type); None while the sheet is held by columns
    grid: Sequence[Sequence[object]] | None
    first_row: int = 0  # 0-based index of rows[0] in the spreadsheet (row 1 is index 0)
    first_col: int = 0
    notes: list[str] = field(default_factory=list)
    hidden: bool = False  # a hidden sheet (often a stale copy or lookup lists): not imported
    columns: list[pa.ChunkedArray] | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        self.name = without_control_characters(self.name)  # a sheet's name reaches messages and reports

    @property
    def rows(self) -> Sequence[Sequence[object]]:
        if self.grid is None:
            self.grid = [list(row) for row in zip(*(c.to_pylist() for c in self.columns or []), strict=True)]
        return self.grid

    @property
    def height(self) -> int:
        return len(self.columns[0]) if self.grid is None and self.columns else len(self.rows)

    def top(self, count: int) -> Sequence[Sequence[object]]:
        """The first ``count`` rows."""
        if self.grid is None and self.columns:
            return [list(row) for row in zip(*(c.slice(0, count).to_pylist() for c in self.columns), strict=True)]
        return self.rows[:count]

    def row(self, index: int) -> Sequence[object]:
        return self.top(index + 1)[index] if self.grid is None else self.rows[index]

    def is_blank(self) -> bool:
        """Whether no cell holds anything but white space."""
        if self.grid is None and self.columns:
            import pyarrow.compute as pc

            return not any(pc.any(pc.not_equal(pc.utf8_trim_whitespace(c), "")).as_py() for c in self.columns)
        return not any(any(str(c).strip() for c in row) for row in self.rows)

    def spreadsheet_row(self, index: int) -> int:
        """The row number a person sees in Excel for ``rows[index]``."""
        return self.first_row + index + 1


@dataclass
class Workbook:
    format: str  # xlsx | xlsm | xlsb | xls | ods | csv
    sheets: list[Sheet]
