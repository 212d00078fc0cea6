"""Reads a workbook with python-calamine in a separate, resource-limited process.

Run as a script by ``analysis.reading.spreadsheet`` (with ``python -P``, so that this folder is not first
on sys.path, where a module named like one of the standard library's would shadow it): the
workbook's bytes come on standard input, a pickled result goes to standard output. It imports
nothing from the project and no pandas, so it starts in a few tens of milliseconds. The
separate process is the safety boundary: a hostile file that makes calamine allocate gigabytes
(a cell at XFD1048576, a zip bomb whose declared sizes lie) or panic ends this process, never
the dashboard.

Result: ("ok", [(sheet_name, first_row, first_col, rows), ...]) or ("error", code, detail).
"""

from __future__ import annotations

import datetime as dt
import io
import pickle
import sys

# what calamine reads from a cell, a sheet's rows, and what this worker answers
Cell = int | float | str | bool | dt.time | dt.date | dt.datetime | dt.timedelta
SheetRows = tuple[str, int, int, list[list[Cell]]]  # name, first row (-1: hidden, not read), first column, rows
Result = tuple[str, list[SheetRows]] | tuple[str, str, str]  # ("ok", sheets) or ("error", code, detail)


def _limit_resources(memory_bytes: int, cpu_seconds: int) -> None:
    try:
        import resource
    except ImportError:  # Windows: the separate process still protects the app
        return
    for limit, value in ((resource.RLIMIT_AS, memory_bytes), (resource.RLIMIT_CPU, cpu_seconds)):
        try:
            soft, hard = resource.getrlimit(limit)
            if hard != resource.RLIM_INFINITY:
                value = min(value, hard)
            resource.setrlimit(limit, (value, hard))
        except (ValueError, OSError):
            pass


def _fill_merged(rows: list[list[Cell]], merged: list[tuple[tuple[int, int], tuple[int, int]]] | None, first_row: int,
                 first_col: int) -> None:
    """Copy a merged range's value into every cell it covers (calamine puts it in the first)."""
    for (r0, c0), (r1, c1) in merged or ():
        r0, r1, c0, c1 = r0 - first_row, r1 - first_row, c0 - first_col, c1 - first_col
        if r0 < 0 or c0 < 0 or r0 >= len(rows) or (r1 - r0 + 1) * (c1 - c0 + 1) > 100_000:
            continue
        value = rows[r0][c0] if c0 < len(rows[r0]) else ""
        for r in range(r0, min(r1, len(rows) - 1) + 1):
            row = rows[r]
            for c in range(c0, min(c1, len(row) - 1) + 1):
                if row[c] == "":
                    row[c] = value


def read(data: bytes, max_rows: int, max_cols: int, max_sheets: int) -> Result:
    import python_calamine as pc

    try:
        workbook = pc.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except pc.PasswordError:
        return ("error", "password", "")
    except Exception as exc:  # noqa: BLE001 - every failure of a foreign file is a verdict
        return ("error", "unreadable", f"{type(exc).__name__}: {exc}")
    names = list(workbook.sheet_names)
    if len(names) > max_sheets:
        return ("error", "too_many_sheets", str(len(names)))
    hidden = set()
    try:
        for meta in workbook.sheets_metadata:
            if str(meta.visible).rsplit(".", 1)[-1].lower() != "visible":
                hidden.add(meta.name)
    except Exception:  # noqa: BLE001 - visibility is a nicety
        pass
    sheets: list[SheetRows] = []
    for name in names:
        if name in hidden:
            sheets.append((name, -1, 0, []))  # a hidden sheet: named, not read
            continue
        try:
            sheet = workbook.get_sheet_by_name(name)
        except pc.PasswordError:
            return ("error", "password", "")
        except Exception as exc:  # noqa: BLE001
            return ("error", "unreadable", f"{type(exc).__name__}: {exc}")
        if sheet.height > max_rows:
            return ("error", "too_many_rows", f"{name}\t{sheet.height}")
        if sheet.width > max_cols:
            return ("error", "too_many_columns", f"{name}\t{sheet.width}")
        first_row, first_col = (sheet.start if sheet.height else None) or (0, 0)
        rows = sheet.to_python() if sheet.height else []
        try:
            merged = sheet.merged_cell_ranges
        except Exception:  # noqa: BLE001 - merged ranges are a nicety, not all formats have them
            merged = None
        _fill_merged(rows, merged, first_row, first_col)
        sheets.append((name, first_row, first_col, rows))
    return ("ok", sheets)


def main() -> None:
    memory, cpu, max_rows, max_cols, max_sheets = (int(x) for x in sys.argv[1:6])
    _limit_resources(memory, cpu)
    data = sys.stdin.buffer.read()
    try:
        result: Result = read(data, max_rows, max_cols, max_sheets)
    except MemoryError:
        result = ("error", "too_big", "")
    except BaseException as exc:  # noqa: BLE001 - a calamine panic arrives as BaseException
        result = ("error", "unreadable", f"{type(exc).__name__}: {exc}")
    sys.stdout.buffer.write(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
    sys.stdout.buffer.flush()


if __name__ == "__main__":
    main()
