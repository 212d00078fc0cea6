"""The rules every workbook the project writes follows: what a cell may hold, what a sheet may be
called, how a sheet prints. The report (``xlsx``) and the vote's protocol (``protocol``) both write
with them.

Text from uploaded files stays text: a cell that would start a formula is written as a string.
Every sheet prints on A4 landscape, one page wide, its header row repeated on every page.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, cast

from analysis.display import printable

if TYPE_CHECKING:  # openpyxl is imported when a workbook is written
    from openpyxl.cell.cell import Cell, MergedCell
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet
    from openpyxl.worksheet.worksheet import Worksheet

# what a cell holds
CellValue = str | float | bool | dt.date | dt.time | dt.timedelta | None

INJECTION_STARTS = ("=", "+", "-", "@", "\t", "\r")  # text starting so would be read as a formula
SHEET_NAME_LIMIT = 31  # Excel cuts a sheet's name here
SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")  # characters Excel refuses in a sheet's name

A4 = 9  # the paper's code in a sheet's page setup
MARGINS = {"left": 0.5, "right": 0.5, "top": 0.4, "bottom": 0.4, "header": 0.2, "footer": 0.2}  # inches


def safe_cell(cell: Cell | MergedCell, value: CellValue) -> None:
    """Write ``value``; text loses control characters, and text that would start a formula stays plain text."""
    if isinstance(value, str):
        value = printable(value)
    cell.value = value
    if isinstance(value, str) and value.startswith(INJECTION_STARTS):
        cell.data_type = "s"
        cell.quotePrefix = True


def sheet_name(name: str) -> str:
    """A name Excel accepts: no control characters, none of []:*?/\\, at most 31 characters."""
    return SHEET_FORBIDDEN.sub("", printable(name)).strip()[:SHEET_NAME_LIMIT] or "Slajd"


def sheet_name_error(name: str) -> str | None:
    """Why Excel cannot name a sheet ``name`` as it is (None: it can)."""
    if not 0 < len(name) <= SHEET_NAME_LIMIT or SHEET_FORBIDDEN.search(name) or name != printable(name):
        return f"Excel cannot name a sheet {name!r} (at most {SHEET_NAME_LIMIT} characters, none of []:*?/\\)"
    return None


def print_setup(ws: Worksheet | WriteOnlyWorksheet, title_row: int | None = None) -> None:
    """A4 landscape, one page wide, ``title_row`` (the table's header) repeated on every page.

    Before the sheet's first row: a write-only sheet writes its properties (fit to page) with it.
    """
    from openpyxl.worksheet.page import PageMargins

    sheet = properties(ws)
    sheet.sheet_properties.pageSetUpPr.fitToPage = True  # type: ignore[union-attr]  # made by the sheet's setup
    sheet.page_setup.paperSize, sheet.page_setup.orientation = A4, "landscape"
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0  # one page wide, as many pages long as it takes
    sheet.page_margins = PageMargins(**MARGINS)
    if title_row is not None:
        ws.print_title_rows = f"{title_row}:{title_row}"


def properties(ws: Worksheet | WriteOnlyWorksheet) -> Worksheet:
    """``ws`` as the sheet whose properties it has: a write-only sheet gets a sheet's page setup, row
    dimensions and merged cells from ``Worksheet._setup`` (its type stubs leave them out)."""
    return cast("Worksheet", ws)
