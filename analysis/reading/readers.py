"""Bytes -> sheets: the file's format sniffed once (``sniff``), then read by that format's reader.

The content decides, never the file's name: spreadsheets (xlsx, xlsm, xlsb, xls, ods) go to
``spreadsheet`` (python-calamine in a separate, resource-limited process), delimited text to
``delimited``. A new format is a branch of ``sniff_format`` and a module that makes ``Sheet``s.
Every refusal is a ``UserError``: a code (``analysis.errors.CODES``) and a Polish sentence.
"""

from __future__ import annotations

from pathlib import Path

from analysis import config
from analysis.errors import UserError
from analysis.reading.delimited import read_csv
from analysis.reading.sheets import Workbook
from analysis.reading.sniff import megabytes, sniff_format
from analysis.reading.spreadsheet import read_spreadsheet


def read_workbook(data: bytes, filename: str = "") -> Workbook:
    """Every sheet of the file in ``data``; raises ``UserError`` for what cannot be read."""
    if len(data) == 0:
        raise UserError("Plik jest pusty (0 bajtów). Sprawdź, czy zapisał się w całości, i wgraj go ponownie.", "empty_file")
    if len(data) > config.max_upload_bytes():
        raise UserError(
            f"Plik ma {megabytes(len(data))}, a limit to {config.max_upload_mb()} MB. "
            "Usuń z niego zbędne arkusze lub podziel go na mniejsze pliki "
            "(limit można podnieść ustawieniem PARTNERSTWO_MAX_UPLOAD_MB).",
            "too_large",
        )
    fmt = sniff_format(data)
    if fmt == "csv":
        return Workbook("csv", [read_csv(data, Path(filename).stem or "CSV")])
    return Workbook(fmt, read_spreadsheet(data))
