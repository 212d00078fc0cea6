"""What reading hands on: a file's result, its canonical tables and their problems.

These types cross layers (reading makes them, the store keeps them, the import summary and the
pages show them), so they live here, below all of them, and import nothing of the project but
the field declarations.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypedDict

if TYPE_CHECKING:  # pandas is imported only once files are read
    import pandas as pd

    from analysis.errors import UserError
    from analysis.fields import TableKind


class ProblemDict(TypedDict):
    """A problem as ``check --json`` prints it."""

    row: int | None
    rows: Sequence[Sequence[int]]  # every row it concerns, as ranges [first, last]; [] for the whole sheet
    column: str
    code: str
    message: str


@dataclass(slots=True)  # a large list has many: no dict each
class Problem:
    row: int | None  # the spreadsheet's own row number (the first of ``rows``); None for the whole sheet
    column: str  # the column's header as written in the sheet
    message: str  # what is wrong and what to do, in Polish, for people
    code: str  # what kind of problem (``analysis.errors.PROBLEM_CODES``), for programs and tests
    value: str = ""  # the cell as written, where a page offers to act on it (a locality to assign to a gmina)
    # the rows a notice told once for several covers (one institution's sectors guessed from its name), as
    # ranges (first, last); empty: the row ``row`` alone
    rows: tuple[tuple[int, int], ...] = ()

    def row_ranges(self) -> tuple[tuple[int, int], ...]:
        """Every row the problem concerns, as ranges (first, last); none for the whole sheet."""
        return self.rows or (((self.row, self.row),) if self.row is not None else ())

    def as_dict(self) -> ProblemDict:
        """The problem for ``check --json`` (its ranges written as arrays [first, last])."""
        return {"row": self.row, "rows": self.row_ranges(), "column": self.column, "code": self.code,
                "message": self.message}


@dataclass
class Table:
    """A canonical table read from one sheet: the frame plus what the reader recognised."""

    sheet: str
    kind: TableKind
    frame: pd.DataFrame  # canonical columns, plus "row": the spreadsheet row of each record
    headers: dict[str, str]  # field -> header text as written in the sheet
    workshop_source: str | None  # column | sheet | title | file | None when unknown
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    # the located sheet the table was read from, kept so the importer can read it again with
    # corrected columns (``analysis.reading.importer.read_again``); opaque to everyone else
    located: Any = field(default=None, repr=False, compare=False)

    @property
    def rows(self) -> int:
        return len(self.frame)


@dataclass
class FileResult:
    file: str
    format: str | None = None
    tables: list[Table] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    error: str | None = None  # why the file was refused, in Polish
    content_hash: str = ""  # SHA-256 of the file's bytes: how the store recognises the same file again
    error_code: str | None = None  # the refusal's code (``analysis.errors.CODES``)

    @property
    def ok(self) -> bool:
        return self.error is None

    def refuse(self, refusal: UserError) -> None:
        """The file is refused: nothing of it is read on."""
        self.error, self.error_code = refusal.message, refusal.code
