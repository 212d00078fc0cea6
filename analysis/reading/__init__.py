"""Reading: bytes -> sheets -> canonical tables, with the problems found and the refusals' codes.

The one door: pages, the command line and the store call only the names below.

- ``read_files`` / ``read_paths``: the files of one upload (or one ``check``) read together, each
  file's tables or the refusal that says why not (its code, ``analysis.errors.CODES``, and a Polish
  sentence); ``read_again``: one table read again with a person's choice of columns or workshop.
- ``sheet_columns``: the columns of a table's sheet, for that choice; ``calendar_from_tables``: the
  cycle's calendar of the schedules read.
- ``check_report`` / ``check_text`` and the preview helpers: what a check reports, and what the
  import page shows of a table (``summary``).

Inside, in the order a file goes through them: ``readers`` (the format sniffed once by ``sniff``,
then ``spreadsheet`` with its ``_calamine_worker`` process, or ``delimited``; both make the
``sheets`` types), ``locate`` (the header row, the kind, which column is which field), ``normalise``
(``rows``, ``sheet_workshop``, then ``attendance``, ``proposals``, ``workshops`` or ``gminas``), all
driven by ``importer``.

The names that need pandas are imported on first use (module ``__getattr__``): ``python -m analysis
check`` imports pandas in a thread while the sheets are read, and the pages start sooner.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from analysis.reading.importer import read_again, read_files, read_paths
from analysis.reading.locate import sheet_columns

if TYPE_CHECKING:
    from analysis.reading.summary import (
        WORKSHOP_SOURCES,
        CheckReport,
        check_report,
        check_text,
        column_mapping,
        notice_count,
        preview_frame,
        problems_frame,
        table_summary,
    )
    from analysis.reading.workshops import calendar_from_tables

__all__ = [
    "WORKSHOP_SOURCES",
    "CheckReport",
    "calendar_from_tables",
    "check_report",
    "check_text",
    "column_mapping",
    "notice_count",
    "preview_frame",
    "problems_frame",
    "read_again",
    "read_files",
    "read_paths",
    "sheet_columns",
    "table_summary",
]

# name -> the module that defines it, imported when the name is first asked for (they import pandas)
_ON_FIRST_USE = {
    "calendar_from_tables": "analysis.reading.workshops",
    **dict.fromkeys(("WORKSHOP_SOURCES", "CheckReport", "check_report", "check_text", "column_mapping",
                     "notice_count", "preview_frame", "problems_frame", "table_summary"), "analysis.reading.summary"),
}


def __getattr__(name: str) -> object:
    if name in _ON_FIRST_USE:
        return getattr(importlib.import_module(_ON_FIRST_USE[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
