"""Spreadsheets (xlsx, xlsm, xlsb, xls, ods) -> sheets, read by python-calamine in a separate process.

The separate, resource-limited process (``_calamine_worker``) is the safety boundary: a hostile
file that makes calamine allocate gigabytes or panic ends that process, never the dashboard. What
the worker answers becomes ``Sheet``s or a ``UserError`` (a code and a Polish sentence).
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path

from analysis import config
from analysis.display import number, plural
from analysis.errors import UserError
from analysis.reading.sheets import Sheet, without_control_characters
from analysis.reading.sniff import password_protected

WORKER = Path(__file__).with_name("_calamine_worker.py")


def read_spreadsheet(data: bytes) -> list[Sheet]:
    args = [
        sys.executable,
        # -P: the script's folder (analysis/reading/) is not put first on sys.path, where a module named
        # like one of the standard library's would shadow it; PYTHONPATH and site-packages stay as they are
        "-P",
        str(WORKER),
        str(config.READER_MEMORY_BYTES),
        str(config.READER_TIMEOUT_SECONDS),
        str(config.MAX_ROWS_PER_SHEET),
        str(config.MAX_COLUMNS),
        str(config.MAX_SHEETS),
    ]
    env = dict(os.environ, RUST_BACKTRACE="0", PYTHONIOENCODING="utf-8")
    try:
        done = subprocess.run(
            args, input=data, capture_output=True, timeout=config.READER_TIMEOUT_SECONDS, env=env, check=False
        )
    except OSError:  # no process could be started (out of memory or process slots)
        raise UserError(
            "Nie udało się uruchomić odczytu pliku: komputerowi brakuje teraz pamięci lub zasobów. "
            "Spróbuj ponownie za chwilę, a jeśli to się powtarza, zamknij inne programy.",
            "no_resources",
        ) from None
    except subprocess.TimeoutExpired:
        raise UserError(
            "Odczyt pliku trwał zbyt długo i został przerwany. Plik jest prawdopodobnie uszkodzony lub zbyt duży; "
            "otwórz go w Excelu, zapisz jako nowy .xlsx i wgraj ponownie.",
            "reading_stopped",
        ) from None
    try:
        result = pickle.loads(done.stdout) if done.returncode == 0 and done.stdout else None
    except Exception:  # noqa: BLE001 - a worker that died mid-write leaves a truncated pickle
        result = None
    if result is None:
        raise UserError(
            "Pliku nie da się odczytać: po rozpakowaniu jest zbyt duży albo jest uszkodzony. "
            "Otwórz go w Excelu, zapisz jako nowy .xlsx i wgraj ponownie.",
            "reading_stopped",
        )
    if result[0] == "ok":
        return [Sheet(name, rows, max(first_row, 0), first_col, hidden=first_row < 0)
                for name, first_row, first_col, rows in result[1]]
    _, code, detail = result
    if code == "password":
        raise password_protected()
    if code == "too_many_rows":
        name, count = detail.split("\t")
        name = without_control_characters(name)
        raise UserError(
            f"Arkusz „{name}” ma {number(int(count))} {plural(int(count), 'wiersz', 'wiersze', 'wierszy')}, "
            f"a wczytać można najwyżej {number(config.MAX_ROWS_PER_SHEET)}. Podziel dane na mniejsze pliki.",
            "too_many_rows",
        )
    if code == "too_many_columns":
        name, count = detail.split("\t")
        name = without_control_characters(name)
        raise UserError(
            f"Arkusz „{name}” ma {number(int(count))} {plural(int(count), 'kolumnę', 'kolumny', 'kolumn')}, "
            f"a wczytać można najwyżej {number(config.MAX_COLUMNS)}. "
            "Usuń zbędne kolumny (albo komórkę wpisaną daleko poza tabelą) i wgraj ponownie.",
            "too_many_columns",
        )
    if code == "too_many_sheets":
        raise UserError(
            f"Plik ma {number(int(detail))} {plural(int(detail), 'arkusz', 'arkusze', 'arkuszy')}, a wczytać można "
            f"najwyżej {number(config.MAX_SHEETS)}. Usuń zbędne arkusze i wgraj ponownie.",
            "too_many_sheets",
        )
    if code == "too_big":
        raise UserError("Plik jest zbyt duży, by go wczytać. Podziel dane na mniejsze pliki.", "too_large")
    raise UserError(
        "Pliku nie da się odczytać — jest uszkodzony lub niekompletny. "
        "Otwórz go w Excelu, zapisz jako nowy .xlsx i wgraj ponownie.",
        "damaged",
    )
